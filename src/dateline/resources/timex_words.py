"""Word tables for temporal expressions: months, weekdays, numbers, units, seasons, parts of day.

Source: the English calendar and the TIMEX3 value codes of the TimeML 1.2.1 annotation
guidelines (Pustejovsky et al.; seasons SP/SU/FA/WI, parts of day MO/AF/EV/NI, weekends
WE, quarters Qn, halves Hn, PRESENT_REF/PAST_REF/FUTURE_REF). Written by hand for dateline.
"""

from __future__ import annotations

import re

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
# Full names only: an abbreviation on its own ("Mar", "Dec") is too often something else.
MONTH_FULL = r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
MONTH_ANY = (r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
             r"|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?)")

WEEKDAYS = {"monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
            "sunday": 7}
WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"

ONES = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
        "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
        "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
        "nineteen": 19}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
            "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
            "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
            "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
            "twenty-first": 21, "last": -1, "final": -1}

_ONES_RE = "|".join(sorted(ONES, key=len, reverse=True))
_TENS_RE = "|".join(TENS)
NUMBER_WORD = (rf"(?:(?:{_TENS_RE})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
               rf"|{_ONES_RE}|a\s+hundred|one\s+hundred|a\s+dozen|dozen|a\s+couple\s+of|a\s+couple"
               rf"|a\s+half|half\s+a|half\s+an)")
ORDINAL = (r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
           r"|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth"
           r"|twenty-first|\d{1,2}(?:st|nd|rd|th))")

# Vague counts: the TIMEX3 value puts X where the number would be (PXY, PXD...).
FUZZY = {"a few": "X", "few": "X", "several": "X", "some": "X", "many": "X", "a number of": "X",
         "a matter of": "X", "numerous": "X", "a couple of": 2, "couple of": 2,
         "a couple": 2, "two or three": "X", "a handful of": "X"}
FUZZY_RE = (r"(?:a\s+few|few|several|some|many|a\s+number\s+of|a\s+matter\s+of|numerous|couple\s+of"
            r"|a\s+handful\s+of)")

# unit word -> (TIMEX3 duration letter, whether it is a clock unit after "T", years it spans)
UNITS = {
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True), "day": ("D", False),
    "night": ("D", False), "week": ("W", False), "fortnight": ("W", False), "month": ("M", False),
    "quarter": ("Q", False), "year": ("Y", False), "decade": ("DE", False),
    "century": ("CE", False), "millennium": ("ML", False), "weekend": ("WE", False),
}
UNIT_RE = (r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?|years?"
           r"|decades?|centur(?:y|ies)|millenni(?:um|a))")
# Multiples folded into the units TimeBank writes (P10Y for a decade, P2W for a fortnight).
UNIT_SCALE = {"decade": (10, "Y"), "century": (100, "Y"), "millennium": (1000, "Y"),
              "fortnight": (2, "W"), "night": (1, "D")}

SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
                "overnight": "NI", "tonight": "NI", "midday": "MI", "noon": "MI",
                "dawn": "MO", "daybreak": "MO", "dusk": "EV", "nightfall": "EV"}
PART_OF_DAY_RE = r"(?:morning|afternoon|evening|night)"

# prefix -> TIMEX3 mod for points ("late Monday", "early 2014", "the end of June").
POINT_MODS = {"early": "START", "earlier": None, "late": "END", "later": None, "mid": "MID",
              "middle": "MID", "the end": "END", "end": "END", "the beginning": "START",
              "the start": "START", "the middle": "MID", "the close": "END", "the turn": "START"}
POINT_MOD_RE = (r"(?:(?:early|late|mid|the\s+(?:end|beginning|start|middle|close|turn)\s+of"
                r"|earlier|later)(?:\s*-\s*|\s+))")

# prefix -> TIMEX3 mod for amounts ("more than two years", "nearly nine months").
AMOUNT_MODS = {"more than": "MORE_THAN", "over": "MORE_THAN", "upwards of": "MORE_THAN",
               "longer than": "MORE_THAN", "less than": "LESS_THAN", "under": "LESS_THAN",
               "fewer than": "LESS_THAN", "shorter than": "LESS_THAN", "nearly": "APPROX",
               "almost": "APPROX", "about": "APPROX", "around": "APPROX", "roughly": "APPROX",
               "approximately": "APPROX", "some": "APPROX", "close to": "APPROX",
               "at least": "EQUAL_OR_MORE", "no less than": "EQUAL_OR_MORE",
               "up to": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS",
               "at most": "EQUAL_OR_LESS", "just over": "MORE_THAN", "just under": "LESS_THAN",
               "well over": "MORE_THAN", "barely": "APPROX", "only": None, "just": None,
               "within": "EQUAL_OR_LESS"}
# 'just' and 'only' stay outside the span, as TimeBank writes it ('just [a few hours]').
AMOUNT_MOD_RE = (r"(?:(?:more|less|fewer|longer|shorter)\s+than|well\s+(?:over|under)|over"
                 r"|upwards\s+of|under|nearly|almost|about|around|roughly|approximately|close\s+to"
                 r"|at\s+least|no\s+(?:less|more)\s+than|up\s+to|at\s+most|barely|within)")

REFS = {"now": "PRESENT_REF", "right now": "PRESENT_REF", "just now": "PRESENT_REF",
        "currently": "PRESENT_REF", "current": "PRESENT_REF", "these days": "PRESENT_REF",
        "nowadays": "PRESENT_REF", "at present": "PRESENT_REF", "presently": "PRESENT_REF",
        "at the moment": "PRESENT_REF", "the present": "PRESENT_REF",
        "recently": "PAST_REF", "the past": "PAST_REF",
        "lately": "PAST_REF", "in the past": "PAST_REF",
        "the future": "FUTURE_REF", "the near future": "FUTURE_REF",
        "the immediate future": "FUTURE_REF", "the foreseeable future": "FUTURE_REF",
        "the near term": "FUTURE_REF", "the short term": "FUTURE_REF",
        "the long term": "FUTURE_REF", "the long run": "FUTURE_REF",
        "the coming days": "FUTURE_REF"}

# Fixed-date holidays that need no lunar or Easter calendar: name -> (month, day).
HOLIDAYS = {"christmas day": (12, 25), "christmas eve": (12, 24), "christmas": (12, 25),
            "new year's day": (1, 1), "new year's eve": (12, 31), "valentine's day": (2, 14),
            "halloween": (10, 31), "boxing day": (12, 26), "may day": (5, 1),
            "independence day": (7, 4), "bastille day": (7, 14), "armistice day": (11, 11),
            "veterans day": (11, 11), "new year's": (1, 1)}

# Irregular past forms the tagger sometimes reads as present ('forces retook the dam in
# January' tagged VBP); forms shared with the present ('hit', 'put', 'set') are left out.
IRREGULAR_PAST = frozenset("""
    arose ate beat became began bent bit bled blew broke brought built bought caught chose clung
    came crept dealt did dove drew drank drove dug fell fed felt fought found fled flew forbade
    forgot forgave froze gave got went grew hung had heard hid held kept knelt knew laid led leapt
    left lent lay lit lost made meant met mistook overran overtook paid rode rang rose ran said
    saw sought sold sent shook shone shot shrank sang sank sat slew slept slid spoke sped spent
    spun split sprang stood stole stuck stung struck strove swore swept swam swung took taught
    tore told thought threw trod understood undertook upheld woke wore wove wept won withdrew
    wrote retook regained recaptured rebuilt reopened overthrew foresaw
""".split())

# Holidays that move: name -> rule name understood by timex_calendar.holiday_date.
MOVABLE_HOLIDAYS = {"thanksgiving": "thanksgiving", "thanksgiving day": "thanksgiving",
                    "easter": "easter", "easter sunday": "easter"}

_SPACE = re.compile(r"[\s\-]+")


def number_value(text: str) -> float | None:
    """The number a count spells (``"twenty-four"`` 24, ``"2 1/2"`` 2.5, ``"a"`` 1), else None."""
    t = _SPACE.sub(" ", text.lower().replace(",", "")).strip()
    if not t:
        return None
    if t in ("a", "an", "one", "a single", "single"):
        return 1
    if t in ("a half", "half a", "half an", "half"):
        return 0.5
    if t in ("a couple", "a couple of", "couple of", "couple"):
        return 2
    if t in ("a dozen", "dozen"):
        return 12
    if t in ("a hundred", "one hundred", "hundred"):
        return 100
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(?: (\d)/(\d))?", t)
    if m:
        value = float(m.group(1))
        if m.group(2):
            value += int(m.group(2)) / max(1, int(m.group(3)))
        return int(value) if value == int(value) else value
    if t in ONES:
        return ONES[t]
    if t in TENS:
        return TENS[t]
    parts = t.split(" ")
    if len(parts) == 2 and parts[0] in TENS and parts[1] in ONES and ONES[parts[1]] < 10:
        return TENS[parts[0]] + ONES[parts[1]]
    return None


def ordinal_value(text: str) -> int | None:
    """``"third"`` 3, ``"12th"`` 12; None for anything else."""
    t = text.lower().strip()
    if t in ORDINALS:
        return ORDINALS[t]
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)", t)
    return int(m.group(1)) if m else None


def month_number(text: str) -> int | None:
    """1-12 for a month name or abbreviation (with or without its period)."""
    return MONTHS.get(text.lower().rstrip(".").strip())


def unit_key(text: str) -> str | None:
    """The singular unit (``"centuries"`` -> ``"century"``), else None."""
    t = text.lower()
    if t in ("centuries",):
        return "century"
    if t in ("millennia",):
        return "millennium"
    t = t[:-1] if t.endswith("s") and t[:-1] in UNITS else t
    return t if t in UNITS else None
