"""The alias table: one canonical name per real entity, titles, and ACLED actor names.

Data (all in ``data/``, each with its source in a header comment):

- ``aliases.tsv``   surface form -> canonical name and label (ISIS/IS/ISIL/Daesh -> Islamic State)
- ``countries.tsv`` ISO code, ACLED country name, demonyms, people, armed forces' canonical name
- ``titles.txt``    ranks and honorifics written before names (Brig. Gen., Lt.-Gen., Prime Minister)
- ``actors.tsv``/``regimes.tsv``  canonical names and role phrases -> ACLED actors (see actors.py)

``AliasTable.canonical`` and ``AliasTable.actor`` are the public lookups other stages call;
``AliasTable.find`` scans a whole text for aliases in one regex pass (a trie, so the cost does
not grow with the size of the table).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

DATA = Path(__file__).parent / "data"
LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})

# One-to-one character folding: the folded text has the same length as the original, so
# offsets found in it are offsets into the original.
FOLD = str.maketrans({"\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\t": " ",
                      "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u02bb": "'", "`": "'",
                      "\u00b4": "'", "\u2032": "'", "\u2010": "-", "\u2011": "-", "\u2012": "-",
                      "\u2013": "-", "\u2212": "-",
                      # cp1252 quotes decoded as Latin-1 control characters
                      "\x91": "'", "\x92": "'", "\x96": "-"})

FORCE_NOUNS = ("forces", "troops", "army", "military", "soldiers")
FORCE_MODIFIERS = ("security", "government", "armed", "ground", "partner", "army", "regular",
                   "national", "government-backed", "pro-government")
_THE = re.compile(r"^(?:the|The|THE)\s+")
_POSSESSIVE = re.compile(r"(?:'s|')$")
_SPACES = re.compile(r"\s+")
_TITLE_SPLIT = re.compile(r"[\s.\-]+")


def fold(text: str) -> str:
    """``text`` with typographic apostrophes, dashes and odd spaces made plain (same length)."""
    return text.translate(FOLD)


def alias_key(name: str) -> str:
    """The lookup form of a name: folded, no leading 'the', no possessive, single spaces."""
    name = _SPACES.sub(" ", fold(name or "")).strip()
    name = _THE.sub("", name)
    name = _POSSESSIVE.sub("", name).strip(" ,;:.-'\"") if not name.endswith(".") else name
    return name


def is_acronym(name: str) -> bool:
    """True for all-capital forms (IS, US, U.N., M23) that must match case-sensitively."""
    return any(c.isupper() for c in name) and not any(c.islower() for c in name)


@dataclass(frozen=True)
class Alias:
    alias: str
    canonical: str
    label: str


@dataclass(frozen=True)
class Country:
    iso2: str
    name: str
    demonyms: tuple[str, ...]
    people: str
    forces: str


@dataclass(frozen=True)
class Match:
    """One alias found in a text: ``text[start:end]`` is the surface form."""

    start: int
    end: int
    canonical: str
    label: str
    kind: str  # alias | forces


def read_table(path: Path) -> list[list[str]]:
    """Rows of a tab-separated data file, without '#' comments, blank lines or the header."""
    rows = []
    header_seen = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            continue
        rows.append([cell.strip() for cell in line.split("\t")])
    return rows


def trie_pattern(words) -> str:
    """A regex alternation over ``words`` shaped as a trie (longest alternative tried first)."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:
            return "(?:" + body + ")?"
        return body

    return emit(trie)


def _variants(alias: str) -> set[str]:
    """The spellings an alias is matched in: as written, sentence-initial, and headline case."""
    out = {alias}
    if alias[:1].islower():
        out.add(alias[:1].upper() + alias[1:])
    words = alias.split(" ")
    if len(words) > 1 and not is_acronym(alias):
        out.add(" ".join(w[:1].upper() + w[1:] if w[:1].islower() else w for w in words))
    return out


def _title_pattern(title: str) -> str:
    """'Lt Gen' -> a regex for 'Lt Gen', 'Lt. Gen.', 'Lt.-Gen.', 'Lt.Gen.'."""
    words = [re.escape(w.rstrip(".")) for w in re.split(r"[\s.\-]+", title) if w.strip(".")]
    return r"[.\s\-]*".join(words) + r"\.?"


class AliasTable:
    """Canonical names, labels, titles and ACLED actors, from the curated tables in ``data/``."""

    def __init__(self, aliases: list[Alias], countries: list[Country], titles: list[str],
                 actors=None):
        self.countries = countries
        self._memo: dict[str, Alias | None] = {}
        self._exact: dict[str, Alias] = {}
        self._folded: dict[str, Alias] = {}
        for row in aliases:
            self._add(row.alias, row)
        self._country_by_key: dict[str, Country] = {}
        self._demonym: dict[str, Country] = {}
        for c in countries:
            for key in (c.iso2, c.name, c.name.casefold(), c.people, c.people.casefold()):
                self._country_by_key.setdefault(key, c)
            for dem in c.demonyms:
                self._demonym[dem] = c
                self._country_by_key.setdefault(dem, c)
                self._country_by_key.setdefault(dem.casefold(), c)
            if c.people and c.people not in self._exact:
                self._add(c.people, Alias(c.people, c.people, "NORP"))
            for dem in c.demonyms:
                if not is_acronym(dem) and dem not in self._exact:
                    self._add(dem, Alias(dem, c.people, "NORP"))
            if c.name not in self._exact:
                self._add(c.name, Alias(c.name, c.name, "GPE"))
        names = {v for a in aliases for v in _variants(a.alias)}
        names.update(d for c in countries for d in c.demonyms)
        names.update(c.name for c in countries)
        self._alias_re = re.compile(
            r"(?<![\w'])(?:" + trie_pattern(names) + r")(?!\w)")
        # Case-sensitive with both cases spelled out: an IGNORECASE scan is 3x slower.
        either = lambda words: "|".join(  # noqa: E731
            sorted({w for word in words for w in (word, word.title())}, key=len, reverse=True))
        # What follows a demonym ('Iraqi| security forces') or a country ("Iraq|'s army").
        self._forces_tail = re.compile(
            r"((?: (?:" + either(FORCE_MODIFIERS) + r"))*) (" + either(FORCE_NOUNS) + r")\b")
        self._government_tail = re.compile(r" (?:government|Government)\b")
        self._country_tail = re.compile(
            r"'s? (" + either(("military", "army", "armed forces", "security forces", "troops",
                               "forces")) + r")\b")
        self.titles = sorted(set(titles), key=len, reverse=True)
        title_alt = "|".join(_title_pattern(t) for t in self.titles)
        # A title is one or more title words, each followed by space, hyphen or nothing when
        # the next is glued by a period ('Lt.-Gen.', 'Brig.Gen.').
        self._lead_title_re = re.compile(r"^(?:(?:" + title_alt + r")(?:[\s\-]+|(?<=\.)(?=\w)|$))+")
        self._trail_title_re = re.compile(r"(?:[\s\-]+(?:" + title_alt + r"))+$")
        self._title_only_re = re.compile(r"^(?:(?:" + title_alt + r")[\s\-]*)+$")
        # Words any title is made of: a name whose first and last words are not among them
        # needs no regex at all (most names).
        self._title_words = {w.casefold() for t in self.titles for w in _TITLE_SPLIT.split(t) if w}
        self.actors = actors

    def _add(self, alias: str, row: Alias) -> None:
        key = alias_key(alias)
        self._exact.setdefault(key, row)
        if not is_acronym(key):
            self._folded.setdefault(key.casefold(), row)

    @classmethod
    def load(cls, data_dir: Path = DATA) -> "AliasTable":
        """Read the curated tables from ``data_dir``."""
        from .actors import ActorTable

        aliases = []
        for row in read_table(data_dir / "aliases.tsv"):
            if len(row) >= 3 and row[2] in LABELS and row[0] and row[1]:
                aliases.append(Alias(row[0], row[1], row[2]))
        countries = []
        for row in read_table(data_dir / "countries.tsv"):
            if len(row) >= 5:
                dems = tuple(d.strip() for d in row[2].split(",") if d.strip())
                countries.append(Country(row[0], row[1], dems, row[3], row[4]))
        titles = [line.strip() for line in (data_dir / "titles.txt").read_text("utf-8").splitlines()
                  if line.strip() and not line.startswith("#")]
        table = cls(aliases, countries, titles)
        table.actors = ActorTable.load(table, data_dir)
        return table

    # -- lookups -------------------------------------------------------------------------

    def lookup(self, name: str) -> Alias | None:
        """The alias row for ``name`` (case-insensitive except for all-capital aliases)."""
        try:
            return self._memo[name]
        except KeyError:
            pass
        if len(self._memo) > 100_000:  # names repeat across articles; bound it for long runs
            self._memo.clear()
        row = self._memo[name] = self._lookup(name)
        return row

    def _lookup(self, name: str) -> Alias | None:
        key = alias_key(name)
        if not key:
            return None
        row = self._exact.get(key)
        if row is None and not is_acronym(key):
            row = self._folded.get(key.casefold())
        return row

    def canonical(self, name: str) -> str | None:
        """The one canonical name for ``name`` ('ISIL' -> 'Islamic State'), or None if unknown.

        Besides the table, '<demonym> forces/troops/army/military/soldiers' ('Iraqi troops')
        gives the country's armed forces ('Iraqi Security Forces').
        """
        row = self.lookup(name)
        if row is not None:
            return row.canonical
        forces = self.forces(name)
        if forces is not None:
            return forces.forces
        words = alias_key(name).split(" ")
        if len(words) > 1 and words[-1].casefold() == "government":
            country = self._demonym.get(" ".join(words[:-1]))
            if country is not None:
                return f"Government of {country.name}"
        return None

    def label(self, name: str) -> str | None:
        """The entity label the table gives ``name`` (PERSON, ORG, GPE, LOC, FAC, NORP)."""
        row = self.lookup(name)
        if row is not None:
            return row.label
        return "ORG" if self.canonical(name) else None

    def forces(self, phrase: str) -> Country | None:
        """The country whose armed forces ``phrase`` names ('Iraqi troops', "Iraq's army")."""
        text = alias_key(phrase)
        for candidate in (text, text.lower().title()):
            m = self._alias_re.match(candidate)
            if m is None:
                continue
            head = m.group()
            country = self._demonym.get(head)
            tail = self._forces_tail if country is not None else self._country_tail
            if country is None and self._country_by_key.get(head) is not None and \
                    self._country_by_key[head].name == head:
                country = self._country_by_key[head]
            if country is not None and tail.fullmatch(candidate, m.end()):
                return country
        return None

    def country(self, name: str | None) -> Country | None:
        """The country for an ISO code, a country name, a demonym or its people, or None."""
        if not name:
            return None
        key = alias_key(name)
        return (self._country_by_key.get(key) or self._country_by_key.get(key.casefold())
                or self._country_by_key.get(self.canonical(key) or ""))

    def actor(self, name: str, country: str | None = None, date: str | None = None) -> str | None:
        """The ACLED actor name for a phrase, or None when the tables do not know it.

        ``name`` is an entity or a phrase ('Iraqi forces', 'Peshmerga', 'coalition warplanes',
        'ISIS militants', 'police'); ``country`` (ISO code or name) is where the event took
        place and ``date`` (YYYY-MM-DD) picks the government period ACLED appends to state
        forces: actor('Iraqi troops', date='2016-11-03') -> 'Military Forces of Iraq (2014-2018)'.
        """
        if self.actors is None or not name:
            return None
        return self.actors.actor(name, country, date)

    # -- titles --------------------------------------------------------------------------

    def strip_title(self, text: str) -> tuple[str | None, str]:
        """Split a leading rank or title off a name: 'Brig. Gen. Tahsin Ibrahim' ->
        ('Brig. Gen.', 'Tahsin Ibrahim'). Returns (None, text) when there is none."""
        m = self._lead_title_re.match(fold(text))
        if not m or m.end() >= len(text):
            return None, text
        return text[:m.end()].strip(), text[m.end():]

    def title_span(self, text: str) -> tuple[int, int]:
        """(lead, trail): how many characters of ``text`` are a leading and a trailing title."""
        words = _TITLE_SPLIT.split(text.strip())
        first, last = words[0].casefold(), words[-1].casefold()
        if first not in self._title_words and last not in self._title_words:
            return 0, 0
        folded = fold(text)
        m = self._lead_title_re.match(folded)
        lead = m.end() if m else 0
        if last not in self._title_words:
            return lead, 0
        m = self._trail_title_re.search(folded, lead)
        trail = len(text) - m.start() if m else 0
        return lead, trail

    def is_title(self, text: str) -> bool:
        """True when ``text`` is nothing but titles ('Brig', 'Lt.-Gen', 'Prime Minister')."""
        return bool(self._title_only_re.match(fold(text).strip()))

    # -- scanning ------------------------------------------------------------------------

    def find(self, text: str) -> Iterator[Match]:
        """Every alias and '<demonym> forces' phrase in ``text``, left to right, with offsets.

        Pass the folded text (``fold(body)``) for typographic quotes and dashes to match.
        """
        for m in self._alias_re.finditer(text):
            name = m.group()
            country = self._demonym.get(name)
            if country is not None:
                tail = self._forces_tail.match(text, m.end())
                if tail:
                    yield Match(m.start(), tail.end(), country.forces, "ORG", "forces")
                    continue
                tail = self._government_tail.match(text, m.end())
                if tail:
                    yield Match(m.start(), tail.end(), f"Government of {country.name}", "ORG",
                                "alias")
                    continue
            else:
                country = self._country_by_key.get(name)
                if country is not None and country.name == name:
                    tail = self._country_tail.match(text, m.end())
                    if tail:
                        yield Match(m.start(), tail.end(), country.forces, "ORG", "forces")
                        continue
            row = self.lookup(name)
            if row is not None:
                yield Match(m.start(), m.end(), row.canonical, row.label, "alias")
