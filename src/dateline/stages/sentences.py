"""Stage sentences: the spaCy Doc (made here, or in a batch by the runner) and sentence offsets."""

from __future__ import annotations

from ..article import Sentence
from ..errors import TOO_LARGE, ExtractError

MAX_CHARS = 1_000_000  # spaCy's max_length; the runner refuses longer bodies before batching


def run(article, resources) -> dict:
    doc = article.doc
    if doc is None:
        if len(article.body) > MAX_CHARS:
            raise ExtractError(article.source or article.id or "<input>",
                               f"body has {len(article.body):,} characters, over the "
                               f"{MAX_CHARS:,} the parser takes", TOO_LARGE)
        doc = resources.nlp(article.body)
    sents = []
    for sent in doc.sents:
        text = sent.text
        start = sent.start_char + (len(text) - len(text.lstrip()))
        end = sent.start_char + len(text.rstrip())
        if end > start:
            sents.append(Sentence(start, end))
    return {"sentences": sents, "doc": doc}
