"""Pair quotation marks into quoted spans, one paragraph at a time.

Handles straight and curly marks (" “ ” „ « »), single marks used as quotes (‘ ’ and '),
and the TeX/AP pair `` ''. Apostrophes (Iraq's, ISIS' media, don't) are never quotes:
a right single mark only closes a single quote that is open.

A paragraph is one line of the body. Marks are paired within a paragraph, so one stray
mark costs at most its own paragraph. News convention carries a quotation over a paragraph
break: a paragraph that opens a quote and never closes it continues when the next paragraph
opens with a quote mark; such a piece is returned with ``continues=True``. Everything is
one linear pass over the marks, so 10,000 marks cost no more than 10,000 words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Longest alternatives first, so `` and '' are read as one mark.
_MARK = re.compile("``|''|[\"\u201c\u201d\u201e\u201f\u00ab\u00bb\u2018\u2019\u201a\u201b'`\u2039\u203a]")
_PARA = re.compile(r"[^\n]+")

_D_OPEN = frozenset(("``", "\u201c", "\u201e", "\u201f", "\u00ab"))
_D_CLOSE = frozenset(("''", "\u201d", "\u00bb"))
_S_OPEN = frozenset(("\u2018", "\u201a", "\u201b", "`", "\u2039"))
_S_CLOSE = frozenset(("\u2019", "\u203a"))
_ALL_OPEN = _D_OPEN | _S_OPEN | {'"', "'"}
_ALL_CLOSE = _D_CLOSE | _S_CLOSE | {'"', "'"}
# Characters that may stand right before an opening mark / right after a closing one.
_BEFORE_OPEN = frozenset("([{\u2014\u2013-/:;,")
_AFTER_CLOSE = frozenset(",.;:!?)]}\u2014\u2013-/\u2026")

OPEN, CLOSE, EITHER = 1, 2, 3


@dataclass(frozen=True)
class QuoteSpan:
    """One quoted stretch: ``start``/``end`` bound the words inside the marks."""

    start: int
    end: int
    open: int  # offset of the opening mark
    close: int  # offset just past the closing mark (the paragraph end for a continued piece)
    double: bool  # double marks ("...") rather than single ('...')
    para: int  # index of the paragraph (body line) it sits in
    para_start: int  # offsets of that paragraph
    para_end: int
    continues: bool = False  # no closing mark: the quotation runs on into the next paragraph
    unclosed: bool = False  # no closing mark and no continuation: a stray mark or a lost one


def find_quotes(text: str) -> list[QuoteSpan]:
    """Every quoted span in ``text``, in order; nested quotes are folded into the outer one."""
    # Whitespace-only lines are no paragraphs: a quotation carries over them.
    paras = [(m.start(), m.end()) for m in _PARA.finditer(text) if not m.group().isspace()]
    out: list[QuoteSpan] = []
    for index, (start, end) in enumerate(paras):
        nxt = paras[index + 1][0] if index + 1 < len(paras) else None
        out.extend(_paragraph_quotes(text, start, end, index, nxt))
    return out


def _paragraph_quotes(text, start, end, index, next_start):
    doubles, singles = [], []
    for m in _MARK.finditer(text, start, end):
        mark = m.group()
        role = _role(text, m.start(), m.end(), start, end, mark)
        if not role:
            continue
        if mark in _D_OPEN or mark in _D_CLOSE or mark == '"':
            doubles.append((m.start(), m.end(), role))
        else:
            singles.append((m.start(), m.end(), role))
    if not doubles and not singles:
        return []
    opens_next = _next_opens(text, next_start)
    para = (index, start, end)
    spans = _pair(text, doubles, True, para, opens_next == "d")
    spans += _pair(text, singles, False, para, opens_next == "s")
    if len(spans) > 1:
        spans = _drop_nested(spans)
    return spans


def _role(text, i, j, lo, hi, mark):
    """Whether a mark can open, close or either, from the characters around it (0: neither)."""
    prev = text[i - 1] if i > lo else None
    nxt = text[j] if j < hi else None
    open_like = (prev is None or prev.isspace() or prev in _BEFORE_OPEN or prev in _ALL_OPEN) \
        and nxt is not None and not nxt.isspace()
    close_like = prev is not None and not prev.isspace() \
        and (nxt is None or nxt.isspace() or nxt in _AFTER_CLOSE or nxt in _ALL_CLOSE)
    if mark in _D_OPEN:
        return EITHER if close_like and not open_like else OPEN
    if mark in _D_CLOSE:
        return EITHER if open_like and not close_like else CLOSE
    if mark == '"':
        if open_like and not close_like:
            return OPEN
        if close_like and not open_like:
            return CLOSE
        return EITHER
    # Single marks: an apostrophe inside a word (don't, Ma'arrat) is never a quote.
    inside_word = prev is not None and nxt is not None and prev.isalnum() and nxt.isalnum()
    if inside_word:
        return 0
    if mark in _S_OPEN:
        return OPEN if open_like else 0
    if mark in _S_CLOSE:
        return CLOSE if close_like else 0
    if open_like and nxt is not None and nxt.isalnum():
        return OPEN
    return CLOSE if close_like else 0


def _next_opens(text, next_start):
    """'d' or 's' when the next paragraph begins with an opening mark, else ''."""
    if next_start is None:
        return ""
    m = _MARK.match(text, next_start)
    if not m:
        return ""
    mark = m.group()
    if mark in _D_OPEN or mark == '"':
        return "d"
    if mark in _S_OPEN or mark == "'":
        return "s"
    return ""


def _pair(text, marks, double, para, continued):
    """Pair one family of marks left to right; an unexpected opener restarts the pairing."""
    spans, open_at = [], None
    for k, (i, j, role) in enumerate(marks):
        if open_at is None:
            if role & OPEN:
                open_at = (i, j)
            continue
        if role & CLOSE and not (not double and _possessive_close(text, marks, k)):
            span = _span(text, open_at, i, j, double, para)
            if span:
                spans.append(span)
            open_at = None
        elif role == OPEN:
            open_at = (i, j)  # the earlier opener was stray, or its closer was lost
    # An unclosed single mark is far more often an elision ('90s, 'em) than a lost quote.
    if open_at is not None and (double or continued):
        span = _span(text, open_at, para[2], para[2], double, para,
                     continues=continued, unclosed=not continued)
        if span:
            spans.append(span)
    return spans


def _possessive_close(text, marks, k):
    """A right single mark after a plural ("the soldiers' families") while a later closer waits."""
    i = marks[k][0]
    if i < 1 or text[i - 1] not in "sS" or i + 2 >= len(text):
        return False
    if not (text[i + 1] == " " and text[i + 2].islower()):
        return False
    return any(role & CLOSE for _, _, role in marks[k + 1:k + 4])


def _span(text, open_at, close_start, close_end, double, para, continues=False, unclosed=False):
    start, end = open_at[1], close_start
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end <= start or not any(c.isalnum() for c in text[start:end]):
        return None
    return QuoteSpan(start, end, open_at[0], close_end, double, *para, continues, unclosed)


def _drop_nested(spans):
    """Keep outer spans only (a single-quoted phrase inside a double-quoted one is its text)."""
    spans.sort(key=lambda s: (s.open, -s.close))
    out, reach = [], -1
    for span in spans:
        if span.open >= reach or not (span.close <= reach):
            out.append(span)
            reach = max(reach, span.close)
    return out
