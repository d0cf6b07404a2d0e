"""Stage places: every place the article names, resolved to coordinates.

Mentions come from two sources: the named-entity spans (GPE, LOC, FAC from the entities
stage when it has run, else ``doc.ents``) and a gazetteer scan of capitalized token runs,
because the small English model calls many Arabic place names PERSON ('al Intisar') and
names inside organisations ('Rochester Fire Department') are places too. A scan match
outside a GPE/LOC span must earn its place: a locative word before it ('in', 'near'), a
qualifier after it ('Paris, Texas'), a dateline, a place noun ('Alexandria woman'), or,
for longer names, a reading that fits the places the article surely names. Demonyms
('Iraqi') are not places. ``resources.geo_resolve`` then picks one gazetteer entry per name
from the whole article's context. Streets and roads have no gazetteer entry; they are kept
at the town named in their sentence (else with null coordinates), so a reader lands on them.
"""

from __future__ import annotations

import re
from dataclasses import replace
from difflib import SequenceMatcher

from ..article import Place
from ..resources.geo_resolve import (BIG_CITY, LEX_SINGLE, Mention, keep_supported, km, resolve,
                                     strong_reading)
from ..resources.geo_tokens import entity_labels, person_words, tokens
from ..resources.geo_text import article_free, name_key

MAX_TOKENS = 7  # longest name tried ('Stratford upon Avon', 'Old City of Mosul')
CONNECTORS = frozenset({"of", "de", "del", "la", "le", "upon", "on", "-", "du", "des", "da", "do",
                        "dos", "y", "the", "al", "el", "ad", "as", "ash", "an", "ar", "at", "az", "'"})
# Words that join names inside one run with spaces around them; the rest of CONNECTORS only
# before a hyphen ('Stratford-upon-Avon', 'as-Safira'), so 'Fighting at Mosul' is no run.
JOINERS = frozenset({"of", "de", "del", "la", "le", "upon", "-", "du", "des", "da", "do", "dos", "y",
                     "al", "el", "'", "van", "von", "der", "di"})
ARTICLES = frozenset({"al", "el", "ad", "as", "ash", "an", "ar", "at", "az", "ul"})
PLACE_LABELS = frozenset({"GPE", "LOC"})
NAME_LABELS = frozenset({"ORG", "FAC", "EVENT", "PERSON", "WORK_OF_ART", "PRODUCT", "LAW"})
ROAD_NUMBER = re.compile(r"\b(?:(?:State|U\.S\.|US|County|Farm[- ]to[- ]Market|State Route)\s+)?"
                         r"(?:Highway|Hwy\.?|Route|Rte\.?|Interstate|Road)\s+\d{1,4}[A-Z]?\b"
                         r"|\b(?:I|US|SR|KY|FM)-?\s?\d{1,3}\b(?=[\s,.;)])")
DISTINCT = frozenset({"landmark", "district", "water", "region", "admin1", "admin2", "country"})
DIRECTION_BEFORE = re.compile(r"\b(?:north|south|east|west|central|(?:north|south)(?:east|west)(?:ern)?|"
                              r"northern|southern|eastern|western|downtown) $")
LOOSE_KM = 300.0
NEAR_PART_KM = 50.0


def run(article, resources) -> dict:
    """Find and resolve the article's places."""
    doc = article.doc
    if doc is None or not article.body or len(doc) == 0:
        return {"places": []}
    finder = _Finder(article, doc, resources.gazetteer)
    mentions = finder.mentions()
    return {"places": _places(article, mentions, finder.streets)}


class _Finder:
    """Mention detection over one article."""

    def __init__(self, article, doc, gaz):
        self.body = article.body
        self.spacy_doc = doc
        self.doc = tokens(doc, article.body)
        self.gaz = gaz
        self.words = gaz.words
        self.label, self.ent_span = entity_labels(article, doc)
        self.person_words = person_words(doc, self.label, self.ent_span)
        self.taken = [False] * len(doc)
        self.streets: list[tuple[int, int, str]] = []
        self.unknown: list[tuple[int, int, int | None]] = []  # unknown runs in a place context, and their holder

    # ---------------------------------------------------------------- tokens

    def _is_name(self, i: int) -> bool:
        text = self.doc[i].text
        return text[:1].isupper() and any(c.isalpha() for c in text)

    def _runs(self):
        """Maximal runs of capitalized tokens, joined by connectors ('Old City of Mosul', 'al-Anbar')."""
        doc, n = self.doc, len(self.doc)
        i = 0
        while i < n:
            if not (self._is_name(i) or self._article_start(i)):
                i += 1
                continue
            j = i + 1
            while j < n and "\n" not in doc[j - 1].whitespace_:
                if self._is_name(j):
                    j += 1
                    continue
                k = j  # up to three connectors between names: 'Great Mosque of al-Nuri'
                while k < n and k - j < 3 and self._joins(k) and "\n" not in doc[k].whitespace_:
                    k += 1
                if k > j and k < n and self._is_name(k):
                    j = k + 1
                elif doc[j].lower_ == "and" and j + 1 < n and self._is_name(j + 1) and self._and_name(i, j):
                    j += 2  # 'Newfoundland and Labrador', 'Bosnia and Herzegovina'
                else:
                    break
            yield i, j
            i = j

    def _and_name(self, i: int, j: int) -> bool:
        """Whether 'X and Y' around token ``j`` is one gazetteer name ('Trinidad and Tobago')."""
        n = len(self.doc)
        for a in range(max(i, j - 3), j):
            for b in range(j + 2, min(n, j + 4) + 1):
                if self.gaz.has(name_key(self._span_text(a, b)[2])):
                    return True
        return False

    def _joins(self, k: int) -> bool:
        """Whether token ``k`` may join two names in one run ('of', 'de', 'al', '-'; 'as-' only hyphenated)."""
        low = self.doc[k].lower_
        if low in JOINERS:
            return True
        return low in CONNECTORS and k + 1 < len(self.doc) and self.doc[k + 1].text == "-"

    def _article_start(self, i: int) -> bool:
        """A lowercase Arabic article opening a name: 'al Intisar', 'al-Anbar'."""
        doc, n = self.doc, len(self.doc)
        if doc[i].lower_ not in ARTICLES or doc[i].text[:1].isupper():
            return False
        hyphen = i + 1 < n and doc[i + 1].text == "-"
        if not hyphen and doc[i].lower_ not in ("al", "el"):
            return False  # 'at Mosul' is a preposition; 'at-Tanf' and 'al Intisar' are names
        k = i + 1 + hyphen
        return k < n and self._is_name(k) and not (i > 0 and doc[i - 1].text[:1].isupper())

    def _span_text(self, s: int, e: int) -> tuple[int, int, str]:
        start, end = self.doc[s].idx, self.doc[e - 1].idx + len(self.doc[e - 1].text)
        return start, end, self.body[start:end]

    def _lookup(self, s: int, e: int):
        """Gazetteer readings of tokens s..e; a bare county name ('Harris') is not one."""
        return [c for c in self.gaz.candidates(self._span_text(s, e)[2])
                if not (c.feature == "admin2" and c.alternate)]

    @staticmethod
    def _solid(cands) -> bool:
        """Whether a reading is worth preferring to a shorter name (not just an old alternate)."""
        return any(not c.alternate or c.population >= 5000 or c.feature != "city" for c in cands)

    def _scan(self, s: int, e: int):
        """Longest gazetteer matches inside a run, left to right."""
        doc, i = self.doc, s
        while i < e:
            if doc[i].lower_ in CONNECTORS and not (doc[i].lower_ in ARTICLES and i + 1 < e
                                                    and (doc[i + 1].text == "-" or self._is_name(i + 1))):
                i += 1
                continue
            found = weak = None
            if e < len(doc) and doc[e].lower_ in self.words.trailing_noun and doc[e].is_lower and e - i < MAX_TOKENS:
                cands = self._lookup(i, e + 1)
                if cands:
                    yield i, e + 1, cands
                    return
            for j in range(min(e, i + MAX_TOKENS), i, -1):
                if doc[j - 1].lower_ in CONNECTORS:
                    continue
                cands = self._lookup(i, j)
                if cands:
                    if self._solid(cands) or j == i + 1:
                        found = (i, j, cands)
                        break
                    weak = weak or (i, j, cands)
            found = found or weak
            if found:
                a, b, cands = found
                if a - 2 >= s and doc[a - 1].text == "-" and doc[a - 2].lower_ in ARTICLES:
                    a -= 2  # 'al-Maydan': the gazetteer knows 'Maydan', the text says 'al-Maydan'
                elif a - 1 >= s and doc[a - 1].lower_ in ("al", "el"):
                    a -= 1
                yield a, b, cands
                i = b
            else:
                i += 1

    # ---------------------------------------------------------------- evidence

    def _word(self, k: int) -> str:
        return self.doc[k].lower_ if 0 <= k < len(self.doc) else ""

    def _locative_before(self, s: int, depth: int = 0) -> float:
        """How surely the words before token ``s`` introduce a place ('in' 1.5, ', of' 1.5, 'of' 0.5).

        In a list the conjuncts share the first one's word: 'to Qayara and Hamam al-Alil'.
        """
        k = s - 1
        if self._word(k) in ("al", "el"):
            k -= 1  # 'in al Intisar'
        if self._word(k) == "the":
            k -= 1
        if self._word(k) in self.words.direction and self._word(k - 1) in self.words.locative:
            k -= 1  # 'in northern Iraq', 'in north Mosul'
        word = self._word(k)
        if word == "of":
            before = self._word(k - 1)
            if before in (",", "formerly", "native", "resident", "residents") or before in self.words.area_noun:
                return 1.5  # 'Jason Berube, of Chatham', 'the village of Gogjali', 'south of Erbil'
        if word in ("and", "or", ",") and depth < 3 and k > 0 and self._is_name(k - 1):
            j = k - 1
            while j > 0 and (self._is_name(j - 1) or self._joins(j - 1)):
                j -= 1
            return 0.8 * self._locative_before(j, depth + 1)
        return self.words.locative.get(word, 0.0)

    def _plain_word(self, k: int) -> bool:
        """A capitalized word that does not start a new name: a title, institution, place noun or direction."""
        low = self.doc[k].lower_
        w = self.words
        return (low in w.institution or low in w.title or low in w.direction or low in w.place_noun
                or low in w.not_place or low in w.feature or low in CONNECTORS or not self._is_name(k)
                or low in w.street_end or low in w.trailing_noun)

    def _unknown_rest(self, span, s: int, e: int) -> bool:
        """Whether the entity span holds capitalized words beyond the match that are neither known
        names nor plain words ('Bab Jebli' holds 'Bab', a Syrian town, and 'Jebli')."""
        rest = [k for k in range(span[0], span[1]) if not s <= k < e]
        return any(not self._plain_word(k) and not self.gaz.has(name_key(self.doc[k].text)) for k in rest)

    def _unknown_next(self, e: int) -> bool:
        """Whether the match runs on into an unknown capitalized word ('Jebel' + 'Kosbi')."""
        return (e < len(self.doc) and not self.doc[e - 1].whitespace_.count("\n") and self._is_name(e)
                and not self._plain_word(e) and not self.gaz.has(name_key(self.doc[e].text)))

    def _party_before(self, s: int) -> bool:
        """'Sen. X, D-Ohio' / 'R-Elbow Lake': a legislator's state or home town."""
        d = self.doc
        if s >= 2 and d[s - 1].text == "-" and d[s - 2].text in ("D", "R", "I"):
            return True
        return s >= 1 and d[s - 1].text in ("D-", "R-", "I-")

    def _dateline(self, s: int, e: int) -> bool:
        """'BOWLING GREEN, Ohio (AP) -', 'MOSUL, Iraq —', 'AMHERST - ...' at a line or sentence start."""
        d = self.doc
        if e >= len(d):
            return False
        if d[e].text in ("—", "–", "--", "-") and self._all_caps(s, e) and (
                s == 0 or not d[s - 1].is_alpha) and len(self.doc[s].text) >= 4:
            return True  # 'AMHERST - Irvin E. Rhodes...'; not 'NATO - ...' inside a sentence
        at_start = s == 0 or d[s].is_sent_start or "\n" in d[s - 1].whitespace_
        return at_start and d[e].text in (",", "(", ":") and self._all_caps(s, e)

    def _all_caps(self, s: int, e: int) -> bool:
        letters = [t for t in self.doc[s:e] if t.is_alpha]
        return bool(letters) and all(t.is_upper for t in letters)

    def _ap_state(self, k: int) -> tuple[str, int] | None:
        """(state name, end token) when token ``k`` is an AP state abbreviation ('Tenn.', 'W.Va' + '.')."""
        tok = self.doc[k]
        state = self.words.ap_state.get(tok.text)
        if state:
            if k + 1 < len(self.doc) and tok.whitespace_ == " ":
                two = self.words.ap_state.get(tok.text + " " + self.doc[k + 1].text)
                if two:
                    return two, k + 2  # 'W. Va.'
            return state, k + 1
        if k + 1 < len(self.doc) and tok.whitespace_ == " ":
            two = self.words.ap_state.get(tok.text + " " + self.doc[k + 1].text)
            if two:
                return two, k + 2
        nxt = k + 1 < len(self.doc) and self.doc[k + 1].text == "." and not tok.whitespace_
        state = self.words.ap_state.get(tok.text + ".") if nxt else None
        return (state, k + 2) if state else None

    def _us_state(self, name: str):
        return [c for c in self.gaz.candidates(name) if c.feature == "admin1" and c.country == "US"]

    def _state_after(self, e: int):
        """The admin1/country right after ', ' ('Paris, Texas', 'Salina, Kan.'): (end token, candidates)."""
        d = self.doc
        if e + 1 >= len(d) or d[e].text != ",":
            return None
        t = d[e + 1]
        ap = self._ap_state(e + 1)
        state, end = ap if ap else (self.words.postal.get(t.text) if len(t.text) == 2 and t.is_upper else None, e + 2)
        if state:
            cands = self._us_state(state)
            return (end, cands) if cands else None
        for j in range(min(len(d), e + 5), e + 1, -1):
            if d[j - 1].lower_ in CONNECTORS or not all(
                    self._is_name(k) or d[k].lower_ in CONNECTORS for k in range(e + 1, j)):
                continue
            if j == e + 2 and (d[e + 1].lower_ in self.words.not_place or d[e + 1].lower_ in self.words.direction):
                continue
            if j < len(d) and self._is_name(j):
                continue  # 'Syria, Western diplomats': a qualifier ends the name
            cands = [c for c in self._lookup(e + 1, j) if c.feature in ("admin1", "country")]
            if cands:
                return j, cands
        return None

    def _judge(self, s: int, e: int, cands):
        """(lexical evidence, adjustment, strong) for a scan match, or None when it is no place."""
        d, words = self.doc, self.words
        label, span = self.label[s], self.ent_span[s]
        single = e - s == 1
        low = d[s].lower_
        if all(self.label[k] == "NORP" for k in range(s, e)) or (single and label == "NORP"):
            return None  # a demonym; 'Iraqi Kurdistan' is a place
        if single and self.gaz.demonym(d[s].text):
            return None  # 'a Somali soldier' is not Ethiopia's Somali region
        if s > 0 and (self._word(s - 1).rstrip(".") in words.honorific or self._word(s - 1) in words.title) and not any(
                c.feature in ("country", "admin1") for c in cands):
            return None  # 'President Obama', 'Mr Assad'; but 'Governor Texas' is rare and 'in Texas' common
        if self._all_caps(s, e) and not (label in PLACE_LABELS and (
                not single or "." in d[s].text or len(d[s].text) > 3
                or any(c.feature == "country" and not c.alternate for c in cands))):
            return (3.0, 0.0, True) if self._dateline(s, e) else None
        lex = self._locative_before(s)
        if self._party_before(s):
            lex += 3
        if e < len(d) and d[e].is_lower and d[e].lower_ in words.place_noun:
            lex += 1
        if self._dateline(s, e):
            lex += 3
        inside = span is not None and span[0] <= s and e <= span[1]
        if single and label in PLACE_LABELS and low in self.person_words and not any(
                (c.feature in ("country", "admin1") or c.population >= BIG_CITY) and not c.alternate
                for c in cands):
            return None  # 'coach Ripley' after 'Mike Ripley'
        if single and (low in words.feature or (self._word(e) == "news" or self._word(e) == "agency")):
            return None  # 'Gulf' alone; 'Sana news agency'
        major = any((c.feature in ("country", "admin1") or c.population >= BIG_CITY) and not c.alternate
                    for c in cands)
        if single and not major and (self._word(e) in words.speech
                                     or (self._word(e) == "'s" and self._word(e + 1) in words.speech)):
            return None  # 'Taylor said', 'Sana reported'; but 'Tbilisi says' is the government speaking
        unknown_rest = inside and label in PLACE_LABELS and self._unknown_rest(span, s, e)
        runs_on = self._unknown_next(e)  # 'Baba' + 'Amr', 'Ben' + 'Gurion'
        if label in PLACE_LABELS and inside and not unknown_rest and not runs_on:
            if not (single and (low in words.not_place or low in words.direction)) or (
                    span == (s, e) and low not in words.direction):
                return lex, 0.0, True  # spaCy and the gazetteer agree
        if single and (low in words.not_place or low in words.direction):
            return None
        if single and low in self.person_words and not any(
                c.feature in ("country", "admin1") and not c.alternate for c in cands):
            return None  # 'Jones' after 'Jason Terrell Jones' is the man, not Jones, Oklahoma
        if single and self._word(s - 1) in ("agency", "newspaper", "channel", "broadcaster"):
            return None  # 'state news agency Sana'
        if not strong_reading(cands) and single:
            return None  # only an old or rare alternate name of a small place ('Passover')
        adjust = 0.0
        after = self._word(e)
        if label in NAME_LABELS and inside:
            if span != (s, e):
                if after in words.institution or (label != "PERSON" and self._word(s - 1) == "of"):
                    lex += 1.0  # 'Rochester Fire Department', 'University of Nebraska', 'Laurel County Clerk'
                elif label == "PERSON" and not (span[0] == s and after in words.title):
                    return None  # part of a person's name: 'Will' in 'Will Smith'
                else:
                    adjust -= 0.5
            else:
                adjust -= 1.0 if label in ("ORG", "PRODUCT", "WORK_OF_ART", "LAW") else 0.5
        elif label is not None and label not in PLACE_LABELS and inside:
            adjust -= 1.0  # DATE, CARDINAL, LANGUAGE...
        if not all(t.pos_ == "PROPN" or t.lower_ in CONNECTORS or t.lower_ in words.trailing_noun for t in d[s:e]):
            adjust -= 1.0
        if unknown_rest:
            return None  # a known word inside a longer unknown name: 'Baba' in 'Baba Amr', 'Bab Jebli'
        if runs_on:
            adjust -= 1.5  # 'Jebel' running on into 'Kosbi'
        if not single and any(not c.alternate and c.feature in DISTINCT for c in cands):
            adjust += 1.0  # 'Mosul airport', 'Gaza Strip': a curated or admin name of several words
        if single and e + 1 < len(d) and d[e].text == "-" and not d[s].whitespace_ and self._is_name(e + 1):
            adjust -= 1.0  # 'Wal-Mart', 'Webb-Lawton': one word of a compound name
        if single and lex < LEX_SINGLE and not (major and d[s].pos_ == "PROPN"):
            adjust -= 5.0  # one capitalized word alone is too often a surname or a common word
        if any(c.feature in ("country", "admin1", "continent") for c in cands):
            adjust += 1.0
        return lex, adjust, False

    # ---------------------------------------------------------------- mentions

    def _street_run(self, s: int, e: int) -> bool:
        """A run that names a street ('North Lumpkin Street', 'Orchard St.') is one street mention."""
        if e - s < 2 or self.doc[e - 1].lower_ not in self.words.street_end:
            return False
        start, end, text = self._span_text(s + (self.doc[s].lower_ == "the"), e)
        self.streets.append((start, end, "street"))
        for k in range(s, e):
            self.taken[k] = True
        return True

    def _feature_run(self, s: int, e: int, matches) -> bool:
        """'Canaan Valley', 'Lake Vermont', 'Farallon Islands': a landform or water body named after a
        known place is not that place. Kept without coordinates when no gazetteer name covers it."""
        if len(matches) == 1 and matches[0][0] == s + (self.doc[s].lower_ == "the") and matches[0][1] == e:
            return False
        covered = {k for ms, me, _c in matches for k in range(ms, me)}
        words = self.words.feature
        if not any(self.doc[k].lower_ in words and k not in covered for k in range(s, e)):
            return False
        start, end, _text = self._span_text(s + (self.doc[s].lower_ == "the"), e)
        self.streets.append((start, end, "water" if any(self.doc[k].lower_ in self.words.water for k in range(s, e))
                             else "landmark"))
        for k in range(s, e):
            self.taken[k] = True
        return True

    def _add(self, found, s, e, cands, lex, adjust, strong):
        if any(self.taken[s:e]):
            return
        found.append([s, e, cands, lex, adjust, strong, None])
        for k in range(s, e):
            self.taken[k] = True

    def mentions(self) -> list[Mention]:
        """Every accepted mention, resolved (``choice`` set)."""
        d, words = self.doc, self.words
        found: list[list] = []  # [s, e, candidates, lex, adjust, strong, qualifier token]

        # State abbreviations: 'Salina, Kan.', 'D-N.J.', and dotted ones anywhere ('the N.J. Division').
        # ('Ill.' labelled GPE, 'Ga. pastor' in a headline).
        for k, tok in enumerate(d):
            ap = self._ap_state(k) if tok.text[:1].isupper() else None
            if ap and (self._word(k - 1) == "," or self._party_before(k) or tok.text.count(".") >= 2
                       or self.label[k] == "GPE" or self._word(ap[1]) in words.place_noun):
                cands = self._us_state(ap[0])
                if cands:
                    self._add(found, k, ap[1], cands, 3.0, 0.0, True)

        for rs, re_ in self._runs():
            if self._street_run(rs, re_):
                continue
            matches = list(self._scan(rs, re_))
            if self._feature_run(rs, re_, matches):
                continue
            if not any(ms <= rs + (self.doc[rs].lower_ == "the") and me == re_ for ms, me, _c in matches):
                self._leftover(rs, re_, bool(matches))
            for s, e, cands in matches:
                if any(self.taken[s:e]):
                    continue
                verdict = self._judge(s, e, cands)
                if verdict is None:
                    continue
                lex, adjust, strong = verdict
                state = self._state_after(e)
                item_q = None
                if state:
                    lex += 3
                    item_q = (state[0], state[1])
                self._add(found, s, e, cands, lex, adjust, strong)
                if found and found[-1][0] == s:
                    found[-1][6] = item_q
                    if item_q and not any(self.taken[e + 1:item_q[0]]):
                        self._add(found, e + 1, item_q[0], item_q[1], 3.0, 0.0, True)

        self._area_lists(found)
        self._roads()
        found.sort(key=lambda f: f[0])
        mentions, by_token = [], {}
        for s, e, cands, lex, adjust, strong, _q in found:
            start, end, text = self._span_text(s, e)
            m = Mention(start, end, text, name_key(text), list(cands), weight=1.0 if strong else 0.5,
                        evidence=lex + adjust, lexical=lex, strong=strong)
            by_token[s] = len(mentions)
            mentions.append(m)
        for s, e, *_rest, q in found:
            if q:
                qi = by_token.get(e + 1)
                if qi is not None:
                    mentions[by_token[s]].qualifier = qi
        resolve(mentions, self.gaz.neighbours)
        kept = self._parts(keep_supported(mentions))
        return self._merge(kept, self._loose(kept))

    def _parts(self, kept: list[Mention]) -> list[Mention]:
        """'the al-Maydan area of Mosul': a name read far from the place it is said to be part of is
        that place's district, whatever else the gazetteer calls by that name."""
        by_start = {m.start: m for m in kept}
        end_token = {t.idx + len(t.text): k + 1 for k, t in enumerate(self.doc)}
        out = []
        for m in kept:
            e = end_token.get(m.end)
            inside = self._container_after(e) if e is not None else None
            holder = by_start.get(self.doc[inside].idx) if inside is not None else None
            if (holder is not None and holder is not m and holder.choice.feature not in ("country", "continent", "water")
                    and km(m.choice.latitude, m.choice.longitude, holder.choice.latitude,
                           holder.choice.longitude) > NEAR_PART_KM):
                part = replace(holder.choice, name=m.text, feature="district", geonameid=None, population=0,
                               alternate=False)
                m = Mention(m.start, m.end, m.text, m.key, [part], choice=part, strong=False)
            out.append(m)
        return out

    def _leftover(self, s: int, e: int, partial: bool) -> None:
        """Remember a name the gazetteer does not know (or knows only in part) when its context
        says 'place' ('to Qayara', 'Hamam al-Alil' of which only 'Hamam' is a known name)."""
        if self.doc[s].lower_ == "the":
            s += 1
        if s < e and self._plain_word(s):  # 'Residents of Taldou' -> 'Taldou'
            of = next((k for k in range(s, e) if self.doc[k].lower_ == "of"), None)
            if of is None:
                return
            s = of + 1
        if s >= e or self._all_caps(s, e) or (partial and e - s < 2):
            return
        label = self.label[s]
        inside = self._container_after(e)
        if label in ("ORG", "NORP") or not (label in PLACE_LABELS or inside is not None
                                            or self._locative_before(s) >= 0.75):
            return
        self.unknown.append((s, e, inside))

    def _container_after(self, e: int) -> int | None:
        """The token where the place holding an unknown name starts: 'X area of Mosul', 'X district in Y'."""
        k = e
        if self._word(k) in self.words.part_noun and self.doc[k].is_lower:
            k += 1
        else:
            return None  # 'the Mediterranean port of Latakia' says what Latakia is, not where X is
        if self._word(k) not in ("of", "in"):
            return None
        k += 1
        if self._word(k) == "the":
            k += 1
        return k if k < len(self.doc) and (self._is_name(k) or self._article_start(k)) else None

    def _loose(self, kept: list[Mention]) -> list[Mention]:
        """Unknown names matched by transliteration skeleton to a place near the story ('Qayara').

        Only readings within ``LOOSE_KM`` of a place the article surely names are taken: a
        skeleton alone says little, a skeleton next door says a lot.
        """
        anchors = [m.choice for m in kept if m.choice is not None and m.choice.feature not in
                   ("country", "continent", "region", "water")]
        if not anchors or not self.unknown:
            return []
        out = []
        by_start = {m.start: m for m in kept}
        for s, e, inside in self.unknown:
            start, end, text = self._span_text(s, e)
            key = name_key(text)
            holder = by_start.get(self.doc[inside].idx) if inside is not None else None
            if holder is not None and holder.choice.feature not in ("country", "continent", "water"):
                # 'the al-Maydan area of Mosul's Old City': a part of a known place, placed there.
                part = replace(holder.choice, name=text, feature="district", geonameid=None, population=0,
                               alternate=False)
                out.append(Mention(start, end, text, key, [part], choice=part, strong=False))
                continue
            best, best_rank = None, None
            bare = article_free(key) or key
            for c in self.gaz.loose_candidates(text):
                similar = SequenceMatcher(None, bare, article_free(name_key(c.name)) or name_key(c.name)).ratio()
                if similar < 0.6:
                    continue
                for a in anchors:
                    if abs(a.latitude - c.latitude) < 4 and abs(a.longitude - c.longitude) < 5:
                        d = km(a.latitude, a.longitude, c.latitude, c.longitude)
                        rank = (round(similar, 1), -d)
                        if d < LOOSE_KM and (best_rank is None or rank > best_rank):
                            best, best_rank = c, rank
            if best is not None:
                out.append(Mention(start, end, text, key, [best], choice=best, strong=False))
        return out

    @staticmethod
    def _merge(kept: list[Mention], loose: list[Mention]) -> list[Mention]:
        """Loose readings of whole names replace the partial matches inside them."""
        if not loose:
            return kept
        keep = [m for m in kept if not any(l.start <= m.start and m.end <= l.end for l in loose)]
        return sorted(keep + loose, key=lambda m: m.start)

    def _area_lists(self, found: list[list]) -> None:
        """'Anbar and Kirkuk provinces', 'Harvey, Harper and Kingman counties': each name is an area.

        Names already found keep only their admin readings; bare county names ('Kingman')
        are looked up with the noun ('Kingman County').
        """
        d = self.doc
        by_start = {f[0]: f for f in found}
        for k, tok in enumerate(d):
            suffix = self.words.plural_area.get(tok.lower_)
            if suffix is None or k == 0 or not self._is_name(k - 1):
                continue
            j = k
            while j > 0 and (self._is_name(j - 1) or self._joins(j - 1) or d[j - 1].lower_ in ("and", "or", ",")):
                j -= 1
            i = j
            while i < k:  # each name run inside the list
                if not self._is_name(i):
                    i += 1
                    continue
                e = i + 1
                while e < k and (self._is_name(e) or (self._joins(e) and e + 1 < k and self._is_name(e + 1))):
                    e += 1
                _, _, text = self._span_text(i, e)
                low = d[i].lower_
                if (self.label[i] == "NORP" or low in self.words.direction or low in self.words.not_place
                        or self.gaz.demonym(d[i].text)):
                    i = e
                    continue  # 'Western provinces', 'Kurdish districts'
                admin = [c for c in self.gaz.candidates(f"{text} {suffix}" if suffix else text)
                         if c.feature in ("admin1", "admin2", "region")]
                if admin and i in by_start and by_start[i][1] == e:
                    by_start[i][2], by_start[i][5] = admin, True
                elif admin and not any(self.taken[i:e]):
                    self._add(found, i, e, admin, 2.0, 0.0, True)
                i = e

    def _roads(self):
        """Numbered roads ('Highway 82', 'Route 1', 'I-95'): places without coordinates."""
        for m in ROAD_NUMBER.finditer(self.body):
            sp = self.spacy_doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if sp is None or any(self.taken[sp.start:sp.end]):
                continue
            self.streets.append((m.start(), m.end(), "street"))
            for k in range(sp.start, sp.end):
                self.taken[k] = True


def _places(article, mentions: list[Mention], streets) -> list[Place]:
    body = article.body
    places = []
    for m in mentions:
        c = m.choice
        start = m.start
        if c.feature in ("city", "district", "admin1", "admin2", "country"):
            lead = DIRECTION_BEFORE.search(body, max(0, start - 24), start)
            if lead:
                start = lead.start()  # 'northern Mosul': the words name a part of the place
        places.append(Place(text=body[start:m.end], start=start, end=m.end, name=c.name,
                            country=c.country or None, admin1=c.admin1 or None,
                            latitude=round(c.latitude, 5), longitude=round(c.longitude, 5),
                            feature=c.feature, geonameid=c.geonameid))
    covered = [(p.start, p.end) for p in places]
    for start, end, feature in streets:
        if any(s < end and start < e for s, e in covered):
            continue
        holder = _holder(article, places, start, end) if feature == "street" else None
        places.append(Place(text=body[start:end], start=start, end=end, name=body[start:end],
                            country=holder.country if holder else None,
                            admin1=holder.admin1 if holder else None,
                            latitude=holder.latitude if holder else None,
                            longitude=holder.longitude if holder else None,
                            feature=feature, geonameid=None))
    places.sort(key=lambda p: p.start)
    return places


def _holder(article, places: list[Place], start: int, end: int) -> Place | None:
    """The town or district a street is in: the nearest one named in the same sentence."""
    sent = article.sentence_at(start)
    if sent is None:
        return None
    near = [p for p in places if sent.start <= p.start < sent.end and p.latitude is not None
            and p.feature in ("city", "district", "landmark")]
    return min(near, key=lambda p: abs(p.start - start), default=None)
