"""A newcomer's first hour: the README's CLI tour runs end to end, `make demo` says where to go
first, and installing raises no packaging deprecation."""

from __future__ import annotations

import json
import re
import shlex
import tomllib
from pathlib import Path

from click.testing import CliRunner

from linkboard.cli import main

ROOT = Path(__file__).resolve().parents[2]
#: The tour's corpus is 2,000 ads; the test runs the same lines on fewer.
TOUR_ADS = "150"


def tour() -> list[list[str]]:
    text = (ROOT / "README.md").read_text()
    block = text.split("## A five-minute tour of the CLI", 1)[1].split("```sh\n", 1)[1]
    lines = block.split("```", 1)[0].splitlines()
    return [shlex.split(line, comments=True) for line in lines if line.startswith("linkboard ")]


def test_the_readme_tour_runs_end_to_end(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    served = []
    monkeypatch.setattr("linkboard.web.serve", lambda *a, **k: served.append(a))
    runner = CliRunner()
    for words in tour():
        args = words[1:]
        if args[0] == "synth":
            args[args.index("--ads") + 1] = TOUR_ADS
        if args[0] == "run":
            args += ["--workers", "1"]
        if args[0] == "fit-weights":  # the analyst's own labels: here, the synthetic truth's
            truth = map(json.loads, Path("corpus/truth_ads.jsonl").read_text().splitlines())
            Path("my-labels.csv").write_text(
                "".join(f"{t['id']},{int(t['is_operation'])}\n" for t in truth)
            )
        stdin = "a long enough password\n" * 2 if args[:2] == ["users", "add"] else None
        result = runner.invoke(main, args, input=stdin)
        assert result.exit_code == 0, (words, result.output)
    assert Path("case1.ftm.json").read_text().strip()
    assert served, "the tour ends by serving the workspace"


def test_the_tour_creates_the_case_it_exports():
    commands = [" ".join(c[1:3]) for c in tour()]
    exports = [i for i, c in enumerate(tour()) if c[1] == "export" and "--case" in c]
    assert "serve" in commands[-1], "serve blocks: the tour ends with it"
    assert exports
    assert commands.index("case create") < exports[0]
    assert commands.index("case add") < exports[0]


def test_make_demo_says_where_to_start():
    makefile = (ROOT / "Makefile").read_text()
    recipe = makefile.split("\ndemo:", 1)[1].split("\n\n", 1)[0]
    said = " ".join(re.findall(r'@echo "(.*)"', recipe))
    assert "http://$(HOST):$(PORT)/setup" in said
    assert "linkboard users add NAME --role admin" in said
    assert "Opening" not in said, "make demo opens no browser"


def test_the_licence_is_an_spdx_string_for_a_setuptools_that_reads_it():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert pyproject["project"]["license"] == "Apache-2.0"
    requires = pyproject["build-system"]["requires"]
    floor = next(r for r in requires if r.startswith("setuptools"))
    version = tuple(int(x) for x in floor.split(">=")[1].split("."))
    assert version >= (77,), "setuptools reads SPDX licence expressions from 77.0"
