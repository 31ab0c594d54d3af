from __future__ import annotations

from pathlib import Path

from linkboard.link import IdentifierConfig, LinkConfig, update
from tests.link.builders import add, network

PHONE = ("phone", "+17135550101")
IDENT_ONLY = LinkConfig(kinds=("identifier",))


def test_records_link_to_one_anchor(store):
    for i, day in enumerate(["03", "01", "04", "02"]):
        add(
            store,
            f"r{i}",
            f"Lola here, call 713-555-0101 ad {i}",
            {"713-555-0101": PHONE, "Lola": ("name", "lola")},
            posted=f"2024-02-{day}T10:00:00",
        )
    report = update(store, ["r0", "r1", "r2", "r3"], IDENT_ONLY)
    links = store.links_of(["r0", "r1", "r2", "r3"])
    assert report.links == {"identifier": 3}
    assert all("r1" in (lk.a, lk.b) for lk in links)  # r1 is the earliest: the anchor
    assert links[0].evidence["identifiers"] == ["phone:+17135550101"]
    assert links[0].evidence["anchor"] == "r1"
    assert len({network(store, f"r{i}") for i in range(4)}) == 1


def test_later_records_link_to_the_stored_anchor(store):
    add(store, "a1", "call 713-555-0101", {"713-555-0101": PHONE}, posted="2024-01-01")
    add(store, "a2", "call 713-555-0101", {"713-555-0101": PHONE}, posted="2024-01-02")
    update(store, ["a1", "a2"], IDENT_ONLY)
    add(store, "a3", "call 713-555-0101", {"713-555-0101": PHONE}, posted="2024-01-03")
    update(store, ["a3"], IDENT_ONLY)
    assert {(lk.a, lk.b) for lk in store.links_of(["a3"])} == {("a1", "a3")}


def _operation(store, prefix, phone, name, city, n=3):
    for i in range(n):
        add(
            store,
            f"{prefix}{i}",
            f"{name.title()} in {city}: text {phone[0]} thanks",
            {phone[0]: ("phone", phone[1]), name.title(): ("name", name)},
            city=city,
            posted=f"2024-03-0{i + 1}T12:00:00",
        )


GENERIC = ("Boost your ad, text 212-555-0199", "+12125550199")
CITIES = [
    "Houston, TX, US",
    "Denver, CO, US",
    "Austin, TX, US",
    "Miami, FL, US",
    "Tampa, FL, US",
    "Reno, NV, US",
    "Boise, ID, US",
    "Omaha, NE, US",
    "Tulsa, OK, US",
    "Fresno, CA, US",
    "Dallas, TX, US",
    "Mobile, AL, US",
]
NAMES = [
    "amber",
    "bella",
    "chloe",
    "daisy",
    "eva",
    "faith",
    "gia",
    "hazel",
    "iris",
    "jade",
    "kiki",
    "luna",
]


def _plant_generic(store, ids):
    for i, (city, name) in enumerate(zip(CITIES, NAMES, strict=True)):
        rid = ids[i] if i < len(ids) else f"g{i}"
        if i < len(ids):
            continue
        body = f"{name.title()} here. {GENERIC[0]}"
        add(
            store,
            rid,
            body,
            {"212-555-0199": ("phone", GENERIC[1]), name.title(): ("name", name)},
            city=city,
            posted=f"2024-03-{i + 1:02d}T09:00:00",
        )


def test_generic_identifier_does_not_fuse_operations(store):
    _operation(store, "a", ("713-555-0101", "+17135550101"), "lola", "Houston, TX, US")
    _operation(store, "b", ("303-555-0102", "+13035550102"), "mia", "Denver, CO, US")
    # one ad of each operation also carries the ad-booster's spam line
    for rid, phone, name, city in (
        ("a9", "713-555-0101", "Lola", "Houston, TX, US"),
        ("b9", "303-555-0102", "Mia", "Denver, CO, US"),
    ):
        body = f"{name} here, text {phone}. {GENERIC[0]}"
        add(
            store,
            rid,
            body,
            {
                phone: ("phone", "+1" + phone.replace("-", "")),
                "212-555-0199": ("phone", GENERIC[1]),
                name: ("name", name.lower()),
            },
            city=city,
        )
    _plant_generic(store, [])
    ids = [r[0] for r in store.execute("SELECT id FROM records")]
    report = update(store, ids, IDENT_ONLY)
    assert "phone:+12125550199" in report.suspected
    status = store.execute("SELECT status, reason FROM identifier_status").fetchall()
    assert next(tuple(s) for s in status)[0] == "suspected"
    assert "names" in status[0][1]
    assert network(store, "a0") == network(store, "a9")
    assert network(store, "b0") == network(store, "b9")
    assert network(store, "a0") != network(store, "b0")
    assert network(store, "g5") is None


def test_suppression_file_and_allowed_status(store, tmp_path: Path):
    listed = tmp_path / "suppress.txt"
    listed.write_text("phone:+17135550101  # the hotel's front desk\n")
    config = LinkConfig(identifiers=IdentifierConfig(suppress_file=listed), kinds=("identifier",))
    _operation(store, "a", ("713-555-0101", "+17135550101"), "lola", "Houston, TX, US")
    assert update(store, ["a0", "a1", "a2"], config).links == {}
    store.set_identifier_status("phone:+17135550101", "allowed", "checked: one poster", "ana")
    assert update(store, ["a0", "a1", "a2"], config).links == {"identifier": 2}


def test_allowed_overrides_suspicion(store):
    _plant_generic(store, [])
    ids = [f"g{i}" for i in range(12)]
    assert update(store, ids, IDENT_ONLY).suspected
    store.set_identifier_status("phone:+12125550199", "allowed", "one agency", "ana")
    report = update(store, ids, IDENT_ONLY)
    assert report.links == {"identifier": 11}
