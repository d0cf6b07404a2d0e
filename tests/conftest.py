"""Shared fixtures: one Resources per test session, the example corpus, and the scorer.

The scorer (``../shared/eval/score.py``) is the project's measure of quality. It lives
outside the repository; tests that need it are skipped, with the reason, when it is absent
(CI always has it beside the clone).
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from dateline import Resources
from dateline.inputs import read_inputs
from dateline.pipeline import STAGE_NAMES, Options, extract_many

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "mosul" / "articles.jsonl"
SHARED = ROOT.parent / "shared"
SCORE = SHARED / "eval" / "score.py"


@pytest.fixture(scope="session")
def resources() -> Resources:
    return Resources()


@pytest.fixture(scope="session")
def example_records(resources) -> dict[str, dict]:
    """The bundled example corpus extracted once: id -> SPEC record."""
    out = {}
    for art in extract_many((a for a in read_inputs([EXAMPLE])), resources, Options()):
        assert not isinstance(art, Exception), art
        rec = art.to_record()
        out[rec["id"]] = rec
    return out


def repeat_example(path: Path, copies: int) -> Path:
    """The example corpus repeated ``copies`` times with new ids (every copy a new article)."""
    lines = [json.loads(line) for line in EXAMPLE.read_text(encoding="utf-8").splitlines()]
    with open(path, "w", encoding="utf-8") as fh:
        for k in range(copies):
            for obj in lines:
                fh.write(json.dumps({**obj, "id": f"{obj['id']}-{k}"}, ensure_ascii=False) + "\n")
    return path


def have_scorer() -> bool:
    return SCORE.is_file()


needs_scorer = pytest.mark.skipif(not have_scorer(), reason="../shared/eval/score.py not beside the clone")


def score(kind: str, gold: str | Path, records: list[dict], tmp_path: Path, extra=()) -> dict:
    """Run ``score.py KIND GOLD PRED --json`` over ``records`` and return its metrics."""
    pred = tmp_path / f"{kind}.pred.jsonl"
    with open(pred, "w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    proc = subprocess.run([sys.executable, str(SCORE), kind, str(gold), str(pred), "--json", *extra],
                          capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)["metrics"]


def prepare(kind: str, path: str | Path | None, tmp_path: Path, *flags: str) -> Path:
    """``score.py prepare KIND PATH [flags]`` into a file; returns its path."""
    import uuid

    out = tmp_path / f"{kind}{''.join(flags)}-{uuid.uuid4().hex[:8]}.input.jsonl"
    args = [sys.executable, str(SCORE), "prepare", kind] + ([str(path)] if path else []) + list(flags)
    with open(out, "w", encoding="utf-8") as fh:
        subprocess.run(args, stdout=fh, check=True)
    return out


_EXTRACTED: dict[tuple, list[dict]] = {}


def extract_file(path: Path, resources: Resources, options: Options = Options()) -> list[dict]:
    """Extract every input in ``path``; errors are returned as nothing (scored as misses).

    The spaCy pass dominates the suite's time and several test modules score the same dev
    set, so any request that needs the parse runs the whole pipeline once per distinct
    input and session (later stages never change earlier ones' records); requests that
    stop before the parse run as asked. Callers get copies they may change.
    """
    import copy
    import hashlib

    full = "sentences" in options.stages
    key = (hashlib.sha1(Path(path).read_bytes()).hexdigest(), options.default_published,
           None if full else options.stages)
    if key not in _EXTRACTED:
        run = replace(options, stages=STAGE_NAMES) if full else options
        _EXTRACTED[key] = [a.to_record() for a in extract_many(
            (x for x in read_inputs([path]) if not isinstance(x, Exception)), resources, run)
            if not isinstance(a, Exception)]
    return copy.deepcopy(_EXTRACTED[key])
