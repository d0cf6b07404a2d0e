"""Reading one number phrase out of a run of lower-case words.

Works on plain lists (``words``: lower-case token texts; ``spaced``: whether a token is
followed by whitespace) so it can be tested without a parser. Handles digits with
separators and scales ("2,000", "2.5 million", "3bn"), spelled numbers ("one hundred and
twenty", "twenty-five", "half a million", "a dozen") and vague counts ("hundreds",
"tens of thousands", "several hundred"), which come back as a [low, high] range.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .figure_lexicon import FigureLexicon

_DIGITS = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_SUFFIXED = re.compile(r"^((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(k|m|mn|mln|bn|b)$")
_HYPHENS = frozenset({"-", "\u2010", "\u2011", "\u2012", "\u2013"})
# Only these scale words may follow digits when written apart ("2.5 million" but "5 m" is metres).
_WORD_SCALES = frozenset({"hundred", "thousand", "million", "billion", "trillion"})


@dataclass(frozen=True)
class Number:
    """A number phrase: words[start:end], worth low..high (low == high unless vague)."""

    start: int
    end: int
    low: float
    high: float
    vague: bool = False
    scale: float = 1.0  # the multiplier the phrase ended with ("3 million" -> 1e6)
    digits: bool = False  # written with digits (a bare 4-digit number may be a year)
    dozen: bool = False  # "a dozen", "two dozen": round counts that read as approximate


def parse_digits(word: str) -> float | None:
    """The value of a digit token ("2,000", "1.5") or None."""
    if _DIGITS.match(word):
        return float(word.replace(",", ""))
    return None


def read_number(words: list[str], spaced: list[bool], i: int, lex: FigureLexicon,
                money: bool = False, next_is_noun=None) -> Number | None:
    """The number phrase starting at ``words[i]``, or None when there is none.

    ``money`` says a currency sign came just before (so an attached "m" is million);
    ``next_is_noun(j)`` says whether token j is a noun (an attached "m" before a noun
    is million: "1.5m refugees"; otherwise it is metres).
    """
    n = len(words)
    if i >= n:
        return None
    return (_read_vague(words, i, lex) or _read_digits(words, spaced, i, lex, money, next_is_noun)
            or _read_words(words, i, lex))


def _read_digits(words, spaced, i, lex, money, next_is_noun) -> Number | None:
    w = words[i]
    value = parse_digits(w)
    scale = 1.0
    end = i + 1
    if value is None:
        m = _SUFFIXED.match(w)
        if not m or (m.group(2) == "m" and not money):
            return None
        value, scale = float(m.group(1).replace(",", "")), lex.scales[m.group(2)]
    else:
        # "3 000 people": a space as the thousands separator
        while (end < len(words) and spaced[end - 1] and len(words[end]) == 3 and words[end].isdigit()
               and "." not in words[end - 1] and len(words[end - 1].rsplit(",", 1)[-1]) <= 3
               and (end - 1 > i or len(w) <= 3)):
            value = value * 1000 + float(words[end])
            end += 1
        # "1.5m refugees", "$2.4bn"; written apart only the unambiguous ones ("$ 2.4 bn")
        if end < len(words) and words[end] in lex.scales and words[end] not in _WORD_SCALES and (
                not spaced[end - 1] or words[end] in ("bn", "mn", "mln") or (money and words[end] == "m")):
            unit = words[end]
            million_m = unit != "m" or money or (next_is_noun is not None and next_is_noun(end + 1))
            if million_m:
                scale = lex.scales[unit]
                end += 1
    while end < len(words) and words[end] in _WORD_SCALES:
        scale *= lex.scales[words[end]]
        end += 1
    v = value * scale
    return Number(i, end, v, v, scale=scale, digits=True)


def _read_words(words, i, lex) -> Number | None:
    """Spelled numbers: "twenty-five", "one hundred and twenty", "a dozen", "half a million"."""
    n = len(words)
    j, factor = i, 1.0
    if words[j] == "half" and j + 2 < n and words[j + 1] in ("a", "an") and words[j + 2] in _WORD_SCALES:
        factor, j = 0.5, j + 1
    total, current, seen, scale, dozen = 0.0, 0.0, False, 1.0, False
    if words[j] in ("a", "an"):
        if not (j + 1 < n and (words[j + 1] in _WORD_SCALES or words[j + 1] == "dozen")):
            return None
        current, seen, j = 1.0, True, j + 1
    last = j - 1
    while j < n:
        w = words[j]
        if w in lex.words and w != "dozen":
            value = lex.words[w]
            # tens then units ("twenty five"), hundreds then the rest ("hundred and five")
            fits = current == 0 or current % 100 == 0 or (current % 10 == 0 and value < 10 and current % 100 >= 20)
            if not fits:
                break
            current += value
            seen = True
        elif w in _WORD_SCALES or w == "dozen":
            if not seen:
                break
            if w == "dozen":
                current, scale, dozen = (current or 1.0) * 12, 12.0, True
            elif w == "hundred":
                current, scale = (current or 1.0) * 100, 100.0
            else:
                scale = lex.scales[w]
                total, current = total + (current or 1.0) * scale, 0.0
        elif w in _HYPHENS or w == "and":
            # joins only inside a number: "twenty-five", "a hundred and twenty"
            nxt = words[j + 1] if j + 1 < n else ""
            if seen and nxt in lex.words and nxt != "dozen" and (w != "and" or scale >= 100):
                j += 1
                continue
            break
        else:
            break
        last = j
        j += 1
    if not seen or last < i:
        return None
    value = (total + current) * factor
    return Number(i, last + 1, value, value, scale=scale, dozen=dozen)


def _read_vague(words, i, lex) -> Number | None:
    """ "hundreds", "tens of thousands", "dozens", "several hundred", "a handful"."""
    n = len(words)
    key = None
    for size in (2, 1):
        cand = tuple(words[i:i + size])
        if len(cand) == size and cand in lex.vague:
            key = cand
            break
    if key is None:
        return None
    low, high = lex.vague[key]
    j = i + len(key)
    if low < 10:
        # "several hundred", "a few thousand": the quantifier multiplies a scale word
        if j < n and words[j] in _WORD_SCALES:
            mult = lex.scales[words[j]]
            return Number(i, j + 1, low * mult, (high + 1) * mult - 1, vague=True, scale=mult)
        if key in (("a", "few"), ("a", "couple")):
            return None  # too vague to count on its own ("a few days", "a couple of")
        return Number(i, j, low, high, vague=True)
    # "tens of thousands", "hundreds of thousands of millions"
    while j + 1 < n and words[j] == "of" and (words[j + 1],) in lex.vague and lex.vague[(words[j + 1],)][0] >= 100:
        mult = lex.vague[(words[j + 1],)][0]
        low, high = low * mult, (high + 1) * mult - 1
        j += 2
    return Number(i, j, low, high, vague=True)


def read_range(words: list[str], spaced: list[bool], i: int, lex: FigureLexicon, read,
               after_verb: bool = False):
    """((low, high, end), ranged) for the number or range at ``words[i]``, or (None, False).

    Ranges: "between 2,000 and 3,500", "from 10 to 15", "10-15", "two or three",
    "2 to 3 million" (the scale of the second end applies to the first). ``read(j)`` reads
    the number at j (the caller knows about currency signs); ``after_verb`` says "from"
    follows a verb ("rose from 10 to 15"), which is a change, not a range.
    """
    n = len(words)
    w = words[i]
    if w in ("between", "from"):
        if after_verb:
            return None, False
        a = read(i + 1)
        joiner = ("and",) if w == "between" else ("to",) + tuple(_HYPHENS)
        if a and a.end < n and words[a.end] in joiner:
            b = read(a.end + 1)
            if b and not a.vague and not b.vague:
                lo = a.low * b.scale if a.scale == 1 and b.scale > 1 and a.low < b.low / b.scale + 1 else a.low
                if lo < b.low:
                    return (lo, b.high, b.end), True
        return None, False
    a = read(i)
    if a is None:
        return None, False
    if a.end + 1 < n and (words[a.end] in ("to", "or") or words[a.end] in _HYPHENS) and not a.vague:
        joiner = words[a.end]
        tight = joiner not in _HYPHENS or not (spaced[a.end - 1] and spaced[a.end])
        b = read(a.end + 1) if tight else None
        if b and not b.vague and (a.digits == b.digits or joiner not in _HYPHENS):
            lo = a.low * b.scale if a.scale == 1 and b.scale > 1 and a.low * b.scale < b.low else a.low
            # "from 2 to 3 pm" and "5 to 10 years" are times and durations, not ranges of counts
            if lo < b.low and not (joiner == "to" and b.end < n and words[b.end] in lex.time):
                return (lo, b.high, b.end), True
    return (a.low, a.high, a.end), False


def read_prefix(words: list[str], first: int, lex: FigureLexicon):
    """(qualifier, start index) of the longest qualifier phrase ending just before ``first``."""
    for size in range(min(lex.longest_prefix, first), 0, -1):
        label = lex.prefixes.get(tuple(words[first - size:first]))
        if label:
            return label, first - size
    return None, None


def read_suffix(words: list[str], spaced: list[bool], k: int, lex: FigureLexicon):
    """(qualifier, index after it) of a qualifier after a number ("or more", "-odd"), or None."""
    n = len(words)
    if k < n and words[k] in _HYPHENS and k + 1 < n and k > 0 and not spaced[k - 1]:
        label = lex.suffixes.get((words[k + 1],))
        if label:
            return label, k + 2
    for size in (2, 1):
        key = tuple(words[k:k + size])
        if len(key) == size and key in lex.suffixes:
            if size == 1 and key[0] in ("plus", "+") and k + 1 < n and (
                    parse_digits(words[k + 1]) is not None or words[k + 1] in lex.words):
                return None  # "10 plus 5" is arithmetic
            return lex.suffixes[key], k + size
    return None
