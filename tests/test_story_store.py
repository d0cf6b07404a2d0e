"""The story's tables (migration 2): a rebuild replaces the previous story atomically."""

from __future__ import annotations

import sqlite3

from dateline.store import open_store, read
from dateline.store.schema import MIGRATIONS
from dateline.story import build_from_store

from story_helpers import hostile_record, mosul_story_records, store_of


def test_story_store_migration_registered(tmp_path):
    assert 2 in MIGRATIONS and MIGRATIONS[2].__name__ == "story_links"
    with open_store(tmp_path / "s.db") as store:
        tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"story_entities", "story_events", "story_event_members", "figure_series",
            "figure_conflicts", "figure_conflict_claims", "story_timeline", "story_runs"} <= tables


def test_story_store_rebuild_replaces(tmp_path):
    db = store_of(tmp_path / "s.db", mosul_story_records())
    with open_store(db) as store:
        first = build_from_store(store)
        n_events = len(read.story_events(store.conn))
        store.add(hostile_record())
        second = build_from_store(store)
        events = read.story_events(store.conn)
        run = read.story_run(store.conn)
        members = store.conn.execute("SELECT count(*) FROM story_event_members").fetchone()[0]
    assert len(events) == n_events + 1 == len(second.events) and len(first.events) == n_events
    assert run["articles"] == 6 and run["seconds"] >= 0
    assert members == sum(len(e.members) for e in second.events)


def test_story_store_readonly_reader_sees_the_story(tmp_path):
    db = store_of(tmp_path / "s.db", mosul_story_records())
    with open_store(db) as store:
        story = build_from_store(store)
    with open_store(db, readonly=True) as ro:
        assert [e["date"] for e in read.story_timeline(ro.conn)] == [e.key.value for e in story.timeline]
        assert read.figure_conflicts(ro.conn)[0]["claims"]
        try:
            build_from_store(ro)
        except sqlite3.OperationalError:
            pass  # a read-only store can be read, not rebuilt
        else:
            raise AssertionError("a read-only store accepted a story write")
    with open_store(db, readonly=True) as ro:
        story2 = build_from_store(ro, save=False)
    assert [e.summary for e in story2.timeline] == [e.summary for e in story.timeline]
