"""Exports of the story, one module per format: ACLED CSV, GeoJSON, TimelineJS, JSON Lines,
Markdown and the offline HTML report.

``render(story, fmt)`` returns the text; ``export_store(path, fmt, out)`` is what the CLI
calls: it builds the story of a store, saves its links, and writes the export.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, TextIO

from ..errors import UNREADABLE, DatelineError
from ..story import Story, TimelineOptions, build_from_store
from . import acled_csv, geojson, jsonl, markdown, report_html, timelinejs
from .text import timeline_text

FORMATS: dict[str, Callable[[Story], str]] = {
    "acled-csv": acled_csv.render,
    "geojson": geojson.render,
    "timelinejs": timelinejs.render,
    "jsonl": jsonl.render,
    "markdown": markdown.render,
    "html": report_html.render,
}

__all__ = ["FORMATS", "render", "export_store", "story_of", "timeline_text"]


def render(story: Story, fmt: str) -> str:
    """The story in format ``fmt`` (a key of ``FORMATS``)."""
    try:
        return FORMATS[fmt](story)
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}") from None


def story_of(db: str | Path, max_dates: int = TimelineOptions.max_dates) -> Story:
    """Build (and save) the story of the store at ``db``; raises if there is no such store."""
    from ..store import open_store

    if not Path(db).is_file():
        raise DatelineError(str(db), "no such store (run dateline ingest first)", UNREADABLE)
    with open_store(db) as store:
        return build_from_store(store, TimelineOptions(max_dates=max_dates))


def export_store(db: str | Path, fmt: str, out: TextIO,
                 max_dates: int = TimelineOptions.max_dates) -> Story:
    """Write the story of the store at ``db`` to ``out`` in format ``fmt``; returns the story."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    story = story_of(db, max_dates)
    out.write(render(story, fmt))
    return story
