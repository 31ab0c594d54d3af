"""What any store backend must do, whatever its dialect: one suite, run on every backend.

A backend that cannot do something yet declares it in GAPS with the reason; the test then says so
(skipped with that reason), never silently.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from linkboard.model import (
    Breakdown,
    Contribution,
    Hit,
    ImageFact,
    Link,
    Mention,
    Provenance,
    Quarantined,
    Record,
    RecordFacts,
    Span,
)
from linkboard.store import StoreError, open_store, store_path
from linkboard.store.base import BadQuery, Store, StoreBusy
from linkboard.store.casework import NewAlert
from linkboard.values import Identifier

PHONE = "+17025550123"


def _sqlite(tmp: Path) -> Store:
    return open_store(f"sqlite:///{tmp / 'behaviour.db'}")


BACKENDS: dict[str, Callable[[Path], Store]] = {"sqlite": _sqlite}
#: (backend, test name) -> why that backend does not do it yet.
GAPS: dict[tuple[str, str], str] = {}


@pytest.fixture(params=sorted(BACKENDS))
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    gap = GAPS.get((request.param, request.node.originalname))
    if gap:
        pytest.skip(f"{request.param} backend gap: {gap}")
    opened = BACKENDS[request.param](tmp_path)
    yield opened
    opened.close()


def ad(n: int, body: str = "", title: str = "") -> Record:
    body = body or f"Ad {n}: call {PHONE} tonight"
    raw = f"{title}|{body}"
    return Record(
        id=f"ad-{n}", kind="ad", raw=raw,
        provenance=Provenance("test", f"test:{n}", "2026-01-01T00:00:00+00:00", f"sha-{raw}"),
        title=title or f"Ad {n}", body=body, site="example.test",
        posted_at=f"2026-01-{n:02d}T10:00:00", location="Austin, TX",
    )  # fmt: skip


def facts(record: Record, risk: float = 0.5) -> RecordFacts:
    start = record.body.index(PHONE)
    phone = Mention("phone", PHONE, PHONE, start, start + len(PHONE), "phone.plain", "body")
    image = ImageFact(ref="images/a.png", sha256="ab" * 32, pdq="cd" * 32, quality=90)
    hit = Hit("PHONE_SHARED", "record", 0.4, PHONE, "body", start, start + len(PHONE))
    return RecordFacts(record, [phone], [image], [hit], risk, breakdown(risk))


def breakdown(risk: float) -> Breakdown:
    span = Span("body", 0, len(PHONE))
    shared = Contribution("PHONE_SHARED", "Phone shared", "record", 0.4, 0.4, (PHONE,), (span,))
    return Breakdown(risk, 0.0, [shared])


def test_ingest_is_idempotent_and_counts_what_changed(store: Store) -> None:
    first = store.add_records([ad(1), ad(2)])
    assert (first.added, first.unchanged) == (2, 0)
    again = store.add_records([ad(1), ad(2, body=f"new text, call {PHONE}")])
    assert (again.added, again.updated, again.unchanged) == (0, 1, 1)
    got = store.record("ad-2")
    assert got is not None
    assert got.body.startswith("new text")
    assert store.record("ad-404") is None
    assert [r.id for r in store.records(["ad-2", "ad-1", "ad-404"])] == ["ad-1", "ad-2"]


def test_quarantine_keeps_what_could_not_become_a_record(store: Store) -> None:
    bad = Quarantined("test", "test:9", "not JSON", "{oops")
    assert store.add_quarantine([bad]) == 1
    assert store.add_quarantine([bad]) == 0  # the same input again is kept once
    assert store.quarantined() == [bad]


def test_pending_records_leave_the_queue_when_their_facts_are_saved(store: Store) -> None:
    store.add_records([ad(1), ad(2)])
    assert store.count_pending() == 2
    batch = next(store.pending(batch=10))
    store.save_record_facts(facts(r) for r in batch)
    assert store.count_pending() == 0
    assert list(store.pending()) == []
    (mention,) = store.mentions("ad-1")
    assert (mention.kind, mention.value, mention.rule) == ("phone", PHONE, "phone.plain")
    assert store.images("ad-1")[0].pdq == "cd" * 32
    assert store.hits("record", "ad-1")[0].code == "PHONE_SHARED"
    assert store.record_breakdown("ad-1") == breakdown(0.5)


def test_a_changed_record_is_pending_again(store: Store) -> None:
    store.add_records([ad(1)])
    store.save_record_facts(facts(r) for r in next(store.pending()))
    store.add_records([ad(1, body=f"edited: {PHONE}")])
    assert store.count_pending() == 1


def test_identifiers_find_the_records_that_hold_them(store: Store) -> None:
    store.add_records([ad(1), ad(2), ad(3, body="no phone here at all")])
    store.save_record_facts(facts(r) for r in next(store.pending()) if PHONE in r.body)
    assert sorted(store.records_with(f"phone:{PHONE}")) == ["ad-1", "ad-2"]
    assert sorted(store.records_holding((Identifier("phone", PHONE),), 10)) == ["ad-1", "ad-2"]
    assert store.records_with("phone:+15555550000") == []


def test_links_are_kept_once_per_pair_with_their_evidence(store: Store) -> None:
    store.add_records([ad(1), ad(2), ad(3)])
    link = Link("ad-2", "ad-1", "identifier", True, 1.0, {"identifier": f"phone:{PHONE}"})
    assert (link.a, link.b) == ("ad-1", "ad-2")
    store.save_links([link])
    store.save_links([link])
    (kept,) = store.links_of(["ad-1"])
    assert (kept.a, kept.b, kept.kind, kept.evidence) == (
        "ad-1", "ad-2", "identifier", {"identifier": f"phone:{PHONE}"})  # fmt: skip
    assert store.links_of(["ad-3"]) == []


def test_full_text_search_finds_words_and_phrases_and_explains_bad_queries(store: Store) -> None:
    store.add_records([ad(1, body=f"sweet and new in town, call {PHONE}"),
                       ad(2, body=f"visiting this week only {PHONE}")])  # fmt: skip
    assert store.search_record_ids("town") == ["ad-1"]
    assert store.search_record_ids('"this week"') == ["ad-2"]
    assert sorted(store.search_record_ids("visit*")) == ["ad-2"]
    with pytest.raises(BadQuery) as bad:
        store.search_record_ids('"unbalanced')
    assert "quotation mark" in str(bad.value)


def test_a_transaction_is_all_or_nothing(store: Store) -> None:
    def cut_short() -> None:
        with store.transaction():
            store.add_records([ad(1)])
            raise RuntimeError("power cut")

    with pytest.raises(RuntimeError):
        cut_short()
    assert store.record("ad-1") is None
    with store.transaction(), store.transaction():  # nested: one transaction
        store.add_records([ad(2)])
    assert store.record("ad-2") is not None


def test_cases_hold_items_and_notes(store: Store) -> None:
    case_id = store.create_case_row("Gulf coast", "three cities", "ana")
    store.add_case_item(case_id, "identifier", f"phone:{PHONE}", "ana")
    store.add_case_note(case_id, "ana", "same phone in three cities", "")
    case = store.case(case_id)
    assert case is not None
    assert case.title == "Gulf coast"
    assert [(i.kind, i.ref) for i in store.case_items(case_id)] == [
        ("identifier", f"phone:{PHONE}")]  # fmt: skip
    assert [n.body for n in store.case_notes(case_id)] == ["same phone in three cities"]
    assert store.case(case_id + 1) is None


def test_watches_raise_each_alert_once(store: Store) -> None:
    store.add_records([ad(1)])
    watch_id = store.add_watch("identifier", f"phone:{PHONE}", "", "ana", "", 0)
    found = [NewAlert("ad-1", {"identifier": f"phone:{PHONE}"})]
    assert len(store.add_alerts(watch_id, found, retroactive=True)) == 1
    assert store.add_alerts(watch_id, found, retroactive=False) == []
    (alert,) = store.alerts(unseen=True)
    assert (alert.record_id, alert.detail) == ("ad-1", {"identifier": f"phone:{PHONE}"})
    assert store.mark_alerts_seen([alert.id]) == 1
    assert store.alerts(unseen=True) == []


def test_the_audit_log_is_a_chain_that_verifies(store: Store) -> None:
    for n in range(3):
        store.add_audit_entry("ana", "case.note", f"case:{n}", "{}", client="", outcome="ok",
                              wait=None)  # fmt: skip
    check = store.verify_audit()
    assert check.holds
    assert check.entries == 3
    assert [e.target for e in store.audit_entries(actor="ana")] == ["case:2", "case:1", "case:0"]


def test_a_location_names_its_backend() -> None:
    assert store_path("sqlite:///store.db") == Path("store.db")
    assert store_path("sqlite:////var/lb/store.db") == Path("/var/lb/store.db")
    assert store_path("data/store.db") == Path("data/store.db")
    with pytest.raises(StoreError, match="no 'postgresql' store"):
        store_path("postgresql://analyst@db/linkboard")


def test_a_write_another_writer_holds_up_fails_with_the_stores_own_error(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    monkeypatch.setenv("LINKBOARD_LOCK_WAIT", "0.2")
    other = BACKENDS[request.node.callspec.params["store"]](tmp_path)  # a second handle
    try:
        with store.transaction():
            store.add_records([ad(1)])
            with pytest.raises(StoreBusy, match="locked"), other.transaction():
                other.add_records([ad(2)])
    finally:
        other.close()
    assert store.record("ad-1") is not None
    assert store.record("ad-2") is None
