"""Dependency-parse helpers for the events stage: is a trigger reported as fact, and who did
what to whom.

Everything here reads a spaCy Doc only; without one (the sentences stage skipped) the callers
fall back to plain text, so these functions accept ``None`` and answer conservatively.
"""

from __future__ import annotations

from ..resources.triggers import HEDGE_HEADS, MODALS, NEGATIONS

# Relations we climb from a trigger towards the clause that asserts it.
_CLIMB = frozenset("xcomp ccomp conj pcomp pobj prep dobj nsubj nsubjpass compound amod attr acl "
                   "advcl csubj relcl appos npadvmod oprd".split())
_HEDGE_NOUNS = frozenset("threat threats fear fears risk risks possibility danger prospect "
                         "plan plans warning warnings rumour rumours rumor rumors bid bids "
                         "call calls demand demands effort efforts attempt attempts ability "
                         "capability capacity".split())
_COMPLEMENT = frozenset("xcomp ccomp csubj dobj attr acomp oprd nsubj nsubjpass".split())
# A negation on the clause above a reported clause does not deny it ('perpetrators not known').
_CLAUSE_EDGES = frozenset("ccomp advcl relcl acl parataxis".split())
# Acts laid at someone's door as the reason for this report, not reported themselves.
_ALLEGED = frozenset("accused suspected involved responsible blamed charged convicted "
                     "wanted guilty".split())
# 'the protest was aimed against the government': a passive of purpose describes what happened
_PURPOSE_PASSIVE = frozenset("aimed intended".split())
_OTHER_EVENTS = frozenset("other previous earlier past prior similar".split())
_CONDITIONAL = frozenset("if unless whether before until".split())
_FUTURE_VERBS = frozenset("going gonna".split())


_SUPPORT_VERBS = frozenset("backed supported aided assisted helped covered".split())
# Weapons that are handled, not used: 'placed roadside bombs', 'wearing suicide vests'.
# an abduction told as ended ('rescuing 16 of their hostages', 'freed the kidnapped girls') is
# the end of an older event, not a new one
# (prefixes: the pipeline runs without a lemmatizer)
_RESCUE = ("rescu", "free", "releas", "liberat", "recover", "saved", "saving", "reunit")
_HANDLING_VERBS = frozenset("placed planted laid rigged carried carrying wearing wore made "
                            "manufactured found recovered seized stockpiled hid hidden stored "
                            "smuggled smuggling transported possessed".split())


def is_incidental(token, trigger_starts: set[int], event_type: str = "") -> bool:
    """True for a trigger word that names a thing, not an occurrence: a modifier of another
    noun ('IED factory', 'suicide vests'), support ('forces backed by coalition airstrikes'),
    or a generic 'the battle for the city'."""
    if token is None:
        return False
    head = token.head
    if token.dep_ in ("compound", "amod") and token.pos_ in ("NOUN", "PROPN") \
            and event_type == "Explosions/Remote violence" \
            and head.pos_ == "NOUN" and head.idx not in trigger_starts and head.i != token.i:
        return True
    if token.pos_ == "NOUN" and any(c.dep_ == "amod" and c.lower_ in _OTHER_EVENTS
                                    for c in token.children):
        return True  # 'the site of other clashes on June 8': events told of, not reported here
    if token.dep_ == "pobj" and head.lower_ == "by" and head.head.lower_ in _SUPPORT_VERBS:
        return True
    if token.dep_ in ("acl", "xcomp") and is_generic_noun(head) and head.i != token.i and (
            head.idx in trigger_starts or any(c.dep_ == "aux" and c.lower_ == "to"
                                              for c in token.children)):
        return True  # 'the battle to retake the city', 'the operation to retake Mosul' (not 'the
        # road stretch protesting against ...': a participle of the crowd's own action)
    first = token
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head  # 'guns and mortars': the first conjunct carries the relation
    if first.dep_ == "pobj" and first.head.lower_ == "with" \
            and first.head.head.lower_ in ("armed", "equipped"):
        return True  # 'armed with machine guns and mortars'
    if event_type == "Violence against civilians" and token.pos_ in ("NOUN", "ADJ", "VERB") \
            and _under_rescue(token):
        return True
    if token.dep_ == "nsubjpass" and head.lower_ in _HANDLING_VERBS | {"discovered", "defused"}:
        return True  # 'two bombs were discovered and defused'
    if token.dep_ in ("dobj", "conj") and token.pos_ == "NOUN" \
            and event_type == "Explosions/Remote violence":
        verb = token.head
        while verb.dep_ == "conj" and verb.pos_ == "NOUN" and verb.head.i != verb.i:
            verb = verb.head
        if verb.lower_ in _HANDLING_VERBS:
            return True
    return False


def _under_rescue(token) -> bool:
    """'rescuing 16 of their hostages', 'the kidnapped girls were freed': the trigger names what
    a rescue acted on, so the first verb above it is a rescue."""
    if not token.lower_.startswith(("hostage", "kidnapped", "abducted", "captive")):
        return False
    if token.pos_ == "VERB" and token.dep_ not in ("amod", "acl"):
        return False  # 'gunmen kidnapped five': the abduction itself
    tok = token
    for _ in range(5):
        if tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            return tok.lower_.startswith(_RESCUE)
    return False


def is_generic_noun(token) -> bool:
    """'the battle for the city', 'this fight', 'its war': a struggle, not one clash."""
    if token is None or token.pos_ != "NOUN":
        return False
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in token.children)


def trigger_token(doc, start: int, end: int):
    """The syntactic head of the trigger span [start, end), or None without a Doc."""
    if doc is None:
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.root


def is_reported(token) -> bool:
    """False when the trigger is negated, hedged, conditional or future ('could attack',
    'plans to seize', 'warned that entering would', 'did not participate in the assault')."""
    if token is None:
        return True
    for child in token.children:
        if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ in ("no", "neither")):
            return False
    node, steps, edge = token, 0, None
    while steps < 6:
        for child in node.children:
            low = child.lower_
            if child.dep_ in ("aux", "auxpass") and (low in MODALS or low in _FUTURE_VERBS):
                return False
            if child.dep_ == "neg" and low in NEGATIONS and edge not in _CLAUSE_EDGES:
                return False
            if child.dep_ == "mark" and low in _CONDITIONAL:
                return False
            if low == "yet" and child.dep_ == "advmod":
                return False  # 'have yet to reach an agreement'
        if node.i != token.i:
            low = node.lower_
            # A hedging verb governs its complement ('plans to attack'), not an adjunct
            # ('feared dead following a clash', 'thwarted an attack and killed a fighter').
            if low in HEDGE_HEADS and node.pos_ in ("VERB", "ADJ", "AUX") and edge in _COMPLEMENT \
                    and not (low in _PURPOSE_PASSIVE and any(c.dep_ == "auxpass" for c in node.children)):
                return False
            if low in _HEDGE_NOUNS and node.pos_ == "NOUN":
                return False
            if low in _ALLEGED and edge in ("prep", "pobj", "pcomp", "xcomp", "ccomp"):
                return False  # 'a militia accused of killings', 'suspected of committing violence'
        if node.dep_ == "ROOT" or node.head.i == node.i or node.dep_ not in _CLIMB:
            break
        edge = node.dep_
        node = node.head
        steps += 1
    return True


def _phrase(tok) -> tuple[int, int]:
    """Character extent of a noun phrase headed by ``tok`` (its subtree, relative clauses cut)."""
    left, right = tok.idx, tok.idx + len(tok.text)
    for t in tok.subtree:
        if t.dep_ in ("relcl", "acl", "punct", "cc") and t.head.i == tok.i and t.i > tok.i:
            break
        left = min(left, t.idx)
        right = max(right, t.idx + len(t.text))
    return left, right


def _phrase_head(tok) -> tuple[int, int]:
    """The noun phrase left of and including ``tok`` (its modifiers, not what follows it)."""
    left = min([t.idx for t in tok.lefts] + [tok.idx])
    return left, tok.idx + len(tok.text)


def arguments(token) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """(agent, patient) character extents for a trigger token, each None when not found.

    Verbs: active subject or passive 'by' agent, then object, passive subject or the object of
    on/against/at. Nouns: 'by' phrase or a modifier ('Coalition airstrikes'), then on/against;
    a noun that is the object of a light verb ('launched an attack') takes that verb's subject.
    """
    if token is None:
        return None, None
    agent = patient = None
    verb = token
    if token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") \
            and token.head.pos_ in ("VERB", "AUX"):
        verb_kids = list(token.head.children)
        if token.dep_ == "dobj":
            agent = next((_phrase(c) for c in verb_kids if c.dep_ == "nsubj"), None)
        for child in token.children:
            if child.dep_ in ("compound", "amod", "poss", "nmod") and child.i < token.i \
                    and child.pos_ in ("PROPN", "NOUN", "ADJ"):
                agent = agent or _phrase(child)
    for child in verb.children:
        dep = child.dep_
        if dep == "nsubj" and agent is None and verb.pos_ in ("VERB", "AUX"):
            agent = _phrase(child)
        elif dep == "agent":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                agent = _phrase(obj)
        elif dep in ("dobj", "nsubjpass") and patient is None:
            patient = _phrase(child)
        elif dep == "prep" and child.lower_ in ("on", "against", "at", "upon", "into", "with"):
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and patient is None:
                patient = _phrase(obj)
        elif dep == "prep" and child.lower_ == "by" and agent is None:
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                agent = _phrase(obj)
        elif dep in ("compound", "amod", "poss", "nmod") and token.pos_ in ("NOUN", "PROPN") \
                and agent is None and child.i < token.i:
            agent = _phrase(child)
    if patient is None and token.dep_ in ("acl", "amod") and token.head.pos_ in ("NOUN", "PROPN"):
        patient = _phrase_head(token.head)  # '2 soldiers killed in Wau'
    if patient is None and token.dep_ == "pobj" and token.head.lower_ == "under":
        verb_head = token.head.head  # 'the convoy came under attack'
        patient = next((_phrase(c) for c in verb_head.children if c.dep_ == "nsubj"), None)
    if agent is None and token.dep_ in ("xcomp", "conj", "advcl") and token.head.pos_ == "VERB":
        agent = next((_phrase(c) for c in token.head.children if c.dep_ == "nsubj"), None)
    return agent, patient


_NOUN_MODS = frozenset("compound amod poss nmod nummod appos".split())
_UP = frozenset("pobj prep pcomp npadvmod nummod det amod compound quantmod advmod tmod nmod "
                "case appos conj cc".split())


def timex_applies(doc, start: int, end: int, trigger) -> bool:
    """True when the timex at [start, end) dates the trigger's clause, not some other noun:
    'June salaries', 'the 2011 coup', 'the August 3 elections' do not date a protest."""
    if doc is None or trigger is None:
        return True
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return True
    if span.start <= trigger.i < span.end:
        return True
    node = span.root
    steps = 0
    while steps < 6 and node.head.i != node.i:
        head = node.head
        if head.i == trigger.i:
            return True
        if head.pos_ in ("NOUN", "PROPN") and (node.dep_ in _NOUN_MODS or node.dep_ == "npadvmod"):
            # the timex modifies a noun; it dates the event only if that noun is the trigger
            # or the noun heads the trigger's own phrase
            return head.i == trigger.i or trigger.head.i == head.i and trigger.dep_ in _NOUN_MODS
        if head.pos_ in ("VERB", "AUX") and node.dep_ not in ("pobj",):
            break
        node = head
        steps += 1
    verb = node.head if node.head.pos_ in ("VERB", "AUX") else node
    if verb.i == trigger.i:
        return True
    anc = {t.i for t in trigger.ancestors}
    if verb.i in anc:
        return True
    # the timex's verb sits below the trigger: only a chained verb of the same event counts
    # ('clashed and killed two on Monday'), not a clause about something else ('to demand the
    # arrest of a man accused of murdering a youth in 2009')
    node, steps = verb, 0
    while steps < 4 and node.head.i != node.i and node.dep_ in ("conj", "xcomp"):
        node = node.head
        steps += 1
        if node.i == trigger.i:
            return True
    return False


_HARM_ROOTS = frozenset("died killed wounded injured shot dead succumbed hurt slain".split())


def sentence_victim(token) -> tuple[int, int] | None:
    """The subject of a sentence whose main verb is a death or injury ('A policeman died of
    wounds he sustained in an attack'): the victim of the attack the sentence mentions."""
    root = token.sent.root
    if root.lower_ not in _HARM_ROOTS:
        return None
    kids = list(root.children)
    # 'Gunmen killed three villagers': the object; 'A policeman died', 'two were killed': the subject
    victim = next((c for c in kids if c.dep_ == "dobj"), None) or \
        next((c for c in kids if c.dep_ == "nsubjpass"), None) or \
        (next((c for c in kids if c.dep_ == "nsubj"), None)
         if root.lower_ in ("died", "dead", "succumbed", "hurt") else None)
    return _phrase(victim) if victim is not None else None


# What a protest is about or follows: deaths told there are its cause, not its toll.
_CAUSE_PREPS = frozenset("against over after following for about demanding".split())
_CAUSE_MARKS = frozenset("after since because following".split())
_CAUSE_VERBS = frozenset("remember remembering mourn mourning condemn condemning demand "
                         "demanding protest protesting denounce denouncing commemorate "
                         "commemorating mark marking".split())


# 'held in Karachi for the victims', 'after the attack in Quetta': a place there may still be
# where the crowd gathered
_PLACE_CAUSE_PREPS = _CAUSE_PREPS - {"for", "after"}


def _opens_cause(node, preps, verb_deps=None) -> bool:
    """Whether ``node`` opens what a demonstration is about: a preposition of ``preps``
    ('against the blast'), a clause marked 'after'/'because', or a verb like 'condemning'
    (with a dependency among ``verb_deps`` when given)."""
    if node.dep_ == "prep":
        return node.lower_ in preps
    if any(c.dep_ == "mark" and c.lower_ in _CAUSE_MARKS for c in node.children):
        return True
    return node.lower_ in _CAUSE_VERBS and (verb_deps is None or node.dep_ in verb_deps)


def cause_spans(token, is_death) -> list[tuple[int, int]]:
    """Character extents of the clauses of a demonstration's sentence that tell why it was held
    ('against the blast that killed two', 'after a girl was killed', 'demanding justice for a
    youth killed by police'), for each death word ``is_death`` accepts that sits in one."""
    if token is None:
        return []
    verb = token
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    spans = []
    for tok in token.sent:
        if not is_death(tok.lower_) or tok.i == verb.i:
            continue
        node, cause = tok, None
        while node.i != verb.i and node.head.i != node.i:
            if node.dep_ in ("relcl", "acl") or _opens_cause(node, _CAUSE_PREPS):
                cause = node
            node = node.head
        if node.i != verb.i or cause is None:
            continue  # the death is not under the demonstration's clause: its own toll
        left = min(t.idx for t in cause.subtree)
        right = max(t.idx + len(t.text) for t in cause.subtree)
        spans.append((left, right))
    return spans


def cause_extents(token) -> list[tuple[int, int]]:
    """Character extents of what a demonstration is about ('protested in Karachi against the
    attack in Shikarpur', 'a rally condemning the killings in Quetta'): places there are not
    where it was held."""
    if token is None:
        return []
    heads = [token]
    if token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        heads.append(token.head)  # 'held a protest against X': the verb holds the 'against'
    spans = []
    for head in heads:
        for child in head.children:
            if _opens_cause(child, _PLACE_CAUSE_PREPS, ("advcl", "xcomp", "acl")):
                sub = list(child.subtree)
                spans.append((sub[0].idx, sub[-1].idx + len(sub[-1].text)))
    return spans


_DIE_VERBS = frozenset("died dies killed murdered slain assassinated beheaded lynched "
                       "succumbed".split())
_ONE_WORDS = frozenset("a an one another the his her this that".split())


def single_victim(doc, start: int, end: int) -> bool:
    """One victim told without a number: 'A truck helper, who suffered burns in an attack on his
    vehicle, died in hospital', 'the death of a passer-by'. The subject (or the 'of' object of
    a death noun) is a singular noun or he/she, with no number word of its own."""
    if doc is None:
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    for tok in span:
        victim = None
        if tok.tag_.startswith("VB") and tok.lower_ in _DIE_VERBS:
            if any(c.dep_ == "neg" for c in tok.children):
                continue
            subj = "nsubj" if tok.lower_ in ("died", "dies", "succumbed") else "nsubjpass"
            victim = next((c for c in tok.children if c.dep_ == subj), None)
        elif tok.pos_ == "NOUN" and tok.lower_ in ("death", "killing", "murder"):
            prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            victim = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep else None
        if victim is None or any(a.lower_ in _ALLEGED or a.lower_ in _CAUSE_PREPS
                                 or a.lower_ in _CAUSE_MARKS or a.lower_ in _CAUSE_VERBS
                                 for a in tok.ancestors):
            continue  # 'accused of ordering the murder of', 'following the death of'
        if victim.lower_ in ("he", "she"):
            return True
        if victim.tag_ in ("NN", "NNP") and not any(c.dep_ == "nummod" for c in victim.children) \
                and victim.lower_ not in ("police", "people", "army", "group", "mob", "crowd", "family"):
            return True
    return False
