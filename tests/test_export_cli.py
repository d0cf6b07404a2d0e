"""``dateline export``: every format from a real store, to a file or stdout; bad input errors."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from dateline.cli import app
from dateline.export import FORMATS

from story_helpers import mosul_story_records, store_of


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return store_of(tmp_path_factory.mktemp("cli") / "s.db", mosul_story_records())


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_export_cli_every_format(db, tmp_path, fmt):
    out = tmp_path / f"out.{fmt}"
    res = CliRunner().invoke(app, ["export", "--format", fmt, "--db", str(db), "--out", str(out)])
    assert res.exit_code == 0, res.output
    text = out.read_text(encoding="utf-8")
    assert text
    if fmt == "acled-csv":
        assert next(csv.reader(io.StringIO(text)))[0] == "event_id_cnty"
    elif fmt in ("geojson", "timelinejs"):
        json.loads(text)
    elif fmt == "jsonl":
        assert all(json.loads(line)["type"] for line in text.splitlines())
    elif fmt == "html":
        assert text.startswith("<!DOCTYPE html>") and "2014-06" in text


def test_export_cli_stdout_and_errors(db, tmp_path):
    runner = CliRunner()
    res = runner.invoke(app, ["export", "--format", "geojson", "--db", str(db)])
    assert res.exit_code == 0 and json.loads(res.stdout)["type"] == "FeatureCollection"
    res = runner.invoke(app, ["export", "--format", "pdf", "--db", str(db)])
    assert res.exit_code == 2 and "unknown format" in res.output
    res = runner.invoke(app, ["export", "--format", "html", "--db", str(tmp_path / "none.db")])
    assert res.exit_code == 1 and "E108" in res.output
