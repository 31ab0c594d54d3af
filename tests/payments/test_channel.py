"""The payments channel in the pipeline: accounts join the networks of the ads that print their
own identifiers, a customer who pays an operation is an edge and never a member, transactions are
filed under their account and never join a network, and the exports carry the account and
transaction fields with the alerts and the rule version that raised them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from linkboard.cli import main
from linkboard.kinds import kind
from linkboard.store import open_store

OP_PHONE = "702-555-0143"
OP_IBAN = "DE37999999990123456789"
CUSTOMER_TAG = "$quietbuyer7"


def ad(n: int, body: str, city: str = "Reno, NV") -> dict[str, Any]:
    return {"id": f"ad-{n}", "kind": "ad", "title": f"Ad {n}", "body": body, "location": city,
            "site": "classifieds.example", "posted_at": f"2026-03-{n:02d}T20:00:00Z"}  # fmt: skip


def account(key: str, holder: str, **fields: Any) -> dict[str, Any]:
    return {"id": f"account:{key}", "kind": "account", "holder": holder, "source_id": key,
            **fields}  # fmt: skip


def txn(account_id: str, n: int, **fields: Any) -> dict[str, Any]:
    base = {"id": f"txn:{account_id}:{n}", "kind": "transaction", "account": account_id,
            "booked_at": f"2026-03-{n % 27 + 1:02d}T15:00:00Z", "currency": "USD",
            "booked_local": f"2026-03-{n % 27 + 1:02d}T10:00:00-05:00"}  # fmt: skip
    return base | fields


def world() -> list[dict[str, Any]]:
    ops = account(OP_IBAN, "Fictional Holder One", account_type="bank", iban=OP_IBAN,
                  phones=[OP_PHONE], institution="Fictional Bank")  # fmt: skip
    customer = account("cashapp:quietbuyer7", "Fictional Customer", account_type="p2p",
                       payments=[CUSTOMER_TAG], service="cashapp")  # fmt: skip
    bystander = account("cashapp:plainuser42", "Fictional Bystander", account_type="p2p",
                        payments=["$plainuser42"], phones=["702-555-0188"])  # fmt: skip
    rows = [
        ad(1, f"Sweet and new in town, call {OP_PHONE} tonight"),
        ad(2, f"Available now. Text {OP_PHONE}", "Sparks, NV"),
        ad(3, "Vintage sofa for sale, call 702-555-0177"),
        ops,
        customer,
        bystander,
        # the customer pays the operation once: on the operation's statement and on its own
        txn(ops["id"], 1, account_iban=OP_IBAN, amount="200.00", direction="credit",
            channel="p2p", counterparty_name="Fictional Customer",
            counterparty_payment=CUSTOMER_TAG, memo="for 702-555-0143"),
        txn(customer["id"], 2, account_payment=CUSTOMER_TAG, amount="200.00", direction="debit",
            channel="p2p", counterparty_name="Fictional Holder One", counterparty_iban=OP_IBAN,
            memo="thanks, call 702-555-0143"),
        txn(bystander["id"], 3, account_payment="$plainuser42", amount="12.50",
            direction="debit", channel="card", merchant="Corner Cafe", mcc="5814",
            counterparty_name="Corner Cafe"),
    ]  # fmt: skip
    return rows


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("payments")
    source = folder / "world.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in world()))
    db = folder / "world.db"
    run = CliRunner().invoke(main, ["run", str(source), "--db", str(db), "--workers", "1", "-q"])
    assert run.exit_code == 0, run.output
    return db


def test_the_kinds_say_how_money_records_link() -> None:
    assert kind("transaction").links is False
    assert kind("transaction").text_role == "mentioned"
    roles = {h.field: h.role for h in kind("transaction").identifiers}
    assert roles["account_iban"] == "holder"
    assert roles["counterparty_payment"] == "counterparty"
    assert {h.role for h in kind("account").identifiers} == {"self"}


def test_an_account_joins_the_network_of_the_ads_that_print_its_phone(store_path: Path) -> None:
    with open_store(store_path) as store:
        networks = dict(store.record_networks())
        assert networks["ad-1"] is not None
        assert networks[f"account:{OP_IBAN}"] == networks["ad-1"] == networks["ad-2"]
        assert networks.get("ad-3") is None


def test_a_customer_who_pays_an_operation_is_no_member(store_path: Path) -> None:
    with open_store(store_path) as store:
        networks = dict(store.record_networks())
        operation = networks["ad-1"]
        assert networks.get("account:cashapp:quietbuyer7") != operation
        assert networks.get("account:cashapp:plainuser42") is None
        for rid, network in networks.items():
            if rid.startswith("txn:"):
                assert network is None, rid
        # the memo's phone is only mentioned; the payer is the other side
        held = {(m.kind, m.value, m.role) for m in store.mentions(f"txn:account:{OP_IBAN}:1")}
        assert ("phone", "+17025550143", "mentioned") in held
        assert ("payment", "cashapp:quietbuyer7", "counterparty") in held
        assert ("iban", OP_IBAN, "holder") in held


def test_the_export_carries_accounts_and_transactions(store_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.jsonl"
    run = CliRunner().invoke(main, ["export", "--db", str(store_path), "--out", str(out)])
    assert run.exit_code == 0, run.output
    rows = {r["id"]: r for r in map(json.loads, out.read_text().splitlines())}
    acct = rows[f"account:{OP_IBAN}"]
    assert acct["kind"] == "account"
    assert acct["source_id"] == OP_IBAN
    assert acct["holder"] == "Fictional Holder One"
    assert acct["phones"] == ["+17025550143"]
    assert acct["network"] == rows["ad-1"]["network"]
    assert all(set(a) >= {"rule", "rule_version", "reason"} for a in acct["alerts"])
    assert "FIN_AD_IDENTIFIER" in {a["rule"] for a in acct["alerts"]}
    paid = rows[f"txn:account:{OP_IBAN}:1"]
    assert paid["kind"] == "transaction"
    assert (paid["account"], paid["counterparty"]) == (OP_IBAN, "Fictional Customer")
    assert (paid["amount"], paid["currency"], paid["direction"]) == (200.0, "USD", "credit")
    assert paid["booked_at"] == "2026-03-02T10:00:00-05:00"
    assert paid["counterparty_identifier"] == "payment:cashapp:quietbuyer7"
    assert rows["account:cashapp:quietbuyer7"]["alerts"] == []


def test_the_network_breakdown_names_the_accounts_alert(store_path: Path) -> None:
    with open_store(store_path) as store:
        network = dict(store.record_networks())["ad-1"]
        stored = store.network(network)
        assert stored is not None
        assert stored.breakdown is not None
        codes = {c.code for c in stored.breakdown.contributions}
        assert "FIN_AD_IDENTIFIER" in codes


def test_the_ftm_export_holds_accounts_and_payments(store_path: Path, tmp_path: Path) -> None:
    with open_store(store_path) as store:
        network = dict(store.record_networks())["ad-1"]
    out = tmp_path / "net.ftm.json"
    args = ["--db", str(store_path), "--network", network, "--format", "ftm", "--out", str(out)]
    run = CliRunner().invoke(main, ["export", *args])
    assert run.exit_code == 0, run.output
    entities = [json.loads(line) for line in out.read_text().splitlines()]
    banks = [e for e in entities if e["schema"] == "BankAccount"]
    assert [b["properties"]["iban"] for b in banks] == [[OP_IBAN]]
    assert "FIN_AD_IDENTIFIER" in banks[0]["properties"]["summary"][0]
    assert any(e["schema"] == "Ownership" for e in entities)


def test_a_sar_narrative_names_the_key_term_the_flags_and_the_ads(
    store_path: Path, tmp_path: Path
) -> None:
    with open_store(store_path) as store:
        network = dict(store.record_networks())["ad-1"]
    out = tmp_path / "sar.txt"
    args = ["--db", str(store_path), "--network", network, "--format", "sar", "--out", str(out)]
    run = CliRunner().invoke(main, ["export", *args])
    assert run.exit_code == 0, run.output
    text = out.read_text()
    assert text.startswith("HUMAN TRAFFICKING FIN-2020-A008")
    assert f"account {OP_IBAN}" in text
    assert "FIN_AD_IDENTIFIER (rule version fin-2026.12)" in text
    assert "phone:+17025550143: 2 ad(s) in network" in text


def test_an_identifier_marked_generic_raises_no_alert(tmp_path: Path) -> None:
    from linkboard.cases import curation
    from tests.cases.fixtures import users

    source = tmp_path / "world.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in world()))
    db = tmp_path / "world.db"
    run = CliRunner().invoke(main, ["run", str(source), "--db", str(db), "--workers", "1", "-q"])
    assert run.exit_code == 0, run.output
    acct = f"account:{OP_IBAN}"
    with open_store(db) as store:
        assert [h.code for h in store.hits("record", acct)] == ["FIN_AD_IDENTIFIER"]
        analyst = users(store)["analyst"]  # type: ignore[arg-type]
        curation.suppress_identifier(store, "phone:+17025550143", "a booking line",
                                     actor=analyst)  # fmt: skip
        assert store.hits("record", acct) == []
        assert dict(store.record_networks()).get(acct) is None
