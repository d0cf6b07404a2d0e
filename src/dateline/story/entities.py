"""One entity across articles: cluster per-article mentions by normalized canonical name and label.

The entities stage already maps aliases to one ``canonical`` within an article ('ISIS',
'Islamic State', 'Daesh' -> 'Islamic State'); here the same canonical from different
articles becomes one story entity. Person names get one more step: a bare surname or an
initialled name ('Abadi', 'H. al-Abadi') joins the full name with that surname and first
initial, but only when exactly one such full name exists, so two Smiths stay apart.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

# Labels that name the same kind of thing for linking: a place may be GPE in one article
# and LOC in another.
_LABEL_GROUP = {"GPE": "PLACE", "LOC": "PLACE", "FAC": "FAC", "ORG": "ORG", "NORP": "NORP",
                "PERSON": "PERSON"}
_PUNCT = re.compile(r"[^\w\s-]+")
_SPACE = re.compile(r"[\s-]+")
_TITLES = frozenset("mr mrs ms dr gen general lt col colonel maj major capt captain sgt brig "
                    "president prime minister pm sheikh imam king prince sen senator rep gov "
                    "governor secretary spokesman chief commander adm admiral".split())
_PARTICLES = frozenset("al el bin ibn abu abd de del van von der la le".split())


@dataclass
class StoryEntity:
    """One entity of the story and every mention of it, as (article_id, idx)."""

    name: str
    label: str
    members: list[tuple[str, int]] = field(default_factory=list)
    aliases: Counter = field(default_factory=Counter)
    articles: set[str] = field(default_factory=set)

    def to_row(self) -> dict:
        return {"name": self.name, "label": self.label, "n_articles": len(self.articles),
                "n_mentions": len(self.members), "members": self.members,
                "aliases": [a for a, _ in self.aliases.most_common()]}


@lru_cache(maxsize=65536)  # names repeat across thousands of mentions
def normalize(name: str) -> str:
    """Case-, accent- and punctuation-folded name without a leading 'the' or trailing 's."""
    text = unicodedata.normalize("NFKD", name or "")
    # Combining accents and modifier letters (the ʿayn of 'al-ʿAbādī') are dropped.
    text = "".join(c for c in text if not unicodedata.combining(c)
                   and unicodedata.category(c) not in ("Lm", "Sk")).casefold()
    text = text.replace("’", "'")
    text = re.sub(r"'s\b", "", text)
    text = _SPACE.sub(" ", _PUNCT.sub(" ", text)).strip()
    if text.startswith("the "):
        text = text[4:]
    return text


def _person_core(norm: str) -> tuple[str, ...]:
    """The name words of a normalized person name, titles and particles ('al', 'bin') dropped."""
    return tuple(w for w in norm.split() if w not in _TITLES and w not in _PARTICLES)


def link_entities(rows: list[dict]) -> list[StoryEntity]:
    """Cluster entity rows (article_id, idx, text, label, canonical) into story entities,
    most widely reported first."""
    clusters: dict[tuple[str, str], StoryEntity] = {}
    names: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for row in rows:
        label = _LABEL_GROUP.get(row.get("label") or "", row.get("label") or "")
        name = row.get("canonical") or row.get("text") or ""
        norm = normalize(name)
        if not norm:
            continue
        key = (norm, label)
        ent = clusters.get(key)
        if ent is None:
            ent = clusters[key] = StoryEntity(name, row.get("label") or label)
        ent.members.append((row["article_id"], row["idx"]))
        ent.articles.add(row["article_id"])
        ent.aliases[row.get("text") or name] += 1
        names[key][name] += 1
    for key, ent in clusters.items():
        ent.name = names[key].most_common(1)[0][0]
    _merge_people(clusters)
    out = [e for e in clusters.values() if e.members]
    out.sort(key=lambda e: (-len(e.articles), -len(e.members), e.name))
    return out


def _merge_people(clusters: dict[tuple[str, str], StoryEntity]) -> None:
    """Fold person names written differently into one: titles and particles aside the same
    words ('Gen. Tahsin Ibrahim' = 'Tahsin Ibrahim'), then a surname or initial + surname
    into the one full name it can only mean."""
    by_core: dict[tuple[str, ...], tuple[str, str]] = {}
    full: dict[str, list[tuple[str, tuple[str, str]]]] = defaultdict(list)  # surname -> [(first, key)]
    short: list[tuple[tuple[str, ...], tuple[str, str]]] = []
    for key in sorted(clusters, key=lambda k: -len(clusters[k].members)):
        if key[1] != "PERSON":
            continue
        core = _person_core(key[0])
        if not core:
            continue
        if core in by_core:
            _fold(clusters[key], clusters[by_core[core]])
            continue
        by_core[core] = key
        if len(core) >= 2 and len(core[0]) > 1:
            full[core[-1]].append((core[0], key))
        else:
            short.append((core, key))
    for core, key in short:
        initial = core[0][0] if len(core) >= 2 else ""
        candidates = [k for first, k in full.get(core[-1], ()) if not initial or first[0] == initial]
        if len(candidates) == 1:
            _fold(clusters[key], clusters[candidates[0]])


def _fold(source: StoryEntity, target: StoryEntity) -> None:
    if source is target:
        return
    target.members.extend(source.members)
    target.articles |= source.articles
    target.aliases.update(source.aliases)
    source.members = []
