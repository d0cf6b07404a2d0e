"""The timeline: calendar keys, sentences, date salience and summaries, SPEC JSON, the CLI,
and a quality floor on the T17 dev topics (scored by ../shared/eval/score.py)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from dateline.cli import app
from dateline.store import open_store, read
from dateline.story import Corpus, TimelineOptions, build, build_from_store
from dateline.story.corpus import split_sentences
from dateline.story.dates import days_between, event_key, parse_value
from dateline.story.summarize import Idf, pick, words
from dateline.story.timeline import background_dates, collect_mentions

from story_helpers import BEACON, CBC, CNN, NEWSWEEK, mosul_records, mosul_story_records, store_of


@pytest.mark.parametrize("value, start, precision, label", [
    ("2016-11-03", dt.date(2016, 11, 3), "day", "2016-11-03"),
    ("2016-11-03T14:00", dt.date(2016, 11, 3), "day", "2016-11-03"),
    ("2016-W42", dt.date(2016, 10, 17), "week", "2016-10-17"),
    ("2016-10", dt.date(2016, 10, 1), "month", "2016-10"),
    ("2014", dt.date(2014, 1, 1), "year", "2014"),
])
def test_story_dates_parse(value, start, precision, label):
    key = parse_value(value)
    assert (key.start, key.precision, key.value) == (start, precision, label)


@pytest.mark.parametrize("value", [None, "", "P2Y", "PRESENT_REF", "2016-SU", "201X", "2016-Q3",
                                   "2016-02-30", "2016-W54", "0000", "yesterday", "２０１６", 42])
def test_story_dates_unplaceable(value):
    assert parse_value(value) is None


def test_story_dates_spans():
    assert parse_value("2016-02").end == dt.date(2016, 2, 29)
    assert parse_value("2016-W42").end == dt.date(2016, 10, 23)
    assert event_key("2017-03-15", 2).value == "2017-03-13"
    assert event_key("2017-03-15", 3).value == "2017-03"
    assert days_between("2017-07-06", "2017-07-10") == 4 and days_between("x", "2017") is None


@pytest.mark.parametrize("text, sentences", [
    ("Brig. Gen. D.J. Anderson said so. Then he left.",
     ["Brig. Gen. D.J. Anderson said so.", "Then he left."]),
    ("Headline here\nFirst sentence. Second one!", ["Headline here", "First sentence.", "Second one!"]),
    ("He said: “We will win.” The crowd cheered.", ["He said: “We will win.”", "The crowd cheered."]),
    ("The U.S. Army arrived in Mosul on Oct. 17 with 5,000 troops.",
     ["The U.S. Army arrived in Mosul on Oct. 17 with 5,000 troops."]),
    ("  \n\n ", []),
    ("no full stop", ["no full stop"]),
])
def test_story_sentences_split(text, sentences):
    assert [text[s:e] for s, e in split_sentences(text)] == sentences


def test_story_summary_picks_the_central_sentence():
    texts = ["Protesters filled Tahrir Square in Cairo demanding Mubarak resign.",
             "Thousands of protesters in Tahrir Square demanded that Mubarak resign on Tuesday.",
             "The weather was mild.",
             "Protesters in Cairo's Tahrir Square called again for Mubarak to resign from office."]
    idf = Idf(words(t) for t in texts)
    best = pick(texts, idf, k=2)
    assert best[0] in (0, 1, 3) and 2 not in best


def test_story_timeline_mosul_background_dates(tmp_path):
    db = store_of(tmp_path / "s.db", mosul_story_records())
    with open_store(db) as store:
        story = build_from_store(store, TimelineOptions(max_dates=8))
        stored = read.story_timeline(store.conn)
    entries = {e.key.value: e for e in story.timeline}
    fall = entries["2014-06"]
    assert fall.key.precision == "month"
    assert {s["article"] for s in fall.sources} == {NEWSWEEK, BEACON}
    assert "June 2014" in fall.summary
    assert "2016-10" in entries and {s["article"] for s in entries["2016-10"].sources} == {CBC, BEACON}
    assert [e.key.start for e in story.timeline] == sorted(e.key.start for e in story.timeline)
    for entry in story.timeline:
        assert entry.sources and entry.summary
        for src in entry.sources:
            body = story.articles[src["article"]].body
            assert 0 <= src["start"] < src["end"] <= len(body)
        first = entry.sources[0]
        assert " ".join(story.articles[first["article"]].body[first["start"]:first["end"]].split()) \
            in entry.summary
    assert [e["date"] for e in stored] == [e.key.value for e in story.timeline]


def test_story_timeline_leaves_out_future_dates():
    recs = mosul_records()
    beacon = dict(recs[BEACON])
    start = beacon["body"].index("next week")
    beacon["timexes"] = [{"text": "next week", "start": start, "end": start + 9, "type": "DATE",
                          "value": "2017-W28"}]
    corpus = Corpus.from_records([beacon])
    story = build(corpus, TimelineOptions(max_dates=5))
    assert [e.key.value for e in story.timeline] == ["2017-07-06"]  # its publication day only
    assert parse_value("2017-W28") not in collect_mentions(corpus)
    assert parse_value("2017-W28") in collect_mentions(corpus, future=True)


def test_story_timeline_background_needs_several_articles():
    recs = mosul_story_records()
    corpus = Corpus.from_records(recs)
    back = background_dates(corpus, collect_mentions(corpus), TimelineOptions())
    assert [k.value for k in back] == ["2014-06", "2016-10"]  # two of five articles each
    lone = Corpus.from_records([r for r in recs if r["id"] != BEACON])
    assert background_dates(lone, collect_mentions(lone), TimelineOptions()) == []


def test_story_timeline_spec_json_and_limits():
    story = build(Corpus.from_records(mosul_story_records()), TimelineOptions(max_dates=3))
    out = story.timeline_json()
    assert set(out) == {"entries", "conflicts"} and len(out["entries"]) == 3
    for entry in out["entries"]:
        assert set(entry) == {"date", "precision", "summary", "sources"}
        assert entry["precision"] in ("day", "week", "month", "year")
        assert all(set(s) == {"article", "start", "end"} for s in entry["sources"])
    json.dumps(out)


def test_story_timeline_empty_and_odd_input():
    assert build(Corpus.from_records([])).timeline == []
    odd = {"id": "x", "published": "not a date", "body": "\u0000\ud800 weird \u202e text",
           "timexes": [{"text": "w", "start": 50, "end": 60, "type": "DATE", "value": "2011-02-01"},
                       {"text": "w", "start": 0, "end": 1, "type": "DURATION", "value": "P2Y"}]}
    story = build(Corpus.from_records([odd]))
    assert [e.key.value for e in story.timeline] == ["2011-02-01"]


def test_story_timeline_cli(tmp_path):
    db = store_of(tmp_path / "s.db", mosul_story_records())
    runner = CliRunner()
    res = runner.invoke(app, ["timeline", "--db", str(db), "--json", "--max-dates", "4"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert len(out["entries"]) == 4 and out["conflicts"]
    res = runner.invoke(app, ["timeline", "--db", str(db)])
    assert res.exit_code == 0 and "2014-06" in res.stdout and "sources:" in res.stdout
    assert "Conflicting figures" in res.stdout
    res = runner.invoke(app, ["timeline", "--db", str(tmp_path / "missing.db")])
    assert res.exit_code == 1 and "E108" in res.output


# ---------------------------------------------------------------- any Unicode string

from hypothesis import given, settings, strategies as st  # noqa: E402


@settings(max_examples=150, deadline=None)
@given(st.text())
def test_story_sentences_any_text(text):
    spans = split_sentences(text)
    last = 0
    for s, e in spans:
        assert last <= s < e <= len(text)
        assert text[s:e] == text[s:e].strip() and text[s:e]
        last = e


@settings(max_examples=60, deadline=None)
@given(body=st.text(min_size=0, max_size=300), value=st.text(max_size=12),
       start=st.integers(-5, 400), published=st.one_of(st.none(), st.text(max_size=12)))
def test_story_build_any_record(body, value, start, published):
    rec = {"id": "x", "published": published, "body": body,
           "timexes": [{"text": "t", "start": start, "end": start + 1, "type": "DATE", "value": value}],
           "figures": [{"text": "f", "start": 0, "end": 1, "quantity": 5, "unit": value, "qualifier": "exact",
                        "as_of": value, "location": value}],
           "entities": [{"text": value, "start": 0, "end": 1, "label": "PERSON", "canonical": value}],
           "events": [{"event_date": value, "time_precision": 1, "event_type": "Battles",
                       "sub_event_type": "Armed clash", "actor1": value, "location": value,
                       "evidence": {"start": start, "end": start + 1, "text": "e"}}]}
    story = build(Corpus.from_records([rec, dict(rec, id="y")]))
    json.dumps(story.timeline_json())
    for entry in story.timeline:
        for src in entry.sources:
            assert 0 <= src["start"] <= src["end"] <= len(body)
