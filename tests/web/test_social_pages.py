"""The workspace reads the social channel: a social account's record page shows its profile (its
bio with what it names and its recruitment indicators highlighted), its SOC_RECRUITER alert with
the rule version, reason and the contacts behind it, its messages sent and received (paged, each
linked to its conversation), its connections, and the ads holding its phone with their network;
a chat's page is its conversation in the order sent, phones and RECRUIT_* spans highlighted; a
message's page links to its place there; a network's page draws who wrote to whom (its own
accounts told apart from outside ones, its communities named, its edges listed), and has no
Connections section when no message touches it; the triage queue lists the recruiters.

The store is built by the real pipeline (``linkboard run``) from the synthetic world: 600 ads and
the social world written beside them (``linkboard.synth.social``), plus one hand-written profile
whose bio recruits. Fictional 555-01XX phones, invented names.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi import FastAPI
from fastapi.testclient import TestClient

from linkboard.cli import main
from linkboard.store import open_store
from linkboard.store.sqlite import SQLiteStore
from linkboard.synth import generate
from linkboard.synth.social import write_social
from linkboard.web import create_app
from linkboard.web.networks import network_detail
from linkboard.web.records import record_detail
from linkboard.web.recruiters import alerted_recruiters
from tests.web.conftest import Accounts, add_accounts, sign_in
from tests.web.test_query_plans import full_scans

RECRUITER = "social:whatsapp:16195550101"  # in a network with ads
NAMED_ONLY = "social:whatsapp:nathan-acosta"  # known by a display name alone
SCOUT = "social:instagram:demo.scout"
#: The recruiter's chat with its first contact, and the pitch in it.
CHAT = "chat:whatsapp:1-619-555-0101-cff3ee836289"
PITCH = f"msg:whatsapp:{CHAT.rpartition(':')[2]}:44f87317092abaa9cc75"
SCOUT_LINE = {
    "id": SCOUT, "kind": "social_account", "display_name": "Demo Scout", "platform": "instagram",
    "handle": "demo.scout", "phones": ["+16195550142"],
    "bio": "Modeling agency scouting new faces. Travel paid, easy money. Text 619-555-0142",
}  # fmt: skip


def build_world(folder: Path) -> Path:
    """The synthetic ads and social world, and the scout's profile, run into one store."""
    generate(folder / "ads", 600, seed=3, images=False)
    write_social(folder / "social", seed=3, ads_dir=folder / "ads")
    (folder / "scout.jsonl").write_text(json.dumps(SCOUT_LINE) + "\n")
    social = folder / "social"
    inputs = [folder / "ads" / "ads.jsonl", social / "telegram", social / "whatsapp",
              social / "posts.jsonl", folder / "scout.jsonl"]  # fmt: skip
    db = folder / "social.db"
    result = CliRunner().invoke(main, ["run", *map(str, inputs), "--db", str(db), "-q"])
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture(scope="module")
def social_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Accounts]:
    db = build_world(tmp_path_factory.mktemp("social"))
    return db, add_accounts(db)


@pytest.fixture(scope="module")
def social_app(social_store: tuple[Path, Accounts]) -> Iterator[FastAPI]:
    app = create_app(social_store[0], idle_timeout=3600)
    yield app
    app.state.database.close()


@pytest.fixture(scope="module")
def as_role(social_app: FastAPI, social_store: tuple[Path, Accounts]
            ) -> Iterator[Callable[[str], TestClient]]:  # fmt: skip
    signed: dict[str, TestClient] = {}

    def make(role: str) -> TestClient:
        if role not in signed:
            client = TestClient(social_app)
            client.__enter__()
            signed[role] = sign_in(client, social_store[1].users[role], social_store[1].password)
        return signed[role]

    yield make
    for client in signed.values():
        client.__exit__(None, None, None)


def _section(html: str, label: str) -> str:
    found = re.search(rf'<section[^>]*aria-label="{re.escape(label)}".*?</section>', html, re.S)
    assert found, f"no section {label!r}"
    return found.group(0)


def _href(record_id: str) -> str:
    return "/records/" + record_id.replace(":", "%3A")


def _network_of(db: Path, record_id: str) -> str:
    with open_store(db) as store:
        found = store.network_of([record_id])[record_id]
    assert found
    return found


def test_account_page_shows_its_profile_and_recruiter_alert(as_role) -> None:
    page = as_role("analyst").get(_href(RECRUITER))
    assert page.status_code == 200, page.text
    profile = _section(page.text, "Profile")
    for shown in ("+1 619-555-0101", "whatsapp", "16195550101", "@+16195550101 (whatsapp)"):
        assert shown in profile
    alert = _section(page.text, "Recruiter alerts")
    assert "SOC_RECRUITER" in alert
    assert "rule version soc-2026.12" in alert
    assert "first contacted 6 accounts within 4 days" in alert
    contacts = re.findall(r"<tr><td>(.*?)</td>\s*<td>(.*?)</td>", alert, re.S)
    assert len(contacts) == 6
    assert "Aisha Tate" in contacts[0][0]  # the first contact first
    assert 'datetime="2024-02-07T07:04:00+00:00"' in contacts[0][1]
    assert "RECRUIT_MODELING" in alert
    assert "move to another app" in alert
    assert alert.count('class="cited-msg"') == 17  # every message behind it, linked
    assert 'class="contact-chat" href="/records/chat%3Awhatsapp%3A1-619-555-0101-' in alert


def test_account_messages_are_sent_and_received_each_in_its_conversation(as_role) -> None:
    page = as_role("analyst").get(_href(RECRUITER)).text
    messages = _section(page, "Messages")
    assert "35 sent and received" in messages
    assert messages.count('class="msg msg-sent') + messages.count('class="msg msg-received') == 35
    times = re.findall(r'class="msg-time"[^>]*><time class="when" datetime="([^"]+)"', messages)
    assert len(times) == 35
    assert times == sorted(times)  # in the order sent
    assert messages.count('class="msg-chat"') == 35
    first = re.search(r'class="msg-chat" href="([^"]+)"', messages)
    assert first
    assert re.fullmatch(r"/records/chat%3Awhatsapp%3A[^#]+#m-[0-9a-f]+", first.group(1))
    assert 'mark class="hl hl-indicator"' in messages  # a pitch's RECRUIT_* span
    assert "msg-alerted" in messages  # the messages behind the alert are marked


def test_account_messages_are_paged(as_role) -> None:
    client = as_role("analyst")
    first = _section(client.get(_href(NAMED_ONLY)).text, "Messages")
    assert "85 sent and received, page 1 of 2" in first
    assert first.count('<li class="msg ') == 50
    second = _section(client.get(_href(NAMED_ONLY) + "?page=2").text, "Messages")
    assert second.count('<li class="msg ') == 35
    assert 'rel="prev" href="?page=1"' in second


def test_connections_say_who_wrote_to_whom_and_when(as_role) -> None:
    connections = _section(as_role("analyst").get(_href(RECRUITER)).text, "Connections")
    rows = re.findall(r"<tr><td>(.*?)</td><td class=\"num\">(\d+)</td><td class=\"num\">(\d+)</td>",
                      connections)  # fmt: skip
    assert len(rows) == 6
    aisha = next(r for r in rows if "Aisha Tate" in r[0])
    assert aisha[1:] == ("4", "3")  # wrote to her 4 times, she wrote back 3
    assert 'href="/records/social%3Awhatsapp%3Aaisha-tate"' in connections


def test_ads_holding_its_phone_and_their_network(as_role, social_store) -> None:
    page = as_role("analyst").get(_href(RECRUITER)).text
    network = _network_of(social_store[0], RECRUITER)
    ads = _section(page, "Ads holding this account's identifiers")
    assert "+1 619-555-0101" in ads
    assert f'href="/networks/{network}"' in ads
    assert re.search(r'href="/records/ad-\d+"', ads)
    assert "chat%3A" not in ads  # its chats are no ads
    assert f'href="/networks/{network}"' in _section(page, "Profile")


def test_a_bio_is_highlighted_like_an_ads_text(as_role) -> None:
    profile = _section(as_role("analyst").get(_href(SCOUT)).text, "Profile")
    bio = re.search(r'<div class="body-text profile-bio">(.*?)</div>', profile, re.S)
    assert bio
    assert '<mark class="hl hl-phone"' in bio.group(1)
    for code in ("RECRUIT_MODELING", "RECRUIT_TRAVEL_PAID", "RECRUIT_EASY_MONEY"):
        assert code in bio.group(1)


def _chat_with(db: Path, kind: str) -> tuple[str, str]:
    """(chat, message) of the first message whose text names a KIND."""
    with open_store(db) as store:
        ids = store.ids_of_kind("message")
        found = store.mentions_of(ids)
        mid = next(i for i in ids if any(m.kind == kind and m.field == "body" for m in found[i]))
        record = store.record(mid)
        assert record
        return str(record.extra["chat"]), mid


def test_a_conversation_is_in_order_with_what_it_names_highlighted(as_role, social_store) -> None:
    chat, message = _chat_with(social_store[0], "phone")
    page = as_role("analyst").get(_href(chat))
    assert page.status_code == 200, page.text
    view = _section(page.text, "Conversation")
    sent = re.findall(r'<time class="when" datetime="([^"]+)"', view)
    assert sent
    assert sent == sorted(sent, key=datetime.fromisoformat)
    ours = re.search(rf'<li class="msg[^"]*" id="m-{message.rpartition(":")[2]}">.*?</li>', view,
                     re.S)  # fmt: skip
    assert ours
    assert re.search(r'<mark class="hl [^"]*hl-phone', ours.group(0))
    assert "Who wrote:" in view


def test_a_conversation_highlights_the_pitch(as_role) -> None:
    view = _section(as_role("analyst").get(_href(CHAT)).text, "Conversation")
    assert view.count('<li class="msg') == 7
    pitch = re.search(r'<li class="msg msg-flagged" id="m-44f87317092abaa9cc75">.*?</li>', view,
                      re.S)  # fmt: skip
    assert pitch
    assert re.search(r'<mark class="hl hl-indicator"[^>]*title="RECRUIT_MODELING', pitch.group(0))
    assert "easy money" in pitch.group(0)


def test_a_message_links_to_its_place_in_the_conversation(as_role) -> None:
    card = _section(as_role("analyst").get(_href(PITCH)).text, "Message")
    link = re.search(r'class="in-conversation" href="([^"]+)">([^<]+)<', card)
    assert link
    assert link.group(1) == _href(CHAT) + "#m-44f87317092abaa9cc75"
    assert "message 4 of 7" in link.group(2)
    assert "Aisha Tate" in card
    assert "+1 619-555-0101" in card


def test_network_page_draws_its_connections(as_role, social_store) -> None:
    network = _network_of(social_store[0], RECRUITER)
    page = as_role("analyst").get(f"/networks/{network}")
    assert page.status_code == 200
    section = _section(page.text, "Connections")
    svg = re.search(r"<svg class=\"connections-svg\".*?</svg>", section, re.S)
    assert svg
    assert svg.group(0).count('class="cx-node cx-member') == 1  # the recruiter's account
    assert svg.group(0).count('class="cx-node cx-outside') == 6  # the strangers it wrote to
    assert svg.group(0).count("<line ") == 6  # one line a pair, both directions
    assert "Community 1: around +1 619-555-0101" in section
    edges = re.findall(r'<tr class="cx-edge-message">', section)
    assert len(edges) == 12
    assert 'datetime="2024-02-07T07:04:00+00:00"' in section  # first message to Aisha Tate
    assert "1 of its own, 6 outside" in section


def test_network_page_draws_the_same_graph_each_time(as_role, social_store) -> None:
    network = _network_of(social_store[0], RECRUITER)
    drawings = {re.search(r"<svg class=\"connections-svg\".*?</svg>",
                          as_role("analyst").get(f"/networks/{network}").text, re.S)
                .group(0) for _ in range(2)}  # type: ignore[union-attr]  # fmt: skip
    assert len(drawings) == 1


def test_a_network_no_message_touches_has_no_connections(as_role, social_store) -> None:
    with open_store(social_store[0]) as store:
        quiet = next(n.id for n in store.networks(limit=200)
                     if network_detail(store, n.id).connections is None)  # type: ignore[union-attr]  # fmt: skip
    page = as_role("analyst").get(f"/networks/{quiet}").text
    assert 'aria-label="Connections"' not in page
    assert as_role("analyst").get(f"/api/networks/{quiet}").json()["connections"] is None


def test_triage_lists_the_recruiters(as_role, social_store) -> None:
    client = as_role("viewer")
    page = client.get("/triage/recruiters")
    assert page.status_code == 200
    assert _href(RECRUITER) in page.text
    assert _href(NAMED_ONLY) in page.text
    assert 'href="/triage/recruiters"' in client.get("/").text  # the queue's tab
    found = client.get("/api/triage/recruiters").json()
    with open_store(social_store[0]) as store:
        alerted = set(store.records_with_hits(["SOC_RECRUITER"]))
    assert {a["id"] for a in found} == alerted
    assert len(found) >= 7
    assert [a["strength"] for a in found] == sorted((a["strength"] for a in found), reverse=True)
    assert found[0]["alerts"][0]["rule"] == "SOC_RECRUITER"
    assert found[0]["alerts"][0]["rule_version"] == "soc-2026.12"


def test_the_record_api_carries_the_social_parts(as_role) -> None:
    client = as_role("analyst")
    account = client.get(f"/api{_href(RECRUITER)}").json()["social_account"]
    contact = account["alerts"][0]["contacts"][0]
    assert contact["recipient"]["id"] == "social:whatsapp:aisha-tate"
    assert contact["codes"] == ["RECRUIT_EASY_MONEY", "RECRUIT_MODELING"]
    chat = client.get(f"/api/records/{CHAT}").json()["chat"]
    assert chat["total_messages"] == 7
    assert chat["sent"] == {RECRUITER: 4, "social:whatsapp:aisha-tate": 3}


def test_social_page_queries_read_by_index(social_store) -> None:
    """A chat's messages are read by their ids on the primary key, an account's by its
    identifiers' mentions: no page query walks a big table."""
    store = SQLiteStore(social_store[0])
    statements: list[str] = []
    store.db.set_trace_callback(statements.append)
    try:
        for rid in (RECRUITER, CHAT, PITCH):
            record_detail(store, rid)
        network_detail(store, _network_of(social_store[0], RECRUITER))
        alerted_recruiters(store)
        selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
        bad = {sql: scans for sql in selects if (scans := full_scans(store.db, sql))}
        assert not bad, bad
    finally:
        store.close()
