"""The record page names the hash lists a record's photos are on (list, entry, label, hash,
distance) for every role, the viewer's included, from the stored matches: no photo is shown."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from fastapi.testclient import TestClient

from linkboard.cli import main
from linkboard.web import create_app
from tests.media.hashlist_setup import corpus, hashlists_registered
from tests.web.conftest import add_accounts, sign_in


def _store(tmp_path: Path) -> Path:
    ads = corpus(tmp_path / "in")
    db = tmp_path / "lb.db"
    listed = tmp_path / "list.csv"
    listed.write_text(f"id,md5,label\nK9,{ads.digest('b.jpg', 'md5')},cat-c\n")
    load = ("hashlist", "load", listed, "--name", "known", "--source", "Programme Z")
    for args in (("run", ads.ads, "-q", "--workers", 1), load):
        result = CliRunner().invoke(main, [*map(str, args), "--db", str(db)])
        assert result.exit_code == 0, result.output
    return db


def test_the_record_page_names_the_lists_its_photos_are_on(tmp_path: Path) -> None:
    with hashlists_registered():
        db = _store(tmp_path)
    accounts = add_accounts(db)
    app = create_app(db)
    with TestClient(app) as client:
        sign_in(client, accounts.users["viewer"], accounts.password)
        page = client.get("/records/ad-2").text
        api = client.get("/api/records/ad-2").json()
        other = client.get("/records/ad-4").text
    app.state.database.close()
    assert "Known-image lists:" in page
    assert "known (Programme Z), entry <code>K9</code> “cat-c”, MD5 identical" in page
    assert "Known-image lists:" not in other
    (known,) = api["known_images"]
    assert known | {"matched_at": ""} == {
        "list_name": "known", "source": "Programme Z", "entry": "K9", "label": "cat-c",
        "hash": "md5", "distance": 0, "matched_at": "",
    }  # fmt: skip
    assert "/records/ad-2/images/" not in page  # a viewer sees no photo, only this line
