"""Publication date inferred from the text alone, claimed only as precisely as the text allows.

Used when neither the input nor the page's metadata gives a date. Every relative date in
the article is resolved against the answer, so a wrong date is far worse than none: each
rule below claims only what its evidence pins down, and the rules must agree.

- a dateline or publication stamp ('July 11, 2017 —', 'Published: 11 July 2017',
  'Aired January 31, 2011', 'January 26, 2011 | By ...') gives the day;
- 'CITY, July 11 (Reuters) —' gives month and day; the year then comes from the rules below;
- 'this year (2018)', '2018 so far', 'last year, 2017' give the year outright;
- a weekday named with its date ('Tuesday, July 11') fixes the year when the latest year the
  article mentions is the one where that date falls on that weekday;
- comment or post timestamps ('February 1, 2011 at 5:17 pm') come after publication: the
  earliest one bounds it from above, and with the latest year the text mentions, gives a year.

Years alone are never enough: an article from 2017 tells of 'June 2014'.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from . import timex_words as w

_MONTH = w.MONTH_ANY
_YEAR = r"(?:19[0-9]\d|20\d\d)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_SP = r"[ \t\u00a0]*"
_COMMA = rf"{_SP},?{_SP}"
_WEEKDAY = w.WEEKDAY

# A full date in the common spellings: 'July 11, 2017', '11 July 2017', '2017-07-11'.
_FULL = (rf"(?:(?P<mon>{_MONTH}){_SP}(?P<d>{_DAY}){_COMMA}(?P<y>{_YEAR})"
         rf"|(?P<d2>{_DAY}){_SP}(?:of{_SP})?(?P<mon2>{_MONTH}){_COMMA}(?P<y2>{_YEAR})"
         rf"|(?P<y3>{_YEAR})-(?P<m3>[01]\d)-(?P<d3>[0-3]\d))(?!\d)")
_STAMP_WORDS = (r"(?:published|posted|updated|last\s+updated|first\s+published|aired|date|dated|filed"
                r"|released|issued|created)")

# Every full date holds a four-digit year: find those (cheap), then read the date around
# each and the words before and after it.
_YEAR4 = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_FULL_RX = re.compile(_FULL, re.I)
# before the date, from the start of its line: a dateline ('MOSUL, Iraq, Tuesday, ')
_DATELINE_HEAD = re.compile(rf"^{_SP}(?:[A-Za-z][A-Za-z .'\-]{{0,39}}{_COMMA}){{0,2}}(?:(?:{_WEEKDAY}){_COMMA})?$", re.I)
_DATELINE_TAIL = re.compile(rf"{_SP}(?:[-\u2013\u2014|:/(]|\d{{1,2}}[:.]\d\d|$)", re.M)
_STAMP_HEAD = re.compile(rf"\b{_STAMP_WORDS}\b{_SP}(?:on|at|:)?{_SP}(?:(?:{_WEEKDAY}){_COMMA})?$", re.I)
_BYLINE_TAIL = re.compile(rf"{_SP}\|{_SP}By\b", re.I)
_CLOCK_TAIL = re.compile(rf"{_SP}(?:at{_SP})?\d{{1,2}}[:.]\d\d", re.I)
# 'BRUSSELS, February 10 (Xinhua) --': the month and day of publication, without the year.
_DATELINE_MD = re.compile(
    rf"^{_SP}[A-Z][A-Za-z .'\-]{{1,40}}{_COMMA}(?P<mon>{_MONTH}){_SP}(?P<d>{_DAY})"
    rf"{_SP}(?:\([^)\n]{{1,30}}\){_SP})?(?:--|[\u2013\u2014_-]|:)", re.I | re.M)
_WEEKDAY_DATE = re.compile(
    rf"\b(?P<wd>{_WEEKDAY}){_COMMA}(?:(?P<mon>{_MONTH}){_SP}(?P<d>{_DAY})|(?P<d2>{_DAY}){_SP}(?:of{_SP})?"
    rf"(?P<mon2>{_MONTH}))(?!{_COMMA}\d)(?![\w])", re.I)
_YEAR_MENTION = re.compile(rf"(?<![\d$#£€.,/-])\b(?P<y>{_YEAR})\b(?![\d,.]\d|-\d|\s*(?:%|percent))")
_THIS_YEAR = re.compile(
    rf"\bthis\s+year{_SP}(?:,|\(|--|[\u2013\u2014]){_SP}(?P<y>{_YEAR})\b"
    rf"|\b(?P<y2>{_YEAR}){_SP}so\s+far\b|\bso\s+far\s+(?:in|this\s+year,?)\s+(?P<y3>{_YEAR})\b"
    rf"|\bin\s+(?P<y4>{_YEAR}){_SP}(?:,{_SP})?(?:alone{_SP},?{_SP})?so\s+far\b"
    rf"|\blast\s+year{_SP}(?:,|\(|--|[\u2013\u2014]){_SP}(?P<ly>{_YEAR})\b"
    rf"|\bnext\s+year{_SP}(?:,|\(|--|[\u2013\u2014]){_SP}(?P<ny>{_YEAR})\b", re.I)


_TOP = 1200  # characters of the body where publication stamps and dated bylines are read
_DATELINE_TOP = 400  # and where a dateline may stand


@dataclass(frozen=True)
class Evidence:
    """One rule's claim: ``value`` is YYYY, YYYY-MM or YYYY-MM-DD."""

    rule: str
    value: str
    start: int


def infer_published(body: str, title: str | None = None) -> str | None:
    """The publication date the text itself supports (YYYY-MM-DD, YYYY-MM or YYYY), else None."""
    return infer(body, title)[0]


def infer(body: str, title: str | None = None) -> tuple[str | None, list[Evidence]]:
    """The claim and the evidence behind it (for tests and for explaining an answer)."""
    body = body or ""
    dates = _full_dates(body)
    found: list[Evidence] = _stamp_days(body, dates) + _stamp_days(title or "", _full_dates(title or ""))
    timestamps = [d for d, s, e in dates if _CLOCK_TAIL.match(body, e)]
    stamped = [(s, e) for d, s, e in dates if _CLOCK_TAIL.match(body, e)]
    mentioned = _years_mentioned(body, title, stamped)
    latest = max(mentioned) if mentioned else None
    years = _stated_years(body)
    found += years
    weekday_years = _weekday_years(body, latest)
    found += weekday_years
    if timestamps and latest:
        first = min(timestamps)
        # published before its earliest comment; the text speaks of that year already
        if first.year == latest and (first.month, first.day) >= (1, 15):
            found.append(Evidence("timestamp", f"{first.year:04d}", 0))

    claim = _agree([e.value for e in found])
    if claim is None:
        return None, found
    if len(claim) == 4:
        md = _dateline_month_day(body)
        if md:
            d = _safe(int(claim), *md)
            if d and not _contradicts(d, timestamps):
                found.append(Evidence("dateline-month-day", d.isoformat(), 0))
                return d.isoformat(), found
    if len(claim) == 10 and _contradicts(date.fromisoformat(claim), timestamps):
        return claim[:4], found
    return claim, found


def _agree(values: list[str]) -> str | None:
    """The finest claim every piece of evidence is consistent with; None if any two disagree."""
    if not values:
        return None
    values = sorted(set(values), key=len, reverse=True)
    finest = values[0]
    for v in values[1:]:
        if not finest.startswith(v):
            return None
    return finest


def _contradicts(d: date, timestamps: list[date]) -> bool:
    return any(t < d for t in timestamps)


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _full_date(m: re.Match) -> date | None:
    g = m.groupdict()
    if g.get("y3"):
        return _safe(int(g["y3"]), int(g["m3"]), int(g["d3"]))
    mon, day, year = (g["mon"], g["d"], g["y"]) if g.get("mon") else (g["mon2"], g["d2"], g["y2"])
    month = w.month_number(mon)
    if not month:
        return None
    return _safe(int(year), month, int(re.match(r"\d+", day).group()))


def _full_dates(text: str) -> list[tuple[date, int, int]]:
    """(date, start, end) of every full date with its year in ``text``."""
    out, seen = [], set()
    for y in _YEAR4.finditer(text):
        for m in _FULL_RX.finditer(text, max(0, y.start() - 28), min(len(text), y.end() + 8)):
            if m.start() <= y.start() < m.end() and m.start() not in seen:
                d = _full_date(m)
                if d:
                    seen.add(m.start())
                    out.append((d, m.start(), m.end()))
    return out


def _stamp_days(text: str, dates: list[tuple[date, int, int]]) -> list[Evidence]:
    """Datelines and publication stamps near the top of ``text`` (body or title)."""
    out = []
    for d, start, end in dates:
        if start >= _TOP:
            break  # further down, a dated byline or stamp belongs to a related story
        line_start = text.rfind("\n", 0, start) + 1
        # a dateline opens the text; a dated line further down may be a timeline entry
        if start < _DATELINE_TOP and start - line_start < 90 and _DATELINE_HEAD.match(text[line_start:start]) \
                and _DATELINE_TAIL.match(text, end):
            out.append(Evidence("dateline", d.isoformat(), start))
        elif _STAMP_HEAD.search(text[max(0, start - 40):start]):
            out.append(Evidence("stamp", d.isoformat(), start))
        elif _BYLINE_TAIL.match(text, end):
            out.append(Evidence("byline", d.isoformat(), start))
    return out


def _years_mentioned(body: str, title: str | None, stamped: list[tuple[int, int]]) -> list[int]:
    """Years the text names outside clock-stamped dates (comments are not the article)."""
    years = []
    for m in _YEAR_MENTION.finditer(body):
        if any(s <= m.start() < e for s, e in stamped):
            continue
        years.append(int(m["y"]))
    for m in _YEAR_MENTION.finditer(title or ""):
        years.append(int(m["y"]))
    return years


def _stated_years(body: str) -> list[Evidence]:
    out = []
    for m in _THIS_YEAR.finditer(body):
        g = m.groupdict()
        y = g["y"] or g["y2"] or g["y3"] or g["y4"]
        if y:
            out.append(Evidence("this-year", y, m.start()))
        elif g["ly"]:
            out.append(Evidence("last-year", f"{int(g['ly']) + 1:04d}", m.start()))
        elif g["ny"]:
            out.append(Evidence("next-year", f"{int(g['ny']) - 1:04d}", m.start()))
    return out


def _weekday_years(body: str, latest: int | None) -> list[Evidence]:
    """'Tuesday, July 11' pins the year when it falls on a Tuesday in the latest year named.

    The date must not also fit one of the next few years (the text may be from later than
    the last year it names), and a date early in January could be the year after.
    """
    if latest is None:
        return []
    out = []
    for m in _WEEKDAY_DATE.finditer(body):
        mon, day = (m["mon"], m["d"]) if m["mon"] else (m["mon2"], m["d2"])
        month = w.month_number(mon)
        if not month:
            continue
        dnum = int(re.match(r"\d+", day).group())
        if (month, dnum) >= (11, 20):
            continue  # a late-November or December day is often told in the next January
        wd = w.WEEKDAYS[m["wd"].lower()]
        fits = [y for y in range(latest, latest + 6) if (_safe(y, month, dnum) or date(1, 1, 1)).isoweekday() == wd]
        if fits == [latest]:
            out.append(Evidence("weekday-date", f"{latest:04d}", m.start()))
    return out


def _dateline_month_day(body: str) -> tuple[int, int] | None:
    m = _DATELINE_MD.search(body[:300])
    if not m:
        return None
    month = w.month_number(m["mon"])
    return (month, int(re.match(r"\d+", m["d"]).group())) if month else None
