"""A second record kind proves the seam: a social profile, declared in data/kinds/profile.yaml,
is ingested from JSON Lines, extracted, linked, searchable, exported and shown on its page, by
the same code that reads ads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from linkboard.cli import main
from linkboard.kinds import UnknownKind, kind, kinds
from linkboard.store import open_store
from linkboard.store.page_filters import SearchFilters
from linkboard.values import Identifier
from linkboard.web import create_app
from tests.web.conftest import add_accounts, sign_in

PHONE = "(702) 555-0147"
LINES = [
    {"id": "ad-1", "title": "New in town", "body": f"Sweet and new in town, call {PHONE}"},
    {"id": "ad-2", "title": "Visiting", "body": f"Visiting this week, text {PHONE}"},
    {"id": "prof-1", "kind": "profile", "handle": "lola_22", "platform": "instagram",
     "display_name": "Lola", "bio": f"Bookings only: {PHONE}. Tours the coast monthly.",
     "followers": 1200},
    {"id": "prof-2", "kind": "profile", "handle": "nobio"},  # a profile needs its bio
    {"id": "odd-1", "kind": "horoscope", "body": "Gemini"},
    # One account seen twice (its own handle, declared `self`), with nothing else in common; a
    # fan page that only links to it (`mentioned`) is not that account.
    {"id": "prof-3", "kind": "profile", "handle": "mia.x", "platform": "instagram",
     "bio": "Travel notes and sunsets."},
    {"id": "prof-4", "kind": "profile", "handle": "@Mia.X", "platform": "ig",
     "bio": "Different words entirely."},
    {"id": "prof-5", "kind": "profile", "handle": "mia_fans", "platform": "instagram",
     "links_to": ["instagram:mia.x"], "bio": "Fan page."},
]  # fmt: skip


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("kinds")
    source = folder / "mixed.jsonl"
    source.write_text("\n".join(json.dumps(line) for line in LINES) + "\n")
    db = folder / "kinds.db"
    result = CliRunner().invoke(main, ["run", str(source), "--db", str(db), "-q"])
    assert result.exit_code == 0, result.output
    return db


def test_kinds_are_declared_in_data() -> None:
    assert {"ad", "profile"} <= set(kinds())
    assert kind("profile").field_for("body") == "bio"
    with pytest.raises(UnknownKind, match="declared kinds are"):
        kind("horoscope")


def test_a_profile_is_read_extracted_and_linked_like_an_ad(db: Path) -> None:
    with open_store(db) as store:
        profile = store.record("prof-1")
        assert profile is not None
        assert (profile.kind, profile.title, profile.site) == ("profile", "Lola", "instagram")
        assert profile.body.startswith("Bookings only")
        assert profile.extra == {"handle": "lola_22", "followers": 1200}
        assert [(m.kind, m.value) for m in store.mentions("prof-1") if m.kind == "phone"] == [
            ("phone", "+17025550147")
        ]
        networks = dict(store.record_networks())
        assert networks["prof-1"] is not None
        assert networks["prof-1"] == networks["ad-1"] == networks["ad-2"]
        assert store.search_record_ids("coast") == ["prof-1"]
        reasons = {q.locator.rsplit(":", 1)[1]: q.reason for q in store.quarantined()}
    assert reasons == {"4": "missing field: bio", "5": "unknown record kind 'horoscope': "
                       "declared kinds are account, ad, chat, follow, message, post, profile, "
                       "social_account, transaction"}  # fmt: skip


def test_a_profile_links_by_the_handle_it_holds_never_by_one_it_mentions(db: Path) -> None:
    with open_store(db) as store:
        own = {(m.field, m.kind, m.value, m.role) for m in store.mentions("prof-4")}
        assert ("handle", "handle", "instagram:mia.x", "self") in own
        linked = {(m.value, m.role) for m in store.mentions("prof-5") if m.field == "links_to"}
        assert linked == {("instagram:mia.x", "mentioned")}
        networks = dict(store.record_networks())
        assert networks["prof-3"] is not None
        assert networks["prof-3"] == networks["prof-4"]
        assert networks["prof-5"] != networks["prof-3"]
        found = store.search_identifiers(
            (Identifier("handle", "instagram:mia.x"),), SearchFilters(), 0, 10
        )
    # A search for the handle finds every record holding it, in any role.
    assert sorted(f.id for f in found) == ["prof-3", "prof-4", "prof-5"]


def test_a_declaration_names_known_types_and_roles() -> None:
    from linkboard.kinds import _kind

    base = "fields: {bio: body}\nidentifiers:\n  acct: "
    with pytest.raises(ValueError, match="no linkable value type 'licence_plate'"):
        _kind("x.yaml", base + "{type: licence_plate}")
    with pytest.raises(ValueError, match="no role 'owner'"):
        _kind("x.yaml", base + "{type: phone, role: owner}")
    held = _kind("x.yaml", base + "{type: payment, namespace: service}").identifiers
    assert [(h.field, h.type, h.role, h.namespace) for h in held] == [
        ("acct", "payment", "self", "service")
    ]


def test_a_profile_is_exported_with_its_kind(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["export", "--db", str(db), "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = {r["id"]: r for r in map(json.loads, out.read_text().splitlines())}
    assert rows["prof-1"]["kind"] == "profile"
    assert rows["prof-1"]["phones"] == ["+17025550147"]
    assert rows["prof-1"]["network"] == rows["ad-1"]["network"]


def test_a_profile_shows_on_its_record_page(db: Path) -> None:
    accounts = add_accounts(db)
    with TestClient(create_app(db)) as client:
        sign_in(client, accounts.users["analyst"], accounts.password)
        page = client.get("/records/prof-1")
        assert page.status_code == 200
        assert "profile on <strong>instagram</strong>" in page.text
        assert "handle:</span> lola_22" in page.text
        assert "followers:</span> 1200" in page.text
        api = client.get("/api/records/prof-1").json()
        assert api["other_fields"] == {"followers": "1200", "handle": "lola_22"}
        fan = client.get("/api/records/prof-5").json()
        held = [(m["field"], m["value"], m["role"]) for m in fan["mentions"]]
        assert ("links_to", "instagram:mia.x", "mentioned") in held
        assert ("handle", "instagram:mia_fans", "self") in held
        assert client.get("/records/prof-5").status_code == 200
