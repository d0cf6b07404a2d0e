"""Labels for the events stage: a candidate event and how context refines its ACLED type.

Who acted on whom decides between a battle and an attack on civilians, whether a clash was a
riot, whether a capture was the government's or a rebel group's (see the flags in
``resources/data/triggers.tsv``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

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
EXTRA_WEIGHT = 6  # a second trigger in a sentence makes its own event from this weight up
_INCENDIARY = re.compile(r"\b(?:crude|petrol|cocktail|molotov|fire[\s-]?bombs?|firebomb\w*|"
                         r"country[\s-]made)", re.I)
_VEHICLES = re.compile(r"\b(?:bus(?:es)?|trucks?|lorr(?:y|ies)|vehicles?|cars?|auto[\s-]?rickshaws?|"
                       r"rickshaws?|tempos?|motorcycles?|microbus\w*|pick-?ups?|covered vans?)\b",
                       re.I)
_ARMED_KINDS = frozenset({"military", "police", "armed", "unidentified"})
_STATE_KINDS = frozenset({"military", "police", "government"})
_CROWD_KINDS = frozenset({"crowd", "protesters", "rioters", "civilians"})


@dataclass
class Candidate:
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
    sites: int = 1  # locations or days the trigger's sentence spreads the event over
    one_day: bool = False  # its sentence names a single day ('5 killed on June 20')
    target: bool = False  # label follows the victim (triggers.tsv flag 'target')
    victim: str | None = None  # the victim's actor kind, when known
    a1: tuple | None = None  # (_ActorRef, kind) of who acted
    a2: tuple | None = None  # ... and of whom they acted on


def refine(cand: Candidate, trig, a1, a2, text: str, ctx, patient) -> None:
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
        label_by_victim(cand, k1, k2, trig.event_type)
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
        kinds = kinds_in(ctx, text)
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
    said = ctx.body[cand.start:cand.end]
    if cand.event_type == "Explosions/Remote violence" and _INCENDIARY.search(said) \
            and k1 not in ("armed", "military", "police"):
        # petrol, crude and 'cocktail' bombs thrown by pickets or party activists: rioting
        cand.event_type, cand.sub = "Riots", "Violent demonstration"
    if cand.sub == "Looting/property destruction" and (k1 in _CROWD_KINDS or
                                                       ctx.protest_article or
                                                       (k1 in (None, "unidentified") and
                                                        not ctx.armed_article and
                                                        _VEHICLES.search(text))):
        # arson by a crowd, or during a strike or blockade, is rioting
        cand.event_type, cand.minor = "Riots", False
        cand.sub = "Violent demonstration" if ctx.protest_article else "Mob violence"
    if cand.event_type == "Protests" and k1 in ("military", "armed") \
            and ctx.body[cand.start:cand.end].lower().startswith("march"):
        cand.event_type = None  # 'soldiers marched to the market and beat people': no protest
        return
    if cand.event_type == "Protests":
        if _PROTEST_DEATHS.search(text):
            cand.sub = "Excessive force against protesters"
        elif _INTERVENTION.search(text):
            cand.sub = "Protest with intervention"


def label_by_victim(cand: Candidate, k1, k2, default_type: str) -> None:
    """A killing or an attack is a battle when the victims are armed, else violence against
    civilians (a state force with no named victim attacked civilians)."""
    if k2 in _ARMED_KINDS and k1 not in _CROWD_KINDS:
        cand.event_type, cand.sub = "Battles", "Armed clash"
    elif k2 in ("civilians", "government", "protesters"):
        cand.event_type, cand.sub = "Violence against civilians", "Attack"


def kinds_in(ctx, text: str) -> set[str]:
    return ctx.lex.kinds_in(text)
