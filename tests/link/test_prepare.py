from __future__ import annotations

from linkboard.engine.local import LocalEngine
from linkboard.engine.serial import SerialEngine
from linkboard.link import LinkConfig
from linkboard.link.prepare import Preparer, increments
from linkboard.store import open_store
from tests.link.builders import add

BODY = (
    "Sweet {name} visiting this week. New in town and ready. Call {phone} anytime. "
    "No texts from blocked numbers please"
)


def _store(path):
    store = open_store(path)
    for i, (name, phone, city) in enumerate(
        [
            ("Lola", "713-555-0101", "Houston, TX, US"),
            ("Mia", "713-555-0101", "Dallas, TX, US"),
            ("Ava", "303-555-0102", "Denver, CO, US"),
            ("Ivy", "212-555-0103", None),
        ]
    ):
        body = BODY.format(name=name, phone=phone)
        values = {phone: ("phone", "+1" + phone.replace("-", "")), name: ("name", name.lower())}
        add(store, f"r{i}", body, values, city=city, posted=f"2024-01-0{i + 1}T10:00:00")
    return store


def test_the_engine_pool_prepares_what_this_process_would(tmp_path):
    """Increments prepared one ahead on the local engine's pool (a file store, several parts),
    or by the serial engine, are the ones prepared here: carriers, every holder with its
    verdict, masked sentences, cities."""
    store = _store(tmp_path / "p.db")
    parts = [["r0", "r1"], ["r2"], ["r3"]]
    config = LinkConfig()
    with LocalEngine(2) as engine:
        ahead = list(increments(store, parts, config, engine))
    serial = list(increments(store, parts, config, SerialEngine()))
    here = [Preparer(store, config)(part) for part in parts]
    assert ahead == here
    assert serial == here
    first = here[0]
    assert first.carriers["phone:+17135550101"] == {"r0", "r1"}
    assert first.groups["phone:+17135550101"] == (["r0", "r1"], None)
    assert first.cities == {"r0": "Houston, TX, US", "r1": "Dallas, TX, US"}
    assert first.names == {"r0": {"lola"}, "r1": {"mia"}}
    tokens, hashes = first.sentences["r0"]
    assert ["call", "<phone>", "anytime"] in tokens
    assert len(hashes) == len(tokens)
    assert not any("lola" in sentence for sentence in tokens)
    store.close()


def test_holders_include_records_of_later_increments(tmp_path):
    """Generic detection sees every stored holder, also those linked in a later increment."""
    store = _store(tmp_path / "p.db")
    (first,) = increments(store, [["r0"]], LinkConfig(), SerialEngine())
    assert first.groups["phone:+17135550101"][0] == ["r0", "r1"]
    store.close()


def test_summaries_from_the_engine_pool_are_the_ones_made_here(tmp_path):
    from linkboard.link import update
    from linkboard.link.networks import summary_rows

    store = _store(tmp_path / "p.db")
    update(store, ["r0", "r1", "r2", "r3"])
    nid = store.record_row("r0")["network_id"]
    links = [[("r0", "r1", "identifier", True, 1.0)]]
    with LocalEngine(1) as engine:
        there = engine.submit(store, summary_rows, [{"r0", "r1"}], [nid], links).result()
    assert there == summary_rows(store, [{"r0", "r1"}], [nid], links)
    assert there[0].summary.identifiers == {"phone": ("+17135550101",)}
    assert there[0].summary.persons.aliases == ("lola", "mia")
    store.close()
