"""When and where a figure holds: its reference date and its place, read off the article.

``as_of``: a day-precision date (or 'now') timex in the figure's sentence, nearest first;
else the publication date when the figure's clause is in the present or present perfect
("are trapped", "have been killed") or has no finite verb (a heading); else None (a past
or future clause without a date of its own says nothing about the day).

``location``: a place inside the figure's own words ("75 per cent of Imam Gharbi"), else the
nearest place in the figure's clause ("displaced from Mosul"), else in its sentence.
Works on spaCy tokens and on the timexes and places earlier stages left on the article.
"""

from __future__ import annotations

import bisect
import re

_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})")
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_NOW = frozenset({"PRESENT_REF"})
_NOT_A_COUNT = frozenset({"DATE", "TIME", "DURATION", "SET"})


def clause_verb(tok):
    """The finite verb of the clause holding ``tok``, or None in a verbless heading.

    Non-finite verbs ("to have brought", "displaced from") pass on up to the verb they
    hang from, so "is reported to have brought" reads as present.
    """
    t = tok
    for _ in range(12):
        if t.pos_ in ("VERB", "AUX") and (t.tag_ in _FINITE or any(
                c.dep_ in ("aux", "auxpass") and c.tag_ in _FINITE for c in t.children)):
            return t
        if t.head is t:
            return None
        t = t.head
    return None


def _tense(verb) -> str:
    tag = verb.tag_ if verb.tag_ in _FINITE else next(
        (c.tag_ for c in verb.children if c.dep_ in ("aux", "auxpass") and c.tag_ in _FINITE), "")
    return "present" if tag in ("VBZ", "VBP") else "other"


class FigureContext:
    """The dates and places of one article, indexed for the figures stage."""

    def __init__(self, article):
        self.article = article
        published = article.published or ""
        m = _DAY.match(published)
        self.published = m.group(1) if m and len(published) == 10 else None
        spans = sorted((t.start, t.end) for t in article.timexes
                       if getattr(t, "type", "") in _NOT_A_COUNT)
        self._timex_starts = [s for s, _ in spans]
        self._timex_spans = spans
        dated = []
        for t in article.timexes:
            value = str(t.value or "")
            day = _DAY.match(value)
            if t.type in ("DATE", "TIME") and day:
                dated.append((t.start, day.group(1)))
            elif value in _NOW and self.published:
                dated.append((t.start, self.published))
        dated.sort()
        self._dated_starts = [s for s, _ in dated]
        self._dated = dated
        self.places = sorted(article.places, key=lambda p: p.start)
        self._place_starts = [p.start for p in self.places]

    def in_timex(self, offset: int) -> bool:
        """Whether a body offset falls inside a date, time, duration or set timex."""
        k = bisect.bisect_right(self._timex_starts, offset) - 1
        return k >= 0 and self._timex_spans[k][0] <= offset < self._timex_spans[k][1]

    def as_of(self, tok, start: int) -> str | None:
        """The date a figure at ``start`` (its attaching token ``tok``) refers to."""
        sent = self.article.sentence_at(start)
        if sent is not None and self._dated:
            a = bisect.bisect_left(self._dated_starts, sent.start)
            b = bisect.bisect_left(self._dated_starts, sent.end)
            if a < b:
                return min(self._dated[a:b], key=lambda d: abs(d[0] - start))[1]
        if self.published is None:
            return None
        verb = clause_verb(tok)
        if verb is None or _tense(verb) == "present":
            return self.published
        return None

    def location(self, tok, start: int, end: int) -> str | None:
        """The place a figure at ``start``..``end`` (attaching token ``tok``) is about."""
        if not self.places:
            return None
        k = bisect.bisect_left(self._place_starts, start)
        if k < len(self.places) and self.places[k].end <= end:
            return self.places[k].name
        sent = self.article.sentence_at(start)
        if sent is None:
            return None
        ranges = []
        verb = clause_verb(tok)
        if verb is not None:
            left, right = verb.left_edge, verb.right_edge
            ranges.append((left.idx, right.idx + len(right.text)))
        ranges.append((sent.start, sent.end))
        for lo, hi in ranges:
            lo, hi = max(lo, sent.start), min(hi, sent.end)
            best = None
            for p in self.places[bisect.bisect_left(self._place_starts, lo):]:
                if p.start >= hi:
                    break
                gap = p.start - end if p.start >= end else start - p.end
                if best is None or gap < best[0]:
                    best = (gap, p.name)
            if best:
                return best[1]
        return None
