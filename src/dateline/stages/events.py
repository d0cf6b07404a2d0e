"""Stage events: each occurrence the article reports, coded as an ACLED coder would.

How it reads an article:

1. The trigger lexicon (``resources/data/triggers.tsv``) finds event words in the body; each
   carries an ACLED type/sub-type and a weight.
2. The dependency parse drops triggers that are negated, hedged, conditional or future
   ('could attack', 'plans to seize', 'did not take part in the assault') and finds who acted
   on whom; actor phrases map to ACLED-style names (``event_actors.tsv``, names through ``resources.aliases`` when it knows them).
3. Context refines the label: a killing of soldiers is a battle, of villagers an attack on
   civilians; a clash between party supporters is a riot; a capture by the army is
   'Government regains territory', by a rebel group 'Non-state actor overtakes territory'.
4. The strongest trigger of a sentence names its event (a second, different strong one adds
   a second event: 'airstrikes and artillery shelling'); consequences (killed, arrested,
   looted) fold into the main event they belong to; repeats of one event in a paragraph merge.
5. Date from the sentence's own timex (else the publication date, week precision), place from
   the sentence's places (else the article's main place), deaths by ACLED's conservative rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from ..article import Event, Evidence
from .events_fatalities import count_deaths
from .events_parse import (arguments, is_generic_noun, is_incidental, is_reported,
                           sentence_victim, timex_applies, trigger_token)
from .events_when_where import (Paragraphs, fit_to_published, geo_precision, main_place,
                                parse_value, place_rank, published_day)

_ARMED = re.compile(
    r"\b(?:gun\w*|shot|shoot\w*|fire[ds]?|firing|militant\w*|troops?|soldiers?|forces|police\w*|"
    r"army|military|rebels?|insurgents?|terrorists?|fighters?|jihadist\w*|killed|dead|wounded|"
    r"injured|attack\w*|bomb\w*|strikes?|struck|targets?|targeted|positions?|missiles?|rockets?|"
    r"maoists?|naxal\w*|extremists?|weapons?|armed|security|islamic state|isis|isil|daesh|"
    r"shabaa?b|taliban|boko haram|coalition|enemy|hideouts?|bases?|convoys?)\b", re.I)
_INTERVENTION = re.compile(
    r"\b(?:tear[\s-]?gas|lathi|baton|water cannon|dispers\w*|arrest\w*|detain\w*|rubber bullets|"
    r"charged|cane[- ]?charge\w*|broke up|foiled|clash\w* with police|police (?:fired|beat|used))\b",
    re.I)
_PROTEST_DEATHS = re.compile(r"\b(?:police|troops|soldiers|security forces)\b[^.]{0,60}"
                             r"\b(?:killed|killing|shot dead|opened fire|open fire|live (?:ammunition|"
                             r"rounds|bullets)|fired (?:live|bullets|on|at|into|upon))\b", re.I)
_WEAPON_OBJECTS = re.compile(r"\b(?:weapons?|arms|ammunition|explosives?|guns?|rifles?|"
                             r"grenades?|bombs?|vehicles?|equipment)\b", re.I)
_PERSON_OBJECTS = re.compile(r"\b(?:militants?|fighters?|soldiers?|members?|men|people|him|"
                             r"them|suspects?|leaders?|commanders?|rebels?)\b", re.I)

# Anchored on another event, not on the publication date: the timexes stage cannot know which.
_RELATIVE_TO_EVENT = re.compile(r"^(?:the |a )?(?:day|night|week|month|year)s? (?:after|before|"
                                r"later|earlier)|^(?:the )?(?:previous|following|next) "
                                r"(?:day|night|morning|evening)|^overnight$|^later$|^earlier$",
                                re.I)
_AT_HOME = re.compile(r"\b(?:his|her|their) (?:own )?(?:homes?|houses?|residences?)\b", re.I)
_CIVILIAN_PLACES = re.compile(r"\b(?:villages?|homes?|houses?|markets?|schools?|church\w*|"
                              r"mosques?|shops?|hospitals?|radio station|bus|passengers|"
                              r"camps? for|settlements?|farms?|residen\w+|neighbou?rhoods?)\b",
                              re.I)
_PROTEST_WORDS = re.compile(r"\b(?:protest\w*|demonstrat\w*|riot\w*|rall(?:y|ies)|march\w*|"
                            r"strik(?:e|ers|ing)|hartal|bandh|agitat\w*|election\w*|political|"
                            r"supporters|activists|party)\b", re.I)
_PROTEST_CONTEXT = re.compile(r"\b(?:protest\w*|demonstrat\w*|riot\w*|hartal\w*|bandh|"
                              r"blockade\w*|(?:on|general|labou?r|hunger|transport|token) strike|"
                              r"strikers|shutdown|agitat\w*|picket\w*|rall(?:y|ies)|"
                              r"pro-blockade|blockaders)\b", re.I)
# Two weapons in one story are two events ('airstrikes and artillery shelling')
_WEAPON_TYPES = frozenset({"Explosions/Remote violence"})
_RAID = re.compile(r"raid", re.I)
_HARM = re.compile(r"\b(?:kill\w*|dead|died|injur\w*|wound\w*|shot|fired|clash\w*)\b", re.I)
_ARRESTS = re.compile(r"\b(?:arrest\w*|detain\w*|custody|questioning|held)\b", re.I)
_COMMUNAL = re.compile(r"\b(?:(?:land|border|boundary|cattle|water|grazing|farmland|chieftaincy)"
                       r"[\s-]+(?:dispute|conflict|row|feud)s?|communal|ethnic|clans?|tribal|"
                       r"tribes|both sides|two sides|herdsmen|herders)\b", re.I)
_ARMED_KINDS = frozenset({"military", "police", "armed", "unidentified"})
_STATE_KINDS = frozenset({"military", "police", "government"})
_CROWD_KINDS = frozenset({"crowd", "protesters", "rioters", "civilians"})

BACKGROUND_DAYS = 30  # an event more than a month before publication is history the article recalls
FUTURE_DAYS = 2  # a dated event after this is a plan or a forecast, not a report
EXTRA_WEIGHT = 6  # a second trigger in a sentence makes its own event from this weight up


@dataclass
class _Cand:
    start: int  # trigger
    end: int
    sent_start: int
    sent_end: int
    para: int
    event_type: str
    sub: str
    weight: int
    minor: bool
    actor1: str | None = None
    actor2: str | None = None
    day: date | None = None
    precision: int = 2
    own_date: bool = False
    place: object | None = None
    fatalities: int | None = None
    target: bool = False  # label follows the victim (triggers.tsv flag 'target')
    victim: str | None = None  # the victim's actor kind, when known
    a1: tuple | None = None  # (_ActorRef, kind) of who acted
    a2: tuple | None = None  # ... and of whom they acted on


class _Context:
    """What every candidate of one article shares: body, sentences, timexes, places, country."""

    def __init__(self, article, lex, aliases=None):
        self.article = article
        self.body = article.body
        self.lex = lex
        self.doc = article.doc
        self.paras = Paragraphs(self.body)
        self.sentences = article.sentences or _line_sentences(self.body)
        pub = published_day(article.published)
        self.pub = pub[0] if pub else None
        self.pub_precision = pub[1] if pub else None
        self.timexes = sorted((t for t in article.timexes if t.type in ("DATE", "TIME")),
                              key=lambda t: t.start)
        self.places = sorted((p for p in article.places if p.latitude is not None
                              and p.longitude is not None), key=lambda p: p.start)
        self.main_place = main_place(self.places)
        self.country = self._article_country()
        self.aliases = aliases
        self.trigger_starts: set[int] = set()
        self._armed_article: bool | None = None
        self._protest_article: bool | None = None
        self._names: dict = {}
        self._deaths: dict[int, int | None] = {}
        self.quote_spans = sorted((q.start, q.end) for q in article.quotes)

    def deaths(self, sent_start: int, text: str) -> int | None:
        """count_deaths of a sentence, once per sentence."""
        if sent_start not in self._deaths:
            self._deaths[sent_start] = count_deaths(text)
        return self._deaths[sent_start]

    def actor_name(self, ref: "_ActorRef") -> str:
        """ACLED name for an actor reference: the alias table's, else event_actors.tsv's."""
        key = (ref.phrase, ref.iso)
        if key not in self._names:
            # a long phrase ('units of the 9th Armored Division had entered...') is looked up
            # by the words the actor row matched
            first = ref.phrase if len(ref.phrase) <= 40 else ref.core
            name = self.acled_actor(first, ref.iso)
            if name is None and first != ref.core:
                name = self.acled_actor(ref.core, ref.iso)
            self._names[key] = name or _fill(ref.fallback, self.lex.country_name(ref.iso))
        return self._names[key]

    @property
    def protest_article(self) -> bool:
        """Does the article speak of a protest, strike or blockade (computed once)?"""
        if self._protest_article is None:
            self._protest_article = bool(_PROTEST_CONTEXT.search(self.body))
        return self._protest_article

    @property
    def armed_article(self) -> bool:
        """Does the article name an army or an armed group anywhere (computed once)?"""
        if self._armed_article is None:
            self._armed_article = bool(self.lex.kinds_in(self.body) & {"military", "armed"})
        return self._armed_article

    def in_quote(self, offset: int) -> bool:
        """Inside a direct quotation (quotes stage), or a sentence opening with a quote mark."""
        for start, end in self.quote_spans:
            if start <= offset < end:
                return True
            if start > offset:
                break
        sent = self.sentence_of(offset)
        return bool(sent) and self.body[sent[0]:sent[0] + 1] in "\"\u201c\u00ab"

    def acled_actor(self, phrase: str, iso: str | None) -> str | None:
        """ACLED's name for an actor phrase from the alias table, or None when it does not know
        it (or is unavailable: the events stage must not fail with it)."""
        if self.aliases is None or not phrase.strip():
            return None
        try:
            return self.aliases.actor(phrase, iso, self.pub.isoformat() if self.pub else None)
        except Exception:  # the alias table is another stage's resource; degrade, never fail
            return None

    def _article_country(self) -> str | None:
        """Where the article happens: the places stage's most named country, else the first
        country word of the lead (its first two sentences), else the most named one."""
        counts: dict[str, int] = {}
        for p in self.places:
            if p.country:
                counts[p.country] = counts.get(p.country, 0) + 1
        if counts:
            return max(counts, key=lambda k: counts[k])
        named = self.lex.countries_in(self.body)
        if not named:
            return None
        lead_end = self.sentences[1].end if len(self.sentences) > 1 else len(self.body)
        lead = [iso for off, iso in named if off < lead_end and iso != "US"]
        if lead:
            return lead[0]
        for _, iso in named:
            counts[iso] = counts.get(iso, 0) + 1
        return max(counts, key=lambda k: counts[k])

    def sentence_of(self, offset: int):
        if self.article.sentences:
            sent = self.article.sentence_at(offset)
            if sent is not None:
                return sent.start, sent.end
        for s in self.sentences:
            if s.start <= offset < s.end:
                return s.start, s.end
        return None


@dataclass
class _Span:
    start: int
    end: int


def _line_sentences(body: str) -> list[_Span]:
    """Lines split at sentence punctuation: the fallback when the sentences stage did not run."""
    out = []
    for m in re.finditer(r"[^\n]+", body):
        pos = m.start()
        for piece in re.finditer(r".+?(?:[.!?](?=\s)|$)", m.group(0)):
            if piece.group(0).strip():
                out.append(_Span(pos + piece.start(), pos + piece.end()))
    return out


def run(article, resources) -> dict:
    """The events of ``article`` (SPEC 'events'), read from its body and earlier stages."""
    if not article.body or not article.body.strip():
        return {"events": []}
    lex = resources.triggers
    ctx = _Context(article, lex, _aliases(resources))
    cands = []
    hits = lex.find(article.body)
    ctx.trigger_starts = {h.start for h in hits}
    for hit in hits:
        cand = _candidate(hit, ctx)
        if cand is not None:
            cands.append(cand)
    cands = _per_sentence(cands)
    merged = _merge(cands, ctx)
    return {"events": [_to_event(c, ctx) for c in merged]}


def _aliases(resources):
    try:
        return resources.aliases
    except Exception:  # no alias table (or a broken one): fall back to event_actors.tsv names
        return None


def _candidate(hit, ctx: _Context) -> _Cand | None:
    trig = hit.trigger
    sent = ctx.sentence_of(hit.start)
    if sent is None:
        return None
    s_start, s_end = sent
    text = ctx.body[s_start:s_end]
    token = trigger_token(ctx.doc, hit.start, hit.end)
    if token is not None:
        if "verb" in trig.flags and token.pos_ not in ("VERB", "AUX"):
            return None
        if "noun" in trig.flags and token.pos_ not in ("NOUN", "PROPN"):
            return None
        if "intrans" in trig.flags and any(c.dep_ == "dobj" for c in token.children):
            return None  # 'rallies fighters', 'marched the prisoners': not a protest
        if "literal" in trig.flags and any(c.dep_ == "xcomp" for c in token.children):
            return None  # 'police battling to combat looting': figurative
    if "weapons" in trig.flags and not _ARMED.search(text[:hit.start - s_start] + " "
                                                      + text[hit.end - s_start:]):
        return None
    if not is_reported(token) or is_incidental(token, ctx.trigger_starts, trig.event_type):
        return None
    if "generic" in trig.flags and is_generic_noun(token):
        return None
    if ctx.in_quote(hit.start):
        return None  # a speaker's words ('This fight is far from over') are not the report
    # a bare 'attacked'/'targeted' usually retells a strike or a battle told nearby
    minor = "minor" in trig.flags or ("target" in trig.flags and trig.weight <= 4)
    cand = _Cand(hit.start, hit.end, s_start, s_end, ctx.paras.of(hit.start), trig.event_type,
                 trig.sub_event_type, trig.weight, minor)
    agent, patient = arguments(token)
    a1 = _actor(ctx, agent) if agent else None
    a2 = _actor(ctx, patient) if patient else None
    if a1 is None:  # no parse or no subject: the nearest actor named before the trigger
        a1 = _actor(ctx, (s_start, hit.start))
    if a2 is None and "target" in trig.flags and token is not None:
        victim = sentence_victim(token)  # 'A policeman died of wounds he sustained in an attack'
        if victim is not None:
            a2 = _actor(ctx, victim)
    if a2 is None and token is None:
        a2 = _actor(ctx, (hit.end, s_end))
    _refine(cand, trig, a1, a2, text, ctx, patient)
    if cand.event_type is None:
        return None
    cand.a1, cand.a2 = a1, a2
    if not _set_date(cand, ctx, token):
        return None
    cand.place = _sentence_place(cand, ctx)
    cand.fatalities = ctx.deaths(s_start, text)
    return cand


@dataclass(frozen=True)
class _ActorRef:
    """An actor phrase, named only if its event is kept (the alias lookup is the costly part)."""

    phrase: str
    core: str  # the words the actor row matched ('gendarmes' in 'two gendarmes')
    iso: str | None
    fallback: str  # event_actors.tsv name template


def _actor(ctx: _Context, extent):
    """(actor reference, kind) for the actor phrase at ``extent`` (start, end), or None."""
    start, end = extent
    if end <= start:
        return None
    phrase = ctx.body[start:end]
    found = ctx.lex.actor(phrase)
    if found is None:
        return None
    rule, m_start, m_end = found
    iso = rule.country
    if iso is None:
        named = ctx.lex.countries_in(phrase)
        iso = named[0][1] if named else ctx.country
    return _ActorRef(phrase, phrase[m_start:m_end], iso, rule.name), rule.kind


def _fill(template: str, country: str | None) -> str:
    if "{country}" not in template:
        return template
    if country:
        return template.replace("{country}", country)
    return template.replace(" ({country})", "").replace(" of {country}", "").strip()


def _refine(cand: _Cand, trig, a1, a2, text: str, ctx: _Context, patient) -> None:
    """Adjust type and sub-type from who acted on whom (see the flags in triggers.tsv)."""
    k1 = a1[1] if a1 else None
    k2 = a2[1] if a2 else None
    obj = ctx.body[patient[0]:patient[1]] if patient else ""
    if k2 in ("military", "police") and _AT_HOME.search(text):
        k2 = "civilians"  # off duty at home: ACLED codes the attack as one on a civilian
    if k2 is None and obj and k1 not in _STATE_KINDS and _CIVILIAN_PLACES.search(obj):
        k2 = "civilians"  # 'raided the village', 'attacked a market'
    flags = trig.flags
    if "target" in flags:
        cand.target = True
        cand.victim = k2
        _label_by_victim(cand, k1, k2, trig.event_type)
    if trig.event_type == "Battles" and k1 in ("police", "military") and k2 not in _ARMED_KINDS \
            and _RAID.match(ctx.body[cand.start:cand.end]) and not _HARM.search(text):
        # a police raid on an office or a house, nobody hurt: arrests or a search
        cand.event_type = "Strategic developments"
        cand.sub = "Arrests" if _ARRESTS.search(text) else "Other"
    if "territory" in flags:
        if obj and _WEAPON_OBJECTS.search(obj) and not _PERSON_OBJECTS.search(obj):
            cand.event_type, cand.sub, cand.minor = ("Strategic developments",
                                                     "Disrupted weapons use", True)
        elif obj and _PERSON_OBJECTS.search(obj) and k2 != "civilians":
            cand.event_type, cand.sub, cand.minor = "Battles", "Armed clash", True
        elif k1 in _STATE_KINDS:
            cand.sub = "Government regains territory"
        elif k1 in ("armed", "unidentified"):
            cand.sub = "Non-state actor overtakes territory"
    kinds = None
    if "crowd" in flags and cand.event_type == "Battles":
        kinds = _kinds_in(ctx, text)
        armed = kinds & {"military", "armed", "unidentified"}
        protest = _PROTEST_WORDS.search(text)
        crowd = kinds & {"crowd", "protesters", "rioters"}
        # 'clashes' with no armed side named are riots in ACLED, unless the article is a war
        loose = "clash" in trig.flags and not ctx.armed_article
        communal = _COMMUNAL.search(text)  # ACLED: communal militias fight battles
        if not communal and (protest and not kinds & {"armed", "unidentified"}
                             or not armed and (crowd or loose)):
            cand.event_type = "Riots"
            cand.sub = "Violent demonstration" if protest or "police" in kinds \
                else "Mob violence"
    if cand.sub == "Looting/property destruction" and (k1 in _CROWD_KINDS or
                                                       ctx.protest_article):
        # arson by a crowd, or during a strike or blockade, is rioting
        cand.event_type, cand.minor = "Riots", False
        cand.sub = "Violent demonstration" if ctx.protest_article else "Mob violence"
    if cand.event_type == "Protests":
        if _PROTEST_DEATHS.search(text):
            cand.sub = "Excessive force against protesters"
        elif _INTERVENTION.search(text):
            cand.sub = "Protest with intervention"


def _label_by_victim(cand: _Cand, k1, k2, default_type: str) -> None:
    """A killing or an attack is a battle when the victims are armed, else violence against
    civilians (a state force with no named victim attacked civilians)."""
    if k2 in _ARMED_KINDS and k1 not in _CROWD_KINDS:
        cand.event_type, cand.sub = "Battles", "Armed clash"
    elif k2 in ("civilians", "government", "protesters"):
        cand.event_type, cand.sub = "Violence against civilians", "Attack"


def _kinds_in(ctx: _Context, text: str) -> set[str]:
    return ctx.lex.kinds_in(text)


def _set_actors(cand: _Cand, ctx: _Context) -> None:
    a1, a2 = cand.a1, cand.a2
    country = ctx.lex.country_name(ctx.country)
    n1 = ctx.actor_name(a1[0]) if a1 else None
    n2 = ctx.actor_name(a2[0]) if a2 else None
    k1 = a1[1] if a1 else None
    if cand.event_type == "Protests":
        n1 = _fill("Protesters ({country})", country)
    elif cand.event_type == "Riots":
        if k1 not in ("armed", "military", "unidentified"):
            n1 = _fill("Rioters ({country})", country)
    elif cand.event_type == "Violence against civilians":
        if k1 in (None, "civilians", "crowd", "protesters"):
            n1 = _fill("Unidentified Armed Group ({country})", country)
        if n2 is None or (a2 and a2[1] not in ("civilians", "government")):
            n2 = _fill("Civilians ({country})", country)
    elif cand.sub == "Arrests" and k1 is None:
        n1 = _fill("Police Forces of {country}", country)
    if n1 == n2:
        n2 = None
    cand.actor1, cand.actor2 = n1, n2


def _set_date(cand: _Cand, ctx: _Context, token) -> bool:
    """Date from the sentence's timex nearest the trigger; False for a future (planned) event."""
    best = None
    for t in ctx.timexes:
        if t.start >= cand.sent_end:
            break
        if t.end <= cand.sent_start or _RELATIVE_TO_EVENT.match(t.text):
            continue
        if not timex_applies(ctx.doc, t.start, t.end, token):
            continue
        parsed = parse_value(t.value)
        if parsed is None:
            continue
        if ctx.pub is not None and parsed[0] > ctx.pub + timedelta(days=FUTURE_DAYS) \
                and parsed[2] == "day":
            continue  # 'the August 3 elections': a date ahead names a plan, not this event
        dist = abs(t.start - cand.start)
        key = (parsed[1], dist)  # finer first, then nearer
        if best is None or key < best[0]:
            best = (key, parsed)
    if best is not None:
        day, precision, gran = best[1]
        if gran == "year" and ctx.pub is not None and day.year >= ctx.pub.year:
            return False  # 'attacks ... in 2018': a tally of the year, not one occurrence
        day = fit_to_published(day, gran, ctx.pub)
        if ctx.pub is not None and day > ctx.pub + timedelta(days=FUTURE_DAYS):
            return False
        cand.day, cand.precision, cand.own_date = day, precision, True
        return True
    if ctx.pub is not None:
        cand.day = ctx.pub
        cand.precision = max(2, ctx.pub_precision or 2)
    return True


def _sentence_place(cand: _Cand, ctx: _Context):
    best = None
    for p in ctx.places:
        if p.start >= cand.sent_end:
            break
        if p.end <= cand.sent_start:
            continue
        # the place after the trigger is where it happened ('seized ... of Imam Gharbi');
        # one before it is often background ('Despite losing Mosul, the group seized ...')
        gap = p.start - cand.start if p.start >= cand.start else 2 * (cand.start - p.end)
        key = (place_rank(p), bool(ctx.country and p.country != ctx.country), gap)
        if best is None or key < best[0]:
            best = (key, p)
    return best[1] if best else None


def _per_sentence(cands: list[_Cand]) -> list[_Cand]:
    """The strongest trigger per sentence, plus strong triggers of another sub-type."""
    by_sent: dict[int, list[_Cand]] = {}
    for c in cands:
        by_sent.setdefault(c.sent_start, []).append(c)
    out = []
    for start in sorted(by_sent):
        group = sorted(by_sent[start], key=lambda c: (-c.weight, c.minor, c.start))
        main = group[0]
        victim = next((c.victim for c in group if c.victim is not None), None)
        if main.target and main.victim is None and victim is not None:
            main.victim = victim
            _label_by_victim(main, None, victim, main.event_type)
        out.append(main)
        labels = {(main.event_type, main.sub)}
        for c in group[1:]:
            if c.minor or c.weight < EXTRA_WEIGHT or (c.event_type, c.sub) in labels:
                continue
            if c.event_type == "Strategic developments" and main.event_type != c.event_type:
                continue  # 'the operation began with airstrikes': the strikes are the event
            if c.event_type == main.event_type and main.event_type in ("Protests", "Riots", "Battles"):
                continue  # one crowd or one fight per sentence
            c.fatalities = None  # the sentence's deaths go to its main event
            labels.add((c.event_type, c.sub))
            out.append(c)
    out.sort(key=lambda c: (c.sent_start, -c.weight))
    return out


def _same_place(a: _Cand, b: _Cand) -> bool:
    if a.place is None or b.place is None:
        return True
    return (a.place.name or a.place.text).lower() == (b.place.name or b.place.text).lower()


def _place_key(c: _Cand) -> str | None:
    if c.place is None:
        return None
    return (c.place.name or c.place.text).lower()


def _where(c: _Cand, ctx: _Context) -> str | None:
    """The place an event will be given: its own, else the article's main place."""
    place = c.place or ctx.main_place
    return (place.name or place.text).lower() if place is not None else None


def _merge(cands: list[_Cand], ctx: _Context) -> list[_Cand]:
    """Repeats in a paragraph merge; consequences fold into the main event they belong to."""
    mains: list[_Cand] = []
    minors: list[_Cand] = []
    for c in cands:
        (minors if c.minor else mains).append(c)
    kept: list[_Cand] = []
    for c in mains:
        prev = next((k for k in reversed(kept) if k.para == c.para), None)
        if prev is not None and prev.event_type == c.event_type and prev.sub == c.sub \
                and prev.day == c.day and _same_place(prev, c):
            _absorb(prev, c)
            continue
        # an undated sentence right after a dated one elaborates it ('The airstrikes destroyed')
        near = next((k for k in reversed(kept) if 0 <= c.para - k.para <= 1), None)
        if near is not None and not c.own_date and near.event_type == c.event_type \
                and near.sub == c.sub and _same_place(near, c):
            _absorb(near, c)
            continue
        # the lead and a later paragraph often tell the same occurrence: same label, same day,
        # same named place
        twin = next((k for k in kept if k.event_type == c.event_type and k.day == c.day
                     and (k.sub == c.sub or (abs(k.para - c.para) <= 1 and
                                             c.event_type not in _WEAPON_TYPES))
                     and _where(k, ctx) is not None and _where(k, ctx) == _where(c, ctx)), None)
        if twin is not None:
            _absorb(twin, c)
            continue
        kept.append(c)
    for m in minors:
        host = _host(m, kept)
        if host is not None:
            _absorb(host, m)
            continue
        prev = next((k for k in reversed(kept) if k.para == m.para and k.minor
                     and k.event_type == m.event_type and k.sub == m.sub and k.day == m.day), None)
        if prev is not None:
            _absorb(prev, m)
            continue
        kept.append(m)
    kept.sort(key=lambda c: (c.sent_start, c.start))
    _deaths_told_after(kept, ctx)
    return kept


def _deaths_told_after(kept: list[_Cand], ctx: _Context) -> None:
    """An event without a death count takes one from the sentences that follow it, up to the
    next event, in its paragraph or the next ('SAF bomb Deribat. 2 farmers died.')."""
    for n, c in enumerate(kept):
        if c.fatalities is not None:
            continue
        stop = min((k.sent_start for k in kept[n + 1:] if k.sent_start > c.sent_end),
                   default=len(ctx.body))
        for sent in ctx.sentences:
            if sent.start < c.sent_end or sent.start >= stop:
                continue
            if ctx.paras.of(sent.start) - c.para > 1:
                break
            count = ctx.deaths(sent.start, ctx.body[sent.start:sent.end])
            if count is not None:
                c.fatalities = count
                break


def _host(m: _Cand, kept: list[_Cand]) -> _Cand | None:
    """The main event a consequence belongs to: same date, nearest, in or next to its paragraph
    (or anywhere when the places agree)."""
    best = None
    for k in kept:
        if k.minor:
            continue
        if k.day != m.day and not (m.own_date and not k.own_date and abs(k.para - m.para) <= 1
                                   and m.place is not None and _same_place(k, m)):
            continue
        gap = abs(k.para - m.para)
        if gap > 1 and not (m.place is None or (k.place is not None and _same_place(k, m))):
            continue
        key = (gap, abs(k.sent_start - m.sent_start))
        if best is None or key < best[0]:
            best = (key, k)
    return best[1] if best else None


def _absorb(host: _Cand, other: _Cand) -> None:
    if other.own_date and not host.own_date:
        # 'the group has seized ... Imam Gharbi. ISIS launched its attack last week.'
        host.day, host.precision, host.own_date = other.day, other.precision, True
    if other.para == host.para and other.sent_start > host.sent_end:
        host.sent_end = max(host.sent_end, other.sent_end)
    elif other.para == host.para and other.sent_end < host.sent_start:
        host.sent_start = min(host.sent_start, other.sent_start)
    if other.fatalities is not None and other.sent_start != host.sent_start:
        if host.fatalities is None:
            host.fatalities = other.fatalities
    if host.place is None and other.place is not None:
        host.place = other.place
    if host.target and host.victim is None and other.victim is not None \
            and host.event_type in ("Violence against civilians", "Battles"):
        # 'Military convoy came under attack. Three soldiers killed.': the victims decide
        host.victim = other.victim
        _label_by_victim(host, None, other.victim, host.event_type)
    if host.a2 is None and other.a2 is not None and other.a2 != host.a1:
        host.a2 = other.a2
    if host.event_type == "Protests" and other.sub == "Arrests" \
            and host.sub == "Peaceful protest":
        host.sub = "Protest with intervention"


def _to_event(c: _Cand, ctx: _Context) -> Event:
    _set_actors(c, ctx)
    place = c.place
    if place is None and ctx.main_place is not None:
        place = ctx.main_place
        gp = 2 if place_rank(place) == 0 else 3
    else:
        gp = geo_precision(place, ctx.body) if place is not None else None
    country_iso = place.country if place is not None and place.country else ctx.country
    background = bool(c.own_date and ctx.pub is not None and c.day is not None
                      and c.day < ctx.pub - timedelta(days=BACKGROUND_DAYS))
    text = ctx.body[c.sent_start:c.sent_end]
    return Event(
        event_date=c.day.isoformat() if c.day else None,
        time_precision=c.precision,
        event_type=c.event_type,
        sub_event_type=c.sub,
        actor1=c.actor1,
        actor2=c.actor2,
        location=(place.name or place.text) if place is not None else None,
        admin1=place.admin1 if place is not None else None,
        country=ctx.lex.country_name(country_iso),
        latitude=place.latitude if place is not None else None,
        longitude=place.longitude if place is not None else None,
        geo_precision=gp,
        fatalities=c.fatalities,
        evidence=Evidence(c.sent_start, c.sent_end, text),
        background=background,
    )
