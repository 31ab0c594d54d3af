"""Coverage-guided fuzzing of linkboard's input readers (atheris, libFuzzer's engine for Python).

``targets`` holds the property each reader must keep, ``seeds`` the seed corpus (made from the
synthetic corpus) and the hostile inputs kept as regression seeds, ``run`` the driver that
``make fuzz`` and the test suite call. See docs/fuzzing.md.
"""
