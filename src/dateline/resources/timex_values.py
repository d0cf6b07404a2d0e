"""TIMEX3 values: the records the grammar proposes and the functions that resolve them.

A ``Found`` is one candidate expression. Its value is either final (an absolute date, a
duration) or a function of the ``Context``: the publication date (``Anchor``), the tense
of the clause (which occurrence of 'Friday' or 'March' is meant) and the ``RefState``
(the date, quarter or year mentioned last: TimeML's reference time, which 'the next day'
and 'a year earlier' count from).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Callable

from . import timex_calendar as cal
from . import timex_words as w

REL_PAST = ("last", "past", "this past", "the previous", "the past", "previous", "the last")
REL_NEXT = ("next", "coming", "this coming", "the following", "the next", "the coming",
            "following")


@dataclass
class RefState:
    """What earlier expressions in the article pinned down (TimeML's reference time)."""

    day: date | None = None
    quarter: tuple[int, int] | None = None
    quarter_at: int = -10**9
    year: int | None = None


@dataclass
class Context:
    anchor: cal.Anchor
    tense: int = 0  # -1 past, 0 unknown/present, +1 future
    ref: RefState = field(default_factory=RefState)
    at: int = 0  # offset of the expression


Value = str | Callable[[Context], str]


@dataclass
class Found:
    start: int
    end: int
    type: str
    value: Value
    mod: str | None = None
    check: str | None = None  # "propn": keep only if the word is not a modal or verb
    rank: int = 0  # a tie-break between candidates of one length (higher wins)
    check_at: int | None = None  # offset of the word the check reads (default: start)

    def resolve(self, ctx: Context) -> str:
        return self.value(ctx) if callable(self.value) else self.value

    @property
    def moves_ref(self) -> bool:
        """False for values read off the reference ('a year earlier'): they must not move it."""
        return not getattr(self.value, "from_ref", False)


def norm(text: str | None) -> str:
    return re.sub(r"[\s\-]+", " ", (text or "").lower()).strip()


def which_way(rel: str | None, ctx: Context, default: int = 0) -> int:
    """Which occurrence a name without a year means: -2/-1 past, +1/+2 future, 0 nearest."""
    rel = norm(rel)
    if rel in REL_PAST:
        return -2
    if rel in REL_NEXT:
        return 2
    if ctx.tense:
        return ctx.tense
    return default


def point_mod(text: str | None) -> str | None:
    t = norm(text).removesuffix(" of")
    return w.POINT_MODS.get(t)


def amount_mod(text: str | None) -> str | None:
    return w.AMOUNT_MODS.get(norm(text))


# ------------------------------------------------------------------ value builders

def month_value(month: int, day: int | None, year: int | None, rel: str | None, default: int = 0,
                weekday: int | None = None):
    if year:
        if day:
            d = cal.safe_date(year, month, day)
            return cal.fmt_day(d) if d else f"{year:04d}-{month:02d}"
        return f"{year:04d}-{month:02d}"

    def value(ctx: Context) -> str:
        y = cal.year_for(ctx.anchor, month, day, which_way(rel, ctx, default), weekday)
        ys = f"{y:04d}" if y else "XXXX"
        return f"{ys}-{month:02d}-{day:02d}" if day else f"{ys}-{month:02d}"
    return value


def weekday_value(weekday: int, rel: str | None, suffix: str = ""):
    def value(ctx: Context) -> str:
        r = norm(rel)
        if r in REL_PAST:
            direction = -2
        elif r in REL_NEXT:
            direction = 2
        elif r == "this":
            direction = 0 if ctx.tense == 0 else ctx.tense
        else:
            direction = 1 if ctx.tense > 0 else -1  # news names days of its own week
        return cal.weekday_date(ctx.anchor, weekday, direction) + suffix
    return value


def shifted(unit: str, n: int, suffix: str = ""):
    return lambda ctx: cal.SHIFTS[unit](ctx.anchor, n) + suffix


def quarter_value(q: int, year: int | None, rel: str | None, half: bool = False):
    letter = "H" if half else "Q"
    if year:
        return f"{year:04d}-{letter}{q}"

    def value(ctx: Context) -> str:
        r = norm(rel)
        if r in ("year earlier", "year ago", "the year earlier", "the year ago", "year before"):
            y = cal.quarter_year_for(ctx.anchor, q, 0)
            return f"{y - 1:04d}-{letter}{q}" if y else f"XXXX-{letter}{q}"
        if half:
            y = ctx.anchor.year
        else:
            # not the tense: 'expects to report a third-quarter loss' is the quarter just ended
            y = cal.quarter_year_for(ctx.anchor, q, which_way(rel, Context(ctx.anchor), 0))
        return f"{y:04d}-{letter}{q}" if y else f"XXXX-{letter}{q}"
    return value


def holiday_value(rule: str, year: int | None, rel: str | None):
    """A movable holiday: the given year's, else the occurrence the tense points to."""
    def value(ctx: Context) -> str:
        if year:
            d = cal.holiday_date(rule, year)
            return cal.fmt_day(d) if d else f"{year:04d}"
        a = ctx.anchor
        if not a.year:
            return "XXXX-XX-XX"
        way = which_way(rel, ctx, 0)
        here = a.date or cal.safe_date(a.year, a.month or 6, 15)
        days = [cal.holiday_date(rule, y) for y in (a.year - 1, a.year, a.year + 1)]
        if way < 0:
            pick = [d for d in days if d <= here][-1]
        elif way > 0:
            pick = [d for d in days if d >= here][0]
        else:
            pick = min(days, key=lambda d: abs((d - here).days))
        return cal.fmt_day(pick)
    return value


def ref_quarter_value(shift: int):
    """'the quarter', 'the latest quarter': the quarter the article is about."""
    def value(ctx: Context) -> str:
        if ctx.ref.quarter and ctx.at - ctx.ref.quarter_at < 2000:
            y, q = ctx.ref.quarter
            total = y * 4 + q - 1 + shift
            return f"{total // 4:04d}-Q{total % 4 + 1}"
        return cal.shift_quarter(ctx.anchor, shift - 1 if shift <= 0 else shift)
    value.from_ref = True
    return value


def year_earlier(ctx: Context) -> str:
    """'a year earlier', 'year-ago': the referenced quarter a year back, else the year before."""
    if ctx.ref.quarter and ctx.at - ctx.ref.quarter_at < 1000:
        y, q = ctx.ref.quarter
        return f"{y - 1:04d}-Q{q}"
    return cal.shift_year(ctx.anchor, -1)


year_earlier.from_ref = True


def ref_day_value(days: int, suffix: str = ""):
    def value(ctx: Context) -> str:
        if ctx.ref.day:
            try:
                return cal.fmt_day(ctx.ref.day + timedelta(days=days)) + suffix
            except OverflowError:
                pass
        return cal.shift_day(ctx.anchor, days) + suffix
    return value


# A fraction of a unit is written in the next unit down: 2 1/2 years is P2Y6M.
_LOWER = {("Y", False): (12, "M", False), ("M", False): (30, "D", False), ("W", False): (7, "D", False),
          ("D", False): (24, "H", True), ("Q", False): (3, "M", False), ("H", True): (60, "M", True),
          ("M", True): (60, "S", True)}


def duration_value(n, unit: str) -> str:
    """A TIMEX3 duration: ``P2Y``, ``PT5H``, ``PXD``, ``P2Y6M``; decades count in years."""
    scale, letter = w.UNIT_SCALE.get(unit, (1, w.UNITS[unit][0]))
    clock = w.UNITS[unit][1]
    if n == "X" or n is None:
        vague = {"decade": "DE", "century": "CE", "millennium": "ML"}.get(unit, letter)
        return f"PTX{vague}" if clock else f"PX{vague}"
    v = n * scale
    whole, rest = int(v), v - int(v)
    days, times = [], []
    if whole:
        (times if clock else days).append(f"{whole}{letter}")
    if rest > 1e-9 and (letter, clock) in _LOWER:
        mult, sub, sub_clock = _LOWER[(letter, clock)]
        (times if sub_clock else days).append(f"{round(rest * mult)}{sub}")
    if not days and not times:
        (times if clock else days).append(f"0{letter}")
    return "P" + "".join(days) + ("T" + "".join(times) if times else "")



def weekend_value(ctx: Context) -> str:
    """'the weekend': the one just past (or under way), or the coming one in future tense."""
    d = ctx.anchor.date
    if not d:
        return "XXXX-WXX-WE"
    if ctx.tense > 0:
        return cal.shift_weekend(ctx.anchor, 1 if d.isoweekday() == 7 else 0)
    return cal.shift_weekend(ctx.anchor, 0 if d.isoweekday() >= 6 else -1)
