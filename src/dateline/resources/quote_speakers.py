"""Who is who in one article: the people, groups and documents it names, for quote speakers.

``Cast`` is built once per article from the spaCy Doc (and the entities stage's records when
there are any). It turns the subject of a speech verb into a speaker: a name resolved to
its fullest form in the article ('Townsend' -> 'Stephen Townsend'), a group or body
('officials', 'Amnesty International'), a pronoun resolved to the most recent plausible
speaker ('he said'), or a title resolved to the person who holds it ('the general said').
Everything is built in one pass over the tokens; lookups are dict probes and short walks
back through an ordered list of mentions.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .quote_lexicon import QuoteLexicon, title_key

_NAME_TAGS = frozenset(("NNP", "NNPS"))
_POSSESSIVE = re.compile(r"(?:['\u2019]s?|\s)+$")
_LEADING_THE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_NAME_PREFIX = re.compile(r"^(?:al|el|ad|as|ash|at|az|ar|an|bin|ibn|abu|de|van|von)[-\s]", re.IGNORECASE)
_SUBJECT_DEPS = frozenset(("nsubj", "nsubjpass"))
_SMALL_WORDS = frozenset(("of", "the", "and", "for", "de", "al"))
# Head nouns that stand for a person already named: 'the Iraqi leader', 'the general'.
_ANAPHORIC_DETS = frozenset(("the", "this", "that"))
_PRONOUNS = {"he": "male", "she": "female", "him": "male", "her": "female", "they": "group",
             "it": "thing", "i": "self", "we": "self"}
_NEAR = 300  # characters: how much further back a main-clause subject may be than a nearer name
_QUANTITY = frozenset(("number", "dozens", "hundreds", "thousands", "scores", "some", "many",
                       "most", "several", "one", "two", "three", "few", "couple", "majority",
                       "group", "crowd"))
_ORG_LABELS = frozenset(("ORG", "NORP", "GPE", "FAC", "LOC"))


@dataclass
class Speaker:
    """A resolved speaker: the name to report, the role as given, and what kind it is."""

    name: str
    role: str | None = None
    kind: str = "person"  # person | noun (unnamed person) | group | org | document | pronoun


@dataclass
class _Mention:
    pos: int
    speaker: Speaker
    gender: str | None
    subject: int  # 0 not a subject, 1 subject of an inner clause, 2 of the main clause / a speech verb
    titles: frozenset[str]
    head: str  # lower-case head word ('officer', 'townsend')
    definite: bool = False  # 'the U.S. president': a title standing for someone named


def name_key(name: str) -> str:
    """The surname key a name is known by: 'Abu Bakr al-Baghdadi' and 'Baghdadi' -> 'baghdadi'."""
    words = _POSSESSIVE.sub("", name).split()
    if not words:
        return ""
    return _NAME_PREFIX.sub("", words[-1]).lower().strip(".-'\u2019")


class Cast:
    """The people, groups and documents of one article, in order of mention."""

    def __init__(self, doc, entities, lex: QuoteLexicon, in_quote):
        self.doc, self.lex, self.in_quote = doc, lex, in_quote
        self.ent_of: dict[int, tuple[int, int, str, str]] = {}  # token -> (start, end, label, canonical)
        # The tagger calls one name PERSON here and ORG there; the article's majority decides.
        self.votes: dict[str, int] = {}
        for start, end, label, canonical in entities:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            # A full name weighs more: 'Abu Bakr al-Baghdadi' (PERSON) outvotes 'Baghdadi' (ORG).
            key, weight = name_key(canonical), len(canonical.split())
            if label == "PERSON":
                self.votes[key] = self.votes.get(key, 0) + weight
            elif label in _ORG_LABELS:
                self.votes[key] = self.votes.get(key, 0) - weight
            for tok in span:
                self.ent_of.setdefault(tok.i, (span.start, span.end, label, canonical))
        # surname key -> {name: [offsets of its mentions, first role given]}: a handful of
        # names per key however often they recur, so resolving stays a few bisects.
        self.full: dict[str, dict[str, list]] = {}
        self.titles: dict[str, set[str]] = {}  # surname key -> title words
        self.orgs: dict[str, None] = {}  # ordered set of organisation names
        self.longest: dict[str, str] = {}  # surname key -> longest proper-noun run ending in it
        # any word of a full personal name -> that name: 'Mr Zhai' -> 'Zhai Jun', 'Mariam' -> ...
        self.by_word: dict[str, tuple[str, str]] = {}
        self.mentions: list[_Mention] = []
        self._owner_index = None
        for ent in self.ent_of.values():
            name = _LEADING_THE.sub("", ent[3])
            if ent[2] == "ORG":
                self.orgs.setdefault(name, None)
        self.acronyms: dict[str, str] = {}
        for org in self.orgs:
            words = [w for w in re.split(r"[\s\-]+", org) if w and w.lower() not in _SMALL_WORDS]
            if 2 <= len(words) <= 6 and all(w[0].isupper() for w in words):
                self.acronyms.setdefault("".join(w[0] for w in words).upper(), org)
        self._scan()
        self.positions = [m.pos for m in self.mentions]

    # ------------------------------------------------------------ building

    def _scan(self):
        doc, lex = self.doc, self.lex
        i, n = 0, len(doc)
        while i < n:
            tok = doc[i]
            if self.in_quote(i):
                i += 1
                continue
            if tok.tag_ in _NAME_TAGS:
                first, last = _name_chain(doc, i, lex)
                self._name_mention(first, last)
                i = max(i, last) + 1
                continue
            if tok.tag_ in ("NN", "NNS") and tok.dep_ in _SUBJECT_DEPS:
                word = tok.lower_
                if word in lex.person or word in lex.group or word in lex.document:
                    speaker = self._noun_speaker(tok)
                    gender = "male" if word in lex.male else "female" if word in lex.female else None
                    self._add(tok.idx, speaker, gender, self._subject_rank(tok), frozenset(), word,
                              self._definite(tok))
            i += 1
    def _name_mention(self, first, last):
        ent = self.ent_of.get(last)
        title_end = self._title_end(first, last)
        name_first = title_end if title_end is not None else first
        if name_first > last:
            return
        name = _text(self.doc, name_first, last)
        key = name_key(name)
        if not key:
            return
        if len(name) > len(self.longest.get(key, "")):
            self.longest[key] = name
        titled = title_end is not None and title_end > first and not self._body_word(last)
        full_person = ent is not None and ent[2] == "PERSON" and len(name.split()) > 1
        if not (titled or full_person or self.votes.get(key, 0) > 0 or key in self.full):
            subject = self._is_subject(first, last)
            if ent is not None and ent[2] in _ORG_LABELS:
                speaker = Speaker(self._org_name(ent, name), None, "org")
            elif subject:  # an untagged proper noun doing the talking: a body of some kind
                speaker = Speaker(_POSSESSIVE.sub("", _LEADING_THE.sub("", name)).strip(), None, "org")
            else:
                return
            self._add(self.doc[first].idx, speaker, None, subject, frozenset(), key)
            return
        if ent is not None and ent[2] == "PERSON" and ent[3] and ent[3] != _text(self.doc, ent[0], ent[1] - 1):
            name = ent[3]  # the entities stage already resolved the canonical name
        prefix = self._prefix_role(first, name_first)
        role = _join_roles(prefix, self._appos_role(first, last))
        titles = self._title_words(first, name_first) | self._appos_titles(first, last)
        for word in name.split()[:-1]:
            self.by_word.setdefault(name_key(word), (key, name))
        entry = self.full.setdefault(key, {}).setdefault(name, [[], None])
        entry[0].append(self.doc[first].idx)
        entry[1] = entry[1] or role
        self.titles.setdefault(key, set()).update(titles)
        speaker = Speaker(name, role, "person")
        self._add(self.doc[first].idx, speaker, None, self._is_subject(first, last),
                  frozenset(titles), key)

    def _add(self, pos, speaker, gender, subject, titles, head, definite=False):
        self.mentions.append(_Mention(pos, speaker, gender, subject, titles, head, definite))

    def _is_subject(self, first, last) -> int:
        """The best subject rank of a name's tokens (see ``_subject_rank``)."""
        return max((self._subject_rank(self.doc[i]) for i in range(first, last + 1)), default=0)

    def _subject_rank(self, tok) -> int:
        """2: subject of the main clause or of a speech verb ('A young man ... explained');
        1: subject of an inner clause ('he said the president is no dictator'); 0: not a
        subject. A name in apposition to a subject counts as that subject."""
        if tok.dep_ == "appos" and tok.head.dep_ in _SUBJECT_DEPS:
            tok = tok.head
        if tok.dep_ not in _SUBJECT_DEPS:
            return 0
        verb = tok.head
        if verb.dep_ == "ROOT" or verb.lower_ in self.lex.verbs or (
                verb.dep_ == "conj" and verb.head.dep_ == "ROOT"):
            return 2
        return 1

    def _body_word(self, i):
        """'State Department', 'Interior Ministry': a title word naming a body, not a person."""
        return self.doc[i].lower_ in self.lex.group

    def resolve(self, key, given, pos, role=None) -> Speaker:
        """A person under the fullest name the article gives them near ``pos``.

        A bare surname takes the nearest earlier full name ('Townsend' -> 'Stephen Townsend');
        a full name is kept unless it is the tail of a longer one, so two Gonzalezes stay two.
        """
        words = given.split()
        n = len(words)
        best, best_at, same_role = None, None, None
        for name, (offsets, known_role) in (self.full.get(key) or {}).items():
            names = name.split()
            # Same key, so only the words before the surname need to agree ('al-Baghdadi' ~ 'Baghdadi').
            if len(names) > n and names[len(names) - n:-1] == words[:-1]:
                i = bisect.bisect_right(offsets, pos) - 1
                # the nearest earlier full name wins; failing that, the first one after
                at = offsets[i] if i >= 0 else -offsets[0]
                if best_at is None or (at >= 0) > (best_at >= 0) or (
                        (at >= 0) == (best_at >= 0) and at > best_at):
                    best, best_at = (name, known_role), at
            elif names == words:
                same_role = known_role
        if best is None and n == 1 and key in self.by_word:  # 'Mr Zhai' -> 'Zhai Jun'
            owner_key, full = self.by_word[key]
            if owner_key != key:
                return self.resolve(owner_key, full, pos, role or same_role)
        if best is None:
            return Speaker(given, role or same_role, "person")
        return Speaker(best[0], role or best[1], "person")

    def _title_end(self, first, last):
        """Index of the first name token after the titles that open the chain, or None."""
        end = None
        for i in range(first, last + 1):
            text = self.doc[i].text
            # 'Activist Mohammad al-Homsi': a role word capitalized before a name is a title too
            if text == "." or self.lex.is_title(text) or (
                    i < last and self.doc[i].lower_ in self.lex.person):
                end = i + 1
        return end

    def _title_words(self, first, name_first):
        words = set()
        for i in range(first, name_first):
            for part in title_key(self.doc[i].text).split("-"):
                if part:
                    words.add(self.lex.abbrev.get(part, part))
        # 'spokesman Brig. Gen. X', 'Prime Minister X': words just before the chain count too.
        i = first - 1
        while i >= 0 and i >= first - 4 and self.doc[i].tag_ in ("NN", "NNP", "JJ"):
            word = self.doc[i].lower_
            if word in self.lex.person or self.lex.is_title(word):
                words.add(self.lex.title_word(word))
            i -= 1
        return words

    def _prefix_role(self, first, name_first):
        """The title as given before the name: 'Lt.-Gen.', 'Iraqi Vice President'."""
        lo = first
        i = first - 1
        while i >= 0 and i >= first - 6:
            t = self.doc[i]
            glued_dot = t.text == "." and i > 0 and not self.doc[i - 1].whitespace_ \
                and self.lex.is_title(self.doc[i - 1].text)
            if glued_dot or self.lex.is_title(t.text) or t.tag_ in ("NN", "JJ", "NNP") \
                    and not self.in_quote(i) and (t.lower_ in self.lex.person or t.text[:1].isupper()):
                lo = i
                i -= 1
            else:
                break
        if lo >= name_first:
            return None
        return _clean_role(_text(self.doc, lo, name_first - 1))

    def _appos_role(self, first, last):
        for i in range(first, last + 1):
            for child in self.doc[i].children:
                if child.dep_ == "appos" and child.tag_ in ("NN", "NNS") and child.i > last:
                    text = _text(self.doc, child.left_edge.i, child.right_edge.i)
                    return _LEADING_THE.sub("", text) if text.lower().startswith(("a ", "an ")) else text
        return None

    def _appos_titles(self, first, last):
        words = set()
        for i in range(first, last + 1):
            for child in self.doc[i].children:
                if child.dep_ == "appos" and child.tag_ in ("NN", "NNS") and child.i > last:
                    words.add(child.lower_)
                    words.update(c.lower_ for c in child.children if c.dep_ in ("compound", "amod"))
        return words

    def _org_name(self, ent, text):
        canonical = ent[3] or text
        name = _POSSESSIVE.sub("", _LEADING_THE.sub("", canonical)).strip()
        return self._expand_acronym(name)

    def _expand_acronym(self, name):
        bare = name.replace(".", "")
        if not (2 <= len(bare) <= 6 and bare.isalpha() and bare.isupper()):
            return name
        return self.acronyms.get(bare.upper(), name)

    # ------------------------------------------------------------ resolving

    def describe(self, tok, last_speaker: Speaker | None = None) -> Speaker | None:
        """The speaker a subject token stands for (resolving names, pronouns and titles)."""
        doc, lex = self.doc, self.lex
        word = tok.lower_
        if word in _PRONOUNS:
            return self.pronoun(word, tok.idx)
        for child in tok.children:  # 'the commander, Raed Jawdat, said'
            if child.dep_ == "appos" and child.tag_ in _NAME_TAGS and tok.tag_ not in _NAME_TAGS:
                return self.describe(child, last_speaker)
        if lex.is_title(tok.text):  # the parser made the rank the subject: 'said Lt.-Gen. Omar Rashid'
            first, last = _name_chain(doc, tok.i, lex)
            if last > tok.i and not lex.is_title(doc[last].text):
                return self._named(doc[last])
        if tok.tag_ in _NAME_TAGS or tok.i in self.ent_of:
            return self._named(tok)
        if word in lex.document:
            return self.document(tok)
        if word in _QUANTITY:  # 'a number of people shouted', 'one of the officials said'
            for prep in tok.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    for obj in prep.children:
                        if obj.dep_ == "pobj":
                            return self.describe(obj, last_speaker)
        if tok.tag_ in ("NN", "NNS", "NNP", "NNPS"):
            speaker = self._noun_speaker(tok)
            if word in lex.person and tok.tag_ == "NN" and self._definite(tok):
                found = self.titled(word, tok.idx, last_speaker)
                if found is not None:
                    return found
            return speaker
        return None

    def _named(self, tok):
        first, last = _name_chain(self.doc, tok.i, self.lex)
        ent = self.ent_of.get(tok.i)
        if ent is not None and ent[2] == "PERSON":
            first, last = min(first, ent[0]), max(last, ent[1] - 1)
        title_end = self._title_end(first, last)
        name_first = title_end if title_end is not None and title_end <= last else first
        name = _text(self.doc, name_first, last)
        key = name_key(name)
        role = _join_roles(self._prefix_role(first, name_first), self._appos_role(first, last))
        if key in self.full:
            return self.resolve(key, _POSSESSIVE.sub("", name).strip(), tok.idx, role)
        if name_first == last and key in self.by_word and (ent is None or ent[2] == "PERSON"
                                                           or name_first > first):
            owner_key, full = self.by_word[key]
            return self.resolve(owner_key, full, tok.idx, role)
        if ent is not None and ent[2] in _ORG_LABELS:
            return Speaker(self._org_name(ent, _text(self.doc, ent[0], ent[1] - 1)), None, "org")
        if title_end is not None and title_end > first and not self._body_word(last):
            return Speaker(name, role, "person")
        if name_first == last and len(self.longest.get(key, "")) > len(name) \
                and (ent is None or ent[2] == "PERSON"):
            return Speaker(self.longest[key], role, "person")  # 'Baghdadi' -> 'Abu Bakr al-Baghdadi'
        name = _text(self.doc, first, last)
        name = _POSSESSIVE.sub("", _LEADING_THE.sub("", name)).strip()
        return Speaker(self._expand_acronym(name), None, "org") if name else None

    def _noun_speaker(self, tok):
        """'Local media outlets', 'young man', 'Iraqi army officer': the phrase without its article."""
        lo = tok.i
        for child in tok.lefts:
            if child.dep_ in ("compound", "amod", "nmod") and child.i < lo \
                    and child.ent_type_ not in ("DATE", "TIME"):
                lo = child.left_edge.i
        text = _text(self.doc, lo, tok.i)
        first = self.doc[lo]
        if first.is_sent_start and text[:1].isupper() and (
                first.lower_ in self.lex.group or first.lower_ in self.lex.person):
            text = text[0].lower() + text[1:]  # 'Witnesses said' -> 'witnesses', not a name
        kind = "group" if tok.tag_ == "NNS" or tok.lower_ in self.lex.group else \
            "document" if tok.lower_ in self.lex.document else "noun"
        return Speaker(text, None, kind)

    def _definite(self, tok):
        return any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in _ANAPHORIC_DETS)
                   for c in tok.children)

    def pronoun(self, word, pos) -> Speaker | None:
        """The most recent plausible speaker before ``pos`` for he / she / they / it."""
        want = _PRONOUNS[word]
        if want == "self":
            return None
        i = bisect.bisect_left(self.positions, pos) - 1
        stop = max(-1, i - 60)
        inner = None  # a subject of an inner clause ('he said the president is ...')
        fallback = None  # a person named, but not as a subject ('would send Elian out')
        while i > stop:
            m = self.mentions[i]
            i -= 1
            kind = m.speaker.kind
            first = inner or fallback
            if first is not None and m.pos < first.pos - _NEAR:
                break  # a main-clause subject wins only near the first candidate
            if want in ("male", "female"):
                if kind not in ("person", "noun") or (m.gender and m.gender != want):
                    continue
                if m.subject == 2:
                    return self._fullest(m)
                if m.subject == 1 and inner is None:
                    inner = m
                elif m.subject == 0 and fallback is None and kind == "person":
                    fallback = m
                continue
            if want == "group" and kind in ("group", "org"):
                return m.speaker
            if want == "thing" and kind in ("org", "document"):
                return m.speaker if kind == "org" else (self.document_at(m.pos) or m.speaker)
        best = inner or fallback
        return self._fullest(best) if best is not None else None

    def titled(self, head, pos, last_speaker=None) -> Speaker | None:
        """The named person holding title ``head`` ('general'), nearest before ``pos``, else after."""
        i = bisect.bisect_left(self.positions, pos)
        # Bounded walks, so an article full of 'the official said' stays linear.
        for j in list(range(i - 1, max(-1, i - 200), -1)) + list(range(i, min(len(self.mentions), i + 200))):
            m = self.mentions[j]
            if m.speaker.kind == "person" and head in self.titles.get(m.head, ()):
                return self._fullest(m)
        if head in self.lex.titles and last_speaker is not None and last_speaker.kind == "person":
            return last_speaker
        return None

    def _fullest(self, m: _Mention) -> Speaker:
        """A person mention under the fullest name the article gives them."""
        if m.speaker.kind == "noun" and m.definite and m.head in self.lex.person:
            return self.titled(m.head, m.pos) or m.speaker  # 'The U.S. president repeated ...'
        if m.speaker.kind != "person" or m.head not in self.full:
            return m.speaker
        return self.resolve(m.head, m.speaker.name, m.pos, m.speaker.role)

    def document(self, tok) -> Speaker:
        """Who is behind 'the report' / 'a statement': its owner or author ('Amnesty's report',
        'a statement by X', 'a UN report'), the owner named at an earlier mention of the same
        document, else the body last named as a subject."""
        owner = self._owner(tok)
        if owner is None:
            earlier = self._owners().get(tok.lower_, ())
            i = bisect.bisect_left(earlier, (tok.i,)) - 1
            owner = earlier[i][1] if i >= 0 else None
        if owner is not None:
            found = self._named(owner) if owner.tag_ in _NAME_TAGS or owner.i in self.ent_of \
                else self.describe(owner)
            if found is not None:
                return found
        return self.document_at(tok.idx) or self._noun_speaker(tok)

    def _owner(self, tok):
        for child in tok.children:
            if child.dep_ == "poss" or (child.dep_ == "compound" and (
                    child.tag_ in _NAME_TAGS or child.i in self.ent_of)):
                return child
            if child.dep_ == "prep" and child.lower_ in ("by", "from", "of"):
                for obj in child.children:
                    if obj.dep_ == "pobj" and (obj.tag_ in _NAME_TAGS or obj.i in self.ent_of):
                        return obj
        return None

    def _owners(self):
        """Document noun -> [(token index, owner token)] over the article, built on first use."""
        if self._owner_index is None:
            index: dict[str, list] = {}
            for tok in self.doc:
                if tok.lower_ in self.lex.document and tok.tag_ in ("NN", "NNS"):
                    owner = self._owner(tok)
                    if owner is not None:
                        index.setdefault(tok.lower_, []).append((tok.i, owner))
            self._owner_index = index
        return self._owner_index

    def document_at(self, pos) -> Speaker | None:
        """The body or person most recently named as a subject before ``pos``."""
        i = bisect.bisect_left(self.positions, pos) - 1
        stop = max(-1, i - 60)
        fallback = None
        while i > stop:
            m = self.mentions[i]
            i -= 1
            if m.subject and m.speaker.kind == "org":
                return m.speaker
            if fallback is None and m.subject and m.speaker.kind == "person":
                fallback = self._fullest(m)
        return fallback


def _name_chain(doc, i, lex):
    """First and last token of the run of proper-noun tokens around ``i`` (hyphens glued in)."""
    first = i
    while first > 0:
        prev = doc[first - 1]
        if prev.tag_ in _NAME_TAGS and prev.text not in ("'s", "\u2019s") \
                and prev.ent_type_ not in ("DATE", "TIME"):
            first -= 1
        elif first >= 2 and not doc[first - 2].whitespace_ and (
                (prev.text == "-" and not prev.whitespace_ and doc[first - 2].tag_ in _NAME_TAGS)
                or (prev.text == "." and lex.is_title(doc[first - 2].text))):
            first -= 1  # 'al-Abadi', and the dot of 'Brig. Gen.' that spaCy splits off
        else:
            break
    last = i
    while last + 1 < len(doc):
        nxt = doc[last + 1]
        if nxt.tag_ in _NAME_TAGS and nxt.text[:1].isalnum():
            last += 1
        elif nxt.text in ("-",) and not doc[last].whitespace_ and not nxt.whitespace_ \
                and last + 2 < len(doc) and doc[last + 2].tag_ in _NAME_TAGS:
            last += 2
        elif nxt.text == "." and not doc[last].whitespace_ and lex.is_title(doc[last].text) \
                and last + 2 < len(doc) and doc[last + 2].tag_ in _NAME_TAGS:
            last += 2  # 'Lt.-Gen. Omar Rashid': spaCy splits the dot off the rank
        else:
            break
    return first, last


def _text(doc, first, last):
    return doc[first:last + 1].text


def _clean_role(text):
    text = text.strip(" ,;:\u2014\u2013-")
    return text if any(c.isalnum() for c in text) else None


def _join_roles(*roles):
    parts = [r for r in roles if r]
    return "; ".join(parts) if parts else None
