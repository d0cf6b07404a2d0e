"""Cost of building the story as the corpus grows: the example corpus at 1x, 10x and 100x.

The five Mosul articles are extracted once (every stage), then repeated with shifted dates:
copy k moves every day-precision date (publication, timexes, event dates, figure as-of) by
k // 2 days, so each event is reported by two copies (linking has work to do) and the
dates spread out as a real feed's would. Times are wall-clock seconds per story phase and
milliseconds per article; 'story' is the whole build, 'save' the store write.

    .venv/bin/python bench/bench_link.py [--scales 1,10,100]
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

from dateline.inputs import read_inputs
from dateline.pipeline import Options, Resources, extract_many
from dateline.store import open_store, story_write
from dateline.story import Corpus, TimelineOptions, build
from dateline.story.entities import link_entities
from dateline.story.figures import build_series, find_conflicts
from dateline.story.link import link_events
from dateline.story.timeline import build_timeline

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "mosul" / "articles.jsonl"


def _shift(value, days: int):
    if not isinstance(value, str) or len(value) != 10:
        return value
    try:
        return (dt.date.fromisoformat(value) + dt.timedelta(days=days)).isoformat()
    except ValueError:
        return value


def replicate(records: list[dict], scale: int) -> list[dict]:
    """``scale`` copies of ``records`` with new ids and dates moved by copy // 2 days."""
    out = []
    for k in range(scale):
        for rec in records:
            r = copy.deepcopy(rec)
            r["id"] = f"{rec['id']}~{k}"
            days = k // 2
            r["published"] = _shift(r.get("published"), days)
            for t in r.get("timexes") or []:
                t["value"] = _shift(t.get("value"), days)
            for e in r.get("events") or []:
                e["event_date"] = _shift(e.get("event_date"), days)
            for f in r.get("figures") or []:
                f["as_of"] = _shift(f.get("as_of"), days)
            out.append(r)
    return out


def timed(fn, *args):
    t0 = time.perf_counter()
    result = fn(*args)
    return result, time.perf_counter() - t0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,10,100")
    args = parser.parse_args(argv)
    base = [a.to_record() for a in extract_many(read_inputs([EXAMPLE]), Resources(), Options())
            if not isinstance(a, Exception)]
    counts = {k: sum(len(r[k]) for r in base) for k in ("entities", "timexes", "figures", "events")}
    print(f"base corpus: {len(base)} articles, {counts}")
    print(f"{'scale':>5} {'articles':>8} {'events':>7} {'linked':>7} {'entities':>8} {'link_s':>7} "
          f"{'ent_s':>6} {'fig_s':>6} {'tl_s':>6} {'story_s':>7} {'save_s':>6} {'ms/article':>10}")
    for scale in (int(s) for s in args.scales.split(",")):
        recs = replicate(base, scale)
        corpus = Corpus.from_records(recs)
        events, t_link = timed(link_events, corpus.events)
        ents, t_ent = timed(link_entities, corpus.entities)
        _, t_fig = timed(lambda: find_conflicts(build_series(corpus.figures, {a: x.published for a, x in corpus.articles.items()})))
        _, t_tl = timed(build_timeline, corpus, events, TimelineOptions())
        corpus = Corpus.from_records(recs)  # fresh sentence caches: time the whole build cold
        story, t_story = timed(build, corpus)
        with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "b.db") as store:
            _, t_save = timed(story_write.save_story, store.conn, story.to_rows())
        print(f"{scale:>5} {len(recs):>8} {len(corpus.events):>7} {len(events):>7} {len(ents):>8} "
              f"{t_link:>7.3f} {t_ent:>6.3f} {t_fig:>6.3f} {t_tl:>6.3f} {t_story:>7.3f} {t_save:>6.3f} "
              f"{1000 * t_story / len(recs):>10.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
