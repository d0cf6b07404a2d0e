"""One occurrence, many reports: link events across articles (ACLED's rule).

Two event rows are the same event when they have the same type, the same place, dates
that fit each other's precision, and actors that do not contradict (ACLED: same actors,
same day, same place, same type). Comparing every pair would be quadratic, so rows are
blocked by (event type, place key, day) and only rows in one block are compared; see
``link_events`` for reports dated to a week or a month. ``bench/bench_link.py`` measures
the cost at 1x, 10x and 100x the example corpus.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from .dates import DateKey, event_key
from .entities import normalize

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
    if isinstance(lat, (int, float)) and isinstance(lon, (int, float)) and -90 <= lat <= 90 \
            and -180 <= lon <= 180:  # NaN fails every comparison
        return f"@{round(lat / _GRID)},{round(lon / _GRID)}"
    return normalize(row.get("admin1") or row.get("country") or "")


@lru_cache(maxsize=16384)
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
    events, in date order.

    Day-precision reports are bucketed by (type, place, day) and joined inside a bucket when
    their actors agree. A week- or month-precision report then joins the one day event in
    its span it agrees with, or, failing that, the coarse reports of the same span; when
    several day events fit it stays apart, so a vague 'in March' never chains two different
    days into one event. Every step is a hash lookup (at most 31 per coarse report), so the
    cost grows linearly with the number of reports.
    """
    keys = [event_key(r.get("event_date"), r.get("time_precision")) for r in rows]
    parent = list(range(len(rows)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, bucket: list[int]) -> None:
        """Join row i to the first cluster in ``bucket`` whose first report agrees, else start one."""
        for rep in bucket:
            if actors_agree(rows[i], rows[rep]) and dates_agree(keys[i], keys[rep]):
                parent[find(i)] = find(rep)
                return
        bucket.append(i)

    days: dict[tuple, list[int]] = defaultdict(list)  # (type, place, day) -> cluster representatives
    coarse: list[int] = []
    for i, row in enumerate(rows):
        if keys[i] is None or keys[i].precision == "day":
            block = (row.get("event_type") or "", place_key(row), keys[i].start if keys[i] else None)
            join(i, days[block])
        else:
            coarse.append(i)
    spans: dict[tuple, list[int]] = defaultdict(list)  # (type, place, month) -> coarse representatives
    for i in coarse:
        row, key = rows[i], keys[i]
        kind, place = row.get("event_type") or "", place_key(row)
        fits = []
        day = key.start
        while day <= key.end:
            fits.extend(rep for rep in days.get((kind, place, day), ()) if actors_agree(row, rows[rep]))
            day += dt.timedelta(days=1)
        if len({find(r) for r in fits}) == 1:
            parent[find(i)] = find(fits[0])
        elif not fits:
            join(i, spans[(kind, place, key.start.replace(day=1))])
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(rows)):
        groups[find(i)].append(i)
    events = [_merge([rows[i] for i in idxs], [keys[i] for i in idxs]) for idxs in groups.values()]
    events.sort(key=lambda e: (e.fields.get("event_date") or "9999", e.fields.get("event_type") or ""))
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
