"""Opening a store: the connection settings every reader and the one writer share."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from . import read, schema, write


class Store:
    """A dateline SQLite file. Writes go through ``add``; reads through ``store.read``."""

    def __init__(self, path: str | Path, readonly: bool = False):
        self.path = str(path)
        if readonly:
            uri = f"file:{Path(self.path).resolve()}?mode=ro"
            self.conn = sqlite3.connect(uri, uri=True, isolation_level=None,
                                        check_same_thread=False)
        else:
            self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self.conn.row_factory = sqlite3.Row
        # WAL lets readers (the web page) go on while the one writer commits.
        self.conn.execute("PRAGMA busy_timeout = 60000")
        if not readonly:
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
        self.conn.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            schema.migrate(self.conn)

    def add(self, record: dict, url: str | None = None) -> bool:
        """Store one article record in one transaction; False if its id is already stored."""
        return write.add_record(self.conn, record, url)

    def add_failure(self, source: str, code: str, reason: str) -> None:
        write.add_failure(self.conn, source, code, reason)

    def has(self, article_id: str) -> bool:
        return read.has_article(self.conn, article_id)

    def get(self, article_id: str) -> dict | None:
        return read.article_record(self.conn, article_id)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def open_store(path: str | Path = "dateline.db", readonly: bool = False) -> Store:
    """Open (creating and migrating if needed) the store at ``path``."""
    return Store(path, readonly=readonly)
