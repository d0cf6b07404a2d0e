"""The Article that flows through the stages, and the records the stages attach to it.

Every record keeps ``start``/``end``: code-point offsets into ``Article.body`` (the cleaned
text), so a reader can always land on the words a fact came from. ``to_record`` writes the
SPEC.md JSON object; ``Article.from_record`` reads one back (the store and Dask use it).
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from typing import Any

Quantity = float | int | list  # a number, or [low, high]


@dataclass
class Span:
    text: str
    start: int
    end: int


@dataclass
class Entity(Span):
    label: str  # PERSON | ORG | GPE | LOC | FAC | NORP
    canonical: str


@dataclass
class Timex(Span):
    type: str  # DATE | TIME | DURATION | SET
    value: str
    mod: str | None = None  # TIMEX3 mod: MORE_THAN, LESS_THAN, APPROX, START, END...


@dataclass
class Place(Span):
    name: str
    country: str | None  # ISO 3166-1 alpha-2
    admin1: str | None
    latitude: float | None
    longitude: float | None
    feature: str  # city | admin1 | country | landmark | water | region | ...
    geonameid: int | None = None


@dataclass
class Figure(Span):
    quantity: Quantity
    unit: str
    qualifier: str  # exact | approx | at_least | at_most | range
    as_of: str | None = None
    location: str | None = None


@dataclass
class Quote(Span):
    speaker: str | None
    speaker_role: str | None = None


@dataclass
class Evidence:
    start: int
    end: int
    text: str


@dataclass
class Event:
    event_date: str | None
    time_precision: int  # 1 day, 2 week, 3 month (ACLED)
    event_type: str
    sub_event_type: str
    actor1: str | None
    actor2: str | None
    location: str | None
    admin1: str | None
    country: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None  # 1 town, 2 near town / part of region, 3 province
    fatalities: int | None
    evidence: Evidence
    background: bool = False  # history the article recalls, not news it reports


RECORD_LISTS = {"entities": Entity, "timexes": Timex, "places": Place, "figures": Figure,
                "quotes": Quote, "events": Event}


@dataclass
class Sentence:
    start: int
    end: int


@dataclass
class Article:
    """One article and everything the stages have found in it.

    Inputs fill ``raw``/``html`` and metadata; ``clean`` fills ``body``; every later stage
    adds records. ``doc`` holds the spaCy Doc for the stages that need tokens; it is never
    serialized.
    """

    id: str | None = None
    source: str | None = None
    raw: str | None = None  # plain text as delivered
    html: str | None = None  # or HTML as delivered
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    published_source: str | None = None  # given | metadata | inferred | None
    meta: dict = field(default_factory=dict, repr=False)  # input extras: html_published, default_published

    body: str = ""
    removed: list[str] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    doc: Any = field(default=None, repr=False, compare=False)

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence holding ``offset`` (binary search over the sorted sentences)."""
        lo, hi = 0, len(self.sentences)
        while lo < hi:
            mid = (lo + hi) // 2
            sent = self.sentences[mid]
            if offset < sent.start:
                hi = mid
            elif offset >= sent.end:
                lo = mid + 1
            else:
                return sent
        return None

    def to_record(self) -> dict:
        """The SPEC.md JSON object for this article."""
        rec = {
            "id": self.id or body_id(self.body),
            "source": self.source,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published,
            "published_source": self.published_source,
            "body": self.body,
            "removed": list(self.removed),
        }
        for name in RECORD_LISTS:
            rec[name] = [_item_dict(item) for item in getattr(self, name)]
        return rec

    @classmethod
    def from_record(cls, rec: dict) -> "Article":
        art = cls(id=rec.get("id"), source=rec.get("source"), title=rec.get("title"),
                  outlet=rec.get("outlet"), published=rec.get("published"),
                  published_source=rec.get("published_source"), body=rec.get("body") or "",
                  removed=list(rec.get("removed") or []))
        for name, kind in RECORD_LISTS.items():
            setattr(art, name, [_item_from(kind, d) for d in rec.get(name) or []])
        return art


def body_id(body: str) -> str:
    """SPEC's stable id for inputs without one: the first 16 hex digits of sha256(body)."""
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]


def _item_dict(item) -> dict:
    d = asdict(item)
    if isinstance(item, Event):
        d["time_precision"] = item.time_precision
        d.pop("background", None)
        if item.background:
            d["background"] = True
    return d


def _item_from(kind, d: dict):
    names = {f.name for f in fields(kind)}
    kw = {k: v for k, v in d.items() if k in names}
    if kind is Event:
        kw["evidence"] = Evidence(**d["evidence"]) if d.get("evidence") else Evidence(0, 0, "")
    return kind(**kw)
