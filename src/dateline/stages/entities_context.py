"""Labels by context and canonical names for the entities stage (split from entities.py).

Reads what the span repair left: place cues and the gazetteer turn PERSON/ORG names into
places, surnames resolve to the full names used earlier, bare 'coalition' and 'security
forces' find the coalition or army the article means, and every mention gets one canonical
name. Everything here is a pure function of the spans, the text and the resources.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..article import Entity
from ..resources.aliases import alias_key
from ..resources.entity_cues import (AFTER_PERSON, AFTER_RESIDENT, AFTER_STRONG, ARABIC_ARTICLE,
                                     BEFORE_MEDIUM, BEFORE_STRONG, BEFORE_WEAK, HEADING_WORDS,
                                     ORG_WORDS, TOPONYM_HEADS, TOPONYM_TAILS)

_SPACES = re.compile(r"\s+")
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
    """A candidate entity while the stage works: offsets, label, and where it came from."""

    start: int
    end: int
    label: str
    canonical: str | None = None
    source: str = "model"  # model | alias | forces | rule
    titled: bool = False  # a rank or title stood before the name


def sentence_start(offset: int, folded: str) -> bool:
    """Whether a sentence (or line) starts at ``offset``: only punctuation or space before it."""
    i = offset - 1
    while i >= 0 and folded[i] in " \u2022*-\"'([":
        i -= 1
    return i < 0 or folded[i] in "\n.!?:;"


# -- 3. labels by context ----------------------------------------------------------------

def gazetteer_of(resources):
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


def person_evidence(spans: list[Span], folded: str) -> set[str]:
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


def relabel_places(spans: list[Span], folded: str, table, gazetteer, evidence: set[str]) -> None:
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


def relabel_people(spans: list[Span], body: str, folded: str, table) -> None:
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
    by_key: dict[str, list[tuple[int, str]]] = {}  # surname -> (start, full name), in order
    for start, name, keys in people:
        for k in set(keys):
            by_key.setdefault(k, []).append((start, name))
    for sp in spans:
        if sp.label not in ("PERSON", "ORG", "NORP") or sp.source == "forces":
            continue
        text = _SPACES.sub(" ", folded[sp.start:sp.end]).strip()
        if len(text.split()) > 2 and sp.label != "PERSON":
            continue
        key = text.casefold()
        bare = re.sub(r"^(?:al|el)[-\s]", "", key)
        found = [f for f in by_key.get(key, []) + (by_key.get(bare, []) if bare != key else [])
                 if f[1].casefold() != key]
        found.sort()
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


def missed_surnames(spans: list[Span], folded: str, doc) -> list[Span]:
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
        if sentence_start(m.start(), folded):
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


def unify_labels(spans: list[Span], folded: str, evidence: set[str]) -> None:
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

def coalitions(spans: list[Span], folded: str) -> list[Span]:
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


def bare_forces(spans: list[Span], folded: str) -> list[Span]:
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

def acronyms_defined(spans: list[Span], body: str) -> dict[str, str]:
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


def acronym_mentions(spans: list[Span], folded: str, acronyms: dict[str, str]) -> list[Span]:
    """Later uses of an acronym the article defined, which the model may not tag."""
    labels = {a: next((sp.label for sp in spans if folded[sp.start:sp.end] == a), "ORG")
              for a in acronyms}
    out = []
    for m in _CAP_WORD.finditer(folded):
        if m.group() in acronyms:
            out.append(Span(m.start(), m.end(), labels[m.group()], acronyms[m.group()], "rule"))
    return out


def canonical_name(sp: Span, text: str, table, acronyms: dict[str, str]) -> str:
    """The one name for a mention: the alias table's, an acronym's long form in this article,
    the place without 'city'/'province', a country's forces, or the cleaned text itself."""
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


def unify_orgs(entities: list[Entity]) -> None:
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
