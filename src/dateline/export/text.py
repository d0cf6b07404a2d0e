"""The timeline for a terminal: one block per date, its summary, then its sources."""

from __future__ import annotations

import textwrap

from ..story import Story
from .common import outlet_name


def timeline_text(story: Story, width: int = 100) -> str:
    """Plain-text timeline and conflicts, wrapped to ``width`` columns."""
    lines = []
    indent = " " * 12
    for entry in story.timeline:
        head = f"{entry.key.value:<11} "
        lines += textwrap.wrap(" ".join(entry.summary.split()), width, initial_indent=head,
                               subsequent_indent=indent) or [head]
        srcs = []
        for s in entry.sources:
            art = story.articles.get(s["article"])
            name = outlet_name(story, s["article"])
            srcs.append(f"{name} ({art.published})" if art and art.published else name)
        lines += textwrap.wrap("sources: " + ", ".join(srcs), width, initial_indent=indent,
                               subsequent_indent=indent)
    if not story.timeline:
        lines.append("No dated entries: ingest articles first (dateline ingest ...).")
    if story.conflicts:
        lines += ["", "Conflicting figures:"]
        for con in story.conflicts:
            lines.append(f"  {con.what}")
            for c in con.claims:
                lines.append(f"    {' '.join((c.row.get('text') or '').split())!s} "
                             f"(as of {c.as_of or '?'}, {outlet_name(story, c.row['article_id'])})")
    return "\n".join(lines) + "\n"
