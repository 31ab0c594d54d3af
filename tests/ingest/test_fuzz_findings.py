"""What fuzzing and the hostile seeds found in the readers, each kept as a test.

Each input here broke a reader before: a traceback that sank the batch, time quadratic in the
input, or memory growing with it. Now each is quarantined with a reason (or read), the rest of
the batch kept, in bounded time and memory.
"""

from __future__ import annotations

import gzip
import json
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import zstandard

from linkboard.ingest import ingest, read
from linkboard.ingest.sources import MAX_RECORD_BYTES
from linkboard.ingest.text import parse_page
from linkboard.model import Quarantined, Record

GOOD = b'{"id": "ok-1", "body": "Call 702-555-0101"}\n'
MB = 1024 * 1024


def reasons(path: Path, fmt: str | None = None) -> tuple[list[str], list[str]]:
    """(ids of the records, reasons of the quarantined) read from PATH."""
    items = list(read(path, fmt))
    assert all(isinstance(i, (Record, Quarantined)) for i in items)
    return [i.id for i in items if isinstance(i, Record)], [
        i.reason for i in items if isinstance(i, Quarantined)
    ]


def peak_mb(run: Callable[[], Any]) -> float:
    """Peak of Python's own allocations while RUN runs, in MB."""
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1] / MB
    finally:
        tracemalloc.stop()


def test_a_number_of_5000_digits_is_quarantined_and_the_batch_goes_on(tmp_path, store) -> None:
    """Python's JSON parser raises ValueError past 4,300 digits: it escaped the reader."""
    huge = b"7" * 5000
    (tmp_path / "ads.jsonl").write_bytes(b'{"id": "n", "body": "x", "n": ' + huge + b"}\n" + GOOD)
    (tmp_path / "crawl.cdr").write_bytes(
        b'{"_id": "c", "extracted_text": "x", "timestamp": ' + huge + b"}\n"
    )
    counts = ingest(store, [tmp_path / "ads.jsonl", tmp_path / "crawl.cdr"], None)
    assert (counts.added, counts.quarantined) == (1, 2)
    assert {q.reason for q in store.quarantined()} == {
        "invalid JSON: a number of over 4,300 digits"
    }


def test_an_escaped_lone_surrogate_is_quarantined_not_a_crash_when_stored(tmp_path, store):
    """JSON allows "\\ud800"; UTF-8 cannot hold it: storing the batch raised and lost it all."""
    path = tmp_path / "ads.jsonl"
    path.write_bytes(
        b'{"id": "s", "body": "a \\ud800 b"}\n'
        + GOOD
        + b'{"id": "emoji", "body": "hi \\ud83d\\ude00"}\n'
    )
    counts = ingest(store, [path])
    assert (counts.added, counts.quarantined) == (2, 1)
    [bad] = store.quarantined()
    assert bad.locator.endswith(":1")
    assert "lone surrogate" in bad.reason
    assert store.record("emoji").body == "hi \U0001f600"


def test_a_truncated_gzip_or_corrupt_zstd_keeps_the_lines_before_it(tmp_path, store) -> None:
    """A damaged .gz raised EOFError out of the reader, and the run lost the whole batch."""
    lines = b"".join(b'{"id": "g%d", "body": "ad %d"}\n' % (i, i) for i in range(200))
    (tmp_path / "cut.jsonl.gz").write_bytes(gzip.compress(lines)[:-100])
    zst = zstandard.ZstdCompressor().compress(b"id,body\n" + b"z,an ad\n" * 2000)
    (tmp_path / "bad.csv.zst").write_bytes(zst[:-40] + b"\xff" * 40)
    ids, why = reasons(tmp_path / "cut.jsonl.gz")
    assert 0 < len(ids) < 200
    assert len(why) == 1
    assert why[0].startswith("unreadable input from here on: Compressed file ended")
    _, why = reasons(tmp_path / "bad.csv.zst")
    assert why[-1].startswith("unreadable input from here on: zstd decompress error")
    counts = ingest(store, [tmp_path / "cut.jsonl.gz"])
    assert (counts.added, counts.quarantined) == (len(ids), 1)


def test_a_csv_line_of_60_mb_is_quarantined_without_being_held_whole(tmp_path) -> None:
    """The csv module was fed a text file: an over-long line was read whole into memory."""
    path = tmp_path / "ads.csv"
    with path.open("wb") as fh:
        fh.write(b"id,body\nok-1,first\nbig,")
        for _ in range(60):
            fh.write(b"x" * MB)
        fh.write(b"\nok-2,third\n")
    found: list[tuple[list[str], list[str]]] = []
    peak = peak_mb(lambda: found.append(reasons(path)))
    assert found == [(["ok-1", "ok-2"], [f"record too large: over {MAX_RECORD_BYTES:,} bytes"])]
    assert peak < 40, f"{peak:.0f} MB held for a 60 MB line"


def test_csv_rows_end_at_a_lone_carriage_return_as_before(tmp_path) -> None:
    path = tmp_path / "mac.csv"
    path.write_bytes(b'id,body\rm1,first ad\rm2,"two\r\nlines"\r\nm3,third\n')
    ids, why = reasons(path)
    assert (ids, why) == (["m1", "m2", "m3"], [])
    assert [r.body for r in read(path) if isinstance(r, Record)][1] == "two\r\nlines"


def test_an_html_page_of_60_mb_is_refused_without_being_read_whole(tmp_path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    with (folder / "big.html").open("wb") as fh:
        fh.write(b"<p>")
        for _ in range(60):
            fh.write(b"x" * MB)
    found: list[tuple[list[str], list[str]]] = []
    peak = peak_mb(lambda: found.append(reasons(folder, "html")))
    assert found == [([], [f"record too large: over {MAX_RECORD_BYTES:,} bytes"])]
    assert peak < 40, f"{peak:.0f} MB held for a 60 MB page"


def test_a_tag_left_open_after_deep_nesting_is_read_in_linear_time() -> None:
    """Past libxml2's depth the markup is read by a pattern whose tag name backtracked: this
    page took about a quarter of an hour."""
    page = "<div>" * 300 + "Ask for Sunny <a" + "a" * 600_000
    began = time.perf_counter()
    text = parse_page(page).text
    assert time.perf_counter() - began < 5
    assert text.startswith("Ask for Sunny <aaa")


def test_control_characters_beside_a_dropped_script_are_read_not_raised(tmp_path) -> None:
    """Found by the fuzzer (fuzz/regressions/html): lxml refused a text holding NUL bytes when
    dropping the script beside it, and the ValueError escaped the page reader."""
    kept = Path(__file__).resolve().parents[2] / "fuzz" / "regressions" / "html"
    page = (kept / "nul-beside-a-dropped-script").read_bytes()
    assert parse_page(page.decode("utf-8", "replace")) is not None
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "nul.html").write_bytes(b"<p>Call\x00 702-555-0101</p><script>x\x00</script>\x00 ok")
    [record] = read(folder, "html")
    assert isinstance(record, Record)
    assert record.body == "Call 702-555-0101\nok"


def test_a_cdr_page_of_100000_nested_tags_keeps_its_text(tmp_path) -> None:
    line = {"_id": "deep", "raw_content": "<div>" * 100_000 + "Ask for Sunny 702-555-0101"}
    (tmp_path / "crawl.cdr").write_text(json.dumps(line) + "\n")
    [record] = read(tmp_path / "crawl.cdr", "cdr")
    assert isinstance(record, Record)
    assert record.body == "Ask for Sunny 702-555-0101"


def test_a_first_line_nested_too_deep_is_still_detected_as_json_lines(tmp_path, store) -> None:
    """Format detection parses the first line: a RecursionError (or the ValueError of a huge
    number) escaped from it before any reader ran."""
    from linkboard.ingest import detect_format

    deep = tmp_path / "deep.jsonl"
    deep.write_bytes(b'{"id": "d", "body": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n" + GOOD)
    assert detect_format(deep) == "jsonl"
    counts = ingest(store, [deep])
    assert (counts.added, counts.quarantined) == (1, 1)
