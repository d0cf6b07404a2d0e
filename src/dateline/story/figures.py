"""Figures across articles: the same quantity over time is a series; close dates that
disagree are a conflict.

A series is keyed by what is counted (the unit reduced to a category: displaced, killed,
wounded, fighters of a group, ...) and where (the figure's location). Each claim is read
as an interval from its qualifier ('some 87,000' is about 87,000 give or take 15%, 'more
than 897,000' is 897,000 or more). Two claims from different articles whose as-of dates
are within a week and whose intervals are far apart (no overlap, and the nearer bounds
differ by half or more) conflict; a figure that grows or falls over months is a trend,
not a conflict.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field

from .dates import parse_value
from .entities import normalize

CONFLICT_DAYS = 7  # claims further apart than this may differ because time passed
GAP_RATIO = 1.5  # disjoint intervals whose near bounds differ by less are a rounding matter
_TOLERANCE = {"exact": 0.02, "approx": 0.15, "range": 0.05, "at_least": 0.02, "at_most": 0.02}

# What is counted, in an order that lets the most specific word win ('civilians killed'
# is a death toll, 'militants killed' too: deaths are deaths).
_CATEGORIES = (
    ("displaced", re.compile(r"\b(displac\w*|fled|flee\w*|refugee\w*|homeless|evacuat\w*|idps?)\b")),
    ("killed", re.compile(r"\b(kill\w*|dead|deaths?|died|die|fatalit\w*|lives|bodies|massacred|"
                          r"executed|death toll|slain)\b")),
    ("wounded", re.compile(r"\b(wound\w*|injur\w*|hurt|casualt\w*)\b")),
    ("arrested", re.compile(r"\b(arrest\w*|detain\w*|captured|prisoners?|abduct\w*|kidnap\w*|"
                            r"hostages?)\b")),
    ("missing", re.compile(r"\b(missing|disappeared)\b")),
    ("protesters", re.compile(r"\b(protest\w*|demonstrat\w*|marchers|crowd\w*)\b")),
    ("fighters", re.compile(r"\b(fighters?|militants?|troops?|soldiers?|forces?|members?|"
                            r"jihadists?|insurgents?|rebels?|personnel|police\w*)\b")),
    ("trapped", re.compile(r"\b(trapped|besieged|stranded|under siege|remain\w*|holed)\b")),
    ("money", re.compile(r"(\$|dollars?|euros?|pounds?|usd|dinars?)")),
    ("civilians", re.compile(r"\b(civilians?|people|residents?|children|families)\b")),
)


@dataclass
class Claim:
    """One figure row read for comparison."""

    row: dict  # the figures row: article_id, idx, text, start, end, quantity, unit, ...
    as_of: str | None
    low: float
    high: float

    @property
    def day(self) -> dt.date | None:
        key = parse_value(self.as_of)
        return key.start if key else None


@dataclass
class FigureSeries:
    """Claims about one quantity, in as-of order, with the conflicts found among them."""

    key: tuple[str, str]
    what: str
    unit: str
    location: str | None
    claims: list[Claim] = field(default_factory=list)
    trend: str | None = None

    def to_row(self) -> dict:
        return {"key": self.key, "what": self.what, "unit": self.unit, "location": self.location,
                "n_articles": len({c.row["article_id"] for c in self.claims}), "trend": self.trend,
                "members": [(c.row["article_id"], c.row["idx"], c.as_of) for c in self.claims]}


@dataclass
class Conflict:
    """Claims about the same quantity, close in time, whose values cannot both be right."""

    series_key: tuple[str, str]
    what: str
    claims: list[Claim]
    reason: str

    def to_row(self) -> dict:
        return {"series_key": self.series_key, "what": self.what, "reason": self.reason,
                "members": [(c.row["article_id"], c.row["idx"]) for c in self.claims]}

    def to_spec(self) -> dict:
        """The SPEC timeline ``conflicts`` item."""
        return {"what": self.what, "claims": [
            {"article": c.row["article_id"], "start": c.row["start"], "end": c.row["end"],
             "text": c.row.get("text"), "quantity": c.row.get("quantity"), "as_of": c.as_of}
            for c in self.claims]}


def category(unit: str | None) -> tuple[str, str]:
    """(category, qualifier words) of a unit: 'people displaced from Mosul' -> ('displaced', '').

    Fighters keep the first word naming whose they are ('ISIS militants remaining in Mosul'
    -> ('fighters', 'isis')) so that two armies are not one series; other categories keep
    nothing.
    """
    text = normalize(unit or "")
    for name, pattern in _CATEGORIES:
        if pattern.search(text):
            if name == "fighters":
                rest = [w for w in pattern.sub(" ", text).split() if w not in _UNIT_STOP]
                return name, " ".join(rest[:1])
            return name, ""
    words = [w for w in text.split() if w not in _UNIT_STOP]
    return (" ".join(words[:3]) or "count"), ""


# Series labels by category; 'fighters' reads 'isis fighters', others keep their unit.
_LABELS = {"displaced": "people displaced", "killed": "people killed", "wounded": "people wounded",
           "trapped": "people trapped", "arrested": "people detained", "missing": "people missing",
           "protesters": "protesters"}
# 'Thousands of civilians' says how many, not what happened to them: two such counts may be
# of different things, so they are a series but never a conflict.
_NO_CONFLICT = frozenset({"civilians", "count"})

_UNIT_STOP = frozenset("the a an of in from at on to and or by for with since who were was are "
                       "have has had been being more than about some around nearly roughly up".split())


def bounds(quantity, qualifier: str | None) -> tuple[float, float] | None:
    """The interval a figure admits, widened by its qualifier's tolerance; None if unreadable."""
    if isinstance(quantity, bool):
        return None
    if isinstance(quantity, (int, float)):
        low = high = float(quantity)
    elif isinstance(quantity, (list, tuple)) and len(quantity) == 2 and all(
            isinstance(q, (int, float)) and not isinstance(q, bool) for q in quantity):
        low, high = sorted(float(q) for q in quantity)
    else:
        return None
    if not (math.isfinite(low) and math.isfinite(high)):
        return None
    tol = _TOLERANCE.get(qualifier or "exact", 0.05)
    low, high = low * (1 - tol), high * (1 + tol)
    if qualifier == "at_least":
        high = math.inf
    elif qualifier == "at_most":
        low = 0.0
    return low, high


def build_series(rows: list[dict], published: dict[str, str | None]) -> list[FigureSeries]:
    """Group figure rows into series keyed by (category, location); ``published`` maps
    article id to its date, the as-of of figures that carry none."""
    series: dict[tuple[str, str], FigureSeries] = {}
    for row in rows:
        b = bounds(row.get("quantity"), row.get("qualifier"))
        if b is None:
            continue
        cat, extra = category(row.get("unit"))
        where = normalize(row.get("location") or "")
        key = (f"{cat} {extra}".strip(), where)
        ser = series.get(key)
        if ser is None:
            label = _LABELS.get(cat) or (f"{_as_written(extra, row.get('unit'))} fighters"
                                         if cat == "fighters" and extra else None) or row.get("unit") or cat
            what = f"{label}, {row['location']}" if row.get("location") else label
            ser = series[key] = FigureSeries(key, what, row.get("unit") or cat, row.get("location"))
        ser.claims.append(Claim(row, row.get("as_of") or published.get(row["article_id"]), *b))
    _fold_unlocated(series)
    for ser in series.values():
        ser.claims.sort(key=lambda c: (c.day or dt.date.max, c.row["article_id"], c.row["idx"]))
        # Unlocated deaths or arrests add up different incidents: no trend to read in them.
        ser.trend = _trend(ser.claims) if ser.location else None
    return sorted(series.values(), key=lambda s: (-len({c.row["article_id"] for c in s.claims}), s.what))


def _as_written(word: str, unit: str | None) -> str:
    """``word`` as the unit writes it ('isis' -> 'ISIS')."""
    m = re.search(rf"\b{re.escape(word)}\b", unit or "", re.I)
    return m.group(0) if m else word


def _fold_unlocated(series: dict[tuple[str, str], FigureSeries]) -> None:
    """A figure without a place joins its category's one located series, when there is
    exactly one ('87,000 people displaced' in an article about Mosul, beside 'displaced from
    Mosul' elsewhere); with several places it stays apart rather than guess."""
    located: dict[str, list[FigureSeries]] = defaultdict(list)
    for (cat, where), ser in series.items():
        if where:
            located[cat].append(ser)
    for (cat, where) in [k for k in series if not k[1]]:
        if len(located.get(cat, ())) == 1:
            located[cat][0].claims.extend(series.pop((cat, where)).claims)


def _trend(claims: list[Claim]) -> str | None:
    """'rising', 'falling' or 'steady' over claims at least a week apart; None if too few."""
    dated = [c for c in claims if c.day]
    if len(dated) < 2 or (dated[-1].day - dated[0].day).days < CONFLICT_DAYS:
        return None
    first, last = _mid(dated[0]), _mid(dated[-1])
    if last > first * 1.1:
        return "rising"
    if last < first * 0.9:
        return "falling"
    return "steady"


def _mid(c: Claim) -> float:
    return c.low if math.isinf(c.high) else (c.low + c.high) / 2


def find_conflicts(series: list[FigureSeries]) -> list[Conflict]:
    """Pairs of claims from different articles in one series, as-of within CONFLICT_DAYS,
    whose intervals are far apart; the claims of one series that conflict are reported
    together, lowest value first."""
    out = []
    for ser in series:
        if ser.key[0] in _NO_CONFLICT:
            continue
        dated = [c for c in ser.claims if c.day]
        involved: dict[int, Claim] = {}
        reasons = []
        for i, a in enumerate(dated):
            for b in dated[i + 1:]:
                gap = (b.day - a.day).days
                if gap > CONFLICT_DAYS:
                    break
                if a.row["article_id"] == b.row["article_id"]:
                    continue
                ratio = _gap_ratio(a, b)
                if ratio >= GAP_RATIO:
                    involved[id(a)] = a
                    involved[id(b)] = b
                    reasons.append(f"{_fmt(a)} ({a.as_of}) vs {_fmt(b)} ({b.as_of}): "
                                   f"{ratio:.1f}x apart, {gap} days apart")
        if involved:
            claims = sorted(involved.values(), key=lambda c: (c.low, c.as_of or ""))
            out.append(Conflict(ser.key, ser.what, claims, "; ".join(reasons[:3])))
    return out


def _gap_ratio(a: Claim, b: Claim) -> float:
    """How far apart two intervals are: higher low over lower high (1.0 when they overlap)."""
    lo_claim, hi_claim = (a, b) if a.high <= b.high else (b, a)
    if hi_claim.low <= lo_claim.high:
        return 1.0
    return hi_claim.low / max(lo_claim.high, 1e-9)


def _fmt(c: Claim) -> str:
    return c.row.get("text") or str(c.row.get("quantity"))
