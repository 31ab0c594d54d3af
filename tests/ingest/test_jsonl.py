from __future__ import annotations

import gzip
import json

import zstandard
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linkboard.ingest import ReadOptions, ingest, read
from linkboard.ingest.sources import MAX_RECORD_BYTES
from linkboard.model import Quarantined, Record, sha256_text
from tests.conftest import write_jsonl

GOOD = [
    {
        "id": "ad-1",
        "body": "New in town, call 702-555-0123",
        "site": "example.com",
        "posted_at": "2026-01-02T10:00:00Z",
        "images": ["photos/a.jpg"],
        "color": "blue",
    },
    {"id": "ad-2", "title": "Hello", "body": "Second ad", "url": "https://www.example.org/ads/2"},
]


def test_corrupt_lines_are_quarantined_with_line_numbers_and_good_lines_load(tmp_path, store):
    path = write_jsonl(
        tmp_path / "ads.jsonl",
        [
            GOOD[0],
            '{"id": "bad-json", "body": ',
            {"id": "no-body"},
            {"id": "wrong-type", "body": 42},
            {"id": "bad-date", "body": "x", "posted_at": "yesterday"},
            {"id": "bad-images", "body": "x", "images": "a.jpg"},
            "[1, 2, 3]",
            GOOD[1],
        ],
    )
    with path.open("ab") as fh:
        fh.write(b'{"id": "bad-utf8", "body": "caf\xe9"}\n')
    counts = ingest(store, [path])
    assert (counts.added, counts.quarantined) == (3, 6)
    reasons = {q.locator.rsplit(":", 1)[1]: q.reason for q in store.quarantined()}
    assert reasons == {
        "2": reasons["2"],
        "3": "missing field: body",
        "4": "wrong type: body must be a string, got int",
        "5": "wrong type: posted_at must be an ISO-8601 date, got 'yesterday'",
        "7": "wrong type: a line must be a JSON object",
        "9": "invalid UTF-8 at byte 31",
    }
    assert reasons["2"].startswith("invalid JSON")
    assert {r for r in store.all_record_ids()} == {"ad-1", "ad-2", "bad-images"}


def test_a_huge_field_is_quarantined_without_stopping_the_batch(tmp_path, store):
    path = tmp_path / "ads.jsonl"
    huge = json.dumps({"id": "huge", "body": "x" * (50 * 1024 * 1024)})
    path.write_text(json.dumps(GOOD[0]) + "\n" + huge + "\n" + json.dumps(GOOD[1]) + "\n")
    counts = ingest(store, [path])
    assert (counts.added, counts.quarantined) == (2, 1)
    (bad,) = store.quarantined()
    assert bad.locator.endswith(":2")
    assert bad.reason == f"record too large: over {MAX_RECORD_BYTES:,} bytes"


def test_running_the_same_input_twice_changes_nothing(tmp_path, store):
    path = write_jsonl(tmp_path / "ads.jsonl", [*GOOD, "not json"])
    first = ingest(store, [path])
    stats = store.stats()
    second = ingest(store, [path])
    assert first.added == 2
    assert second.added == 0
    assert second.unchanged == 2
    assert store.stats() == stats


def test_a_new_file_adds_only_its_new_records_and_a_changed_record_is_an_update(tmp_path, store):
    ingest(store, [write_jsonl(tmp_path / "a.jsonl", GOOD)])
    changed = dict(GOOD[1], body="Second ad, edited")
    counts = ingest(
        store,
        [write_jsonl(tmp_path / "b.jsonl", [GOOD[0], changed, {"id": "ad-3", "body": "third"}])],
    )
    assert (counts.added, counts.updated, counts.unchanged) == (1, 1, 1)
    assert store.record("ad-2").body == "Second ad, edited"
    history = store.execute("SELECT id FROM record_history").fetchall()
    assert [h[0] for h in history] == ["ad-2"]


def test_records_keep_raw_content_provenance_and_unknown_fields(tmp_path, store):
    path = write_jsonl(tmp_path / "ads.jsonl", GOOD)
    ingest(store, [path], options=ReadOptions(source="site-a"))
    record = store.record("ad-1")
    line = path.read_text().splitlines()[0]
    assert record.raw == line
    assert record.provenance.sha256 == sha256_text(line)
    assert record.provenance.source == "site-a"
    assert record.provenance.locator == f"{path}:1"
    assert record.posted_at == "2026-01-02T10:00:00+00:00"
    assert record.images == (str((tmp_path / "photos/a.jpg").resolve()),)
    assert record.extra == {"color": "blue"}
    assert store.record("ad-2").site == "example.org"


def test_gzip_and_zstandard_inputs(tmp_path, store):
    gz = tmp_path / "a.jsonl.gz"
    with gzip.open(gz, "wt") as fh:
        fh.write(json.dumps(GOOD[0]) + "\n")
    zst = tmp_path / "b.jsonl.zst"
    zst.write_bytes(zstandard.ZstdCompressor().compress((json.dumps(GOOD[1]) + "\n").encode()))
    counts = ingest(store, [gz, zst])
    assert counts.added == 2
    assert sorted(store.all_record_ids()) == ["ad-1", "ad-2"]


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(st.binary(max_size=300), max_size=8))
def test_any_bytes_become_records_or_quarantine_never_an_exception(tmp_path, lines):
    path = tmp_path / "fuzz.jsonl"
    path.write_bytes(b"\n".join(line.replace(b"\n", b" ") for line in lines) + b"\n")
    items = list(read(path, "jsonl"))
    assert all(isinstance(i, (Record, Quarantined)) for i in items)
    assert len(items) <= len(lines)


def test_a_line_nested_100000_levels_deep_is_quarantined_and_the_batch_goes_on(tmp_path, store):
    """Found by the hostile probe: it aborted the run with a RecursionError traceback."""
    from linkboard.ingest.lines import MAX_DEPTH

    path = tmp_path / "ads.jsonl"
    deep = '{"id": "deep", "body": ' + "[" * 100_000 + "]" * 100_000 + "}"
    nested = (
        '{"id": "nested", "body": "x", "extra": '
        + "[" * (MAX_DEPTH + 1)
        + "]" * (MAX_DEPTH + 1)
        + "}"
    )
    path.write_text("\n".join([json.dumps(GOOD[0]), deep, nested, json.dumps(GOOD[1])]) + "\n")
    counts = ingest(store, [path])
    assert (counts.added, counts.quarantined) == (2, 2)
    reasons = {q.locator.rsplit(":", 1)[1]: q.reason for q in store.quarantined()}
    too_deep = f"too deeply nested: over {MAX_DEPTH} levels"
    assert reasons == {"2": too_deep, "3": too_deep}
