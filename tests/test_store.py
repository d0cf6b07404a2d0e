"""The SQLite store: migrations, one transaction per article, idempotent re-ingest, round trips."""

from __future__ import annotations

import sqlite3

import pytest

from dateline.store import open_store, read
from dateline.store.schema import MIGRATIONS


def _record(article_id="a1", **extra):
    rec = {
        "id": article_id, "source": "feed.jsonl", "title": "T", "outlet": "O",
        "published": "2017-07-11", "published_source": "given",
        "body": "Iraqi forces retook Mosul on Monday, killing 12 militants, officials said.",
        "removed": ["Follow X on Twitter"],
        "entities": [{"text": "Mosul", "start": 20, "end": 25, "label": "GPE", "canonical": "Mosul"}],
        "timexes": [{"text": "Monday", "start": 29, "end": 35, "type": "DATE", "value": "2017-07-10"}],
        "places": [{"text": "Mosul", "start": 20, "end": 25, "name": "Mosul", "country": "IQ",
                    "admin1": "Nineveh", "latitude": 36.335, "longitude": 43.119, "feature": "city",
                    "geonameid": 99072}],
        "figures": [{"text": "12 militants", "start": 45, "end": 57, "quantity": 12, "unit": "militants",
                     "qualifier": "exact", "as_of": "2017-07-10", "location": "Mosul"},
                    {"text": "2,000 to 3,000", "start": 0, "end": 5, "quantity": [2000, 3000],
                     "unit": "people", "qualifier": "range", "as_of": None, "location": None}],
        "quotes": [],
        "events": [{"event_date": "2017-07-10", "time_precision": 1, "event_type": "Battles",
                    "sub_event_type": "Government regains territory", "actor1": "Military Forces of Iraq",
                    "actor2": "Islamic State", "location": "Mosul", "admin1": "Nineveh",
                    "country": "Iraq", "latitude": 36.335, "longitude": 43.119, "geo_precision": 1,
                    "fatalities": 12, "evidence": {"start": 0, "end": 74, "text": "Iraqi forces ..."}}],
    }
    rec.update(extra)
    return rec


def test_store_migrations_applied_once(tmp_path):
    path = tmp_path / "s.db"
    with open_store(path) as store:
        applied = [r[0] for r in store.conn.execute("SELECT number FROM _migrations ORDER BY number")]
        assert applied == sorted(MIGRATIONS)
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with open_store(path) as store:  # reopening applies nothing new
        assert store.conn.execute("SELECT count(*) FROM _migrations").fetchone()[0] == len(MIGRATIONS)


def test_store_round_trip_is_the_record(tmp_path):
    rec = _record()
    with open_store(tmp_path / "s.db") as store:
        assert store.add(rec) is True
        assert store.get("a1") == rec


def test_store_same_article_twice_is_a_no_op(tmp_path):
    with open_store(tmp_path / "s.db") as store:
        assert store.add(_record()) is True
        assert store.add(_record(title="changed")) is False
        assert read.counts(store.conn)["articles"] == 1
        assert store.get("a1")["title"] == "T"


def test_store_failed_write_leaves_no_half_article(tmp_path):
    bad = _record("a2")
    bad["events"][0]["evidence"] = {"start": None, "end": None, "text": None}  # NOT NULL columns
    with open_store(tmp_path / "s.db") as store:
        store.add(_record("a1"))
        with pytest.raises(sqlite3.IntegrityError):
            store.add(bad)
        counts = read.counts(store.conn)
        assert counts["articles"] == 1 and counts["figures"] == 2 and counts["events"] == 1
        assert not store.has("a2")


def test_store_readonly_cannot_write(tmp_path):
    path = tmp_path / "s.db"
    with open_store(path) as store:
        store.add(_record())
    with open_store(path, readonly=True) as ro:
        assert ro.get("a1")["id"] == "a1"
        with pytest.raises(sqlite3.OperationalError):
            ro.add(_record("a3"))
