"""Writing records: one article, all its rows, one transaction."""

from __future__ import annotations

import json
import sqlite3

SPAN_TABLES = {
    "entities": ("label", "canonical"),
    "timexes": ("type", "value", "mod"),
    "places": ("name", "country", "admin1", "latitude", "longitude", "feature", "geonameid"),
    "quotes": ("speaker", "speaker_role"),
}
EVENT_COLUMNS = ("event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2",
                 "location", "admin1", "country", "latitude", "longitude", "geo_precision",
                 "fatalities")


def add_record(conn: sqlite3.Connection, rec: dict, url: str | None = None) -> bool:
    """Insert a SPEC record and its items atomically; an id already stored is left alone."""
    article_id = str(rec["id"])
    conn.execute("BEGIN IMMEDIATE")
    try:
        if conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone():
            conn.execute("ROLLBACK")
            return False
        conn.execute(
            "INSERT INTO articles (id, source, title, outlet, url, published, published_source, "
            "body, removed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (article_id, rec.get("source"), rec.get("title"), rec.get("outlet"), url or rec.get("url"),
             rec.get("published"), rec.get("published_source"), rec.get("body") or "",
             json.dumps(rec.get("removed") or [], ensure_ascii=False)))
        for table, columns in SPAN_TABLES.items():
            rows = [(article_id, i, it["text"], it["start"], it["end"],
                     *(it.get(c) for c in columns)) for i, it in enumerate(rec.get(table) or [])]
            if rows:
                cols = ", ".join(("article_id", "idx", "text", "start", '"end"') + columns)
                marks = ", ".join("?" * (5 + len(columns)))
                conn.executemany(f"INSERT INTO {table} ({cols}) VALUES ({marks})", rows)
        figure_rows = []
        for i, it in enumerate(rec.get("figures") or []):
            low, high = quantity_bounds(it.get("quantity"))
            figure_rows.append((article_id, i, it["text"], it["start"], it["end"],
                                json.dumps(it.get("quantity")), low, high, it.get("unit"),
                                it.get("qualifier"), it.get("as_of"), it.get("location")))
        if figure_rows:
            conn.executemany(
                'INSERT INTO figures (article_id, idx, text, start, "end", quantity, quantity_low, '
                "quantity_high, unit, qualifier, as_of, location) VALUES "
                "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", figure_rows)
        event_rows = []
        for i, ev in enumerate(rec.get("events") or []):
            evidence = ev.get("evidence") or {}
            event_rows.append((article_id, i, *(ev.get(c) for c in EVENT_COLUMNS),
                               evidence.get("start", 0), evidence.get("end", 0),
                               evidence.get("text", ""), int(bool(ev.get("background")))))
        if event_rows:
            cols = ", ".join(("article_id", "idx") + EVENT_COLUMNS +
                             ("evidence_start", "evidence_end", "evidence_text", "background"))
            marks = ", ".join("?" * (2 + len(EVENT_COLUMNS) + 4))
            conn.executemany(f"INSERT INTO events ({cols}) VALUES ({marks})", event_rows)
        conn.execute("COMMIT")
        return True
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def add_failure(conn: sqlite3.Connection, source: str, code: str, reason: str) -> None:
    conn.execute("INSERT INTO failures (source, code, reason) VALUES (?, ?, ?)",
                 (str(source), code, reason))


def quantity_bounds(quantity) -> tuple[float | None, float | None]:
    """(low, high) for a number or a [low, high] range; None where it is neither."""
    if isinstance(quantity, bool):
        return None, None
    if isinstance(quantity, (int, float)):
        return float(quantity), float(quantity)
    if isinstance(quantity, (list, tuple)) and len(quantity) == 2:
        low, high = quantity
        low = float(low) if isinstance(low, (int, float)) else None
        high = float(high) if isinstance(high, (int, float)) else None
        return low, high
    return None, None
