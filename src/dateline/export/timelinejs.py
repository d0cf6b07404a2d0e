"""TimelineJS (Knight Lab) JSON: the story's timeline entries, and its linked events as a
second group, each with start_date {year, month, day} at its precision, text {headline,
text} and its sources (in the text as links, and as a ``sources`` list for other readers;
TimelineJS ignores members it does not know).
"""

from __future__ import annotations

import html
import json

from ..story import Story
from ..story.dates import DateKey, event_key
from .common import event_sources, safe_url, source_info


def start_date(key: DateKey) -> dict:
    """TimelineJS date parts down to the key's precision (a week is given by its Monday)."""
    d = {"year": str(key.start.year)}
    if key.precision in ("day", "week", "month"):
        d["month"] = str(key.start.month)
    if key.precision in ("day", "week"):
        d["day"] = str(key.start.day)
    if key.precision == "week":
        d["display_date"] = f"week of {key.start.isoformat()}"
    return d


def _headline(text: str, words: int = 12) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def _sources_html(sources: list[dict]) -> str:
    items = []
    for s in sources:
        name = html.escape(s.get("outlet") or s["article"])
        if safe_url(s.get("url")):
            name = f'<a href="{html.escape(s["url"], quote=True)}">{name}</a>'
        date = f" ({html.escape(s['published'])})" if s.get("published") else ""
        items.append(f"<li>{name}{date}: “{html.escape(' '.join((s.get('evidence') or '').split()))}”</li>")
    return "<ul>" + "".join(items) + "</ul>" if items else ""


def timeline(story: Story) -> dict:
    """The TimelineJS object."""
    events = []
    for n, entry in enumerate(story.timeline, 1):
        sources = [source_info(story, s["article"], s["start"], s["end"]) for s in entry.sources]
        events.append({"unique_id": f"entry-{n}", "group": "Timeline", "start_date": start_date(entry.key),
                       "text": {"headline": html.escape(_headline(entry.summary)),
                                "text": f"<p>{html.escape(entry.summary)}</p>" + _sources_html(sources)},
                       "sources": sources})
    for n, ev in enumerate(story.events, 1):
        key = event_key(ev.fields.get("event_date"), ev.fields.get("time_precision"))
        if key is None:
            continue
        sources = event_sources(story, ev)
        what = ev.fields.get("sub_event_type") or ev.fields.get("event_type") or "Event"
        where = ev.fields.get("location") or ev.fields.get("country") or ""
        headline = f"{what}, {where}" if where else what
        events.append({"unique_id": f"event-{n}", "group": "Events", "start_date": start_date(key),
                       "text": {"headline": html.escape(headline), "text": _sources_html(sources)},
                       "sources": sources})
    arts = len(story.articles)
    return {"title": {"text": {"headline": "Timeline",
                               "text": f"<p>Built by dateline from {arts} article{'s' * (arts != 1)}.</p>"}},
            "events": events}


def render(story: Story) -> str:
    """The TimelineJS JSON text."""
    return json.dumps(timeline(story), ensure_ascii=False, indent=1) + "\n"
