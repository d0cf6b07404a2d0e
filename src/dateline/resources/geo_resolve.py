"""Toponym resolution: pick one gazetteer entry per place mention, using the whole article.

Each candidate starts from a prior (population, kind of place, whether the name matched
its main or an alternate name) and gains from the article's context, re-estimated a few
times: countries and admin1 areas the other mentions point to, the distance to the other
mentions' current choices (places in one story tend to be near each other), and an
explicit qualifier ('Alexandria, La.', 'Paris, Texas'). Mentions with the same name share
one reading (one sense per discourse).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .gazetteer import GeoEntry

# Prior for the kind of place, added to log10(population).
FEATURE_PRIOR = {"country": 1.5, "admin1": 0.6, "continent": 3.0, "admin2": -0.8, "region": 0.0,
                 "city": 0.0, "water": 0.0, "landmark": 0.0, "district": 0.0}
CURATED_POP = 10 ** 4.5  # curated places carry no population: weigh them like a town of ~30,000
ALTERNATE_PENALTY = 1.5
CAPITAL_BONUS = 2.0  # 'Washington' in the news is the capital far more often than the state
COUNTRY_BONUS, ADMIN1_BONUS, NEAR_BONUS, QUALIFIER_BONUS = 3.0, 1.5, 2.0, 6.0
CONTAIN_BONUS = 3.0
BIG_CITY = 100_000  # a place this size needs less evidence: it is rarely a stray word
MEGA_CITY = 1_000_000
SHORT_ALIAS = 5  # letters of a name short enough to be some other language's name for anything
NEAR_KM = 150.0  # a weak mention this close to a sure one fits the story
KEEP_AT = 2.0  # evidence + fit a weak mention needs
LEX_SINGLE = 1.0  # lexical evidence a one-word weak name needs ('in Gainesville', 'Alexandria woman')
LEX_STRONG = 1.5  # 'in', 'near', 'outside', 'the village of': the words before a name that say 'place'
LOCATIVE_BONUS = 0.5
ROUNDS = 3
MAX_CANDIDATES = 40


@dataclass
class Mention:
    """A stretch of text that may name a place, with its gazetteer candidates."""

    start: int
    end: int
    text: str
    key: str  # normalized name: mentions with one key share a reading
    candidates: list[GeoEntry]
    weight: float = 1.0  # how much this mention's reading informs the others
    qualifier: int | None = None  # index of the mention that qualifies it ('X, <that>')
    evidence: float = 0.0  # how strongly the words around it say 'place'
    lexical: float = 0.0  # the part of the evidence the neighbouring words give ('in', 'near', ', Texas')
    strong: bool = True  # a named-entity place or otherwise certain; weak ones must fit the rest
    whole: bool = False  # the name is its whole capitalized run ('Gudumbali', not 'Coronado' of 'Coronado Meat Market')
    choice: GeoEntry | None = None
    margin: float = 0.0


def prior(c: GeoEntry) -> float:
    """Context-free plausibility of a candidate."""
    pop = c.population if c.population > 0 else (CURATED_POP if c.feature not in ("city", "admin2") else 0)
    score = math.log10(pop + 1) + FEATURE_PRIOR.get(c.feature, 0.0)
    if c.alternate:
        score -= ALTERNATE_PENALTY
    elif c.capital:
        score += CAPITAL_BONUS  # by its own name: 'Salem' is an old name of Jerusalem, not a capital's
    return score


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


def _near(c: GeoEntry, lat: float, lon: float) -> float:
    """1 when ``c`` is within ~60 km of the point, 0.5 within ~200 km, else 0 (cheap box test first)."""
    if abs(c.latitude - lat) > 2.0 or abs(c.longitude - lon) > 3.0:
        return 0.0
    d = km(c.latitude, c.longitude, lat, lon)
    return 1.0 if d < 60 else 0.5 if d < 200 else 0.0


def _contains(area: GeoEntry, c: GeoEntry) -> bool:
    if area.feature == "country":
        return c.country == area.country
    if area.feature == "admin1":
        return bool(area.admin1_code) and c.admin1_code == area.admin1_code
    if area.feature == "admin2":
        return c.admin2 == area.admin2 and c.admin2 != 0
    return False


def resolve(mentions: list[Mention], neighbours: dict[str, tuple[str, ...]] | None = None,
            cues: dict[str, float] | None = None) -> None:
    """Set ``choice`` (and ``margin``) on every mention that has candidates.

    ``neighbours`` (country -> bordering countries) lets 'Israel' lend some weight to a
    Palestinian 'Gaza' rather than to Gaza province in Mozambique. ``cues`` (country ->
    mass) are countries the text names without naming a place: 'Congolese police',
    'Kenyan forces'; they weigh like another mention's country.
    """
    neighbours = neighbours or {}
    cues = cues or {}
    groups: dict[str, list[int]] = {}
    for i, m in enumerate(mentions):
        m.candidates = m.candidates[:MAX_CANDIDATES]
        if m.candidates:
            groups.setdefault(m.key, []).append(i)
    if not groups:
        return
    keys = list(groups)
    cands = {k: mentions[groups[k][0]].candidates for k in keys}
    priors = {k: _named_after_city(cands[k], [prior(c) for c in cands[k]]) for k in keys}
    weight = {k: sum(mentions[i].weight for i in groups[k]) for k in keys}
    qualified = {k: [mentions[i].qualifier for i in groups[k] if mentions[i].qualifier is not None]
                 for k in keys}
    probs = {k: _softmax(priors[k]) for k in keys}
    inside = _containment(keys, cands)

    for _round in range(ROUNDS):
        ctx = _Context(keys, cands, probs, weight)
        choice_of = {k: cands[k][_argmax(probs[k])] for k in keys}
        new_probs = {}
        for k in keys:
            scores = []
            for i, (c, p) in enumerate(zip(cands[k], priors[k])):
                s = p + CONTAIN_BONUS * inside[k][i]
                if c.country:
                    cm = ctx.country(k, c.country) + cues.get(c.country, 0.0) + 0.5 * sum(
                        ctx.country(k, n) + cues.get(n, 0.0) for n in neighbours.get(c.country, ()))
                    s += COUNTRY_BONUS * min(cm, 1.0)
                else:
                    s += COUNTRY_BONUS  # a sea or a world region belongs to no country and fits any story
                if c.admin1_code:
                    s += ADMIN1_BONUS * min(ctx.admin1(k, c.admin1_code), 1.0)
                near = 0.0
                for other, (lat, lon, w) in ctx.anchors.items():
                    if other != k:
                        near += w * _near(c, lat, lon)
                s += NEAR_BONUS * min(near, 1.5)
                for qi in qualified[k]:
                    q = choice_of.get(mentions[qi].key)
                    if q is not None:
                        s += QUALIFIER_BONUS if _contains(q, c) else -QUALIFIER_BONUS / 2
                scores.append(s)
            new_probs[k] = _softmax(scores)
        probs = new_probs

    for k in keys:
        order = sorted(range(len(probs[k])), key=probs[k].__getitem__, reverse=True)
        best = cands[k][order[0]]
        margin = probs[k][order[0]] - (probs[k][order[1]] if len(order) > 1 else 0.0)
        for i in groups[k]:
            mentions[i].choice, mentions[i].margin = best, margin


def _containment(keys, cands) -> dict[str, list[int]]:
    """Per candidate: 1 when another mention can read as its county (or as a town in it), else 0.

    'Paris and Henry County': only Paris, Tennessee lies in a Henry County; that pair
    explains both names, whatever the populations say. Counties are specific enough for a
    chance match to be rare; states are not, and get their say through the admin1 mass.
    """
    counties: dict[int, set[str]] = {}
    towns: dict[int, set[str]] = {}
    for k in keys:
        for c in cands[k]:
            if c.admin2:
                (counties if c.feature == "admin2" else towns).setdefault(c.admin2, set()).add(k)
    out = {}
    for k in keys:
        row = []
        for c in cands[k]:
            other = towns if c.feature == "admin2" else counties
            row.append(1 if c.admin2 and other.get(c.admin2, set()) - {k} else 0)
        out[k] = row
    return out


class _Context:
    """What the other mentions currently say: country and admin1 masses, and their best points."""

    def __init__(self, keys, cands, probs, weight):
        self.by_country: dict[str, dict[str, float]] = {}
        self.by_admin1: dict[str, dict[str, float]] = {}
        self.country_total: dict[str, float] = {}
        self.admin1_total: dict[str, float] = {}
        self.anchors = {}
        for k in keys:
            w = weight[k]
            gc: dict[str, float] = {}
            ga: dict[str, float] = {}
            for c, p in zip(cands[k], probs[k]):
                if c.country:
                    gc[c.country] = gc.get(c.country, 0.0) + p * w
                if c.admin1_code:
                    ga[c.admin1_code] = ga.get(c.admin1_code, 0.0) + p * w
            self.by_country[k], self.by_admin1[k] = gc, ga
            for code, v in gc.items():
                self.country_total[code] = self.country_total.get(code, 0.0) + v
            for code, v in ga.items():
                self.admin1_total[code] = self.admin1_total.get(code, 0.0) + v
            best = _argmax(probs[k])
            c = cands[k][best]
            if c.feature not in ("country", "continent", "admin1", "region", "water"):
                self.anchors[k] = (c.latitude, c.longitude, probs[k][best] * min(w, 1.5))

    def country(self, k: str, code: str) -> float:
        """Mass the other mention groups put on country ``code``."""
        return self.country_total.get(code, 0.0) - self.by_country[k].get(code, 0.0)

    def admin1(self, k: str, code: str) -> float:
        """Mass the other mention groups put on admin1 ``code``."""
        return self.admin1_total.get(code, 0.0) - self.by_admin1[k].get(code, 0.0)


def _argmax(values: list[float]) -> int:
    return max(range(len(values)), key=values.__getitem__)


def _named_after_city(cands: list[GeoEntry], priors: list[float]) -> list[float]:
    """An area named after its own city ('Raqqa', 'Kirkuk', 'New York') reads as the city.

    When the text means the province it says so ('Anbar province', 'Kirkuk provinces'),
    and that longer name only finds the area.
    """
    cities = [(c, p) for c, p in zip(cands, priors) if c.feature == "city"]
    if not cities:
        return priors
    out = list(priors)
    for i, c in enumerate(cands):
        if c.feature in ("admin1", "admin2") and c.admin1_code:
            inside = [p for city, p in cities if city.admin1_code == c.admin1_code
                      and (c.feature == "admin1" or city.admin2 == c.admin2)
                      and city.population >= 0.2 * c.population]
            if inside:
                out[i] = min(out[i], max(inside) - 0.5)
    return out


def _softmax(scores: list[float]) -> list[float]:
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]


def strong_reading(cands) -> bool:
    """Whether some reading is a main name, a sizeable place or more than a town."""
    return any(not c.alternate or c.population >= BIG_CITY or c.feature != "city" for c in cands)


def isolated(m: Mention, c: GeoEntry, lexical: dict, count: dict, mentions: list[Mention]) -> bool:
    """A one-word small town, never after a preposition, with no other place in its country."""
    if c is None or " " in m.key or c.feature != "city" or c.population >= BIG_CITY or c.capital:
        return False
    if lexical.get(m.key, 0.0) >= LEX_SINGLE:
        return False
    return not any(o.choice is not None and o.key != m.key and o.choice.country == c.country for o in mentions)


def stray_alias(m: Mention, c: GeoEntry, cues: dict, mentions: list[Mention]) -> bool:
    """A short name read as another language's name for a foreign town ('Tur' for Tours, 'Mesel'
    for Messel), in a text that names nothing else in that country: more likely a village the
    gazetteer lacks than that town."""
    if not c.alternate or len(m.key) > SHORT_ALIAS or c.country in cues:
        return False
    return not any(o.choice is not None and o.key != m.key and o.choice.country == c.country
                   for o in mentions)


def keep_supported(mentions: list[Mention], cues: dict[str, float] | None = None,
                   violent: bool = False) -> list[Mention]:
    """Strong mentions, plus weak ones whose evidence and fit with the strong ones are enough.

    In a report of violence or protest ('Gunmen attacked farmers at Gudumbali') a whole known name
    after a locative word is where it happened, and needs less support than in a feature story.

    Evidence is pooled over all mentions of one name: 'in Gainesville' vouches for
    'Gainesville residents' and for a bare 'Gainesville' later on.
    """
    anchors = [m.choice for m in mentions if m.strong and m.choice is not None]
    codes = {c.admin1_code for c in anchors if c.admin1_code}
    countries = {c.country for c in anchors if c.country} | set(cues or ())
    strong_keys = {m.key for m in mentions if m.strong}
    pooled: dict[str, float] = {}
    lexical: dict[str, float] = {}
    alone: dict[str, float] = {}  # lexical evidence of the mentions that are a whole name
    count: dict[str, int] = {}
    for m in mentions:
        pooled[m.key] = max(pooled.get(m.key, -99.0), m.evidence)
        lexical[m.key] = max(lexical.get(m.key, 0.0), m.lexical)
        if m.whole:
            alone[m.key] = max(alone.get(m.key, 0.0), m.lexical)
        count[m.key] = count.get(m.key, 0) + 1
    major = {m.key for m in mentions if m.choice is not None and not m.choice.alternate and (
        m.choice.population >= BIG_CITY or m.choice.feature in ("country", "admin1"))}
    for key, n in count.items():
        if lexical[key] >= LEX_SINGLE or key in major:  # a place the article keeps naming is its subject
            pooled[key] += min(0.5 * (n - 1), 1.5)
    kept = []
    for m in mentions:
        c = m.choice
        if c is None:
            continue
        if stray_alias(m, c, cues or {}, mentions):
            continue
        if m.strong or m.key in strong_keys:
            if isolated(m, c, lexical, count, mentions) and (cues or len(count) > 1):
                continue  # 'Obama' labelled a place: a small foreign town nothing else points to
            kept.append(m)
            continue
        if not strong_reading(m.candidates) and c.country not in countries and not (violent and alone.get(m.key, 0.0) >= LEX_STRONG):
            continue  # an obscure alternate name far from the story ('Sri Lankan' -> an Armenian village)
        score = pooled[m.key]
        if c.admin1_code and c.admin1_code in codes:
            score += 1.5
        elif c.country in countries:
            score += 0.5
        if c.feature not in ("country", "admin1", "continent", "region", "water") and any(
                a is not c and abs(a.latitude - c.latitude) < 2 and abs(a.longitude - c.longitude) < 3
                and km(a.latitude, a.longitude, c.latitude, c.longitude) < NEAR_KM for a in anchors):
            score += 1.5
        if c.population >= BIG_CITY:
            score += 1
        if c.population >= MEGA_CITY and not c.alternate and len({x.country for x in m.candidates}) == 1:
            score += 2  # 'JI Karachi Chapter', '1 Karachi policemen': a city of millions, no namesake
        if alone.get(m.key, 0.0) >= LEX_SINGLE and (not c.alternate or (violent and alone[m.key] >= LEX_STRONG)):
            score += LOCATIVE_BONUS * (2 if violent else 1)  # 'in Rusape', 'at Gudumbali': no neighbour needed
        if score >= KEEP_AT:
            kept.append(m)
    return kept
