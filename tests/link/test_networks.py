from __future__ import annotations

import json

from linkboard.link import network_edges, rebuild, suppress, update
from linkboard.store import open_store
from tests.link.builders import add, events, network

P1 = ("713-555-0101", "+17135550101")
P2 = ("303-555-0102", "+13035550102")
SHARED = ("212-555-0103", "+12125550103")


def _ad(store, rid, phones, name="Lola", city="Houston, TX, US", posted="2024-01-01T10:00:00"):
    body = f"{name} here, call " + " or ".join(p[0] for p in phones)
    values = {p[0]: ("phone", p[1]) for p in phones} | {name: ("name", name.lower())}
    add(store, rid, body, values, city=city, posted=posted, site="site-a")


def test_new_record_joins_existing_network_and_keeps_its_id(store):
    _ad(store, "a1", [P1], posted="2024-01-01T10:00:00")
    _ad(store, "a2", [P1], posted="2024-01-02T10:00:00")
    update(store, ["a1", "a2"])
    nid = network(store, "a1")
    assert nid
    assert nid.startswith("N")
    assert len(nid) == 9
    _ad(store, "a3", [P1], city="Dallas, TX, US", posted="2024-01-05T10:00:00")
    report = update(store, ["a3"])
    assert network(store, "a3") == nid
    assert report.events == {"grow": 1}
    row = store.execute("SELECT size, summary FROM networks WHERE id = ?", (nid,)).fetchone()
    summary = json.loads(row["summary"])
    assert row["size"] == 3
    assert summary["size"] == 3
    assert summary["identifiers"]["phone"] == ["+17135550101"]
    assert summary["persons"]["aliases"] == ["lola"]
    assert [m["city"] for m in summary["movement"]] == ["Houston, TX, US", "Dallas, TX, US"]
    assert summary["first_seen"] == "2024-01-01T10:00:00"
    assert events(store) == [("create", nid), ("grow", nid)]


def test_bridging_record_merges_networks_larger_keeps_id(store):
    for i in range(3):
        _ad(store, f"a{i}", [P1])
    for i in range(2):
        _ad(store, f"b{i}", [P2], name="Mia")
    update(store, ["a0", "a1", "a2", "b0", "b1"])
    big, small = network(store, "a0"), network(store, "b0")
    assert big != small
    _ad(store, "x", [P1, P2])
    report = update(store, ["x"])
    assert {network(store, r) for r in ("a0", "b0", "x")} == {big}
    assert report.events["merge"] == 1
    assert report.events["merged_into"] == 1
    detail = store.execute("SELECT detail FROM network_events WHERE event = 'merge'").fetchone()[0]
    assert json.loads(detail)["absorbed"] == small
    assert store.execute("SELECT count(*) FROM networks WHERE id = ?", (small,)).fetchone()[0] == 0
    edges = network_edges(store, big)
    assert {lk.kind for lk in edges} == {"identifier"}
    assert len(edges) == 5


def test_rebuild_splits_network_after_suppression(store):
    for i in range(3):
        _ad(store, f"a{i}", [P1, SHARED])
    for i in range(3):
        _ad(store, f"b{i}", [P2, SHARED], name="Mia")
    update(store, [f"{p}{i}" for p in "ab" for i in range(3)])
    nid = network(store, "a0")
    assert network(store, "b2") == nid
    report = suppress(store, "phone:+12125550103", "agency switchboard", "ana")
    assert report.events["split"] == 1
    assert report.events["create"] == 1
    a, b = network(store, "a0"), network(store, "b0")
    assert a != b
    assert nid in (a, b)
    assert {network(store, f"a{i}") for i in range(3)} == {a}
    assert {network(store, f"b{i}") for i in range(3)} == {b}
    # rebuilding again changes nothing
    assert not rebuild(store, [a, b]).events


def test_unlinked_record_has_no_network(store):
    _ad(store, "solo", [P1])
    update(store, ["solo"])
    assert network(store, "solo") is None


def test_network_edges_on_a_readonly_store(store):
    for i in range(3):
        _ad(store, f"a{i}", [P1])
    update(store, ["a0", "a1", "a2"])
    nid = network(store, "a0")
    with open_store(store.path, readonly=True) as ro:
        edges = network_edges(ro, nid)
    assert len(edges) == 2
    assert all(lk.evidence["anchor"] == "a0" for lk in edges)


def _grouping(store, ids):
    by: dict[str | None, set[str]] = {}
    for rid in ids:
        by.setdefault(network(store, rid), set()).add(rid)
    return sorted(sorted(g) for n, g in by.items() if n)


def test_big_batch_in_increments_links_as_one_batch(tmp_path):
    """A batch over ``chunk`` records is linked in posting-order increments: same networks,
    same identifier links (each to the anchor), no link made twice."""
    from linkboard.link import LinkConfig

    results = []
    for chunk in (100, 2):
        store = open_store(tmp_path / f"c{chunk}.db")
        phones = [P1, P2, SHARED]
        ids = []
        for i in range(9):
            rid = f"r{8 - i}"  # ids against posting order
            _ad(store, rid, [phones[i % 3]], posted=f"2024-01-0{i + 1}T10:00:00")
            ids.append(rid)
        report = update(store, ids, LinkConfig(chunk=chunk))
        links = store.execute("SELECT a, b, kind FROM links ORDER BY a, b").fetchall()
        results.append((_grouping(store, ids), [tuple(r) for r in links], report.links))
        assert sorted(report.networks) == sorted(
            r[0] for r in store.execute("SELECT id FROM networks")
        )
        store.close()
    assert results[0] == results[1]
    assert results[0][2] == {"identifier": 6}
    assert len(results[0][0]) == 3


def test_a_network_title_says_how_many_more_persons_and_cities_it_has():
    from linkboard.link.summary import network_name
    from linkboard.network import NetworkSummary

    summary = NetworkSummary.from_dict(
        {
            "persons": {"aliases": ["lola", "mia", "nina", "zoe", "ava"]},
            "movement": [{"city": c} for c in ("Houston", "Dallas", "Austin")],
        }
    )
    assert network_name(summary) == "Lola, Mia, Nina +2 / Houston → Dallas +1"
    alone = NetworkSummary.from_dict({"persons": {"aliases": ["lola"]}, "movement": []})
    assert network_name(alone) == "Lola"
