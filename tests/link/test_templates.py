"""Shared templates end to end: operations that copied one template stay apart, the family is
stored as its own finding, and each network gets a lead to the others."""

from __future__ import annotations

import json

from linkboard.link import network_edges, update
from tests.link.builders import add, network

TEMPLATE = (
    "New in town and ready to please. Sweet, discreet and always on time for you. "
    "Call {phone} and ask for {name}. Upscale gentlemen only, no rush ever."
)
OPS = {
    "a": ("713-555-0111", "+17135550111", "Lola"),
    "b": ("303-555-0112", "+13035550112", "Mia"),
    "c": ("212-555-0113", "+12125550113", "Nina"),
}


def _ad(store, rid, phone, e164, name, day):
    body = TEMPLATE.format(phone=phone, name=name)
    values = {phone: ("phone", e164), name: ("name", name.lower())}
    add(store, rid, body, values, city="Houston, TX, US", posted=f"2024-01-{day:02d}T10:00:00")


def _world(store):
    day = 1
    for op, (phone, e164, name) in OPS.items():
        for i in range(3):
            _ad(store, f"{op}{i}", phone, e164, name, day)
            day += 1
    # a one-use phone: nothing but text (and the persona name) ties this ad to operation b
    _ad(store, "x0", "404-555-0119", "+14045550119", "Mia", day)
    # a one-use phone and a persona no operation uses: the text points to all three
    _ad(store, "y0", "404-555-0118", "+14045550118", "Zoe", day + 1)
    return sorted([*(f"{op}{i}" for op in OPS for i in range(3)), "x0", "y0"])


def test_operations_that_share_a_template_are_not_merged(store):
    update(store, _world(store))
    nets = {op: network(store, f"{op}0") for op in OPS}
    assert len(set(nets.values())) == 3
    assert all(nets.values())
    for op in OPS:
        assert {network(store, f"{op}{i}") for i in range(3)} == {nets[op]}
    assert network(store, "x0") == nets["b"]  # the persona name decides
    assert network(store, "y0") is None  # points to three groups, nothing decides
    for nid in nets.values():
        assert all(
            lk.kind != "text" or lk.a[0] == lk.b[0] or "x0" in (lk.a, lk.b)
            for lk in network_edges(store, nid)
        )


def test_the_family_is_kept_with_its_networks_and_each_network_has_leads(store):
    update(store, _world(store))
    (fam,) = store.template_families()
    assert fam["size"] == 11
    nets = sorted({network(store, f"{op}0") for op in OPS})
    assert fam["networks"] == nets
    assert {"phone", "name"} <= set(fam["slots"])
    assert fam["similarity"] == 1.0
    row = store.execute("SELECT summary FROM networks WHERE id = ?", (nets[0],)).fetchone()
    leads = json.loads(row["summary"])["shared_template"]
    assert sorted(lead["network"] for lead in leads) == nets[1:]
    assert all(lead["family"] == fam["id"] for lead in leads)


def test_families_follow_reruns(store):
    ids = _world(store)
    update(store, ids)
    first = store.template_families()
    update(store, ids)
    assert store.template_families() == first


def test_summaries_count_persons_without_the_scoring_package():
    """The process that summarises networks counts persons (linkboard.persons) without
    importing the scoring package."""
    import subprocess
    import sys

    code = (
        "import sys; import linkboard.link.summary; "
        "print(sorted(m for m in sys.modules if m.startswith('linkboard.score')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
