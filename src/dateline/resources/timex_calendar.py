"""Calendar arithmetic for TIMEX3 values: the anchor (publication date) and shifts from it.

An ``Anchor`` is the document creation time as far as it is known: a year, a year and
month, or a full day. Every function here returns a TIMEX3 value string, putting X where
the anchor does not know a part (TimeML's underspecified values, e.g. ``XXXX-10``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True)
class Anchor:
    """The publication date as far as known (``month``/``day`` None when not)."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: str | None) -> "Anchor":
        """An Anchor from ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (anything else: unknown)."""
        m = _ISO.match(str(value or "").strip())
        if not m:
            return cls()
        y, mo, d = (int(g) if g else None for g in m.groups())
        if mo is not None and not 1 <= mo <= 12:
            return cls(y)
        if d is not None:
            try:
                date(y, mo, d)
            except ValueError:
                return cls(y, mo)
        return cls(y, mo, d)

    @property
    def date(self) -> date | None:
        return date(self.year, self.month, self.day) if self.day else None


def fmt_day(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def fmt_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except (ValueError, OverflowError):
        return None


def shift_day(a: Anchor, days: int) -> str:
    """The day ``days`` from the anchor (``XXXX-XX-XX`` when the anchor has no day)."""
    if a.day:
        try:
            return fmt_day(a.date + timedelta(days=days))
        except OverflowError:
            pass
    return "XXXX-XX-XX"


def shift_week(a: Anchor, weeks: int) -> str:
    if a.day:
        try:
            return fmt_week(a.date + timedelta(weeks=weeks))
        except OverflowError:
            pass
    return "XXXX-WXX"


def shift_weekend(a: Anchor, weeks: int) -> str:
    return shift_week(a, weeks) + "-WE"


def shift_month(a: Anchor, months: int) -> str:
    if a.month and a.year:
        total = a.year * 12 + a.month - 1 + months
        return f"{total // 12:04d}-{total % 12 + 1:02d}"
    return "XXXX-XX"


def shift_quarter(a: Anchor, quarters: int) -> str:
    if a.month and a.year:
        total = a.year * 4 + (a.month - 1) // 3 + quarters
        return f"{total // 4:04d}-Q{total % 4 + 1}"
    return "XXXX-QX"


def shift_year(a: Anchor, years: int) -> str:
    return f"{a.year + years:04d}" if a.year and 0 < a.year + years < 10000 else "XXXX"


def shift_decade(a: Anchor, decades: int) -> str:
    return f"{a.year // 10 + decades:03d}" if a.year else "XXX"


def shift_century(a: Anchor, centuries: int) -> str:
    return f"{a.year // 100 + centuries:02d}" if a.year else "XX"


SHIFTS = {"day": shift_day, "week": shift_week, "weekend": shift_weekend, "month": shift_month,
          "quarter": shift_quarter, "year": shift_year, "decade": shift_decade,
          "century": shift_century}


def weekday_date(a: Anchor, weekday: int, direction: int) -> str:
    """The ISO ``weekday`` (1=Monday) nearest the anchor in ``direction``.

    direction -1: on or before the anchor; -2: strictly before; +1: on or after;
    +2: strictly after; 0: in the anchor's ISO week.
    """
    if not a.day:
        return f"XXXX-WXX-{weekday}"
    dct = a.date
    diff = weekday - dct.isoweekday()
    if direction == 0:
        delta = diff
    elif direction in (-1, -2):
        delta = diff if diff < 0 or (diff == 0 and direction == -1) else diff - 7
    else:
        delta = diff if diff > 0 or (diff == 0 and direction == 1) else diff + 7
    try:
        return fmt_day(dct + timedelta(days=delta))
    except OverflowError:
        return f"XXXX-WXX-{weekday}"


# How many days of "wrong side" a date named in the past tense may be: past tense and a
# date a month ahead still reads as this year's ('announced a cut in September'), three
# months ahead or more as last year's ('the record set on Aug. 6').
_TENSE_PENALTY = 250


def year_for(a: Anchor, month: int, day: int | None, direction: int,
             weekday: int | None = None) -> int | None:
    """The year of a month (and day) named without one, seen from the anchor.

    direction -2/+2: strictly before/after the anchor's month ("last October", "next
    March"); -1/+1: the tense leans to the past/future; 0: the nearest one. A leaning
    only costs distance, so a date a few weeks off on the other side still wins. With
    ``weekday`` ('Tuesday, July 11') only years where the date falls on it are taken.
    """
    if not a.year:
        return None
    if not a.month:
        return a.year
    if direction in (-2, 2):
        if month != a.month:
            before = month < a.month
        else:
            before = direction == 2  # "last October" in October is a year back, "next" a year on
        if direction == -2:
            return a.year if before else a.year - 1
        return a.year + 1 if before else a.year
    here = date(a.year, a.month, a.day or 15)
    best = None
    for y in (a.year, a.year - 1, a.year + 1):
        d = safe_date(y, month, day or 15) or safe_date(y, month, 28)
        if weekday and day and (d is None or d.isoweekday() != weekday):
            continue
        dist = 0 if (day is None and y == a.year and month == a.month) else (d - here).days
        if day and a.day is None and y == a.year and month == a.month:
            dist = 0
        cost = abs(dist)
        if (direction < 0 < dist) or (direction > 0 > dist):
            cost += _TENSE_PENALTY
        if best is None or cost < best[0]:
            best = (cost, y)
    return best[1] if best else year_for(a, month, day, direction)


def quarter_year_for(a: Anchor, quarter: int, direction: int) -> int | None:
    """The year of a quarter named without one (``the third quarter``), seen from the anchor."""
    if not a.year:
        return None
    if not a.month:
        return a.year
    here = (a.month - 1) // 3 + 1
    if direction in (-1, -2):
        ok = quarter <= here if direction == -1 else quarter < here
        return a.year if ok else a.year - 1
    if direction in (1, 2):
        ok = quarter >= here if direction == 1 else quarter > here
        return a.year if ok else a.year + 1
    # news reports on finished quarters: the latest quarter that has begun
    return a.year if quarter <= here else a.year - 1


def season_year_for(a: Anchor, season: str, direction: int) -> int | None:
    """The year of a season named without one (``last fall``, ``this summer``)."""
    if not a.year:
        return None
    if not a.month:
        return a.year
    start = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[season]
    if direction in (-1, -2):
        began = a.month >= start if direction == -1 else a.month >= start + 3
        return a.year if began else a.year - 1
    if direction in (1, 2):
        return a.year if a.month <= start + (2 if direction == 1 else -1) else a.year + 1
    return a.year


def holiday_date(rule: str, year: int) -> date | None:
    """The day a movable holiday falls on in ``year`` (US Thanksgiving, Western Easter)."""
    if rule == "thanksgiving":  # the fourth Thursday of November
        first = date(year, 11, 1)
        return first + timedelta(days=(3 - first.weekday()) % 7 + 21)
    if rule == "easter":  # the anonymous Gregorian computus
        a, b, c = year % 19, year // 100, year % 100
        d, e = b // 4, b % 4
        g = (8 * b + 13) // 25
        h = (19 * a + b - d - g + 15) % 30
        i, k = c // 4, c % 4
        l_ = (32 + 2 * e + 2 * i - h - k) % 7
        m = (a + 11 * h + 19 * l_) // 433
        month = (h + l_ - 7 * m + 90) // 25
        return date(year, month, (h + l_ - 7 * m + 33 * month + 19) % 32)
    return None
