"""The stored articles and their items, loaded once for the story (bulk reads, no per-row queries).

Sentence boundaries are not stored, so they are found again here with a light splitter
(newline = hard break, then ``. ! ?`` before a capital or quote): the story only needs
to land on the sentence around an offset, not a parse.
"""

from __future__ import annotations

import bisect
import re
import sqlite3
from dataclasses import dataclass, field

from ..store import read

# A sentence ends at a newline, or after . ! ? (and closing quotes/brackets) before whitespace
# and an opening capital, digit or quote. Abbreviations like "Gen." are handled below.
_BREAK = re.compile(r"\n+|(?<=[.!?])([\"'”’)\]]*)\s+(?=[\"'“‘(\[]?[A-Z0-9])")
_ABBREV = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Sgt|Brig|Adm|Gov|Sen|Rep|Rev|St|"
                     r"Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec|U\.S|U\.N|U\.K|No|Vol|vs|etc|Inc|Co|Corp|"
                     r"Jr|Sr|Prof|Mt|Ft|[A-Z])\.)$")


@dataclass
class StoryArticle:
    id: str
    published: str | None
    outlet: str | None
    title: str | None
    url: str | None
    source: str | None
    body: str
    _bounds: list[tuple[int, int]] | None = field(default=None, repr=False)

    @property
    def sentences(self) -> list[tuple[int, int]]:
        """(start, end) of each sentence of the body, computed once."""
        if self._bounds is None:
            self._bounds = split_sentences(self.body)
        return self._bounds

    def sentence_at(self, offset: int) -> tuple[int, int]:
        """The (start, end) of the sentence holding ``offset`` (the whole body if none)."""
        bounds = self.sentences
        if not bounds:
            return 0, len(self.body)
        i = bisect.bisect_right(bounds, (offset, len(self.body) + 1)) - 1
        i = max(0, min(i, len(bounds) - 1))
        start, end = bounds[i]
        if offset >= end and i + 1 < len(bounds):
            return bounds[i + 1]
        return start, end


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text``, trimmed of surrounding whitespace; empty ones dropped."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BREAK.finditer(text):
        if m.group(0)[0] != "\n" and _ABBREV.search(text, max(0, m.start() - 6), m.start()):
            continue
        _add(spans, text, start, m.end(1) if m.group(1) is not None else m.start())
        start = m.end()
    _add(spans, text, start, len(text))
    return spans


def _add(spans: list, text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


@dataclass
class Corpus:
    """Everything the story reads, keyed for lookups: articles by id, items as row dicts."""

    articles: dict[str, StoryArticle]
    entities: list[dict]
    timexes: list[dict]
    figures: list[dict]
    events: list[dict]

    @classmethod
    def load(cls, conn: sqlite3.Connection) -> "Corpus":
        """Read every article and item from the store at ``conn``."""
        arts = {a["id"]: StoryArticle(a["id"], a["published"], a["outlet"], a["title"], a["url"],
                                      a["source"], a["body"] or "")
                for a in read.story_articles(conn)}
        return cls(arts, read.all_items(conn, "entities"), read.all_items(conn, "timexes"),
                   read.all_items(conn, "figures"), read.all_items(conn, "events"))

    @classmethod
    def from_records(cls, records) -> "Corpus":
        """A corpus from SPEC records in memory (benchmarks; the same shape the store gives)."""
        arts, lists = {}, {"entities": [], "timexes": [], "figures": [], "events": []}
        for rec in records:
            aid = str(rec["id"])
            arts[aid] = StoryArticle(aid, rec.get("published"), rec.get("outlet"), rec.get("title"),
                                     rec.get("url"), rec.get("source"), rec.get("body") or "")
            for name, rows in lists.items():
                for i, item in enumerate(rec.get(name) or []):
                    row = dict(item, article_id=aid, idx=i)
                    if name == "events":
                        ev = item.get("evidence") or {}
                        row.update(evidence_start=ev.get("start", 0), evidence_end=ev.get("end", 0),
                                   evidence_text=ev.get("text", ""),
                                   background=bool(item.get("background")))
                    rows.append(row)
        return cls(arts, lists["entities"], lists["timexes"], lists["figures"], lists["events"])
