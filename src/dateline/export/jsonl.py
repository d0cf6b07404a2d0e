"""JSON Lines: every piece of the story as one object per line, tagged by ``type``
(article, entry, conflict, event, series, entity), sources and offsets included, so the
story can be streamed into another tool line by line.
"""

from __future__ import annotations

import json
from typing import Iterator

from ..story import Story
from .common import event_sources, source_info


def objects(story: Story) -> Iterator[dict]:
    """The story's objects in a stable order: articles, entries, conflicts, events, series, entities."""
    for art in story.articles.values():
        yield {"type": "article", "id": art.id, "published": art.published, "outlet": art.outlet,
               "title": art.title, "url": art.url, "source": art.source}
    for entry in story.timeline:
        yield {"type": "entry", **entry.to_spec(), "score": round(entry.score, 4)}
    for con in story.conflicts:
        yield {"type": "conflict", **con.to_spec(), "reason": con.reason}
    for ev in story.events:
        yield {"type": "event", **ev.fields, "background": ev.background,
               "sources": event_sources(story, ev)}
    for ser in story.series:
        yield {"type": "series", "what": ser.what, "unit": ser.unit, "location": ser.location,
               "trend": ser.trend,
               "points": [{**source_info(story, c.row["article_id"], c.row["start"], c.row["end"]),
                           "quantity": c.row.get("quantity"), "qualifier": c.row.get("qualifier"),
                           "as_of": c.as_of} for c in ser.claims]}
    for ent in story.entities:
        row = ent.to_row()
        yield {"type": "entity", "name": row["name"], "label": row["label"],
               "n_articles": row["n_articles"], "n_mentions": row["n_mentions"], "aliases": row["aliases"],
               "articles": sorted(ent.articles)}


def render(story: Story) -> str:
    """The JSON Lines text."""
    return "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objects(story))
