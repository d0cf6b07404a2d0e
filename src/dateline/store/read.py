"""Queries shared by the story, the exports and the web page. Read-only."""

from __future__ import annotations

import json
import sqlite3
from typing import Iterator

from .write import EVENT_COLUMNS, SPAN_TABLES

ARTICLE_FIELDS = ("id", "source", "title", "outlet", "published", "published_source", "body")


def has_article(conn: sqlite3.Connection, article_id: str) -> bool:
    return conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None


def stored_ids(conn: sqlite3.Connection) -> set[str]:
    return {row[0] for row in conn.execute("SELECT id FROM articles")}


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Rows per table: articles, entities, timexes, places, figures, quotes, events, failures."""
    tables = ("articles", *SPAN_TABLES, "figures", "events", "failures")
    return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def article_record(conn: sqlite3.Connection, article_id: str) -> dict | None:
    """The SPEC record of a stored article, rebuilt from its rows."""
    row = conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        return None
    rec = {k: row[k] for k in ARTICLE_FIELDS}
    rec["removed"] = json.loads(row["removed"] or "[]")
    for table, columns in SPAN_TABLES.items():
        rec[table] = [
            {"text": r["text"], "start": r["start"], "end": r["end"], **{c: r[c] for c in columns}}
            for r in conn.execute(f"SELECT * FROM {table} WHERE article_id = ? ORDER BY idx",
                                  (article_id,))]
    for item in rec["timexes"]:
        if item.get("mod") is None:
            item.pop("mod")
    rec["figures"] = [
        {"text": r["text"], "start": r["start"], "end": r["end"], "quantity": json.loads(r["quantity"]),
         "unit": r["unit"], "qualifier": r["qualifier"], "as_of": r["as_of"], "location": r["location"]}
        for r in conn.execute("SELECT * FROM figures WHERE article_id = ? ORDER BY idx", (article_id,))]
    rec["events"] = [event_dict(r) for r in conn.execute(
        "SELECT * FROM events WHERE article_id = ? ORDER BY idx", (article_id,))]
    # SPEC order: quotes before events
    return {k: rec[k] for k in (*ARTICLE_FIELDS[:-1], "body", "removed", "entities", "timexes",
                                "places", "figures", "quotes", "events")}


def event_dict(row: sqlite3.Row) -> dict:
    ev = {c: row[c] for c in EVENT_COLUMNS}
    ev["evidence"] = {"start": row["evidence_start"], "end": row["evidence_end"],
                      "text": row["evidence_text"]}
    if row["background"]:
        ev["background"] = True
    return ev


def iter_records(conn: sqlite3.Connection) -> Iterator[dict]:
    """Every stored article as a SPEC record, in publication order."""
    ids = [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY published, id")]
    for article_id in ids:
        rec = article_record(conn, article_id)
        if rec is not None:
            yield rec


def recent_failures(conn: sqlite3.Connection, limit: int = 20) -> list[dict]:
    return [dict(r) for r in conn.execute(
        "SELECT source, code, reason, at FROM failures ORDER BY rowid DESC LIMIT ?", (limit,))]


def article_overview(conn: sqlite3.Connection, limit: int = 50) -> list[dict]:
    """One row per article with its item counts, newest first."""
    return [dict(r) for r in conn.execute(
        "SELECT a.id, a.published, a.outlet, a.title, substr(a.body, 1, 80) AS lead, "
        "(SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events, "
        "(SELECT count(*) FROM figures f WHERE f.article_id = a.id) AS figures, "
        "(SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS quotes "
        "FROM articles a ORDER BY a.published DESC, a.id LIMIT ?", (limit,))]
