"""The command line: extract writes SPEC records, ingest stores them once, bad inputs fail loudly."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from conftest import EXAMPLE
from dateline.cli import app

SPEC_KEYS = ["id", "source", "title", "outlet", "published", "published_source", "body", "removed",
             "entities", "timexes", "places", "figures", "quotes", "events"]
runner = CliRunner()


def test_cli_extract_writes_one_spec_record_per_article(tmp_path):
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(EXAMPLE), "--out", str(out)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 5
    for rec in records:
        assert list(rec) == SPEC_KEYS
        for kind in ("entities", "timexes", "places", "figures", "quotes"):
            for item in rec[kind]:
                assert rec["body"][item["start"]:item["end"]] == item["text"], (kind, item)
        for ev in rec["events"]:
            assert rec["body"][ev["evidence"]["start"]:ev["evidence"]["end"]] == ev["evidence"]["text"]
    assert {r["published_source"] for r in records} == {"given"}


def test_cli_extract_published_option_fills_missing_dates(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("Clashes erupted in Raqqa on Monday, activists said.", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(src), "--published", "2017-06-06"])
    assert result.exit_code == 0, result.output
    rec = json.loads(result.stdout.splitlines()[0])
    assert rec["published"] == "2017-06-06" and rec["published_source"] == "given"
    assert rec["source"] == str(src) and len(rec["id"]) == 16
    bad = runner.invoke(app, ["extract", str(src), "--published", "June 6"])
    assert bad.exit_code != 0


def test_cli_ingest_twice_is_a_no_op_and_bad_inputs_are_reported(tmp_path):
    db = tmp_path / "d.db"
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "good.txt").write_text("Rebels shelled the town of Example on Monday.", encoding="utf-8")
    first = runner.invoke(app, ["ingest", str(EXAMPLE), str(folder), "--db", str(db)])
    assert first.exit_code == 1  # one input failed
    assert "7 read, 6 stored, 0 skipped as duplicates, 1 failed" in first.stdout
    assert "empty.txt: empty file" in first.output
    second = runner.invoke(app, ["ingest", str(EXAMPLE), "--db", str(db)])
    assert second.exit_code == 0, second.output
    assert "5 read, 0 stored, 5 skipped as duplicates, 0 failed" in second.stdout
    summary = runner.invoke(app, ["summary", "--db", str(db)])
    assert summary.exit_code == 0 and "6 articles" in summary.stdout
