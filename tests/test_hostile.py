"""1,000 malformed or hostile inputs in one batch: each stored or refused with one line, no crash."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hostile import make_hostile
from dateline.store import open_store, read


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    made = make_hostile(folder / "in", 1000)
    db = folder / "h.db"
    # A real subprocess, as a user runs it: a crash or a traceback would show here.
    proc = subprocess.run([str(Path(sys.executable).parent / "dateline"), "ingest", str(folder / "in"),
                           "--db", str(db)], capture_output=True, text=True, timeout=900,
                          env={**os.environ, "COLUMNS": "200"})
    return made, db, proc


def test_hostile_no_crash_and_every_input_accounted_for(hostile_run):
    made, db, proc = hostile_run
    assert proc.returncode == 1, proc.stderr[-3000:]  # some inputs fail, none crash
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout
    summary = proc.stdout.strip().splitlines()[-1]
    n_read, n_stored, n_dup, n_failed = (int(summary.split()[i]) for i in (0, 2, 4, 8))
    assert n_read == n_stored + n_dup + n_failed
    errors = [line for line in proc.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == n_failed
    for line in errors:  # one line each, naming the input and a code
        assert "/in/" in line and line.rstrip().endswith("]"), line
    with open_store(db, readonly=True) as store:
        counts = read.counts(store.conn)
        assert counts["articles"] == n_stored
        assert counts["failures"] == n_failed
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    print(f"\nhostile inputs: {len(made)} files, {n_read} inputs read, {n_stored} stored, "
          f"{n_dup} duplicates, {n_failed} refused with a reason, 0 crashed")


def test_hostile_good_articles_all_stored(hostile_run):
    made, db, proc = hostile_run
    with open_store(db, readonly=True) as store:
        sources = {Path(r[0]).name for r in store.conn.execute("SELECT source FROM articles")}
    good = {name for name, kind in made.items() if kind in ("good", "utf16-bom", "cp1252", "html-article",
                                                            "arabic", "emoji")}
    assert good - sources == set()


def test_hostile_refusals_have_the_right_codes(hostile_run):
    made, db, proc = hostile_run
    with open_store(db, readonly=True) as store:
        codes = {Path(r[0].split(" line ")[0]).name: r[1]
                 for r in store.conn.execute("SELECT source, code FROM failures")}
    expected = {"empty": "E101", "whitespace": "E101", "binary": "E102", "50mb-line": "E104",
                "html-no-body": "E105", "html-script-only": "E105"}
    for name, kind in made.items():
        if kind in expected:
            assert codes.get(name) == expected[kind], (name, kind, codes.get(name))


def test_hostile_run_on_sentence_is_cut_into_bounded_sentences(resources):
    """A 'sentence' of thousands of tokens (a list, a dump) would make every per-sentence
    reading quadratic: the pipeline cuts it at clause marks, never leaving one over 250 tokens."""
    from dateline.article import Article
    from dateline.pipeline import Options, extract_many
    from dateline.resources.nlp import MAX_SENTENCE

    unit = "protesters rallied against the killing of two students who were shot dead by police, "
    art = next(iter(extract_many([Article(id="runon", raw="In Mosul " + unit * 300 + "officials said.",
                                          published="2016-01-01")], resources, Options())))
    assert len(art.sentences) > 20
    for s in art.sentences:
        assert len(art.body[s.start:s.end].split()) <= MAX_SENTENCE
    cut_at_commas = [art.body[:s.start].rstrip().endswith(",") for s in art.sentences[1:]]
    assert sum(cut_at_commas) >= 0.9 * len(cut_at_commas)
    assert art.events
