"""Benchmark: serial vs --dask ingest, articles/second and peak RSS of the whole process tree.

    .venv/bin/python bench/bench_scale.py --articles 1000 [--workers 2] [--modes serial,dask]

The corpus is synthesized by repetition, with new ids, from whatever texts are at hand: the
bundled example and, when ``../shared/eval`` is beside the checkout, the T17 topic articles
and the TimeBank texts (for timing only: nothing is scored or kept). It is written as gzipped
JSON Lines and read lazily, as a feed would be. Each mode runs ``dateline ingest`` as a
subprocess into a fresh store; RSS is sampled every 0.2 s over the process and all its
children (Dask workers included) and the peak of the sum is reported. Not a test.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "eval" / "data"


def source_texts() -> list[dict]:
    texts = [json.loads(line) for line in (ROOT / "examples" / "mosul" / "articles.jsonl").open()]
    for topic in sorted((SHARED / "tls").glob("*/articles.jsonl")) if SHARED.exists() else []:
        for line in topic.open(encoding="utf-8"):
            obj = json.loads(line)
            texts.append({"text": obj["text"], "published": obj.get("time") or obj.get("published")})
    return [{"text": t["text"], "published": t.get("published")} for t in texts if t.get("text")]


def make_corpus(path: Path, n: int) -> None:
    texts = source_texts()
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for i in range(n):
            src = texts[i % len(texts)]
            fh.write(json.dumps({"id": f"bench-{i}", **src}, ensure_ascii=False) + "\n")


def run(cmd: list[str]) -> tuple[float, int, str]:
    """Wall seconds, peak RSS bytes of the process tree, last line of stdout."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    root = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        try:
            procs = [root] + root.children(recursive=True)
            peak = max(peak, sum(p.memory_info().rss for p in procs if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.2)
    out = proc.stdout.read().strip().splitlines()
    return time.perf_counter() - start, peak, out[-1] if out else ""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--modes", default="serial,dask")
    args = ap.parse_args()
    dateline = str(Path(sys.executable).parent / "dateline")
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl.gz"
        make_corpus(corpus, args.articles)
        print(f"corpus: {args.articles} articles, {corpus.stat().st_size / 2**20:.1f} MiB gzipped")
        results = {}
        for mode in args.modes.split(","):
            db = Path(tmp) / f"{mode}.db"
            cmd = [dateline, "ingest", str(corpus), "--db", str(db)]
            if mode == "dask":
                cmd += ["--dask", "--workers", str(args.workers)]
            secs, peak, last = run(cmd)
            results[mode] = secs
            print(f"{mode:6s}: {secs:8.1f} s  {args.articles / secs:6.2f} articles/s  "
                  f"peak RSS {peak / 2**20:7.0f} MiB  | {last}")
        if "serial" in results and "dask" in results:
            print(f"dask speedup over serial: {results['serial'] / results['dask']:.2f}x "
                  f"with {args.workers} workers")


if __name__ == "__main__":
    main()
