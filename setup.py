"""Build step: compiles ``linkboard.extract`` to C with mypyc, the extractor's hot loop.

Everything else is in ``pyproject.toml``. The ``.py`` files stay the source: with no C compiler,
or with ``LINKBOARD_PURE_PYTHON=1``, the package installs and runs as plain Python (about a third
slower at extraction; see docs/benchmarks.md). An editable install (``make``) puts the compiled
modules next to their sources; ``make`` rebuilds them when a source changes, and the test suite
refuses to run on compiled modules older than their sources.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

EXTRACT = Path("src/linkboard/extract")


def compiled() -> list:
    if os.environ.get("LINKBOARD_PURE_PYTHON"):
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        print("linkboard: mypyc is missing; installing pure Python", file=sys.stderr)
        return []
    sources = sorted(str(p) for p in EXTRACT.glob("*.py"))
    # No config file: the project's mypy plugins are not in the build environment.
    options = ["--config-file=", "--ignore-missing-imports", "--python-version=3.11"]
    return mypycify([*options, *sources], opt_level="3", group_name="linkboard_extract")


class OptionalBuildExt(build_ext):
    """A failed compile leaves the pure-Python package, with one line saying so."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as error:  # no compiler, no Python headers
            print(f"linkboard: not compiled ({error}); installing pure Python", file=sys.stderr)


setup(ext_modules=compiled(), cmdclass={"build_ext": OptionalBuildExt})
