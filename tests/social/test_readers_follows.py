"""An Instagram export's follow lists: whose they are comes from ``--account``; each entry is the
other account and a follow record from follower to followed with its time; a follow joins no
network and is a ``follow`` edge of the connection graph; without ``--account`` the list is
quarantined with the reason and the rest of the run goes on."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from linkboard.cli import main
from linkboard.social.graph import account_graph
from linkboard.store import open_store

FOLLOWERS = [
    {"title": "", "media_list_map": [],
     "string_list_data": [{"href": "https://www.instagram.com/mia.scout55", "value": "mia.scout55",
                           "timestamp": 1706745600}]},
    {"title": "dana_fict", "string_list_data": [{"href": "https://www.instagram.com/_u/dana_fict",
                                                 "timestamp": 1706832000}]},
    {"title": "", "string_list_data": [{"value": "not a user name!"}]},
]  # fmt: skip
FOLLOWING = {"relationships_following": [
    {"title": "", "string_list_data": [{"href": "https://www.instagram.com/lola_bookings_22",
                                        "value": "lola_bookings_22", "timestamp": 1706918400}]},
]}  # fmt: skip


def _run(db: Path, *args: str) -> None:
    run = CliRunner().invoke(main, ["run", *args, "--db", str(db), "-q"])
    assert run.exit_code == 0, run.output


def _export(tmp: Path) -> Path:
    folder = tmp / "connections" / "followers_and_following"
    folder.mkdir(parents=True)
    (folder / "followers_1.json").write_text(json.dumps(FOLLOWERS))
    (folder / "following.json").write_text(json.dumps(FOLLOWING))
    return tmp / "connections"


def test_follow_lists_give_accounts_and_follows_with_their_time(tmp_path: Path) -> None:
    db = tmp_path / "lb.db"
    _run(db, str(_export(tmp_path)), "--account", "@Rosa.Owner")
    with open_store(db) as store:
        follows = {r.id: r for r in store.records(store.ids_of_kind("follow"))}
        assert sorted(follows) == [
            "follow:instagram:dana_fict:rosa.owner",
            "follow:instagram:mia.scout55:rosa.owner",
            "follow:instagram:rosa.owner:lola_bookings_22",
        ]
        assert (
            follows["follow:instagram:mia.scout55:rosa.owner"].posted_at
            == "2024-02-01T00:00:00+00:00"
        )
        accounts = set(store.ids_of_kind("social_account"))
        assert "social:instagram:rosa.owner" in accounts
        assert "social:instagram:lola_bookings_22" in accounts
        (bad,) = store.quarantined()
        assert bad.reason == "a follow entry names no Instagram account"
        assert not any(store.network_of(list(follows)).values())
        graph = account_graph(store, ["social:instagram:rosa.owner"])
    follow = {(e.source, e.target) for e in graph.edges if e.kind == "follow"}
    assert follow == {
        ("social:instagram:mia.scout55", "social:instagram:rosa.owner"),
        ("social:instagram:dana_fict", "social:instagram:rosa.owner"),
        ("social:instagram:rosa.owner", "social:instagram:lola_bookings_22"),
    }


def test_a_follow_list_without_its_owner_is_quarantined_and_the_run_goes_on(tmp_path: Path) -> None:
    db = tmp_path / "lb.db"
    chat = tmp_path / "WhatsApp Chat with Lola.txt"
    chat.write_text("3/2/25, 9:05 PM - Lola: hi\n")
    _run(db, str(_export(tmp_path)), str(chat))
    with open_store(db) as store:
        reasons = {q.reason for q in store.quarantined()}
        assert store.ids_of_kind("message")
        assert not store.ids_of_kind("follow")
    assert any("--account" in r for r in reasons)
