"""Markdown and JSON Lines exports."""

from __future__ import annotations

import json

from dateline.export import jsonl, markdown
from dateline.story import Corpus, TimelineOptions, build

from story_helpers import hostile_record, mosul_story_records


def _story():
    return build(Corpus.from_records(mosul_story_records() + [hostile_record()]), TimelineOptions(max_dates=8))


def test_export_markdown_sections_and_escaping():
    text = markdown.render(_story())
    for heading in ("## Timeline", "## Conflicting figures", "## Events", "## Figures over time", "## Articles"):
        assert heading in text
    assert "**2014-06** (month)" in text and "87,000" in text and "897,000" in text
    assert "<script>" not in text and "\\<script\\>" in text
    assert "](javascript:" not in text
    assert "[CBC News, 2017-07-11](https://www.cbc.ca/" in text
    table = [line for line in text.splitlines() if line.startswith("| 2020-05-03")]
    assert table and table[0].count(" | ") == 6  # the '|' in the article text is escaped


def test_export_markdown_escape():
    assert markdown.esc("a|b *c* [d](e) <f>\n g") == "a\\|b \\*c\\* \\[d\\]\\(e\\) \\<f\\> g"
    assert markdown.esc(None) == ""


def test_export_jsonl_objects():
    story = _story()
    lines = jsonl.render(story).splitlines()
    objs = [json.loads(line) for line in lines]
    kinds = [o["type"] for o in objs]
    assert kinds.count("article") == len(story.articles) and kinds.count("entry") == len(story.timeline)
    assert kinds.count("event") == len(story.events) and kinds.count("conflict") == 1
    assert kinds == sorted(kinds, key=["article", "entry", "conflict", "event", "series", "entity"].index)
    conflict = next(o for o in objs if o["type"] == "conflict")
    assert {c["quantity"] for c in conflict["claims"]} == {87000, 897000}
