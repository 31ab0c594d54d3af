"""Photo GPS in a real Chromium: two ads that share nothing but the phone that took their photos
are one network; its movement map draws the cities the ads name and, apart from them, the two
places the photos' metadata says they were taken, each labelled "photo GPS" with its capture
time. The record page lists what each photo's metadata says and maps it; the photos themselves
stay blurred.

Screenshot: docs/screenshots/photo-gps.png (the network's movement section).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from linkboard.cli import main
from tests.media.test_pipeline_devices import BODIES, TITLES, _photo
from tests.web.conftest import Accounts, add_accounts
from tests.web.live import serve
from tests.web.test_browser import SHOTS, _small_copy, browser_sign_in

pytestmark = pytest.mark.browser

PHONE = {"make": "samsung", "model": "SM-A515F", "serial": "R58NFAKE0077"}
HOUSTON = (29.760427, -95.369803)  # public city centres
DALLAS = (32.776664, -96.796988)


@pytest.fixture(scope="module")
def gps_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Accounts]:
    folder = tmp_path_factory.mktemp("photo-gps")
    images = folder / "images"
    refs = [
        [_photo(images, "h.jpg", 51, lat=HOUSTON[0], lon=HOUSTON[1], **PHONE)],
        [
            _photo(images, "d.jpg", 52, lat=DALLAS[0], lon=DALLAS[1], **PHONE),
            _photo(images, "s.jpg", 53),
        ],
        [_photo(images, "o.jpg", 54)],
    ]
    cities = ["Houston, TX", "Austin, TX", "Austin, TX"]
    rows = [
        {"id": f"ad-{i + 1}", "title": TITLES[i], "body": BODIES[i], "site": "fixture.example",
         "location": cities[i], "posted_at": f"2024-05-0{4 + i}T20:00:00-05:00", "images": r}
        for i, r in enumerate(refs)
    ]  # fmt: skip
    source = folder / "ads.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in rows))
    db = folder / "gps.db"
    result = CliRunner().invoke(main, ["run", str(source), "--db", str(db), "--workers", "1", "-q"])
    assert result.exit_code == 0, result.output
    return db, add_accounts(db)


@pytest.fixture(scope="module")
def live(gps_store: tuple[Path, Accounts]) -> Iterator[str]:
    with serve(gps_store[0]) as url:
        yield url


@pytest.fixture
def page(browser, live: str, gps_store: tuple[Path, Accounts]) -> Iterator:  # type: ignore[no-untyped-def]
    """An analyst's page; no script error or CSP violation allowed."""
    context = browser.new_context(viewport={"width": 1440, "height": 900}, base_url=live)
    pg = context.new_page()
    problems: list[str] = []
    pg.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: problems.append(str(e)))
    accounts = gps_store[1]
    browser_sign_in(pg, accounts.users["analyst"], accounts.password)
    yield pg
    context.close()
    assert not problems, problems


def test_the_network_map_shows_where_its_photos_were_taken(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/records/ad-1")
    meta = page.locator(".photo .photo-meta").first.inner_text()
    assert "samsung SM-A515F" in meta
    assert "device R58NFAKE0077 (samsung)" in meta
    assert "2024-05-03 21:40:05 -0500" in meta
    assert "photo GPS 29.76043, -95.36980" in meta
    assert page.locator("img.photo-img.blurred").count() == 1  # the photo itself stays blurred
    page.wait_for_selector("#movement-map[data-ready=true]")
    assert page.get_attribute("#movement-map", "data-photo-markers") == "1"

    page.click(".record-head a.network-link")
    page.wait_for_url(re.compile(r".*/networks/N\d+$"))
    assert "device R58NFAKE0077 (samsung)" in page.locator("main").inner_text()
    page.wait_for_selector("#movement-map[data-ready=true]")
    assert page.get_attribute("#movement-map", "data-markers") == "2"  # Houston and Austin
    assert page.get_attribute("#movement-map", "data-photo-markers") == "2"
    pins = page.locator("#movement-map .gps-pin")
    assert pins.count() == 2
    assert all(pins.nth(i).is_visible() for i in range(2))
    labels = page.locator("#movement-map .photo-gps-label").all_inner_texts()
    assert sorted(labels) == [
        "photo GPS · taken 2024-05-03 21:40:05-05:00 · ad-1 photo 1",
        "photo GPS · taken 2024-05-03 21:40:05-05:00 · ad-2 photo 1",
    ]
    listed = page.locator("section.movement .photo-points li").all_inner_texts()
    assert [re.sub(r"\s+", " ", t).strip() for t in listed] == [
        "29.76043, -95.36980 · taken 2024-05-03 21:40:05 -0500 · ad-1, photo 1",
        "32.77666, -96.79699 · taken 2024-05-03 21:40:05 -0500 · ad-2, photo 1",
    ]
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("section.movement").screenshot(path=str(SHOTS / "photo-gps.png"))
    _small_copy(SHOTS / "photo-gps.png", "photo-gps")
