"""One occurrence, many reports: link events across articles (ACLED's rule).

Two event rows are the same event when they have the same type, the same place, dates
that fit each other's precision, and actors that do not contradict (ACLED: same actors,
same day, same place, same type). Comparing every pair would be quadratic, so rows are
blocked by (event type, place key) and, inside a block, swept in date order, comparing
each row only with those still inside the widest date window (a month). The cost is
near-linear in the number of rows as long as one place does not hold every event of a
month, which is what ``bench/bench_link.py`` measures.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from .dates import DateKey, event_key
from .entities import normalize

_WINDOW_DAYS = 31  # the widest precision a linked event may span (ACLED precision 3, a month)
_GRID = 0.1  # degrees (~11 km) for events that have coordinates but no place name
_FIELDS = ("event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2",
           "location", "admin1", "country", "latitude", "longitude", "geo_precision", "fatalities")
# Generic actor words: 'Iraqi forces' and 'Military Forces of Iraq' should not contradict.
_ACTOR_STOP = frozenset("the of forces force military army troops security government state "
                        "group militants fighters unidentified armed".split())


@dataclass
class StoryEvent:
    """One linked event: its fields (from the most precise report) and every report of it."""

    fields: dict
    key: DateKey | None
    members: list[dict] = field(default_factory=list)  # the event rows, with article_id and idx

    @property
    def articles(self) -> set[str]:
        return {m["article_id"] for m in self.members}

    @property
    def background(self) -> bool:
        return all(m.get("background") for m in self.members)

    def to_row(self) -> dict:
        return {**self.fields, "background": self.background, "n_articles": len(self.articles),
                "members": [(m["article_id"], m["idx"]) for m in self.members]}


def place_key(row: dict) -> str:
    """The blocking key for an event's place: its normalized location name, else a grid cell."""
    name = normalize(row.get("location") or "")
    if name:
        return name
    lat, lon = row.get("latitude"), row.get("longitude")
    if isinstance(lat, (int, float)) and isinstance(lon, (int, float)):
        return f"@{round(lat / _GRID)},{round(lon / _GRID)}"
    return normalize(row.get("admin1") or row.get("country") or "")


def _actor_words(name: str | None) -> frozenset[str]:
    return frozenset(w for w in normalize(name or "").split() if w not in _ACTOR_STOP)


def actors_agree(a: dict, b: dict) -> bool:
    """True unless both rows name actors and no named actor of one appears in the other."""
    wa = [w for w in (_actor_words(a.get("actor1")), _actor_words(a.get("actor2"))) if w]
    wb = [w for w in (_actor_words(b.get("actor1")), _actor_words(b.get("actor2"))) if w]
    if not wa or not wb:
        return True
    return any(_words_meet(x, y) for x in wa for y in wb)


def _words_meet(a: frozenset[str], b: frozenset[str]) -> bool:
    """Shared word, or one word the other's stem ('iraq'/'iraqi', 'kurd'/'kurdish')."""
    if a & b:
        return True
    return any(len(x) >= 4 and len(y) >= 4 and (x.startswith(y) or y.startswith(x)) for x in a for y in b)


def dates_agree(ka: DateKey | None, kb: DateKey | None) -> bool:
    """Same day for day precision; otherwise each span must hold the other's start."""
    if ka is None or kb is None:
        return ka is None and kb is None
    if ka.precision == "day" and kb.precision == "day":
        return ka.start == kb.start
    return ka.contains(kb.start) or kb.contains(ka.start)


def link_events(rows: list[dict]) -> list[StoryEvent]:
    """Cluster event rows (each with article_id, idx and the SPEC event fields) into story
    events, in date order."""
    blocks: dict[tuple[str, str], list[tuple[dt.date, int, DateKey | None]]] = defaultdict(list)
    keys = [event_key(r.get("event_date"), r.get("time_precision")) for r in rows]
    for i, row in enumerate(rows):
        start = keys[i].start if keys[i] else dt.date.min
        blocks[(row.get("event_type") or "", place_key(row))].append((start, i, keys[i]))
    parent = list(range(len(rows)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for members in blocks.values():
        members.sort(key=lambda m: (m[0], m[1]))
        lo = 0
        for hi in range(len(members)):
            start_hi, i, ki = members[hi]
            while lo < hi and (start_hi - members[lo][0]).days > _WINDOW_DAYS:
                lo += 1
            for j in range(lo, hi):
                _, other, ko = members[j]
                if dates_agree(ki, ko) and actors_agree(rows[i], rows[other]):
                    parent[find(i)] = find(other)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(rows)):
        groups[find(i)].append(i)
    events = [_merge([rows[i] for i in idxs], [keys[i] for i in idxs]) for idxs in groups.values()]
    events.sort(key=lambda e: (e.key.start if e.key else dt.date.max, e.fields.get("event_type") or ""))
    return events


_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}


def _merge(rows: list[dict], keys: list[DateKey | None]) -> StoryEvent:
    """One event from its reports: the date of the most precise report, the place of the
    most precise geocode, and ACLED's conservative fatalities (the lowest reported)."""
    order = sorted(range(len(rows)), key=lambda i: (
        _PRECISION_RANK.get(keys[i].precision, 9) if keys[i] else 9, rows[i]["article_id"], rows[i]["idx"]))
    best = rows[order[0]]
    fields = {f: best.get(f) for f in _FIELDS}
    geo = sorted((r for r in rows if r.get("latitude") is not None and r.get("longitude") is not None),
                 key=lambda r: r.get("geo_precision") or 9)
    if geo:
        for f in ("location", "admin1", "country", "latitude", "longitude", "geo_precision"):
            fields[f] = geo[0].get(f)
    for f in ("actor1", "actor2", "sub_event_type", "location", "admin1", "country"):
        if not fields.get(f):
            fields[f] = next((r.get(f) for r in rows if r.get(f)), None)
    deaths = [r["fatalities"] for r in rows if isinstance(r.get("fatalities"), int)]
    fields["fatalities"] = min(deaths) if deaths else None
    members = sorted(rows, key=lambda r: (r["article_id"], r["idx"]))
    return StoryEvent(fields, keys[order[0]], members)
