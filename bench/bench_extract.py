"""Benchmark: articles/second of the whole extraction, and its ratio to spaCy's own nlp.pipe.

    .venv/bin/python bench/bench_extract.py [--repeat 20] [--input examples/mosul/articles.jsonl]

Both sides get the same texts: the cleaned bodies of the input repeated ``--repeat``
times. "spaCy alone" is the stock model (all its components) through ``nlp.pipe`` with the
same batch size; "dateline" is ``extract_many`` with every stage, reading, cleaning and
JSON serialization included. Models are loaded before timing starts; each side runs once
untimed to warm up. Not a test: the numbers go in the closing note.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dateline.article import Article  # noqa: E402
from dateline.inputs import read_inputs  # noqa: E402
from dateline.pipeline import STAGES, Options, Resources, extract_many, run_stages  # noqa: E402
from dateline.resources.nlp import MODEL  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--input", default=str(ROOT / "examples" / "mosul" / "articles.jsonl"))
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--per-stage", action="store_true", help="also time each stage alone")
    args = ap.parse_args()

    import spacy

    originals = [a for a in read_inputs([args.input]) if isinstance(a, Article)]
    resources = Resources()
    resources.nlp  # noqa: B018 - load before timing
    resources.gazetteer, resources.aliases, resources.triggers  # noqa: B018
    stock = spacy.load(MODEL)

    def fresh():
        for _ in range(args.repeat):
            for a in originals:
                yield Article(id=a.id, source=a.source, raw=a.raw, html=a.html, title=a.title,
                              outlet=a.outlet, url=a.url, published=a.published)

    bodies = [run_stages(a, resources, Options(stages=("clean",))).body for a in fresh()]
    n = len(bodies)
    options = Options(batch_size=args.batch_size)

    def run_dateline():
        for art in extract_many(fresh(), resources, options):
            json.dumps(art.to_record())

    def run_spacy():
        for _ in stock.pipe(bodies, batch_size=args.batch_size):
            pass

    run_spacy(), run_dateline()  # warm-up
    ours, theirs = [], []
    for _ in range(args.rounds):
        t = time.perf_counter(); run_spacy(); theirs.append(time.perf_counter() - t)
        t = time.perf_counter(); run_dateline(); ours.append(time.perf_counter() - t)
    ours_s, theirs_s = statistics.median(ours), statistics.median(theirs)
    chars = sum(len(b) for b in bodies)
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, spaCy {spacy.__version__}")
    print(f"input: {len(originals)} articles x {args.repeat} = {n} articles, "
          f"{chars / n:.0f} characters each on average")
    print(f"spaCy nlp.pipe alone : {theirs_s:7.2f} s  {n / theirs_s:7.1f} articles/s")
    print(f"dateline extract     : {ours_s:7.2f} s  {n / ours_s:7.1f} articles/s")
    print(f"ratio dateline/spaCy : {ours_s / theirs_s:.2f}x  (median of {args.rounds} rounds)")

    if args.per_stage:
        arts = list(fresh())
        docs = list(resources.nlp.pipe([run_stages(a, resources, Options(stages=("clean", "published"))).body
                                        for a in arts], batch_size=args.batch_size))
        totals = {s.name: 0.0 for s in STAGES}
        for art, doc in zip(arts, docs):
            art.doc = doc
            for stage in STAGES:
                if stage.name in ("clean", "published"):
                    continue
                t = time.perf_counter()
                out = stage.func(art, resources)
                totals[stage.name] += time.perf_counter() - t
                for k, v in out.items():
                    setattr(art, k, v)
        for name, total in totals.items():
            if name not in ("clean", "published"):
                print(f"  stage {name:10s} {1000 * total / n:7.2f} ms/article")


if __name__ == "__main__":
    main()
