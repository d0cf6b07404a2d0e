"""The word tables the quotes stage attributes quotations with.

Data: ``data/quote_verbs.txt`` (speech verbs, every form), ``data/quote_people.txt`` (nouns
for people, groups and documents that speak, title abbreviations), ``data/quote_titles.txt``
(title words stripped from names) and ``data/quote_scare.txt`` (words that make a quoted
phrase a name or scare quote). All are plain sets and dicts, so the stage only ever probes
them with lower-case token texts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).parent / "data"

_DOTS = re.compile(r"[.\u2019']")


def title_key(word: str) -> str:
    """A title word as the tables hold it: lower case, no dots ('Lt.-Gen.' -> 'lt-gen')."""
    return _DOTS.sub("", word.lower())


@dataclass
class QuoteLexicon:
    """Speech verbs, speaker nouns, title words and scare-quote markers."""

    verbs: frozenset[str] = frozenset()
    male: frozenset[str] = frozenset()
    female: frozenset[str] = frozenset()
    person: frozenset[str] = frozenset()  # singular people of either gender, male and female too
    group: frozenset[str] = frozenset()
    document: frozenset[str] = frozenset()
    display: frozenset[str] = frozenset()  # signs and banners: their words are their own
    abbrev: dict[str, str] = field(default_factory=dict)  # 'gen' -> 'general'
    titles: frozenset[str] = frozenset()
    scare: frozenset[tuple[str, ...]] = frozenset()  # word sequences of one or two, lower case

    def title_word(self, word: str) -> str:
        """The full title word for ``word`` ('Gen.' -> 'general'), lower case."""
        key = title_key(word)
        return self.abbrev.get(key, key)

    def is_title(self, word: str) -> bool:
        """Whether ``word`` can be a title before a name ('Lt.-Gen.', 'President', 'Brig.')."""
        key = title_key(word)
        if key in self.titles or key in self.abbrev:
            return True
        parts = [p for p in key.split("-") if p]
        return len(parts) > 1 and all(p in self.titles or p in self.abbrev for p in parts)

    @classmethod
    def load(cls, data: Path = DATA) -> "QuoteLexicon":
        """Read the four data files; '#' lines are comments."""
        verbs = set(_words(data / "quote_verbs.txt"))
        kinds: dict[str, set[str]] = {k: set() for k in ("male", "female", "person", "group",
                                                          "document", "display")}
        abbrev: dict[str, str] = {}
        for line in _lines(data / "quote_people.txt"):
            kind, _, rest = line.partition("\t")
            if kind == "abbrev":
                short, full = rest.split()
                abbrev[short] = full
            elif kind in kinds:
                kinds[kind].update(rest.split())
        kinds["person"] |= kinds["male"] | kinds["female"]
        titles = frozenset(title_key(w) for w in _words(data / "quote_titles.txt"))
        scare = frozenset(tuple(line.split()) for line in _lines(data / "quote_scare.txt"))
        return cls(verbs=frozenset(verbs), male=frozenset(kinds["male"]),
                   female=frozenset(kinds["female"]), person=frozenset(kinds["person"]),
                   group=frozenset(kinds["group"]), document=frozenset(kinds["document"]),
                   display=frozenset(kinds["display"]),
                   abbrev=abbrev, titles=titles, scare=scare)


def _lines(path: Path):
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.strip() and not line.startswith("#"):
                yield line


def _words(path: Path):
    for line in _lines(path):
        yield from line.split()
