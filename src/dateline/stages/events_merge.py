"""Merging for the events stage: one event per occurrence.

The strongest trigger of a sentence names its event; consequences (killed, arrested, looted)
fold into the main event they belong to; repeats of one occurrence across the article merge;
deaths told in the sentences after an event are its deaths.
"""

from __future__ import annotations

from .events_labels import _WEAPON_TYPES, EXTRA_WEIGHT, Candidate, label_by_victim
from .events_when_where import names_a_day, place_rank

def per_sentence(cands: list[Candidate]) -> list[Candidate]:
    """The strongest trigger per sentence, plus strong triggers of another sub-type."""
    by_sent: dict[int, list[Candidate]] = {}
    for c in cands:
        by_sent.setdefault(c.sent_start, []).append(c)
    out = []
    for start in sorted(by_sent):
        group = sorted(by_sent[start], key=lambda c: (-c.weight, c.minor, c.start))
        main = group[0]
        victim = next((c.victim for c in group if c.victim is not None), None)
        if main.target and main.victim is None and victim is not None:
            main.victim = victim
            label_by_victim(main, None, victim, main.event_type)
        out.append(main)
        labels = {(main.event_type, main.sub)}
        for c in group[1:]:
            if c.minor or c.weight < EXTRA_WEIGHT or (c.event_type, c.sub) in labels:
                continue
            if c.event_type == "Strategic developments" and main.event_type != c.event_type:
                continue  # 'the operation began with airstrikes': the strikes are the event
            if c.event_type == main.event_type and main.event_type in ("Protests", "Riots", "Battles"):
                continue  # one crowd or one fight per sentence
            if {c.event_type, main.event_type} == {"Protests", "Riots"}:
                continue  # 'joined the protests and looted stores as violent protests erupted'

            c.fatalities = None  # the sentence's deaths go to its main event
            labels.add((c.event_type, c.sub))
            out.append(c)
    out.sort(key=lambda c: (c.sent_start, -c.weight))
    return out


def _same_place(a: Candidate, b: Candidate) -> bool:
    if a.place is None or b.place is None:
        return True
    return (a.place.name or a.place.text).lower() == (b.place.name or b.place.text).lower()


def _place_key(c: Candidate) -> str | None:
    if c.place is None:
        return None
    return (c.place.name or c.place.text).lower()


def _where(c: Candidate, ctx) -> str | None:
    """The place an event will be given: its own, else the article's main place."""
    place = c.place or ctx.main_place
    return (place.name or place.text).lower() if place is not None else None


def merge_candidates(cands: list[Candidate], ctx) -> list[Candidate]:
    """Repeats in a paragraph merge; consequences fold into the main event they belong to."""
    mains: list[Candidate] = []
    minors: list[Candidate] = []
    for c in cands:
        (minors if c.minor else mains).append(c)
    kept: list[Candidate] = []
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
                     and c.event_type != "Strategic developments"  # 'Other' holds unlike things
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
        if prev is None and m.target:
            # a toll told after the event ('Convoy came under attack. Three soldiers killed.')
            prev = next((k for k in reversed(kept) if 0 <= m.para - k.para <= 1
                         and k.sent_start < m.sent_start and k.day == m.day), None)
        if prev is not None:
            _absorb(prev, m)
            continue
        kept.append(m)
    kept.sort(key=lambda c: (c.sent_start, c.start))
    _deaths_told_after(kept, ctx)
    return kept


def _deaths_told_after(kept: list[Candidate], ctx) -> None:
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
                if names_a_day(sent.start, sent.end, ctx.timexes):
                    c.sites = 1  # '5 killed, 8 wounded on June 20': that day's toll, not the span's
                break


def _host(m: Candidate, kept: list[Candidate]) -> Candidate | None:
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


def _absorb(host: Candidate, other: Candidate) -> None:
    if other.own_date and not host.own_date:
        # 'the group has seized ... Imam Gharbi. ISIS launched its attack last week.'
        host.day, host.precision, host.own_date = other.day, other.precision, True
    # deaths of another sentence are the host's when it has none of its own (the host's own
    # sentence was counted already: compare before the evidence grows over the other's)
    if other.fatalities is not None and other.sent_start != host.sent_start \
            and host.fatalities is None:
        host.fatalities = other.fatalities
        if other.one_day and other.sites == 1:
            host.sites = 1  # '5 killed, 8 wounded on June 20': that day's toll, not the span's
            other.sites = 1
    # 'attacked pastoralists ... over 24-26 June. Some 21 people were killed in the clashes.':
    # the days or places one sentence spreads the occurrence over spread its toll too
    host.sites = max(host.sites, other.sites)
    if other.para == host.para and other.sent_start > host.sent_end:
        host.sent_end = max(host.sent_end, other.sent_end)
    elif other.para == host.para and other.sent_end < host.sent_start:
        host.sent_start = min(host.sent_start, other.sent_start)
    if other.place is not None and (host.place is None or
                                    place_rank(other.place) < place_rank(host.place)):
        host.place = other.place  # the town the report names beats a region
    if host.target and host.victim is None and other.victim is not None \
            and host.event_type in ("Violence against civilians", "Battles"):
        # 'Military convoy came under attack. Three soldiers killed.': the victims decide
        host.victim = other.victim
        label_by_victim(host, None, other.victim, host.event_type)
    if host.a2 is None and other.a2 is not None and other.a2 != host.a1:
        host.a2 = other.a2
    if host.event_type == "Protests" and other.sub == "Arrests" \
            and host.sub == "Peaceful protest":
        host.sub = "Protest with intervention"
