"""The story out of many articles: linked entities and events, figure series and conflicts,
and the timeline (SPEC.md, "A story out of many articles").

``build(corpus)`` is pure: stored articles in, a ``Story`` out. ``build_from_store`` reads
the store, builds, and saves the links back (migration 2 tables) so the web page and the
exports can read them without rebuilding.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from .corpus import Corpus, StoryArticle
from .entities import StoryEntity, link_entities
from .figures import Conflict, FigureSeries, build_series, find_conflicts
from .link import StoryEvent, link_events
from .timeline import TimelineEntry, TimelineOptions, build_timeline

__all__ = ["Story", "build", "build_from_store", "Corpus", "TimelineOptions"]


@dataclass
class Story:
    """Everything linked across the stored articles."""

    articles: dict[str, StoryArticle]
    entities: list[StoryEntity] = field(default_factory=list)
    events: list[StoryEvent] = field(default_factory=list)
    series: list[FigureSeries] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    seconds: float = 0.0

    def timeline_json(self) -> dict:
        """The SPEC ``dateline timeline --json`` object."""
        return {"entries": [e.to_spec() for e in self.timeline],
                "conflicts": [c.to_spec() for c in self.conflicts]}

    def to_rows(self) -> dict:
        """The plain-data form ``store.story_write.save_story`` takes."""
        return {"articles": len(self.articles), "seconds": round(self.seconds, 3),
                "entities": [e.to_row() for e in self.entities],
                "events": [e.to_row() for e in self.events],
                "series": [s.to_row() for s in self.series],
                "conflicts": [c.to_row() for c in self.conflicts],
                "timeline": [t.to_row() for t in self.timeline]}


def build(corpus: Corpus, options: TimelineOptions = TimelineOptions()) -> Story:
    """Link entities, events and figures across ``corpus`` and build its timeline."""
    t0 = time.perf_counter()
    events = link_events(corpus.events)
    published = {aid: a.published for aid, a in corpus.articles.items()}
    series = build_series(corpus.figures, published)
    story = Story(articles=corpus.articles, entities=link_entities(corpus.entities), events=events,
                  series=series, conflicts=find_conflicts(series),
                  timeline=build_timeline(corpus, events, options))
    story.seconds = time.perf_counter() - t0
    return story


def build_from_store(store, options: TimelineOptions = TimelineOptions(), save: bool = True) -> Story:
    """Build the story of every article in ``store`` (a ``dateline.store.Store``) and, unless
    ``save`` is False or the store is read-only, replace its stored links with it."""
    from ..store import story_write

    story = build(Corpus.load(store.conn), options)
    if save:
        story_write.save_story(store.conn, story.to_rows())
    return story
