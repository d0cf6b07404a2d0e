"""p95 latency of the main web endpoints on a store of 10,000 articles.

The store is the bundled example extracted once, repeated with new ids (and dates and
outlets shifted per copy so filters and facets have something to chew on), written
through the store API. Requests go through the ASGI app in-process (FastAPI TestClient),
so the numbers are the app's own cost without the network; each request is fresh (no
If-None-Match), i.e. the worst case the ETag would otherwise save. Grouped views (story,
timeline, entities, places, conflicts) are cached until the store changes, so "first" is
the cold cost and p50/p95 the warm one.

    .venv/bin/python bench/bench_web.py                 # builds /tmp/dateline-bench-web.db once
    .venv/bin/python bench/bench_web.py --articles 2000 --requests 20 --story
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "mosul" / "articles.jsonl"
OUTLETS = [f"Outlet {i:02d}" for i in range(20)]


def _shift(value, days: int):
    if not isinstance(value, str) or len(value) < 10:
        return value
    try:
        return (dt.date.fromisoformat(value[:10]) + dt.timedelta(days=days)).isoformat() + value[10:]
    except ValueError:
        return value


def build_store(path: Path, n_articles: int) -> float:
    """Write ``n_articles`` copies of the example into a new store; returns seconds spent."""
    from dateline import Resources
    from dateline.inputs import read_inputs
    from dateline.pipeline import extract_many
    from dateline.store import open_store

    base = [a.to_record() for a in extract_many(read_inputs([EXAMPLE]), Resources())
            if not isinstance(a, Exception)]
    t0 = time.perf_counter()
    with open_store(path) as store:
        for n in range(n_articles):
            rec = dict(base[n % len(base)])
            copy = n // len(base)
            days = copy % 900
            rec["id"] = f"{rec['id']}-{copy:05d}"
            rec["outlet"] = OUTLETS[copy % len(OUTLETS)]
            rec["published"] = _shift(rec["published"], days)
            rec["events"] = [{**ev, "event_date": _shift(ev.get("event_date"), days)}
                             for ev in rec["events"]]
            rec["figures"] = [{**f, "as_of": _shift(f.get("as_of"), days)} for f in rec["figures"]]
            store.add(rec)
    return time.perf_counter() - t0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, default=Path("/tmp/dateline-bench-web.db"))
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--requests", type=int, default=30, help="timed requests per endpoint")
    ap.add_argument("--story", action="store_true", help="build the story first (slow)")
    args = ap.parse_args(argv)

    from fastapi.testclient import TestClient

    from dateline.store import open_store
    from dateline.web import create_app

    if args.db.exists():
        with open_store(args.db, readonly=True) as store:
            have = store.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        if have != args.articles:
            for suffix in ("", "-wal", "-shm"):
                Path(str(args.db) + suffix).unlink(missing_ok=True)
    if not args.db.exists():
        print(f"writing {args.articles} articles to {args.db} ...", file=sys.stderr)
        secs = build_store(args.db, args.articles)
        print(f"  {secs:.1f} s ({secs / args.articles * 1000:.2f} ms per article)", file=sys.stderr)
    if args.story:
        from dateline.story import build_from_store

        t0 = time.perf_counter()
        with open_store(args.db) as store:
            build_from_store(store)
        print(f"story built in {time.perf_counter() - t0:.1f} s", file=sys.stderr)

    client = TestClient(create_app(args.db, build_story=False), base_url="http://127.0.0.1")
    with open_store(args.db, readonly=True) as store:
        counts = {t: store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                  for t in ("articles", "events", "entities", "figures", "quotes", "places")}
        some_id = store.conn.execute("SELECT id FROM articles ORDER BY rowid DESC LIMIT 1").fetchone()[0]
    print("store: " + ", ".join(f"{v} {k}" for k, v in counts.items()))

    art = quote(some_id, safe="")
    endpoints = [
        "/api/events", "/api/events?type=Battles&sort=fatalities&order=desc",
        "/api/events?date_from=2017-01-01&date_to=2017-06&place=Mosul&offset=200",
        "/api/events?outlet=Outlet+07&sort=place", "/api/articles?offset=5000",
        f"/api/articles/{art}", "/api/search?q=Mosul", "/api/search?q=coalition+airstrike",
        "/api/entities", "/api/places", "/api/figures?unit=civilians", "/api/quotes",
        "/api/timeline", "/api/conflicts", "/api/story",
        "/", "/events", f"/articles/{art}", "/search?q=Baghdadi",
    ]
    print(f"{'endpoint':62s} {'first ms':>9s} {'p50 ms':>8s} {'p95 ms':>8s} {'bytes':>9s}")
    worst = 0.0
    for url in endpoints:
        times, first = [], None
        for i in range(args.requests + 2):
            t0 = time.perf_counter()
            r = client.get(url)
            elapsed = (time.perf_counter() - t0) * 1000
            if r.status_code != 200:
                print(f"{url}: HTTP {r.status_code}", file=sys.stderr)
                return 1
            if i == 0:
                first = elapsed  # cold: nothing cached yet for this view
            if i >= 2:  # two warm-up requests (page cache, statement cache)
                times.append(elapsed)
        times.sort()
        p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
        worst = max(worst, p95)
        print(f"{url[:62]:62s} {first:9.1f} {statistics.median(times):8.1f} {p95:8.1f} "
              f"{len(r.content):9d}")
    print(f"worst p95: {worst:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
