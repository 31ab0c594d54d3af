from __future__ import annotations

import json
from pathlib import Path

import pytest

from linkboard.ingest import InputError, ReadOptions, detect_format, ingest
from tests.conftest import write_jsonl

PAGE = """<!doctype html><html><head><title>Visiting Dallas this week</title>
<link rel="canonical" href="https://ads.example.com/dallas/123">
<meta property="article:published_time" content="2026-03-04T05:06:07Z">
<script>var x = "not text";</script><style>p {color: red}</style></head>
<body><h1>Hi, I'm Lola</h1><p>Call <b>214-555-0142</b> &amp; ask for Lola.</p>
<img src="img/one.png"><img src="https://cdn.example.com/two.jpg"></body></html>"""


def test_cdr_lines_load_with_url_time_and_text(tmp_path, store):
    path = write_jsonl(
        tmp_path / "crawl.jsonl",
        [
            {
                "_id": "cdr-1",
                "url": "https://ads.example.com/a/1",
                "timestamp": 1767323045000,
                "raw_content": PAGE,
                "content_type": "text/html",
                "team": "t",
                "crawler": "c",
            },
            {
                "_id": "cdr-2",
                "url": "http://www.example.net/x",
                "crawl_data": {"timestamp": "2026-02-01T00:00:00"},
                "extracted_text": "Text given by the crawler",
                "content_type": "text/html",
            },
            {"_id": "cdr-3", "url": "http://example.net/empty", "raw_content": "<html></html>"},
        ],
    )
    assert detect_format(path) == "cdr"
    counts = ingest(store, [path])
    assert (counts.added, counts.quarantined) == (2, 1)
    one = store.record("cdr-1")
    assert one.site == "ads.example.com"
    assert one.posted_at == "2026-01-02T03:04:05+00:00"
    assert "Call 214-555-0142 & ask for Lola." in one.body
    assert "not text" not in one.body
    assert "color" not in one.body
    assert one.title == "Visiting Dallas this week"
    assert one.raw == path.read_text().splitlines()[0]
    two = store.record("cdr-2")
    assert (two.body, two.site, two.posted_at) == (
        "Text given by the crawler",
        "example.net",
        "2026-02-01T00:00:00+00:00",
    )


def test_a_folder_of_saved_html_pages_loads_text_and_images(tmp_path, store):
    folder = tmp_path / "pages"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.html").write_text(PAGE)
    (folder / "sub" / "b.htm").write_text("<p>Second page, text 305-555-0199</p>")
    (folder / "empty.html").write_text("<html><body></body></html>")
    (folder / "notes.txt").write_text("ignored")
    assert detect_format(folder) == "html"
    counts = ingest(store, [folder])
    assert (counts.added, counts.quarantined) == (2, 1)
    page = store.record("pages/a.html")
    assert page.url == "https://ads.example.com/dallas/123"
    assert page.posted_at == "2026-03-04T05:06:07+00:00"
    assert page.images == (
        str((folder / "img/one.png").resolve()),
        "https://cdn.example.com/two.jpg",
    )
    assert "Hi, I'm Lola" in page.body
    assert store.record("pages/sub/b.htm").body == "Second page, text 305-555-0199"


def test_csv_with_a_column_mapping(tmp_path, store):
    path = tmp_path / "ads.csv"
    path.write_text(
        "post_id,description,when,city\n"
        'p1,"Call 702-555-0123, new here",2026-01-01T00:00:00Z,Las Vegas\n'
        "p2,,2026-01-01,Reno\n"
        'p3,"short row"\n'
    )
    options = ReadOptions(
        mapping={"id": "post_id", "body": "description", "posted_at": "when", "location": "city"}
    )
    counts = ingest(store, [path], options=options)
    assert (counts.added, counts.quarantined) == (1, 2)
    assert store.record("p1").location == "Las Vegas"
    reasons = sorted(q.reason for q in store.quarantined())
    assert reasons == ["empty field: body", "wrong number of columns: 2, header has 4"]


def test_csv_mapping_errors_are_clear(tmp_path, store):
    path = tmp_path / "ads.csv"
    path.write_text("a,b\n1,2\n")
    with pytest.raises(InputError, match="no body column"):
        ingest(store, [path])
    with pytest.raises(InputError, match="column\\(s\\) not in the CSV header: nope"):
        ingest(store, [path], options=ReadOptions(mapping={"body": "nope"}))


def test_unknown_and_missing_inputs_are_refused_before_anything_is_written(tmp_path, store):
    good = write_jsonl(tmp_path / "ok.jsonl", [{"id": "x", "body": "y"}])
    (tmp_path / "data.bin").write_bytes(b"\0")
    with pytest.raises(InputError, match="unknown input format"):
        ingest(store, [good, tmp_path / "data.bin"])
    with pytest.raises(InputError, match="no such file"):
        ingest(store, [good, tmp_path / "missing.jsonl"])
    assert store.stats()["records"] == 0


def test_format_detection(tmp_path):
    assert detect_format(write_jsonl(tmp_path / "a.jsonl", [{"id": "1", "body": "b"}])) == "jsonl"
    (tmp_path / "b.csv").write_text("id,body\n")
    assert detect_format(tmp_path / "b.csv") == "csv"
    assert detect_format(Path(tmp_path)) == "html"
    assert json.loads((tmp_path / "a.jsonl").read_text())["id"] == "1"


def test_a_folder_of_json_lines_files_is_read_not_ingested_as_nothing(tmp_path, store):
    folder = tmp_path / "inbox"
    (folder / "week2").mkdir(parents=True)
    write_jsonl(folder / "ads.jsonl", [{"id": "1", "body": "hello"}, "{broken"])
    write_jsonl(folder / "week2" / "more.jsonl", [{"id": "2", "body": "again"}])
    (folder / "notes.txt").write_text("not an ad")
    counts = ingest(store, [folder])
    assert (counts.added, counts.quarantined) == (2, 1)
    assert sorted(store.all_record_ids()) == ["1", "2"]
    (bad,) = store.quarantined()
    assert bad.locator == f"{folder / 'ads.jsonl'}:2"
    assert bad.reason.startswith("invalid JSON")


def test_a_csv_row_the_csv_module_cannot_read_is_quarantined_and_reading_goes_on(tmp_path, store):
    """A field over the csv module's size limit raised out of the reader and lost the rest."""
    path = tmp_path / "ads.csv"
    huge = "y" * (9 * 1024 * 1024)
    path.write_text(f"id,body\np1,first ad\np2,{huge}\np3,third ad\n")
    counts = ingest(store, [path])
    assert (counts.added, counts.quarantined) == (2, 1)
    (bad,) = store.quarantined()
    assert bad.locator.endswith(":3")
    assert bad.reason == "record too large: over 8,388,608 bytes"
    assert sorted(store.all_record_ids()) == ["p1", "p3"]


def test_a_page_of_100000_nested_tags_keeps_its_text_and_images(tmp_path, store):
    """libxml2 stops at 256 levels: the page was quarantined as having no visible text."""
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "img.png").write_bytes(b"")
    inner = "<p>Deep page, text 305-555-0142 <img src='img.png'></p>"
    page = "<html><head><title>Deep</title></head><body>" + "<div>" * 100_000 + inner
    (folder / "deep.html").write_text(page + "</div>" * 100_000 + "</body></html>")
    counts = ingest(store, [folder])
    assert (counts.added, counts.quarantined) == (1, 0)
    record = store.record("pages/deep.html")
    assert "Deep page, text 305-555-0142" in record.body
    assert record.title == "Deep"
    assert len(record.images) == 1
    assert record.images[0].endswith("img.png")
