"""TimelineJS export: Knight Lab's required fields, dates at their precision, sources."""

from __future__ import annotations

import json

from dateline.export import timelinejs
from dateline.story import Corpus, TimelineOptions, build
from dateline.story.dates import parse_value

from story_helpers import hostile_record, mosul_story_records


def test_export_timelinejs_required_fields():
    story = build(Corpus.from_records(mosul_story_records() + [hostile_record()]), TimelineOptions(max_dates=8))
    obj = json.loads(timelinejs.render(story))
    assert obj["title"]["text"]["headline"]
    entries = [e for e in obj["events"] if e["group"] == "Timeline"]
    assert len(entries) == len(story.timeline)
    for ev in obj["events"]:
        sd = ev["start_date"]
        assert sd["year"].isdigit()  # TimelineJS requires a year; month/day only as precise as known
        assert set(sd) <= {"year", "month", "day", "display_date"}
        assert ev["text"]["headline"] and "text" in ev["text"]
        assert ev["sources"] and all("article" in s and "evidence" in s for s in ev["sources"])
        assert "<script>" not in ev["text"]["text"] and "<script>" not in ev["text"]["headline"]
    by_precision = {e.key.precision: timelinejs.start_date(e.key) for e in story.timeline}
    assert by_precision["month"].keys() == {"year", "month"}
    assert by_precision["day"].keys() == {"year", "month", "day"}


def test_export_timelinejs_week_and_year():
    assert timelinejs.start_date(parse_value("2016-W42")) == {
        "year": "2016", "month": "10", "day": "17", "display_date": "week of 2016-10-17"}
    assert timelinejs.start_date(parse_value("2014")) == {"year": "2014"}


def test_export_timelinejs_unsafe_url_is_not_a_link():
    obj = json.loads(timelinejs.render(build(Corpus.from_records([hostile_record()]))))
    assert "javascript:" not in json.dumps([e["text"] for e in obj["events"]])
