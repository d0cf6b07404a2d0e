"""The store's schema, as numbered migrations with a table of those applied.

A migration is a function registered with ``@migration(n)``; ``migrate`` applies the
missing ones in order, each in its own transaction, so a store made by an older dateline
opens in a newer one. Never edit a migration that has shipped: add the next number.
"""

from __future__ import annotations

import sqlite3
from typing import Callable

MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {}


def migration(number: int):
    def register(func):
        if number in MIGRATIONS:
            raise ValueError(f"migration {number} registered twice")
        MIGRATIONS[number] = func
        return func
    return register


def migrate(conn: sqlite3.Connection) -> list[int]:
    """Apply every registered migration not yet recorded; return the numbers applied."""
    conn.execute("CREATE TABLE IF NOT EXISTS _migrations (number INTEGER PRIMARY KEY, "
                 "name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT (datetime('now')))")
    done = {row[0] for row in conn.execute("SELECT number FROM _migrations")}
    applied = []
    for number in sorted(MIGRATIONS):
        if number in done:
            continue
        func = MIGRATIONS[number]
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another writer may have applied it while we waited for the lock.
            if conn.execute("SELECT 1 FROM _migrations WHERE number = ?", (number,)).fetchone():
                conn.execute("ROLLBACK")
                continue
            func(conn)
            conn.execute("INSERT INTO _migrations (number, name) VALUES (?, ?)",
                         (number, func.__name__))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied.append(number)
    return applied


def _script(conn: sqlite3.Connection, sql: str) -> None:
    # executescript() would COMMIT first and break the migration's transaction.
    for statement in sql.split(";"):
        if statement.strip():
            conn.execute(statement)


_SPAN = "article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, " \
        "idx INTEGER NOT NULL, text TEXT NOT NULL, start INTEGER NOT NULL, \"end\" INTEGER NOT NULL"


@migration(1)
def articles_and_mentions(conn: sqlite3.Connection) -> None:
    _script(conn, f"""
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        source TEXT,
        title TEXT,
        outlet TEXT,
        url TEXT,
        published TEXT,
        published_source TEXT,
        body TEXT NOT NULL,
        removed TEXT NOT NULL DEFAULT '[]',
        ingested_at TEXT NOT NULL DEFAULT (datetime('now'))
    );
    CREATE INDEX articles_published ON articles(published);
    CREATE TABLE entities ({_SPAN}, label TEXT, canonical TEXT, PRIMARY KEY (article_id, idx));
    CREATE INDEX entities_canonical ON entities(canonical);
    CREATE TABLE timexes ({_SPAN}, type TEXT, value TEXT, mod TEXT, PRIMARY KEY (article_id, idx));
    CREATE INDEX timexes_value ON timexes(value);
    CREATE TABLE places ({_SPAN}, name TEXT, country TEXT, admin1 TEXT, latitude REAL,
        longitude REAL, feature TEXT, geonameid INTEGER, PRIMARY KEY (article_id, idx));
    CREATE INDEX places_name ON places(name);
    CREATE TABLE figures ({_SPAN}, quantity TEXT, quantity_low REAL, quantity_high REAL,
        unit TEXT, qualifier TEXT, as_of TEXT, location TEXT, PRIMARY KEY (article_id, idx));
    CREATE INDEX figures_unit ON figures(unit);
    CREATE TABLE quotes ({_SPAN}, speaker TEXT, speaker_role TEXT, PRIMARY KEY (article_id, idx));
    CREATE INDEX quotes_speaker ON quotes(speaker);
    CREATE TABLE events (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        event_date TEXT, time_precision INTEGER, event_type TEXT, sub_event_type TEXT,
        actor1 TEXT, actor2 TEXT, location TEXT, admin1 TEXT, country TEXT,
        latitude REAL, longitude REAL, geo_precision INTEGER, fatalities INTEGER,
        evidence_start INTEGER NOT NULL, evidence_end INTEGER NOT NULL, evidence_text TEXT NOT NULL,
        background INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (article_id, idx)
    );
    CREATE INDEX events_date ON events(event_date);
    CREATE INDEX events_type ON events(event_type);
    CREATE TABLE failures (
        source TEXT NOT NULL,
        code TEXT NOT NULL,
        reason TEXT NOT NULL,
        at TEXT NOT NULL DEFAULT (datetime('now'))
    );
    """)


@migration(2)
def story_links(conn: sqlite3.Connection) -> None:
    """What ``story`` links across articles; rebuilt whole by ``story_write.save_story``."""
    _script(conn, """
    CREATE TABLE story_runs (
        id INTEGER PRIMARY KEY,
        built_at TEXT NOT NULL DEFAULT (datetime('now')),
        articles INTEGER NOT NULL,
        seconds REAL
    );
    CREATE TABLE story_entities (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        label TEXT,
        n_articles INTEGER NOT NULL,
        n_mentions INTEGER NOT NULL,
        aliases TEXT NOT NULL DEFAULT '[]'
    );
    CREATE TABLE story_entity_mentions (
        entity_id INTEGER NOT NULL REFERENCES story_entities(id) ON DELETE CASCADE,
        article_id TEXT NOT NULL,
        idx INTEGER NOT NULL,
        PRIMARY KEY (article_id, idx)
    );
    CREATE INDEX story_entity_mentions_entity ON story_entity_mentions(entity_id);
    CREATE TABLE story_events (
        id INTEGER PRIMARY KEY,
        event_date TEXT, time_precision INTEGER, event_type TEXT, sub_event_type TEXT,
        actor1 TEXT, actor2 TEXT, location TEXT, admin1 TEXT, country TEXT,
        latitude REAL, longitude REAL, geo_precision INTEGER, fatalities INTEGER,
        background INTEGER NOT NULL DEFAULT 0,
        n_articles INTEGER NOT NULL
    );
    CREATE INDEX story_events_date ON story_events(event_date);
    CREATE TABLE story_event_members (
        event_id INTEGER NOT NULL REFERENCES story_events(id) ON DELETE CASCADE,
        article_id TEXT NOT NULL,
        idx INTEGER NOT NULL,
        PRIMARY KEY (article_id, idx)
    );
    CREATE INDEX story_event_members_event ON story_event_members(event_id);
    CREATE TABLE figure_series (
        id INTEGER PRIMARY KEY,
        what TEXT NOT NULL,
        unit TEXT,
        location TEXT,
        n_articles INTEGER NOT NULL,
        trend TEXT
    );
    CREATE TABLE figure_series_members (
        series_id INTEGER NOT NULL REFERENCES figure_series(id) ON DELETE CASCADE,
        article_id TEXT NOT NULL,
        idx INTEGER NOT NULL,
        as_of TEXT,
        PRIMARY KEY (article_id, idx)
    );
    CREATE INDEX figure_series_members_series ON figure_series_members(series_id);
    CREATE TABLE figure_conflicts (
        id INTEGER PRIMARY KEY,
        series_id INTEGER REFERENCES figure_series(id) ON DELETE CASCADE,
        what TEXT NOT NULL,
        reason TEXT
    );
    CREATE TABLE figure_conflict_claims (
        conflict_id INTEGER NOT NULL REFERENCES figure_conflicts(id) ON DELETE CASCADE,
        article_id TEXT NOT NULL,
        idx INTEGER NOT NULL,
        PRIMARY KEY (conflict_id, article_id, idx)
    );
    CREATE TABLE story_timeline (
        id INTEGER PRIMARY KEY,
        date TEXT NOT NULL,
        precision TEXT NOT NULL,
        summary TEXT NOT NULL,
        score REAL,
        sources TEXT NOT NULL DEFAULT '[]'
    );
    """)


@migration(3)
def article_search(conn: sqlite3.Connection) -> None:
    """Full-text search over article titles and bodies (FTS5), kept in sync by triggers;
    and the indexes the web's grouped lists need.

    A table of its own rather than external content: external content keys on the
    articles' implicit rowid, which VACUUM may renumber.
    """
    conn.execute("CREATE VIRTUAL TABLE articles_fts USING fts5(article_id UNINDEXED, title, body, "
                 "tokenize = 'unicode61 remove_diacritics 2')")
    # Statements one by one: trigger bodies hold ';', which _script would split on.
    conn.execute("CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN "
                 "INSERT INTO articles_fts (article_id, title, body) "
                 "VALUES (new.id, coalesce(new.title, ''), new.body); END")
    conn.execute("CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN "
                 "DELETE FROM articles_fts WHERE article_id = old.id; END")
    conn.execute("CREATE TRIGGER articles_fts_update AFTER UPDATE OF id, title, body ON articles BEGIN "
                 "DELETE FROM articles_fts WHERE article_id = old.id; "
                 "INSERT INTO articles_fts (article_id, title, body) "
                 "VALUES (new.id, coalesce(new.title, ''), new.body); END")
    conn.execute("INSERT INTO articles_fts (article_id, title, body) "
                 "SELECT id, coalesce(title, ''), body FROM articles")
    # The web's grouped lists and outlet filter: covering indexes turn a sort of every
    # mention into a walk of the index (5x faster on 10,000 articles).
    conn.execute("CREATE INDEX entities_group ON entities(canonical, label, article_id)")
    conn.execute("CREATE INDEX places_group ON places(name, country, article_id)")
    conn.execute("CREATE INDEX articles_outlet ON articles(outlet)")
