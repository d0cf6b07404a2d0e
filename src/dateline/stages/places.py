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
from ..resources.geo_resolve import (BIG_CITY, LEX_SINGLE, LEX_STRONG, Mention, keep_supported, km, resolve,
                                     strong_reading)
from ..resources.geo_reading import CONNECTORS, NameReader
from ..resources.geo_tokens import person_words
from ..resources.geo_text import article_free, name_key

PLACE_LABELS = frozenset({"GPE", "LOC"})
NAME_LABELS = frozenset({"ORG", "FAC", "EVENT", "PERSON", "WORK_OF_ART", "PRODUCT", "LAW"})
ROAD_NUMBER = re.compile(r"\b(?:(?:State|U\.S\.|US|County|Farm[- ]to[- ]Market|State Route)\s+)?"
                         r"(?:Highway|Hwy\.?|Route|Rte\.?|Interstate|Road)\s+\d{1,4}[A-Z]?\b"
                         r"|\b(?:I|US|SR|KY|FM)-?\s?\d{1,3}\b(?=[\s,.;)])")
DISTINCT = frozenset({"landmark", "district", "water", "region", "admin1", "admin2", "country"})
DIRECTION_BEFORE = re.compile(r"\b(?:north|south|east|west|central|(?:north|south)(?:east|west)(?:ern)?|"
                              r"northern|southern|eastern|western|downtown) $")
LOOSE_KM = 300.0
UNLIKELY = -2.0  # evidence below which a weak mention is most likely no place
# a spelling of its own with no known place to be near ("in Shashamene"): a close spelling of a
# town this size, the only one of that skeleton
LOOSE_ALONE_SIMILAR = 0.8
LOOSE_ALONE_POP = 10_000
LEX_STRONG = 1.5  # 'in', 'near', 'outside', 'the village of': the words before a name that say 'place' 
NEAR_PART_KM = 50.0
CUE_MASS = 0.5  # one nationality word counts half as much as a place of that country


def run(article, resources) -> dict:
    """Find and resolve the article's places."""
    doc = article.doc
    if doc is None or not article.body or len(doc) == 0:
        return {"places": []}
    finder = _Finder(article, doc, resources.gazetteer, resources.aliases)
    triggers = resources.triggers
    # a party or armed group of one country ('BNP activists') weighs like a nationality word
    named = sorted(triggers.countries_in(article.body) + triggers.homes_in(article.body))
    mentions = finder.mentions(named, violent=triggers.any_in(article.body))
    mentions = _the_capital(article.body, mentions, named, resources.gazetteer)
    return {"places": _places(article, mentions, finder.streets)}


# 'in the capital', "the capital's Kadamtoli area": the capital of the country the text is
# about, unless a name follows that says which ('the capital, Kabul', 'the capital of Mali')
_CAPITAL = re.compile(r"\b(?:the|in|at) (?:country's |nation's )?(capital(?: city)?)"
                      r"(?:(?:'s|\u2019s)\b|\b(?!,? (?:city )?(?:of )?[A-Z])"
                      r"(?! (?:punishment|gains?|market|flight|investment)))")


def _the_capital(body: str, mentions: list[Mention], named: list[tuple[int, str]], gaz) -> list[Mention]:
    """Mentions of 'the capital', read as the capital of the one country the text points to."""
    found = list(_CAPITAL.finditer(body))
    if not found:
        return mentions
    votes: dict[str, float] = {}
    for m in mentions:
        if m.choice is not None and m.choice.country:
            votes[m.choice.country] = votes.get(m.choice.country, 0.0) + 1.0
    for _off, iso in named:
        votes[iso] = votes.get(iso, 0.0) + CUE_MASS
    if not votes:
        return mentions
    ranked = sorted(votes.items(), key=lambda kv: -kv[1])
    if len(ranked) > 1 and ranked[1][1] >= ranked[0][1]:
        return mentions  # two countries as likely: whose capital is unclear
    capital = gaz.capital(ranked[0][0])
    if capital is None:
        return mentions
    taken = [(m.start, m.end) for m in mentions]
    extra = []
    for hit in found:
        start, end = hit.span(1)
        if any(s < end and start < e for s, e in taken):
            continue
        extra.append(Mention(start, end, body[start:end], name_key(capital.name), [capital],
                             choice=capital, strong=False))
    return sorted(mentions + extra, key=lambda m: m.start)


class _Finder(NameReader):
    """Mention detection over one article."""

    def __init__(self, article, doc, gaz, aliases=None):
        super().__init__(article, doc, gaz)
        self.aliases = aliases
        self.violent = False
        self.person_words = person_words(doc, self.label, self.ent_span) | self._titled_names()
        self.taken = [False] * len(doc)
        self.streets: list[tuple[int, int, str]] = []
        self.unknown: list[tuple[int, int, int | None]] = []  # unknown runs in a place context, and their holder
        self.whole: set[int] = set()  # start tokens of matches that fill their capitalized run

    def _judge(self, s: int, e: int, cands, whole: bool = False):
        """(lexical evidence, adjustment, strong) for a scan match, or None when it is no place.

        ``whole``: the match is all of its capitalized run ('Gudumbali', not 'Coronado' of 'Coronado Meat
        Market')."""
        d, words = self.doc, self.words
        label, span = self.label[s], self.ent_span[s]
        single = e - s == 1
        low = d[s].lower_
        if (all(self.label[k] == "NORP" for k in range(s, e)) or (single and label == "NORP")) and not (
                self._place_noun_after(e) and not self.gaz.demonym(d[s].text)
                and any(c.population >= BIG_CITY and not c.alternate for c in cands)):
            return None  # a demonym; 'Iraqi Kurdistan' is a place, and so is a city the tagger took for one
            # ('a Kisangani school')
        if single and self.gaz.demonym(d[s].text):
            return None  # 'a Somali soldier' is not Ethiopia's Somali region
        if self._actor_name(s, e):
            span = self.ent_span[s] or (s, e)
            for k in range(s, max(e, span[1])):
                self.taken[k] = True  # and no word of it is a place: 'Haram' of 'Boko Haram'
            return None  # 'Hamas' (an alternate name of Hamm), 'Boko' of 'Boko Haram': a known group or person
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
        area_after = self._area_after(e)
        if self._place_noun_after(e):
            lex += 1
        elif area_after:
            lex += 1.5  # 'Obafemi-Owode LGA', 'Igabi Local Government Area'
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
        unknown_rest = inside and label in PLACE_LABELS and not area_after and self._unknown_rest(span, s, e)
        runs_on = self._unknown_next(e) and not area_after  # 'Baba' + 'Amr', 'Ben' + 'Gurion'
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
        if not strong_reading(cands) and single and not (self.violent and whole and lex >= LEX_STRONG):
            return None  # only an old or rare alternate name of a small place ('Passover'); but a report of
            # violence 'in Koothuparamba' names the place in a spelling the gazetteer keeps as an alternate
        adjust = 0.0
        after = self._word(e)
        if label in NAME_LABELS and inside:
            if span != (s, e):
                if after in words.institution or (label != "PERSON" and span[0] < s - 1 and self._word(s - 1) == "of"):
                    lex += 1.0  # 'Rochester Fire Department', 'University of Nebraska', 'Laurel County Clerk'
                elif label == "PERSON" and not (span[0] == s and after in words.title):
                    return None  # part of a person's name: 'Will' in 'Will Smith'
                else:
                    adjust -= 0.5
            elif not (lex >= LEX_SINGLE and whole and not self._title_case(s)):
                adjust -= 1.0 if label in ("ORG", "PRODUCT", "WORK_OF_ART", "LAW") else 0.5
                # but 'at Gudumbali', 'bomb Deribat': a whole known name after a locative word is a place
                # whatever the tagger says (known groups and people were turned away above)
        elif label is not None and label not in PLACE_LABELS and label != "NORP" and inside:
            adjust -= 1.0  # DATE, CARDINAL, LANGUAGE...; a NORP that got this far is a city before a place noun
        if not all(t.pos_ == "PROPN" or t.lower_ in CONNECTORS or t.lower_ in words.trailing_noun for t in d[s:e]) and not (
                lex >= LEX_STRONG and not self._title_case(s)):
            adjust -= 1.0  # a common word; but a capitalized word after 'in' is a name the tagger did not know
        if unknown_rest:
            return None  # a known word inside a longer unknown name: 'Baba' in 'Baba Amr', 'Bab Jebli'
        if runs_on:
            adjust -= 1.5  # 'Jebel' running on into 'Kosbi'
        if not single and any(not c.alternate and c.feature in DISTINCT for c in cands):
            adjust += 1.0  # 'Mosul airport', 'Gaza Strip': a curated or admin name of several words
        if single and e + 1 < len(d) and d[e].text == "-" and not d[s].whitespace_ and self._is_name(e + 1):
            adjust -= 1.0  # 'Wal-Mart', 'Webb-Lawton': one word of a compound name
        if e + 1 < len(d) and d[e].text == "-" and not d[e - 1].whitespace_ and d[e + 1].is_lower and (
                d[e + 1].lower_ not in ("based", "born", "bound", "area", "region")):
            return None  # 'Frankenstein-esque', 'Obama-style': an adjective made of a name ('Kabul-based' is Kabul)
        if single and lex < LEX_SINGLE and not (major and d[s].pos_ == "PROPN"):
            adjust -= 5.0  # one capitalized word alone is too often a surname or a common word
        if any(c.feature in ("country", "admin1", "continent") for c in cands):
            adjust += 1.0
        return lex, adjust, False

    def _titled_names(self) -> frozenset[str]:
        """Lowercased names the text gives a title ('President Obama', 'Mr Tur'): that word is a person
        throughout ('at Obama's town hall')."""
        d, w = self.doc, self.words
        out = set()
        for k in range(1, len(d)):
            before = d[k - 1].lower_.rstrip(".")
            if self._is_name(k) and d[k - 1].text[:1].isupper() and (before in w.honorific or before in w.title) and (
                    k + 1 >= len(d) or not self._is_name(k + 1)) and not (k >= 2 and d[k - 2].text in "'\"‘“"):
                # (not a nickname in quotes: 'Mr. Arlington')
                out.add(d[k].lower_)
        return frozenset(out)

    def _area_after(self, e: int) -> bool:
        """'Bama LGA', 'Igabi Local Government Area': the name is a local government area."""
        return e < len(self.doc) and (self.doc[e].text in self.words.area_abbrev or (
            self._word(e) == "local" and self._word(e + 1) == "government"))

    def _place_noun_after(self, e: int) -> bool:
        """'Alexandria woman', 'a Kisangani primary school', 'Masvingo municipal police', "Gulu's mayor"."""
        d, nouns = self.doc, self.words.place_noun
        if e + 1 < len(d) and d[e].lower_ in ("'s", "’s"):
            e += 1  # "Kurunegala's mayor"
        return e < len(d) and d[e].is_lower and (d[e].lower_ in nouns or (
            e + 1 < len(d) and d[e].pos_ == "ADJ" and d[e + 1].is_lower and d[e + 1].lower_ in nouns))

    def _actor_name(self, s: int, e: int) -> bool:
        """Whether tokens s..e, or the entity they begin, are a group or person the alias table knows."""
        if self.aliases is None:
            return False
        span = self.ent_span[s]
        texts = [self._span_text(s, e)[2]]
        if span is not None and span[0] == s and span[1] > e:
            texts.append(self._span_text(s, span[1])[2])
        return any(self.aliases.label(t) in ("ORG", "PERSON", "NORP") and self.aliases.lookup(t) is not None
                   for t in texts)

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

    def _name_start(self, rs: int, re_: int) -> int:
        """Where the name in a capitalized run starts: after a sentence's 'In', 'The', 'Residents of'."""
        k = rs
        while k + 1 < re_ and (self._word(k) in self.words.locative or self._plain_word(k)):
            k += 1
        return k

    def _lost_apostrophe(self, s: int, e: int) -> bool:
        """Whether the one-token match s..e was read as a possessive whose apostrophe is lost ('Tripolis')."""
        return e - s == 1 and not self.gaz.has(name_key(self.doc[s].text))

    def _add(self, found, s, e, cands, lex, adjust, strong):
        if any(self.taken[s:e]):
            return
        found.append([s, e, cands, lex, adjust, strong, None])
        for k in range(s, e):
            self.taken[k] = True

    def mentions(self, named: list[tuple[int, str]] = (), violent: bool = False) -> list[Mention]:
        """Every accepted mention, resolved (``choice`` set); ``named`` are (offset, country) of the
        country names and nationality words in the text; ``violent``: the text reports an event (a
        clash, an attack, a protest), where 'at X' and 'in X' are where it happened."""
        self.violent = violent
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
                whole = s <= self._name_start(rs, re_) and (e >= re_ or self._lost_apostrophe(s, e))
                verdict = self._judge(s, e, cands, whole)
                if verdict is None:
                    continue
                lex, adjust, strong = verdict
                if self._area_after(e):
                    cands = [c for c in cands if c.feature == "admin2"] or cands
                state = self._state_after(e)
                item_q = None
                if state:
                    lex += 3
                    item_q = (state[0], state[1])
                self._add(found, s, e, cands, lex, adjust, strong)
                if whole:
                    self.whole.add(s)  # 'in Rusape'; 'at Benghazis Al-Jalaa Hospital' ends the name at the possessive
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
            # a name the words around it say is no place ("Haripur" inside "Boro Haripur Chandina")
            # hardly votes on which country the others are in
            weight = 1.0 if strong else (0.5 if lex + adjust > UNLIKELY else 0.1)
            m = Mention(start, end, text, name_key(text), list(cands), weight=weight,
                        evidence=lex + adjust, lexical=lex, strong=strong, whole=s in self.whole)
            by_token[s] = len(mentions)
            mentions.append(m)
        for s, e, *_rest, q in found:
            if q:
                qi = by_token.get(e + 1)
                if qi is not None:
                    mentions[by_token[s]].qualifier = qi
        cues = _country_cues(named, mentions)
        resolve(mentions, self.gaz.neighbours, cues)
        kept = self._parts(keep_supported(mentions, cues, violent))
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
        while s + 1 < e and self._word(s) in self.words.locative:
            s += 1  # a sentence's 'In Mirpurkhas, ...': the name starts after the capital 'In'
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
        if not self.unknown:
            return []
        if not anchors:
            return self._loose_alone(kept)
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
                similar = _spelling_likeness(bare, c)
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

    def _loose_alone(self, kept: list[Mention]) -> list[Mention]:
        """A report that names no place the gazetteer knows but one spelled its own way after a
        locative ('protested in Shashamene', 'a march in Meknassi'): the one town of that skeleton
        and a near spelling, if all such towns lie in one country the text does not contradict."""
        countries = {m.choice.country for m in kept if m.choice is not None}
        out = []
        for s, e, inside in self.unknown:
            if inside is not None or self._locative_before(s) < LEX_STRONG:
                continue
            start, end, text = self._span_text(s, e)
            key = name_key(text)
            bare = article_free(key) or key
            close = [c for c in self.gaz.loose_candidates(text)
                     if _spelling_likeness(bare, c) >= LOOSE_ALONE_SIMILAR]
            homes = {c.country for c in close}
            if len(homes) != 1 or (countries and not homes <= countries):
                continue
            best = max(close, key=lambda c: c.population)
            if best.population < LOOSE_ALONE_POP:
                continue
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


def _spelling_likeness(bare: str, c) -> float:
    """How alike a name as written (key without its Arabic article) and a gazetteer name are."""
    return SequenceMatcher(None, bare, article_free(name_key(c.name)) or name_key(c.name)).ratio()


def _country_cues(named: list[tuple[int, str]], mentions: list[Mention]) -> dict[str, float]:
    """Countries the text names outside place mentions ('Congolese police', 'Kenyan forces'), with a
    mass that grows with how often. A word some mention reads as a place ('Lebanon, Pa.',
    'Jordan Elementary') is that mention's to resolve, not a cue."""
    cues: dict[str, float] = {}
    for offset, code in named:
        if not any(m.start <= offset < m.end for m in mentions):
            cues[code] = min(cues.get(code, 0.0) + CUE_MASS, 1.0)
    return cues


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
