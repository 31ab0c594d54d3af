"""Hash lists through the command line, as an analyst uses them: a list loaded before or after the
photos are processed finds the same photos (MD5 and SHA-1 exactly, PDQ near), its records carry
an explained alert and join one network through the entry they share, a reload changes nothing,
a drop takes it all back, and a bad file is one clear line.

The MD5 and SHA-1 of a photo are taken by the record stage (``link.photos.hash_image``); these
tests compute the expected ones from the files' bytes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from linkboard.cli import main
from linkboard.link.photos import hash_image
from linkboard.media.hashmatch import export_fields
from linkboard.store import open_store
from linkboard.synth.exif import stripped
from tests.media.hashlist_setup import BODIES, Corpus, corpus, hashlists_registered, write_ads

IDS = sorted(BODIES)


@pytest.fixture(autouse=True)
def registered() -> Iterator[None]:
    with hashlists_registered():
        yield


@pytest.fixture
def ads(tmp_path: Path) -> Corpus:
    return corpus(tmp_path / "in")


def invoke(*args: object) -> Result:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output
    return result


def ok(*args: object) -> str:
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    return result.output


def run(db: Path, ads: Corpus) -> None:
    ok("run", ads.ads, "--db", db, "-q", "--workers", 1)


def pdq_list(ads: Corpus, tmp_path: Path) -> Path:
    listed = hash_image(stripped(ads.original))
    path = tmp_path / "partner.csv"
    path.write_text(f"id,pdq,quality,label\nP1,{listed.pdq},{listed.quality},cat-a\n")
    return path


def exact_list(ads: Corpus, tmp_path: Path) -> Path:
    """One entry (E7) with the MD5 of a.jpg and the SHA-1 of b.jpg: two unrelated photos."""
    path = tmp_path / "exact.csv"
    md5, sha1 = ads.digest("a.jpg", "md5"), ads.digest("b.jpg", "sha1")
    path.write_text(
        f"list,source,id,md5,sha1,label\nshared-test,Programme Y,E7,{md5},{sha1},cat-b\n"
    )
    return path


def matches(db: Path) -> set[tuple[str, str, str, str, int]]:
    with open_store(db) as store:
        found = store.hashlist_matches_of(IDS)
    return {(m.record_id, m.list_name, m.entry, m.kind, m.distance) for ms in found.values()
            for m in ms}  # fmt: skip


def alerts(db: Path) -> dict[str, list[str]]:
    with open_store(db) as store:
        return {rid: [h.evidence for h in store.hits("record", rid) if h.code == "IMG_HASHLIST"]
                for rid in IDS}  # fmt: skip


def test_a_list_loaded_after_the_photos_finds_them_near_and_explains_why(
    tmp_path: Path, ads: Corpus
) -> None:
    db = tmp_path / "lb.db"
    run(db, ads)
    said = ok("hashlist", "load", pdq_list(ads, tmp_path), "--name", "partner",
              "--source", "Programme X", "--db", db)  # fmt: skip
    assert "loaded hash list partner from Programme X: 1 hash; 2 photos of 2 records" in said
    found = matches(db)
    assert {(rid, kind) for rid, _, _, kind, _ in found} == {("ad-1", "pdq"), ("ad-3", "pdq")}
    distance = {rid: d for rid, *_, d in found}
    assert distance["ad-1"] == 0
    assert 0 < distance["ad-3"] <= 31  # cropped and re-encoded
    assert alerts(db)["ad-1"] == [
        'photo on hash list "partner" (Programme X): entry P1 "cat-a", PDQ identical'
    ]
    assert alerts(db)["ad-2"] == alerts(db)["ad-4"] == []
    explained = ok("explain", "ad-3", "--db", db)
    assert "IMG_HASHLIST" in explained
    assert f'entry P1 "cat-a", PDQ {distance["ad-3"]} bits apart' in explained


def test_a_list_loaded_first_matches_photos_as_they_are_processed(
    tmp_path: Path, ads: Corpus
) -> None:
    after = tmp_path / "after.db"
    run(after, ads)
    ok("hashlist", "load", pdq_list(ads, tmp_path), "--db", after)
    first = tmp_path / "first.db"  # no store yet: the load makes one
    said = ok("hashlist", "load", pdq_list(ads, tmp_path), "--db", first)
    assert "0 photos of 0 records" in said
    ingested = tmp_path / "ingested.db"  # ingested, not yet processed
    ok("ingest", ads.ads, "--db", ingested, "-q")
    ok("hashlist", "load", pdq_list(ads, tmp_path), "--db", ingested)
    assert matches(ingested) == set()
    for db in (first, ingested):
        run(db, ads)
        assert matches(db) == matches(after)
        assert alerts(db) == alerts(after)
    assert "partner: 1 hash, 0 bad rows, PDQ within 31 bits; 2 photos of 2 records" in ok(
        "hashlist", "list", "--db", first
    )


def test_md5_and_sha1_match_exactly_and_one_entry_joins_its_records(
    tmp_path: Path, ads: Corpus
) -> None:
    db = tmp_path / "lb.db"
    run(db, ads)
    with open_store(db) as store:
        assert store.network_of(["ad-2"]) == {"ad-2": None}
    said = ok("hashlist", "load", exact_list(ads, tmp_path), "--db", db)
    assert "loaded hash list shared-test from Programme Y: 2 hashes; 2 photos of 2 records" in said
    assert matches(db) == {("ad-1", "shared-test", "E7", "md5", 0),
                           ("ad-2", "shared-test", "E7", "sha1", 0)}  # fmt: skip
    with open_store(db) as store:
        networks = store.network_of(IDS)
    assert networks["ad-1"] is not None
    assert networks["ad-2"] == networks["ad-1"]  # through the entry: the photos differ
    assert networks["ad-4"] is None
    shown = ok("network", networks["ad-1"], "--db", db)
    assert "ad-1 — ad-2  [identifier, hard] shared hashentry shared-test/E7" in shown
    assert 'entry E7 "cat-b", SHA-1 identical' in shown  # the network's reasons name it


def test_loading_a_list_again_changes_nothing(tmp_path: Path, ads: Corpus) -> None:
    db = tmp_path / "lb.db"
    run(db, ads)
    ok("hashlist", "load", exact_list(ads, tmp_path), "--db", db)
    before = _state(db)
    said = ok("hashlist", "load", exact_list(ads, tmp_path), "--db", db)
    assert "linked again" not in said
    assert _state(db) == before


def _state(db: Path) -> tuple[object, ...]:
    with open_store(db) as store:
        found = store.hashlist_matches_of(IDS)
        hits = {rid: store.hits("record", rid) for rid in IDS}
        nets = store.network_of(IDS)
        events = [store.network_events(n) for n in sorted({n for n in nets.values() if n})]
        lists = [(s.name, s.entries, s.matches, s.records) for s in store.hashlists()]
    return found, hits, nets, events, lists


def test_dropping_a_list_takes_back_its_matches_alerts_and_links(
    tmp_path: Path, ads: Corpus
) -> None:
    db = tmp_path / "lb.db"
    run(db, ads)
    clean = alerts(db), _risks(db)
    ok("hashlist", "load", exact_list(ads, tmp_path), "--db", db, "--by", "ann")
    assert _risks(db)["ad-2"] > clean[1]["ad-2"]
    said = ok("hashlist", "drop", "shared-test", "--db", db, "--by", "ann")
    assert said.strip() == "dropped hash list shared-test: 2 records no longer on it"
    assert matches(db) == set()
    assert (alerts(db), _risks(db)) == clean
    with open_store(db) as store:
        assert store.network_of(["ad-2"]) == {"ad-2": None}
        audited = [(e.actor, e.action, e.target) for e in store.audit_entries(limit=50)]
    assert ("ann", "hashlist.load", "hashlist:shared-test") in audited
    assert ("ann", "hashlist.drop", "hashlist:shared-test") in audited
    assert "no hash lists yet" in ok("hashlist", "list", "--db", db)


def _risks(db: Path) -> dict[str, float]:
    with open_store(db) as store:
        return {r.id: r.risk for r in store.record_states(IDS).values()}


def test_a_record_processed_again_keeps_its_alert_and_its_network(
    tmp_path: Path, ads: Corpus
) -> None:
    db = tmp_path / "lb.db"
    run(db, ads)
    ok("hashlist", "load", exact_list(ads, tmp_path), "--db", db)
    with open_store(db) as store:
        network = store.network_of(["ad-2"])["ad-2"]
        assert network is not None
        events = len(store.network_events(network))
    write_ads(
        ads.folder, {**BODIES, "ad-2": ("Mia here in Denver all week, 303-555-0199", "b.jpg")}
    )
    run(db, ads)
    assert len(alerts(db)["ad-2"]) == 1
    with open_store(db) as store:
        assert store.network_of(["ad-2"])["ad-2"] == network
        later = {e.event for e in store.network_events(network)[events:]}
        assert not later & {"split", "dissolve", "merged_into"}  # it never left the network
        assert "hashentry:shared-test/E7" in store.listed_identifiers(["ad-2"])


def test_the_export_rows_name_the_matches(tmp_path: Path, ads: Corpus) -> None:
    db = tmp_path / "lb.db"
    run(db, ads)
    ok("hashlist", "load", exact_list(ads, tmp_path), "--db", db)
    with open_store(db) as store:
        fields = export_fields(store, ["ad-1", "ad-4"])
    listed = {"list": "shared-test", "source": "Programme Y", "entry": "E7", "label": "cat-b"}
    assert fields == {
        "ad-1": {"hashlist_matches": [{**listed, "hash": "md5", "distance": 0}]},
        "ad-4": {"hashlist_matches": []},
    }


def test_bad_rows_are_counted_and_the_first_reasons_shown(tmp_path: Path, ads: Corpus) -> None:
    db = tmp_path / "lb.db"
    good = ads.digest("a.jpg", "md5")
    rows = [f"E{i},{'nothex' if i % 2 else good}" for i in range(14)]
    path = tmp_path / "mixed.csv"
    path.write_text("id,md5\n" + "\n".join(rows) + "\n")
    result = invoke("hashlist", "load", path, "--db", db)
    assert result.exit_code == 0, result.output
    assert "skipped 7 bad rows:" in result.stderr
    assert "line 3: md5: 'nothex' is not a md5 hash (32 hex digits)" in result.stderr
    assert "… and 2 more" in result.stderr


@pytest.mark.parametrize(
    ("content", "args", "said"),
    [
        ("id,md5\nE1,zz\nE2,yy\n", (), "no hash loaded, 2 bad rows (line 2: md5: 'zz' is not"),
        ("# nothing here\n", (), "no hash in the file"),
        ("ab" * 32 + "\n", (), "64 hex digits may be PDQ or SHA-256: name the kind"),
        ("0f" * 16 + "\n", ("--name", "a/b"), "a hash list name is 1 to 100 printable characters"),
    ],
)
def test_a_file_that_loads_nothing_is_one_line(
    tmp_path: Path, content: str, args: tuple[str, ...], said: str
) -> None:
    path = tmp_path / "list.txt"
    path.write_text(content)
    result = invoke("hashlist", "load", path, *args, "--db", tmp_path / "lb.db")
    assert result.exit_code == 1
    assert len(result.output.strip().splitlines()) == 1
    assert said in result.output


def test_user_errors_are_one_line(tmp_path: Path) -> None:
    db = tmp_path / "lb.db"
    missing = invoke("hashlist", "load", tmp_path / "nope.csv", "--db", db)
    assert (missing.exit_code, missing.output.strip()) == (
        1, f"Error: no such file: {tmp_path / 'nope.csv'}",
    )  # fmt: skip
    path = tmp_path / "list.txt"
    path.write_text("ab" * 32 + "\n")
    assert "1 hash" in ok("hashlist", "load", path, "--kind", "pdq", "--db", db)
    unknown = invoke("hashlist", "drop", "nope", "--db", db)
    assert unknown.exit_code == 1
    assert "no hash list 'nope'" in unknown.output
    wide = invoke("hashlist", "load", path, "--pdq-distance", 99, "--db", db)
    assert wide.exit_code == 2
    assert "--pdq-distance" in wide.output
    assert invoke("hashlist", "list", "--db", tmp_path / "none.db").exit_code == 1
