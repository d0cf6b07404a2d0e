"""Readers during writes: ``dateline serve`` answers while ``dateline ingest`` writes.

Both are real processes over one SQLite file on 127.0.0.1. Reader threads hammer the
JSON endpoints for as long as the ingest runs (bounded by a deadline). No answer may be a
server error or mention a locked database, the article count each reader sees never goes
down, the ingest itself never meets a lock (the server's story rebuild is a second writer),
and once the ingest ends every view, cached or not, shows all the articles.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

from conftest import repeat_example
from test_web_fixtures import serve_process

DATELINE = str(Path(sys.executable).with_name("dateline"))
COPIES = 10  # the 5-article example ten times over: 50 articles
DEADLINE = 300.0  # seconds for the ingest on a busy shared machine (about 30 when idle)
# Endpoints a reader cycles through; the first two report the article count.
ENDPOINTS = ["/api/articles?limit=5", "/api/story", "/api/events?limit=20&sort=date&order=desc",
             "/api/facets", "/api/entities?limit=20", "/api/places?limit=20",
             "/api/figures?limit=20", "/api/quotes?limit=20", "/api/timeline?limit=20",
             "/api/search?q=Mosul", "/api/series", "/api/conflicts",
             "/api/articles?outlet=Reuters&limit=5"]


def _article_count(path: str, body: dict) -> int | None:
    if path.startswith("/api/articles?limit"):
        return body["total"]
    if path == "/api/story":
        return body["counts"]["articles"]
    return None


class Reader(threading.Thread):
    """Requests the endpoints in turn until ``stop`` is set; keeps what it saw."""

    def __init__(self, base: str, stop: threading.Event, shift: int):
        super().__init__(daemon=True)
        self.base, self.stop, self.shift = base, stop, shift
        self.requests = 0
        self.problems: list[str] = []
        self.counts: list[tuple[str, int]] = []

    def run(self) -> None:
        order = ENDPOINTS[self.shift:] + ENDPOINTS[:self.shift]
        with httpx.Client(base_url=self.base, timeout=60) as client:
            while not self.stop.is_set():
                for path in order:
                    self.get(client, path)

    def get(self, client: httpx.Client, path: str) -> None:
        try:
            r = client.get(path)
        except httpx.HTTPError as exc:
            self.problems.append(f"{path}: {type(exc).__name__}: {exc}")
            return
        self.requests += 1
        if r.status_code >= 500 or "database is locked" in r.text:
            self.problems.append(f"{path}: {r.status_code} {r.text[:300]}")
            return
        if r.status_code != 200:
            self.problems.append(f"{path}: unexpected {r.status_code} {r.text[:300]}")
            return
        count = _article_count(path, r.json())
        if count is not None:
            self.counts.append((path, count))


def test_concurrency_readers_during_ingest(tmp_path):
    corpus = repeat_example(tmp_path / "corpus.jsonl", COPIES)
    expected = 5 * COPIES
    db = tmp_path / "shared.db"
    log = tmp_path / "serve.log"
    with serve_process(db, timeout=120.0, log=log) as base:
        stop = threading.Event()
        readers = [Reader(base, stop, shift) for shift in (0, 1)]
        for reader in readers:
            reader.start()
        started = time.monotonic()
        try:
            ingest = subprocess.run([DATELINE, "ingest", str(corpus), "--db", str(db)],
                                    capture_output=True, text=True, timeout=DEADLINE)
        finally:
            stop.set()
            for reader in readers:
                reader.join(timeout=120)
        seconds = time.monotonic() - started

        assert ingest.returncode == 0, ingest.stderr[-2000:]
        assert f"{expected} stored" in ingest.stdout, ingest.stdout
        assert "locked" not in ingest.stderr.lower(), ingest.stderr[-2000:]
        for reader in readers:
            assert not reader.is_alive()
            assert not reader.problems, reader.problems[:5]
            seen = [n for _, n in reader.counts]
            assert seen == sorted(seen), f"article count went down: {reader.counts}"
            assert len(reader.counts) >= 2
        # The readers ran through the ingest, not only before or after it.
        seen_counts = {n for r in readers for _, n in r.counts}
        assert len(seen_counts) >= 2, seen_counts

        # Afterwards every view (the cached story included) shows all the articles, and the
        # server rebuilds its story from them.
        with httpx.Client(base_url=base, timeout=60) as client:
            assert client.get("/api/articles?limit=1").json()["total"] == expected
            deadline = time.monotonic() + 180
            while True:
                story = client.get("/api/story").json()
                assert story["counts"]["articles"] == expected
                if not story["story_stale"] or time.monotonic() > deadline:
                    break
                time.sleep(1)
            assert not story["story_stale"], "the server never rebuilt its story"
            assert client.get("/api/timeline?limit=1").status_code == 200
    served = log.read_text(errors="replace")
    assert "Traceback" not in served and "locked" not in served, served[-3000:]
    total = sum(r.requests for r in readers)
    print(f"\nconcurrency: {total} reads in {seconds:.0f} s while {expected} articles were "
          f"ingested; counts seen {sorted(seen_counts)}")
