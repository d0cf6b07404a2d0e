"""Stage figures: every count the article states, what it counts, how exact, when and where.

A figure is a number phrase (digits, spelled numbers, vague counts like "hundreds" or
"tens of thousands", ranges like "between 2,000 and 3,500") together with the thing it
counts, read off the spaCy parse: the noun the number modifies ("5,000 ISIS members"),
the noun after "of" ("hundreds of civilians"), or, when the noun is left out, the verb
("killed thousands", "18 were wounded"). What happened to the counted things (killed,
displaced, trapped...) is added to the unit when the parse says so.

Conventions (documented for the record contract):

- Vague counts are ``[low, high]`` with qualifier ``approx``: the low end is ACLED's
  conservative reading (dozens 12, tens 10, hundreds 100), the high end is just below the
  next word up the scale ("hundreds" = [100, 999], "tens of thousands" = [10000, 99999]).
  "several" = [3, 9]. "a dozen" is 12, ``approx``.
- Ranges ("2,000-3,500", "between 2 and 3", "two or three") are ``[low, high]``, ``range``.
- Not figures: dates, clock times, durations ("3 years"), ages ("19-year-old", "Ahmed, 19,"),
  ordinals ("9th", "12th century"), compound modifiers ("21-minute video"), multipliers
  ("a thousand times"), numbers inside names ("Resolution 2254"), rankings ("its two
  biggest prizes"), and a bare "one" unless something happened to it ("one was killed")
  or it is qualified ("at least one airstrike").
- Kept: distances ("70 kilometres south of Mosul") and areas, which measure fronts and
  territory. Percentages only as a share of something named ("75 per cent of Imam
  Gharbi", unit "percent of Imam Gharbi"); a bare rate or change ("prices rose 5%") is not
  a count. Money only when its sentence names a conflict purpose within a few words
  (aid, reward, ransom, damage, weapons...: lexicon ``money_context``), unit "US dollars
  (reward)"; share prices, profits and budgets are left out.
- ``as_of``: a day-precision date timex in the same sentence, else the publication date
  when the clause is present or present-perfect tense (or has no finite verb, as in a
  headline), else null. ``location``: a place inside the figure's own words, else the
  nearest place in its clause, else in its sentence.
"""

from __future__ import annotations

import re

from ..article import Figure
from ..resources.figure_context import FigureContext
from ..resources.figure_lexicon import FigureLexicon
from ..resources.figure_numbers import (Number, parse_digits, read_number, read_prefix, read_range,
                                         read_suffix)

_HYPHENS = frozenset({"-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014"})
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$", re.IGNORECASE)
_DETS = frozenset({"the", "a", "an", "these", "those", "this", "that", "its", "their", "his", "her",
                   "our", "your", "my", "all"})
_SYMBOLS = frozenset({"$", "us$", "€", "£", "usd", "eur", "gbp"})
# Entities whose inner numbers are part of a name ("Resolution 2254", "Group of 20").
_NAMES = frozenset({"ORG", "PRODUCT", "LAW", "FAC", "EVENT", "WORK_OF_ART", "PERSON", "GPE", "LOC",
                    "NORP"})
_TIMELY = frozenset({"DATE", "TIME"})
_DIRECTIONS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast",
                         "southwest", "north-east", "north-west", "south-east", "south-west"})
_AGE_WORDS = frozenset({"aged", "age", "ages", "ageing"})
_ID_WORDS = frozenset({"#", "no", "no.", "nos", "number", "nr", "page", "p.", "pp."})
_SUBJ = frozenset({"nsubj", "nsubjpass"})
_RANKERS = frozenset({"first", "last", "final", "next", "initial", "remaining"})
_BE = frozenset({"is", "are", "was", "were", "been", "be", "being", "have", "has", "had"})
_BE_SINGULAR = frozenset({"is", "was", "has"})
_WITH = frozenset({"with", "including", "among", "besides", "plus", "alongside"})
_MONEY_WINDOW = 8  # tokens either side of a sum in which its purpose must be named
_MAX_RUN = 7  # tokens between a number and the noun it counts ("5,000 heavily armed ISIS members")


def run(article, resources) -> dict:
    """The figures of one article (needs ``article.doc``; timexes and places are used if present)."""
    doc = article.doc
    if doc is None or not article.body or len(doc) == 0:
        return {"figures": []}
    return {"figures": _Reader(article, doc, resources.figure_lexicon).read()}


class _Tokens:
    """``doc[i]`` made on first use and kept."""

    __slots__ = ("doc", "cache")

    def __init__(self, doc):
        self.doc, self.cache = doc, [None] * len(doc)

    def __getitem__(self, i: int):
        tok = self.cache[i]
        if tok is None:
            tok = self.cache[i] = self.doc[i]
        return tok


class _Reader:
    """One pass over the tokens of one article."""

    def __init__(self, article, doc, lex: FigureLexicon):
        self.article, self.doc, self.lex = article, doc, lex
        # Token objects are made only where a number is looked at: most tokens never are
        self.toks = _Tokens(doc)
        strings = doc.vocab.strings
        cols = doc.to_array(["LOWER", "SPACY"]).tolist() if len(doc) else []
        self.words = [strings[lower] for lower, _ in cols]
        self.spaced = [bool(space) for _, space in cols]
        self.n = len(doc)
        self.starts = lex.starts
        self.ctx = FigureContext(article)
        # sentence start -> (last counted noun there, its role: subj | obj | other), so that
        # "Two people were killed and 18 were wounded" reads 18 as people
        self.antecedent: dict[int, tuple[str, str]] = {}

    # ---- the scan ---------------------------------------------------------------

    def read(self) -> list[Figure]:
        out: list[Figure] = []
        i = 0
        while i < self.n:
            w = self.words[i]
            if not (w[:1].isdigit() or w in self.starts):
                i += 1
                continue
            found = self._figure_at(i)
            if found is None:
                i += 1
                continue
            fig, end = found
            out.append(fig)
            i = max(end, i + 1)
        return out

    def _figure_at(self, i: int):
        """(Figure, index after it) for a figure starting at token i, or None."""
        words, toks = self.words, self.toks
        num, ranged = self._number_or_range(i)
        if num is None:
            return None
        low, high, end = num
        vague = not ranged and low != high
        first = i
        # a currency sign before the number ("$5 million", "US$ 3bn")
        money = None
        if first > 0 and words[first - 1] in _SYMBOLS:
            money = self.lex.currency.get(words[first - 1])
            first -= 1
        qualifier, qstart = read_prefix(self.words, first, self.lex)
        start = qstart if qstart is not None else first
        while start < first and words[start] in _DETS:
            start += 1  # the span starts at the qualifier words, not their article
        if start == first and first > 0 and words[first - 1] in _RANKERS:
            start -= 1  # "the first two blocks": which ones are counted belongs to the figure
        if self._not_a_count(i, end, first):
            return None
        # suffix qualifiers: "100 or more", "a dozen or so", "100-odd", "100 plus"
        k = end
        suffix = read_suffix(self.words, self.spaced, k, self.lex)
        if suffix:
            label, k = suffix
            qualifier = qualifier or label
        # "a 5,000-strong force": the size of one unit, counted in members
        strong = k + 1 < self.n and words[k] in _HYPHENS and words[k + 1] == "strong"
        if strong:
            k += 2
        what = self._counted(i, k, first, money)
        if what is None:
            return None
        unit, head, span_end, kind = what
        root = self._root(i, end)
        if unit is not None and head is not None:
            anchor = toks[head] if root.dep_ == "nummod" else root
            self.antecedent[self._sent_start(i)] = (unit, _role(anchor))
        if any(toks[j].ent_type_ in _TIMELY or self.ctx.in_timex(toks[j].idx) for j in range(i, end)):
            if head is None or toks[head].tag_ not in ("NNS", "NNPS") or (
                    words[i].isdigit() and len(words[i]) == 4):
                return None  # a date, not a count ("the 2011 coup")
        state = None
        if unit is None:
            # the noun is left out: "killed thousands", "18 were wounded", "the toll rose to 12"
            bare = self._bare(i, end, root, qstart if qstart is not None else first, low, vague)
            if bare is None:
                return None
            unit, state, start_override = bare
            if start_override is not None:
                start = start_override
        elif kind == "noun":
            state = (self._state(root) or (self._state(toks[head]) if head is not None else None)
                     or self._passive_after(span_end, plural=high > 1))
            if state and state not in unit:
                unit = f"{unit} {state}"
        if kind == "noun" and head is not None and high > 1 and not strong and not self._plural(head):
            # "7 Division", "700 neighborhood", "six car pile-up": a name or a modifier; but a
            # group named in the singular can still be counted ("seven Boko Haram were killed")
            if not (state and toks[head].pos_ == "PROPN"):
                return None
        if (not vague and not ranged and low == 1 and qualifier not in ("at_least", "at_most")
                and kind in ("noun", "bare") and not state and words[i] in ("one", "1")):
            return None  # "One officer said", "one of the": a referent, not a count
        if qualifier is None:
            qualifier = "range" if ranged else "approx" if vague or "dozen" in words[i:end] else "exact"
        elif ranged and qualifier == "exact":
            qualifier = "range"
        quantity = [low, high] if vague or ranged else low
        char_start = toks[start].idx
        char_end = toks[span_end - 1].idx + len(toks[span_end - 1].text)
        text = self.article.body[char_start:char_end]
        fig = Figure(text=text, start=char_start, end=char_end, quantity=_clean(quantity),
                     unit=unit or "", qualifier=qualifier,
                     as_of=self.ctx.as_of(root, char_start),
                     location=self.ctx.location(root, char_start, char_end))
        return fig, span_end

    def _counted(self, i: int, k: int, first: int, money: str | None):
        """(unit, head noun index, span end, kind) of what the number at i counts, or None to drop it.

        ``k`` is the first token after the number and its suffix; ``kind`` is "percent",
        "money", "measure", "noun", or "bare" (the noun is left out: unit None).
        """
        words, toks = self.words, self.toks
        pct = self._percent(k)
        if pct:
            run = None
            if pct < self.n and words[pct] == "of":
                run = self._noun_run(self._skip_dets(pct + 1))
            if not run or run == "rank":
                return None  # a rate or a change ("prices rose 5%"), not a share of anything
            return "percent of " + self._text(run[0], run[1] + 1), None, run[1] + 1, "percent"
        span_end = k
        if money or self._currency_run(k):
            if not money:
                run = self._currency_run(k)
                money, span_end = self.lex.currency[words[run]], run + 1
            purpose = self._money_purpose(first, span_end)
            if purpose is None:
                return None  # prices, profits and budgets are not facts of the conflict
            return f"{money} ({purpose})", None, span_end, "money"
        run = self._noun_run(k)
        if run == "rank":
            return None
        if run is None and k < self.n and words[k] == "of":
            j = k + 1
            if j < self.n and words[j] in self.lex.partitive:
                # "four of which": what the sentence counted before
                unit = self.antecedent.get(self._sent_start(i), (words[j], ""))[0]
                return unit, None, j + 1, "noun"
            run = self._noun_run(self._skip_dets(j))
            if run == "rank":
                return None
        if not run:
            return None, None, span_end, "bare"
        noun_first, head = run
        if words[head] in self.lex.time or toks[head].ent_type_ in _TIMELY:
            return None
        unit = self._text(noun_first, head + 1)
        if toks[noun_first].pos_ == "NOUN" and toks[noun_first].is_title:
            unit = unit[:1].lower() + unit[1:]  # a heading's capital, not a name
        if words[head] in self.lex.measure:
            return unit, head, self._distance_tail(head + 1), "measure"
        return unit, head, head + 1, "noun"

    # ---- number phrases ----------------------------------------------------------

    def _read(self, i: int) -> Number | None:
        if i >= self.n:
            return None
        money = i > 0 and self.words[i - 1] in _SYMBOLS
        return read_number(self.words, self.spaced, i, self.lex, money=money,
                           next_is_noun=lambda j: j < self.n and self.toks[j].pos_ in ("NOUN", "PROPN", "ADJ"))

    def _number_or_range(self, i: int):
        """((low, high, end), ranged) for the number or range at i, or (None, False)."""
        # "rose from 10 to 15" is a change, not a range: 15 is read on its own
        after_verb = self.words[i] == "from" and i > 0 and self.toks[i - 1].pos_ == "VERB"
        return read_range(self.words, self.spaced, i, self.lex, self._read, after_verb)

    def _not_a_count(self, i: int, end: int, first: int) -> bool:
        """Dates, ages, ordinals, names, compound modifiers and multipliers."""
        toks, words = self.toks, self.words
        for j in range(i, end):
            t = toks[j]
            if _ORDINAL.match(words[j]) or t.ent_type_ == "ORDINAL":
                return True
            if t.ent_type_ in _NAMES and t.ent_iob_ == "I":
                return True
        if end < self.n:
            nxt = words[end]
            # "21-minute video", "19-year-old", "three-day", "two-thirds": a modifier, not a count
            if (nxt in _HYPHENS and not self.spaced[end - 1] and end + 1 < self.n
                    and not self.spaced[end] and words[end + 1][:1].isalpha()
                    and (words[end + 1],) not in self.lex.suffixes and words[end + 1] not in self.lex.words
                    and words[end + 1] != "strong"):
                return True
            if nxt in self.lex.time:
                return True
            if nxt in (":", "/", ".") and not self.spaced[end - 1] and end + 1 < self.n and words[end + 1][:1].isdigit():
                return True  # 10:30, 9/11, version numbers
        if end < self.n and words[end] == "may" and toks[end].pos_ == "PROPN":
            return True  # "3 May"
        if first > 0:
            prev = words[first - 1]
            if prev in _AGE_WORDS or prev in _ID_WORDS or (prev in self.lex.time and prev not in ("times", "time")):
                return True  # "aged 19", "No. 3", "August 3"
            if prev == "may" and toks[first - 1].pos_ == "PROPN":
                return True
            # "Ahmed Ali, 19, was killed": an age after a name
            if (prev == "," and first > 1 and toks[first - 2].pos_ == "PROPN" and end < self.n
                    and words[end] in (",", ")")):
                return True
            if prev == "(" and first > 1 and toks[first - 2].pos_ == "PROPN" and end < self.n and words[end] == ")":
                return True
        return False

    def _percent(self, k: int) -> int | None:
        for size in (2, 1):
            key = tuple(self.words[k:k + size])
            if len(key) == size and key in self.lex.percent:
                return k + size
        return None

    # ---- the counted noun --------------------------------------------------------

    def _skip_dets(self, j: int) -> int:
        while j < self.n and self.words[j] in _DETS:
            j += 1
        return j

    def _noun_run(self, k: int):
        """(first, head) of the noun phrase a number counts, "rank" for "two biggest", or None."""
        toks, words = self.toks, self.words
        first = None
        j = k
        limit = min(self.n, k + _MAX_RUN)
        while j < limit:
            t = toks[j]
            if t.ent_type_ in _TIMELY and words[j] in self.lex.time:
                return None
            pos = t.pos_
            if pos in ("NOUN", "PROPN"):
                if first is None:
                    first = j
                if t.dep_ in ("compound", "amod", "nmod") and j < t.head.i < limit:
                    j += 1
                    continue
                # the parser sometimes stops one noun early ("nine mortar rounds")
                if (t.tag_ in ("NN", "NNP") and j + 1 < limit and toks[j + 1].tag_ in ("NNS", "NNPS")
                        and toks[j + 1].is_alpha):
                    j += 1
                    continue
                if (j + 2 < limit and words[j + 1] in _HYPHENS and not self.spaced[j]
                        and not self.spaced[j + 1] and toks[j + 2].is_alpha):
                    j += 2  # "sub-tribes", "goods-laden trucks", "auto-rickshaws"
                    continue
                return first, j
            if pos == "ADJ" or (pos == "VERB" and t.dep_ in ("amod", "compound")):
                if t.tag_ == "JJS":
                    return "rank"
                if first is None:
                    first = j
                j += 1
                continue
            if pos == "ADV" and t.dep_ == "advmod" and j + 1 < limit and toks[j + 1].pos_ in ("ADJ", "VERB"):
                if t.tag_ == "RBS":
                    return "rank"  # "two most vital sectors"
                j += 1  # "heavily armed"
                continue
            if words[j] in _HYPHENS and j > k and not self.spaced[j - 1] and not self.spaced[j]:
                j += 1  # "Iraqi-led coalition"
                continue
            return None
        return None

    def _currency_run(self, k: int) -> int | None:
        """Index of the currency noun of "5 million Canadian dollars" / "300 yen", or None.

        "1,300 pounds of explosives" is a weight, not money: a currency word before "of" is not.
        """
        run = self._noun_run(k)
        if not run or run == "rank":
            return None
        head = run[1]
        if self.words[head] not in self.lex.currency or self.toks[head].pos_ not in ("NOUN", "PROPN"):
            return None
        if head + 1 < self.n and self.words[head + 1] == "of":
            return None
        return head

    def _money_purpose(self, first: int, end: int) -> str | None:
        """The conflict word near a sum of money (aid, reward, ransom, damage...), or None."""
        sent = self.toks[first].sent
        lo, hi = max(sent.start, first - _MONEY_WINDOW), min(sent.end, end + _MONEY_WINDOW)
        near = [j for j in range(lo, hi) if self.words[j] in self.lex.money_context]
        if not near:
            return None
        # the nearest word names the purpose; a noun ("aid") over a verb ("pledged")
        return self.words[min(near, key=lambda j: (j - end if j >= end else first - j,
                                                   self.toks[j].pos_ != "NOUN"))]

    def _plural(self, head: int) -> bool:
        """Whether a noun can be counted past one: plural, or a word like "police" or "Peshmerga"."""
        t = self.toks[head]
        return (t.tag_ in ("NNS", "NNPS") or self.words[head] in self.lex.invariant
                or t.ent_type_ == "NORP" or self.words[head] in self.lex.currency
                or self.words[head].endswith("s"))

    def _distance_tail(self, j: int) -> int:
        """Extend a distance with where it is measured from: "70 km south of Mosul"."""
        words = self.words
        k = j
        if k < self.n and words[k] == "away":
            k += 1
        if k + 1 < self.n and words[k] in _DIRECTIONS and words[k + 1] == "of":
            k += 2
        elif k < self.n and words[k] == "from":
            k += 1
        else:
            return j
        run = self._noun_run(self._skip_dets(k))
        if run and run != "rank" and self.toks[run[1]].pos_ in ("PROPN", "NOUN"):
            head = run[1]
            # keep a multi-word name whole ("the Tigris River")
            while head + 1 < self.n and self.toks[head + 1].pos_ == "PROPN" and self.toks[head + 1].dep_ != "appos":
                head += 1
            return head + 1
        return j

    def _root(self, i: int, end: int):
        """The token of the number phrase that attaches it to the rest of the sentence."""
        toks = self.toks
        for j in range(i, end):
            h = toks[j].head.i
            if h < i or h >= end or h == j:
                return toks[j]
        return toks[end - 1]

    def _bare(self, i, end, root, qstart, low, vague):
        """(unit, state, span start or None) for a number without its noun, or None to drop it."""
        toks, words = self.toks, self.words
        tok = root
        if not vague:
            value = low
            digits = parse_digits(words[i])
            if digits is not None and len(words[i]) == 4 and 1000 <= value <= 2100:
                return None  # a bare four-digit number is a year
            if qstart > 0 and toks[qstart - 1].pos_ in ("NOUN", "PROPN") and toks[qstart - 1].dep_ != "nsubj":
                return None  # "Resolution 2254", "Route 1": an identifier
        dep, head = tok.dep_, tok.head
        sent = self._sent_start(i)
        prior, prior_role = self.antecedent.get(sent, (None, ""))
        noun = prior if prior_role == _role(tok) else None
        for c in tok.children:
            # "2 killed and 4 injured"
            if c.dep_ in ("acl", "amod", "relcl") and c.i > tok.i and c.lower_ in self.lex.verbs:
                state = self.lex.verbs[c.lower_]
                return _join(noun, state), state, None
        before = toks[qstart - 1] if qstart > 0 else None
        if before is not None and before.pos_ == "VERB" and before.lower_ in self.lex.verbs and dep != "dobj":
            # "killed 55 people and injured 372": the parser lost the object, the order did not
            dep, head = "dobj", before
        if dep == "dobj" and head.pos_ == "VERB" and head.i < i:
            noun = prior if prior_role == "obj" else None
            state = self._verb_state(head)  # "killed 12", "left 28 dead"
            if not state and not noun:
                return None  # "now costs 1,000": nothing says what is counted
            unit = _join(noun, state)
            start = head.i if head.i == qstart - 1 and head.lower_ in self.lex.verbs else None
            return unit, state, start
        if dep in _SUBJ or (dep == "conj" and head.dep_ in _SUBJ):
            verb = head if dep in _SUBJ else head.head
            state = self._verb_state(verb)
            if state:
                return _join(noun, state), state, None
            if vague or noun:
                return noun or "people", None, None
            return None
        if dep in ("pobj", "attr", "dobj", "npadvmod", "appos"):
            verb = head.head if dep == "pobj" else head
            if verb.lower_ in self.lex.change or (dep == "attr" and verb.pos_ == "AUX"):
                subj = next((c for c in verb.children if c.dep_ in _SUBJ), None)
                if subj is not None:
                    return self._text(subj.left_edge.i, subj.i + 1).lower().removeprefix("the "), None, None
                return noun or "", None, None
        if vague and dep in ("conj", "dobj", "pobj"):
            state = self._verb_state(head)
            if state:
                return _join(noun, state), state, None
        return None

    def _passive_after(self, j: int, plural: bool) -> str | None:
        """ "... civilians were (reportedly) killed": the state read by word order.

        A fallback for run-on text the parser splits wrongly; it needs a form of "be", so an
        active verb ("two men killed the guard") is never read as what happened to them.
        """
        seen_be = False
        for k in range(j, min(self.n, j + 4)):
            w = self.words[k]
            if w in _BE:
                if not seen_be and plural and w in _BE_SINGULAR:
                    return None  # "stealing 11 goats was beaten": the verb agrees with someone else
                seen_be = True
            elif seen_be and w in self.lex.verbs:
                return self.lex.verbs[w]
            elif not (seen_be and self.toks[k].pos_ == "ADV"):
                return None
        return None

    def _verb_state(self, verb) -> str | None:
        """What a verb says happened to its subject or object: "killed", "displaced"."""
        state = self.lex.verbs.get(verb.lower_)
        if state:
            return state
        for c in verb.children:
            if c.dep_ in ("acomp", "xcomp", "attr", "oprd") and c.lower_ in self.lex.verbs:
                return self.lex.verbs[c.lower_]
            if c.dep_ == "xcomp":
                for g in c.children:
                    if g.dep_ == "xcomp" and g.lower_ in self.lex.verbs:
                        return self.lex.verbs[g.lower_]
        return None

    def _state(self, tok) -> str | None:
        """What happened to the counted things, from the verb that governs them."""
        for c in tok.children:
            if c.dep_ in ("acl", "relcl", "amod") and c.i > tok.i and c.lower_ in self.lex.verbs:
                return self.lex.verbs[c.lower_]
        hops = 0
        while tok.dep_ == "conj" and hops < 3:
            tok, hops = tok.head, hops + 1
        dep, head = tok.dep_, tok.head
        if dep == "nsubj" and any(c.dep_ == "dobj" for c in head.children):
            return None  # "two armed men killed two gendarmes": the subject did it
        if dep in _SUBJ or dep == "dobj":
            return self._verb_state(head)
        if dep == "pobj" and head.lower_ in _WITH:
            up = head.head
            for _ in range(2):
                if up.pos_ in ("VERB", "AUX"):
                    return self._verb_state(up)
                up = up.head
        return None

    # ---- when and where ----------------------------------------------------------

    def _sent_start(self, i: int) -> int:
        return self.toks[i].sent.start

    def _text(self, a: int, b: int) -> str:
        """Body text of tokens a..b-1 ("per cent" reads as "percent")."""
        t0, t1 = self.toks[a], self.toks[b - 1]
        text = self.article.body[t0.idx:t1.idx + len(t1.text)]
        return re.sub(r"\s+", " ", text.replace("per cent", "percent"))


def _role(tok) -> str:
    """Where a counted phrase sits in its clause, following conjuncts to the first one."""
    for _ in range(3):
        if tok.dep_ != "conj":
            break
        tok = tok.head
    if tok.dep_ in _SUBJ:
        return "subj"
    if tok.dep_ == "dobj":
        return "obj"
    return "other"


def _join(noun: str | None, state: str | None) -> str:
    if noun and state:
        return noun if state in noun else f"{noun} {state}"
    return noun or state or ""


def _clean(q):
    """Whole numbers as int, so 900000.0 reads 900000."""
    if isinstance(q, list):
        return [_clean(x) for x in q]
    if isinstance(q, float) and q.is_integer():
        return int(q)
    return q
