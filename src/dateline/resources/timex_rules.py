"""The TIMEX3 grammar: regular expressions for temporal expressions and what each one means.

``find(text)`` returns every candidate ``Found`` (overlaps included; the caller keeps the
longest). A ``Found`` carries its TIMEX3 type, mod and a value that is either final (an
absolute date, a duration) or a function of the ``Context``: the publication date, the
tense of the clause and the dates mentioned earlier (TimeML's reference time).

Conventions follow the TimeML 1.2.1 guidelines as TimeBank applies them: weekday names
mean the day in the publication week (past tense on or before it, future on or after);
"last October" is the latest October before the publication month; "two weeks ago" is a
week; "the past month" is a DURATION; spans keep the determiner and the amount modifier
("the past two years", "more than two years") but not the preposition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Callable

from . import timex_calendar as cal
from . import timex_words as w
from .timex_values import (Context, Found, RefState, amount_mod, duration_value, month_value, norm, which_way,
                           point_mod, quarter_value, ref_day_value, ref_quarter_value, shifted,
                           weekday_value, weekend_value, year_earlier, holiday_value)

B = r"(?<![\w'’])"  # left word boundary (no letter, digit or apostrophe before)
E = r"(?![\w])"  # right word boundary
DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)"
YEAR = r"(?:1[0-9]\d\d|20\d\d)(?!\d|[.,:]\d|\s*(?:%|per\s*cent|percent))"
# ------------------------------------------------------------------ handlers

def _h_iso(m, text):
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    day = cal.safe_date(y, mo, d)
    if not day:
        return None
    value = cal.fmt_day(day)
    if m["hh"]:
        value += f"T{int(m['hh']):02d}:{m['mi']}"
        return Found(m.start(), m.end(), "TIME", value)
    return Found(m.start(), m.end(), "DATE", value)


def _h_slash(m, text):
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    month, day = (b, a) if a > 12 else (a, b)
    d = cal.safe_date(y, month, day)
    return Found(m.start(), m.end(), "DATE", cal.fmt_day(d)) if d else None


def _month_ok(m, group="mon") -> str | None:
    """None when a month word is really a verb or modal ('may', 'march'); else a check."""
    word = m[group]
    low = word.lower().rstrip(".")
    if low in ("may", "march") and word[0].islower() and not word.isupper():
        return "reject"
    if low == "may" or (low == "march" and not m.groupdict().get("d")):
        return "propn"
    return None


def _h_full_date(m, text):
    month = w.month_number(m["mon"])
    day = int(re.match(r"\d+", m["d"]).group())
    year = int(m["y"]) if m["y"] else None
    check = _month_ok(m)
    if check == "reject" or not cal.safe_date(year or 2000, month, day):
        return None
    weekday = w.WEEKDAYS[m["dow"].lower()] if m["dow"] else None
    return Found(m.start(), m.end(), "DATE", month_value(month, day, year, None, 0, weekday),
                 point_mod(m["pm"]), check if check == "propn" and not year else None, rank=3)


def _h_month_year(m, text):
    month = w.month_number(m["mon"])
    check = _month_ok(m)
    if check == "reject":
        return None
    return Found(m.start(), m.end(), "DATE", f"{int(m['y']):04d}-{month:02d}", point_mod(m["pm"]),
                 rank=3)


def _h_month(m, text):
    check = _month_ok(m)
    if check == "reject":
        return None
    if not m["rel"] and not m["pm"] and (
            re.search(r"\bannual\s+$", text[max(0, m.start() - 16):m.start()], re.I)
            or re.match(r"\s+(?:for|of|on|to)\s+(?:the\s+)?[A-Z]", text[m.end():m.end() + 20])):
        return None  # a march, not a month: 'the March for Life', 'the March of the Mothers' 
    month = w.month_number(m["mon"])
    return Found(m.start(), m.end(), "DATE", month_value(month, None, None, m["rel"], 0),
                 point_mod(m["pm"]), check if not m["rel"] and not m["pm"] else None, rank=2)


def _h_year(m, text):
    y = int(m["y"])
    before = text[max(0, m.start() - 12):m.start()]
    if re.search(r"(?:(?:[$#£€¥]|No\.|\bpage|\bRoute|\bFlight|\bHighway|\bpercent)\s*|\d[,.]|\d-)$", before, re.I):
        return None
    if re.match(r"\s*(?:-|–)\s*\d", text[m.end():m.end() + 4]) and not m["pm"]:
        after = re.match(r"\s*[-–]\s*(\d{2,4})", text[m.end():m.end() + 8])
        if after and len(after.group(1)) != 2 and len(after.group(1)) != 4:
            return None
    if y < 1800 and not re.search(r"\b(?:in|since|of|from|until|till|by|to|year|around|about|c\.|before|after)\s+$",
                                  before, re.I):
        return None
    check = None if (m["pm"] or m["fy"]) else "year"
    return Found(m.start(), m.end(), "DATE", f"{y:04d}", point_mod(m["pm"]), check, rank=1)


def _h_spoken_year(m, text):
    head = w.ONES[m["a"].lower()]
    tail = w.number_value(m["b"]) if m["b"].lower() != "hundred" else 0
    if tail is None or tail >= 100:
        return None
    return Found(m.start(), m.end(), "DATE", f"{head * 100 + int(tail):04d}")


def _h_year_2000(m, text):
    tail = w.number_value(m["b"]) if m["b"] else 0
    if tail is None or tail >= 100:
        return None
    return Found(m.start(), m.end(), "DATE", f"{2000 + int(tail):04d}")


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                 "seventies": 7, "eighties": 8, "nineties": 9}


def _h_decade(m, text):
    mod = point_mod(m["pm"])
    if m["dec"]:
        return Found(m.start(), m.end(), "DATE", m["dec"][:3], mod)
    if m["short"]:
        d = int(m["short"][0])

        def value(ctx, d=d):
            century = 19 if d >= 2 or not ctx.anchor.year else ctx.anchor.year // 100
            return f"{century:02d}{d}"
        return Found(m.start(), m.end(), "DATE", value, mod)
    d = _DECADE_WORDS[m["word"].lower()]
    return Found(m.start(), m.end(), "DATE", f"19{d}", mod)


def _h_century(m, text):
    n = w.ordinal_value(m["ord"])
    if not n or n < 1 or n > 21:
        return None
    return Found(m.start(), m.end(), "DATE", f"{n - 1:02d}", point_mod(m["pm"]))


def _h_season(m, text):
    season = w.SEASONS[m["s"].lower()]
    rel = norm(m["rel"])
    after = text[m.end():m.end() + 12]
    if not m["y"]:
        if not rel and not m["pm"]:
            return None
        if rel == "the" and (season == "FA" or re.match(r"\s+of\b", after)):
            return None  # "the fall of Mosul"
        if season == "FA" and rel not in ("last", "this", "next", "this past", "this coming", "early", "late"):
            return None
    if m["y"]:
        y = int(m["y"])
        return Found(m.start(), m.end(), "DATE", f"{y:04d}-{season}", point_mod(m["pm"]))

    def value(ctx: Context) -> str:
        y = cal.season_year_for(ctx.anchor, season, which_way(m["rel"] if rel != "the" else None, ctx, 0))
        return f"{y:04d}-{season}" if y else f"XXXX-{season}"
    return Found(m.start(), m.end(), "DATE", value, point_mod(m["pm"]))


def _h_quarter(m, text):
    q = w.ordinal_value(m["ord"])
    if q == -1:  # 'the last half', 'the final quarter'
        q = 2 if m["q"].lower() == "half" else 4
    if not q or not 1 <= q <= (2 if m["q"].lower() == "half" else 4):
        return None
    half = m["q"].lower() == "half"
    year = int(m["y"]) if m["y"] else int(m["y0"]) if m["y0"] else None
    rel = m["rel"] or ""
    if m["rel2"]:
        r2 = m["rel2"].lower()
        rel = {"last": "last year", "next": "next year"}.get(r2, rel)
    if m["rel3"] and not year:  # "this year's third quarter"
        shift = {"this": 0, "last": -1, "next": 1}[m["rel3"].lower()]
        letter = "H" if half else "Q"

        def value(ctx, shift=shift, letter=letter):
            y = ctx.anchor.year
            return f"{y + shift:04d}-{letter}{q}" if y else f"XXXX-{letter}{q}"
        return Found(m.start(), m.end(), "DATE", value, rank=2)
    if half and not (year or m["rel2"]):
        return None  # "the first half" of a match, a speech...
    if m["rel2"] and not year:
        r2 = m["rel2"].lower()
        shift = {"this": 0, "the": 0, "last": -1, "next": 1}[r2]
        letter = "H" if half else "Q"

        def value(ctx, shift=shift, letter=letter):
            y = ctx.anchor.year
            return f"{y + shift:04d}-{letter}{q}" if y else f"XXXX-{letter}{q}"
        return Found(m.start(), m.end(), "DATE", value, rank=2)
    return Found(m.start(), m.end(), "DATE", quarter_value(q, year, rel, half), rank=2)


def _h_q_short(m, text):
    q = int(m["q"])
    if m["y"]:
        y = int(m["y"]) if len(m["y"]) == 4 else 2000 + int(m["y"])
        return Found(m.start(), m.end(), "DATE", f"{y:04d}-Q{q}")
    return Found(m.start(), m.end(), "DATE", quarter_value(q, None, None))


def _h_rel_quarter(m, text):
    rel = norm(m["rel"])
    if rel in ("last", "the last", "the previous", "previous", "the past", "past"):
        return Found(m.start(), m.end(), "DATE", shifted("quarter", -1))
    if rel in ("next", "the next", "the coming", "coming", "the following"):
        return Found(m.start(), m.end(), "DATE", shifted("quarter", 1))
    if rel in ("this", "the current", "current"):
        return Found(m.start(), m.end(), "DATE", shifted("quarter", 0))
    if rel in ("the year earlier", "the year ago", "year earlier", "year ago", "the comparable year ago"):
        return Found(m.start(), m.end(), "DATE", year_earlier)
    return Found(m.start(), m.end(), "DATE", ref_quarter_value(0))  # the (latest|same) quarter


_UNIT_SHIFT = {"week": "week", "weekend": "weekend", "month": "month", "year": "year",
               "decade": "decade", "century": "century", "quarter": "quarter", "fortnight": "week"}


def _h_rel_unit(m, text):
    rel = norm(m["rel"])
    unit = w.unit_key(m["unit"]) or m["unit"].lower()
    mod = point_mod(m["pm"])
    shift_unit = _UNIT_SHIFT.get(unit)
    if shift_unit is None:
        return None
    if rel in ("the past", "the last", "the next", "the coming", "past", "coming") and unit != "weekend":
        return Found(m.start(), m.end(), "DURATION", duration_value(1, unit), mod)
    if rel in ("the previous", "the following", "the same", "that"):
        step = {"the previous": -1, "the following": 1}.get(rel, 0)
        if unit == "year":
            def value(ctx, step=step):
                base = ctx.ref.year or ctx.anchor.year
                return f"{base + step:04d}" if base else "XXXX"
            return Found(m.start(), m.end(), "DATE", value, mod)
        if unit in ("week", "weekend", "month"):
            def value(ctx, step=step, unit=unit):
                if ctx.ref.day:
                    d = ctx.ref.day
                    return cal.SHIFTS[unit](cal.Anchor(d.year, d.month, d.day), step)
                return cal.SHIFTS[unit](ctx.anchor, step)
            return Found(m.start(), m.end(), "DATE", value, mod)
        return None
    step = {"this": 0, "current": 0, "the current": 0, "last": -1, "next": 1, "this past": -1,
            "this coming": 1}.get(rel)
    if step is None:
        return None
    if unit == "fortnight":
        return None
    return Found(m.start(), m.end(), "DATE", shifted(shift_unit, step), mod, rank=1)


def _h_the_unit(m, text):
    """'the year', 'the week', 'the month', 'the weekend', 'the quarter' alone."""
    unit = m["unit"].lower()
    mod = point_mod(m["pm"])
    before = text[max(0, m.start() - 12):m.start()].lower()
    if unit == "quarter":
        return Found(m.start(), m.end(), "DATE", ref_quarter_value(0), mod)
    if unit == "weekend":
        return Found(m.start(), m.end(), "DATE", weekend_value, mod)
    if unit == "year":
        if not mod and re.search(r"\b(?:for|over|during|throughout|in)\s+$", before):
            return Found(m.start(), m.end(), "DURATION", "P1Y")
        return Found(m.start(), m.end(), "DATE", shifted("year", 0), mod)
    if unit in ("week", "month"):
        return Found(m.start(), m.end(), "DATE", shifted(unit, 0), mod)
    return None


def _h_week_of(m, text):
    month = w.month_number(m["mon"])
    day = int(re.match(r"\d+", m["d"]).group())
    year = int(m["y"]) if m["y"] else None
    day_value = month_value(month, day, year, None, 0)

    def value(ctx: Context) -> str:
        v = day_value(ctx) if callable(day_value) else day_value
        d = cal.safe_date(int(v[:4]), month, day) if v[:4].isdigit() else None
        return cal.fmt_week(d) if d else "XXXX-WXX"
    return Found(m.start(), m.end(), "DATE", value, rank=3)


def _h_month_rel_year(m, text):
    month = w.month_number(m["mon"])
    shift = {"this": 0, "last": -1, "next": 1}[m["rel"].lower()]

    def value(ctx: Context) -> str:
        y = ctx.anchor.year
        return f"{y + shift:04d}-{month:02d}" if y else f"XXXX-{month:02d}"
    return Found(m.start(), m.end(), "DATE", value, rank=3)


def _h_fiscal_year(m, text):
    word = norm(m["w"])
    mod = point_mod(m["pm"])
    if word.startswith("year"):
        mod = mod or "END"
    shift = -1 if re.search(r"\b(?:last|previous)\b", word) else 0
    return Found(m.start(), m.end(), "DATE", shifted("year", shift), mod, rank=2)


def _count(m) -> object:
    num = norm(m["num"])
    if num in w.FUZZY:
        return w.FUZZY[num]
    return w.number_value(num)


def _h_duration(m, text):
    unit = w.unit_key(m["unit"])
    if unit is None:
        return None
    num_text = norm(m["num"])
    n = _count(m)
    if n is None:
        return None
    after = text[m.end():m.end() + 16]
    if isinstance(n, int) and n >= 1000 and not m["unit"].lower().endswith("s"):
        return None  # 'the 1988 second quarter': a year, not a count
    if unit == "second" and num_text in ("a", "an"):
        return None  # "a second attack"
    if unit == "quarter" and num_text in ("a", "an", "one", "three") and not m["det"] and (
            re.match(r"\s+of\b(?!\s+(?:this|last|next|the\s+year|fiscal|\d))", after) or num_text != "three"):
        return None  # "a quarter of the city", "three quarters of the vote"
    if num_text in ("a", "an") and m["unit"].lower().endswith("s"):
        return None
    if m["half"] and n != "X":
        n = n + 0.5
    post = norm(m["post"])
    mod = amount_mod(m["amod"])
    start = m.start()
    if m["amod"] and (m["det"] or m["rel"]):
        mod, start = None, m.start("det") if m["det"] else m.start("rel")  # 'over the past few days'

    end = m.end()
    if post in ("later", "after", "before") or (post == "earlier" and not (unit == "year" and n == 1)):
        # TimeML: 'two weeks later' is the DURATION 'two weeks'; the signal stays outside
        # ('a day earlier' keeps its word, as TimeBank writes it)
        if post != "earlier":
            end = m.start("post")
            while end > start and text[end - 1] in " -\t\n":
                end -= 1
        post = ""
    if post in ("ago", "earlier", "from now", "hence"):
        return _relative_by_count(m, n, unit, post, mod)
    if re.match(r"[\s-]*old\b", text[m.end():m.end() + 6]) or m.group().lower().endswith("old"):
        return None  # ages ('a six-year-old boy') are not times in TimeBank
    value = duration_value(n, unit)
    return Found(start, end, "DURATION", value, mod, rank=1)


def _relative_by_count(m, n, unit, post, mod):
    """'two weeks ago', 'a year earlier', 'three days later': a DATE at the unit's grain."""
    sign = -1 if post in ("ago", "earlier", "before") else 1
    if mod in ("MORE_THAN",):
        mod = "BEFORE" if sign < 0 else "AFTER"
    if n == "X":
        return Found(m.start(), m.end(), "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", mod)
    if not isinstance(n, int):
        n = round(n) if n >= 1 else 0
        if n == 0:
            return None
    grain = {"second": "day", "minute": "day", "hour": "day", "night": "day", "fortnight": "week",
             "millennium": "century"}.get(unit, unit)
    if unit == "fortnight":
        n *= 2
    if grain == "day" and unit in ("second", "minute", "hour"):
        n = 0
    from_ref = post in ("earlier", "before", "later", "after")
    if grain == "year" and n == 1 and sign < 0:
        return Found(m.start(), m.end(), "DATE", year_earlier, mod)
    if from_ref and grain == "day":
        return Found(m.start(), m.end(), "DATE", ref_day_value(sign * n), mod)
    return Found(m.start(), m.end(), "DATE", shifted(grain, sign * n), mod)


def _h_fuzzy_units(m, text):
    """Bare or vague plurals: 'years', 'recent weeks', 'the coming days', 'these days'."""
    unit = w.unit_key(m["unit"])
    pre = norm(m["pre"])
    if unit is None:
        return None
    if re.match(r"[\s-]+old\b", text[m.end():m.end() + 6]):
        return None  # '37 years old'
    if pre in ("recent", "the recent"):
        return Found(m.start(), m.end(), "DATE", "PAST_REF")
    if pre == "these" and unit == "day":
        return Found(m.start(), m.end(), "DATE", "PRESENT_REF")
    if pre in ("those",):
        return None
    if pre in ("the",) and unit not in ("year",):
        return None  # "the days", "the hours" are rarely temporal phrases
    if not pre and unit in ("minute", "second", "century", "quarter"):
        return None
    return Found(m.start(), m.end(), "DURATION", duration_value("X", unit))


def _h_dayword(m, text):
    word = norm(m["w"])
    pod = m["pod"]
    offsets = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
               "the day before yesterday": -2, "day before yesterday": -2,
               "the day after tomorrow": 2, "day after tomorrow": 2}
    n = offsets[word]
    if word == "tonight":
        return Found(m.start(), m.end(), "TIME", shifted("day", 0, "TNI"))
    if pod:
        code = w.PARTS_OF_DAY[pod.lower()]
        return Found(m.start(), m.end(), "TIME", shifted("day", n, "T" + code))
    return Found(m.start(), m.end(), "DATE", shifted("day", n), point_mod(m["pm"]))


def _h_part_of_day(m, text):
    rel = norm(m["rel"])
    pod = m["pod"].lower()
    code = w.PARTS_OF_DAY.get(pod, "NI")
    if rel == "last":
        if pod not in ("night", "evening"):
            return None
        return Found(m.start(), m.end(), "TIME", shifted("day", -1, "T" + code))
    if rel in ("overnight",):
        return Found(m.start(), m.end(), "TIME", shifted("day", -1, "TNI"))
    if rel != "this":
        return None  # a bare 'night' or 'evening' ('good evening', 'the night of Oct. 23')
    return Found(m.start(), m.end(), "TIME", shifted("day", 0, "T" + code))


def _h_year_quarter(m, text):
    """'the 1988 quarter', 'the 1988 period': that year's instance of the quarter in view."""
    y = int(m["y"])

    def value(ctx: Context) -> str:
        if ctx.ref.quarter and ctx.at - ctx.ref.quarter_at < 2000:
            return f"{y:04d}-Q{ctx.ref.quarter[1]}"
        return f"{y:04d}"
    value.from_ref = True
    return Found(m.start(), m.end(), "DATE", value, rank=2)


def _h_weekday(m, text):
    weekday = w.WEEKDAYS[m["dow"].lower()]
    pod = m["pod"] or m["pod2"]
    rel = m["rel"]
    if m["pl"] or m["pl2"]:
        suffix = "T" + w.PARTS_OF_DAY[pod.lower()] if pod else ""
        return Found(m.start(), m.end(), "SET", f"XXXX-WXX-{weekday}{suffix}")
    mod = point_mod(m["pm"])
    if pod:
        code = w.PARTS_OF_DAY[pod.lower()]
        return Found(m.start(), m.end(), "TIME", weekday_value(weekday, rel, "T" + code), mod, rank=2)
    return Found(m.start(), m.end(), "DATE", weekday_value(weekday, rel), mod, rank=2)


def _h_clock(m, text):
    h = int(m["h"]) if m["h"].isdigit() else w.number_value(m["h"])
    if h is None or h > 24:
        return None
    mi = int(m["mi"]) if m["mi"] else 0
    if mi > 59:
        return None
    ap = (m["ap"] or "").lower().replace(".", "").replace(" ", "")
    if ap == "pm" and h < 12:
        h += 12
    elif ap == "am" and h == 12:
        h = 0
    elif not ap and not m["oc"] and not m["tz"]:
        # a bare '10:30' only after a word that introduces a time ('$1.15' is money)
        if not m["mi"] or ":" not in m.group() or not re.search(
                r"\b(?:at|by|until|till|from|before|after|around|about|since)\s+$",
                text[max(0, m.start() - 8):m.start("h")], re.I):
            return None
    clock = f"T{h:02d}:{mi:02d}"
    return _timed(m, clock)


def _h_noon(m, text):
    word = m["n"].lower()
    clock = "T24:00" if word == "midnight" else "T12:00"
    return _timed(m, clock)


def _timed(m, clock):
    dow = m["dow"]
    if dow:
        low = dow.lower()
        if low in ("today", "yesterday", "tomorrow", "tonight"):
            n = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[low]
            return Found(m.start(), m.end(), "TIME", shifted("day", n, clock), rank=3)
        return Found(m.start(), m.end(), "TIME", weekday_value(w.WEEKDAYS[low], None, clock), rank=3)
    return Found(m.start(), m.end(), "TIME", ref_day_value(0, clock), amount_mod(m["amod"]), rank=3)


def _h_ref(m, text):
    word = norm(m["w"])
    value = w.REFS.get(word)
    if value is None:
        return None
    if word == "current" and re.match(r"\s+(?:account|affairs|events|flows?|of|and|through)\b",
                                      text[m.end():m.end() + 12], re.I):
        return None
    if word == "the past" and re.match(r"\s+(?:\d|few|several|two|three|four|five|six|seven|eight|nine|ten)",
                                       text[m.end():m.end() + 8], re.I):
        return None
    return Found(m.start(), m.end(), "DATE", value)


_SET_WORDS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y",
              "annually": "P1Y", "annual": None, "quarterly": "P1Q", "hourly": "PT1H",
              "nightly": "P1D", "biweekly": "P2W", "semiannually": "P6M", "biannually": "P6M"}


def _h_set_word(m, text):
    value = _SET_WORDS.get(m["w"].lower())
    if value == "P1Q" and re.match(r"\s+(?:cash\s+)?(?:dividends?|results|earnings|reports?|profits?|loss|payments?|rate)\b",
                                   text[m.end():m.end() + 24], re.I):
        return None  # 'its quarterly dividend': a label of the payment, not a time
    return Found(m.start(), m.end(), "SET", value) if value else None


def _h_set_every(m, text):
    what = m["u"].lower()
    if what.rstrip("s") in w.WEEKDAYS or what in w.WEEKDAYS:
        return Found(m.start(), m.end(), "SET", f"XXXX-WXX-{w.WEEKDAYS[what]}")
    if what in w.MONTHS and len(what) > 3:
        return Found(m.start(), m.end(), "SET", f"XXXX-{w.MONTHS[what]:02d}")
    if what in w.SEASONS:
        return Found(m.start(), m.end(), "SET", f"XXXX-{w.SEASONS[what]}")
    if what in ("morning", "afternoon", "evening", "night"):
        return Found(m.start(), m.end(), "SET", f"XXXX-XX-XXT{w.PARTS_OF_DAY[what]}")
    unit = w.unit_key(what)
    if unit is None:
        return None
    n = w.number_value(m["n"]) if m["n"] else (2 if m["other"] else 1)
    if n is None:
        return None
    return Found(m.start(), m.end(), "SET", duration_value(n, unit))


def _h_set_per(m, text):
    """'twice a year', '$5 million a year', '300 a day': the 'a year' is a SET."""
    before = text[max(0, m.start() - 24):m.start()]
    if not re.search(r"(?:\b(?:once|twice|thrice|times|percent|cents?|dollars?|million|billion|trillion"
                     r"|thousand|hundreds?|dozens?|miles|kilometers|barrels|tons|people|deaths)|%|\d)\s*$",
                     before, re.I):
        return None
    unit = w.unit_key(m["u"])
    return Found(m.start(), m.end(), "SET", duration_value(1, unit)) if unit else None


def _h_at_night(m, text):
    return Found(m.start(), m.end(), "SET", "XXXX-XX-XXTNI")


def _h_anaphor(m, text):
    word = norm(m["w"])
    unit = m["u"].lower()
    if unit == "day":
        step = {"the next": 1, "the following": 1, "the previous": -1, "the day before": -1}.get(word, 0)
        return Found(m.start(), m.end(), "DATE", ref_day_value(step))
    if unit in ("morning", "afternoon", "evening", "night"):
        step = {"the next": 1, "the following": 1, "the previous": -1}.get(word, 0)
        return Found(m.start(), m.end(), "TIME", ref_day_value(step, "T" + w.PARTS_OF_DAY[unit]))
    return None


def _h_day_before(m, text):
    step = -1 if m["w"].lower() == "before" else 1
    return Found(m.start(), m.end(), "DATE", ref_day_value(step))


def _h_year_adj(m, text):
    word = m["w"].lower().replace(" ", "-")
    if word in ("year-earlier", "year-ago", "year-before", "year-previous"):
        return Found(m.start(), m.end(), "DATE", year_earlier)
    return None


def _h_holiday(m, text):
    name = norm(m["h"]).replace("’", "'")
    year = int(m["y"]) if m["y"] else None
    movable = w.MOVABLE_HOLIDAYS.get(name)
    if movable:
        return Found(m.start(), m.end(), "DATE", holiday_value(movable, year, m["rel"]))
    month, day = w.HOLIDAYS.get(name, (None, None))
    if month is None:
        return None
    return Found(m.start(), m.end(), "DATE", month_value(month, day, year, m["rel"], 0))


# ------------------------------------------------------------------ patterns

_PM = rf"(?P<pm>{w.POINT_MOD_RE})?"
_REL_M = r"(?:(?P<rel>last|next|this\s+past|this\s+coming|this|the\s+following|the\s+previous|coming|past)\s+)?"

_RULES: list[tuple[str, Callable, tuple[str, ...]]] = [
    (rf"{B}(?P<y>\d{{4}})-(?P<m>\d\d)-(?P<d>\d\d)(?:[T ](?P<hh>[01]\d|2[0-3]):(?P<mi>[0-5]\d))?(?!\d)", _h_iso, ("ISO",)),
    (rf"{B}(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})/(?P<y>(?:19|20)\d\d){E}", _h_slash, ("ISO",)),
    (rf"{B}(?:(?P<dow>{w.WEEKDAY}),?\s+)?{_PM}(?:the\s+)?(?P<mon>{w.MONTH_ANY})\s*(?P<d>{DAYNUM})"
     rf"(?:(?:,\s*|\s+)(?P<y>{YEAR}))?{E}", _h_full_date, ("MONTH",)),
    (rf"{B}(?:(?P<dow>{w.WEEKDAY}),?\s+)?{_PM}(?:the\s+)?(?P<d>{DAYNUM})\s+(?:of\s+)?(?P<mon>{w.MONTH_ANY})"
     rf"(?:,?\s+(?P<y>{YEAR}))?{E}", _h_full_date, ("MONTH",)),
    (rf"{B}{_PM}(?P<mon>{w.MONTH_ANY})(?:\s+of)?,?\s+(?P<y>{YEAR}){E}", _h_month_year, ("MONTH",)),
    (rf"{B}{_PM}{_REL_M}(?P<mon>{w.MONTH_FULL}){E}(?!\s*\d)", _h_month, ("MONTH",)),
    (rf"{B}{_PM}(?:(?P<fy>fiscal(?:\s+year)?|the\s+(?:calendar\s+)?year|calendar\s+year|model\s+year)\s+)?"
     rf"(?P<y>{YEAR}){E}(?!['’]?s\b)", _h_year, ("YEAR4",)),
    (rf"{B}(?:the\s+year\s+)?(?P<a>nineteen|eighteen)[\s-]+(?P<b>(?:twenty|thirty|forty|fifty|sixty|seventy"
     rf"|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen"
     rf"|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred){E}", _h_spoken_year, ("SPOKEN",)),
    (rf"{B}the\s+year\s+two\s+thousand(?:\s+(?:and\s+)?(?P<b>one|two|three|four|five|six|seven|eight|nine|ten"
     rf"|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty))?{E}", _h_year_2000, ("SPOKEN",)),
    (rf"{B}(?:the\s+)?{_PM}(?:(?P<dec>(?:1[0-9]|20)\d0)['’]?s|['’](?P<short>\d0)['’]?s"
     rf"|(?P<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)){E}", _h_decade, ("DECADE",)),
    (rf"{B}(?:the\s+)?{_PM}(?P<ord>{w.ORDINAL})[\s-]+century{E}", _h_century, ("CENTURY",)),
    (rf"{B}{_PM}(?:(?P<rel>last|next|this\s+past|this\s+coming|this|the|early|late)\s+)?"
     rf"(?P<s>spring|summer|fall|autumn|winter)(?:\s+(?:of\s+)?(?P<y>{YEAR}))?{E}", _h_season, ("SEASON",)),
    (rf"{B}(?:(?P<rel3>this|last|next)\s+year['’]s\s+)?(?:the\s+)?(?:(?P<rel>fiscal|latest|current|previous|past|last|next|coming|same|recent"
     rf"|year[\s-]earlier|year[\s-]ago|comparable)\s+)?(?:fiscal\s+)?(?:(?P<y0>{YEAR})\s+)?(?P<ord>first|second|third|fourth|last|final|1st|2nd|3rd"
     rf"|4th)[\s-]+(?:fiscal\s+)?(?P<q>quarter|half)(?:\s+of\s+(?:(?:fiscal\s+)?(?P<y>{YEAR})"
     rf"|(?P<rel2>this|last|next|the)\s+(?:fiscal\s+)?year))?{E}", _h_quarter, ("QUARTER",)),
    (rf"{B}(?:(?P<q>Q[1-4])|(?P<q2>[1-4]Q))(?:\s+(?P<y>{YEAR}|['’]\d\d))?{E}",
     lambda m, t: _h_q_short(_QShort(m), t), ("QSHORT",)),
    (rf"{B}(?P<rel>the\s+(?:latest|current|same|past|last|previous|next|coming|following|year[\s-]earlier"
     rf"|year[\s-]ago)|last|this|next|current|that)\s+(?:fiscal\s+)?quarter{E}", _h_rel_quarter, ("QUARTER",)),
    # earnings reports: 'the latest period' is the quarter reported, 'the year-ago period' its twin
    (rf"{B}(?P<rel>the\s+(?:latest|year[\s-]earlier|year[\s-]ago|comparable\s+year[\s-]ago))\s+period{E}",
     _h_rel_quarter, ("PERIOD",)),
    (rf"{B}{_PM}(?P<rel>this\s+past|this\s+coming|this|last|next|past|coming|current"
     rf"|the\s+(?:past|last|next|coming|previous|following|current|same)|that)\s+"
     rf"(?P<unit>week|weekend|month|year|decade|century|fortnight){E}", _h_rel_unit, ("UNIT",)),
    (rf"{B}{_PM}the\s+(?P<unit>year|week|month|weekend|quarter){E}"
     r"(?!-|\s+(?:of|before|after|that|when|in\s+which)\b)", _h_the_unit, ("UNIT",)),
    (rf"{B}the\s+week\s+of\s+(?P<mon>{w.MONTH_ANY})\s*(?P<d>{DAYNUM})(?:,?\s+(?P<y>{YEAR}))?{E}", _h_week_of, ("UNIT",)),
    (rf"{B}(?P<mon>{w.MONTH_FULL})\s+(?P<rel>this|last|next)\s+year{E}", _h_month_rel_year, ("MONTH",)),
    (rf"{B}{_PM}(?P<w>the\s+(?:(?:latest|current|last|previous)\s+)?(?:full|fiscal|calendar)\s+year|year[\s-]end"
     rf"|year['’]s\s+end){E}", _h_fiscal_year, ("UNIT",)),
    (rf"{B}(?:(?P<amod>{w.AMOUNT_MOD_RE})\s+)?(?:(?P<det>the|these|those|its|their|his|her)\s+)?"
     rf"(?:(?P<rel>past|last|next|coming|first|final|previous|following|latest|remaining|initial|ensuing"
     rf"|subsequent|same)\s+)?"
     rf"(?P<num>\d+(?:\.\d+)?(?:\s+\d/\d)?|{w.NUMBER_WORD}|{w.FUZZY_RE}|an|a)(?:\s+or\s+so)?[\s-]+"
     rf"(?:(?:more|additional|further|full|straight|consecutive|long|whole|trading|working|business)[\s-]+)?"
     rf"(?P<unit>{w.UNIT_RE})(?:[\s-]+(?P<half>and\s+a\s+half))?"
     rf"(?:(?:[\s-]+(?P<post>ago|earlier|before|later|after|from\s+now|hence))"
     rf"|(?:-long|-old|[\s-]+old)|\s+of\s+(?:this|last|next)\s+year)?{E}", _h_duration, ("UNIT",)),
    (rf"{B}(?:(?P<pre>the\s+(?:past|last|next|coming|recent)|recent|coming|past|these|those|the)\s+)?"
     rf"(?P<unit>years|months|weeks|days|hours|decades|centuries){E}", _h_fuzzy_units, ("UNIT",)),
    (rf"{B}{_PM}(?P<w>today|tonight|yesterday|tomorrow|(?:the\s+)?day\s+(?:before\s+yesterday|after\s+tomorrow))"
     rf"(?:\s+(?P<pod>morning|afternoon|evening|night))?{E}", _h_dayword, ("DAYWORD",)),
    (rf"{B}(?:(?P<rel>this|last|overnight)\s+)?(?P<pod>morning|afternoon|evening|night){E}", _h_part_of_day, ("POD",)),
    (rf"{B}(?P<pod>overnight){E}", lambda m, t: Found(m.start(), m.end(), "TIME", shifted("day", -1, "TNI")), ("POD",)),
    (rf"{B}{_PM}(?:(?P<rel>last|next|this\s+past|this\s+coming|this|the\s+previous|the\s+following"
     rf"|the\s+next|coming|past)\s+)?(?:(?P<pod2>morning|afternoon|evening|night)\s+(?:of\s+)?)?"
     rf"(?P<dow>{w.WEEKDAY})(?P<pl>s)?(?:\s+(?P<pod>morning|afternoon|evening|night)(?P<pl2>s)?)?{E}", _h_weekday,
     ("DOW",)),
    (rf"{B}the\s+(?P<y>{YEAR})\s+(?:quarter|period){E}", _h_year_quarter, ("YEAR4",)),
    (rf"{B}(?:(?P<amod>about|around|approximately|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?(?P<h>\d{{1,2}}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
     rf"(?:[:.](?P<mi>[0-5]\d))?(?:\s*(?P<ap>[ap]\.?\s?m\b\.?)|\s+(?P<oc>o['’]clock))?(?:\s+(?P<tz>(?-i:[A-Z]{{2,4}}T|GMT|UTC)"
     rf"(?![a-z])|local\s+time))?(?:,?\s+(?:on\s+)?(?P<dow>{w.WEEKDAY}|today|yesterday|tomorrow|tonight))?"
     rf"(?![\w:])", _h_clock, ("CLOCK",)),
    (rf"{B}(?<!high\s)(?:(?P<amod>about|around|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?(?P<n>noon|midnight|midday)"
     rf"(?:,?\s+(?:on\s+)?(?P<dow>{w.WEEKDAY}|today|yesterday|tomorrow))?{E}", _h_noon, ("CLOCK",)),
    (rf"{B}(?P<w>right\s+now|just\s+now|now|currently|current|these\s+days|nowadays|at\s+present|presently"
     rf"|recently|lately|the\s+past|the\s+(?:near|immediate|foreseeable)\s+future|the\s+future"
     rf"|the\s+(?:near|short|long)\s+term|the\s+long\s+run){E}", _h_ref, ("REF",)),
    (rf"{B}(?P<w>daily|weekly|monthly|yearly|annually|quarterly|hourly|nightly|biweekly|semiannually"
     rf"|biannually){E}", _h_set_word, ("SETW",)),
    (rf"{B}(?:every|each)\s+(?:(?P<other>other)\s+|single\s+)?(?:(?P<n>\d+|two|three|four|five|six|seven|eight"
     rf"|nine|ten|twelve|few)\s+)?(?P<u>days?|weeks?|months?|years?|hours?|minutes?|quarters?|weekends?|morning"
     rf"|afternoon|evening|night|summer|spring|winter|fall|autumn|{w.WEEKDAY}|{w.MONTH_FULL}){E}", _h_set_every, ("SETW",)),
    (rf"{B}(?:a|an|per)\s+(?P<u>day|week|month|year|hour|minute|quarter){E}", _h_set_per, ("UNIT",)),
    (rf"{B}at\s+night{E}", _h_at_night, ("POD",)),
    (rf"{B}(?P<w>that|the\s+same|the\s+next|the\s+following|the\s+previous)\s+(?P<u>day|morning|afternoon"
     rf"|evening|night){E}", _h_anaphor, ("UNIT", "POD")),
    (rf"{B}the\s+day\s+(?P<w>before|after){E}(?=\s*(?:[,.;:!?)]|$))", _h_day_before, ("UNIT",)),
    (rf"{B}(?P<w>year[\s-](?:earlier|ago|before|previous)){E}", _h_year_adj, ("UNIT",)),
    (rf"{B}(?:(?P<rel>last|next|this)\s+)?(?P<h>christmas\s+(?:day|eve)|christmas|new\s+year['’]s(?:\s+(?:day|eve))?|thanksgiving(?:\s+day)?|easter(?:\s+sunday)?"
     rf"|valentine['’]s\s+day|halloween|boxing\s+day|bastille\s+day|armistice\s+day|veterans\s+day)"
     rf"(?:,?\s+(?P<y>{YEAR}))?{E}", _h_holiday, ("HOLIDAY",)),
]


class _QShort:
    """Adapts the 'Q3 2014' / '3Q' match to the quarter handler's groups."""

    def __init__(self, m):
        self._m = m
        q = m["q"] or m["q2"]
        y = m["y"]
        if y and y[0] in "'’":
            y = y[1:]
        self._g = {"q": re.search(r"\d", q).group(), "y": y}

    def __getitem__(self, key):
        return self._g[key]

    def start(self):
        return self._m.start()

    def end(self):
        return self._m.end()


COMPILED = [(re.compile(p, re.I), h) for p, h, _ in _RULES]

# Every rule needs one of a few cheap words. One pass over the words finds them; each rule
# then runs only in windows around its own trigger words, which keeps the grammar off
# most of the text (scanning all of it with every rule costs ten times as much).
_WORDS_OF = {
    "MONTH": list(w.MONTHS),
    "SPOKEN": ["nineteen", "eighteen", "thousand"],
    "DECADE": ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"],
    "CENTURY": ["century"],
    "SEASON": list(w.SEASONS),
    "QUARTER": ["quarter", "half"],
    "PERIOD": ["period"],
    "QSHORT": ["q1", "q2", "q3", "q4", "1q", "2q", "3q", "4q"],
    "UNIT": ["second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "night", "nights",
             "week", "weeks", "fortnight", "fortnights", "month", "months", "quarter", "quarters", "year",
             "years", "decade", "decades", "century", "centuries", "millennium", "millennia", "weekend",
             "weekends"],
    "DAYWORD": ["today", "tonight", "yesterday", "tomorrow"],
    "POD": ["morning", "afternoon", "evening", "night", "overnight"],
    "DOW": list(w.WEEKDAYS) + [d + "s" for d in w.WEEKDAYS],
    "CLOCK": ["am", "pm", "m", "noon", "midnight", "midday", "clock", "gmt", "utc", "est", "edt", "cst",
              "cdt", "pst", "pdt", "mst", "mdt"],
    "REF": ["now", "current", "currently", "days", "nowadays", "present", "presently", "recent",
            "recently", "lately", "past", "future", "term", "run"],
    "SETW": ["daily", "weekly", "monthly", "yearly", "annually", "quarterly", "hourly", "nightly",
             "biweekly", "semiannually", "biannually", "every", "each"],
    "HOLIDAY": ["christmas", "new", "valentine", "halloween", "boxing", "bastille", "armistice", "veterans",
                "thanksgiving", "easter"],
}
_CLASSES_OF: dict[str, tuple[str, ...]] = {}
for _cls, _words in _WORDS_OF.items():
    for _word in _words:
        _CLASSES_OF[_word] = _CLASSES_OF.get(_word, ()) + (_cls,)
_TOKEN = re.compile(r"[^\W_]+")
_RULES_FOR: dict[str, list[int]] = {}
for _i, (_p, _h, _classes) in enumerate(_RULES):
    for _c in _classes:
        _RULES_FOR.setdefault(_c, []).append(_i)
_BEFORE, _AFTER = 56, 36  # no rule reaches further than this from its trigger word
_WORD_END = re.compile(r"[\w.'’]*")


def _trigger_classes(text: str):
    """(class, start, end) for each word some rule needs, in text order."""
    for t in _TOKEN.finditer(text):
        word = t.group()
        if word[0].isdigit():
            n = len(word)
            if n == 4 and word.isdigit():
                yield "YEAR4", t.start(), t.end()
                if text[t.end():t.end() + 1] in "-/":
                    yield "ISO", t.start(), t.end()
            elif word.endswith("0s") and word[:-1].isdigit():
                yield "DECADE", t.start(), t.end()
            elif word.isdigit():
                nxt = text[t.end():t.end() + 1]
                if nxt == ":" or nxt == "/":
                    yield ("CLOCK" if nxt == ":" else "ISO"), t.start(), t.end()
            else:
                low = word.lower()
                if low[-2:] in ("am", "pm") or low in _CLASSES_OF:
                    yield "CLOCK" if low[-2:] in ("am", "pm") else _CLASSES_OF[low][0], t.start(), t.end()
            continue
        classes = _CLASSES_OF.get(word.lower())
        if classes:
            for cls in classes:
                yield cls, t.start(), t.end()


def find(text: str) -> list[Found]:
    """Every candidate temporal expression in ``text`` (overlapping ones included)."""
    near: dict[int, list[tuple[int, int]]] = {}
    for cls, start, end in _trigger_classes(text):
        for i in _RULES_FOR.get(cls, ()):
            near.setdefault(i, []).append((max(0, start - _BEFORE), end + _AFTER))
    out: list[Found] = []
    size = len(text)
    for i, spans in near.items():
        rx, handler = COMPILED[i]
        lo, hi = spans[0]
        for s, e in spans[1:] + [(1 << 60, 1 << 60)]:
            if s <= hi:
                hi = max(hi, e)
                continue
            hi = min(size, _WORD_END.match(text, min(hi, size)).end())
            for m in rx.finditer(text, lo, hi):
                if m.end() > m.start():
                    found = handler(m, text)
                    if found is not None:
                        out.append(found)
            lo, hi = s, e
    return out
