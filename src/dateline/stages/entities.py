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
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..article import Entity
from ..resources.aliases import alias_key, fold
from ..resources.entity_cues import (AFTER_PERSON, AFTER_RESIDENT, AFTER_STRONG, ARABIC_ARTICLE,
                                     BEFORE_MEDIUM, BEFORE_STRONG, BEFORE_WEAK, FEATURE_WORDS,
                                     HEADING_WORDS, NAME_PARTICLES, NOT_NAME_POS, ORG_WORDS, TOPONYM_HEADS,
                                     TOPONYM_TAILS, TRAILING_JUNK)

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
_SPACES = re.compile(r"\s+")
_NUMBERISH = re.compile(r"^[\d.,]+$")
_CAP_WORD = re.compile(r"(?<![\w\-'])[A-Z][\w']*(?![\w\-])")
_CAP_BEFORE = re.compile(r"[A-Z][\w.\-]*[ \u00a0]$")
_CAP_AFTER = re.compile(r"[ \u00a0][A-Z]")

_COALITION = re.compile(r"\b[Cc]oalition\b")
_AIR_WORDS = re.compile(r"\s*(?:war ?planes?|air ?strikes?|jets?|aircraft|planes?|drones?|"
                        r"air\b|bombing|strikes?|aerial)", re.IGNORECASE)
_BARE_FORCES = re.compile(r"\b(?:[Ss]ecurity|[Gg]overnment|[Pp]ro-government) (?:forces|troops)\b")
_MEDIA_SUFFIX = re.compile(r" (?:News|news|TV|Television|Radio|News Agency|news agency|Network|"
                           r"network|Media|website|channel)$")
_ACRONYM_DEF = re.compile(r"\(\s*([A-Z][A-Za-z0-9&\-.]{1,9})\s*\)")
@dataclass
class Span:
    start: int
    end: int
    label: str
    canonical: str | None = None
    source: str = "model"  # model | alias | forces | rule
    titled: bool = False  # a rank or title stood before the name


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
    gazetteer = _gazetteer(resources)
    evidence = _person_evidence(spans, folded)
    _relabel_places(spans, folded, table, gazetteer, evidence)
    spans = _resolve_overlaps(spans + _missed_surnames(spans, folded, doc))
    _relabel_people(spans, body, folded, table)
    spans = _resolve_overlaps(spans + _coalitions(spans, folded) + _bare_forces(spans, folded))
    spans = _merge_of_names(spans, folded)
    _unify_labels(spans, folded, evidence)
    acronyms = _acronyms(spans, body)
    if acronyms:
        spans = _resolve_overlaps(spans + _acronym_mentions(spans, folded, acronyms))
    out = []
    for sp in spans:
        text = body[sp.start:sp.end]
        canonical = sp.canonical or _canonical(sp, text, table, acronyms)
        out.append(Entity(text, sp.start, sp.end, sp.label, canonical))
    _unify_orgs(out)
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
    return Span(start, end, label, None, "model", titled)


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
        if _NUMBERISH.match(word) or (low in HEADING_WORDS and _sentence_start(ws, folded)):
            words.pop(0)
            continue
        if word[:1].isupper() and _sentence_start(ws, folded) and (
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
        if low in HEADING_WORDS and _sentence_start(ws, folded):
            return start, start  # '• Heavy airstrikes': a heading word alone is no name
    return words[0][0], words[-1][1]


def _pos_at(doc, start: int, end: int) -> str:
    span = doc.char_span(start, end, alignment_mode="expand") if doc is not None else None
    return span[0].pos_ if span is not None and len(span) else ""


def _sentence_start(offset: int, folded: str) -> bool:
    """Whether a sentence (or line) starts at ``offset``: only punctuation or space before it."""
    i = offset - 1
    while i >= 0 and folded[i] in " \u2022*-\"'([":
        i -= 1
    return i < 0 or folded[i] in "\n.!?:;"


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


# -- 3. labels by context ----------------------------------------------------------------

def _gazetteer(resources):
    """The gazetteer if this installation has one, else None (it is a second opinion only)."""
    try:
        gaz = resources.gazetteer
    except Exception:  # no gazetteer module or index: context cues alone decide
        return None
    return gaz if hasattr(gaz, "candidates") else None


def _gazetteer_says_place(gazetteer, text: str, population: int = 0) -> bool:
    if gazetteer is None:
        return False
    try:
        found = gazetteer.candidates(text)
    except Exception:  # a second opinion must never take the stage down
        return False
    if population:
        return any(getattr(g, "population", 0) >= population for g in found[:5])
    return any(getattr(g, "population", 0) >= 1000 or getattr(g, "feature", "") in
               ("city", "admin1", "admin2", "country") for g in found[:5])


def _person_evidence(spans: list[Span], folded: str) -> set[str]:
    """Names the article shows to be people: after a rank, before 'said', or the surname of
    a full name ('Anderson' after 'D.J. Anderson')."""
    evidence: set[str] = set()
    for sp in spans:
        text = folded[sp.start:sp.end]
        if sp.titled or AFTER_PERSON.match(folded, sp.end):
            evidence.add(text)
        if sp.label == "PERSON" and " " in text:
            evidence.update(_surname_keys(text))
    return evidence


def _place_label(sp: Span, text: str, folded: str, evidence: set[str], gazetteer) -> str | None:
    """GPE/LOC when the words around a PERSON/ORG/NORP name say it is a place, else None."""
    before = folded[max(0, sp.start - 40):sp.start]
    after = folded[sp.end:sp.end + 50]
    m = BEFORE_STRONG.search(before)
    if m:
        return "LOC" if m.group(2) else "GPE"
    m = AFTER_STRONG.match(after)
    if m and not (sp.label == "ORG" and text.isupper()):  # 'TIF districts' are not places
        return "LOC" if (m.group(2) or m.group(4)) else "GPE"
    words = text.split()
    if len(words) > 1 and words[0].casefold() in TOPONYM_HEADS and text not in evidence:
        return "GPE"
    if text in evidence:
        return None
    single = len(words) == 1
    if single and sp.label != "ORG" and AFTER_RESIDENT.match(after):
        return "GPE"  # 'an Alexandria man', 'Mansfield residents'
    if after.startswith("'"):
        return None  # 'in Obama's speech': the owner of something is usually a person
    medium = bool(BEFORE_MEDIUM.search(before))
    if medium and sp.label != "ORG":
        return "GPE"
    weak = medium or bool(BEFORE_WEAK.search(before)) or after.startswith((" in ", ", in "))
    if weak and sp.label != "ORG" and (ARABIC_ARTICLE.match(text) or TOPONYM_TAILS.search(words[-1])):
        return "GPE"
    if weak and _gazetteer_says_place(gazetteer, text, 50_000 if sp.label == "ORG" else 0):
        return "GPE"
    if single and sp.label == "PERSON" and _gazetteer_says_place(gazetteer, text, 300_000):
        return "GPE"  # a big city named alone, with nothing to show it is a person
    return None


def _relabel_places(spans: list[Span], folded: str, table, gazetteer, evidence: set[str]) -> None:
    """PERSON/ORG/NORP names that context says are places ('the village of Gogjali', 'in al
    Intisar', 'Lwibo and Lukweti areas'), and every other mention of the same name."""
    places: dict[str, str] = {}
    for sp in spans:
        if sp.label not in ("PERSON", "ORG", "NORP") or sp.source != "model" or sp.titled:
            continue
        text = folded[sp.start:sp.end]
        if text in places or table.lookup(text) is not None:
            continue
        label = _place_label(sp, text, folded, evidence, gazetteer)
        if label is not None:
            places[text] = label
    # Names listed with a place are places: 'from Ngoshe and Guva', 'Lwibo and Lukweti areas'.
    for _ in range(2):
        for a, b in zip(spans, spans[1:]):
            if folded[a.end:b.start] not in (" and ", " or ", ", ", ", and ", " & "):
                continue
            ta, tb = folded[a.start:a.end], folded[b.start:b.end]
            la, lb = places.get(ta, a.label), places.get(tb, b.label)
            for sp, text, own, other in ((a, ta, la, lb), (b, tb, lb, la)):
                if own in ("PERSON", "NORP") and other in ("GPE", "LOC") and " " not in text and \
                        sp.source == "model" and not sp.titled and text not in evidence \
                        and table.lookup(text) is None:
                    places[text] = "GPE"
    if not places:
        return
    for sp in spans:
        text = folded[sp.start:sp.end]
        if text in places and sp.label in ("PERSON", "ORG", "NORP") and not sp.titled \
                and sp.source == "model":
            sp.label = places[text]


_NAME_SUFFIX = re.compile(r"(?:,? (?:Jr|Sr|II|III|IV)\.?)$")


def _surname_keys(name: str) -> list[str]:
    words = _NAME_SUFFIX.sub("", name).split()
    if len(words) < 2 or "and" in words or "&" in words:
        return []  # 'Ahlstrom and Soule' is a firm or a pair, not one person
    last = words[-1]
    keys = [last]
    bare = re.sub(r"^(?:al|el|Al|El)-", "", last)
    if bare != last:
        keys.append(bare)
    if len(words) >= 3 and words[-2].casefold() in ("al", "el", "bin", "ibn", "abu"):
        keys.append(" ".join(words[-2:]))
    return keys


def _relabel_people(spans: list[Span], body: str, folded: str, table) -> None:
    """Surname coreference: 'Ibrahim' or 'al-Abadi's' after 'Brig. Gen. Tahsin Ibrahim' /
    'Haider al-Abadi' is that person, whatever label the model gave it."""
    people: list[tuple[int, str, tuple[str, ...]]] = []  # (start, full name, casefolded keys)
    for sp in spans:
        if sp.label != "PERSON":
            continue
        name = _SPACES.sub(" ", body[sp.start:sp.end]).strip()
        first = table.lookup(name.split()[0])
        if first is not None and first.label in ("GPE", "NORP", "ORG"):
            continue  # 'Egypt Mubarak': a place glued to a surname is not a full name
        keys = _surname_keys(name)
        if keys:
            people.append((sp.start, name, tuple(k.casefold() for k in keys)))
    if not people:
        for sp in spans:
            if sp.label == "PERSON" and sp.canonical is None:
                sp.canonical = _person_canonical(body[sp.start:sp.end], table)
        return
    for sp in spans:
        if sp.label not in ("PERSON", "ORG", "NORP") or sp.source == "forces":
            continue
        text = _SPACES.sub(" ", folded[sp.start:sp.end]).strip()
        if len(text.split()) > 2 and sp.label != "PERSON":
            continue
        key = text.casefold()
        bare = re.sub(r"^(?:al|el)[-\s]", "", key)
        found = [(start, name) for start, name, keys in people
                 if name.casefold() != key and (key in keys or bare in keys)]
        # Written in capitals ('ELBARADEI' in a transcript): prefer the name in normal case.
        normal = [f for f in found if not f[1].isupper()]
        found = normal or found
        # The nearest full name before the mention, else the first after it.
        before = [f for f in found if f[0] <= sp.start]
        best = before[-1] if before else (found[0] if found else None)
        if best is not None:
            sp.label = "PERSON"
            sp.canonical = _person_canonical(best[1], table)
        elif sp.label == "PERSON" and sp.canonical is None:
            same = [name for _, name, _ in people if name.casefold() == key and not name.isupper()]
            sp.canonical = _person_canonical(same[0] if same else body[sp.start:sp.end], table)


def _missed_surnames(spans: list[Span], folded: str, doc) -> list[Span]:
    """Surnames of people named in full that the model left untagged ('Townsend added')."""
    names = set()
    for sp in spans:
        if sp.label == "PERSON":
            text = folded[sp.start:sp.end]
            if " " in text and " and " not in text:
                last = _NAME_SUFFIX.sub("", text).split()[-1]
                low = last.casefold()
                if len(last) > 2 and last[0].isupper() and low not in HEADING_WORDS \
                        and low not in ORG_WORDS:
                    names.add(last)
    if not names:
        return []
    out = []
    for m in _CAP_WORD.finditer(folded):
        if m.group() not in names:
            continue
        # Not a part of a longer name: no capitalised word right before or after.
        if _CAP_BEFORE.search(folded, max(0, m.start() - 30), m.start()) or \
                _CAP_AFTER.match(folded, m.end()):
            continue
        # Capitalised mid-sentence is a name; at a sentence start the tagger must read it as
        # a proper noun: 'Little is known' is not Mr Little.
        if _sentence_start(m.start(), folded):
            token = doc.char_span(m.start(), m.end()) if doc is not None else None
            if token is None or token[0].pos_ != "PROPN":
                continue
        out.append(Span(m.start(), m.end(), "PERSON", None, "model"))
    return out


def _person_canonical(name: str, table) -> str:
    name = _SPACES.sub(" ", name).strip()
    row = table.lookup(name)
    if row is not None and row.label == "PERSON":
        return row.canonical
    if name.isupper() and len(name) > 4:
        return name.title()  # 'MOHAMED ELBARADEI' in a transcript
    return name


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


def _unify_labels(spans: list[Span], folded: str, evidence: set[str]) -> None:
    """One label per name in an article: a place if any mention was one and nothing shows a
    person, else the label the model used most."""
    votes: dict[str, dict[str, int]] = {}
    for sp in spans:
        if sp.source == "model":
            key = folded[sp.start:sp.end]
            votes.setdefault(key, {}).setdefault(sp.label, 0)
            votes[key][sp.label] += 1
    for sp in spans:
        key = folded[sp.start:sp.end]
        ballot = votes.get(key)
        if sp.source != "model" or not ballot or len(ballot) < 2:
            continue
        place = [lab for lab in ("GPE", "LOC") if lab in ballot]
        if place and sp.label in ("PERSON", "NORP") and key not in evidence:
            sp.label = place[0]
        elif sp.label not in ("GPE", "LOC") or key in evidence or not place:
            # max() keeps the first label seen on a tie: the first mention's.
            sp.label = max(ballot, key=ballot.get)


# -- coalitions and unnamed state forces ------------------------------------------------------

def _coalitions(spans: list[Span], folded: str) -> list[Span]:
    """Bare 'coalition'/'Coalition' as the coalition the article means: an air coalition is
    the anti-IS (or Saudi-led) one; otherwise the last coalition the article named."""
    if "oalition" not in folded:
        return []
    named = [sp for sp in spans if sp.canonical and sp.canonical.endswith("coalition")]
    canon = {sp.canonical for sp in spans if sp.canonical}
    if "Islamic State" in canon:
        default = "US-led coalition"
    elif "Houthis" in canon or "Yemen" in canon:
        default = "Saudi-led coalition"
    else:
        default = None
    out = []
    for m in _COALITION.finditer(folded):
        if any(sp.start <= m.start() < sp.end for sp in spans):
            continue
        if _AIR_WORDS.match(folded, m.end()) and default:
            canonical = default
        else:
            before = [sp for sp in named if sp.end <= m.start()]
            canonical = before[-1].canonical if before else default
        if canonical:
            out.append(Span(m.start(), m.end(), "ORG", canonical, "rule"))
    return out


def _bare_forces(spans: list[Span], folded: str) -> list[Span]:
    """'security forces' / 'government forces' as the national forces the article last named."""
    forces = [sp for sp in spans if sp.source == "forces"]
    if not forces:
        return []
    out = []
    for m in _BARE_FORCES.finditer(folded):
        before = [sp for sp in forces if sp.end <= m.start()]
        # The nearest national forces named before, else the first named after.
        out.append(Span(m.start(), m.end(), "ORG", (before[-1] if before else forces[0]).canonical,
                        "rule"))
    return out


# -- 4. canonical names ------------------------------------------------------------------

def _acronyms(spans: list[Span], body: str) -> dict[str, str]:
    """Acronyms the article defines: 'Popular Mobilization Units (PMU)' -> PMU = the long name."""
    out: dict[str, str] = {}
    if "(" not in body:
        return out
    ends = {sp.end: sp for sp in spans}
    for m in _ACRONYM_DEF.finditer(body):
        short = m.group(1)
        i = m.start()
        while i > 0 and body[i - 1] in " \u00a0":
            i -= 1
        sp = ends.get(i)
        if sp is None or not short.isupper() or short in out:
            continue
        long = sp.canonical or _SPACES.sub(" ", alias_key(body[sp.start:sp.end]))
        initials = "".join(w[0] for w in re.findall(r"[A-Za-z]+", long) if w[0].isupper())
        if initials and short[0] == initials[0]:
            out[short] = long
    return out


def _acronym_mentions(spans: list[Span], folded: str, acronyms: dict[str, str]) -> list[Span]:
    """Later uses of an acronym the article defined, which the model may not tag."""
    labels = {a: next((sp.label for sp in spans if folded[sp.start:sp.end] == a), "ORG")
              for a in acronyms}
    out = []
    for m in _CAP_WORD.finditer(folded):
        if m.group() in acronyms:
            out.append(Span(m.start(), m.end(), labels[m.group()], acronyms[m.group()], "rule"))
    return out


def _canonical(sp: Span, text: str, table, acronyms: dict[str, str]) -> str:
    row = table.lookup(text)
    if row is not None:
        return row.canonical
    key = _SPACES.sub(" ", alias_key(text)).strip()
    if key in acronyms:
        return acronyms[key]
    media = _MEDIA_SUFFIX.sub("", key)
    if media != key:
        row = table.lookup(media)
        if row is not None and row.label == "ORG":
            return row.canonical
    if sp.label in ("GPE", "LOC"):
        # 'Mosul city', 'Nineveh province': the place, not the administrative word.
        key = re.sub(r"\s+(?:city|province|governorate|district|town|village)$", "", key)
        row = table.lookup(key)
        if row is not None:
            return row.canonical
    elif sp.label == "ORG":
        forces = table.forces(key)
        if forces is not None:
            return forces.forces
    return key or text


def _unify_orgs(entities: list[Entity]) -> None:
    """'Defense Ministry' after 'Iraqi Ministry of Defense' is that ministry."""
    longs = [e.canonical for e in entities if e.label == "ORG" and " of " in e.canonical]
    if not longs:
        return
    for e in entities:
        if e.label != "ORG":
            continue
        m = re.fullmatch(r"([A-Z][\w\-]+) (Ministry|Department|Council|Committee)", e.canonical)
        if not m:
            continue
        form = f"{m.group(2)} of {m.group(1)}"
        for full in longs:
            if full.endswith(form):
                e.canonical = full
                break
