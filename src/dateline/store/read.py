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


# ---------------------------------------------------------------- story (bulk reads, link tables)

def story_articles(conn: sqlite3.Connection) -> list[dict]:
    """Every article's metadata and body, in publication order (what the story is built from)."""
    return [dict(r) for r in conn.execute(
        "SELECT id, source, title, outlet, url, published, body FROM articles ORDER BY published, id")]


def all_items(conn: sqlite3.Connection, table: str) -> list[dict]:
    """Every row of a per-article item table (entities, timexes, places, figures, quotes, events),
    as dicts with ``article_id`` and ``idx``; figures carry their decoded ``quantity``."""
    if table not in (*SPAN_TABLES, "figures", "events"):
        raise ValueError(f"not an item table: {table}")
    rows = []
    for r in conn.execute(f"SELECT * FROM {table} ORDER BY article_id, idx"):
        d = dict(r)
        if table == "figures":
            d["quantity"] = json.loads(d["quantity"]) if d["quantity"] else None
        elif table == "events":
            d["background"] = bool(d["background"])
        rows.append(d)
    return rows


def story_run(conn: sqlite3.Connection) -> dict | None:
    """The latest story build (id, built_at, articles, seconds), or None if never built."""
    row = conn.execute("SELECT * FROM story_runs ORDER BY id DESC LIMIT 1").fetchone()
    return dict(row) if row else None


def story_entities(conn: sqlite3.Connection, min_articles: int = 1) -> list[dict]:
    """Cross-article entities, most widely reported first, with aliases and member mentions."""
    members: dict[int, list] = {}
    for r in conn.execute("SELECT entity_id, article_id, idx FROM story_entity_mentions "
                          "ORDER BY article_id, idx"):
        members.setdefault(r[0], []).append((r[1], r[2]))
    out = []
    for r in conn.execute("SELECT * FROM story_entities WHERE n_articles >= ? "
                          "ORDER BY n_articles DESC, n_mentions DESC, name", (min_articles,)):
        d = dict(r)
        d["aliases"] = json.loads(d["aliases"])
        d["members"] = members.get(d["id"], [])
        out.append(d)
    return out


def story_events(conn: sqlite3.Connection) -> list[dict]:
    """Linked events in date order, each with ``sources``: its member reports and evidence."""
    sources: dict[int, list] = {}
    for r in conn.execute(
            "SELECT m.event_id, m.article_id, m.idx, e.evidence_start, e.evidence_end, e.evidence_text "
            "FROM story_event_members m JOIN events e ON e.article_id = m.article_id AND e.idx = m.idx "
            "ORDER BY m.event_id, m.article_id, m.idx"):
        sources.setdefault(r[0], []).append({"article": r[1], "idx": r[2], "start": r[3], "end": r[4],
                                             "text": r[5]})
    out = []
    for r in conn.execute("SELECT * FROM story_events ORDER BY event_date, id"):
        d = dict(r)
        d["background"] = bool(d["background"])
        d["sources"] = sources.get(d["id"], [])
        out.append(d)
    return out


def figure_series(conn: sqlite3.Connection) -> list[dict]:
    """Figure series with their points (claim rows joined to the figures table), by size."""
    points: dict[int, list] = {}
    for r in conn.execute(
            "SELECT m.series_id, m.article_id, m.idx, m.as_of, f.text, f.start, f.\"end\", f.quantity, "
            "f.qualifier, f.unit, f.location FROM figure_series_members m JOIN figures f "
            "ON f.article_id = m.article_id AND f.idx = m.idx ORDER BY m.series_id, m.as_of"):
        points.setdefault(r[0], []).append(
            {"article": r[1], "idx": r[2], "as_of": r[3], "text": r[4], "start": r[5], "end": r[6],
             "quantity": json.loads(r[7]) if r[7] else None, "qualifier": r[8], "unit": r[9],
             "location": r[10]})
    return [{**dict(r), "points": points.get(r["id"], [])}
            for r in conn.execute("SELECT * FROM figure_series ORDER BY n_articles DESC, id")]


def figure_conflicts(conn: sqlite3.Connection) -> list[dict]:
    """Conflicting figures, each with its claims (article, offsets, text, quantity, as_of)."""
    claims: dict[int, list] = {}
    for r in conn.execute(
            "SELECT c.conflict_id, c.article_id, c.idx, f.text, f.start, f.\"end\", f.quantity, "
            "f.qualifier, COALESCE(m.as_of, f.as_of) FROM figure_conflict_claims c "
            "JOIN figures f ON f.article_id = c.article_id AND f.idx = c.idx "
            "LEFT JOIN figure_series_members m ON m.article_id = c.article_id AND m.idx = c.idx "
            "ORDER BY c.conflict_id, 9, c.article_id"):
        claims.setdefault(r[0], []).append(
            {"article": r[1], "idx": r[2], "text": r[3], "start": r[4], "end": r[5],
             "quantity": json.loads(r[6]) if r[6] else None, "qualifier": r[7], "as_of": r[8]})
    return [{**dict(r), "claims": claims.get(r["id"], [])}
            for r in conn.execute("SELECT * FROM figure_conflicts ORDER BY id")]


def story_timeline(conn: sqlite3.Connection) -> list[dict]:
    """The stored timeline entries in date order, with their sources."""
    return [{"date": r["date"], "precision": r["precision"], "summary": r["summary"],
             "score": r["score"], "sources": json.loads(r["sources"])}
            for r in conn.execute("SELECT * FROM story_timeline ORDER BY date, id")]
