"""Benchmark: serial vs --dask ingest, articles/second and peak RSS of the whole process tree.

    .venv/bin/python bench/bench_scale.py --articles 10000 [--workers 2] [--modes serial,dask]

The corpus is synthesized by repetition, with new ids, from the dev sets: the bundled
example and, when ``../shared/eval`` is beside the checkout, every set its ``score.py
prepare`` makes (ACLED notes of both files, TimeBank/AQUAINT, LGL, the T17 topics), each item
once per cycle, in a fixed shuffled order so long live blogs and one-line notes interleave
(for timing only: nothing is scored or kept). It is written as gzipped JSON Lines and read
lazily, as a feed would be. Each mode runs ``dateline ingest`` as a subprocess into a fresh
store; RSS is sampled every 0.2 s over the process and all its children (Dask workers and
nannies included) and the peak of the sum is reported, with the peak of each role. Not a test.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
DEV_SETS = (  # (kind, path under eval/data)
    ("acled", "acled/AschHarwood_acled_2016_africa.csv"),
    ("acled", "acled/katehara_acled_asia_2015.csv"),
    ("timeml", "timeml"),
    ("geo", "geo/lgl.xml"),
    ("tls", "tls/EgyptianProtest_cnn"),
    ("tls", "tls/SyrianCrisis_bbc"),
)


def _prepared(kind: str, path: Path) -> list[dict]:
    out = subprocess.run([sys.executable, str(EVAL / "score.py"), "prepare", kind, str(path)],
                         capture_output=True, text=True, check=True).stdout
    return [json.loads(line) for line in out.split("\n") if line.strip()]


def source_texts() -> tuple[list[dict], dict[str, int]]:
    """The texts to repeat, and how many came from each set."""
    texts = [json.loads(line) for line in (ROOT / "examples" / "mosul" / "articles.jsonl").open()]
    counts = {"example": len(texts)}
    if EVAL.exists():
        for kind, rel in DEV_SETS:
            items = _prepared(kind, EVAL / "data" / rel)
            counts[rel] = len(items)
            texts.extend(items)
    texts = [{"text": t["text"], "published": t.get("published")} for t in texts if t.get("text")]
    random.Random(7).shuffle(texts)
    return texts, counts


def make_corpus(path: Path, n: int) -> str:
    texts, counts = source_texts()
    chars = 0
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for i in range(n):
            src = texts[i % len(texts)]
            chars += len(src["text"])
            fh.write(json.dumps({"id": f"bench-{i}", **src}, ensure_ascii=False) + "\n")
    sets = ", ".join(f"{k} {v}" for k, v in counts.items())
    return f"{len(texts)} distinct texts ({sets}); mean {chars / max(n, 1):,.0f} characters"


def _role(proc: psutil.Process) -> str:
    try:
        cmd = " ".join(proc.cmdline())
    except psutil.Error:
        return "?"
    if "dateline" in cmd and " ingest " in f" {cmd} ":
        return "client"
    if "spawn_main" in cmd or "multiprocessing" in cmd:
        return "worker/nanny"
    return "other"


def _stored(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


def run(cmd: list[str], db: Path, marks: list[int]) -> tuple[float, int, dict[str, int], str]:
    """Wall seconds, peak RSS bytes of the process tree, peak per role, last line of stdout.

    Prints the peak so far each time the store passes one of ``marks`` articles, so one long
    run shows whether memory grows with the corpus."""
    start = time.perf_counter()
    marks = sorted(marks)
    next_check = start
    log = tempfile.TemporaryFile(mode="w+")
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.DEVNULL, text=True)
    root = psutil.Process(proc.pid)
    peak, roles = 0, defaultdict(int)
    processes: dict[int, psutil.Process] = {}
    while proc.poll() is None:
        try:
            for p in [root] + root.children(recursive=True):
                processes.setdefault(p.pid, p)
            total, now = 0, defaultdict(int)
            for pid, p in list(processes.items()):
                try:
                    rss = p.memory_info().rss
                except psutil.Error:
                    processes.pop(pid)
                    continue
                total += rss
                now[f"{_role(p)}:{pid}"] = rss
            peak = max(peak, total)
            for key, rss in now.items():
                roles[key] = max(roles[key], rss)
        except psutil.Error:
            pass
        if marks and time.perf_counter() >= next_check:
            next_check = time.perf_counter() + 5
            stored = _stored(db)
            while marks and stored >= marks[0]:
                each = " + ".join(f"{v / 2**20:.0f}" for _, v in sorted(now.items()))
                print(f"  {marks.pop(0):>7,} articles stored after {time.perf_counter() - start:7.0f} s: "
                      f"peak RSS so far {peak / 2**20:5.0f} MiB, now {total / 2**20:5.0f} MiB ({each})",
                      flush=True)
        time.sleep(0.2)
    log.seek(0)
    out = log.read().strip().splitlines()
    return time.perf_counter() - start, peak, dict(roles), out[-1] if out else ""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--modes", default="serial,dask")
    ap.add_argument("--keep", type=Path, help="Keep the stores in this folder.")
    args = ap.parse_args()
    dateline = str(Path(sys.executable).parent / "dateline")
    # A fresh machine builds the gazetteer index once (in a short-lived child, ~17 s); do it
    # here so the runs below measure ingesting, not that one-time build.
    subprocess.run([sys.executable, "-c", "from dateline.resources.gazetteer import Gazetteer; Gazetteer.load()"],
                   check=True)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl.gz"
        about = make_corpus(corpus, args.articles)
        print(f"corpus: {args.articles} articles, {corpus.stat().st_size / 2**20:.1f} MiB gzipped; {about}",
              flush=True)
        results = {}
        for mode in args.modes.split(","):
            db = (args.keep or Path(tmp)) / f"{mode}-{args.articles}.db"
            cmd = [dateline, "ingest", str(corpus), "--db", str(db)]
            if mode == "dask":
                cmd += ["--dask", "--workers", str(args.workers)]
            marks = [m for m in (1_000, 10_000, 25_000, 50_000, 75_000, 100_000) if m < args.articles]
            secs, peak, roles, last = run(cmd, db, marks)
            results[mode] = secs
            parts = ", ".join(f"{k.split(':')[0]} {v / 2**20:.0f}" for k, v in sorted(roles.items()))
            print(f"{mode:6s}: {secs:8.1f} s  {args.articles / secs:6.2f} articles/s  "
                  f"peak RSS {peak / 2**20:7.0f} MiB (per process, MiB: {parts})  | {last}", flush=True)
        if "serial" in results and "dask" in results:
            print(f"dask speedup over serial: {results['serial'] / results['dask']:.2f}x "
                  f"with {args.workers} workers")


if __name__ == "__main__":
    main()
