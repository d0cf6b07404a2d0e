"""The offline HTML report: the timeline's dates, the map, the charts, the conflicts, every
item linked to an evidence sentence that exists, nothing from the articles left unescaped."""

from __future__ import annotations

import datetime as dt

import lxml.html
import pytest

from dateline.export import report_html
from dateline.export.svgchart import series_svg
from dateline.export.svgmap import map_svg, world
from dateline.story import Corpus, TimelineOptions, build

from story_helpers import BEACON, CBC, hostile_record, mosul_story_records


@pytest.fixture(scope="module")
def page():
    story = build(Corpus.from_records(mosul_story_records() + [hostile_record()]), TimelineOptions(max_dates=8))
    text = report_html.render(story, generated=dt.datetime(2024, 1, 1))
    return text, lxml.html.document_fromstring(text), story


def test_export_html_has_the_timeline_dates_and_sources(page):
    text, doc, story = page
    for entry in story.timeline:
        assert entry.key.value in text
    assert "2014-06" in text and "2016-10" in text


def test_export_html_every_link_lands_on_evidence(page):
    text, doc, story = page
    ids = {el.get("id") for el in doc.iter() if el.get("id")}
    hrefs = [a.get("href") for a in doc.iter("a") if a.get("href", "").startswith("#")]
    assert hrefs and all(h[1:] in ids for h in hrefs)
    svg_links = [a.get("href") for a in doc.iter() if a.tag.endswith("a") and a.get("href", "").startswith("#ev-")]
    assert svg_links  # map points and chart points link too
    evidence = doc.get_element_by_id("ev-1")
    assert evidence.tag == "li" and evidence.find(".//q") is not None


def test_export_html_conflict_with_both_sources(page):
    text, doc, story = page
    box = doc.find_class("conflict-box")[0]
    content = box.text_content()
    assert "87,000" in content and "897,000" in content
    hrefs = [a.get("href") for a in box.iter("a")]
    anchors = [doc.get_element_by_id(h[1:]) for h in hrefs]
    marked = {a.find(".//mark").text for a in anchors}
    assert marked == {"87,000", "897,000"}
    assert "Washington Free Beacon" in content and "CBC News" in content


def test_export_html_map_and_chart(page):
    text, doc, story = page
    assert text.count('class="map"') == 1 and '<path class="land"' in text and "Iraq" in text
    assert 'class="chart"' in text  # the ISIS fighters series (two articles)


def test_export_html_escapes_article_text(page):
    text, doc, story = page
    assert not list(doc.iter("script")) and not list(doc.iter("img")) and not doc.xpath("//b[text()='Qayyarah']")
    assert "javascript:" not in " ".join(a.get("href") or "" for a in doc.iter("a"))
    assert "&lt;script&gt;" in text and "O&#x27;Brien &amp; &lt;Co&gt;" in text
    assert "offline" not in text or "http" not in text.split("<body>")[0]  # no external stylesheet
    assert "<link" not in text and "src=\"http" not in text


def test_export_html_empty_story():
    text = report_html.render(build(Corpus.from_records([])))
    doc = lxml.html.document_fromstring(text)
    assert "No dated entries yet" in text and "No located events yet" in text and doc.find(".//h1") is not None


def test_export_html_map_svg_parts():
    assert map_svg([]) == "" and map_svg([{"lat": float("nan"), "lon": 1}]) == ""
    svg = map_svg([{"lat": 36.3, "lon": 43.1, "label": "Mosul <x>", "href": "#ev-1"}])
    assert "Mosul &lt;x&gt;" in svg and 'href="#ev-1"' in svg and "°N" in svg and "°E" in svg
    assert len(world()) > 200


def test_export_html_chart_parts():
    assert series_svg([]) == ""
    svg = series_svg([{"day": dt.date(2017, 7, 6), "low": 87000, "high": 87000, "label": "87,000"},
                      {"day": dt.date(2017, 7, 10), "low": 897000, "high": float("inf"), "conflict": True,
                       "label": "more than 897,000", "href": "#ev-2"}])
    assert "2017-07-06" in svg and "2017-07-10" in svg and "conflict" in svg and 'href="#ev-2"' in svg


from hypothesis import given, settings, strategies as st  # noqa: E402

from dateline.export import FORMATS, render  # noqa: E402


@settings(max_examples=40, deadline=None)
@given(text=st.text(min_size=1, max_size=80), lat=st.floats(allow_nan=True, allow_infinity=True),
       qty=st.one_of(st.integers(-10, 10**9), st.floats(), st.lists(st.integers(0, 100), max_size=3)))
def test_export_any_record_every_format(text, lat, qty):
    body = f"<script>{text}</script> on 3 May 2020."
    rec = {"id": text, "title": text, "outlet": text, "url": text, "published": "2020-05-04", "body": body,
           "timexes": [{"text": "3 May 2020", "start": body.index("3 May"), "end": body.index("3 May") + 10,
                        "type": "DATE", "value": "2020-05-03"}],
           "figures": [{"text": text, "start": 0, "end": 1, "quantity": qty, "unit": text, "qualifier": "exact",
                        "as_of": "2020-05-03", "location": text}],
           "events": [{"event_date": "2020-05-03", "time_precision": 1, "event_type": "Battles",
                       "sub_event_type": text, "actor1": text, "location": text, "country": text,
                       "latitude": lat, "longitude": lat, "evidence": {"start": 0, "end": 5, "text": text}}]}
    story = build(Corpus.from_records([rec, dict(rec, id=text + "2")]))
    for fmt in FORMATS:
        out = render(story, fmt)
        assert isinstance(out, str) and out
    page = render(story, "html")
    assert "<script>" not in page
    lxml.html.document_fromstring(page)
