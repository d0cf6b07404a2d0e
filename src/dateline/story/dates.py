"""Calendar keys for the story: a TIMEX3 value or an ISO date, read at its own precision.

``2016-11-03`` is a day, ``2016-W44`` a week (keyed by its Monday), ``2016-11`` a month,
``2016`` a year. Values that name no calendar span (``P2Y``, ``PRESENT_REF``, ``2016-SU``,
``201X``) give None: a timeline cannot place them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

PRECISIONS = ("day", "week", "month", "year")
_VALUE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-W(\d{2}))?(?:T.*)?$", re.ASCII)


@dataclass(frozen=True, order=True)
class DateKey:
    """A calendar span: ``start`` (first day), ``precision`` and its label (``value``)."""

    start: dt.date
    precision: str  # day | week | month | year
    value: str  # the SPEC timeline date: 2016-11-03, 2016-10-17 (a week's Monday), 2016-11, 2016

    @property
    def end(self) -> dt.date:
        """The last day of the span."""
        if self.precision == "day":
            return self.start
        if self.precision == "week":
            return self.start + dt.timedelta(days=6)
        if self.precision == "month":
            nxt = (self.start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
            return nxt - dt.timedelta(days=1)
        return self.start.replace(month=12, day=31)

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


@lru_cache(maxsize=65536)
def parse_value(value: str | None) -> DateKey | None:
    """The DateKey of a TIMEX3 DATE value or ISO date; None when it names no calendar span."""
    if not value or not isinstance(value, str):
        return None
    m = _VALUE.match(value.strip())
    if not m:
        return None
    year, month, day, week = m.groups()
    try:
        y = int(year)
        if y < 1 or y > 9999:
            return None
        if week:
            monday = dt.date.fromisocalendar(y, int(week), 1)
            return DateKey(monday, "week", monday.isoformat())
        if day:
            d = dt.date(y, int(month), int(day))
            return DateKey(d, "day", d.isoformat())
        if month:
            d = dt.date(y, int(month), 1)
            return DateKey(d, "month", f"{y:04d}-{int(month):02d}")
        return DateKey(dt.date(y, 1, 1), "year", f"{y:04d}")
    except ValueError:
        return None


def day_key(day: dt.date) -> DateKey:
    return DateKey(day, "day", day.isoformat())


def week_of(day: dt.date) -> DateKey:
    monday = day - dt.timedelta(days=day.weekday())
    return DateKey(monday, "week", monday.isoformat())


def month_of(day: dt.date) -> DateKey:
    first = day.replace(day=1)
    return DateKey(first, "month", f"{day.year:04d}-{day.month:02d}")


def event_key(event_date: str | None, time_precision: int | None) -> DateKey | None:
    """An event's span from ACLED time_precision: 1 day, 2 the week around it, 3 its month."""
    key = parse_value(event_date)
    if key is None or key.precision != "day":
        return key
    if time_precision == 2:
        return week_of(key.start)
    if time_precision == 3:
        return month_of(key.start)
    return key


def days_between(a: str | None, b: str | None) -> int | None:
    """Days from the start of ``a`` to the start of ``b`` (any precision), None if unreadable."""
    ka, kb = parse_value(a), parse_value(b)
    if ka is None or kb is None:
        return None
    return (kb.start - ka.start).days
