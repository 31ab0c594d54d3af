"""A network and its summary as typed objects: ``as_dict`` gives the JSON the store and the API
have always carried, ``NetworkSummary.from_dict`` reads it back, older shapes too."""

from __future__ import annotations

import json
import pickle
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from linkboard.link.summary import network_name, person_count, person_list, summarize
from linkboard.network import (
    EMPTY_SUMMARY,
    Lead,
    Network,
    NetworkSummary,
    Persons,
    Stop,
    StoredNetwork,
)

STORED: dict[str, Any] = {
    "size": 3,
    "first_seen": "2024-01-02T10:00:00",
    "last_seen": "2024-01-06T03:43:45",
    "persons": {"aliases": ["lola", "mia"], "count": 2, "photo_groups": 1},
    "identifiers": {"handle": ["snapchat:lola1"], "phone": ["+19045550101", "+19045550102"]},
    "sites": ["localpages"],
    "movement": [
        {"city": "Houston, TX, US", "first": "2024-01-02T10:00:00", "last": None, "records": 2},
        {"city": "Dallas, TX, US", "first": None, "last": None, "records": 1},
    ],
    "links": {"identifier": 2, "photo": 1},
    "shared_template": [
        {"network": "N00000002", "family": "T-ad-1", "links": 3, "similarity": 0.91}
    ],
}


def test_a_stored_summary_reads_back_to_the_same_json():
    summary = NetworkSummary.from_dict(json.loads(json.dumps(STORED)))
    assert summary.persons == Persons(("lola", "mia"), 2, 1)
    assert summary.movement[0] == Stop("Houston, TX, US", "2024-01-02T10:00:00", None, 2)
    assert summary.shared_template == (Lead("N00000002", "T-ad-1", 3, 0.91),)
    assert summary.identifiers["phone"] == ("+19045550101", "+19045550102")
    assert summary.as_dict() == STORED
    assert json.dumps(summary.as_dict(), sort_keys=True) == json.dumps(STORED, sort_keys=True)


def test_older_summaries_read_with_what_they_have():
    old = NetworkSummary.from_dict(
        {
            "persons": {"aliases": ["Mia", "mia", "Zoé"], "photo_groups": 2},
            "movement": [{"city": "Las Vegas", "first": "2026-01-02"}],
            "phones": ["+17025550101"],
        }
    )
    assert (person_count(old), person_list(old)) == (2, ["mia", "zoe"])
    assert old.persons.photo_groups == 2
    assert old.movement == (Stop("Las Vegas", "2026-01-02", None, 0),)
    assert (old.shared_template, old.identifiers, old.size) == ((), {}, 0)
    assert person_count(NetworkSummary.from_dict({"persons": 3})) == 3
    assert person_count(NetworkSummary.from_dict({"persons": ["Ana", "ANA"]})) == 1
    assert NetworkSummary.from_dict({}) == EMPTY_SUMMARY
    assert NetworkSummary.from_dict({"persons": "x", "movement": 3, "links": []}) == EMPTY_SUMMARY


def test_summarize_gives_the_shape_the_store_writes():
    ctx = {
        "a": {"posted_at": "2024-01-01", "city": "Houston", "site": "s1"},
        "b": {"posted_at": "2024-01-03", "city": "Dallas", "site": "s2"},
        "c": {"posted_at": None, "city": "Houston", "site": "s1"},
    }
    values = {"phone": {"a": {"+1"}, "b": {"+1", "+2"}}, "name": {"a": {"Lola"}, "c": {"LOLA"}}}
    links = [("a", "b", "identifier", True, 1.0), ("a", "c", "photo", False, 0.9)]
    summary = summarize(["a", "b", "c"], ctx, values, links)  # type: ignore[arg-type]
    assert summary.as_dict() == {
        "size": 3,
        "first_seen": "2024-01-01",
        "last_seen": "2024-01-03",
        "persons": {"aliases": ["lola"], "count": 1, "photo_groups": 1},
        "identifiers": {"phone": ["+1", "+2"]},
        "sites": ["s1", "s2"],
        "movement": [
            {"city": "Houston", "first": "2024-01-01", "last": "2024-01-01", "records": 2},
            {"city": "Dallas", "first": "2024-01-03", "last": "2024-01-03", "records": 1},
        ],
        "links": {"identifier": 1, "photo": 1},
        "shared_template": [],
    }
    assert network_name(summary) == "Lola / Houston → Dallas"


def test_leads_are_added_without_touching_the_network_they_come_from():
    net = Network("N1", "Lola", 3, None, None, NetworkSummary.from_dict(STORED))
    lead = Lead("N00000009", "T-x", 1, 0.8)
    led = net.with_leads((lead,))
    assert led.summary.shared_template == (lead,)
    assert net.summary.shared_template == (Lead("N00000002", "T-ad-1", 3, 0.91),)
    assert led.summary.movement is net.summary.movement  # nothing copied
    assert led.as_dict()["summary"]["shared_template"] == [lead.as_dict()]


def test_networks_cross_process_boundaries_intact():
    summary = NetworkSummary.from_dict(STORED)
    stored = StoredNetwork("N1", "Lola", 3, None, None, summary, 0.5, True, None, "t0", "t1")
    for value in (stored, Network("N1", "Lola", 3, None, None, summary), summary):
        back = pickle.loads(pickle.dumps(value))
        assert back == value
        assert type(back) is type(value)
    assert stored.as_dict()["possible_minor"] is True
    assert stored.as_dict()["summary"] == STORED


_text = st.text(max_size=8)
_maybe = st.none() | _text


@given(
    st.fixed_dictionaries(
        {
            "size": st.integers(0, 10**6),
            "first_seen": _maybe,
            "last_seen": _maybe,
            "persons": st.fixed_dictionaries(
                {
                    "aliases": st.lists(_text, max_size=4),
                    "count": st.integers(0, 9),
                    "photo_groups": st.integers(0, 9),
                }
            ),
            "identifiers": st.dictionaries(_text, st.lists(_text, min_size=1, max_size=3)),
            "sites": st.lists(_text, max_size=3),
            "movement": st.lists(
                st.fixed_dictionaries(
                    {"city": _text, "first": _maybe, "last": _maybe, "records": st.integers(0, 99)}
                ),
                max_size=3,
            ),
            "links": st.dictionaries(_text, st.integers(0, 99), max_size=3),
            "shared_template": st.lists(
                st.fixed_dictionaries(
                    {
                        "network": _text,
                        "family": _text,
                        "links": st.integers(0, 99),
                        "similarity": st.floats(0, 1),
                    }
                ),
                max_size=2,
            ),
        }
    )
)
def test_any_summary_of_today_s_shape_reads_back_exactly(data: dict[str, Any]):
    assert NetworkSummary.from_dict(data).as_dict() == data


@given(st.recursive(st.none() | st.integers() | st.text(max_size=4), st.lists, max_leaves=8))
def test_any_stored_value_reads_as_some_summary(value: Any):
    for data in ({"persons": value, "movement": value, "identifiers": value}, {"links": value}):
        assert isinstance(NetworkSummary.from_dict(data).as_dict(), dict)
