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
from .events_fatalities import count_deaths, event_sites, is_death_word, share_of
from .events_labels import _ARMED, _PROTEST_CONTEXT, _RELATIVE_TO_EVENT, Candidate, refine
from .events_merge import merge_candidates, per_sentence
from .events_parse import (arguments, cause_extents, cause_spans, is_generic_noun, is_incidental,
                           is_reported, sentence_victim, single_victim, timex_applies,
                           trigger_token)
from .events_when_where import (Paragraphs, first_of_list, fit_to_published, geo_precision,
                                days_since, list_size, main_place, names_a_day, origin_or_route,
                                parse_value, place_rank, published_day)

BACKGROUND_DAYS = 30  # an event more than a month before publication is history the article recalls
FUTURE_DAYS = 2  # a dated event after this is a plan or a forecast, not a report


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
        self._named_countries: set[str] | None = None
        self.quote_spans = sorted((q.start, q.end) for q in article.quotes)

    def misplaced(self, place) -> bool:
        """A town the places stage put in a country the article neither is about nor names
        ('Al-Hout' read as Den Hout, Netherlands, in a Libyan report): a misreading."""
        if not self.country or not place.country or place.country == self.country:
            return False
        if self._named_countries is None:
            self._named_countries = {iso for _, iso in self.lex.countries_in(self.body)}
        return place.country not in self._named_countries and any(
            p.country == self.country and place_rank(p) == 0 for p in self.places)

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
        if not sent or self.body[sent[0]:sent[0] + 1] not in "\"\u201c\u00ab":
            return False
        # a short quoted name opening the sentence ('"Pipeline vandals" attack ...') is a
        # label, not a speaker's words: the report goes on after it
        close = re.search("[\"\u201d\u00bb]", self.body[sent[0] + 1:sent[1]])
        return not (close and len(self.body[sent[0] + 1:sent[0] + 1 + close.start()].split()) <= 3
                    and sent[0] + 1 + close.start() < offset)

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
        country word of the lead (its first two sentences), else the most named one; with no
        country word, the home of the parties and armed groups it names ('BNP activists')."""
        counts: dict[str, int] = {}
        for p in self.places:
            if p.country:
                counts[p.country] = counts.get(p.country, 0) + 1
        if counts:
            return max(counts, key=lambda k: counts[k])
        named = self.lex.countries_in(self.body) or self.lex.homes_in(self.body)
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
    cands = per_sentence(cands)
    merged = merge_candidates(cands, ctx)
    return {"events": [_to_event(c, ctx) for c in merged]}


def _aliases(resources):
    try:
        return resources.aliases
    except Exception:  # no alias table (or a broken one): fall back to event_actors.tsv names
        return None


def _candidate(hit, ctx: _Context) -> Candidate | None:
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
    cand = Candidate(hit.start, hit.end, s_start, s_end, ctx.paras.of(hit.start), trig.event_type,
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
    refine(cand, trig, a1, a2, text, ctx, patient)
    if cand.event_type is None:
        return None
    cand.a1, cand.a2 = a1, a2
    if not _set_date(cand, ctx, token):
        return None
    if cand.event_type in ("Protests", "Riots"):
        # what a crowd is against is not where it gathered ('protested in Karachi against the
        # attack in Shikarpur')
        cand.place = _sentence_place(cand, ctx, cause_extents(token))
    else:
        cand.place = _object_place(patient, ctx) or _sentence_place(cand, ctx)
    cand.fatalities = ctx.deaths(s_start, text)
    if cand.fatalities is None and cand.event_type not in ("Protests", "Riots") \
            and single_victim(ctx.doc, s_start, s_end):
        # 'A driver, who suffered burns in the attack, died in hospital' (a death near a
        # demonstration is most often what it is about: not counted there)
        cand.fatalities = 1
    cand.sites = max(event_sites(text, lambda name: ctx.lex.actor(name) is not None),
                     days_since(s_start, s_end, ctx.body, ctx.timexes, ctx.pub))
    cand.one_day = names_a_day(s_start, s_end, ctx.timexes)
    if cand.fatalities and cand.event_type in ("Protests", "Riots"):
        # deaths a demonstration is held over ('against the blast that killed two') are
        # another event's; ACLED counts only those of the demonstration itself
        spans = cause_spans(token, is_death_word)
        if spans:
            cand.fatalities = count_deaths(_blank(text, spans, s_start))
    return cand


def _blank(text: str, spans, offset: int) -> str:
    """``text`` with the character extents ``spans`` (body offsets) cut out, a stop left in."""
    for start, end in sorted(spans, reverse=True):
        start, end = max(start - offset, 0), max(end - offset, 0)
        text = text[:start] + " ; " + text[end:]
    return text


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


def _set_actors(cand: Candidate, ctx: _Context) -> None:
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


def _set_date(cand: Candidate, ctx: _Context, token) -> bool:
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


def _object_place(patient, ctx: _Context):
    """A place the trigger acts on ('seized 75 per cent of Imam Gharbi'), found by name among
    the article's places even when the places stage tagged it only elsewhere."""
    if patient is None:
        return None
    obj = ctx.body[patient[0]:patient[1]]
    best = None
    for p in ctx.places:
        if place_rank(p) == 0 and len(p.text) > 2 and p.text in obj and not ctx.misplaced(p):
            if best is None or len(p.text) > len(best.text):
                best = p
    return best


def _sentence_place(cand: Candidate, ctx: _Context, avoid=()):
    best = None
    for p in ctx.places:
        if p.start >= cand.sent_end:
            break
        if p.end <= cand.sent_start:
            continue
        if place_rank(p) >= 2 and ctx.country and p.country != ctx.country:
            continue  # a foreign country in the sentence names an actor ('US members say')
        if ctx.misplaced(p):
            continue
        # the place after the trigger is where it happened ('seized ... of Imam Gharbi');
        # one before it is often background ('Despite losing Mosul, the group seized ...')
        gap = p.start - cand.start if p.start >= cand.start else 2 * (cand.start - p.end)
        aside = any(a <= p.start < b for a, b in avoid)
        key = (origin_or_route(ctx.body, p.start), place_rank(p), aside,
               bool(ctx.country and p.country != ctx.country), gap)
        if best is None or key < best[0]:
            best = (key, p)
    return first_of_list(best[1], ctx.places, ctx.body) if best else None


def _to_event(c: Candidate, ctx: _Context) -> Event:
    _set_actors(c, ctx)
    place = c.place
    if place is not None and ctx.misplaced(place):
        place = None
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
        fatalities=share_of(c.fatalities, max(c.sites, list_size(c.place, ctx.places, ctx.body))),
        evidence=Evidence(c.sent_start, c.sent_end, text),
        background=background,
    )
