"""Dask: the same extraction on workers gives the same store as the serial path."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import EXAMPLE
from dateline.ingest import ingest
from dateline.pipeline import Options
from dateline.store import open_store, read


def _contents(db: Path) -> list[dict]:
    with open_store(db, readonly=True) as store:
        return list(read.iter_records(store.conn))


@pytest.fixture(scope="module")
def serial_db(tmp_path_factory, resources):
    db = tmp_path_factory.mktemp("serial") / "serial.db"
    with open_store(db) as store:
        report = ingest([str(EXAMPLE)], store, resources)
    assert report.stored == 5
    return db


def test_scale_local_cluster_matches_serial(tmp_path, serial_db):
    from dateline.scale import ingest_dask

    db = tmp_path / "dask.db"
    with open_store(db) as store:
        report = ingest_dask([str(EXAMPLE)], store, Options(), workers=2, batch_size=2)
    assert (report.read, report.stored, report.duplicates, len(report.failed)) == (5, 5, 0, 0)
    assert _contents(db) == _contents(serial_db)
    with open_store(db) as store:  # resumable: a re-run stores nothing new
        again = ingest_dask([str(EXAMPLE)], store, Options(), workers=1)
    assert (again.stored, again.duplicates) == (0, 5)


def test_scale_joins_a_scheduler_in_other_processes(tmp_path, serial_db):
    """A scheduler and a worker started as separate processes on loopback, as on a cluster."""
    dask = shutil.which("dask", path=str(Path(sys.executable).parent))
    if dask is None:
        pytest.skip("the dask command is not installed beside this Python")
    sched_file = tmp_path / "scheduler.json"
    procs = [subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", "0",
                               "--no-dashboard", "--scheduler-file", str(sched_file)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        deadline = time.time() + 60
        while not sched_file.exists() and time.time() < deadline:
            time.sleep(0.2)
        address = json.loads(sched_file.read_text())["address"]
        procs.append(subprocess.Popen([dask, "worker", address, "--nworkers", "1", "--nthreads", "1",
                                       "--no-dashboard", "--host", "127.0.0.1"],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        db = tmp_path / "remote.db"
        result = subprocess.run([str(Path(sys.executable).parent / "dateline"), "ingest", str(EXAMPLE),
                                 "--db", str(db), "--scheduler", address],
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr[-2000:]
        assert "5 read, 5 stored" in result.stdout
        assert _contents(db) == _contents(serial_db)
    finally:
        for proc in reversed(procs):
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()


BUILD_WATCH = """
import os, sys
from pathlib import Path
from dateline.resources.gazetteer import Gazetteer
g = Gazetteer.load(Path(sys.argv[1]))
cache = next(Path(sys.argv[1]).glob("gazetteer-v*.marshal"))
# VmHWM: this program's own peak (ru_maxrss would count the parent's memory at fork time)
hwm = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM"))
print(os.stat(cache).st_ino, len(g), hwm // 1024)
"""


def test_scale_workers_starting_together_build_the_gazetteer_once(tmp_path):
    """Two workers on a fresh machine: one index is built (in a child, so neither worker keeps
    the build's 600 MB), the other worker waits for it and loads the same file."""
    procs = [subprocess.Popen([sys.executable, "-c", BUILD_WATCH, str(tmp_path)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=600) for p in procs]
    assert all(p.returncode == 0 for p in procs), [err for _, err in outs]
    files = list(tmp_path.glob("gazetteer-v*.marshal"))
    assert len(files) == 1
    seen = [out.split() for out, _ in outs]
    assert {inode for inode, _, _ in seen} == {str(files[0].stat().st_ino)}  # nobody rebuilt it after
    assert len({size for _, size, _ in seen}) == 1
    assert all(int(peak_mib) < 450 for _, _, peak_mib in seen), seen


def test_scale_vocab_does_not_grow_with_the_corpus(resources):
    """spaCy would keep every new word it meets; the memory zone frees them batch by batch."""
    from dateline.article import Article
    from dateline.pipeline import extract_many

    nlp = resources.nlp
    words = [f"Zorvath{i}qx" for i in range(400)]  # strings no model or earlier test has seen
    arts = (Article(id=f"vocab-{i}", raw=f"Fighters of the {w} brigade shelled {w}abad, killing {i} people.",
                    published="2016-10-17") for i, w in enumerate(words))
    before = len(nlp.vocab.strings)
    records = [a.to_record() for a in extract_many(arts, resources, Options())]
    assert len(records) == 400
    assert any(e["fatalities"] for r in records for e in r["events"])
    assert len(nlp.vocab.strings) - before < 50
    assert all(w not in nlp.vocab.strings for w in words)


def test_scale_long_text_parsed_in_pieces_keeps_text_and_offsets(resources):
    """A long live blog is parsed in pieces (memory follows the text given at once) and joined
    back: one Doc with the very text, sentences and entities at the right offsets."""
    from dateline.resources.nlp import CHUNK_CHARS, chunks, parse_many

    para = ("Iraqi forces entered Mosul on Monday, officials in Baghdad said. "
            "Islamic State fighters fired mortars at civilians fleeing east.\n")
    text = para * (3 * CHUNK_CHARS // len(para))
    pieces = chunks(text, CHUNK_CHARS)
    assert len(pieces) >= 3 and "".join(pieces) == text
    assert all(0 < len(p) <= CHUNK_CHARS and p.endswith("\n") for p in pieces)
    short, (doc,) = "Iraqi forces entered Mosul.", parse_many(resources.nlp, [text])
    assert doc.text == text
    assert parse_many(resources.nlp, [short])[0].text == short
    mosul = [e.start_char for e in doc.ents if e.text == "Mosul"]
    assert mosul == [m.start() + 21 for m in __import__("re").finditer("Iraqi forces entered Mosul", text)]
    assert all(text[s.start_char:s.end_char] == s.text for s in doc.sents)


def test_scale_chunks_of_text_without_line_breaks():
    from dateline.resources.nlp import chunks

    text = "word " * 10_000 + "x" * 50_000
    pieces = chunks(text, 20_000)
    assert "".join(pieces) == text
    assert all(0 < len(p) <= 20_000 for p in pieces)
