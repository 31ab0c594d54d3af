"""Issue 17: every export says "possible minor" where the workspace does, and prints risk on the
workspace's scale (whole points out of 100), never as a raw float."""

from __future__ import annotations

import csv
import json

import lxml.html
import networkx as nx
import pytest

from linkboard.cases import casefiles
from linkboard.export import formats
from linkboard.model import Breakdown, Contribution, Hit
from tests.cases.fixtures import build

RAW = 0.9918374288468401  # what the report used to print


@pytest.fixture
def case_id(store):
    build(store)
    age = Hit("AGE_UNDER_18", "record", 4.0, '"age 17"', "body", 0, 6, {"age": 17})
    store.replace_record_score("ad-4", [age], RAW, Breakdown(RAW, -3.0, []), True)
    why = "Record ad-4: stated age under 18: age 17."
    minor = Contribution("POSSIBLE_MINOR", "Possible minor", "network", 0.0, 7.8, (why,), detail=())
    store.save_network_score("n2", [], RAW, Breakdown(RAW, -3.0, [minor]), True)
    case = casefiles.create_case(store, "Sunny", description="Phoenix lead")
    for nid in ("n1", "n2"):
        casefiles.add_item(store, case.id, "network", nid)
    return case.id


def test_the_html_report_names_possible_minors_first_with_the_pages_risk(store, tmp_path, case_id):
    out = tmp_path / "case.html"
    formats.export_case(store, case_id, "html", out)
    html = out.read_text()
    assert str(RAW) not in html
    assert "0.99" not in html
    assert "0.7" not in html
    doc = lxml.html.parse(str(out)).getroot()
    headings = [h.get("id") for h in doc.xpath("//h2")]
    assert headings.index("possible-minor") < headings.index("networks")
    flagged = doc.xpath("//table[@class='possible-minor']//tr[td]")
    assert [" ".join(r.xpath("string(td[1])").split()) for r in flagged] == [
        "network n2",
        "record ad-4",
    ]
    assert "stated age under 18" in flagged[0].text_content()
    assert [r.xpath("string(td[@class='risk'])").strip() for r in flagged] == ["99", "99"]
    networks = doc.xpath("//table[@class='networks']//tr[td]")
    assert [r.get("id") for r in networks] == ["network-n2", "network-n1"]  # minors first
    n2 = networks[0]
    assert "possible minor" in n2.text_content()
    assert " ".join(n2.xpath("string(td[@class='risk'])").split()) == "99 possible minor"
    assert networks[1].xpath("string(td[@class='risk'])").strip() == "70"
    assert networks[1].xpath("string(td[4])") == "1"  # persons, as the network card counts
    record = doc.xpath("//tr[@id='record-ad-4']")[0]
    assert "risk 99" in " ".join(record.text_content().split())
    assert "possible minor" in record.text_content()


def test_record_exports_carry_the_flag_and_the_pages_risk(store, tmp_path, case_id):
    formats.export_case(store, case_id, "jsonl", tmp_path / "c.jsonl")
    rows = {
        r["id"]: r
        for r in map(json.loads, (tmp_path / "c.jsonl").read_text().splitlines())
    }  # fmt: skip
    assert rows["ad-4"]["possible_minor"] is True
    assert rows["ad-4"]["risk"] == 99
    assert rows["ad-4"]["risk_probability"] == RAW
    assert rows["ad-1"]["possible_minor"] is False
    assert rows["ad-1"]["risk"] == 50
    formats.export_case(store, case_id, "csv", tmp_path / "c.csv")
    with (tmp_path / "c.csv").open(newline="") as fh:
        table = {r["id"]: r for r in csv.DictReader(fh)}
    assert (table["ad-4"]["risk"], table["ad-4"]["possible_minor"]) == ("99", "True")
    assert table["ad-1"]["risk"] == "50"


def test_graph_and_entity_exports_carry_the_flag_and_the_pages_risk(store, tmp_path, case_id):
    formats.export_case(store, case_id, "graphml", tmp_path / "g.graphml")
    g = nx.read_graphml(tmp_path / "g.graphml")
    assert g.nodes["record:ad-4"]["risk"] == 99
    assert g.nodes["record:ad-4"]["possible_minor"]
    assert g.nodes["record:ad-1"]["possible_minor"] is False
    formats.export_case(store, case_id, "ftm", tmp_path / "c.ftm.json")
    entities = [json.loads(line) for line in (tmp_path / "c.ftm.json").read_text().splitlines()]
    doc = next(e for e in entities if "record ad-4;" in str(e["properties"].get("summary")))
    assert "risk 99 of 100; possible minor" in doc["properties"]["summary"][0]
    assert "possible minor" in doc["properties"]["keywords"]
    person = next(
        e for e in entities if e["schema"] == "Person" and "n2" in str(e["properties"])
    )  # fmt: skip
    assert person["properties"]["description"] == ["linkboard network n2, risk 99 of 100, "
                                                   "possible minor"]  # fmt: skip
    formats.export_case(store, case_id, "i2", tmp_path / "i2.csv")
    with (tmp_path / "i2.csv").open(newline="") as fh:
        i2 = list(csv.DictReader(fh))
    ad4 = next(r for r in i2 if r["Entity1 Identity"] == "ad-4")
    assert (ad4["Entity1 Risk"], ad4["Entity1 Possible Minor"]) == ("99", "yes")
    link = next(
        r for r in i2 if r["Link Type"].startswith("Linked") and r["Entity2 Identity"] == "ad-5"
    )
    assert (link["Entity1 Possible Minor"], link["Entity2 Possible Minor"]) == ("yes", "no")
    formats.export_case(store, case_id, "maltego", tmp_path / "m.csv")
    with (tmp_path / "m.csv").open(newline="") as fh:
        maltego = list(csv.DictReader(fh))
    row = next(r for r in maltego if r["Ad (maltego.Phrase)"] == "ad-4")
    assert (row["Risk"], row["Possible Minor"]) == ("99", "yes")
