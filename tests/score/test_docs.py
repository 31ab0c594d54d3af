"""docs/indicators.md is generated from the taxonomy and must be fresh."""

from __future__ import annotations

from linkboard.score import load_taxonomy
from linkboard.score.docs import DOC, main, render


def test_every_indicator_is_documented():
    text = DOC.read_text(encoding="utf-8")
    for ind in load_taxonomy().indicators:
        assert f"### {ind.code}\n" in text, f"{ind.code} missing from {DOC}"
        assert ind.reference.split(";")[0] in text


def test_docs_are_fresh():
    assert DOC.read_text(encoding="utf-8") == render(load_taxonomy()), (
        "docs/indicators.md is stale: run python -m linkboard.score.docs"
    )


def test_check_mode(tmp_path, capsys):
    out = tmp_path / "indicators.md"
    assert main(["--output", str(out), "--check"]) == 1
    assert main(["--output", str(out)]) == 0
    assert main(["--output", str(out), "--check"]) == 0
    capsys.readouterr()
