"""The HTML pages in-process: each renders, links to its JSON twin, escapes what it shows,
and lands every link on real evidence. Plus the page layout helpers in ``web.render``."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import quote, urlsplit

import pytest

from dateline.web import render
from test_web_fixtures import (client, client_for, make_store, odd_record, story_client,  # noqa: F401
                               story_db, web_db, web_records)

PAGES = ["/", "/events", "/articles", "/search?q=Mosul", "/ingest", "/api",
         "/events?sort=fatalities&order=desc&limit=3", "/events?type=Battles&date_from=2016"]


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text inside #body."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.body_text: list[str] = []
        self._depth = 0  # >0 while inside <div id="body">

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if self._depth:
            self._depth += 1
        elif tag == "div" and attrs.get("id") == "body":
            self._depth = 1

    def handle_endtag(self, tag):
        if self._depth:
            self._depth -= 1

    def handle_data(self, data):
        if self._depth:
            self.body_text.append(data)


def parse(text: str) -> Tags:
    p = Tags()
    p.feed(text)
    return p


def assert_no_active_content(page: str) -> None:
    """No script but ours, no event-handler attribute, no javascript: URL in the markup."""
    for tag, attrs in parse(page).tags:
        if tag == "script":
            assert attrs.get("src") == "/static/app.js", attrs
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            if name in ("href", "src", "action") and value:
                assert not value.strip().lower().startswith("javascript:"), (tag, value)


@pytest.mark.parametrize("url", PAGES)
def test_web_pages_render_with_a_json_twin(client, url):
    r = client.get(url)
    assert r.status_code == 200, r.text[:500]
    assert r.headers["content-type"].startswith("text/html")
    assert_no_active_content(r.text)
    twins = [a for t, a in parse(r.text).tags if t == "link" and a.get("rel") == "alternate"]
    if url != "/ingest":
        assert twins, url
        assert client.get(twins[0]["href"]).status_code == 200


def test_web_pages_story_links_land_on_evidence(client, story_client):
    for c in (client, story_client):
        page = c.get("/").text
        links = [a["href"] for t, a in parse(page).tags
                 if t == "a" and "tl-link" in (a.get("class") or "")]
        assert links, "the timeline shows entries"
        for href in links[:6]:
            assert href.endswith("#hl")
            target = c.get(href.split("#")[0])
            assert target.status_code == 200
            assert 'id="hl"' in target.text and "k-target" in target.text


def test_web_pages_map_and_charts_are_inline_svg(client):
    page = client.get("/").text
    tags = parse(page).tags
    svg = [a for t, a in tags if t == "svg" and a.get("id") == "map"]
    assert svg and int(svg[0]["data-zoom"]) >= 1
    assert any(t == "path" for t, _ in tags), "country outlines drawn"
    dots = [a["href"] for t, a in tags if t == "a" and a.get("class") == "dot"]
    assert dots and all(h.startswith("/articles/") for h in dots)
    assert client.get(dots[0].split("#")[0]).status_code == 200
    assert "tile.openstreetmap.org/" not in page.replace("tile.openstreetmap.org)", ""), \
        "no tile is requested until the user opts in"


def test_web_pages_article_text_is_the_body_exactly(client, web_records):
    for rec in web_records:
        page = client.get("/articles/" + quote(rec["id"], safe="")).text
        assert "".join(parse(page).body_text) == rec["body"]
        assert_no_active_content(page)


def test_web_pages_article_marks_every_item(client, web_records):
    rec = max(web_records, key=lambda r: len(r["events"]))
    page = client.get("/articles/" + quote(rec["id"], safe="")).text
    tags = parse(page).tags
    ids = {a.get("id") for _, a in tags}
    for _, a in tags:
        if "data-keys" in a:
            assert re.fullmatch(r"(?:(?:[a-z]+-\d+|hl) ?)+", a["data-keys"]), a["data-keys"]
    for kind, field in (("event", "events"), ("figure", "figures"), ("quote", "quotes"),
                        ("timex", "timexes"), ("place", "places"), ("entity", "entities")):
        for i in range(len(rec[field])):
            assert f"{kind}-{i}" in ids, (kind, i)


@pytest.mark.parametrize("query, key", [("event=0", "event-0"), ("start=0&end=5", "event-0")])
def test_web_pages_article_target(client, web_records, query, key):
    rec = web_records[0]
    page = client.get(f"/articles/{quote(rec['id'], safe='')}?{query}").text
    assert 'id="hl"' in page
    if key:
        assert f'data-target="{key}"' in page


@pytest.mark.parametrize("query", ["event=999", "start=5&end=2", "start=0&end=99999999"])
def test_web_pages_article_ignores_bad_targets(client, web_records, query):
    r = client.get(f"/articles/{quote(web_records[0]['id'], safe='')}?{query}")
    assert r.status_code == 200 and 'id="hl"' not in r.text


def test_web_pages_escape_untrusted_text(client):
    rec = odd_record()
    page = client.get("/articles/" + quote(rec["id"], safe="")).text
    assert "<b>\"title\"</b>" not in page and "A &lt;b&gt;&#34;title&#34;&lt;/b&gt;" in page
    assert "<i>killed</i>" not in page and "&lt;i&gt;killed&lt;/i&gt;" in page
    assert "<script>alert(1)</script>" not in page  # a removed line, shown folded
    assert "<details class=\"removed\">" in page
    events = client.get("/events").text
    assert "Unidentified <armed> group" not in events and "Unidentified &lt;armed&gt; group" in events
    assert "Outlet & Co <em>" not in events
    assert_no_active_content(page)
    assert_no_active_content(events)


def test_web_pages_search_marks_hits_and_escapes(client):
    page = client.get("/search", params={"q": "killed"}).text
    assert "<mark>killed</mark>" in page
    assert "<i>" not in re.sub(r"<(?!/?i>)", "", page.split("<ol class=\"results\">")[1])


def test_web_pages_events_table_sorts_and_pages(client):
    page = client.get("/events?limit=2").text
    tags = parse(page).tags
    nxt = [a["href"] for t, a in tags if t == "a" and a.get("rel") == "next"]
    assert nxt and nxt[0].startswith("/events?") and "offset=2" in nxt[0]
    sorts = [a["href"] for t, a in tags if t == "a" and "sort=" in (a.get("href") or "")
             and a["href"].startswith("/events")]
    assert any("sort=fatalities" in h for h in sorts)
    evidence = [a["href"] for t, a in tags if t == "a" and a.get("class") == "ev-link"]
    assert len(evidence) == 2 and all("event=" in h for h in evidence)


def test_web_pages_empty_store_says_what_to_do(tmp_path):
    c = client_for(make_store(tmp_path / "empty.db", []))
    page = c.get("/").text
    assert "This store is empty" in page and "/ingest" in page
    assert c.get("/events").status_code == 200 and c.get("/articles").status_code == 200
    assert c.get("/api/story").json()["counts"]["articles"] == 0


def test_web_pages_unknown_article_is_a_page_not_a_crash(client):
    r = client.get("/articles/%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    assert r.status_code == 404 and "<script>alert" not in r.text


def test_web_pages_static_files_only(client):
    assert client.get("/static/app.js").status_code == 200
    for url in ("/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2Fapp.py",
                "/static/../../store/db.py"):
        r = client.get(url)
        assert r.status_code == 404 or "create_app" not in r.text, url


# ------------------------------------------------------------------ web.render, by table

@pytest.mark.parametrize("spans, pieces", [
    ([], [("abcdefghij", "")]),
    ([("a-0", "event", 0, 10)], [("abcdefghij", "a-0")]),
    ([("e-0", "event", 0, 10), ("t-0", "timex", 2, 4)],
     [("ab", "e-0"), ("cd", "t-0 e-0"), ("efghij", "e-0")]),
    # crossing spans: a quote that straddles a place
    ([("q-0", "quote", 1, 5), ("p-0", "place", 3, 8)],
     [("a", ""), ("bc", "q-0"), ("de", "q-0 p-0"), ("fgh", "p-0"), ("ij", "")]),
    # identical spans both kept; zero-width boundary at the end
    ([("x-0", "figure", 8, 10), ("x-1", "figure", 8, 10)], [("abcdefgh", ""), ("ij", "x-0 x-1")]),
])
def test_web_render_segments(spans, pieces):
    segs = render.segments("abcdefghij", spans)
    assert [(s["text"], s["ids"]) for s in segs] == pieces
    assert "".join(s["text"] for s in segs) == "abcdefghij"


def test_web_render_item_spans_skip_broken_offsets():
    rec = {"body": "abc", "entities": [{"start": 0, "end": 2}, {"start": 2, "end": 9},
                                       {"start": 2, "end": 2}, {"start": None, "end": 1}],
           "events": [{"evidence": {"start": 0, "end": 3}}, {"evidence": None}]}
    assert render.item_spans(rec) == [("entity-0", "entity", 0, 2), ("event-0", "event", 0, 3)]


@pytest.mark.parametrize("points", [
    [], [{"lat": 36.3, "lon": 43.1, "events": 3, "article_id": "a", "idx": 0}],
    [{"lat": 36.3, "lon": 43.1, "article_id": "a", "idx": 0},
     {"lat": -33.9, "lon": 151.2, "article_id": "b", "idx": 1}],
    [{"lat": 64.7, "lon": 177.5, "article_id": "a", "idx": 0},
     {"lat": 65.0, "lon": -170.0, "article_id": "b", "idx": 2}],
    [{"lat": None, "lon": 3, "article_id": "a", "idx": 0}, {"lat": 95, "lon": 0, "article_id": "b"}],
])
def test_web_render_map_fits_its_points(points):
    m = render.map_view(points)
    assert m["paths"] and 1 <= m["zoom"] <= render.MAX_ZOOM
    for dot in m["dots"]:
        assert 0 <= dot["x"] <= m["width"] and 0 <= dot["y"] <= m["height"]
    for path in m["paths"]:
        assert not re.search(r"nan|inf", path)


def test_web_render_chart_ranges_and_dates():
    s = {"points": [{"article": "a", "idx": 0, "date": "2016-11", "low": 10, "high": 20},
                    {"article": "b", "idx": 1, "date": "2017-01-05", "low": 30, "high": 30},
                    {"article": "c", "idx": 2, "date": "garbage", "low": 5, "high": 5}]}
    ch = render.chart_view(s)
    assert len(ch["marks"]) == 2 and ch["marks"][0]["range"] and not ch["marks"][1]["range"]
    assert ch["first"] == "2016-11-01" and ch["last"] == "2017-01-05"
    assert render.chart_view({"points": s["points"][:1]}) is None


@pytest.mark.parametrize("value, text", [(1234567, "1.2M"), (12000, "12,000"), ([10, 20], "10–20"),
                                         (2.5, "2.5"), (None, ""), (True, "True"), ("x", "x")])
def test_web_render_numbers(value, text):
    assert render.fmt_number(value) == text


@pytest.mark.parametrize("article, kw, expect", [
    ("a b/c", {"event": 3}, "/articles/a%20b%2Fc?event=3#hl"),
    ("x", {"start": 1, "end": 4}, "/articles/x?start=1&end=4#hl"),
    ("x", {"start": None, "end": 4}, "/articles/x#hl"),
])
def test_web_render_evidence_href(article, kw, expect):
    assert render.evidence_href(article, **kw) == expect
    assert urlsplit(expect).path.count("/") == 2
