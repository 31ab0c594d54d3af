"""The social channel through ``linkboard run``: chat exports and posts become accounts, chats and
messages; a recruiter's account alerts with the messages and recipients behind it; a message's
ends never join a network; the exports carry accounts, messages and the connection graph; and a
second run changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from linkboard.cli import main
from linkboard.export.records import rows
from linkboard.store import open_store
from linkboard.synth import generate
from linkboard.synth.social import write_social

pytestmark = pytest.mark.slow

RECRUITER = "SOC_RECRUITER"


def _run(db: Path, *inputs: Path | str, more: tuple[str, ...] = ()) -> str:
    run = CliRunner().invoke(main, ["run", *map(str, inputs), "--db", str(db), "-q", *more])
    assert run.exit_code == 0, run.output
    return run.output


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("social-world")
    generate(work / "ads", 400, seed=5, images=False)
    write_social(work / "social", seed=5, ads_dir=work / "ads")
    return work


def _inputs(world: Path) -> list[Path]:
    social = world / "social"
    return [world / "ads" / "ads.jsonl", social / "telegram", social / "whatsapp",
            social / "posts.jsonl"]  # fmt: skip


@pytest.fixture(scope="module")
def db(world: Path) -> Path:
    path = world / "lb.db"
    _run(path, *_inputs(world))
    return path


def _alerts(db: Path) -> dict[str, dict[str, object]]:
    with open_store(db) as store:
        ids = store.records_with_hits([RECRUITER])
        return {i: h.detail for i in ids for h in store.hits("record", i) if h.code == RECRUITER}


def test_every_export_becomes_records_and_none_is_quarantined(db: Path) -> None:
    with open_store(db) as store:
        assert store.quarantined() == []
        kinds = {k for i, k in store.kinds_of(store.ids_of_kind("message")[:1]).items()}
        assert kinds == {"message"}
        for kind in ("social_account", "chat", "message", "post", "ad"):
            assert store.ids_of_kind(kind), kind


def test_recruiters_alert_with_the_messages_and_recipients_behind_it(db: Path, world: Path) -> None:
    truth = json.loads((world / "social" / "truth.json").read_text())
    names = {a["name"] for a in truth["accounts"] if a["role"] == "recruiter"}
    phones = {a["phone"].lstrip("+") for a in truth["accounts"] if a["role"] == "recruiter"}
    alerts = _alerts(db)
    assert alerts
    with open_store(db) as store:
        for account, detail in alerts.items():
            record = store.record(account)
            assert record is not None
            assert record.kind == "social_account"
            assert record.title in names or account.rpartition(":")[2] in phones, account
            messages = store.records(detail["messages"])  # type: ignore[arg-type]
            assert messages
            assert {m.kind for m in messages} == {"message"}
            assert len(detail["recipients"]) >= 5  # type: ignore[arg-type]
            assert detail["rule_version"]
            hit = next(h for h in store.hits("record", account) if h.code == RECRUITER)
            assert "first contacted" in hit.evidence
            assert hit.level == "channel"


def test_a_message_joins_no_network(db: Path) -> None:
    with open_store(db) as store:
        messages = store.ids_of_kind("message")
        chats = store.ids_of_kind("chat")
        assert not any(store.network_of(messages + chats).values())


def test_the_export_carries_accounts_and_messages(db: Path) -> None:
    with open_store(db) as store:
        found = list(rows(store))
    accounts = [r for r in found if r["kind"] == "social_account"]
    messages = [r for r in found if r["kind"] == "message"]
    assert {
        "platform",
        "source_id",
        "display_name",
        "handles",
        "phones",
        "network",
        "alerts",
    } <= set(accounts[0])
    assert {"chat", "sender", "sent_at", "phones", "handles", "payments", "indicators"} <= set(
        messages[0]
    )
    flagged = [r for r in accounts if r["alerts"]]
    assert flagged
    assert all(a["rule"] == RECRUITER for r in flagged for a in r["alerts"])
    assert any(i["code"].startswith("RECRUIT_") for r in messages for i in r["indicators"])


def test_the_network_exports_as_ftm_messages_and_a_connection_graph(
    db: Path, world: Path, tmp_path: Path
) -> None:
    truth = json.loads((world / "social" / "truth.json").read_text())
    numbers = [a["phone"] for a in truth["accounts"] if a["role"] == "recruiter" and a["shared"]]
    with open_store(db) as store:
        accounts = [f"social:whatsapp:{n.lstrip('+')}" for n in numbers]
        placed = {a: n for a, n in store.network_of(accounts).items() if n}
    assert placed, "a recruiter whose number its ads print is in their network"
    account, network = sorted(placed.items())[0]
    graph = tmp_path / "net.graphml"
    args = ["--db", str(db), "--network", network, "--out", str(graph)]
    run = CliRunner().invoke(main, ["export", *args, "--format", "connections"])
    assert run.exit_code == 0, run.output
    g = nx.read_graphml(graph)
    assert account in g
    assert g.nodes[account]["member"] is True
    assert {d["kind"] for _, _, d in g.edges(data=True)} >= {"message"}
    assert all(int(d["count"]) >= 1 for _, _, d in g.edges(data=True))
    ftm = tmp_path / "net.ftm.json"
    run = CliRunner().invoke(main, ["export", *args[:4], "--format", "ftm", "--out", str(ftm)])
    assert run.exit_code == 0, run.output
    entities = [json.loads(line) for line in ftm.read_text().splitlines()]
    schemata = {e["schema"] for e in entities}
    assert {"UserAccount"} <= schemata


def test_a_second_run_changes_nothing(db: Path, world: Path, tmp_path: Path) -> None:
    before = _alerts(db)
    with open_store(db) as store:
        count = len(list(rows(store)))
    _run(db, *_inputs(world))
    assert _alerts(db) == before
    with open_store(db) as store:
        assert len(list(rows(store))) == count


def test_the_owner_of_a_whatsapp_export_is_known_by_the_number_account_gives(
    tmp_path: Path,
) -> None:
    chat = tmp_path / "WhatsApp Chat with +1 702-555-0142.txt"
    chat.write_text(
        "3/2/25, 9:05 PM - Sam Doe: hey, who is this?\n"
        "3/2/25, 9:07 PM - +1 702-555-0142: saw your post, is it still for sale?\n"
    )
    db = tmp_path / "lb.db"
    _run(db, chat, more=("--account", "+1 702-555-0188"))
    with open_store(db) as store:
        assert store.record("social:whatsapp:17025550188") is not None
        assert store.record("social:whatsapp:sam-doe") is None
        mine = store.records_with_identifiers(["phone:+17025550188"], role="sender")
        assert len(mine["phone:+17025550188"]) == 1


def test_messages_export_as_ftm_messages_between_user_accounts(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "search.ftm.json"
    args = ["--db", str(db), "--search", "model", "--format", "ftm", "--out", str(out)]
    run = CliRunner().invoke(main, ["export", *args])
    assert run.exit_code == 0, run.output
    entities = [json.loads(line) for line in out.read_text().splitlines()]
    messages = [e for e in entities if e["schema"] == "Message"]
    assert messages
    assert all(m["properties"].get("senderAccount") for m in messages)
    assert all(m["properties"].get("bodyText") for m in messages)


def test_accounts_posting_an_ads_contact_in_lockstep_are_a_promotion(db: Path, world: Path) -> None:
    """Promotion teams whose handle or phone the ads print are found, with the post pairs
    behind each finding; a shop's friends posting its handle in bursts are not."""
    truth = json.loads((world / "social" / "truth.json").read_text())
    named = {i for p in truth["posts"] for i in p["promoted"]}
    with open_store(db) as store:
        flagged = set(store.records_with_hits(["SOC_PROMOTION"]))
        holders = store.records_with_identifiers(named)
        kind_of = store.kinds_of({r for rs in holders.values() for r in rs})
        printed = {i for i, rs in holders.items() if any(kind_of[r] == "ad" for r in rs)}
        first = store.hits("record", sorted(flagged)[0])
    hit = next(h for h in first if h.code == "SOC_PROMOTION")
    team = {p["author"] for p in truth["posts"] if set(p["promoted"]) & printed}
    assert team, "the world promotes handles its ads print"
    found = {p["author"] for p in truth["posts"] if p["id"] in flagged}
    assert len(team & found) / len(team) >= 0.8
    benign = {p["id"] for p in truth["posts"] if p["story"] != "promotion"}
    assert not benign & flagged
    assert hit.detail["edges"]
    assert set(hit.detail["identifiers"]) <= printed
    assert "within 10 minutes" in hit.evidence
