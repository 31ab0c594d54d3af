from __future__ import annotations

import pytest

from linkboard.cases import audit, casefiles
from linkboard.cases.casefiles import CaseError
from linkboard.cases.roles import PermissionDenied
from tests.cases.fixtures import PHONE_PUBLIC, build, users


def test_a_case_gathers_networks_records_and_identifiers(store):
    build(store)
    people = users(store)
    ana = people["analyst"]
    case = casefiles.create_case(store, "Sunny", description="Phoenix lead", actor=ana)
    casefiles.add_item(store, case.id, "network", "n1", actor=ana)
    casefiles.add_item(store, case.id, "record", "ad-4", actor=ana)
    casefiles.add_item(store, case.id, "identifier", f"phone:{PHONE_PUBLIC}", actor=ana)
    casefiles.add_note(
        store, case.id, "Same photo as the Denver ad", about="record:ad-3", actor=ana
    )
    casefiles.tag(store, case.id, "Priority", actor=ana)
    casefiles.set_status(store, case.id, "active", actor=ana)
    got = casefiles.get_case(store, case.id)
    assert (got.status, got.tags, got.created_by) == ("active", ("priority",), "analyst1")
    assert casefiles.record_ids(store, case.id) == ["ad-1", "ad-2", "ad-3", "ad-4", "ad-6"]
    assert [n.body for n in casefiles.notes(store, case.id)] == ["Same photo as the Denver ad"]
    assert [c.id for c in casefiles.list_cases(store, status="active")] == [case.id]
    casefiles.remove_item(store, case.id, "record", "ad-4", actor=ana)
    assert "ad-4" not in casefiles.record_ids(store, case.id)


def test_timeline_merges_posts_and_analyst_actions(store):
    build(store)
    case = casefiles.create_case(store, "Sunny")
    casefiles.add_item(store, case.id, "network", "n1")
    casefiles.add_note(store, case.id, "Three cities in a week")
    audit.record(store, "ana", "case.view", casefiles.target(case.id))
    events = casefiles.timeline(store, case.id)
    posts = [e for e in events if e.kind == "post"]
    actions = [e.summary for e in events if e.kind == "action"]
    assert [e.ref for e in posts] == ["record:ad-1", "record:ad-2", "record:ad-3"]
    assert actions == ["case.create", "case.add", "case.note"]
    assert [e.at for e in events] == sorted(e.at for e in events)
    assert events[0].ref == "record:ad-1"  # the posts of January come before this year's work


def test_case_rules(store):
    build(store)
    people = users(store)
    with pytest.raises(PermissionDenied):
        casefiles.create_case(store, "Nope", actor=people["viewer"])
    case = casefiles.create_case(store, "Sunny")
    with pytest.raises(CaseError):
        casefiles.add_item(store, case.id, "network", "n404")
    with pytest.raises(CaseError):
        casefiles.add_item(store, case.id, "identifier", "no such thing")
    casefiles.add_item(store, case.id, "identifier", "ig:@Lola_22")
    assert ("identifier", "handle:instagram:lola_22") in {
        (i.kind, i.ref) for i in casefiles.items(store, case.id)
    }
    with pytest.raises(CaseError):
        casefiles.set_status(store, case.id, "lost")
    with pytest.raises(CaseError):
        casefiles.get_case(store, 999)
