"""Token views for the places stage: plain token attributes, entity labels, people's surnames."""

from __future__ import annotations


class Tok:
    """The token attributes the finder reads, copied once per article (spaCy Tokens are slow to make)."""

    __slots__ = ("text", "lower_", "whitespace_", "idx", "pos_", "is_sent_start", "is_alpha", "is_upper",
                 "is_lower")

    def __init__(self, text, whitespace, idx, pos, sent_start):
        self.text, self.lower_, self.whitespace_, self.idx, self.pos_ = text, text.lower(), whitespace, idx, pos
        self.is_sent_start = sent_start
        self.is_alpha, self.is_upper, self.is_lower = text.isalpha(), text.isupper(), text.islower()


def tokens(doc, body: str) -> list[Tok]:
    """The Doc's tokens as ``Tok`` objects, read through one ``to_array`` call."""
    from spacy.attrs import IDX, LENGTH, POS, SENT_START

    n = len(doc)
    if n == 0:
        return []
    rows = doc.to_array([IDX, LENGTH, POS, SENT_START]).tolist()
    toks = []
    for k, (idx, length, pos, sent) in enumerate(rows):
        end = idx + length
        nxt = rows[k + 1][0] if k + 1 < n else len(body)
        toks.append(Tok(body[idx:end], body[end:nxt], idx, doc.vocab.strings[pos] if pos else "", sent == 1))
    return toks


def person_words(doc, label, span) -> frozenset[str]:
    """Lowercased last words of multi-word person names ('jones' from 'Jason Terrell Jones').

    Both the entities stage's people and the model's own are read: a relabelled surname
    ('Bell' made a GPE) still has its full name ('Tyrise M. Bell') somewhere.
    """
    out = set()
    for k, lab in enumerate(label):
        if lab == "PERSON" and span[k] is not None and span[k][1] - span[k][0] >= 2 and k == span[k][1] - 1:
            out.add(doc[k].lower_)
    for ent in doc.ents:
        if ent.label_ == "PERSON" and len(ent) >= 2:
            out.add(ent[-1].lower_)
    return frozenset(out)


def entity_labels(article, doc):
    """Per token: the entity label and the (start, end) token span of its entity, or None."""
    n = len(doc)
    label: list[str | None] = [None] * n
    span: list[tuple[int, int] | None] = [None] * n
    ents = []
    if article.entities:
        for ent in article.entities:
            sp = doc.char_span(ent.start, ent.end, alignment_mode="expand")
            if sp is not None:
                ents.append((sp.start, sp.end, ent.label))
    else:
        ents = [(e.start, e.end, e.label_) for e in doc.ents]
    for s, e, lab in ents:
        for k in range(s, e):
            label[k] = lab
            span[k] = (s, e)
    return label, span
