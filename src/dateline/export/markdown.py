"""Markdown: the story for a reader in a text editor or a wiki — timeline with sources,
conflicting figures, events, figure series, entities and the articles.

Article text is untrusted: characters that Markdown or embedded HTML would act on are
backslash-escaped, and link targets are kept only when they are http(s) URLs.
"""

from __future__ import annotations

import re
from collections import Counter

from ..story import Story
from .common import event_sources, safe_url, source_info

_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+!|~])")


def esc(text) -> str:
    """Markdown-escaped single-line text."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(text if text is not None else "").split()))


def _cite(src: dict) -> str:
    name = esc(src.get("outlet") or src["article"])
    if src.get("published"):
        name += f", {esc(src['published'])}"
    url = safe_url(src.get("url"))
    if url and "(" not in url and ")" not in url:
        name = f"[{name}]({url})"
    ev = src.get("evidence")
    return f"{name}: “{esc(ev)}”" if ev else name


def render(story: Story) -> str:
    """The Markdown text of the story."""
    n = len(story.articles)
    out = [f"# Story of {n} article{'s' * (n != 1)}", ""]
    out += ["## Timeline", ""]
    for entry in story.timeline:
        out.append(f"- **{entry.key.value}** ({entry.key.precision}): {esc(entry.summary)}")
        for s in entry.sources:
            out.append(f"  - {_cite(source_info(story, s['article'], s['start'], s['end']))}")
    if not story.timeline:
        out.append("No dated entries yet.")
    out += ["", "## Conflicting figures", ""]
    for con in story.conflicts:
        out.append(f"- **{esc(con.what)}**: {esc(con.reason)}")
        for c in con.claims:
            src = source_info(story, c.row["article_id"], c.row["start"], c.row["end"])
            out.append(f"  - {esc(c.row.get('text'))} (as of {esc(c.as_of or '?')}) — {_cite(src)}")
    if not story.conflicts:
        out.append("None found.")
    out += ["", "## Events", ""]
    if story.events:
        out += ["| date | type | sub-type | actors | location | fatalities | reports |",
                "|---|---|---|---|---|---|---|"]
        for ev in story.events:
            f = ev.fields
            actors = " / ".join(esc(a) for a in (f.get("actor1"), f.get("actor2")) if a)
            outlets = Counter(s.get("outlet") or s["article"] for s in event_sources(story, ev))
            reports = "; ".join(esc(o) + (f" ×{n}" if n > 1 else "") for o, n in outlets.items())
            fat = "" if f.get("fatalities") is None else str(f["fatalities"])
            out.append(f"| {esc(f.get('event_date') or '?')} | {esc(f.get('event_type'))} | "
                       f"{esc(f.get('sub_event_type'))} | {actors} | {esc(f.get('location'))} | {fat} | {reports} |")
    else:
        out.append("No events yet.")
    out += ["", "## Figures over time", ""]
    for ser in story.series:
        if len(ser.claims) < 2:
            continue
        trend = f" ({ser.trend})" if ser.trend else ""
        out.append(f"- **{esc(ser.what)}**{trend}: " + "; ".join(
            f"{esc(c.row.get('text'))} ({esc(c.as_of or '?')})" for c in ser.claims))
    out += ["", "## Entities in several articles", ""]
    for ent in story.entities:
        if len(ent.articles) < 2:
            continue
        aliases = ", ".join(esc(a) for a, _ in ent.aliases.most_common(5))
        out.append(f"- **{esc(ent.name)}** ({esc(ent.label)}): {len(ent.articles)} articles; {aliases}")
    out += ["", "## Articles", ""]
    for art in story.articles.values():
        out.append(f"- {esc(art.published or '?')} {_cite(source_info(story, art.id))}"
                   + (f" — {esc(art.title)}" if art.title else ""))
    return "\n".join(out) + "\n"
