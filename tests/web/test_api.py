"""The JSON API and the pages' behaviour, through FastAPI's TestClient on the fixture store."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from tests.web.store_fixture import PHONE, PHONE_SPELLINGS


def ids(page: dict) -> set[str]:
    return {r["id"] for r in page["results"]}


@pytest.mark.parametrize("typed", PHONE_SPELLINGS)
def test_every_phone_spelling_finds_the_same_ads(client: TestClient, typed: str) -> None:
    r = client.get("/api/search", params={"q": typed})
    assert r.status_code == 200
    page = r.json()
    assert page["mode"] == "identifier"
    assert page["identifiers"] == [f"phone:{PHONE}"]
    assert ids(page) == {"ad-1", "ad-2", "ad-3"}


def test_handles_cashtags_and_emails_are_normalised(client: TestClient) -> None:
    for typed in ("@Lola_22", "ig:Lola_22", "instagram:lola_22"):
        assert ids(client.get("/api/search", params={"q": typed}).json()) == {"ad-1"}
    cash = client.get("/api/search", params={"q": "$CashQueen"}).json()
    assert cash["identifiers"] == ["payment:cashapp:cashqueen"]
    assert ids(cash) == {"ad-3"}
    mail = client.get("/api/search", params={"q": "Jade.R@Example.com"}).json()
    assert ids(mail) == {"ad-5"}


def test_full_text_phrases_and_prefixes(client: TestClient) -> None:
    assert ids(client.get("/api/search", params={"q": '"new in town"'}).json()) == {
        "ad-1", "ad-3", "ad-4"}  # fmt: skip
    assert "ad-7" in ids(client.get("/api/search", params={"q": "shov*"}).json())
    page = client.get("/api/search", params={"q": "lola", "mode": "text"}).json()
    assert ids(page) == {"ad-1", "ad-4"}
    assert "\x02" in page["results"][0]["snippet"]
    assert {f["value"] for f in page["facets"]["city"]} == {"Houston, TX, US"}


def test_search_facets_filter_and_dates(client: TestClient) -> None:
    q = {"q": PHONE, "city": "Dallas, TX, US"}
    assert ids(client.get("/api/search", params=q).json()) == {"ad-2"}
    q = {"q": PHONE, "date_from": "2024-03-05"}
    assert ids(client.get("/api/search", params=q).json()) == {"ad-3"}
    q = {"q": "cash", "indicator": "CONTROL_CASH_ONLY"}
    assert ids(client.get("/api/search", params=q).json()) == {"ad-1", "ad-2"}


@pytest.mark.parametrize("bad", ['"unterminated', "lola AND", "foo:bar", "(((", "NEAR("])
def test_fts_syntax_error_is_a_clear_message_not_a_500(client: TestClient, bad: str) -> None:
    api = client.get("/api/search", params={"q": bad, "mode": "text"})
    assert api.status_code == 400
    assert "could not read that query" in api.json()["detail"]
    page = client.get("/search", params={"q": bad, "mode": "text"})
    assert page.status_code == 200
    assert "could not read that query" in page.text
    assert 'role="alert"' in page.text


def test_bulk_search_normalises_each_line(client: TestClient) -> None:
    body = {"identifiers": [*PHONE_SPELLINGS, "$cashqueen", "not an id at all"]}
    rows = client.post("/api/search/bulk", json=body).json()["rows"]
    assert [r["identifier"] for r in rows[:3]] == [f"phone:{PHONE}"] * 3
    assert all(r["records"] == 3 for r in rows[:3])
    assert rows[3]["record_ids"] == ["ad-3"]
    assert rows[4]["identifier"] is None
    upload = client.post(
        "/search/bulk", files={"upload": ("ids.txt", b"7025550123\n@mia.x\n", "text/plain")}
    )
    assert upload.status_code == 200
    assert "phone:+17025550123" in upload.text
    assert "ad-2" in upload.text


def test_triage_puts_possible_minors_first_then_risk(client: TestClient) -> None:
    items = client.get("/api/triage").json()["items"]
    minors = [i for i in items if i["possible_minor"]]
    assert items[: len(minors)] == minors
    assert {(i["subject"], i["id"]) for i in minors} == {
        ("network", "N00000001"),
        ("record", "ad-2"),
    }
    rest = items[len(minors) :]
    assert [i["risk"] for i in rest] == sorted((i["risk"] for i in rest), reverse=True)
    first = next(i for i in items if i["id"] == "ad-1")
    assert [r["code"] for r in first["reasons"]] == [
        "MOVE_NEW_IN_TOWN", "AVAIL_24_7", "CONTROL_CASH_ONLY"]  # fmt: skip


def test_triage_pages_with_a_cursor_and_filters(client: TestClient) -> None:
    first = client.get("/api/triage", params={"limit": 3}).json()
    second = client.get("/api/triage", params={"limit": 3, "cursor": first["next_cursor"]}).json()
    seen = [i["id"] for i in first["items"]] + [i["id"] for i in second["items"]]
    assert len(seen) == len(set(seen)) == 6
    city = client.get("/api/triage", params={"city": "Houston, TX, US", "show": "records"}).json()
    assert {i["id"] for i in city["items"]} == {"ad-1", "ad-4"}
    state = client.get("/api/triage", params={"state": "AZ", "show": "records"}).json()
    assert {i["id"] for i in state["items"]} == {"ad-5", "ad-6", "ad-7"}
    high = client.get("/api/triage", params={"band": "high", "has_photo": "true"}).json()
    assert {i["id"] for i in high["items"]} == {"ad-1", "ad-3", "N00000001"}
    code = client.get("/api/triage", params={"indicator": "AGE_UNDER_18"}).json()
    assert {i["id"] for i in code["items"]} == {"ad-2"}
    dates = client.get("/api/triage", params={"date_from": "2024-03-05", "date_to": "2024-03-08",
                                              "show": "records"}).json()  # fmt: skip
    assert {i["id"] for i in dates["items"]} == {"ad-3"}
    assert client.get("/api/triage", params={"band": "extreme"}).status_code == 400
    assert client.get("/api/triage", params={"date_from": "March"}).status_code == 400


def test_reviewed_and_unseen_are_per_user(client: TestClient, client_as) -> None:
    assert client.post("/api/marks/record/ad-2", json={"mark": "reviewed"}).json()["marks"] == [
        "reviewed"]  # fmt: skip
    client.get("/records/ad-1")  # opening marks it seen
    items = {i["id"]: i for i in client.get("/api/triage").json()["items"]}
    assert items["ad-2"]["reviewed"]
    assert items["ad-1"]["seen"]
    assert not items["ad-3"]["seen"]
    unseen = {i["id"] for i in client.get("/api/triage", params={"unseen": "true"}).json()["items"]}
    assert "ad-1" not in unseen
    assert "ad-2" not in unseen
    assert "ad-3" in unseen
    other = client_as("viewer")  # another user: none of the analyst's marks
    assert "ad-1" in {i["id"] for i in other.get("/api/triage", params={"unseen": "true"}).json()[
        "items"]}  # fmt: skip
    assert client.post("/api/marks/record/nope", json={"mark": "reviewed"}).status_code == 404


def test_record_detail_spans_breakdown_photos_provenance(client: TestClient) -> None:
    r = client.get("/api/records/ad-1").json()
    assert r["provenance"]["source"] == "fixture"
    assert len(r["provenance"]["sha256"]) == 64
    phone = next(m for m in r["mentions"] if m["kind"] == "phone")
    assert r["body"][phone["start"] : phone["end"]] == "(702) 555-0123"
    assert phone["identifier"] == f"phone:{PHONE}"
    assert phone["shared_with"] == 2
    assert {h["label"] for h in r["highlights"]} >= {"phone", "handle", "MOVE_NEW_IN_TOWN"}
    assert r["breakdown"][0]["code"] == "MOVE_NEW_IN_TOWN"
    assert r["bias"] == -3.0
    assert r["images"][0]["same_photo"] == 1
    assert r["network_id"] == "N00000001"
    image = client.get(r["images"][0]["url"])
    assert image.status_code == 200
    assert image.headers["content-type"] == "image/png"
    assert client.get("/records/ad-1/images/5").status_code == 404
    assert client.get("/records/ad-7/images/0").status_code == 404


def test_record_page_highlights_overlaps_and_blurs_photos(client: TestClient) -> None:
    html = client.get("/records/ad-1").text
    assert 'class="hl hl-phone"' in html
    assert "hl-label-indicator" in html
    assert 'class="photo-img blurred"' in html
    assert 'href="/networks/N00000001"' in html
    assert "/search?mode=identifier&amp;q=phone%3A%2B17025550123" in html


def test_ad_text_is_escaped_everywhere(client: TestClient) -> None:
    for url in ("/records/ad-6", "/networks/N00000002", "/", "/search?q=alert", "/overview"):
        html = client.get(url).text
        assert "<script>alert" not in html, url
    html = client.get("/records/ad-6").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;tags&lt;/b&gt;" in html


def test_unknown_ids_are_404_html_and_json(client: TestClient) -> None:
    for url in ("/records/nope", "/networks/nope", "/no/such/page"):
        r = client.get(url)
        assert r.status_code == 404
        assert "text/html" in r.headers["content-type"]
        assert "Not found" in r.text
    for url in ("/api/records/nope", "/api/networks/nope", "/api/networks/nope/graph"):
        r = client.get(url)
        assert r.status_code == 404
        assert r.json()["detail"].startswith("no ")


def test_network_detail_graph_templates_and_movement(client: TestClient) -> None:
    n = client.get("/api/networks/N00000001").json()
    assert n["counts"]["persons"] == 3
    assert n["counts"]["phones"] == 2
    assert n["reasons"][0]["code"] == "NET_FAST_MOVEMENT"
    assert [v["city"] for v in n["movement"]] == [
        "Houston, TX, US", "Dallas, TX, US", "Austin, TX, US", "Houston, TX, US"]  # fmt: skip
    assert all(v["lat"] is not None for v in n["movement"])
    template = n["templates"][0]
    assert set(template["records"]) == {"ad-1", "ad-3", "ad-4"}
    assert any("slot" in p for p in template["parts"])
    assert any("text" in p for p in template["parts"])
    g = client.get("/api/networks/N00000001/graph").json()
    edges = [e["data"] for e in g["elements"] if e["group"] == "edges"]
    assert all(e["reason"] for e in edges)
    assert {"identifier", "photo", "text"} <= set(g["link_kinds"])
    reasons = {e["reason"] for e in edges if e["kind"] != "holds"}
    assert f"shared phone {PHONE}" in reasons
    assert "photo distance 4" in reasons


def test_overview_counts(client: TestClient) -> None:
    o = client.get("/api/overview").json()
    assert o["records"] == 7
    assert o["networks"] == 2
    assert sum(d["count"] for d in o["posted_by_day"]) == 7
    assert o["riskiest_networks"][0]["id"] == "N00000001"
    assert client.get("/overview").status_code == 200


def test_openapi_lists_every_api_route(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/triage", "/api/search", "/api/search/bulk", "/api/records/{record_id}",
                 "/api/networks/{network_id}", "/api/networks/{network_id}/graph",
                 "/api/overview", "/api/marks/{subject}/{subject_id}"):  # fmt: skip
        assert path in paths, path
    schema = paths["/api/records/{record_id}"]["get"]["responses"]["200"]["content"]
    assert schema["application/json"]["schema"]["$ref"].endswith("/RecordDetail")


def test_casework_answers_match_their_documented_shapes(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path, method, status, model in [
        ("/api/cases", "post", "201", "CaseOut"),
        ("/api/cases/{case_id}", "get", "200", "CaseDetail"),
        ("/api/cases/{case_id}/items", "post", "200", "CaseItems"),
        ("/api/cases/{case_id}/notes", "post", "200", "CaseNotes"),
        ("/api/watches", "post", "201", "WatchCreated"),
    ]:
        schema = paths[path][method]["responses"][status]["content"]["application/json"]
        assert schema["schema"]["$ref"].endswith(f"/{model}"), path
    case = client.post("/api/cases", json={"title": "shapes", "description": "d"}).json()
    assert list(case) == ["id", "title", "description", "status", "created_by", "created_at",
                          "updated_at", "tags"]  # fmt: skip
    assert (case["status"], case["created_by"], case["tags"]) == ("open", "ann", [])
    tagged = client.post(f"/api/cases/{case['id']}/tags", json={"tag": "t1"}).json()
    assert tagged["tags"] == ["t1"]
    items = client.post(f"/api/cases/{case['id']}/items", json={"kind": "record", "ref": "ad-1"})
    assert [list(i) for i in items.json()["items"]] == [["kind", "ref", "added_by", "added_at"]]
    view = client.get(f"/api/cases/{case['id']}").json()
    assert list(view) == ["case", "items", "notes", "timeline"]
    assert view["timeline"][0]["ref"] == "record:ad-1"
    made = client.post("/api/watches", json={"kind": "identifier", "value": f"phone:{PHONE}"})
    watch, alerts = made.json()["watch"], made.json()["alerts"]
    assert (watch["kind"], watch["value"], watch["webhook"]) == ("identifier", f"phone:{PHONE}", "")
    assert alerts
    assert all(a["detail"] == {"identifier": f"phone:{PHONE}"} for a in alerts)
    assert {a["id"] for a in client.get("/api/alerts").json()} >= {a["id"] for a in alerts}


def test_security_headers_and_localhost_default(client: TestClient) -> None:
    r = client.get("/")
    csp = r.headers["content-security-policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "http" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["cache-control"] == "no-store"  # pages hold case data
    import inspect

    from linkboard.web import serve

    assert inspect.signature(serve).parameters["host"].default == "127.0.0.1"


def test_pages_load_nothing_from_outside(client: TestClient) -> None:
    for url in ("/", "/search?q=lola", "/records/ad-1", "/networks/N00000001", "/overview"):
        html = client.get(url).text
        assert "http://" not in html.replace("http://www.w3.org", "") or url == "/records/ad-1"
        # every address the page loads or links to (a random token may spell "cdn" by chance)
        loaded = re.findall(r"""(?:src|href|action)\s*=\s*["']([^"']*)""", html, re.I)
        loaded += re.findall(r"""url\(\s*["']?([^"')]*)""", html)
        assert loaded
        assert not [a for a in loaded if "cdn" in a.lower() or a.startswith("//")]
        assert not [a for a in loaded if a.startswith(("http:", "https:"))]
