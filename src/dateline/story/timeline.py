"""The story's timeline: the dates that matter, each told by its most central sentence.

Date salience follows DATEWISE (Gholipour Ghalandari & Ifrim, ACL 2020) without its
trained regressor: a date matters when many articles refer to it (resolved timexes and
dated events, each article counted once per date) and, less, when many are published on
it. A reference from an article published later counts more than one from the day
itself: news recalls the days that mattered. Mentions of future dates (plans, deadlines)
are left out: a timeline tells what happened. Coarser dates (a week, a month, a year) are
weighted down inside the span the articles cover, where days tell the story; a week or a
month before it is background ('the city fell in June 2014') and keeps more weight, so it
enters when several articles recall it.

For each chosen date the candidate sentences are those that mention it (or, for a date
known only from publication, the first sentences of that day's articles); the one nearest
the candidates' TF-IDF centroid is the summary, and every article that mentions the date
is a source, with the offsets of its sentence.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field

from .corpus import Corpus
from .dates import DateKey, event_key, parse_value
from .summarize import Idf, pick, words


@dataclass(frozen=True)
class TimelineOptions:
    """How many dates, and how dates are weighed (one object, not many keywords)."""

    max_dates: int = 12
    sentences: int = 2  # per summary: 1, or 2 when a second adds something
    later_weight: float = 1.0  # a reference from an article published after the date
    same_day_weight: float = 0.5  # a reference from an article published that day
    published_weight: float = 0.5  # an article published on the date (day dates only)
    # Inside the span the articles cover, days tell the story and coarse dates mostly blur
    # it; before it (background: 'the city fell in June 2014'), a month is all there is.
    precision_weight: tuple[tuple[str, float], ...] = (("day", 1.0), ("week", 0.3),
                                                       ("month", 0.1), ("year", 0.05))
    # Background: a week or month before the first publication that at least this share of
    # the articles (and two of them) recall enters first, up to a quarter of the dates. A
    # bare year is too vague to place an event ('in 2014') and never counts as background.
    background_share: float = 0.2
    lead_sentences: int = 2  # first sentences of a day's articles, candidates for its summary
    leads_always: bool = False  # leads are candidates even when the date is mentioned
    fresh_days: int = 2  # a report published this many days after a date is fresh news of it
    fresh_weight: float = 2.0  # its sentences' weight in the date's centroid
    fresh_only: int = 3  # if > 0: this many fresh report sentences make the only candidates
    future: bool = False  # count references to dates after the article's publication


@dataclass
class Mention:
    article: str
    start: int  # the mention (timex or event evidence) in the article body
    end: int
    later: bool  # the article was published after the date


@dataclass
class TimelineEntry:
    """One date of the story, its summary and its sources (SPEC timeline entry)."""

    key: DateKey
    summary: str
    score: float
    sources: list[dict] = field(default_factory=list)  # {article, start, end}

    def to_spec(self) -> dict:
        return {"date": self.key.value, "precision": self.key.precision, "summary": self.summary,
                "sources": [{"article": s["article"], "start": s["start"], "end": s["end"]}
                            for s in self.sources]}

    def to_row(self) -> dict:
        return {**self.to_spec(), "score": round(self.score, 4)}


def collect_mentions(corpus: Corpus, events=(), future: bool = False) -> dict[DateKey, list[Mention]]:
    """Date key -> mentions, from resolved DATE timexes and from dated event reports."""
    pub = {aid: parse_value(a.published) for aid, a in corpus.articles.items()}
    out: dict[DateKey, list[Mention]] = defaultdict(list)

    def add(key: DateKey | None, aid: str, start: int, end: int) -> None:
        if key is None or aid not in corpus.articles:
            return
        p = pub.get(aid)
        if p is not None and key.start > p.end and not future:
            return
        out[key].append(Mention(aid, start, end, p is not None and p.start > key.end))

    for row in corpus.timexes:
        if (row.get("type") or "DATE") in ("DATE", "TIME"):
            add(parse_value(row.get("value")), row["article_id"], row["start"], row["end"])
    for ev in events:
        for m in ev.members:
            add(event_key(m.get("event_date"), m.get("time_precision")), m["article_id"],
                m.get("evidence_start", 0), m.get("evidence_end", 0))
    return out


def date_scores(corpus: Corpus, mentions: dict[DateKey, list[Mention]],
                options: TimelineOptions) -> dict[DateKey, float]:
    """Salience of every date: references (one per article) and publications, weighted."""
    prec = dict(options.precision_weight)
    published: dict[DateKey, set[str]] = defaultdict(set)
    for aid, art in corpus.articles.items():
        key = parse_value(art.published)
        if key is not None and key.precision == "day":
            published[key].add(aid)
    scores: dict[DateKey, float] = {}
    for key in set(mentions) | set(published):
        per_article: dict[str, float] = {}
        for m in mentions.get(key, ()):
            w = options.later_weight if m.later else options.same_day_weight
            per_article[m.article] = max(per_article.get(m.article, 0.0), w)
        score = sum(per_article.values()) + options.published_weight * len(published.get(key, ()))
        scores[key] = score * prec.get(key.precision, 0.0)
    return scores


def background_dates(corpus: Corpus, mentions: dict[DateKey, list[Mention]],
                     options: TimelineOptions) -> list[DateKey]:
    """Weeks and months before the first publication that a large share of the articles
    recall (the fall of the city, the launch of the offensive), most recalled first."""
    pubs = [k.start for k in (parse_value(a.published) for a in corpus.articles.values()) if k]
    if not pubs or not corpus.articles:
        return []
    first = min(pubs)
    need = max(2, options.background_share * len(corpus.articles))
    counts = {key: len({m.article for m in ms}) for key, ms in mentions.items()
              if key.precision in ("week", "month") and key.end < first}
    keys = sorted((k for k, n in counts.items() if n >= need), key=lambda k: (-counts[k], k.start))
    return keys[:max(1, options.max_dates // 4)]


def build_timeline(corpus: Corpus, events=(), options: TimelineOptions = TimelineOptions()
                   ) -> list[TimelineEntry]:
    """The ``options.max_dates`` most salient dates in date order, each with a summary taken
    from the articles and all its sources."""
    mentions = collect_mentions(corpus, events, options.future)
    scores = date_scores(corpus, mentions, options)
    back = background_dates(corpus, mentions, options)
    ranked = back + sorted((k for k in scores if k not in back),
                           key=lambda k: (-scores[k], k.start, k.precision))
    idf: Idf | None = None
    by_pub: dict[dt.date, list[str]] = defaultdict(list)
    for aid, art in corpus.articles.items():
        key = parse_value(art.published)
        if key is not None and key.precision == "day":
            by_pub[key.start].append(aid)
    entries: list[TimelineEntry] = []
    seen_values: set[str] = set()
    taken: set[tuple[str, int]] = set()  # sentences already told as another date's summary
    for key in ranked:
        if len(entries) >= options.max_dates or scores[key] <= 0:
            break
        if key.value in seen_values:
            continue
        if idf is None:
            idf = Idf(words(a.body) for a in corpus.articles.values())
        entry = _entry(corpus, key, mentions.get(key, []), by_pub.get(key.start, [])
                       if key.precision == "day" else [], idf, options, taken)
        if entry is None:
            continue
        seen_values.add(key.value)
        entry.score = scores[key]
        entries.append(entry)
    entries.sort(key=lambda e: (e.key.start, e.key.precision))
    return entries


_BULLET = re.compile(r"^[\s•·▪■►*\-–—]+")


def _entry(corpus: Corpus, key: DateKey, mentions: list[Mention], published: list[str],
           idf: Idf, options: TimelineOptions, taken: set[tuple[str, int]]) -> TimelineEntry | None:
    """The entry for ``key``, or None when every candidate sentence already tells another date."""
    candidates: list[tuple[str, int, int]] = []  # (article, sentence start, end)
    weights: list[float] = []
    seen = set()
    for m in mentions:
        art = corpus.articles[m.article]
        s, e = art.sentence_at(m.start)
        if (m.article, s) not in seen:
            seen.add((m.article, s))
            candidates.append((m.article, s, e))
            # Reports from the days right after tell the day; later ones mostly recall it.
            pub = parse_value(art.published)
            fresh_report = pub is not None and 0 <= (pub.start - key.end).days <= options.fresh_days
            weights.append(options.fresh_weight if fresh_report else 1.0)
    if not candidates or options.leads_always:
        for aid in published:
            art = corpus.articles[aid]
            for s, e in art.sentences[:options.lead_sentences]:
                if (aid, s) not in seen:
                    seen.add((aid, s))
                    candidates.append((aid, s, e))
                    weights.append(1.0)
    fresh = [i for i, (a, s, _) in enumerate(candidates) if (a, s) not in taken]
    if not fresh:
        return None
    if options.fresh_only:
        # With enough reports from the days right after, the day is told from them alone.
        news = [i for i in fresh if weights[i] > 1.0]
        if len(news) >= options.fresh_only:
            fresh = news
    texts = [corpus.articles[a].body[s:e] for a, s, e in candidates]
    best = [fresh[i] for i in pick([texts[i] for i in fresh], idf, k=options.sentences,
                                   weights=[weights[i] for i in fresh])]
    taken.update((candidates[i][0], candidates[i][1]) for i in best)
    parts = [_BULLET.sub("", " ".join(texts[i].split())) for i in best]
    # A bullet or a headline has no full stop; one is added so two sentences read as two.
    summary = " ".join(p if i == len(parts) - 1 or p[-1:] in ".!?\"”’" else p + "." for i, p in enumerate(parts))
    sources: list[dict] = []
    used = set()
    for i in best + list(range(len(candidates))):
        aid, s, e = candidates[i]
        if aid in used:
            continue
        used.add(aid)
        sources.append({"article": aid, "start": s, "end": e})
    return TimelineEntry(key, summary, 0.0, sources)
