"""Stage timexes: TIMEX3 temporal expressions, typed and resolved against the publication date.

The grammar (``resources.timex_rules``) proposes candidates; this stage keeps the longest
of overlapping ones, drops words the parse shows are not dates ('May' the modal, '1990
troops'), reads the tense of the clause each expression sits in (a weekday in the past
tense is on or before the publication date, in the future on or after it) and resolves
the values in text order, so 'the next day' and 'a year earlier' can lean on the date
mentioned before them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date

from ..article import Timex
from ..resources import timex_grammar as grammar
from ..resources import timex_values as tv
from ..resources.timex_calendar import Anchor
from ..resources.timex_words import IRREGULAR_PAST

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")
_YEAR_PART = re.compile(r"^\d{4}-(?:\d\d|[HQ]\d|SP|SU|FA|WI)$")

_FUTURE_AUX = {"will", "shall", "'ll", "wo", "’ll", "would", "'d"}
# Participles that put their complement ahead even in the past tense: 'has scheduled
# a news conference Thursday', 'the vote set for March 12'.
_SCHEDULED = {"scheduled", "planned", "set", "due", "slated", "expected", "poised", "timed"}
# A preposition right before the expression can settle its direction on its own.
_CUE_AHEAD = re.compile(r"\b(?:as\s+(?:soon|early)\s+as|no\s+later\s+than|starting|beginning|ahead\s+of)"
                        r"\s+(?:on\s+|the\s+)?$",
                        re.I)
# 'until' and 'by' look ahead unless the clause is past ('had filed reports by Wednesday')
# or the phrase opens it ('Up until Thursday, however, ...').
_CUE_UNTIL = re.compile(r"(?:^|[^\s\w]\s*|\b(?:up|not)\s+)?\b(until|till|by)\s+(?:on\s+|the\s+)?$", re.I)
_CUE_BACK = re.compile(r"\bsince\s+(?:on\s+|the\s+)?$", re.I)
_BE = {"is", "are", "was", "were", "be", "am", "'s", "'re"}
_PAST_AUX = {"did", "had", "has", "have", "was", "were", "been"}
# Heads whose infinitive or participle looks ahead: 'plans to leave Thursday'.
_FUTURE_HEADS = {"plan", "plans", "planned", "planning", "expect", "expects", "expected", "schedule",
                 "scheduled", "due", "set", "hope", "hopes", "hoped", "intend", "intends",
                 "intended", "aim", "aims", "want", "wants", "prepare", "prepares", "preparing",
                 "agree", "agreed", "decide", "decided", "vow", "vowed", "promise", "promised",
                 "likely", "going", "threaten", "threatened", "seek", "seeks", "ready", "poised"}
# Plural nouns a year names the time of ('1990 earnings'), unlike counted things ('1990 troops').
_YEAR_NOUNS = {"years", "months", "weeks", "days", "hours", "period", "periods", "levels", "quarters",
               "prices", "figures", "results", "elections", "budgets", "games", "olympics", "models",
               "earnings", "sales", "profits", "losses", "revenues", "protests", "talks", "negotiations",
               "floods", "riots", "attacks", "bombings", "killings", "uprisings", "events", "estimates",
               "forecasts", "accords", "agreements", "offensives", "operations", "campaigns", "wars"}


def run(article, resources) -> dict:
    return {"timexes": tag(article.body, article.published, article.doc)}


def tag(text: str, published: str | None, doc=None) -> list[Timex]:
    """TIMEX3 records for ``text``, resolved against ``published`` (``doc``: its spaCy Doc)."""
    if not text:
        return []
    anchor = Anchor.parse(published)
    chosen = _longest(grammar.find(text))
    tokens = _TokenIndex(doc) if doc is not None and len(doc) and doc.text == text else None
    ref = tv.RefState()
    out: list[Timex] = []
    for found in chosen:
        if tokens is not None and not _plausible(found, tokens):
            continue
        tense = tokens.tense(found.start) if tokens is not None else 0
        cue = _cue(text, found.start, tense)
        if cue is not None:
            tense = cue
        ctx = tv.Context(anchor, tense, ref, found.start)
        try:
            value = found.resolve(ctx)
        except (ValueError, OverflowError, KeyError, TypeError):
            continue
        if found.moves_ref:
            _remember(ref, value, found.start)
        out.append(Timex(text[found.start:found.end], found.start, found.end, found.type, value,
                         found.mod))
    return out


def _cue(text: str, start: int, tense: int) -> int | None:
    """The direction a preposition before the expression gives it, else None."""
    before = text[max(0, start - 24):start]
    if _CUE_AHEAD.search(before):
        return 1
    if _CUE_BACK.search(before):
        return -1
    m = _CUE_UNTIL.search(before)
    if m:
        opener = m.group().lower().startswith(("up", "not")) or not m.group()[:1].isalpha()
        if tense >= 0 or (m.group(1).lower() != "by" and not opener):
            return 1
    return None


def _longest(cands: list[tv.Found]) -> list[tv.Found]:
    """Keep the longest of overlapping candidates (the higher rank on a tie), in text order."""
    cands.sort(key=lambda f: (f.start - f.end, -f.rank, f.start))
    taken: list[tuple[int, int]] = []
    keep = []
    for f in cands:
        i = bisect_right(taken, (f.start, 10**12))
        if i and taken[i - 1][1] > f.start:
            continue
        if i < len(taken) and taken[i][0] < f.end:
            continue
        taken.insert(i, (f.start, f.end))
        keep.append(f)
    keep.sort(key=lambda f: f.start)
    return keep


def _remember(ref: tv.RefState, value: str, at: int) -> None:
    m = _DAY.match(value)
    if m:
        try:
            ref.day = date(int(m[1]), int(m[2]), int(m[3]))
            ref.year = ref.day.year
        except ValueError:
            pass
        return
    m = _QUARTER.match(value)
    if m:
        ref.quarter, ref.quarter_at = (int(m[1]), int(m[2])), at
        ref.year = int(m[1])
        return
    m = _YEAR.match(value)
    if m:
        ref.year = int(m[1])
    elif _YEAR_PART.match(value):
        ref.year = int(value[:4])


class _TokenIndex:
    """Char offset -> token, and the clause facts the stage asks about."""

    def __init__(self, doc):
        self.doc = doc
        self.starts = [t.idx for t in doc]

    def at(self, offset: int):
        i = bisect_right(self.starts, offset) - 1
        return self.doc[max(0, i)]

    def tense(self, offset: int) -> int:
        """-1 past, +1 future, 0 present or unknown: the verb governing the token at ``offset``."""
        tok = self.at(offset)
        for _ in range(10):
            if tok.pos_ in ("VERB", "AUX") or tok.dep_ == "ROOT":
                tense = _verb_tense(tok)
                # a bare participle ('following the vote in October', 'a report released
                # Tuesday') has no tense of its own: the clause it hangs from decides
                if tense or tok.dep_ == "ROOT" or tok.head.i == tok.i or tok.tag_ not in ("VBG", "VBN") \
                        or any(c.dep_ in ("aux", "auxpass") for c in tok.children):
                    return tense
            tok = tok.head
        return 0

    def is_month_word(self, offset: int) -> bool:
        """'May'/'March' at ``offset`` names the month, not the modal or the verb.

        A proper-noun tag settles it; so does a preposition, determiner or number before it
        ('in May', 'the May vote', '25 May'). Otherwise a modal or verb reading wins only
        when a verb follows the modal ('May God help me'), or for 'March' the verb itself.
        """
        tok = self.at(offset)
        if tok.tag_ in ("NNP", "NNPS"):
            return True
        prev = self.doc[tok.i - 1] if tok.i else None
        if prev is not None and (prev.tag_ in ("IN", "TO", "DT", "CD", "PRP$", "POS") or prev.like_num):
            return True
        if tok.lower_ == "may" and tok.tag_ == "MD":
            for nxt in self.doc[tok.i + 1:tok.i + 5]:
                if nxt.is_punct or nxt.is_sent_start:
                    break
                if nxt.tag_ == "VB":
                    return False
            return True
        return not (tok.tag_.startswith("VB") or tok.tag_ == "MD")

    def counts_things(self, offset: int) -> bool:
        """A number that counts a plural noun ('1990 troops'), not a year."""
        tok = self.at(offset)
        head = tok.head
        if tok.i and self.doc[tok.i - 1].tag_ in ("DT", "PRP$", "POS"):
            return False  # 'the 1992 protests' names the year of the protests
        return (tok.dep_ in ("nummod", "compound", "amod", "quantmod") and head.i != tok.i
                and head.tag_ == "NNS" and head.i > tok.i and head.lower_ not in _YEAR_NOUNS)


def _verb_tense(v, depth: int = 0) -> int:
    aux = {c.lower_ for c in v.children if c.dep_ in ("aux", "auxpass", "neg")}
    if aux & _FUTURE_AUX:
        return 1
    if "going" in aux and v.tag_ == "VB":
        return 1
    tag = v.tag_
    if v.lower_ in _SCHEDULED and tag in ("VBN", "VBD", "JJ"):
        return 1
    if tag == "VB" and "to" in aux and depth < 2 and v.head.i != v.i:
        if v.head.lower_ in _FUTURE_HEADS or v.head.lower_ in _BE:  # 'is to resume trading Tuesday'
            return 1
        return _verb_tense(v.head, depth + 1)
    if tag == "VBN" and v.lower_ in _FUTURE_HEADS and aux & {"is", "are", "'s", "'re", "be"}:
        return 1
    if tag == "VBG" and aux & {"is", "are", "'s", "'re", "am"}:
        return 1 if v.lower_ in _FUTURE_HEADS or depth == 0 else 0
    if tag == "VBD" or aux & _PAST_AUX:
        return -1
    if tag in ("VBP", "VB", "VBN") and not aux and v.lower_ in IRREGULAR_PAST:
        return -1  # a past form the tagger read as present ('forces retook the dam in January')
    if tag == "MD" and v.lower_ in _FUTURE_AUX:
        return 1
    return 0


def _plausible(found: tv.Found, tokens: _TokenIndex) -> bool:
    if found.check == "propn":
        return tokens.is_month_word(found.start if found.check_at is None else found.check_at)
    if found.check == "year":
        return not tokens.counts_things(found.start)
    return True
