"""Reading an article's tokens as place names: capitalized runs, gazetteer matches inside them,
and the words around a name that say 'place' ('in', ', Texas', a dateline) or 'not a place'.

``NameReader`` holds one article's tokens and labels; the places stage builds on it.
"""

from __future__ import annotations

from .geo_resolve import BIG_CITY
from .geo_text import name_key
from .geo_tokens import entity_labels, tokens

MAX_TOKENS = 7  # longest name tried ('Stratford upon Avon', 'Old City of Mosul')
CONNECTORS = frozenset({"of", "de", "del", "la", "le", "upon", "on", "-", "du", "des", "da", "do",
                        "dos", "y", "the", "al", "el", "ad", "as", "ash", "an", "ar", "at", "az", "'"})
# Words that join names inside one run with spaces around them; the rest of CONNECTORS only
# before a hyphen ('Stratford-upon-Avon', 'as-Safira'), so 'Fighting at Mosul' is no run.
JOINERS = frozenset({"of", "de", "del", "la", "le", "upon", "-", "du", "des", "da", "do", "dos", "y",
                     "al", "el", "'", "van", "von", "der", "di"})
ARTICLES = frozenset({"al", "el", "ad", "as", "ash", "an", "ar", "at", "az", "ul"})


class NameReader:
    """One article's tokens, entity labels and gazetteer, with the questions asked about names."""

    def __init__(self, article, doc, gaz):
        self.body = article.body
        self.spacy_doc = doc
        self.doc = tokens(doc, article.body)
        self.gaz = gaz
        self.words = gaz.words
        self.label, self.ent_span = entity_labels(article, doc)

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
        text = self._span_text(s, e)[2]
        found = [c for c in self.gaz.candidates(text) if not (c.feature == "admin2" and c.alternate)]
        if (not found and e - s == 1 and len(text) >= 5 and text.endswith("s") and text[-2].islower()
                and e < len(self.doc) and self._is_name(e) and self.label[s] != "ORG"):
            # 'Benghazis Al-Jalaa Hospital': a possessive whose apostrophe a text encoding lost, before
            # the name it owns; only a major place, since many names end in s ('Hamas', 'Falcons')
            found = [c for c in self.gaz.candidates(text[:-1]) if not c.alternate and (
                c.population >= BIG_CITY or c.feature in ("admin1", "country"))]
        return found

    @staticmethod
    def _solid(cands) -> bool:
        """Whether a reading is worth preferring to a shorter name (not just an old alternate)."""
        return any(not c.alternate or c.population >= 5000 or c.feature != "city" for c in cands)

    def _scan(self, s: int, e: int):
        """Longest gazetteer matches inside a run, left to right."""
        doc, i = self.doc, s
        while i < e:
            if doc[i].lower_ in CONNECTORS and not (doc[i].lower_ in ARTICLES and i + 1 < e and (
                    doc[i + 1].text == "-" or (self._is_name(i + 1) and doc[i].lower_ in ("al", "el")))):
                # ('At Asansol,' opening a sentence is a preposition; 'As-Safira' and 'Al Anbar' are names)
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
        if word in ("'s", "\u2019s") and k > 0 and self._is_name(k - 1) \
                and self.gaz.has(name_key(self.doc[k - 1].text)) and self._region_word(k - 1):
            return 1.5  # "Balochistan's Chaman", "Pattani's Saiburi district": a place in a region
        if word in ("and", "or", ",") and depth < 3 and k > 0 and self._is_name(k - 1):
            j = k - 1
            while j > 0 and (self._is_name(j - 1) or self._joins(j - 1)):
                j -= 1
            inner = self._locative_before(j, depth + 1)
            return inner if self._word(j - 1) == "between" else 0.8 * inner  # 'between Beni and Butembo'
        return self.words.locative.get(word, 0.0)

    def _region_word(self, k: int) -> bool:
        """Whether the word at ``k`` names a province or a country (never only a town)."""
        cands = self.gaz.candidates(self.doc[k].text)
        return bool(cands) and any(c.feature in ("admin1", "country") and not c.alternate
                                   for c in cands)

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

    def _title_case(self, k: int) -> bool:
        """Whether token ``k``'s line or sentence capitalizes most of its words (a headline: 'Man Held In Park')."""
        d = self.doc
        a = k
        while a > 0 and not d[a].is_sent_start and "\n" not in d[a - 1].whitespace_:
            a -= 1
        b = k + 1
        while b < len(d) and not d[b].is_sent_start and "\n" not in d[b - 1].whitespace_:
            b += 1
        words = [t for t in d[a:b] if t.is_alpha and len(t.text) > 3]
        return len(words) >= 3 and sum(t.text[:1].isupper() for t in words) >= 0.7 * len(words)

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
