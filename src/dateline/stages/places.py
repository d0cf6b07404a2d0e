"""Stage places: every place the article names, resolved to coordinates.

Mentions come from two sources: the named-entity spans (GPE, LOC, FAC from the entities
stage when it has run, else ``doc.ents``) and a gazetteer scan of capitalized token runs,
because the small English model calls many Arabic place names PERSON ('al Intisar') and
names inside organisations ('Rochester Fire Department') are places too. A scan match
outside a GPE/LOC span must earn its place: a locative word before it ('in', 'near'), a
qualifier after it ('Paris, Texas'), a dateline, a place noun ('Alexandria woman'), or a
reading that fits the places the article surely names. Demonyms ('Iraqi') are not places.
Resolution (``resources.geo_resolve``) then picks one gazetteer entry per name from the
whole article's context. Streets and facilities with no gazetteer entry are kept with null
coordinates, so a reader still lands on them.
"""

from __future__ import annotations

import re

from ..article import Place
from ..resources.geo_resolve import Mention, km, resolve
from ..resources.geo_text import name_key

MAX_TOKENS = 7  # longest name tried ('Stratford upon Avon', 'Old City of Mosul')
CONNECTORS = frozenset({"of", "de", "del", "la", "le", "upon", "on", "-", "du", "des", "da", "do",
                        "dos", "y", "the", "al", "el", "ad", "as", "ash", "an", "ar", "at", "az", "'"})
ARTICLES = frozenset({"al", "el", "ad", "as", "ash", "an", "ar", "at", "az", "ul"})
PLACE_LABELS = frozenset({"GPE", "LOC"})
EMBED_LABELS = frozenset({"ORG", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW"})
STREET = re.compile(r"(?i)\b(street|st|road|rd|avenue|ave|boulevard|blvd|lane|ln|drive|dr|highway|"
                    r"hwy|parkway|pkwy|way|route|interstate|freeway|expressway|turnpike|pike|court|"
                    r"ct|place|pl|circle|trail|square|bridge|bypass|alley|terrace)\.?$")
DATELINE_DASH = frozenset({"—", "–", "--", "-", "(", ":"})
BIG_CITY = 100_000
NEAR_KM = 150.0
WEAK_NEEDED = 2.0


def run(article, resources) -> dict:
    """Find and resolve the article's places."""
    doc = article.doc
    if doc is None or not article.body or len(doc) == 0:
        return {"places": []}
    gaz = resources.gazetteer
    finder = _Finder(article, doc, gaz)
    mentions = finder.mentions()
    return {"places": _places(article.body, mentions, finder)}


class _Finder:
    """Mention detection over one article."""

    def __init__(self, article, doc, gaz):
        self.body = article.body
        self.doc = doc
        self.gaz = gaz
        self.words = gaz.words
        self.label, self.ent_span = _entity_labels(article, doc)

    # ---------------------------------------------------------------- tokens

    def _is_name(self, i: int) -> bool:
        text = self.doc[i].text
        if not text[:1].isupper():
            return False
        return any(c.isalpha() for c in text)

    def _runs(self):
        """Maximal runs of capitalized tokens, joined by connectors ('Old City of Mosul', 'al-Anbar')."""
        doc, n = self.doc, len(self.doc)
        i = 0
        while i < n:
            starts_article = (doc[i].lower_ in ARTICLES and i + 2 < n and doc[i + 1].text == "-"
                              and self._is_name(i + 2))
            if not (self._is_name(i) or starts_article):
                i += 1
                continue
            j = i + 1
            while j < n:
                if self._is_name(j) and not doc[j - 1].whitespace_.count("\n"):
                    j += 1
                elif (doc[j].lower_ in CONNECTORS and j + 1 < n and self._is_name(j + 1)
                      and "\n" not in doc[j].whitespace_):
                    j += 2
                elif (doc[j].lower_ in CONNECTORS and j + 2 < n and doc[j + 1].lower_ in CONNECTORS
                      and self._is_name(j + 2)):
                    j += 3  # 'al-' inside: 'Hamam al-Alil'
                else:
                    break
            yield i, j
            i = j

    def _span_text(self, s: int, e: int) -> tuple[int, int, str]:
        start, end = self.doc[s].idx, self.doc[e - 1].idx + len(self.doc[e - 1].text)
        return start, end, self.body[start:end]

    def _lookup(self, s: int, e: int):
        _, _, text = self._span_text(s, e)
        return self.gaz.candidates(text)

    def _scan(self, s: int, e: int):
        """Longest gazetteer matches inside a run, left to right."""
        doc, i = self.doc, s
        while i < e:
            if doc[i].lower_ in CONNECTORS and not (doc[i].lower_ in ARTICLES and i + 1 < e and doc[i + 1].text == "-"):
                i += 1
                continue
            found = None
            for j in range(min(e, i + MAX_TOKENS), i, -1):
                if doc[j - 1].lower_ in CONNECTORS:
                    continue
                cands = self._lookup(i, j)
                if cands:
                    found = (i, j, cands)
                    break
            if found:
                yield found
                i = found[1]
            else:
                i += 1

    # ---------------------------------------------------------------- evidence

    def _locative_before(self, s: int) -> bool:
        k = s - 1
        if k >= 0 and self.doc[k].lower_ == "the":
            k -= 1
        return k >= 0 and self.doc[k].lower_ in self.words.locative

    def _party_before(self, s: int) -> bool:
        """'Sen. X, D-Ohio' / 'R-Elbow Lake': a legislator's state or home town."""
        d = self.doc
        if s >= 2 and d[s - 1].text == "-" and d[s - 2].text in ("D", "R", "I"):
            return True
        return s >= 1 and d[s - 1].text in ("D-", "R-", "I-")

    def _place_noun_after(self, e: int) -> bool:
        d = self.doc
        return e < len(d) and d[e].is_lower and d[e].lower_ in self.words.place_noun

    def _dateline(self, s: int, e: int) -> bool:
        """'BOWLING GREEN, Ohio (AP) -' or 'MOSUL, Iraq —' at the start of a sentence or line."""
        d = self.doc
        if not (d[s].is_sent_start or s == 0 or "\n" in d[s - 1].whitespace_ or d[s - 1].text in ".\n"):
            return False
        return e < len(d) and (d[e].text in DATELINE_DASH or d[e].text == ",")

    def _all_caps(self, s: int, e: int) -> bool:
        return all(not t.is_alpha or t.is_upper for t in self.doc[s:e]) and any(t.is_alpha for t in self.doc[s:e])

    def _state_after(self, e: int):
        """The admin1/country named right after ', ': (token end, candidates) or None."""
        d = self.doc
        if e + 1 >= len(d) or d[e].text != ",":
            return None
        t = d[e + 1]
        state = self.words.ap_state.get(t.text) or (self.words.postal.get(t.text) if len(t.text) == 2 and t.is_upper else None)
        if state:
            cands = [c for c in self.gaz.candidates(state) if c.feature == "admin1" and c.country == "US"]
            return (e + 2, cands) if cands else None
        for j in range(min(len(d), e + 1 + 4), e + 1, -1):
            if not all(self._is_name(k) or d[k].lower_ in CONNECTORS for k in range(e + 1, j)):
                continue
            cands = [c for c in self._lookup(e + 1, j) if c.feature in ("admin1", "country")]
            if cands and not d[j - 1].lower_ in CONNECTORS:
                return j, cands
        return None

    # ---------------------------------------------------------------- mentions

    def mentions(self) -> list[Mention]:
        """Every accepted mention, resolved (``choice`` set where the gazetteer knows it)."""
        d, words = self.doc, self.words
        found: list[tuple[int, int, list, float, bool]] = []  # (s, e, cands, evidence, strong)
        taken = [False] * len(d)
        quals: dict[int, tuple[int, list]] = {}

        for rs, re_ in self._runs():
            for s, e, cands in self._scan(rs, re_):
                verdict = self._judge(s, e, cands)
                if verdict is None:
                    continue
                evidence, strong = verdict
                state = self._state_after(e)
                if state:
                    evidence += 3
                    quals[s] = state
                found.append((s, e, cands, evidence, strong))
                for k in range(s, e):
                    taken[k] = True

        # Qualifiers written as abbreviations ('Nashville, Tenn.') become mentions of their own.
        for s, (qe, qcands) in list(quals.items()):
            qs = next((k for k in range(qe - 1, s, -1) if d[k - 1].text == ","), None)
            if qs is not None and not any(taken[qs:qe]):
                found.append((qs, qe, qcands, 5.0, True))
                for k in range(qs, qe):
                    taken[k] = True

        # 'D-N.J.' and 'R-Ohio' party-state tags.
        for k, tok in enumerate(d):
            state = words.ap_state.get(tok.text)
            if state and not taken[k] and self._party_before(k):
                cands = [c for c in self.gaz.candidates(state) if c.feature == "admin1" and c.country == "US"]
                if cands:
                    found.append((k, k + 1, cands, 5.0, True))
                    taken[k] = True

        found.sort(key=lambda f: f[0])
        mentions = []
        index_of_start = {}
        for s, e, cands, evidence, strong in found:
            start, end, text = self._span_text(s, e)
            m = Mention(start, end, text, name_key(text), list(cands), weight=1.0 if strong else 0.5,
                        evidence=evidence, strong=strong)
            index_of_start[s] = len(mentions)
            mentions.append(m)
        for s, (qe, _q) in quals.items():
            qs = next((k for k in range(qe - 1, s, -1) if d[k - 1].text == ","), None)
            if s in index_of_start and qs in index_of_start:
                mentions[index_of_start[s]].qualifier = index_of_start[qs]
        self.unresolved = self._unresolved(taken)

        resolve(mentions)
        return self._keep(mentions)

    def _judge(self, s: int, e: int, cands) -> tuple[float, bool] | None:
        """(evidence, strong) for a scan match, or None when it cannot be a place mention."""
        d, words = self.doc, self.words
        labels = {self.label[k] for k in range(s, e)}
        label = self.label[s]
        span = self.ent_span[s]
        single = e - s == 1
        low = d[s].lower_ if single else ""
        kinds = {c.feature for c in cands}
        if "NORP" in labels:
            return None
        caps = self._all_caps(s, e)
        if caps and not (label in PLACE_LABELS and (e - s > 1 or len(d[s].text) > 3 or "." in d[s].text)):
            return (4.0, True) if self._dateline(s, e) and len(self.body[d[s].idx:d[e - 1].idx]) + len(d[e - 1].text) > 3 else None
        evidence = 0.0
        if self._locative_before(s):
            evidence += 1.5
        if self._party_before(s):
            evidence += 3
        if self._place_noun_after(e):
            evidence += 1
        if self._dateline(s, e) and (e < len(d) and d[e].text == ","):
            evidence += 1
        if label in PLACE_LABELS and span is not None:
            ss, se = span
            inside = ss <= s and e <= se
            if inside and (low not in words.not_place or (ss, se) == (s, e)):
                # spaCy and the gazetteer agree. A prefix like 'North' stays outside the span.
                return evidence + 3, True
        if single and low in words.not_place:
            return None
        if label == "PERSON" and span is not None:
            ss, se = span
            if (ss, se) != (s, e):
                after = d[e].lower_ if e < len(d) else ""
                if not (ss == s and after in words.title):
                    return None  # part of a person's name: 'Will' in 'Will Smith'
            evidence -= 0.5
        elif label in EMBED_LABELS and span is not None:
            ss, se = span
            after = d[e].lower_ if e < len(d) else ""
            before = d[s - 1].lower_ if s > 0 else ""
            if after in words.institution or before == "of" or e == se:
                evidence += 0.5
            else:
                evidence -= 0.5
        if not all(t.pos_ == "PROPN" or t.lower_ in CONNECTORS for t in d[s:e]):
            evidence -= 1
        if kinds & {"country", "admin1", "continent"}:
            evidence += 1
        return evidence, False

    def _unresolved(self, taken) -> list[tuple[int, int, str]]:
        """GPE/LOC/FAC spans with no gazetteer name inside: (start, end, feature)."""
        out = []
        seen = set()
        for k, span in enumerate(self.ent_span):
            if span is None or span in seen or self.label[k] not in ("GPE", "LOC", "FAC"):
                continue
            seen.add(span)
            ss, se = span
            if any(taken[ss:se]):
                continue
            if self.doc[ss].lower_ == "the":
                ss += 1
            if ss >= se or not self._is_name(ss):
                continue
            start, end, text = self._span_text(ss, se)
            feature = "street" if STREET.search(text) else ("landmark" if self.label[k] == "FAC" else "unknown")
            out.append((start, end, feature))
        return out

    def _keep(self, mentions: list[Mention]) -> list[Mention]:
        """Strong mentions, plus weak ones whose evidence or fit with the strong ones is enough."""
        anchors = [m.choice for m in mentions if m.strong and m.choice is not None]
        codes = {c.admin1_code for c in anchors if c.admin1_code}
        countries = {c.country for c in anchors if c.country}
        kept = []
        for m in mentions:
            if m.strong:
                kept.append(m)
                continue
            c = m.choice
            if c is None:
                continue
            score = m.evidence
            if c.admin1_code and c.admin1_code in codes:
                score += 1.5
            elif c.country in countries:
                score += 0.5
            if c.feature in ("city", "landmark", "district") and any(
                    abs(a.latitude - c.latitude) < 2 and abs(a.longitude - c.longitude) < 3
                    and km(a.latitude, a.longitude, c.latitude, c.longitude) < NEAR_KM for a in anchors if a is not c):
                score += 1.5
            if c.population >= BIG_CITY or c.feature in ("country", "admin1", "continent"):
                score += 1
            if score >= WEAK_NEEDED:
                kept.append(m)
        return kept


def _entity_labels(article, doc):
    """Per token: the entity label and the (start, end) token span of its entity, or None."""
    n = len(doc)
    label: list[str | None] = [None] * n
    span: list[tuple[int, int] | None] = [None] * n
    ents = []
    if article.entities:
        for ent in article.entities:
            sp = doc.char_span(ent.start, ent.end, alignment_mode="expand")
            if sp is not None:
                ents.append((sp.start, sp.end, ent.label))
    else:
        ents = [(e.start, e.end, e.label_) for e in doc.ents]
    for s, e, lab in ents:
        for k in range(s, e):
            label[k] = lab
            span[k] = (s, e)
    return label, span


def _places(body: str, mentions: list[Mention], finder: _Finder) -> list[Place]:
    places = []
    for m in mentions:
        c = m.choice
        if c is None:
            continue
        places.append(Place(text=m.text, start=m.start, end=m.end, name=c.name, country=c.country or None,
                            admin1=c.admin1 or None, latitude=round(c.latitude, 5),
                            longitude=round(c.longitude, 5), feature=c.feature, geonameid=c.geonameid))
    covered = [(p.start, p.end) for p in places]
    for start, end, feature in finder.unresolved:
        if any(s < end and start < e for s, e in covered):
            continue
        places.append(Place(text=body[start:end], start=start, end=end, name=body[start:end], country=None,
                            admin1=None, latitude=None, longitude=None, feature=feature, geonameid=None))
    places.sort(key=lambda p: p.start)
    return places
