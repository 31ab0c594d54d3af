from __future__ import annotations

import csv
import json

import lxml.html
import networkx as nx
import pytest
from followthemoney import model

from linkboard.cases import audit, casefiles
from linkboard.cases.roles import PermissionDenied
from linkboard.export import formats
from linkboard.export.scope import ExportError
from tests.cases.fixtures import EMAIL, HANDLE, PHONE_A, PHONE_B, build, image_file, users


@pytest.fixture
def case_id(store):
    build(store)
    case = casefiles.create_case(store, "Sunny", description="Phoenix lead")
    casefiles.add_item(store, case.id, "network", "n1")
    casefiles.add_item(store, case.id, "network", "n2")
    casefiles.add_note(store, case.id, "Three cities in a week")
    return case.id


def test_ftm_entities_round_trip_and_validate(store, tmp_path, case_id):
    out = tmp_path / "case.ftm.json"
    result = formats.export_case(store, case_id, "ftm", out)
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert result.written == len(lines)
    assert result.records == 5
    proxies = []
    for data in lines:
        proxy = model.get_proxy(data)
        assert proxy.to_dict() == data  # nothing dropped by cleaning: all values valid
        assert proxy.schema.validate(data) is None
        assert set(data["properties"]) <= set(proxy.schema.properties)
        proxies.append(proxy)
    by_schema: dict[str, list] = {}
    for p in proxies:
        by_schema.setdefault(p.schema.name, []).append(p)
    assert len(by_schema["Document"]) == 5
    [sunny] = [p for p in by_schema["Person"] if p.first("name") == "Sunny"]
    assert sorted(sunny.get("phone")) == [PHONE_A]
    assert sunny.get("email") == [EMAIL]
    assert sunny.get("alias") == ["sunny"]
    [account] = by_schema["UserAccount"]
    assert account.get("username") == [HANDLE.split(":")[1]]
    assert account.get("service") == ["instagram"]
    assert account.get("owner") == [sunny.id]
    doc = next(p for p in by_schema["Document"] if "ad-4" in p.first("summary"))
    assert doc.get("sourceUrl") == ["https://ads.example.com/ad-4"]
    assert doc.get("phoneMentioned") == [PHONE_B]
    assert doc.first("retrievedAt").startswith("2026-02-01")
    assert doc.first("processingAgent").startswith("linkboard ")
    assert "sha256 " in doc.first("summary")
    links = by_schema["UnknownLink"]
    assert len(links) == 4
    assert {p.first("role") for p in links} == {"identifier link", "text link"}
    ids = {p.id for p in proxies}
    for edge in by_schema["Documentation"] + links:
        assert all(
            ref in ids
            for prop in edge.schema.properties.values()
            if prop.type.name == "entity"
            for ref in edge.get(prop)
        )


def test_graphml_reads_back_with_networkx(store, tmp_path, case_id):
    out = tmp_path / "case.graphml"
    formats.export_case(store, case_id, "graphml", out)
    g = nx.read_graphml(out)
    record = g.nodes["record:ad-1"]
    assert record["type"] == "record"
    assert record["network"] == "n1"
    assert record["url"] == "https://ads.example.com/ad-1"
    assert len(record["sha256"]) == 64
    assert record["pipeline_version"]
    assert record["ingested_at"].startswith("2026-02-01")
    assert g.nodes[f"phone:{PHONE_A}"]["type"] == "identifier"
    kinds = sorted(d["kind"] for _, _, d in g.edges(data=True))
    assert kinds.count("identifier") == 3
    assert kinds.count("text") == 1
    assert kinds.count("mentions") == 7
    text = next(d for _, _, d in g.edges(data=True) if d["kind"] == "text")
    assert json.loads(text["evidence"]) == {"jaccard": 0.8}
    assert text["hard"] is False


def test_i2_and_maltego_csv(store, tmp_path, case_id):
    formats.export_case(store, case_id, "i2", tmp_path / "i2.csv")
    with (tmp_path / "i2.csv").open(newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 7 + 4  # a row per identifier mention, a row per link
    link = next(r for r in rows if r["Link Type"] == "Linked (text)")
    assert (link["Entity1 Identity"], link["Entity2 Identity"]) == ("ad-1", "ad-3")
    assert link["Link Strength"] == "Tentative"
    assert link["Link Date"] == "2026-01-09T20:00:00"
    phone = next(r for r in rows if r["Entity2 Identity"] == f"phone:{PHONE_B}")
    assert phone["Entity2 Type"] == "Telephone"
    assert phone["Entity1 Type"] == "Advertisement"
    assert all(r["SHA256"] and r["Collected"] and r["Pipeline Version"] for r in rows)
    formats.export_case(store, case_id, "maltego", tmp_path / "m.csv")
    with (tmp_path / "m.csv").open(newline="") as fh:
        table = list(csv.DictReader(fh))
    # E.164 begins with "+": as text it is escaped like any formula-like cell (OWASP)
    assert {r["maltego.PhoneNumber"] for r in table} == {f"'{PHONE_A}", f"'{PHONE_B}", ""}
    assert all(r["SHA256"] for r in table)


def test_record_exports_use_the_record_writer(store, tmp_path, case_id):
    formats.export_network(store, "n2", "jsonl", tmp_path / "n2.jsonl")
    rows = [json.loads(line) for line in (tmp_path / "n2.jsonl").read_text().splitlines()]
    assert [r["id"] for r in rows] == ["ad-4", "ad-5"]
    assert rows[0]["provenance"]["sha256"]
    formats.export_search(store, "phoenix", "csv", tmp_path / "s.csv")
    with (tmp_path / "s.csv").open(newline="") as fh:
        assert [r["id"] for r in csv.DictReader(fh)] == ["ad-2"]


def test_html_report(store, tmp_path, case_id):
    out = tmp_path / "case.html"
    formats.export_case(store, case_id, "html", out)
    doc = lxml.html.parse(str(out)).getroot()
    assert doc.findtext(".//h1") == "Sunny"
    cities = [td.text for td in doc.xpath("//h2[@id='movement']/following::table[1]//td[2]")]
    assert cities == ["Las Vegas", "Phoenix", "Denver", "Chicago"]
    assert len(doc.xpath("//svg//circle")) == 5
    evidence = doc.xpath("//table[@class='evidence']//tr[starts-with(@id, 'record-')]")
    assert len(evidence) == 5
    assert all("sha256" in row.text_content() for row in evidence)
    assert not doc.xpath("//img")  # not asked for: no pixels, only hashes
    assert "filter: blur" in doc.findtext(".//style")


def test_images_are_embedded_only_when_asked_and_present(store, tmp_path, case_id):
    image = image_file(tmp_path)
    with store.db:
        store.db.execute("UPDATE images SET ref = ? WHERE record_id = 'ad-1'", (str(image),))
        store.db.execute(
            "UPDATE records SET images = ? WHERE id = 'ad-1'", (json.dumps([str(image)]),)
        )
    people = users(store)
    formats.export_case(
        store, case_id, "html", tmp_path / "r.html", people["analyst"], include_images=True
    )
    [img] = lxml.html.parse(str(tmp_path / "r.html")).getroot().xpath("//img")
    assert img.get("src").startswith("data:image/png;base64,")
    image.unlink()
    formats.export_case(store, case_id, "html", tmp_path / "r2.html", include_images=True)
    assert not lxml.html.parse(str(tmp_path / "r2.html")).getroot().xpath("//img")


def test_exports_are_audited_and_refused_for_viewers(store, tmp_path, case_id):
    people = users(store)
    result = formats.export_case(
        store, case_id, "graphml", tmp_path / "g.graphml", people["analyst"], client="10.0.0.5"
    )
    with pytest.raises(PermissionDenied):
        formats.export_case(store, case_id, "ftm", tmp_path / "no.json", people["viewer"])
    assert not (tmp_path / "no.json").exists()
    refused, done = audit.entries(store, action="export")
    assert (refused.actor, refused.outcome, refused.target) == (
        "viewer1",
        "refused",
        f"case:{case_id}",
    )
    assert (done.actor, done.outcome, done.client) == ("analyst1", "ok", "10.0.0.5")
    assert done.detail["sha256"] == result.sha256
    assert done.detail["records"] == 5


def test_export_errors(store, tmp_path, case_id):
    with pytest.raises(ExportError):
        formats.export_network(store, "n404", "ftm", tmp_path / "x")
    with pytest.raises(ExportError):
        formats.export_search(store, 'bad "query', "ftm", tmp_path / "x")
    with pytest.raises(ExportError):
        formats.export_case(store, case_id, "pdf", tmp_path / "x")
    assert [e.outcome for e in audit.entries(store, action="export")] == ["failed"] * 3
