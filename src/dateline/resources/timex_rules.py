"""What each TIMEX3 pattern means: one handler per rule of ``timex_grammar``.

A handler gets the regex match and the text and returns a ``Found`` (or None to reject
the match): its TIMEX3 type, mod and a value that is either final (an absolute date, a
duration) or a function of the ``Context``: the publication date, the tense of the clause
and the dates mentioned earlier (TimeML's reference time).

Conventions follow the TimeML 1.2.1 guidelines as TimeBank applies them: weekday names
mean the day in the publication week (past tense on or before it, future on or after);
"last October" is the latest October before the publication month; "two weeks ago" is a
week; "the past month" is a DURATION; spans keep the determiner and the amount modifier
("the past two years", "more than two years") but not the preposition.
"""

from __future__ import annotations

import re

from . import timex_calendar as cal
from . import timex_words as w
from .timex_values import (Context, Found, amount_mod, duration_value, holiday_value, month_value, norm,
                           point_mod, quarter_value, ref_day_value, ref_quarter_value, shifted,
                           weekday_value, weekend_value, which_way, year_earlier)

# Pattern pieces the grammar builds its rules from.
B = r"(?<![\w'’])"  # left word boundary (no letter, digit or apostrophe before)
E = r"(?![\w])"  # right word boundary
DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)"
YEAR = r"(?:1[0-9]\d\d|20\d\d)(?!\d|[.,:]\d|\s*(?:%|per\s*cent|percent))"



def on_iso(m, text):
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    day = cal.safe_date(y, mo, d)
    if not day:
        return None
    value = cal.fmt_day(day)
    if m["hh"]:
        value += f"T{int(m['hh']):02d}:{m['mi']}"
        return Found(m.start(), m.end(), "TIME", value)
    return Found(m.start(), m.end(), "DATE", value)


def on_slash(m, text):
    """'7/4/2014' (US) or '04/07/2014' (most of the world): when both readings are real
    days, the one nearer the publication date wins; without one, the US reading."""
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    readings = [d for d in (cal.safe_date(y, a, b), cal.safe_date(y, b, a)) if d]
    if not readings:
        return None
    if len(readings) == 1 or readings[0] == readings[1]:
        return Found(m.start(), m.end(), "DATE", cal.fmt_day(readings[0]))

    def value(ctx: Context) -> str:
        here = ctx.anchor.date or (cal.safe_date(ctx.anchor.year, ctx.anchor.month or 7, 1)
                                   if ctx.anchor.year else None)
        if here is None:
            return cal.fmt_day(readings[0])
        return cal.fmt_day(min(readings, key=lambda d: abs((d - here).days)))
    return Found(m.start(), m.end(), "DATE", value)


def _month_ok(m, group="mon") -> str | None:
    """None when a month word is really a verb or modal ('may', 'march'); else a check."""
    word = m[group]
    low = word.lower().rstrip(".")
    if low in ("may", "march") and word[0].islower() and not word.isupper():
        return "reject"
    if low == "may" or (low == "march" and not m.groupdict().get("d")):
        return "propn"
    return None


def on_full_date(m, text):
    month = w.month_number(m["mon"])
    day = int(re.match(r"\d+", m["d"]).group())
    year = int(m["y"]) if m["y"] else None
    check = _month_ok(m)
    if check == "reject" or not cal.safe_date(year or 2000, month, day):
        return None
    weekday = w.WEEKDAYS[m["dow"].lower()] if m["dow"] else None
    # a day number before the month ('25 May') is a date whatever the tagger makes of 'May'
    if year or m.start("d") < m.start("mon"):
        check = None
    return Found(m.start(), m.end(), "DATE", month_value(month, day, year, None, 0, weekday),
                 point_mod(m["pm"]), check, rank=3, check_at=m.start("mon"))


def on_month_year(m, text):
    month = w.month_number(m["mon"])
    check = _month_ok(m)
    if check == "reject":
        return None
    return Found(m.start(), m.end(), "DATE", f"{int(m['y']):04d}-{month:02d}", point_mod(m["pm"]),
                 rank=3)


def on_month(m, text):
    check = _month_ok(m)
    if check == "reject":
        return None
    if not m["rel"] and not m["pm"] and (
            re.search(r"\bannual\s+$", text[max(0, m.start() - 16):m.start()], re.I)
            or re.match(r"\s+(?:for|of|on|to)\s+(?:the\s+)?[A-Z]", text[m.end():m.end() + 20])):
        return None  # a march, not a month: 'the March for Life', 'the March of the Mothers' 
    month = w.month_number(m["mon"])
    return Found(m.start(), m.end(), "DATE", month_value(month, None, None, m["rel"], 0),
                 point_mod(m["pm"]), check if not m["rel"] and not m["pm"] else None, rank=2,
                 check_at=m.start("mon"))


def on_year(m, text):
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


def on_spoken_year(m, text):
    head = w.ONES[m["a"].lower()]
    tail = w.number_value(m["b"]) if m["b"].lower() != "hundred" else 0
    if tail is None or tail >= 100:
        return None
    return Found(m.start(), m.end(), "DATE", f"{head * 100 + int(tail):04d}")


def on_year_2000(m, text):
    tail = w.number_value(m["b"]) if m["b"] else 0
    if tail is None or tail >= 100:
        return None
    return Found(m.start(), m.end(), "DATE", f"{2000 + int(tail):04d}")


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                 "seventies": 7, "eighties": 8, "nineties": 9}


def on_decade(m, text):
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


def on_century(m, text):
    n = w.ordinal_value(m["ord"])
    if not n or n < 1 or n > 21:
        return None
    return Found(m.start(), m.end(), "DATE", f"{n - 1:02d}", point_mod(m["pm"]))


def on_season(m, text):
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


def on_quarter(m, text):
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


def on_q_short(m, text):
    q = int(m["q"])
    if m["y"]:
        y = int(m["y"]) if len(m["y"]) == 4 else 2000 + int(m["y"])
        return Found(m.start(), m.end(), "DATE", f"{y:04d}-Q{q}")
    return Found(m.start(), m.end(), "DATE", quarter_value(q, None, None))


def on_rel_quarter(m, text):
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


def on_rel_unit(m, text):
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


def on_the_unit(m, text):
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


def on_week_of(m, text):
    month = w.month_number(m["mon"])
    day = int(re.match(r"\d+", m["d"]).group())
    year = int(m["y"]) if m["y"] else None
    day_value = month_value(month, day, year, None, 0)

    def value(ctx: Context) -> str:
        v = day_value(ctx) if callable(day_value) else day_value
        d = cal.safe_date(int(v[:4]), month, day) if v[:4].isdigit() else None
        return cal.fmt_week(d) if d else "XXXX-WXX"
    return Found(m.start(), m.end(), "DATE", value, rank=3)


def on_month_rel_year(m, text):
    month = w.month_number(m["mon"])
    shift = {"this": 0, "last": -1, "next": 1}[m["rel"].lower()]

    def value(ctx: Context) -> str:
        y = ctx.anchor.year
        return f"{y + shift:04d}-{month:02d}" if y else f"XXXX-{month:02d}"
    return Found(m.start(), m.end(), "DATE", value, rank=3)


def on_fiscal_year(m, text):
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


def on_duration(m, text):
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


def on_fuzzy_units(m, text):
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


def on_dayword(m, text):
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


def on_part_of_day(m, text):
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


def on_year_quarter(m, text):
    """'the 1988 quarter', 'the 1988 period': that year's instance of the quarter in view."""
    y = int(m["y"])

    def value(ctx: Context) -> str:
        if ctx.ref.quarter and ctx.at - ctx.ref.quarter_at < 2000:
            return f"{y:04d}-Q{ctx.ref.quarter[1]}"
        return f"{y:04d}"
    value.from_ref = True
    return Found(m.start(), m.end(), "DATE", value, rank=2)


def on_weekday(m, text):
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


def on_clock(m, text):
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


def on_noon(m, text):
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


def on_ref(m, text):
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


def on_set_word(m, text):
    value = _SET_WORDS.get(m["w"].lower())
    if value == "P1Q" and re.match(r"\s+(?:cash\s+)?(?:dividends?|results|earnings|reports?|profits?|loss|payments?|rate)\b",
                                   text[m.end():m.end() + 24], re.I):
        return None  # 'its quarterly dividend': a label of the payment, not a time
    return Found(m.start(), m.end(), "SET", value) if value else None


def on_set_every(m, text):
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


def on_set_per(m, text):
    """'twice a year', '$5 million a year', '300 a day': the 'a year' is a SET."""
    before = text[max(0, m.start() - 24):m.start()]
    if not re.search(r"(?:\b(?:once|twice|thrice|times|percent|cents?|dollars?|million|billion|trillion"
                     r"|thousand|hundreds?|dozens?|miles|kilometers|barrels|tons|people|deaths)|%|\d)\s*$",
                     before, re.I):
        return None
    unit = w.unit_key(m["u"])
    return Found(m.start(), m.end(), "SET", duration_value(1, unit)) if unit else None


def on_at_night(m, text):
    return Found(m.start(), m.end(), "SET", "XXXX-XX-XXTNI")


def on_anaphor(m, text):
    word = norm(m["w"])
    unit = m["u"].lower()
    if unit == "day":
        step = {"the next": 1, "the following": 1, "the previous": -1, "the day before": -1}.get(word, 0)
        return Found(m.start(), m.end(), "DATE", ref_day_value(step))
    if unit in ("morning", "afternoon", "evening", "night"):
        step = {"the next": 1, "the following": 1, "the previous": -1}.get(word, 0)
        return Found(m.start(), m.end(), "TIME", ref_day_value(step, "T" + w.PARTS_OF_DAY[unit]))
    return None


def on_day_before(m, text):
    step = -1 if m["w"].lower() == "before" else 1
    return Found(m.start(), m.end(), "DATE", ref_day_value(step))


def on_year_adj(m, text):
    word = m["w"].lower().replace(" ", "-")
    if word in ("year-earlier", "year-ago", "year-before", "year-previous"):
        return Found(m.start(), m.end(), "DATE", year_earlier)
    return None


def on_holiday(m, text):
    name = norm(m["h"]).replace("’", "'")
    year = int(m["y"]) if m["y"] else None
    movable = w.MOVABLE_HOLIDAYS.get(name)
    if movable:
        return Found(m.start(), m.end(), "DATE", holiday_value(movable, year, m["rel"]))
    month, day = w.HOLIDAYS.get(name, (None, None))
    if month is None:
        return None
    return Found(m.start(), m.end(), "DATE", month_value(month, day, year, m["rel"], 0))
