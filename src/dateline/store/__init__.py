"""The SQLite store: one file, WAL mode, one writer, one transaction per article.

Only this package writes SQL. ``story/``, ``export/`` and ``web/`` read through ``read``.
"""

from __future__ import annotations

from .db import Store, open_store

__all__ = ["Store", "open_store"]
