"""Stage entities: named people, organisations, places and groups, each with one canonical name.

spaCy's small English model finds most names but stumbles on conflict news: it folds ranks
into names ('Brig' as a PERSON, 'Canadian Armed Forces Brig'), tags Arabic place names as
people ('the village of Gogjali'), swallows heading words ('Entering Mosul'), splits
'Islamic State' into a NORP 'Islamic', and keeps 'the' and possessives. This stage

1. takes ``doc.ents`` of the six labels and repairs their spans (trim, titles, headings);
2. adds what the curated alias table finds (``AliasTable.find``: ISIS, U.S.-led coalition,
   Iraqi troops...) and keeps the longest of overlapping spans;
3. relabels by context (place cues, the gazetteer as a second opinion, surnames of people
   named in full earlier) and
4. gives every mention a canonical name: the alias table's, the full name a surname refers to,
   an acronym's expansion in the same article, or the cleaned text.

Steps 1-2 live here; 3-4 in ``entities_context`` (a helper of this stage, not a stage).
"""

from __future__ import annotations

import re

from ..article import Entity
from ..resources.aliases import fold
from ..resources.entity_cues import (FACILITY_TAILS, FEATURE_WORDS, HEADING_WORDS,
                                     INFRASTRUCTURE_TAILS, NAME_PARTICLES, NOT_NAME_POS,
                                     ORG_TAILS, ORG_WORDS, PLACE_TAILS, TRAILING_JUNK)
from .entities_context import (Span, acronym_mentions, acronyms_defined, bare_forces, canonical_name,
                               coalitions, gazetteer_of, missed_surnames, person_evidence,
                               relabel_people, relabel_places, sentence_start, unify_labels,
                               unify_orgs)

LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
# Labels spaCy gives to names it misreads ('Peshmerga' as PRODUCT): kept only when the
# alias table knows the name.
SALVAGE = frozenset({"PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE"})
WEEKDAYS_MONTHS = re.compile(
    r"^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|january|february|march|april|june|july|"
    r"august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|"
    r"nov|dec)s?$", re.IGNORECASE)
_LEAD_JUNK = re.compile(r"[\s\W_]+")  # used with match(pos): no ^, which ignores pos
_TRAIL_JUNK = re.compile(r"[\s,;:!?)\]\"'\-/]+$")
_THE = re.compile(r"(?:the|The|THE)\s+")
_POSSESSIVE = re.compile(r"'s?$")
_INNER_POSSESSIVE = re.compile(r"'s? (?=\w)")
_WORD = re.compile(r"\S+")
_NUMBERISH = re.compile(r"^[\d.,]+$")


def run(article, resources) -> dict:
    """Entities of ``article.body`` with exact offsets, labels and canonical names."""
    body = article.body or ""
    doc = article.doc
    if not body.strip():
        return {"entities": []}
    table = resources.aliases
    folded = fold(body)
    spans: list[Span] = []
    if doc is not None:
        ents = doc.ents
        # Last words of full names, so "the Defense Ministry's Ibrahim" can be split in two.
        surnames = {ent.text.split()[-1] for ent in ents if ent.label_ == "PERSON" and
                    len(ent.text.split()) > 1}
        for ent in ents:
            spans.extend(_from_model(ent, folded, table, surnames))
    caps_lines: dict[int, bool] = {}
    for m in table.find(folded):
        if m.end - m.start <= 3 and _in_caps_line(folded, m.start, m.end, caps_lines):
            continue  # 'IS', 'US', 'WHO' in an all-capitals headline are words, not names
        spans.append(Span(m.start, m.end, m.label, m.canonical, m.kind))
    spans = _resolve_overlaps(spans)
    gazetteer = gazetteer_of(resources)
    evidence = person_evidence(spans, folded)
    relabel_places(spans, folded, table, gazetteer, evidence)
    spans = _resolve_overlaps(spans + missed_surnames(spans, folded, doc))
    relabel_people(spans, body, folded, table)
    spans = _resolve_overlaps(spans + coalitions(spans, folded) + bare_forces(spans, folded))
    spans = _merge_of_names(spans, folded)
    unify_labels(spans, folded, evidence)
    acronyms = acronyms_defined(spans, body)
    if acronyms:
        spans = _resolve_overlaps(spans + acronym_mentions(spans, folded, acronyms))
    out = []
    for sp in spans:
        text = body[sp.start:sp.end]
        canonical = sp.canonical or canonical_name(sp, text, table, acronyms)
        out.append(Entity(text, sp.start, sp.end, sp.label, canonical))
    unify_orgs(out)
    return {"entities": out}


# -- 1. the model's spans, repaired ------------------------------------------------------

def _from_model(ent, folded: str, table, surnames: set[str]) -> list[Span]:
    label = ent.label_
    if label not in LABELS and label not in SALVAGE:
        return []
    start, end = _trim(folded, ent.start_char, ent.end_char)
    if end <= start:
        return []
    parts = [(start, end)]
    # 'the Defense Ministry's Ibrahim', "Mosul's Old City": two names, the owner and the owned.
    # Only when the owned part is a person named in full elsewhere: 'Sheriff's Office' and
    # "People's Protection Units" are one name each.
    inner = _INNER_POSSESSIVE.search(folded, start, end)
    if inner and inner.start() > start and folded[inner.end():end] in surnames:
        parts = [_trim(folded, start, inner.start()), _trim(folded, inner.end(), end)]
    out = []
    for s, e in parts:
        if e <= s:
            continue
        span = _repair(ent, s, e, label, folded, table)
        if span is not None:
            out.append(span)
    return out


def _trim(folded: str, start: int, end: int) -> tuple[int, int]:
    """Drop leading bullets/punctuation and 'the', a trailing possessive and punctuation."""
    for _ in range(4):
        old = (start, end)
        m = _LEAD_JUNK.match(folded, start, end)
        if m and m.end() > start:
            start = m.end()
        m = _THE.match(folded, start, end)
        if m:
            start = m.end()
        m = _TRAIL_JUNK.search(folded, start, end)
        if m and m.start() >= start and not folded[start:end].endswith("."):
            end = m.start()
        text = folded[start:end]
        m = _POSSESSIVE.search(text)
        if m and (m.group() == "'s" or text.endswith("s'")):
            end = start + m.start()
        if (start, end) == old:
            break
    return start, end


def _repair(ent, start: int, end: int, label: str, folded: str, table) -> Span | None:
    text = folded[start:end]
    row = table.lookup(text)
    if label in SALVAGE:
        if row is None:
            return None
        label = row.label
    titled = False
    lead, trail = table.title_span(text)
    if trail and label == "PERSON" and trail > 5:
        trail = 0  # 'John Major': a full title word at the end of a person is a surname
    if lead + trail >= len(text.strip()) or (lead and table.is_title(text)):
        return None  # 'Brig', 'Lt.-Gen': a rank on its own is not a name
    if lead:
        words = text[lead:].split()
        if label == "ORG":
            # 'Lieutenant General Raed Shakir Jawdat' tagged ORG is a person; 'General
            # Electric Company' is not.
            if 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words) and \
                    not any(w.casefold() in ORG_WORDS for w in words):
                label, titled = "PERSON", True
            else:
                lead = 0
        else:
            titled = True
    if lead or trail:
        start, end = _trim(folded, start + lead, end - trail)
    start, end = _trim_words(start, end, label, folded, ent.doc)
    if end <= start:
        return None
    text = folded[start:end]
    if not _is_name(text):
        return None
    if row is None:
        row = table.lookup(text)
    if row is not None and row.label != label:
        label = row.label
    elif row is None and " " in text:
        label = _label_by_tail(text, label)
    return Span(start, end, label, None, "model", titled)


def _label_by_tail(text: str, label: str) -> str:
    """The label a name's last word implies: 'Faruq Street' FAC, 'Tirah Valley' LOC,
    'Muttahida Qaumi Movement' ORG, whatever the model said."""
    tail = text.rsplit(" ", 1)[1]
    low = tail.casefold()
    if label in ("PERSON", "NORP"):
        if low in ORG_TAILS and low != "agency":
            return "ORG"
        return PLACE_TAILS.get(low, label) if tail[:1].isupper() else label
    if label == "ORG":
        return "FAC" if tail in INFRASTRUCTURE_TAILS else label
    if label in ("LOC", "GPE") and tail in FACILITY_TAILS:
        return "FAC"
    return label


def _trim_words(start: int, end: int, label: str, folded: str, doc) -> tuple[int, int]:
    """Drop lowercase words at the edges ('west Mosul', 'AFP news agency') and heading words
    glued to a name at a sentence start ('Entering Mosul', 'Inside Mosul')."""
    words = [(m.start() + start, m.end() + start) for m in _WORD.finditer(folded[start:end])]
    while len(words) > 1:
        ws, we = words[0]
        word = folded[ws:we]
        low = word.casefold().rstrip(",.")
        if word[:1].islower() and low.split("-")[0] not in NAME_PARTICLES:
            words.pop(0)
            continue
        if _NUMBERISH.match(word) or (low in HEADING_WORDS and sentence_start(ws, folded)):
            words.pop(0)
            continue
        if word[:1].isupper() and sentence_start(ws, folded) and (
                low.endswith("ing") or _pos_at(doc, ws, we) in NOT_NAME_POS):
            words.pop(0)
            continue
        break
    while len(words) > 1:
        ws, we = words[-1]
        word = folded[ws:we]
        if word in TRAILING_JUNK:
            words.pop()
            continue
        if word[:1].islower() and not (label in ("GPE", "LOC", "FAC") and word in FEATURE_WORDS) \
                and not ("-" in word and word.split("-")[0] in NAME_PARTICLES):
            words.pop()
            continue
        break
    if not words:
        return start, start
    if len(words) == 1:
        ws, we = words[0]
        low = folded[ws:we].casefold()
        if low in HEADING_WORDS and sentence_start(ws, folded):
            return start, start  # '• Heavy airstrikes': a heading word alone is no name
    return words[0][0], words[-1][1]


def _pos_at(doc, start: int, end: int) -> str:
    span = doc.char_span(start, end, alignment_mode="expand") if doc is not None else None
    return span[0].pos_ if span is not None and len(span) else ""


def _is_name(text: str) -> bool:
    if len(text) < 2 or not any(c.isupper() or c.isdigit() for c in text):
        return False
    if not any(c.isalpha() for c in text) or WEEKDAYS_MONTHS.match(text):
        return False
    return True


def _in_caps_line(folded: str, start: int, end: int, cache: dict) -> bool:
    ls = folded.rfind("\n", 0, start) + 1
    if ls not in cache:
        le = folded.find("\n", end)
        line = folded[ls:le if le >= 0 else len(folded)]
        upper = sum(map(str.isupper, line))
        lower = sum(map(str.islower, line))
        cache[ls] = upper + lower > 8 and upper > 0.7 * (upper + lower)
    return cache[ls]


# -- 2. overlaps -------------------------------------------------------------------------

_SOURCE_RANK = {"alias": 0, "forces": 1, "rule": 2, "model": 3}


def _resolve_overlaps(spans: list[Span]) -> list[Span]:
    """Keep the longest of overlapping spans; on a tie the alias table's, as it knows the label."""
    if not spans:
        return []
    ranked = sorted(spans, key=lambda s: (-(s.end - s.start), _SOURCE_RANK.get(s.source, 9), s.start))
    occupied = bytearray(max(s.end for s in spans) + 1)
    titled = {s.start for s in spans if s.titled}
    taken: list[Span] = []
    for sp in ranked:
        if occupied.find(1, sp.start, sp.end) != -1:
            continue
        if sp.start in titled:
            sp.titled = True  # the model saw the same name after a rank: keep that
        taken.append(sp)
        occupied[sp.start:sp.end] = b"\x01" * (sp.end - sp.start)
    taken.sort(key=lambda s: s.start)
    return taken


_FACILITY_HEAD = re.compile(r"(?:Mosque|Church|Cathedral|Shrine|Tomb|Bridge|Palace|University|"
                            r"Hospital|Museum|Square|Market|Gate|Citadel|Monastery|Temple)$")


def _merge_of_names(spans: list[Span], folded: str) -> list[Span]:
    """'Great Mosque' + 'of' + 'al-Nuri' is one facility, whatever labels the halves got."""
    out: list[Span] = []
    for sp in spans:
        prev = out[-1] if out else None
        if prev is not None and prev.label in ("FAC", "ORG", "LOC") and \
                folded[prev.end:sp.start] == " of " and \
                _FACILITY_HEAD.search(folded, prev.start, prev.end) and sp.source == "model":
            out[-1] = Span(prev.start, sp.end, "FAC", None, "rule")
            continue
        out.append(sp)
    return out


