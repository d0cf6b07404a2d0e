"""The stage list, the resources the stages share, and the runner.

A stage is a function ``(article, resources) -> dict`` that returns the fields it assigns.
The runner checks the returned keys against what the stage declared, so a stage cannot
quietly overwrite what another owns (spaCy's ``requires``/``assigns``, made strict).
``extract`` is the one per-article call: a pure function of (input, options, resources),
which is what lets the same code run in a Dask worker.
"""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Callable, Iterable, Iterator

from .article import Article
from .errors import TOO_LARGE, ExtractError
from .stages import (clean, entities, events, figures, places, published, quotes, sentences,
                     timexes)


@dataclass(frozen=True)
class Stage:
    name: str
    func: Callable[[Article, "Resources"], dict]
    assigns: tuple[str, ...]


STAGES: tuple[Stage, ...] = (
    Stage("clean", clean.run, ("body", "removed", "title", "outlet")),
    Stage("published", published.run, ("published", "published_source")),
    Stage("sentences", sentences.run, ("sentences", "doc")),
    Stage("entities", entities.run, ("entities",)),
    Stage("timexes", timexes.run, ("timexes",)),
    Stage("places", places.run, ("places",)),
    Stage("figures", figures.run, ("figures",)),
    Stage("quotes", quotes.run, ("quotes",)),
    Stage("events", events.run, ("events",)),
)
STAGE_NAMES = tuple(s.name for s in STAGES)
MAX_BODY_CHARS = 1_000_000  # spaCy's own max_length: longer texts are dumps, not articles


@dataclass(frozen=True)
class Options:
    """Everything a caller can set for one extraction run (one object, not many keywords)."""

    default_published: str | None = None  # --published: for inputs that carry no date
    stages: tuple[str, ...] = STAGE_NAMES  # stop early (e.g. clean only) for speed or tests
    batch_size: int = 32  # texts per nlp.pipe call
    batch_chars: int = 40_000  # ...or fewer, when the texts are long (memory follows the text)


class Resources:
    """Models and data the stages read, each loaded on first use and then kept.

    Create one per process (or Dask worker) and pass it to every call; nothing here is
    global, so tests can build their own.
    """

    @cached_property
    def nlp(self):
        from .resources import nlp

        return nlp.load()

    @cached_property
    def gazetteer(self):
        from .resources.gazetteer import Gazetteer

        return Gazetteer.load()

    @cached_property
    def aliases(self):
        from .resources.aliases import AliasTable

        return AliasTable.load()

    @cached_property
    def triggers(self):
        from .resources.triggers import TriggerLexicon

        return TriggerLexicon.load()

    @cached_property
    def quote_lexicon(self):
        from .resources.quote_lexicon import QuoteLexicon

        return QuoteLexicon.load()

    @cached_property
    def figure_lexicon(self):
        from .resources.figure_lexicon import FigureLexicon

        return FigureLexicon.load()


def run_stages(article: Article, resources: Resources, options: Options = Options()) -> Article:
    """Run the stages named in ``options.stages`` over one article, in pipeline order."""
    wanted = set(options.stages)
    for stage in STAGES:
        if stage.name not in wanted:
            continue
        if stage.name == "published":
            article.meta.setdefault("default_published", options.default_published)
        try:
            out = stage.func(article, resources)
        except ExtractError:
            raise
        except Exception as exc:  # a bug in a stage must not take the batch down with it
            raise ExtractError(article.source or article.id or "<input>",
                               f"stage {stage.name} failed: {type(exc).__name__}: {exc}") from exc
        extra = set(out) - set(stage.assigns)
        if extra:
            raise RuntimeError(f"stage {stage.name} assigned {sorted(extra)} it did not declare")
        for key, value in out.items():
            setattr(article, key, value)
    article.doc = None  # the Doc is large and never leaves the process
    return article


def extract(article: Article, resources: Resources | None = None,
            options: Options = Options()) -> dict:
    """Extract one article and return its SPEC record."""
    resources = resources or Resources()
    return run_stages(article, resources, options).to_record()


def extract_many(articles: Iterable[Article], resources: Resources,
                 options: Options = Options()) -> Iterator[Article | ExtractError]:
    """Extract a stream of articles, batching the spaCy pass; yields each Article or its error.

    Batching only changes how the spaCy Doc is made (``nlp.pipe`` over a batch); every
    other stage still sees one article at a time.
    """
    batch: list[Article] = []
    chars = 0
    for art in articles:
        batch.append(art)
        chars += len(art.raw or art.html or "")
        # Memory follows the text in a batch, not the count: a few live blogs of 60,000
        # characters in one nlp.pipe batch would hold gigabytes of activations.
        if len(batch) >= options.batch_size or chars >= options.batch_chars:
            yield from _run_batch(batch, resources, options)
            batch, chars = [], 0
    if batch:
        yield from _run_batch(batch, resources, options)


def _run_batch(batch: list[Article], resources: Resources, options: Options):
    pre = tuple(n for n in ("clean", "published") if n in options.stages)
    post = tuple(n for n in options.stages if n not in pre)
    ready: list[Article] = []
    for art in batch:
        try:
            run_stages(art, resources, replace(options, stages=pre))
            ready.append(art)
        except ExtractError as err:
            yield err
    parse = "sentences" in post and bool(ready)
    if parse:
        parseable = []
        for art in ready:
            if len(art.body) > MAX_BODY_CHARS:
                yield ExtractError(art.source or art.id or "<input>",
                                   f"body has {len(art.body):,} characters, over the "
                                   f"{MAX_BODY_CHARS:,} the parser takes", TOO_LARGE)
            else:
                parseable.append(art)
        ready = parseable
    # spaCy keeps every new string it meets in its vocab: over millions of articles that is a
    # slow leak. The memory zone frees them after the batch, so the stages that read the Doc
    # run inside it and only plain records (collected, then yielded) leave it.
    done: list[Article | ExtractError] = []
    with resources.nlp.memory_zone() if parse else nullcontext():
        if parse:
            from .resources.nlp import parse_many  # spaCy is imported only when needed

            try:
                docs = parse_many(resources.nlp, [a.body for a in ready], options.batch_size)
            except Exception:  # one bad text must not fail its batch: parse each alone below
                docs = [None] * len(ready)
            for art, doc in zip(ready, docs):
                art.doc = doc
        for art in ready:
            try:
                done.append(run_stages(art, resources, replace(options, stages=post)))
            except ExtractError as err:
                done.append(err)
    yield from done
