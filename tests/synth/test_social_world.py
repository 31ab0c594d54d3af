"""The synthetic social world: the same arguments write the same bytes; chats are written as
Telegram Desktop and WhatsApp export them, posts as ``post`` records; the truth names every
recruiter, promoter, buyer and look-alike, the codes planted in each message, and ties the
recruiters, promoters and buyers to the ad corpus's operations."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from linkboard.synth import generate
from linkboard.synth.social import social_world, write_social
from linkboard.synth.social_roster import read_ops

CODES = {"RECRUIT_MODELING", "RECRUIT_EASY_MONEY", "RECRUIT_TRAVEL_PAID", "RECRUIT_BOYFRIEND"}
FICTION = re.compile(r"^\+1\d{3}55501\d\d$")
WA_LINE = re.compile(r"^\d{1,2}/\d{1,2}/\d{2}, \d{1,2}:\d{2} [AP]M - ")


@pytest.fixture(scope="module")
def ads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("ads")
    generate(out, 800, seed=2, images=False)
    return out


@pytest.fixture(scope="module")
def world_dir(ads: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("social")
    write_social(out, seed=5, ads_dir=ads)
    return out


@pytest.fixture(scope="module")
def truth(world_dir: Path) -> dict[str, Any]:
    return json.loads((world_dir / "truth.json").read_text(encoding="utf-8"))


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_the_same_arguments_write_the_same_bytes(ads, world_dir, tmp_path):
    write_social(tmp_path / "again", seed=5, ads_dir=ads)
    assert files(tmp_path / "again") == files(world_dir)
    write_social(tmp_path / "other", seed=6, ads_dir=ads)
    assert files(tmp_path / "other") != files(world_dir)


def test_telegram_chats_are_written_as_telegram_desktop_exports(world_dir, truth):
    chats = [c for c in truth["chats"] if c["platform"] == "telegram"]
    assert chats
    for chat in chats:
        export = json.loads((world_dir / chat["file"]).read_text(encoding="utf-8"))
        assert export["type"] == (
            "personal_chat" if chat["type"] == "personal" else "private_group"
        )
        assert isinstance(export["id"], int)
        messages = [m for m in export["messages"] if m["type"] == "message"]
        assert [m["id"] for m in messages] == [m["key"] for m in chat["messages"]]
        for m in messages:
            assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", m["date"])
            when = datetime.fromtimestamp(int(m["date_unixtime"]), UTC)
            assert when.strftime("%Y-%m-%dT%H:%M:%S") == m["date"]
            assert re.fullmatch(r"user\d+", m["from_id"])
            if not isinstance(m["text"], str):
                assert {e["type"] for e in m["text"]} <= {"plain", "mention", "phone"}
                assert {e["type"] for e in m["text"]} - {"plain"}


def test_whatsapp_chats_are_written_as_whatsapp_exports(world_dir, truth):
    chats = [c for c in truth["chats"] if c["platform"] == "whatsapp"]
    continued = 0
    for chat in chats:
        path = world_dir / chat["file"]
        assert path.name.startswith("WhatsApp Chat with ")
        lines = path.read_text(encoding="utf-8").splitlines()
        assert "Messages and calls are end-to-end encrypted" in lines[0]
        if chat["type"] == "group":
            assert " created group " in lines[1]
        for m in chat["messages"]:
            assert WA_LINE.match(lines[m["key"]["line"] - 1])
        continued += sum(not WA_LINE.match(line) for line in lines)
    assert continued  # some messages run over several lines


def test_posts_are_post_records(world_dir):
    text = (world_dir / "posts.jsonl").read_text(encoding="utf-8")
    rows = [json.loads(line) for line in text.splitlines()]
    keys = {"id", "kind", "platform", "author", "author_name", "posted_at", "text", "mentions"}
    assert rows
    assert all(set(r) == keys and r["kind"] == "post" for r in rows)


def test_the_truth_names_every_role(truth):
    roles = Counter(a["role"] for a in truth["accounts"])
    for role in (
        "recruiter",
        "promoter",
        "buyer",
        "plain",
        "benign:agency",
        "benign:jobs",
        "benign:trip",
        "benign:outreach",
        "benign:dating",
        "benign:shop",
    ):
        assert roles[role], role
    contacted = Counter(a["contacted_by"] for a in truth["accounts"] if a["contacted_by"])
    for rec in (a for a in truth["accounts"] if a["role"] == "recruiter"):
        assert "SOC_RECRUITER" in rec["codes"]
        assert contacted[rec["key"]] >= 8


def test_every_recruitment_code_is_planted_and_only_where_the_story_has_it(truth):
    planted: Counter[str] = Counter()
    for chat in truth["chats"]:
        for m in chat["messages"]:
            assert set(m["codes"]) <= CODES
            if m["codes"]:
                assert chat["story"] in {"recruitment", "agency", "jobs", "outreach"}
            planted.update(m["codes"])
    assert set(planted) == CODES


def test_recruiters_promoters_and_buyers_use_the_operations_identifiers(ads, truth):
    _, written = read_ops(ads)
    from_ads = {o["id"] for o in truth["operations"] if o["from_ads"]}
    assert from_ads
    for a in truth["accounts"]:
        assert FICTION.match(a["phone"]), a
        if a["role"] in ("recruiter", "promoter", "buyer"):
            assert a["shared"], a
            if a["operation"] in from_ads:
                assert set(a["shared"]) <= written, a
        else:
            assert not a["shared"]
            assert f"phone:{a['phone']}" not in written
    recruiters = {a["key"]: a for a in truth["accounts"] if a["role"] == "recruiter"}
    for chat in (c for c in truth["chats"] if c["story"] == "buyer"):
        first = chat["messages"][0]["sender"]
        assert chat["owner"] in recruiters  # the operation's phone was exported
        assert first != chat["owner"]  # the buyer wrote first: a counterparty, not a member
    ops = {o["id"]: o for o in truth["operations"]}
    op_phones = {f"phone:{p}" for o in ops.values() for p in o["phones"]}
    for buyer in (a for a in truth["accounts"] if a["role"] == "buyer"):
        assert set(buyer["shared"]) <= op_phones
    for a in truth["accounts"]:
        if a["operation"]:
            own = ops[a["operation"]]
            mine = {f"phone:{p}" for p in own["phones"]} | {f"handle:{h}" for h in own["handles"]}
            assert set(a["shared"]) <= mine, a


def test_a_world_without_ads_makes_up_its_operations():
    world = social_world(seed=3, days=40)
    assert world.ops
    assert not any(o.from_ads for o in world.ops)
    recruiters = [p for p in world.people if p.role == "recruiter"]
    assert recruiters
    assert all(FICTION.match(p.phone) for p in world.people)


def test_the_social_rules_find_what_the_world_planted(ads):
    from linkboard.social.recruiter import Msg, evaluate_sender, load_pack, recruit_codes

    world = social_world(seed=5, ads_dir=ads)
    pack = load_pack()
    hits = planted = 0
    mine: dict[str, list[Msg]] = {}
    for chat, n, line in world.lines():
        codes = recruit_codes(line.text, pack.taxonomy)
        hits += len(codes & set(line.codes))
        planted += len(line.codes)
        msg = Msg(
            f"{chat.id}:{n}",
            chat.id,
            line.sender,
            chat.recipients(line),
            datetime.fromtimestamp(line.at, UTC),
            line.text,
            codes,
        )
        for member in chat.members:
            mine.setdefault(member, []).append(msg)
    assert hits >= 0.85 * planted
    alerted = {
        p.role
        for p in world.people
        if (a := evaluate_sender(p.key, mine.get(p.key, []), pack)) and a.alerting
    }
    assert alerted == {"recruiter"}
