from linkboard.clidocs import DOC, render


def test_the_cli_reference_is_generated_and_current():
    assert DOC.exists(), "run: python -m linkboard.clidocs"
    assert DOC.read_text() == render(), "docs/cli.md is stale: run python -m linkboard.clidocs"


def test_every_command_is_documented():
    text = render()
    for command in (
        "run",
        "ingest",
        "process",
        "export",
        "synth",
        "stats",
        "networks",
        "network",
        "explain",
        "fit-weights",
        "serve",
        "users add",
        "alerts",
        "case create",
        "case add",
        "case list",
        "case note",
        "hashlist load",
        "hashlist list",
        "hashlist drop",
    ):
        assert f"## `linkboard {command}`" in text
