"""The offline HTML report a journalist can open: timeline, map, figures over time,
conflicting figures, events and entities, every item linked to its evidence sentence.

One self-contained file: inline CSS and SVG, no script, no network. Article text is
untrusted, so everything taken from it is HTML-escaped and only http(s) URLs become links.
Evidence sentences are collected while the sections are written (``Evidence.cite``) and
listed at the end, grouped by article, with the cited words marked.
"""

from __future__ import annotations

import datetime as dt
import html
import math

from ..story import Story
from ..story.dates import parse_value
from .common import safe_url
from .svgchart import series_svg
from .svgmap import map_svg


CSS = """
body{font:15px/1.45 Georgia,serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h1,h2,h3{font-family:Helvetica,Arial,sans-serif}h2{border-bottom:1px solid #ccc;margin-top:2.5rem}
.muted{color:#666;font-size:.9em}.entry{margin:0 0 1rem 0}.entry .date{font-weight:bold;font-family:Helvetica,Arial,sans-serif}
.prec{font-size:.8em;color:#666}.src a,.cite{font-size:.85em}table{border-collapse:collapse;width:100%;font-size:.9em}
td,th{border:1px solid #ddd;padding:.25rem .4rem;vertical-align:top;text-align:left}
mark{background:#fde68a}.evidence li{margin:.3rem 0}.evidence li:target{background:#e0f2fe}
.conflict-box{border-left:4px solid #b91c1c;padding:.2rem .8rem;margin:.8rem 0;background:#fef2f2}
svg.map{max-width:100%;height:auto;border:1px solid #bbb}svg .sea{fill:#eef4f8}svg .land{fill:#f4f1e8;stroke:#9a9385;stroke-width:.7}
svg .grat{stroke:#c9d6df;stroke-width:.5}svg .gratlabel,svg .tick{font:10px sans-serif;fill:#666}
svg .pt{fill:#b91c1c;stroke:#fff;stroke-width:1}svg .pt.background{fill:#6b7280}svg .ptlabel{font:11px sans-serif;fill:#111}
svg.chart{max-width:100%;height:auto}svg .axis{stroke:#444}svg .gridline{stroke:#eee}
svg.chart .pt{fill:#1d4ed8;stroke:#1d4ed8;stroke-width:2}svg.chart .pt.conflict{fill:#b91c1c;stroke:#b91c1c}
"""


def esc(value) -> str:
    """HTML-escaped text (None as empty)."""
    return html.escape("" if value is None else str(value), quote=True)


class Evidence:
    """Numbered evidence sentences: ``cite`` returns the anchor of the sentence around a span."""

    def __init__(self, story: Story):
        self.story = story
        self.items: dict[tuple, str] = {}
        self.order: list[tuple] = []

    def cite(self, article_id: str, start: int, end: int) -> str:
        """The ``#ev-N`` anchor of the sentence holding body[start:end], the span marked."""
        art = self.story.articles.get(article_id)
        if art is None:
            return ""
        start = max(0, min(int(start or 0), len(art.body)))
        end = max(start, min(int(end or 0), len(art.body)))
        s, e = art.sentence_at(start)
        s, e = min(s, start), max(e, end)
        key = (article_id, s, e, start, end)
        if key not in self.items:
            self.items[key] = f"ev-{len(self.items) + 1}"
            self.order.append(key)
        return "#" + self.items[key]

    def link(self, article_id: str, start: int, end: int, text: str | None = None) -> str:
        """An <a> to the evidence, labelled with the outlet (or ``text``)."""
        href = self.cite(article_id, start, end)
        art = self.story.articles.get(article_id)
        label = text or (art.outlet if art and art.outlet else article_id)
        if art and art.published and text is None:
            label += f", {art.published}"
        return f'<a class="cite" href="{href}">{esc(label)}</a>' if href else esc(label)

    def section(self) -> str:
        """The evidence list, grouped by article in publication order."""
        by_article: dict[str, list] = {}
        for key in self.order:
            by_article.setdefault(key[0], []).append(key)
        out = ['<h2 id="evidence">Evidence</h2><p class="muted">Each sentence an item above was read from; '
               'the cited words are marked. Offsets are code points into the cleaned article text.</p>']
        for aid in sorted(by_article, key=lambda a: (self.story.articles[a].published or "", a)):
            art = self.story.articles[aid]
            out.append(f'<h3 id="art-{esc(aid)}">{_article_label(art)}</h3><ol class="evidence">')
            for key in sorted(by_article[aid], key=lambda k: (k[1], k[3])):
                _, s, e, ms, me = key
                body = art.body
                sent = (f"{esc(body[s:ms])}<mark>{esc(body[ms:me])}</mark>{esc(body[me:e])}"
                        if me > ms else esc(body[s:e]))
                out.append(f'<li id="{self.items[key]}"><q>{sent}</q> '
                           f'<span class="muted">[{ms}–{me}]</span></li>')
            out.append("</ol>")
        return "".join(out)


def _article_label(art) -> str:
    name = esc(art.outlet or art.id)
    title = f": {esc(art.title)}" if art.title else ""
    date = f" ({esc(art.published)})" if art.published else ""
    link = f' <a href="{esc(art.url)}">original</a>' if safe_url(art.url) else ""
    return f"{name}{date}{title}{link}"


def _timeline(story: Story, ev: Evidence) -> str:
    out = ['<h2 id="timeline">Timeline</h2>']
    if not story.timeline:
        out.append("<p>No dated entries yet.</p>")
    for entry in story.timeline:
        srcs = ", ".join(ev.link(s["article"], s["start"], s["end"]) for s in entry.sources)
        out.append(f'<div class="entry"><span class="date">{esc(entry.key.value)}</span> '
                   f'<span class="prec">{esc(entry.key.precision)}</span><br>{esc(entry.summary)}'
                   f'<div class="src">Sources: {srcs}</div></div>')
    return "".join(out)


def _map(story: Story, ev: Evidence) -> str:
    points = []
    for e in story.events:
        f = e.fields
        if f.get("latitude") is None or f.get("longitude") is None or not e.members:
            continue
        m = e.members[0]
        what = f.get("sub_event_type") or f.get("event_type") or "event"
        points.append({"lat": f["latitude"], "lon": f["longitude"], "label": f.get("location") or "",
                       "title": f"{f.get('event_date') or '?'}: {what}, {f.get('location') or ''}",
                       "href": ev.cite(m["article_id"], m.get("evidence_start", 0), m.get("evidence_end", 0)),
                       "cls": "pt background" if e.background else "pt"})
    svg = map_svg(points)
    body = svg or "<p>No located events yet.</p>"
    return (f'<h2 id="map">Map</h2><p class="muted">{len(points)} located events; grey points are '
            f'background the articles recall. Outlines: Natural Earth 1:110m.</p>{body}')


def _raw_bounds(row: dict) -> tuple[float, float] | None:
    q = row.get("quantity")
    if isinstance(q, bool):
        return None
    if isinstance(q, (int, float)):
        low = high = float(q)
    elif isinstance(q, list) and len(q) == 2 and all(isinstance(v, (int, float)) for v in q):
        low, high = sorted(float(v) for v in q)
    else:
        return None
    if row.get("qualifier") == "at_least":
        high = math.inf
    return low, high


def _figures(story: Story, ev: Evidence) -> str:
    out = ['<h2 id="figures">Figures over time</h2>']
    conflicted = {(c.row["article_id"], c.row["idx"]) for con in story.conflicts for c in con.claims}
    shown = 0
    for ser in story.series:
        if len({c.row["article_id"] for c in ser.claims}) < 2 and len(ser.claims) < 3:
            continue
        points, items = [], []
        for c in ser.claims:
            b = _raw_bounds(c.row)
            key = parse_value(c.as_of)
            href = ev.cite(c.row["article_id"], c.row["start"], c.row["end"])
            items.append(f'<li><a href="{href}">{esc(c.row.get("text"))}</a> '
                         f'<span class="muted">as of {esc(c.as_of or "?")}, '
                         f'{esc(story.articles[c.row["article_id"]].outlet or c.row["article_id"])}</span></li>')
            if b is None or key is None:
                continue
            points.append({"day": key.start, "low": b[0], "high": b[1],
                           "value": b[0] if math.isinf(b[1]) else (b[0] + b[1]) / 2,
                           "label": f"{c.row.get('text')} ({c.as_of})", "href": href,
                           "conflict": (c.row["article_id"], c.row["idx"]) in conflicted})
        shown += 1
        trend = f" — {esc(ser.trend)}" if ser.trend else ""
        out.append(f"<h3>{esc(ser.what)}{trend}</h3>{series_svg(points, ser.what)}<ul>{''.join(items)}</ul>")
    if not shown:
        out.append("<p>No figure is reported by more than one article yet.</p>")
    return "".join(out)


def _conflicts(story: Story, ev: Evidence) -> str:
    out = ['<h2 id="conflicts">Conflicting figures</h2>']
    if not story.conflicts:
        out.append("<p>None found: no two articles give incompatible figures for the same "
                   "quantity within a week of each other.</p>")
    for con in story.conflicts:
        claims = "".join(
            f'<li><b>{esc(c.row.get("text"))}</b> as of {esc(c.as_of or "?")} — '
            f'{ev.link(c.row["article_id"], c.row["start"], c.row["end"])}</li>' for c in con.claims)
        out.append(f'<div class="conflict-box"><h3>{esc(con.what)}</h3><ul>{claims}</ul>'
                   f'<p class="muted">{esc(con.reason)}</p></div>')
    return "".join(out)


def _events(story: Story, ev: Evidence) -> str:
    out = ['<h2 id="events">Events</h2>']
    if not story.events:
        return out[0] + "<p>No events yet.</p>"
    out.append("<table><tr><th>date</th><th>type</th><th>actors</th><th>location</th>"
               "<th>fatalities</th><th>reports</th></tr>")
    for e in story.events:
        f = e.fields
        actors = " / ".join(esc(a) for a in (f.get("actor1"), f.get("actor2")) if a)
        reports = ", ".join(ev.link(m["article_id"], m.get("evidence_start", 0), m.get("evidence_end", 0))
                            for m in e.members)
        kind = esc(f.get("event_type")) + (f"<br><span class=muted>{esc(f.get('sub_event_type'))}</span>"
                                           if f.get("sub_event_type") else "")
        bg = ' <span class="muted">(background)</span>' if e.background else ""
        out.append(f"<tr><td>{esc(f.get('event_date') or '?')}{bg}</td><td>{kind}</td><td>{actors}</td>"
                   f"<td>{esc(f.get('location'))}</td><td>{esc(f.get('fatalities'))}</td><td>{reports}</td></tr>")
    out.append("</table>")
    return "".join(out)


def _entities(story: Story, ev: Evidence) -> str:
    shared = [e for e in story.entities if len(e.articles) >= 2][:40]
    out = ['<h2 id="entities">Who and where, across articles</h2>']
    if not shared:
        return out[0] + "<p>No entity is named by more than one article yet.</p>"
    out.append("<table><tr><th>name</th><th>kind</th><th>articles</th><th>also called</th></tr>")
    for e in shared:
        aliases = ", ".join(esc(a) for a, _ in e.aliases.most_common(6) if a != e.name)
        out.append(f"<tr><td>{esc(e.name)}</td><td>{esc(e.label)}</td><td>{len(e.articles)}</td>"
                   f"<td>{aliases}</td></tr>")
    out.append("</table>")
    return "".join(out)


def render(story: Story, generated: dt.datetime | None = None) -> str:
    """The HTML report of ``story``, one self-contained document."""
    ev = Evidence(story)
    sections = [_timeline(story, ev), _map(story, ev), _figures(story, ev), _conflicts(story, ev),
                _events(story, ev), _entities(story, ev)]
    arts = sorted(story.articles.values(), key=lambda a: (a.published or "", a.id))
    articles = "".join(f"<li>{_article_label(a)}</li>" for a in arts)
    when = (generated or dt.datetime.now()).strftime("%Y-%m-%d %H:%M")
    dates = [a.published for a in arts if a.published]
    span = f", published {esc(dates[0])} to {esc(dates[-1])}" if dates else ""
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>dateline story ({len(arts)} articles)</title><style>{CSS}</style></head><body>"
            f"<h1>The story in {len(arts)} article{'s' * (len(arts) != 1)}</h1>"
            f"<p class=\"muted\">Built by dateline on {esc(when)}{span}. {len(story.timeline)} dates, "
            f"{len(story.events)} events, {len(story.conflicts)} conflicting figures. "
            '<a href="#timeline">Timeline</a> · <a href="#map">Map</a> · <a href="#figures">Figures</a> · '
            '<a href="#conflicts">Conflicts</a> · <a href="#events">Events</a> · '
            '<a href="#evidence">Evidence</a></p>'
            + "".join(sections) + ev.section()
            + f'<h2 id="articles">Articles</h2><ul>{articles}</ul></body></html>\n')
