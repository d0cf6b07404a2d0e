"""Stage sentences: the spaCy Doc (made here, or in a batch by the runner) and sentence offsets."""

from __future__ import annotations

from ..article import Sentence


def run(article, resources) -> dict:
    doc = article.doc if article.doc is not None else resources.nlp(article.body)
    sents = []
    for sent in doc.sents:
        text = sent.text
        start = sent.start_char + (len(text) - len(text.lstrip()))
        end = sent.start_char + len(text.rstrip())
        if end > start:
            sents.append(Sentence(start, end))
    return {"sentences": sents, "doc": doc}
