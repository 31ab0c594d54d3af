"""A channel is a package that registers its parts (``linkboard.hooks``): with a record kind, an
input format, a value type, an indicator file and an export format registered by a package that
linkboard does not import (``tests/plugin/notes.py``), the same commands read, extract, score,
link, show and export its records — and the plugin's parts are gone when it is."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from linkboard import hooks
from linkboard.cli import main
from linkboard.ingest import detect_format, formats
from linkboard.kinds import UnknownKind, kind
from linkboard.store import open_store
from linkboard.values import Identifier, display, value_type
from tests.plugin import notes

NOTES = """\
n-1 | 702-555-0142 | ab12cd34 | Reno, NV | Met at the shelter; says he holds her passport.
n-2 | (702) 555-0142 | AB12CD34 | Reno, NV | Second visit, same contact.
n-3 | 702-555-0199 | zz | Sparks, NV | she keeps her papers in a drawer at home
broken line without fields
"""


@pytest.fixture
def plugin() -> Iterator[None]:
    hooks.load_default_plugins()  # linkboard's own channels first, whichever test runs first
    notes.register()
    yield
    notes.unregister()


def test_a_plugins_parts_are_found_where_linkboards_own_are(plugin: None, tmp_path: Path) -> None:
    source = tmp_path / "visits.notes"
    source.write_text(NOTES)
    assert detect_format(source) == "notes"
    assert formats()[:4] == ["jsonl", "csv", "cdr", "html"]
    assert "notes" in formats()
    assert kind("note").identifiers[1].type == "serial"
    assert value_type("serial").read(" ab12cd34 ", "", "US") == "AB12CD34"
    assert display(Identifier("serial", "AB12CD34")) == "serial AB12CD34"
    assert hooks.taxonomy_files([tmp_path / "mine.yaml"])[-2:] == [
        Path(notes.__file__).parent / "indicators.yaml",
        tmp_path / "mine.yaml",
    ]


def test_a_plugins_records_run_through_the_same_pipeline(plugin: None, tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "visits.notes").write_text(NOTES)
    db = tmp_path / "notes.db"
    run = CliRunner().invoke(main, ["run", str(folder), "--db", str(db), "--workers", "1", "-q"])
    assert run.exit_code == 0, run.output
    with open_store(db) as store:
        note = store.record("n-1")
        assert note is not None
        assert (note.kind, note.location) == ("note", "Reno, NV")
        held = {(m.field, m.kind, m.value, m.role) for m in store.mentions("n-1")}
        assert ("contact", "phone", "+17025550142", "self") in held
        assert ("device", "serial", "AB12CD34", "self") in held
        assert [h.code for h in store.hits("record", "n-1")] == ["NOTE_PAPERS_HELD"]
        assert store.hits("record", "n-3") == []  # the indicator's near miss
        networks = dict(store.record_networks())
        assert networks["n-1"] is not None
        assert networks["n-1"] == networks["n-2"] != networks["n-3"]
        assert [q.reason for q in store.quarantined()] == [
            "a note is id | contact | device | place | text"
        ]
    out = tmp_path / "network.txt"
    args = ["--db", str(db), "--format", "lines", "--network", networks["n-1"], "--out", str(out)]
    export = CliRunner().invoke(main, ["export", *args])
    assert export.exit_code == 0, export.output
    assert sorted(out.read_text().splitlines()) == [
        "n-1\tnote\tMet at the shelter; says he holds her passport.",
        "n-2\tnote\tSecond visit, same contact.",
    ]


def test_without_the_plugin_its_parts_are_unknown(tmp_path: Path) -> None:
    source = tmp_path / "visits.notes"
    source.write_text(NOTES)
    assert "notes" not in formats()
    with pytest.raises(UnknownKind):
        kind("note")
    with pytest.raises(KeyError, match="no value type 'serial'"):
        value_type("serial")
    result = CliRunner().invoke(main, ["export", "--format", "lines", "--db", str(tmp_path / "x")])
    assert result.exit_code == 2
    assert "'lines' is not one of" in result.output


def test_a_taken_name_is_refused() -> None:
    with pytest.raises(ValueError, match="exporter: 'jsonl' is registered already"):
        hooks.exporters.register("jsonl", hooks.Exporter(".x", notes.write_lines))
    assert json.dumps(sorted(hooks.exporters.all())).startswith('["connections", "csv"')
