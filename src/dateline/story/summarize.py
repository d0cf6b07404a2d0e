"""Pick the most central sentences of a set: TF-IDF vectors and their centroid, no model.

This is the centroid step of DATEWISE-style timeline summarization (news-tls): the
candidate sentences of one date are turned into TF-IDF vectors (IDF over all articles of
the story), and the sentence nearest their mean speaks for the date. A second sentence is
added only when it says something the first does not (MMR-style redundancy check).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Iterable, Sequence

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
STOPWORDS = frozenset("""a about above after again against all also am an and any are as at be because
been before being below between both but by can could did do does doing down during each few for from
further had has have having he her here hers herself him himself his how i if in into is it its itself
just me more most my myself no nor not now of off on once only or other our ours ourselves out over own
said same says she should so some such than that the their theirs them themselves then there these they
this those through to too under until up very was we were what when where which while who whom why will
with would you your yours yourself yourselves lrb rrb s t cnn bbc mr mrs ms one two new told""".split())


def words(text: str) -> list[str]:
    """Lowercase content words of ``text`` (stopwords and one-letter tokens dropped)."""
    return [w for w in (m.group(0).casefold() for m in _WORD.finditer(text))
            if len(w) > 1 and w not in STOPWORDS]


class Idf:
    """Inverse document frequencies over a collection of documents (one per article)."""

    def __init__(self, docs: Iterable[Iterable[str]]):
        df: Counter = Counter()
        n = 0
        for doc in docs:
            n += 1
            df.update(set(doc))
        self.n = max(n, 1)
        self._idf = {w: math.log((1 + self.n) / (1 + c)) + 1.0 for w, c in df.items()}
        self._unknown = math.log(1 + self.n) + 1.0

    def vector(self, tokens: Sequence[str]) -> dict[str, float]:
        """The unit-length TF-IDF vector of a token list."""
        tf = Counter(tokens)
        vec = {w: c * self._idf.get(w, self._unknown) for w, c in tf.items()}
        norm = math.sqrt(sum(v * v for v in vec.values()))
        return {w: v / norm for w, v in vec.items()} if norm else {}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def centroid(vectors: Sequence[dict[str, float]]) -> dict[str, float]:
    total: Counter = Counter()
    for vec in vectors:
        total.update(vec)
    norm = math.sqrt(sum(v * v for v in total.values()))
    return {w: v / norm for w, v in total.items()} if norm else {}


def rank_central(texts: Sequence[str], idf: Idf, min_words: int = 5, max_words: int = 60,
                 weights: Sequence[float] | None = None) -> list[tuple[int, float]]:
    """Indices of ``texts`` by closeness to the centroid of all of them, best first.

    Sentences shorter than ``min_words`` or longer than ``max_words`` tokens are kept only
    if nothing else is left (a headline fragment or a run-on list says little). ``weights``
    scale each sentence's vote in the centroid (e.g. an article's first sentences).
    """
    toks = [words(t) for t in texts]
    vecs = [idf.vector(t) for t in toks]
    if weights:
        cen = centroid([{w: v * wt for w, v in vec.items()} for vec, wt in zip(vecs, weights)])
    else:
        cen = centroid(vecs)
    scored = []
    for i, vec in enumerate(vecs):
        n = len(_WORD.findall(texts[i]))
        fits = min_words <= n <= max_words
        scored.append((i, cosine(vec, cen) + (1.0 if fits else 0.0)))
    scored.sort(key=lambda x: (-x[1], x[0]))
    return scored


def pick(texts: Sequence[str], idf: Idf, k: int = 1, redundancy: float = 0.5,
         weights: Sequence[float] | None = None) -> list[int]:
    """Up to ``k`` indices of central, mutually non-redundant texts, best first."""
    if not texts:
        return []
    ranked = rank_central(texts, idf, weights=weights)
    chosen = [ranked[0][0]]
    if k > 1:
        vecs = {i: idf.vector(words(texts[i])) for i, _ in ranked[:20]}
        for i, score in ranked[1:20]:
            if len(chosen) >= k or score < 1.0:
                break
            if all(cosine(vecs[i], vecs[j]) < redundancy for j in chosen):
                chosen.append(i)
    return chosen
