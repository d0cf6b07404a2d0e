"""The JSON API in-process (FastAPI TestClient over a real SQLite store of the example)."""

from __future__ import annotations

import time

import pytest

from dateline.store import open_store
from test_web_fixtures import (client, client_for, make_store, odd_record, serve_process,  # noqa: F401
                               story_client, story_db, web_db, web_records)

def art(article_id: str) -> str:
    from urllib.parse import quote

    return "/api/articles/" + quote(article_id, safe="")


LISTS = ["/api/articles", "/api/events", "/api/entities", "/api/places", "/api/figures",
         "/api/quotes", "/api/timeline", "/api/search?q=Mosul"]


@pytest.mark.parametrize("url", LISTS)
def test_web_api_lists_are_paged(client, url):
    r = client.get(url)
    assert r.status_code == 200, r.text
    body = r.json()
    assert {"total", "limit", "offset", "next", "prev", "rows"} <= set(body)
    assert body["offset"] == 0 and body["prev"] is None
    assert body["total"] >= len(body["rows"]) > 0
    page = client.get(url + ("&" if "?" in url else "?") + "limit=1&offset=1").json()
    assert page["limit"] == 1 and len(page["rows"]) <= 1
    if body["total"] > 2:
        assert page["next"] and "offset=2" in page["next"] and "offset=0" in page["prev"]


@pytest.mark.parametrize("url", ["/api/story", "/api/conflicts", "/api/series", "/api/facets",
                                 "/openapi.json"])
def test_web_api_objects(client, story_client, url):
    for c in (client, story_client):
        assert c.get(url).status_code == 200


@pytest.mark.parametrize("url, status", [
    ("/api/events?limit=501", 422), ("/api/events?limit=0", 422), ("/api/events?offset=-1", 422),
    ("/api/events?date_from=yesterday", 422), ("/api/events?sort=body", 422),
    ("/api/events?order=sideways", 422), ("/api/places?country=Iraq", 422),
    ("/api/entities?label=WEAPON", 422), ("/api/search", 422), ("/api/search?q=", 422),
    ("/api/articles/no-such-id", 404), ("/api/ingest/0123456789ab", 404),
    ("/api/ingest/..%2F..%2Fetc%2Fpasswd", 404), ("/api/nothing", 404),
])
def test_web_api_refuses_bad_requests(client, url, status):
    assert client.get(url).status_code == status


def test_web_api_article_is_the_spec_record(client, web_records):
    for rec in web_records:
        from urllib.parse import quote

        got = client.get("/api/articles/" + quote(rec["id"], safe="")).json()
        for key in ("id", "title", "outlet", "published", "body", "removed", "events", "figures",
                    "quotes", "places", "entities"):
            assert got[key] == rec[key], key
        # the store leaves out a TIMEX3 mod that is null
        assert got["timexes"] == [{k: v for k, v in t.items() if not (k == "mod" and v is None)}
                                  for t in rec["timexes"]]


def test_web_api_events_filters(client):
    every = client.get("/api/events?limit=500").json()
    rows = every["rows"]
    assert every["total"] == len(rows) > 0
    kind = rows[0]["event_type"]
    typed = client.get("/api/events", params={"type": kind, "limit": 500}).json()["rows"]
    assert typed and all(r["event_type"] == kind for r in typed)
    dated = sorted(r["event_date"] for r in rows if r["event_date"])
    lo, hi = dated[0], dated[len(dated) // 2]
    ranged = client.get("/api/events", params={"date_from": lo, "date_to": hi, "limit": 500}).json()
    assert ranged["rows"] and all(lo <= r["event_date"] <= hi for r in ranged["rows"])
    month = client.get("/api/events", params={"date_to": hi[:7], "limit": 500}).json()["rows"]
    assert all(r["event_date"][:7] <= hi[:7] for r in month) and len(month) >= len(
        [r for r in rows if r["event_date"] and r["event_date"] <= hi])
    raqqa = client.get("/api/events", params={"place": "raqq"}).json()["rows"]
    assert raqqa and all("raqq" in (r["location"] or "").lower() for r in raqqa)
    actor = client.get("/api/events", params={"actor": "<armed>"}).json()["rows"]
    assert [r["article"] for r in actor] == [odd_record()["id"]]
    outlet = client.get("/api/events", params={"outlet": "Outlet & Co <em>"}).json()["rows"]
    assert len(outlet) == 1
    assert client.get("/api/events", params={"actor": "%"}).json()["total"] == 0  # LIKE escaped


def test_web_api_events_sort_and_pages_agree(client):
    desc = client.get("/api/events?sort=date&order=desc&limit=500").json()["rows"]
    dates = [r["event_date"] for r in desc if r["event_date"]]
    assert dates == sorted(dates, reverse=True)
    paged = []
    url = "/api/events?sort=date&order=desc&limit=7"
    while url:
        page = client.get(url).json()
        paged += page["rows"]
        url = page["next"]
    assert [(r["article"], r["idx"]) for r in paged] == [(r["article"], r["idx"]) for r in desc]
    fat = client.get("/api/events?sort=fatalities&order=desc").json()["rows"]
    assert fat[0]["fatalities"] == max(r["fatalities"] or 0 for r in desc)


def test_web_api_event_evidence_is_in_the_article(client):
    bodies = {}
    for ev in client.get("/api/events?limit=500").json()["rows"]:
        if ev["article"] not in bodies:
            bodies[ev["article"]] = client.get(art(ev["article"])).json()["body"]
        evd = ev["evidence"]
        assert bodies[ev["article"]][evd["start"]:evd["end"]] == evd["text"]


@pytest.mark.parametrize("which", ["client", "story_client"])
def test_web_api_timeline_sources_land_on_text(request, which):
    c = request.getfixturevalue(which)
    page = c.get("/api/timeline?limit=500").json()
    assert page["rows"], "the example has dated events"
    assert page["from"] == ("story" if which == "story_client" else "events")
    for entry in page["rows"]:
        assert entry["date"] and entry["summary"] and entry["sources"]
        for src in entry["sources"]:
            body = c.get(art(src["article"])).json()["body"]
            assert 0 <= src["start"] < src["end"] <= len(body)


@pytest.mark.parametrize("q", ['"', "AND", "OR NOT", "*", "NEAR(", "-Mosul", "'", "a:b",
                               "Mosul)", "ünïcödé", "x" * 400, "^", "{}", "\x00", "a\x00b",
                               "\x1b[31m", "😀"])
def test_web_api_search_never_fails_on_syntax(client, q):
    assert client.get("/api/search", params={"q": q}).status_code == 200


@pytest.mark.parametrize("q, hit", [("Mosul", True), ("mosul", True), ("Mos*", True),
                                    ("Raqqa civilians", True), ("zzzqqq", False)])
def test_web_api_search_finds_words(client, q, hit):
    rows = client.get("/api/search", params={"q": q}).json()["rows"]
    assert bool(rows) == hit
    for row in rows:
        assert "\ue000" not in row["snippet"]


def test_web_api_entities_and_places_are_grouped(client):
    ents = client.get("/api/entities?limit=500").json()["rows"]
    names = [(e["canonical"], e["label"]) for e in ents]
    assert len(names) == len(set(names))
    places = client.get("/api/places?limit=500").json()["rows"]
    assert any(p["latitude"] is not None for p in places)
    assert all(p["mentions"] >= p["articles"] >= 1 for p in places)


def test_web_api_openapi_lists_every_endpoint(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/story", "/api/articles", "/api/articles/{article_id}", "/api/events",
                 "/api/entities", "/api/places", "/api/figures", "/api/quotes", "/api/timeline",
                 "/api/conflicts", "/api/search", "/api/ingest", "/api/ingest/{job_id}"):
        assert path in paths, path


def test_web_api_etag_revalidates_until_the_store_changes(tmp_path, web_records):
    db = make_store(tmp_path / "etag.db", web_records[:2])
    c = client_for(db)
    first = c.get("/api/events")
    etag = first.headers["etag"]
    assert first.headers["cache-control"] == "no-cache"
    again = c.get("/api/events", headers={"If-None-Match": etag})
    assert again.status_code == 304 and not again.content
    assert c.get("/api/events?limit=3", headers={"If-None-Match": etag}).status_code == 200
    with open_store(db) as store:
        store.add(web_records[2])
    changed = c.get("/api/events", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["etag"] != etag


@pytest.mark.parametrize("url", ["/", "/api/events", "/static/app.js", "/nothing",
                                 "/articles/no-such-id"])
def test_web_api_security_headers(client, url):
    r = client.get(url)
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "object-src 'none'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"


def test_web_api_refuses_other_hosts_and_cross_site_posts(client):
    assert client.get("/api/events", headers={"Host": "evil.example"}).status_code == 400
    assert client.get("/api/events", headers={"Host": "localhost:8000"}).status_code == 200
    r = client.post("/api/ingest", data={"text": "x"}, headers={"Origin": "http://evil.example"})
    assert r.status_code == 403
    r = client.post("/api/ingest", data={"text": "x"}, headers={"Sec-Fetch-Site": "cross-site"})
    assert r.status_code == 403


def test_web_api_odd_ids_round_trip(client):
    from urllib.parse import quote

    rec = odd_record()
    got = client.get("/api/articles/" + quote(rec["id"], safe=""))
    assert got.status_code == 200 and got.json()["id"] == rec["id"]
    listed = [r["id"] for r in client.get("/api/articles?limit=500").json()["rows"]]
    assert rec["id"] in listed


def test_web_api_real_server_process(tmp_path, web_records):
    """``dateline serve`` in its own process answers on 127.0.0.1 and rebuilds a stale story."""
    import httpx

    db = make_store(tmp_path / "served.db", web_records[:3])
    with serve_process(db) as base:
        assert base.startswith("http://127.0.0.1:")
        r = httpx.get(base + "/api/articles", timeout=30)
        assert r.status_code == 200 and r.json()["total"] == 3
        assert "script-src 'self'" in r.headers["content-security-policy"]
        again = httpx.get(base + "/api/articles", headers={"If-None-Match": r.headers["etag"]},
                          timeout=30)
        assert again.status_code == 304
        assert httpx.get(base + "/", timeout=30).status_code == 200
        story = {}
        for _ in range(300):  # the server builds the missing story in the background
            story = httpx.get(base + "/api/story", timeout=30).json()
            if story["story_built"]:
                break
            time.sleep(0.2)
        assert story["story_built"]
