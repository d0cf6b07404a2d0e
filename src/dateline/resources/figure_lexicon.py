"""The word tables the figures stage reads numbers with (data: ``data/figure_lexicon.tsv``).

Multi-word phrases are kept as tuples of lower-case words so the stage can match them
against spaCy tokens without building strings; ``longest`` says how far back a phrase
can reach, so a lookup is a handful of dict probes per number.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).parent / "data" / "figure_lexicon.tsv"


@dataclass
class FigureLexicon:
    """Number words, scales, vague counts, qualifiers and the noun/verb sets around them."""

    words: dict[str, float] = field(default_factory=dict)
    scales: dict[str, float] = field(default_factory=dict)
    vague: dict[tuple[str, ...], tuple[int, int]] = field(default_factory=dict)
    prefixes: dict[tuple[str, ...], str] = field(default_factory=dict)
    suffixes: dict[tuple[str, ...], str] = field(default_factory=dict)
    time: frozenset[str] = frozenset()
    measure: frozenset[str] = frozenset()
    invariant: frozenset[str] = frozenset()
    money_context: frozenset[str] = frozenset()
    percent: dict[tuple[str, ...], str] = field(default_factory=dict)
    currency: dict[str, str] = field(default_factory=dict)
    verbs: dict[str, str] = field(default_factory=dict)
    change: frozenset[str] = frozenset()
    partitive: frozenset[str] = frozenset()

    longest_prefix: int = 0  # words in the longest qualifier phrase
    starts: frozenset[str] = frozenset()  # words a number phrase can begin with

    @classmethod
    def load(cls, path: Path = DATA) -> "FigureLexicon":
        """Read the TSV (kind, phrase, value); '#' lines are comments."""
        lex = cls()
        sets: dict[str, set[str]] = {"time": set(), "measure": set(), "change": set(),
                                     "partitive": set(), "invariant": set(), "money_context": set()}
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if not line.strip() or line.startswith("#"):
                    continue
                kind, phrase, value = (line.rstrip("\n").split("\t") + ["", ""])[:3]
                words = tuple(phrase.split())
                if kind == "word":
                    lex.words[phrase] = float(value)
                elif kind == "scale":
                    lex.scales[phrase] = float(value)
                elif kind == "vague":
                    low, high = value.split()
                    lex.vague[words] = (int(low), int(high))
                elif kind == "prefix":
                    lex.prefixes[words] = value
                elif kind == "suffix":
                    lex.suffixes[words] = value
                elif kind == "percent":
                    lex.percent[words] = "percent"
                elif kind == "currency":
                    lex.currency[phrase] = value
                elif kind == "verb":
                    lex.verbs[phrase] = value
                elif kind in sets:
                    sets[kind].add(phrase)
        lex.time = frozenset(sets["time"])
        lex.measure = frozenset(sets["measure"])
        lex.change = frozenset(sets["change"])
        lex.partitive = frozenset(sets["partitive"])
        lex.invariant = frozenset(sets["invariant"])
        lex.money_context = frozenset(sets["money_context"])
        lex.longest_prefix = max((len(k) for k in lex.prefixes), default=0)
        lex.starts = (frozenset(lex.words) | {"a", "an", "half", "between", "from"}
                      | {k[0] for k in lex.vague})
        return lex
