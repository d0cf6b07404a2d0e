"""ACLED CSV: ACLED's header in order, one row per linked event, codes filled as ACLED does."""

from __future__ import annotations

import csv
import io

import pytest

from dateline.export import acled_csv
from dateline.story import Corpus, build

from story_helpers import hostile_record, mosul_story_records

HEADER = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
          "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
          "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
          "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
          "fatalities", "tags", "timestamp"]


@pytest.fixture(scope="module")
def story():
    return build(Corpus.from_records(mosul_story_records() + [hostile_record()]))


def test_export_acled_csv_header_and_rows(story):
    rows = list(csv.reader(io.StringIO(acled_csv.render(story, timestamp=1700000000))))
    assert rows[0] == HEADER
    assert len(rows) == 1 + len(story.events)
    assert all(len(r) == len(HEADER) for r in rows)


def test_export_acled_csv_values(story):
    rows = list(csv.DictReader(io.StringIO(acled_csv.render(story, timestamp=1700000000))))
    fall = [r for r in rows if r["event_date"] == "2014-06-01"][0]
    assert fall["event_id_cnty"].startswith("IRQ") and fall["iso"] == "368"
    assert fall["region"] == "Middle East" and fall["year"] == "2014" and fall["time_precision"] == "3"
    assert fall["disorder_type"] == "Political violence"
    assert fall["source"] == "Newsweek; Washington Free Beacon"
    assert fall["inter1"] == "2" and fall["inter2"] == "1" and fall["interaction"] == "12"
    assert fall["fatalities"] == "0" and fall["timestamp"] == "1700000000"
    assert fall["latitude"] == "36.3350" and fall["notes"] == "June 2014"
    ids = [r["event_id_cnty"] for r in rows]
    assert len(set(ids)) == len(ids)
    evil = [r for r in rows if r["event_date"] == "2020-05-03"][0]
    assert evil["location"] == "Qayyarah</b>" and evil["fatalities"] == "12"  # CSV carries text as is


@pytest.mark.parametrize("name, code", [
    ("Military Forces of Iraq (2014-)", 1), ("Police Forces of Egypt", 1), ("Islamic State (Iraq)", 2),
    ("Protesters (Egypt)", 6), ("Rioters (Syria)", 5), ("Civilians (Iraq)", 7),
    ("Popular Mobilization Forces", 3), ("Fulani Ethnic Militia (Nigeria)", 4),
    ("Global Coalition Against Daesh", 8), (None, 0), ("", 0),
])
def test_export_acled_csv_actor_type(name, code):
    assert acled_csv.actor_type(name) == code


@pytest.mark.parametrize("etype, sub, disorder", [
    ("Battles", "Armed clash", "Political violence"), ("Protests", "Peaceful protest", "Demonstrations"),
    ("Riots", "Violent demonstration", "Demonstrations"), ("Riots", "Mob violence", "Political violence"),
    ("Strategic developments", "Agreement", "Strategic developments"), (None, None, ""),
])
def test_export_acled_csv_disorder_type(etype, sub, disorder):
    assert acled_csv.disorder_type(etype, sub) == disorder


def test_export_acled_csv_empty_story():
    assert acled_csv.render(build(Corpus.from_records([]))).strip() == ",".join(HEADER)
