"""When and where an event happened, for the events stage: dates from the timexes stage,
places from the places stage, with the publication date and the article's main place as
fallbacks."""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date, timedelta

_DAY = re.compile(r"^(\d{4})-(\d\d)-(\d\d)")
_WEEK = re.compile(r"^(\d{4})-W(\d\d)$")
_MONTH = re.compile(r"^(\d{4})-(\d\d)$")
_YEAR = re.compile(r"^(\d{4})$")
_NEAR = re.compile(r"(?:near|outside|outskirts of|north of|south of|east of|west of|"
                   r"(?:north|south|east|west)(?:ern|east|west)? (?:part|side|edge|parts) of|"
                   r"kilometr\w* from|km from|miles from|around|vicinity of|close to|edge of|"
                   r"(?:north|south|east|west)(?:ern)?)\W+$", re.I)
# Features that name a point an ACLED coder would call a town (precision 1).
_TOWN_FEATURES = frozenset("city town village locality neighbourhood neighborhood district "
                           "landmark fac facility place suburb camp settlement".split())
_REGION_FEATURES = frozenset("admin1 admin2 region province state county area".split())
_COUNTRY_FEATURES = frozenset("country continent".split())


def parse_value(value: str | None) -> tuple[date, int, str] | None:
    """A TIMEX3 value as (a day, ACLED time precision, granularity), or None.

    Week and month values stand for their middle day; the caller moves them to the
    publication date when it falls inside them.
    """
    if not value:
        return None
    value = value.strip()
    try:
        m = _DAY.match(value)
        if m:
            return date(int(m[1]), int(m[2]), int(m[3])), 1, "day"
        m = _WEEK.match(value)
        if m:
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return monday + timedelta(days=3), 2, "week"
        m = _MONTH.match(value)
        if m:
            return date(int(m[1]), int(m[2]), 15), 3, "month"
        m = _YEAR.match(value)
        if m:
            return date(int(m[1]), 7, 1), 3, "year"
    except ValueError:
        return None
    return None


def published_day(published: str | None) -> tuple[date, int] | None:
    """The publication date as (day, precision); a month or year stands for its middle."""
    parsed = parse_value(published)
    if parsed is None:
        return None
    day, precision, _ = parsed
    return day, precision


def fit_to_published(day: date, gran: str, pub: date | None) -> date:
    """A week or month that holds the publication date is dated on it (ACLED dates a vague
    'this week' at the report), else at its middle."""
    if pub is None:
        return day
    if gran == "week" and pub.isocalendar()[:2] == day.isocalendar()[:2]:
        return pub
    if gran == "month" and (pub.year, pub.month) == (day.year, day.month):
        return pub
    if gran == "year" and pub.year == day.year:
        return pub
    return day


class Paragraphs:
    """Paragraph index of any offset: a paragraph is a line of the body."""

    def __init__(self, body: str):
        self.breaks = [m.start() for m in re.finditer("\n", body)]

    def of(self, offset: int) -> int:
        return bisect_right(self.breaks, offset)


def names_a_day(start: int, end: int, timexes) -> bool:
    """Whether the text [start, end) holds a date of one day ('on June 20')."""
    for t in timexes:
        if start <= t.start and t.end <= end:
            parsed = parse_value(t.value)
            if parsed is not None and parsed[2] == "day":
                return True
    return False


def days_since(start: int, end: int, body: str, timexes, published) -> int:
    """Days a toll 'since Monday' spans up to ``published``, counting the day the timexes
    stage resolved ('since Monday' in a Wednesday report: 3); 1 when the text [start, end)
    names no such day."""
    days = 1
    if published is None:
        return days
    for t in timexes:
        since = body[max(start, t.start - 6):t.start].lower() == "since "
        if start <= t.start and t.end <= end and since:
            parsed = parse_value(t.value)
            if parsed is not None and parsed[2] == "day":
                span = (published - parsed[0]).days + 1
                if 1 < span <= 7:
                    days = max(days, span)
    return days


def list_size(place, places: list, body: str) -> int:
    """How many towns a list holding ``place`` names ('clear Bulagana and Gambori'): ACLED codes
    one event per town and divides a toll summed over them."""
    if place is None or place_rank(place) != 0:
        return 1
    ordered = sorted((p for p in places if place_rank(p) == 0 and p.country == place.country),
                     key=lambda q: q.start)
    try:
        at = next(n for n, p in enumerate(ordered) if p.start == place.start)
    except StopIteration:
        return 1
    lo = hi = at
    while lo > 0 and _AND_JOIN.match(body[ordered[lo - 1].end:ordered[lo].start]):
        lo -= 1
    while hi + 1 < len(ordered) and _AND_JOIN.match(body[ordered[hi].end:ordered[hi + 1].start]):
        hi += 1
    joins = [body[a.end:b.start] for a, b in zip(ordered[lo:hi], ordered[lo + 1:hi + 1])]
    if not any(j.strip(" ,") for j in joins):
        return 1  # 'Lehri, Sibi, Balochistan': a town and the areas it lies in, not a list
    names = {(p.name or p.text).lower() for p in ordered[lo:hi + 1]}
    return len(names)


def place_rank(place) -> int:
    """0 town-level, 1 region/province, 2 country, 3 water and the rest (lower is finer)."""
    feature = (place.feature or "").lower()
    if feature in _COUNTRY_FEATURES:
        return 2
    if feature in _REGION_FEATURES:
        return 1
    if feature in ("water", "continent", "sea", "ocean"):
        return 3
    return 0


def geo_precision(place, body: str) -> int:
    """ACLED geo_precision: 1 the town itself, 2 near a town or part of a region, 3 province."""
    rank = place_rank(place)
    if rank >= 1:
        return 3 if rank >= 2 or (place.feature or "").lower() == "admin1" else 2
    before = body[max(0, place.start - 30):place.start]
    return 2 if _NEAR.search(before) else 1


def main_place(places: list) -> object | None:
    """The article's main place: the town named most often (first on ties), else the most
    named region, else country."""
    best = None
    for rank in (0, 1, 2):
        counts: dict[str, list] = {}
        for p in places:
            if place_rank(p) == rank and p.latitude is not None:
                counts.setdefault((p.name or p.text).lower(), []).append(p)
        if counts:
            best = max(counts.values(), key=lambda ps: (len(ps), -ps[0].start))[0]
            return best
    return best


# Words before a place that make it where someone came from or was going, not where the event
# happened: 'militants from Somalia', 'en route to Jaji', 'a bus bound for Nairobi'.
_ORIGIN = re.compile(r"(?:\bfrom|\ben route to|\bbound for|\bheading (?:to|for)|\bheaded (?:to|for)|"
                     r"\bon (?:its|their|his|her) way to)\s+(?:the\s+)?(?:[A-Z][\w'’\-]*\s+){0,2}$")
_LIST_JOIN = re.compile(r"^\s*(?:,|,?\s*and|,?\s*or|\s+as well as|-)\s*$")
# towns named together as places of one summed event ('Bitta-Damboa' is a road, 'A or B' a doubt)
_AND_JOIN = re.compile(r"^\s*(?:,|,?\s*and|\s+as well as|&)\s*$")


def origin_or_route(body: str, start: int) -> bool:
    """Is the place at ``start`` an origin or a destination ('from X', 'en route to X')?"""
    return bool(_ORIGIN.search(body[max(0, start - 40):start]))


def first_of_list(place, places: list, body: str):
    """The first place of a list the chosen one closes ('around Harar and Dire Dawa'): ACLED
    codes a list's events in the order named, and the first one leads."""
    if place is None:
        return None
    rank = place_rank(place)
    current = place
    for p in sorted((q for q in places if q.end <= place.start), key=lambda q: -q.start):
        if place_rank(p) != rank or p.country != place.country:
            break
        if not _LIST_JOIN.match(body[p.end:current.start]):
            break
        current = p
    return current
