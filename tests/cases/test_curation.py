from __future__ import annotations

import pytest

from linkboard.cases import audit, curation, decisions
from linkboard.cases.curation import CurationError
from linkboard.cases.roles import PermissionDenied
from linkboard.link import networks
from tests.cases.fixtures import PHONE_A, PHONE_B, PHONE_PUBLIC, build, users

PUBLIC = f"phone:{PHONE_PUBLIC}"


def status(store, identifier):
    row = store.execute(
        "SELECT status, reason, by FROM identifier_status WHERE identifier = ?", (identifier,)
    ).fetchone()
    return tuple(row) if row else None


def test_suppressing_an_identifier_and_undoing_it(store):
    build(store)
    ana = users(store)["analyst"]
    entry = curation.suppress_identifier(store, PUBLIC, "hotel front desk", actor=ana)
    assert status(store, PUBLIC) == ("suppressed", "hotel front desk", "analyst1")
    assert PUBLIC in curation.suppressed(store)
    [logged] = curation.history(store, PUBLIC)
    assert (logged.actor, logged.action, logged.reason) == (
        "analyst1",
        "suppress",
        "hotel front desk",
    )
    curation.undo(store, entry, actor=ana)
    assert status(store, PUBLIC) is None
    assert curation.history(store, PUBLIC)[1].undone
    with pytest.raises(CurationError):
        curation.undo(store, entry, actor=ana)
    assert [e.action for e in audit.entries(store, target=PUBLIC)] == [
        "curate.undo",
        "curate.suppress",
    ]


def test_undo_restores_the_previous_status(store):
    build(store)
    store.set_identifier_status(PUBLIC, "watch", "checked by the team", "lead")
    before = store.execute("SELECT * FROM identifier_status").fetchall()
    entry = curation.suppress_identifier(store, PUBLIC, "public number")
    assert status(store, PUBLIC)[0] == "suppressed"
    curation.undo(store, entry)
    assert store.execute("SELECT * FROM identifier_status").fetchall() == before


def owners(store):
    rows = store.execute("SELECT id, network_id FROM records WHERE id LIKE 'ad-%' ORDER BY id")
    return {rid: nid for rid, nid in rows}


def groups(store):
    """The records grouped by network, as sorted tuples (loose records left out)."""
    out: dict[str, list[str]] = {}
    for rid, nid in owners(store).items():
        if nid:
            out.setdefault(nid, []).append(rid)
    return sorted(tuple(v) for v in out.values())


def test_merge_joins_the_networks_with_an_analyst_link_and_undo_parts_them(store):
    build(store)
    entry = curation.merge_networks(store, "n1", "n2", "same photos")
    [analyst] = [lk for lk in store.links_of(["ad-1"]) if lk.kind == "analyst"]
    assert (analyst.a, analyst.b, analyst.hard) == ("ad-1", "ad-4", True)
    assert analyst.evidence["curation_id"] == entry
    assert analyst.evidence["by"] == "local"
    joins, cuts = decisions.decisions(store)
    assert [(lk.a, lk.b, lk.kind) for lk in joins] == [("ad-1", "ad-4", "analyst")]
    assert not cuts
    assert groups(store) == [("ad-1", "ad-2", "ad-3", "ad-4", "ad-5")]
    assert owners(store)["ad-4"] == "n1"  # the larger network keeps its id
    curation.undo(store, entry)
    assert not [lk for lk in store.links_of(["ad-1"]) if lk.kind == "analyst"]
    assert decisions.decisions(store) == ([], set())
    assert groups(store) == [("ad-1", "ad-2", "ad-3"), ("ad-4", "ad-5")]


def test_a_merge_survives_a_relink(store):
    build(store)
    curation.merge_networks(store, "n1", "n2", "same photos")
    networks.update(store, ["ad-1", "ad-4"])  # a re-run deletes and recomputes their links
    decisions.reapply_decisions(store)
    assert [lk.kind for lk in store.links_of(["ad-1"]) if lk.b == "ad-4"] == ["analyst"]
    assert groups(store) == [("ad-1", "ad-2", "ad-3", "ad-4", "ad-5")]


def test_split_cuts_the_network_and_survives_a_relink(store):
    build(store)
    entry = curation.split_network(store, "n1", ["ad-3"], "different poster")
    _, cuts = decisions.decisions(store)
    assert cuts == {("ad-1", "ad-3"), ("ad-2", "ad-3")}
    assert groups(store) == [("ad-1", "ad-2"), ("ad-4", "ad-5")]
    assert owners(store)["ad-3"] is None  # alone now: networks hold two records or more
    networks.update(store, ["ad-2", "ad-3"])  # re-finds the shared handle ad-2 / ad-3
    assert groups(store)[0] == ("ad-1", "ad-2", "ad-3")
    decisions.reapply_decisions(store)
    assert groups(store) == [("ad-1", "ad-2"), ("ad-4", "ad-5")]
    assert not [lk for lk in store.links_of(["ad-3"]) if lk.a in ("ad-1", "ad-2")]
    curation.undo(store, entry)
    assert groups(store) == [("ad-1", "ad-2", "ad-3"), ("ad-4", "ad-5")]


def test_a_later_split_wins_over_an_earlier_merge(store):
    build(store)
    curation.merge_networks(store, "n1", "n2", "same photos")
    curation.split_network(store, "n1", ["ad-4", "ad-5"], "not the same after all")
    decisions.reapply_decisions(store)
    assert groups(store) == [("ad-1", "ad-2", "ad-3"), ("ad-4", "ad-5")]
    assert not [lk for lk in store.links_of(["ad-1"]) if lk.kind == "analyst"]


def test_rename_and_rules(store):
    build(store)
    viewer = users(store)["viewer"]
    entry = curation.rename_network(store, "n2", "Chicago pair")
    assert (
        store.execute("SELECT name FROM networks WHERE id = 'n2'").fetchone()[0] == "Chicago pair"
    )
    curation.undo(store, entry)
    assert store.execute("SELECT name FROM networks WHERE id = 'n2'").fetchone()[0] == ""
    with pytest.raises(PermissionDenied):
        curation.suppress_identifier(store, f"phone:{PHONE_A}", "no", actor=viewer)
    with pytest.raises(CurationError):
        curation.split_network(store, "n1", ["ad-1", "ad-2", "ad-3"], "all of it")
    with pytest.raises(CurationError):
        curation.split_network(store, "n1", ["ad-4"], "not a member")
    with pytest.raises(CurationError):
        curation.merge_networks(store, "n1", "n1", "itself")


def test_suppressing_a_shared_phone_unlinks_its_network_and_undo_links_it_again(store):
    build(store)
    entry = curation.suppress_identifier(store, f"phone:{PHONE_B}", "agency switchboard")
    assert groups(store) == [("ad-1", "ad-2", "ad-3")]
    assert owners(store)["ad-4"] is None
    assert owners(store)["ad-5"] is None
    curation.undo(store, entry)
    assert groups(store) == [("ad-1", "ad-2", "ad-3"), ("ad-4", "ad-5")]


def test_a_curation_step_tells_the_network_events_its_cause():
    merge = decisions.Cause(7, "merge", "network:n1", "ann", "same photos", other="n2")
    assert merge.detail() == {"curation_id": 7, "action": "merge", "target": "network:n1",
                              "by": "ann", "reason": "same photos", "other": "n2"}  # fmt: skip
    undo = decisions.Cause(8, "undo", "network:n1", "local", "", undone="merge")
    assert undo.detail() == {"curation_id": 8, "action": "undo", "target": "network:n1",
                             "by": "local", "reason": "", "undone": "merge"}  # fmt: skip
