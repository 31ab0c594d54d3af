"""SOC_RECRUITER on hand-written conversations: a recruiter who writes first to many strangers
with recruitment and its moves alerts, with its messages and recipients as the evidence; a
modelling agency, a warehouse recruiter, a busy sender of plain messages, people who wrote to
the account first and a slow trickle of contacts do not; an analyst's file changes the rule."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import pytest

from linkboard.score import load_taxonomy
from linkboard.social.recruiter import (
    RULES_PATH,
    Msg,
    evaluate_sender,
    load_pack,
    recruit_codes,
    social_taxonomy,
)
from linkboard.social.rules import INDICATORS_PATH, RulePack, RulePackError

START = datetime(2025, 3, 2, 20, 0)
PITCH = (
    "hey gorgeous, u could be a model fr. girls on my team make 2k a week easy",
    "all travel paid, hotel's on us. add me on telegram @lola_tour55",
    "how old r u btw?",
)
AGENCY = (
    "Hi, this is Mara from Northlight Models LLC. We're looking for new models for a paid "
    "photoshoot. Open casting at our studio, 41 Harbor St, Mon-Fri 10am-4pm; apply at "
    "northlight.example/apply",
    "Please send two recent photos with your application. You can also reach us on WhatsApp at "
    "our office line during business hours.",
)
WAREHOUSE = (
    "Hello! Brightline Fulfillment is hiring seasonal pickers, $19/hr, no experience needed, "
    "housing provided for out-of-town staff. Interviews Thursday 9am-3pm at 1200 Commerce Dr.",
    "Spots for orientation are filling up fast, the contract comes by email.",
)


@pytest.fixture(scope="module")
def pack() -> RulePack:
    return load_pack()


class Chats:
    """Conversations written message by message: ``chats.write(sender, recipient, day, text)``."""

    def __init__(self, pack: RulePack) -> None:
        self.pack = pack
        self.messages: list[Msg] = []

    def write(self, sender: str, to: str | tuple[str, ...], day: float, text: str) -> Msg:
        recipients = (to,) if isinstance(to, str) else to
        chat = "c:" + "|".join(sorted({sender, *recipients}))
        m = Msg(
            f"m{len(self.messages) + 1}",
            chat,
            sender,
            recipients,
            START + timedelta(days=day),
            text,
            recruit_codes(text, self.pack.taxonomy),
        )
        self.messages.append(m)
        return m

    def campaign(self, sender: str, lines: tuple[str, ...], n: int, days: float) -> None:
        """``sender`` writes ``lines`` first to ``n`` strangers spread over ``days`` days."""
        for i in range(n):
            day = days * i / n
            for k, line in enumerate(lines):
                self.write(sender, f"s{i}", day + k / 1440, line)
            self.write(f"s{i}", sender, day + 0.01, "who is this?")


def test_the_pack_loads_through_the_taxonomy_loader(pack):
    taxonomy = load_taxonomy([INDICATORS_PATH, RULES_PATH])
    ind = taxonomy["SOC_RECRUITER"]
    assert ind.level == "channel"
    assert ind.category == "recruitment"
    assert not ind.is_text
    assert ind.rule == "recruiter"
    assert "Polaris" in ind.reference
    assert pack.version == "soc-2026.12"
    rule = pack["SOC_RECRUITER"]
    assert [b.min for b in rule.bands] == sorted(b.min for b in rule.bands)
    assert rule.bands[-1].alerts
    assert not rule.bands[0].alerts
    assert {"other_app", "photos", "age", "urgency", "professional"} <= set(rule.patterns)


def test_a_recruiter_writing_first_to_many_strangers_alerts(pack):
    chats = Chats(pack)
    chats.campaign("rec", PITCH, 8, days=5)
    alert = evaluate_sender("rec", chats.messages, pack)
    assert alert is not None
    assert alert.alerting
    assert alert.band == "strong"
    assert alert.rule == "SOC_RECRUITER"
    assert alert.rule_version == "soc-2026.12"
    assert alert.recipients == tuple(f"s{i}" for i in range(8))
    sent = {m.id for m in chats.messages if m.sender == "rec"}
    assert set(alert.messages) == sent
    assert "rec first contacted 8 accounts" in alert.reason
    assert "8 of them (100%)" in alert.reason
    assert "asked to move to another app" in alert.reason
    assert "RECRUIT_EASY_MONEY in 8" in alert.reason
    contact = alert.detail["contacts"][0]
    assert contact["recipient"] == "s0"
    assert "RECRUIT_TRAVEL_PAID" in contact["codes"]
    assert set(contact["moves"]) == {"other_app", "age"}
    assert alert.detail["weight"] == pack["SOC_RECRUITER"].weight


def test_the_same_messages_in_any_order_give_the_same_alert(pack):
    chats = Chats(pack)
    chats.campaign("rec", PITCH, 7, days=3)
    shuffled = list(chats.messages)
    random.Random(4).shuffle(shuffled)
    assert evaluate_sender("rec", chats.messages, pack) == evaluate_sender("rec", shuffled, pack)


def test_few_strangers_are_a_weak_band_only(pack):
    chats = Chats(pack)
    chats.campaign("rec", PITCH, 3, days=2)
    alert = evaluate_sender("rec", chats.messages, pack)
    assert alert is not None
    assert alert.band == "weak"
    assert not alert.alerting
    assert "3 of 3 accounts" in alert.reason


def test_volume_alone_never_raises_it(pack):
    chats = Chats(pack)
    chats.campaign("busy", ("hi! are you coming to the meetup thursday?",), 30, days=4)
    assert evaluate_sender("busy", chats.messages, pack) is None


def test_one_pitch_line_without_a_move_is_not_a_recruitment_contact(pack):
    chats = Chats(pack)
    chats.campaign("organiser", ("Park cleanup Saturday, no experience needed!",), 20, days=4)
    assert evaluate_sender("organiser", chats.messages, pack) is None


def test_a_modelling_agency_writing_professionally_to_many_does_not_alert(pack):
    chats = Chats(pack)
    chats.campaign("agency", AGENCY, 25, days=6)
    assert any(m.recruit_codes for m in chats.messages)  # its words are a modelling offer
    assert evaluate_sender("agency", chats.messages, pack) is None


def test_a_warehouse_recruiter_does_not_alert(pack):
    chats = Chats(pack)
    chats.campaign("staffing", WAREHOUSE, 25, days=6)
    assert {c for m in chats.messages for c in m.recruit_codes} >= {
        "RECRUIT_EASY_MONEY",
        "RECRUIT_TRAVEL_PAID",
    }
    assert evaluate_sender("staffing", chats.messages, pack) is None


def test_denying_an_employer_mark_does_not_count_as_one(pack):
    lines = (*PITCH, "no interview, no resume, no contract, just come")
    chats = Chats(pack)
    chats.campaign("rec", lines, 8, days=5)
    alert = evaluate_sender("rec", chats.messages, pack)
    assert alert is not None
    assert alert.alerting
    assert "no employer marks" in alert.reason


def test_people_who_wrote_first_are_not_its_contacts(pack):
    chats = Chats(pack)
    for i in range(10):
        chats.write(f"b{i}", "op", i / 4, "hi, saw your post about the job")
        for k, line in enumerate(PITCH):
            chats.write("op", f"b{i}", i / 4 + (k + 1) / 1440, line)
    assert evaluate_sender("op", chats.messages, pack) is None


def test_contacts_spread_over_months_are_not_a_campaign(pack):
    chats = Chats(pack)
    chats.campaign("slow", PITCH, 8, days=120)
    alert = evaluate_sender("slow", chats.messages, pack)
    assert alert is None or not alert.alerting


def test_group_messages_are_not_first_contacts(pack):
    chats = Chats(pack)
    group = tuple(f"g{i}" for i in range(12))
    for k, line in enumerate(PITCH):
        chats.write("rec", group, k / 1440, line)
    assert evaluate_sender("rec", chats.messages, pack) is None


def test_an_analysts_file_changes_the_rule(tmp_path, pack):
    chats = Chats(pack)
    chats.campaign("rec", PITCH, 8, days=5)
    stricter = tmp_path / "mine.yaml"
    stricter.write_text(
        "version: mine\nindicators:\n  - code: SOC_RECRUITER\n    params: {min_recipients: 12}\n"
    )
    mine = load_pack(social_taxonomy(stricter))
    assert mine.version == "soc-2026.12+mine"
    assert (
        mine["SOC_RECRUITER"].params["window_days"] == pack["SOC_RECRUITER"].params["window_days"]
    )
    alert = evaluate_sender("rec", chats.messages, mine)
    assert alert is not None
    assert not alert.alerting
    off = tmp_path / "off.yaml"
    off.write_text("indicators:\n  - code: SOC_RECRUITER\n    enabled: false\n")
    assert evaluate_sender("rec", chats.messages, load_pack(social_taxonomy(off))) is None


def test_a_bad_pattern_is_refused_with_its_rule(tmp_path):
    bad = tmp_path / "mine.yaml"
    bad.write_text(
        "indicators:\n  - code: SOC_RECRUITER\n"
        "    params: {professional: {points: 1, patterns: ['(unclosed']}}\n"
    )
    with pytest.raises(RulePackError, match="SOC_RECRUITER: bad pattern in professional"):
        load_pack(social_taxonomy(bad))


def test_an_unknown_rule_is_refused_with_its_file(tmp_path):
    bad = tmp_path / "rules.yaml"
    bad.write_text(RULES_PATH.read_text().replace("rule: recruiter", "rule: recruiting"))
    with pytest.raises(RulePackError, match="unknown rule 'recruiting'"):
        load_pack(path=bad)


def test_an_alert_names_the_analysts_overrides_not_the_other_channels(tmp_path):
    """Under every channel's files (as ``linkboard run`` merges them) and an analyst's, the
    pack's version is its own and the analyst's, whatever other channels are installed."""
    from linkboard import hooks

    mine = tmp_path / "mine.yaml"
    mine.write_text("version: mine\nindicators:\n  - code: SOC_RECRUITER\n    weight: 3.0\n")
    taxonomy = load_taxonomy(hooks.taxonomy_files([mine]))
    assert "fin-2026.12" in taxonomy.version
    assert load_pack(taxonomy).version == "soc-2026.12+mine"
    assert load_pack(load_taxonomy(hooks.taxonomy_files(None))).version == "soc-2026.12"


def test_a_volunteer_organiser_writing_to_many_neighbours_is_no_recruiter(pack):
    """ "No experience needed" and "spots are limited" fire on words; a food drive asking
    neighbours for unpaid help carries a volunteer organisation's marks, which count as an
    employer's do."""
    chats = Chats(pack)
    lines = ("Hi! Our food drive needs volunteers this weekend, no experience needed, just come by",
             "Spots are limited, so let me know soon!")  # fmt: skip
    chats.campaign("organiser", lines, 12, days=4)
    assert any(m.recruit_codes for m in chats.messages)
    alert = evaluate_sender("organiser", chats.messages, pack)
    assert alert is None or not alert.alerting
