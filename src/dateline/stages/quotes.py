"""Stage quotes: every direct quotation, with its speaker resolved in the article.

1. Quote marks are paired one paragraph at a time (``resources.quote_marks``), so one stray
   mark never costs more than its paragraph, and a quotation left open at a paragraph end
   runs on when the next paragraph opens with a mark (news convention).
2. Each quotation is attributed from its own sentence: a speech verb right after the closing
   mark ('"...," he said', '"...," said X, the ...'), else the nearest one before the
   opening mark ('X said: "..."', 'X told CNN that "..."', 'according to X'). The verb's
   subject in the dependency parse becomes a speaker through ``resources.quote_speakers``
   (full names, groups, pronouns and titles resolved in the article).
3. A quotation with no verb of its own takes the speaker of the one before it in the
   paragraph, of the piece it continues, or of the one after it.
4. A short fragment (up to four words) with no speech verb of its own is a scare quote or a
   name ('so-called "caliphate"', 'the "Iron Curtain" speech') and is dropped.
"""

from __future__ import annotations

import bisect
import re

from ..article import Quote
from ..resources.quote_marks import QuoteSpan, find_quotes
from ..resources.quote_speakers import Cast, Speaker

_STOPS = frozenset((".", "!", "?", ";"))
_MAX_AFTER = 25  # tokens from a closing mark to its speech verb ('," Lt.-Gen. X, the ..., said')
_MAX_BEFORE = 60  # tokens back from an opening mark to the verb that introduces it
_SHORT = 4  # words: a fragment this short needs a speech verb of its own to be speech
_FINITE = frozenset(("VBD", "VBZ", "VBP", "MD"))
_GAP_OK_DEPS = frozenset(("aux", "auxpass", "relcl", "acl", "amod", "advcl"))
_SUBJECT_DEPS = frozenset(("nsubj", "nsubjpass"))
_NOMINAL_DEPS = frozenset(("amod", "compound", "nmod", "dobj", "pobj", "poss", "attr"))
_RELATIVE = frozenset(("who", "which", "that"))
_CLIMB_DEPS = frozenset(("conj", "advcl", "xcomp", "pcomp", "prep", "ccomp", "acl"))
_WORD = re.compile(r"\w+")
_NAME_PREPS = frozenset(("on", "in", "at", "from", "of", "by", "for", "with", "called", "named"))
_SMALL = frozenset(("of", "the", "and", "a", "an", "in", "on", "for", "to", "de", "al"))


def run(article, resources) -> dict:
    body = article.body or ""
    spans = find_quotes(body)
    if not spans:
        return {"quotes": []}
    doc = article.doc if article.doc is not None else resources.nlp(body)
    return {"quotes": _Quotes(article, doc, spans, resources.quote_lexicon).extract()}


class _Quotes:
    """The quotations of one article and the token indexes they are attributed with."""

    def __init__(self, article, doc, spans: list[QuoteSpan], lex):
        self.body, self.doc, self.spans, self.lex = article.body, doc, spans, lex
        self.starts = [t.idx for t in doc]
        self.flags = bytearray(len(doc))
        for span in spans:
            lo, hi = self.tok_at(span.open), self.tok_at(max(span.open, span.close - 1))
            self.flags[lo:hi + 1] = b"\x01" * (hi + 1 - lo)
        if article.entities:
            ents = [(e.start, e.end, e.label, e.canonical or e.text) for e in article.entities]
        else:
            ents = [(e.start_char, e.end_char, e.label_, e.text) for e in doc.ents]
        self.cast = Cast(doc, ents, lex, self.in_quote)

    def in_quote(self, i: int) -> bool:
        return bool(self.flags[i])

    def tok_at(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.starts, char) - 1)

    # ------------------------------------------------------------ the passes

    def extract(self) -> list[Quote]:
        spans, n = self.spans, len(self.spans)
        speakers: list[Speaker | None] = [None] * n
        own = [False] * n  # attributed by a speech verb of its own
        last_person = None
        for k, span in enumerate(spans):
            speaker, verb, side = self.attribute(k, last_person)
            if speaker is not None:
                speakers[k] = speaker
                own[k] = side == "after" or not self._short(span) or self._governs(verb, span)
                if speaker.kind == "person":
                    last_person = speaker
        for k in range(1, n):  # forward: continued pieces, then the paragraph's last speaker
            if speakers[k] is not None:
                continue
            prev, span = spans[k - 1], spans[k]
            if prev.para == span.para or (prev.continues and prev.para + 1 == span.para) or (
                    prev.para + 1 == span.para and self._opens_paragraph(span)):
                speakers[k] = speakers[k - 1]
        for k in range(n - 2, -1, -1):  # backward: a speaker named after the quotations
            if speakers[k] is None and speakers[k + 1] is not None and (
                    spans[k + 1].para == spans[k].para or spans[k].continues):
                speakers[k] = speakers[k + 1]
        out, kept = [], [False] * n
        for k, span in enumerate(spans):
            # '"street to street," or even "house to house."': a fragment shares the verb of
            # the quotation before it in the same sentence, if that one was speech.
            linked = k > 0 and kept[k - 1] and spans[k - 1].para == span.para \
                and speakers[k] is not None and not self._sentence_between(spans[k - 1], span)
            kept[k] = self.is_speech(span, own[k] or linked, speakers[k] is not None)
            if not kept[k]:
                continue
            speaker = speakers[k]
            out.append(Quote(self.body[span.start:span.end], span.start, span.end,
                             speaker.name if speaker else None, speaker.role if speaker else None))
        return out

    def is_speech(self, span: QuoteSpan, attributed: bool, has_speaker: bool) -> bool:
        """Drop scare quotes, names in quote marks and stray unclosed marks."""
        if span.unclosed:
            return attributed
        text = self.body[span.start:span.end]
        words = _WORD.findall(text)
        if len(words) <= 6 and self._after_scare_marker(span.open):
            return False
        if len(words) > _SHORT or span.continues:
            return True
        if not attributed:
            # '"We are friends."' after '"...," he said.': a whole short sentence of the same speaker.
            return has_speaker and text[:1].isupper() and text[-1] in ".!?"
        return not self._is_name(span, words)

    # ------------------------------------------------------------ attribution

    def attribute(self, k: int, last_person: Speaker | None):
        """(speaker, verb, side) from a speech verb in the quotation's own sentence, or Nones."""
        span = self.spans[k]
        text = self.body[span.start:span.end].rstrip()
        end_char = text[-1:] if text else ""
        order = ("before", "after")
        if not span.continues and (end_char in ",\u2014\u2013-:" or (
                end_char in "?!" and self._lower_after(span.close))):
            order = ("after", "before")
        for side in order:
            if side == "after" and span.continues:
                continue
            found = self._after(k, strict=end_char in ".?!\u2026") if side == "after" \
                else self._before(k)
            if found is None:
                continue
            verb, fallback = found
            subject = self._subject(verb)
            if subject is None or self.in_quote(subject.i):
                subject = fallback
            if subject is None:
                continue
            speaker = self.cast.describe(subject, last_person)
            if speaker is not None:
                return speaker, verb, side
        return None, None, None

    def _short(self, span) -> bool:
        return len(_WORD.findall(self.body[span.start:span.end])) <= _SHORT

    def _governs(self, verb, span) -> bool:
        """Whether a short fragment hangs from the verb in the parse (at most four steps up):
        'declared a "total victory"' does, 'rallies calling for ... the "boy martyr"' does not."""
        first, last = self.tok_at(span.start), self.tok_at(span.end - 1)
        for i in range(first, last + 1):
            tok = self.doc[i]
            if first <= tok.head.i <= last and tok.head.i != i:
                continue
            for _ in range(4):
                if tok.head.i == tok.i:
                    break
                tok = tok.head
                if tok.i == verb.i:
                    return True
        return False

    def _after(self, k, strict):
        """The speech verb after the closing mark, before the sentence goes on to other things."""
        span, doc = self.spans[k], self.doc
        limit = self.spans[k + 1].open if k + 1 < len(self.spans) and \
            self.spans[k + 1].para == span.para else span.para_end
        first = self.tok_at(span.close - 1) + 1
        if first < len(doc) and doc[first].idx < span.close:
            first += 1
        j, stop = first, min(len(doc), first + _MAX_AFTER)
        while j < stop and doc[j].idx < limit and not self._is_stop(j):
            tok = doc[j]
            if self._is_verb(tok) and tok.dep_ not in ("acl", "amod"):  # not 'a cry chanted at rallies'
                if strict and any(c.dep_ == "ccomp" and c.i > j for c in tok.children):
                    return None  # 'X said the ...': a new statement, not this quotation's tag
                gap = doc[first:j]
                # '," said X' and '... to the protests, writes X': the speaker follows the verb
                inverted = not len(gap) or doc[j - 1].text in (",", "--", "\u2014", "\u2013")
                return tok, self._inverted_subject(j, limit) if inverted else self._gap_subject(gap)
            if tok.tag_ in _FINITE and tok.dep_ not in _GAP_OK_DEPS:
                return None
            j += 1
        return None

    def _before(self, k):
        """The nearest speech verb before the opening mark, within the same sentence."""
        span, doc = self.spans[k], self.doc
        floor = span.para_start
        if k > 0 and self.spans[k - 1].para == span.para:
            floor = max(floor, self.spans[k - 1].close)
        elif self._opens_paragraph(span):
            # 'a spokesman said:' closing one paragraph introduces the quotation opening the next
            prev_end = len(self.body[:span.para_start].rstrip())
            if prev_end and self.body[prev_end - 1] == ":":
                floor = self.body.rfind("\n", 0, prev_end) + 1
        j = self.tok_at(span.open) - 1
        lowest = max(-1, j - _MAX_BEFORE)
        while j > lowest and doc[j].idx >= floor and not self._is_stop(j):
            tok = doc[j]
            if self._is_verb(tok) and not self.in_quote(j):
                start = j
                while start - 1 > lowest and doc[start - 1].idx >= floor and not self._is_stop(start - 1):
                    start -= 1
                return tok, self._gap_subject(doc[start:j], last=True)
            j -= 1
        return None

    def _is_verb(self, tok) -> bool:
        word = tok.lower_
        if word not in self.lex.verbs or tok.dep_ in _NOMINAL_DEPS:
            return False  # 'the latest ruling', 'the saying goes'
        if tok.tag_.startswith("VB") or word == "according":
            return True
        # 'Igor Ivanov calls ...': the tagger said NNS, the parser still gave it a subject.
        return tok.dep_ == "ROOT" or any(c.dep_ in _SUBJECT_DEPS for c in tok.children)

    def _is_stop(self, j) -> bool:
        tok = self.doc[j]
        if tok.text not in _STOPS:
            return False
        if tok.text == "." and j > 0 and not self.doc[j - 1].whitespace_:
            prev = self.doc[j - 1].text
            # 'Brig. Gen.' and initials: spaCy splits the dot off some abbreviations.
            if self.lex.is_title(prev) or (len(prev) == 1 and prev.isupper()):
                return False
        return True

    def _subject(self, verb):
        """The subject of a speech verb, climbing from 'saying' / 'added' to the verb that has one.

        A speech verb up the chain wins over any other ('estimates that civilians are trapped
        and warns ...': the parser hangs 'warns' on 'trapped', the speaker is who estimates).
        """
        if verb.lower_ == "saying" and verb.head.lower_ == "as":
            for child in verb.head.head.children:  # 'Syrian TV quoted Mr Zhai as saying'
                if child.dep_ == "dobj" and not self.in_quote(child.i):
                    return child
        own = self._own_subject(verb)
        if own is not None:
            return own
        cur = verb
        for _ in range(4):
            if cur.dep_ not in _CLIMB_DEPS or cur.head.i == cur.i or self.in_quote(cur.head.i):
                break
            cur = cur.head
            if self._is_verb(cur):
                found = self._own_subject(cur)
                if found is not None:
                    return found
        return self._climb_subject(verb)

    def _own_subject(self, verb):
        if verb.lower_ == "according":
            for prep in verb.children:
                if prep.lower_ == "to":
                    for obj in prep.children:
                        if obj.dep_ == "pobj":
                            return obj
            return None
        for child in verb.children:
            if child.dep_ in _SUBJECT_DEPS and not self.in_quote(child.i):
                if child.lower_ in _RELATIVE and verb.dep_ == "relcl":
                    head = verb.head  # 'Goldstein, who said it was "..."'
                    lex = self.lex
                    if head.tag_ in ("NNP", "NNPS") or head.lower_ in lex.person or head.lower_ \
                            in lex.group or head.lower_ in lex.document or head.lower_ in lex.display:
                        return head
                    return None
                return child
        return None

    def _climb_subject(self, verb):
        cur = verb
        for _ in range(4):
            if cur.lower_ == "according":
                for prep in cur.children:
                    if prep.lower_ == "to":
                        for obj in prep.children:
                            if obj.dep_ == "pobj":
                                return obj
                return None
            for child in cur.children:
                if child.dep_ in ("nsubj", "nsubjpass") and not self.in_quote(child.i):
                    return child
            if cur.dep_ not in _CLIMB_DEPS or cur.head.i == cur.i:
                return None
            cur = cur.head
            if cur.tag_ in ("NN", "NNS", "NNP") and cur.lower_ in self.lex.document:
                return cur  # 'a statement ... saying'
            if self.in_quote(cur.i):
                return None
        return None

    def _gap_subject(self, gap, last=False):
        """A speaker-looking token in a stretch of text: a name first, else a pronoun or noun."""
        names, others = [], []
        for tok in gap:
            if self.in_quote(tok.i):
                continue
            if tok.tag_ in ("NNP", "NNPS") or tok.ent_type_ in ("PERSON", "ORG"):
                names.append(tok)
            elif tok.tag_ in ("PRP", "NN", "NNS") and (tok.tag_ != "PRP" or tok.lower_ in
                                                      ("he", "she", "they", "it")):
                others.append(tok)
        pool = names or others
        if not pool:
            return None
        return pool[-1] if last else pool[0]

    def _inverted_subject(self, j, limit):
        """'," said Lynn Maalouf, the ...', '," said Lt.-Gen. Omar Rashid': the subject after the verb."""
        doc = self.doc
        stop = min(len(doc), j + 12)
        for i in range(j + 1, stop):
            tok = doc[i]
            if tok.idx >= limit or tok.text in (",", ";") or (tok.text == "." and not self._after_title(i)):
                break
            if self.lex.is_title(tok.text) or tok.text == ".":
                continue  # ranks and the dots spaCy splits off them
            if tok.tag_ in ("NNP", "NNPS", "PRP", "NN", "NNS"):
                while i + 1 < stop and doc[i + 1].tag_ in ("NNP", "NNPS") and doc[i + 1].idx < limit:
                    i += 1
                return doc[i]
        return None

    def _after_title(self, i):
        return i > 0 and not self.doc[i - 1].whitespace_ and self.lex.is_title(self.doc[i - 1].text)

    # ------------------------------------------------------------ small tests on the text

    def _lower_after(self, char):
        rest = self.body[char:char + 40].lstrip()
        return bool(rest) and rest[0].islower()

    def _opens_paragraph(self, span):
        return not self.body[span.para_start:span.open].strip()

    def _sentence_between(self, prev: QuoteSpan, span: QuoteSpan) -> bool:
        """Whether a sentence ends between two quotations (inside the first one's marks too)."""
        gap = self.body[prev.close:span.open]
        ends = self.body[prev.end - 1] in ".!?" and gap.strip()[:1].isupper()
        return ends or any(c in gap for c in ".!?;")

    def _after_scare_marker(self, open_char):
        """'so-called "caliphate"', 'so-called Islamic "caliphate"': a marker up to two words back."""
        before = self.body[max(0, open_char - 60):open_char].lower().split()[-5:]
        scare = self.lex.scare
        for skip in range(3):
            end = len(before) - skip
            for n in (1, 2):
                if end - n >= 0 and tuple(before[end - n:end]) in scare:
                    return True
        return False

    def _is_name(self, span, words):
        """Capitalized words used as a name: 'the "Iron Curtain" speech', 'Ernesto "Che"
        Guevara', 'CBS's "60 Minutes"', '"The Nuremberg Files" was knocked off-line'.
        A chant or an exclamation ('"Freedom for Elian,"') ends in its own punctuation."""
        content = [w for w in words if w.lower() not in _SMALL and w not in ("s", "t")]
        if not content or not all(w[:1].isupper() or w[:1].isdigit() for w in content):
            return False
        before = self.body[max(0, span.open - 3):span.open]
        if before.endswith(("'s ", "\u2019s ")):
            return True
        # 'on "American Morning,"', 'the Facebook event "We Are All Khaled Said,"': a title
        k = self.tok_at(span.open) - 1
        while k >= 0 and self.doc[k].is_space:
            k -= 1
        if k >= 0 and (self.doc[k].lower_ in _NAME_PREPS or self.doc[k].tag_ in ("NN", "NNP")):
            return True
        if self.body[span.end - 1] in ",.!?":
            return False  # 'Hallelujah,' / 'Liberty! Liberty!': an utterance, not a name
        j = self.tok_at(span.close - 1) + 1
        if j < len(self.doc) and self.doc[j].idx < span.close:
            j += 1
        if j < len(self.doc) and self.doc[j].tag_ in ("NN", "NNS", "NNP", "NNPS"):
            return True
        return len(content) >= 2
