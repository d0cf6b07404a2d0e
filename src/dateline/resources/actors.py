"""ACLED actor names for the phrases articles use for who did what.

``ActorTable.actor('Iraqi troops', date='2016-11-03')`` -> 'Military Forces of Iraq (2014-2018)';
``actor('ISIS militants', 'SY')`` -> 'Islamic State (Syria)'; ``actor('protesters', 'Kenya')``
-> 'Protesters (Kenya)'. The rows live in ``data/actors.tsv`` (canonical names and role
phrases -> ACLED actor templates) and ``data/regimes.tsv`` (the government periods ACLED
appends to state forces). Reached through ``AliasTable.actor``, which owns the alias lookups.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from .aliases import Country, alias_key, read_table

if TYPE_CHECKING:
    from .aliases import AliasTable

# Heads that name members or weapons of a group rather than the group: 'ISIS militants',
# 'coalition warplanes', 'Taliban fighters' are the group as an actor.
_MEMBER_HEADS = re.compile(
    r"\s+(?:fighters?|militants?|members?|insurgents?|jihadists?|gunmen|rebels?|units?|"
    r"commanders?|leaders?|operatives?|elements?|cells?|suicide bombers?|bombers?|snipers?|"
    r"warplanes?|war planes?|jets?|fighter jets?|aircraft|planes?|drones?|helicopters?|"
    r"air ?strikes?|strikes?|artillery|forces|troops|soldiers|militia|militiamen|loyalists|"
    r"supporters|partners|allies|personnel|convoy|positions?|activists?|cadres?|followers|"
    r"workers|men|youth wing|student wing|loyalists)$", re.IGNORECASE)
_LEADING = re.compile(r"^(?:suspected|alleged|pro-|anti-|armed|heavily armed|unidentified|"
                      r"local|hardline|jihadist|islamist|militant)\s*", re.IGNORECASE)
_FIELD = re.compile(r"\{(state|police|country)(?::([A-Z]{2}))?\}")
# ACLED writes "Military Forces of the United States", "... of the Philippines".
_WITH_THE = frozenset({"US", "GB", "PH", "AE", "CF", "NL"})


class ActorTable:
    """ACLED actor templates by canonical name or role phrase, and government periods."""

    def __init__(self, aliases: "AliasTable", rows: list[list[str]], regimes: list[list[str]]):
        self.aliases = aliases
        self._rows: dict[str, dict[str, str]] = {}
        for row in rows:
            if len(row) >= 3 and row[0] and row[2]:
                self._rows.setdefault(alias_key(row[0]).casefold(), {})[row[1] or "*"] = row[2]
        self._regimes: dict[str, list[tuple[str, str, str]]] = {}
        for row in regimes:
            if len(row) >= 4:
                self._regimes.setdefault(row[0], []).append((row[1], row[2] or "9999", row[3]))
        for periods in self._regimes.values():
            periods.sort()

    @classmethod
    def load(cls, aliases: "AliasTable", data_dir: Path) -> "ActorTable":
        """Read ``actors.tsv`` and ``regimes.tsv`` from ``data_dir``."""
        return cls(aliases, read_table(data_dir / "actors.tsv"),
                   read_table(data_dir / "regimes.tsv"))

    def actor(self, name: str, country: str | None = None, date: str | None = None) -> str | None:
        """The ACLED actor for ``name`` where ``country`` is the event's country (see
        ``AliasTable.actor``); None when neither the tables nor the phrase shape tell."""
        where = self.aliases.country(country) if country else None
        for phrase, place in self._readings(name, where):
            template = self._template(phrase, place)
            if template:
                return self._render(template, place, date)
            forces = self.aliases.forces(phrase)
            if forces is not None:
                return self.state(forces, date)
        return None

    def _readings(self, name: str, where: Country | None) -> Iterator[tuple[str, Country | None]]:
        """Ever looser readings of a phrase: as given, canonical, without a leading demonym,
        without a trailing member noun ('ISIS fighters' -> 'ISIS')."""
        text = alias_key(name)
        seen = set()
        queue = [(text, where)]
        while queue:
            phrase, place = queue.pop(0)
            if not phrase or (phrase, place) in seen or len(seen) > 12:
                continue
            seen.add((phrase, place))
            yield phrase, place
            canonical = self.aliases.canonical(phrase)
            if canonical and canonical != phrase:
                queue.append((canonical, place))
            loose = _LEADING.sub("", phrase)
            if loose != phrase:
                queue.append((loose, place))
            words = phrase.split(" ")
            for n in (2, 1):
                if len(words) > n:
                    head = " ".join(words[:n])
                    nation = self.aliases.country(head)
                    row = self.aliases.lookup(head) if nation is not None else None
                    if nation is not None and (row is None or row.label in ("NORP", "GPE")):
                        queue.append((" ".join(words[n:]), nation))
                        break
            shorter = _MEMBER_HEADS.sub("", phrase)
            if shorter != phrase and shorter:
                queue.append((shorter, place))
            nation = self.aliases.country(phrase)
            row = self.aliases.lookup(phrase)
            if nation is not None and (row is None or row.label == "GPE"):
                queue.append(("government", nation))

    def _template(self, phrase: str, place: Country | None) -> str | None:
        by_country = self._rows.get(phrase.casefold())
        if not by_country:
            return None
        if place is not None and place.iso2 in by_country:
            return by_country[place.iso2]
        if place is None and "-" in by_country:
            return by_country["-"]
        return by_country.get("*") or by_country.get("-")

    def _render(self, template: str, place: Country | None, date: str | None) -> str:
        def field(m: re.Match) -> str:
            kind, code = m.group(1), m.group(2)
            nation = self.aliases.country(code) if code else place
            if kind == "country":
                return nation.name if nation else ""
            if nation is None:
                return "Military Forces" if kind == "state" else "Police Forces"
            return self.state(nation, date, police=kind == "police")

        out = _FIELD.sub(field, template)
        return out.replace(" ()", "").strip()

    def state(self, nation: Country, date: str | None = None, police: bool = False) -> str:
        """'Military Forces of Iraq (2014-2018)': ACLED's name for a state's forces on ``date``
        (the latest period when no date is given; no period when the table has none)."""
        kind = "Police Forces" if police else "Military Forces"
        name = ("the " if nation.iso2 in _WITH_THE else "") + nation.name
        period = self.period(nation.iso2, date)
        return f"{kind} of {name} ({period})" if period else f"{kind} of {name}"

    def period(self, iso2: str, date: str | None) -> str | None:
        """The government period label ('2014-2018') for a country on a date, or None."""
        periods = self._regimes.get(iso2)
        if not periods:
            return None
        if not date:
            return periods[-1][2]
        day = str(date)[:10]
        for start, end, label in periods:
            if start <= day < end:
                return label
        return None
