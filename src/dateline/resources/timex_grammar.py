"""The TIMEX3 grammar: the regular expressions for temporal expressions, and the search.

``find(text)`` returns every candidate ``Found`` (overlaps included; the caller keeps the
longest). Each rule is a pattern, the handler in ``timex_rules`` that reads its match, and
the trigger words it cannot match without: one cheap pass over the words finds those, and
each rule runs only in windows around them.
"""

from __future__ import annotations

import re
from typing import Callable

from . import timex_rules as r
from . import timex_words as w
from .timex_rules import B, DAYNUM, E, YEAR
from .timex_values import Found, shifted


_PM = rf"(?P<pm>{w.POINT_MOD_RE})?"
_REL_M = r"(?:(?P<rel>last|next|this\s+past|this\s+coming|this|the\s+following|the\s+previous|coming|past)\s+)?"

_RULES: list[tuple[str, Callable, tuple[str, ...]]] = [
    (rf"{B}(?P<y>\d{{4}})-(?P<m>\d\d)-(?P<d>\d\d)(?:[T ](?P<hh>[01]\d|2[0-3]):(?P<mi>[0-5]\d))?(?!\d)", r.on_iso, ("ISO",)),
    (rf"{B}(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})/(?P<y>(?:19|20)\d\d){E}", r.on_slash, ("ISO",)),
    (rf"{B}(?:(?P<dow>{w.WEEKDAY}),?\s+)?{_PM}(?:the\s+)?(?P<mon>{w.MONTH_ANY})\s*(?P<d>{DAYNUM})"
     rf"(?:(?:,\s*|\s+)(?P<y>{YEAR}))?{E}", r.on_full_date, ("MONTH",)),
    (rf"{B}(?:(?P<dow>{w.WEEKDAY}),?\s+)?{_PM}(?:the\s+)?(?P<d>{DAYNUM})\s+(?:of\s+)?(?P<mon>{w.MONTH_ANY})"
     rf"(?:,?\s+(?P<y>{YEAR}))?{E}", r.on_full_date, ("MONTH",)),
    (rf"{B}{_PM}(?P<mon>{w.MONTH_ANY})(?:\s+of)?,?\s+(?P<y>{YEAR}){E}", r.on_month_year, ("MONTH",)),
    (rf"{B}{_PM}{_REL_M}(?P<mon>{w.MONTH_FULL}){E}(?!\s*\d)", r.on_month, ("MONTH",)),
    (rf"{B}{_PM}(?:(?P<fy>fiscal(?:\s+year)?|the\s+(?:calendar\s+)?year|calendar\s+year|model\s+year)\s+)?"
     rf"(?P<y>{YEAR}){E}(?!['’]?s\b)", r.on_year, ("YEAR4",)),
    (rf"{B}(?:the\s+year\s+)?(?P<a>nineteen|eighteen)[\s-]+(?P<b>(?:twenty|thirty|forty|fifty|sixty|seventy"
     rf"|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen"
     rf"|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred){E}", r.on_spoken_year, ("SPOKEN",)),
    (rf"{B}the\s+year\s+two\s+thousand(?:\s+(?:and\s+)?(?P<b>one|two|three|four|five|six|seven|eight|nine|ten"
     rf"|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty))?{E}", r.on_year_2000, ("SPOKEN",)),
    (rf"{B}(?:the\s+)?{_PM}(?:(?P<dec>(?:1[0-9]|20)\d0)['’]?s|['’](?P<short>\d0)['’]?s"
     rf"|(?P<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)){E}", r.on_decade, ("DECADE",)),
    (rf"{B}(?:the\s+)?{_PM}(?P<ord>{w.ORDINAL})[\s-]+century{E}", r.on_century, ("CENTURY",)),
    (rf"{B}{_PM}(?:(?P<rel>last|next|this\s+past|this\s+coming|this|the|early|late)\s+)?"
     rf"(?P<s>spring|summer|fall|autumn|winter)(?:\s+(?:of\s+)?(?P<y>{YEAR}))?{E}", r.on_season, ("SEASON",)),
    (rf"{B}(?:(?P<rel3>this|last|next)\s+year['’]s\s+)?(?:the\s+)?(?:(?P<rel>fiscal|latest|current|previous|past|last|next|coming|same|recent"
     rf"|year[\s-]earlier|year[\s-]ago|comparable)\s+)?(?:fiscal\s+)?(?:(?P<y0>{YEAR})\s+)?(?P<ord>first|second|third|fourth|last|final|1st|2nd|3rd"
     rf"|4th)[\s-]+(?:fiscal\s+)?(?P<q>quarter|half)(?:\s+of\s+(?:(?:fiscal\s+)?(?P<y>{YEAR})"
     rf"|(?P<rel2>this|last|next|the)\s+(?:fiscal\s+)?year))?{E}", r.on_quarter, ("QUARTER",)),
    (rf"{B}(?:(?P<q>Q[1-4])|(?P<q2>[1-4]Q))(?:\s+(?P<y>{YEAR}|['’]\d\d))?{E}",
     lambda m, t: r.on_q_short(_QShort(m), t), ("QSHORT",)),
    (rf"{B}(?P<rel>the\s+(?:latest|current|same|past|last|previous|next|coming|following|year[\s-]earlier"
     rf"|year[\s-]ago)|last|this|next|current|that)\s+(?:fiscal\s+)?quarter{E}", r.on_rel_quarter, ("QUARTER",)),
    # earnings reports: 'the latest period' is the quarter reported, 'the year-ago period' its twin
    (rf"{B}(?P<rel>the\s+(?:latest|year[\s-]earlier|year[\s-]ago|comparable\s+year[\s-]ago))\s+period{E}",
     r.on_rel_quarter, ("PERIOD",)),
    (rf"{B}{_PM}(?P<rel>this\s+past|this\s+coming|this|last|next|past|coming|current"
     rf"|the\s+(?:past|last|next|coming|previous|following|current|same)|that)\s+"
     rf"(?P<unit>week|weekend|month|year|decade|century|fortnight){E}", r.on_rel_unit, ("UNIT",)),
    (rf"{B}{_PM}the\s+(?P<unit>year|week|month|weekend|quarter){E}"
     r"(?!-|\s+(?:of|before|after|that|when|in\s+which)\b)", r.on_the_unit, ("UNIT",)),
    (rf"{B}the\s+week\s+of\s+(?P<mon>{w.MONTH_ANY})\s*(?P<d>{DAYNUM})(?:,?\s+(?P<y>{YEAR}))?{E}", r.on_week_of, ("UNIT",)),
    (rf"{B}(?P<mon>{w.MONTH_FULL})\s+(?P<rel>this|last|next)\s+year{E}", r.on_month_rel_year, ("MONTH",)),
    (rf"{B}{_PM}(?P<w>the\s+(?:(?:latest|current|last|previous)\s+)?(?:full|fiscal|calendar)\s+year|year[\s-]end"
     rf"|year['’]s\s+end){E}", r.on_fiscal_year, ("UNIT",)),
    (rf"{B}(?:(?P<amod>{w.AMOUNT_MOD_RE})\s+)?(?:(?P<det>the|these|those|its|their|his|her)\s+)?"
     rf"(?:(?P<rel>past|last|next|coming|first|final|previous|following|latest|remaining|initial|ensuing"
     rf"|subsequent|same)\s+)?"
     rf"(?P<num>\d+(?:\.\d+)?(?:\s+\d/\d)?|{w.NUMBER_WORD}|{w.FUZZY_RE}|an|a)(?:\s+or\s+so)?[\s-]+"
     rf"(?:(?:more|additional|further|full|straight|consecutive|long|whole|trading|working|business)[\s-]+)?"
     rf"(?P<unit>{w.UNIT_RE})(?:[\s-]+(?P<half>and\s+a\s+half))?"
     rf"(?:(?:[\s-]+(?P<post>ago|earlier|before|later|after|from\s+now|hence))"
     rf"|(?:-long|-old|[\s-]+old)|\s+of\s+(?:this|last|next)\s+year)?{E}", r.on_duration, ("UNIT",)),
    (rf"{B}(?:(?P<pre>the\s+(?:past|last|next|coming|recent)|recent|coming|past|these|those|the)\s+)?"
     rf"(?P<unit>years|months|weeks|days|hours|decades|centuries){E}", r.on_fuzzy_units, ("UNIT",)),
    (rf"{B}{_PM}(?P<w>today|tonight|yesterday|tomorrow|(?:the\s+)?day\s+(?:before\s+yesterday|after\s+tomorrow))"
     rf"(?:\s+(?P<pod>morning|afternoon|evening|night))?{E}", r.on_dayword, ("DAYWORD",)),
    (rf"{B}(?:(?P<rel>this|last|overnight)\s+)?(?P<pod>morning|afternoon|evening|night){E}", r.on_part_of_day, ("POD",)),
    (rf"{B}(?P<pod>overnight){E}", lambda m, t: Found(m.start(), m.end(), "TIME", shifted("day", -1, "TNI")), ("POD",)),
    (rf"{B}{_PM}(?:(?P<rel>last|next|this\s+past|this\s+coming|this|the\s+previous|the\s+following"
     rf"|the\s+next|coming|past)\s+)?(?:(?P<pod2>morning|afternoon|evening|night)\s+(?:of\s+)?)?"
     rf"(?P<dow>{w.WEEKDAY})(?P<pl>s)?(?:\s+(?P<pod>morning|afternoon|evening|night)(?P<pl2>s)?)?{E}", r.on_weekday,
     ("DOW",)),
    (rf"{B}the\s+(?P<y>{YEAR})\s+(?:quarter|period){E}", r.on_year_quarter, ("YEAR4",)),
    (rf"{B}(?:(?P<amod>about|around|approximately|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?(?P<h>\d{{1,2}}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
     rf"(?:[:.](?P<mi>[0-5]\d))?(?:\s*(?P<ap>[ap]\.?\s?m\b\.?)|\s+(?P<oc>o['’]clock))?(?:\s+(?P<tz>(?-i:[A-Z]{{2,4}}T|GMT|UTC)"
     rf"(?![a-z])|local\s+time))?(?:,?\s+(?:on\s+)?(?P<dow>{w.WEEKDAY}|today|yesterday|tomorrow|tonight))?"
     rf"(?![\w:])", r.on_clock, ("CLOCK",)),
    (rf"{B}(?<!high\s)(?:(?P<amod>about|around|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?(?P<n>noon|midnight|midday)"
     rf"(?:,?\s+(?:on\s+)?(?P<dow>{w.WEEKDAY}|today|yesterday|tomorrow))?{E}", r.on_noon, ("CLOCK",)),
    (rf"{B}(?P<w>right\s+now|just\s+now|now|currently|current|these\s+days|nowadays|at\s+present|presently"
     rf"|recently|lately|the\s+past|the\s+(?:near|immediate|foreseeable)\s+future|the\s+future"
     rf"|the\s+(?:near|short|long)\s+term|the\s+long\s+run){E}", r.on_ref, ("REF",)),
    (rf"{B}(?P<w>daily|weekly|monthly|yearly|annually|quarterly|hourly|nightly|biweekly|semiannually"
     rf"|biannually){E}", r.on_set_word, ("SETW",)),
    (rf"{B}(?:every|each)\s+(?:(?P<other>other)\s+|single\s+)?(?:(?P<n>\d+|two|three|four|five|six|seven|eight"
     rf"|nine|ten|twelve|few)\s+)?(?P<u>days?|weeks?|months?|years?|hours?|minutes?|quarters?|weekends?|morning"
     rf"|afternoon|evening|night|summer|spring|winter|fall|autumn|{w.WEEKDAY}|{w.MONTH_FULL}){E}", r.on_set_every, ("SETW",)),
    (rf"{B}(?:a|an|per)\s+(?P<u>day|week|month|year|hour|minute|quarter){E}", r.on_set_per, ("UNIT",)),
    (rf"{B}at\s+night{E}", r.on_at_night, ("POD",)),
    (rf"{B}(?P<w>that|the\s+same|the\s+next|the\s+following|the\s+previous)\s+(?P<u>day|morning|afternoon"
     rf"|evening|night){E}", r.on_anaphor, ("UNIT", "POD")),
    (rf"{B}the\s+day\s+(?P<w>before|after){E}(?=\s*(?:[,.;:!?)]|$))", r.on_day_before, ("UNIT",)),
    (rf"{B}(?P<w>year[\s-](?:earlier|ago|before|previous)){E}", r.on_year_adj, ("UNIT",)),
    (rf"{B}(?:(?P<rel>last|next|this)\s+)?(?P<h>christmas\s+(?:day|eve)|christmas|new\s+year['’]s(?:\s+(?:day|eve))?|thanksgiving(?:\s+day)?|easter(?:\s+sunday)?"
     rf"|valentine['’]s\s+day|halloween|boxing\s+day|bastille\s+day|armistice\s+day|veterans\s+day)"
     rf"(?:,?\s+(?P<y>{YEAR}))?{E}", r.on_holiday, ("HOLIDAY",)),
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
                    try:
                        found = handler(m, text)
                    except (ValueError, KeyError, TypeError, OverflowError, AttributeError):
                        continue  # one odd match must not cost the article its other dates
                    if found is not None:
                        out.append(found)
            lo, hi = s, e
    return out
