"""Writing the story's links (migration 2 tables): the whole story replaced in one transaction.

The story is a function of every stored article, so it is rebuilt, not patched: a save
deletes the previous link rows and writes the new ones atomically, and a reader never
sees half a story. The caller (``dateline.story``) passes plain dicts; this module holds
the SQL.
"""

from __future__ import annotations

import json
import sqlite3

STORY_TABLES = ("story_entity_mentions", "story_entities", "story_event_members", "story_events",
                "figure_conflict_claims", "figure_conflicts", "figure_series_members",
                "figure_series", "story_timeline")
STORY_EVENT_COLUMNS = ("event_date", "time_precision", "event_type", "sub_event_type", "actor1",
                       "actor2", "location", "admin1", "country", "latitude", "longitude",
                       "geo_precision", "fatalities")


def save_story(conn: sqlite3.Connection, story: dict) -> int:
    """Replace the stored story with ``story``; returns the new run's id.

    ``story`` holds ``articles`` (count), ``seconds``, and lists ``entities``, ``events``,
    ``series``, ``conflicts``, ``timeline`` of dicts; each linked item lists its members as
    ``members: [(article_id, idx), ...]`` (series members add ``as_of``).
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        for table in STORY_TABLES:
            conn.execute(f"DELETE FROM {table}")
        run_id = conn.execute("INSERT INTO story_runs (articles, seconds) VALUES (?, ?)",
                              (int(story.get("articles") or 0), story.get("seconds"))).lastrowid
        for n, ent in enumerate(story.get("entities") or [], 1):
            conn.execute("INSERT INTO story_entities (id, name, label, n_articles, n_mentions, "
                         "aliases) VALUES (?, ?, ?, ?, ?, ?)",
                         (n, ent["name"], ent.get("label"), ent["n_articles"], ent["n_mentions"],
                          json.dumps(ent.get("aliases") or [], ensure_ascii=False)))
            conn.executemany("INSERT OR IGNORE INTO story_entity_mentions (entity_id, article_id, idx) "
                             "VALUES (?, ?, ?)", [(n, a, i) for a, i in ent["members"]])
        for n, ev in enumerate(story.get("events") or [], 1):
            cols = ", ".join(("id",) + STORY_EVENT_COLUMNS + ("background", "n_articles"))
            marks = ", ".join("?" * (len(STORY_EVENT_COLUMNS) + 3))
            conn.execute(f"INSERT INTO story_events ({cols}) VALUES ({marks})",
                         (n, *(ev.get(c) for c in STORY_EVENT_COLUMNS), int(bool(ev.get("background"))),
                          ev["n_articles"]))
            conn.executemany("INSERT OR IGNORE INTO story_event_members (event_id, article_id, idx) "
                             "VALUES (?, ?, ?)", [(n, a, i) for a, i in ev["members"]])
        series_ids = {}
        for n, ser in enumerate(story.get("series") or [], 1):
            series_ids[ser.get("key", n)] = n
            conn.execute("INSERT INTO figure_series (id, what, unit, location, n_articles, trend) "
                         "VALUES (?, ?, ?, ?, ?, ?)",
                         (n, ser["what"], ser.get("unit"), ser.get("location"), ser["n_articles"],
                          ser.get("trend")))
            conn.executemany("INSERT OR IGNORE INTO figure_series_members (series_id, article_id, idx, "
                             "as_of) VALUES (?, ?, ?, ?)",
                             [(n, a, i, as_of) for a, i, as_of in ser["members"]])
        for n, con in enumerate(story.get("conflicts") or [], 1):
            conn.execute("INSERT INTO figure_conflicts (id, series_id, what, reason) VALUES (?, ?, ?, ?)",
                         (n, series_ids.get(con.get("series_key")), con["what"], con.get("reason")))
            conn.executemany("INSERT OR IGNORE INTO figure_conflict_claims (conflict_id, article_id, idx) "
                             "VALUES (?, ?, ?)", [(n, a, i) for a, i in con["members"]])
        conn.executemany("INSERT INTO story_timeline (id, date, precision, summary, score, sources) "
                         "VALUES (?, ?, ?, ?, ?, ?)",
                         [(n, e["date"], e["precision"], e["summary"], e.get("score"),
                           json.dumps(e.get("sources") or [], ensure_ascii=False))
                          for n, e in enumerate(story.get("timeline") or [], 1)])
        conn.execute("COMMIT")
        return run_id
    except BaseException:
        conn.execute("ROLLBACK")
        raise
