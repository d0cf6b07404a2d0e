"""Fatality counts for the events stage, by ACLED's conservative rule.

The most conservative figure the text supports: ranges take their low end, 'dozens' is 12,
'tens' 10, 'hundreds' 100, vague plurals ('many', 'several') 10; 0 when the text says nobody
died; None when it says nothing. Counts sit next to a death word: before it ('Two people were
killed', 'At least 11 dead', 'hundreds of civilian deaths') or after it ('killing 40',
'killed six militants', 'left 3 dead').
"""

from __future__ import annotations

import re

_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "dozen": 12, "single": 1, "both": 2, "another": 1,
    "dozens": 12, "tens": 10, "hundreds": 100, "scores": 20, "thousands": 1000,
    "many": 10, "several": 10, "numerous": 10,
}
# A person-count word only counts as 'a'/'an' when a death word follows closely.
_WEAK = {"a", "an", "another", "single"}
_DEATH = re.compile(
    r"^(?:kill(?:ed|ing|s)?|dead|died|dies|die|deaths?|slain|massacred|executed|beheaded|"
    r"lynched|martyred|bodies|fatalities|succumbed|perished|lives|gunned|assassinat\w*|"
    r"murdered)$")
_PERSON = re.compile(
    r"^(?:m[ae]n|wom[ae]n|person|people|boy|girl|child|children|civilian|soldier|officer|"
    r"policem[ae]n|police|fighter|militant|student|farmer|trader|worker|villager|resident|member|"
    r"leader|official|youth|teen\w*|major|colonel|captain|commander|guard|driver|journalist|"
    r"activist|supporter|conscript|cadre|chief|chairman|councillor|teacher|doctor|businessman|"
    r"shopkeeper|rebel|insurgent|gunman|jawan|constable|trooper|sergeant|lieutenant|general|"
    r"elder|cleric|imam|priest|pilgrim|worshipper|refugee|prisoner|inmate|suspect|infant|baby|"
    r"cultivator|robber|thief|blogger|assailant|attacker|miscreant|picketer|blockader|"
    r"person|student|lawyer|engineer|contractor|rickshaw-puller|vendor|hawker|peacekeeper|"
    r"militiam[ae]n|fighter|policem[ae]n|photographer|reporter|official|chairman|judge|"
    r"magistrate|politician|lawmaker|legislator|mayor|governor|minister|pastor|monk|"
    r"schoolboy|schoolgirl|labou?rer|miner|herder|herdsman|fisherman|passenger|victim)s?$")
# Death words that name the death, not report it: 'the killing of', 'the boy's death'.
_DEATH_NOUNS = frozenset("killing killings death deaths murder murders bodies fatalities "
                         "lives assassination".split())
_DETERMINERS = frozenset("the this that his her their its".split())
_TOLL = re.compile(r"\b(?:death toll|toll)\b")
_STOP = frozenset(
    ". ; : wounded injured injuring wounding hurt while after when but since before because "
    "who which that arrested detained abducted kidnapped over against participated protest "
    "protested protesting rally condemning demanding".split())
_SKIP_AFTER = frozenset(
    "km kms kilometres kilometers kilometre kilometer miles metres meters % per percent years "
    "year-old hours hour days day minutes am pm a.m. p.m. o'clock rounds shells times goats "
    "cattle cows sheep camels livestock houses homes huts vehicles cars trucks buses shops "
    "bombs rockets mortars bullets villages months weeks guns rifles weapons items "
    "tonnes kg".split())
# Death words after which a count or a victim follows ('killing 40', 'shot dead a student').
_FORWARD = frozenset("killed killing kill kills left leaving massacred executed gunned dead "
                     "assassinated assassinate beheaded lynched murdered".split())
_PASSIVE = frozenset("was were is are been be has have had reportedly allegedly later "
                     "also".split())
_QUAL = frozenset("at least more than over about around nearly some up to only almost approximately "
                  "another further additional other".split())
_ZERO = re.compile(
    r"\b(?:no(?:body| one|-one)|none)\b[^.;]{0,25}\b(?:killed|died|dead|hurt|injured|harmed|wounded)\b|"
    r"\bno (?:\w+ )?(?:casualt\w+|deaths?|fatalit\w+|loss of (?:life|lives)|injur\w+|one was hurt)\b|"
    r"\bwithout (?:any )?(?:casualt\w+|bloodshed|injur\w+|loss of life)\b")
_CLAUSE_STOP = frozenset(". ; : who which that while when after but because since".split())
_UNKNOWN = re.compile(
    r"\b(?:killed|killing) an? (?:unknown|unspecified|undisclosed) number\b|"
    r"\b(?:heavy|many|several|numerous|multiple) (?:casualties|causalities|fatalities)\b|"
    r"\b(?:casualties|causalities|fatalities) of (?:an )?unknown number\b|"
    r"\b(?:casualties|causalities|deaths|fatalities) (?:of (?:an )?unknown number )?(?:were |was )?"
    r"reported(?! to)\b(?!,? (?:but )?(?:no|not))")
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*(?:\s*(?:-|to|–)\s*\d+)?|[\w'’]+(?:-[\w]+)*|[^\w\s]")
_RANGE = re.compile(r"^(\d+)\s*(?:-|to|–)\s*(\d+)$")


_BETWEEN = re.compile(r"\bbetween (\w+) and (\w+)\b", re.I)
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may(?! (?:have|be|not|also|still))|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DAYNUM = r"\d{1,2}(?:st|nd|rd|th)?"
# '17 and 21 June', 'June 24-26', 'Jun.19-20': days of a month, never a count of dead
_DATES = re.compile(rf"\b{_DAYNUM}(?:\s*(?:-|–|to|and|&|,)\s*{_DAYNUM})*\s+(?:of\s+)?{_MONTH}(?![\w])|"
                    rf"\b{_MONTH}\s*{_DAYNUM}(?:\s*(?:-|–|to|and|&|,)\s*{_DAYNUM})*\b", re.I)
_SUMMARY = re.compile(r"\bsummarily shot\b", re.I)
_STUTTER = re.compile(r"\b([Kk])il{3,}(?=ed|ing|s\b)")
# 'a number of soldiers were killed': a plural of unknown size, which ACLED codes as 10
_A_NUMBER = re.compile(r"\ban? (?:unknown |unspecified |undisclosed )?number of\b", re.I)


_GROUP_NOUNS = frozenset("forces troops personnel security militants fighters casualties "
                         "protesters demonstrators".split())


def _a_number(m: re.Match) -> str:
    """'a number of soldiers' is a vague plural of people (10); 'a number of kidnappings' is not."""
    after = m.string[m.end():m.end() + 40].split()
    if any(_PERSON.match(w.lower().strip(",.;:")) or w.lower() in _GROUP_NOUNS for w in after[:3]):
        return "several"
    return m.group(0)


def _as_range(m: re.Match) -> str:
    """'between 6 and 8' -> '6-8', so the range reads as one count (its low end)."""
    low, high = _number(m.group(1), False), _number(m.group(2), False)
    if low is None or high is None:
        return m.group(0)
    return f"{low}-{high}"


def _number(tok: str, allow_weak: bool) -> int | None:
    low = tok.lower()
    m = _RANGE.match(low)
    if m:
        return int(m.group(1))
    if low.replace(",", "").isdigit():
        value = int(low.replace(",", ""))
        return None if 1900 <= value <= 2100 or value > 100000 else value
    if low in _WORDS and (allow_weak or low not in _WEAK):
        return _WORDS[low]
    if "-" in low:  # 'twenty-five'
        parts = low.split("-")
        if all(p in _WORDS for p in parts):
            return sum(_WORDS[p] for p in parts)
    return None


def _person_follows(toks: list[str], j: int) -> bool:
    return any(_PERSON.match(t.lower()) for t in toks[j + 1:j + 4])


def _is_age_or_measure(toks: list[str], i: int) -> bool:
    nxt = toks[i + 1].lower() if i + 1 < len(toks) else ""
    prv = toks[i - 1].lower() if i > 0 else ""
    if prv == "," and nxt == ",":
        return True  # 'Md Islam, 45, was killed'
    if prv in ("/", ":", ".") or nxt in ("/", ":", "-"):
        return True  # dates and times: '26/06', '10:30'
    if prv in ("aged", "age") or nxt in _SKIP_AFTER:
        return True
    if prv in _DESIGNATORS and toks[i - 1][:1].isupper() and toks[i][:1].isdigit():
        return True  # 'Deraa Libya Camp 1', 'Brigade 302', 'Ward 15': a name
    return False


_DESIGNATORS = frozenset("camp no brigade battalion division unit sector zone block ward route "
                         "highway phase regiment squadron base station checkpoint gate district "
                         "area precinct kilometre km mile".split())
_MURDER_AUX = frozenset("was were been be is are being got brutally allegedly reportedly "
                        "later".split())


def _murder_told(toks: list[str], i: int) -> bool:
    """'was murdered', 'murdered a Dalit', 'murdered by': a report; not 'a murdered girl'."""
    prev = toks[i - 1].lower() if i > 0 else ""
    nxt = toks[i + 1] if i + 1 < len(toks) else ""
    return prev in _MURDER_AUX or nxt.lower() in ("by", "a", "an", "the", "his", "her", "two",
                                                  "three", "four", "five") \
        or nxt[:1].isupper() or nxt[:1].isdigit()


def is_death_word(word: str) -> bool:
    """A word that reports or names a death ('killed', 'died', 'deaths', 'lives')."""
    return bool(_DEATH.match(word.lower()))


def count_deaths(text: str) -> int | None:
    """The fatality count a sentence supports, 0 when it says nobody died, else None."""
    text = _BETWEEN.sub(_as_range, text)
    text = _STUTTER.sub(r"\1ill", text)  # 'killling 31': a typo, still a toll
    text = _SUMMARY.sub("executed", text)  # 'were summarily shot': put to death
    text = _DATES.sub(" DATE ", text)
    text = _A_NUMBER.sub(_a_number, text)
    low = text.lower()
    toks = _TOKEN.findall(text)
    found: list[int] = []
    at: list[int] = []  # where each count's death word is
    toll = bool(_TOLL.search(low))
    for i, tok in enumerate(toks):
        if not _DEATH.match(tok.lower()):
            continue
        if tok.lower() == "murdered" and not _murder_told(toks, i):
            continue  # 'a recently murdered farmer': a death told before, not this event's
        noun = tok.lower() in _DEATH_NOUNS
        if noun and i + 1 < len(toks) and toks[i + 1].lower() == "of":
            continue  # 'the killing of a member': one death, counted where it is told
        if any(t.lower() in _NOBODY for t in toks[max(0, i - 4):i]):
            continue  # 'no one was killed': the zero rule below answers
        if noun and i > 0 and (toks[i - 1].lower().endswith(("'s", "\u2019s"))
                               or toks[i - 1].lower() in _DETERMINERS):
            continue  # 'over a local boy's death', 'the killing': a death told elsewhere
        back = _scan_back(toks, i)
        if back is not None:
            found.append(back)
            at.append(i)
            continue
        fwd = _scan_forward(toks, i)
        if fwd is not None:
            found.append(fwd)
            at.append(i)
            continue
        if _single_victim_before(toks, i) or _singular_passive(toks, i):
            found.append(1)
            at.append(i)
    if found:
        if len(found) > 1 and _each_at_own_place(toks, at):
            return found[0]  # '2 killed in A and 2 killed in B': two events, this is the first
        return max(found) if toll else sum(found)
    bombers = _bombers_only(toks, low)
    if bombers is not None:
        return bombers
    if _ZERO.search(low):
        return 0
    if _UNKNOWN.search(low):
        return 10  # ACLED: deaths reported without a number count as 10
    return None


def _each_at_own_place(toks: list[str], at: list[int]) -> bool:
    """Every toll followed by its own named place ('2 killed and 4 injured in Katsiro and 2
    killed in the Bishusha area'): ACLED codes one event per place, each with its own toll."""
    names = []
    for n, i in enumerate(at):
        stop = at[n + 1] if n + 1 < len(at) else min(len(toks), i + 10)
        name = None
        for j in range(i + 1, stop):
            if toks[j].lower() in (".", ";"):
                break
            if toks[j].lower() in ("in", "at", "near"):
                k = j + 1 + (j + 1 < len(toks) and toks[j + 1].lower() == "the")
                if k < len(toks) and toks[k][:1].isupper():
                    name = toks[k]
                    break
        if name is None:
            return False
        names.append(name)
    return len(set(names)) == len(names)


_SELF_ONE = re.compile(r"\bblew (?:himself|herself) up\b")
_SELF_MANY = re.compile(r"\bblew themselves up\b|\bkill(?:ed|ing) (?:only )?themselves\b")


def _bombers_only(toks: list[str], low: str) -> int | None:
    """A bombing whose only dead are its bombers ('blew himself up', 'two suicide bombers ...
    killing only themselves'): ACLED counts them when no one else died."""
    if _SELF_ONE.search(low):
        return 1
    if not _SELF_MANY.search(low):
        return None
    for i, tok in enumerate(toks):
        if tok.lower() in ("bombers", "attackers", "militants"):
            for j in range(i - 1, max(-1, i - 5), -1):
                n = _number(toks[j], False)
                if n is not None:
                    return n
    return None


def _scan_back(toks: list[str], i: int) -> int | None:
    either = False
    passive = any(t.lower() in _PASSIVE for t in toks[max(0, i - 3):i])
    values = []  # (count, position, weak)
    j, steps, depth = i - 1, 0, 0
    while j >= 0 and steps < 12:
        low = toks[j].lower()
        # a bracketed aside ('soldiers from the Bunyan Masrous (Solid Structure) operations
        # room were killed') does not use up the window
        if low == ")":
            depth += 1
        elif low == "(" and depth:
            depth -= 1
        if depth or low in "()":
            j -= 1
            continue
        steps += 1
        if _DEATH.match(low) and low not in _DEATH_NOUNS:
            break  # 'Two were killed in Kabul and three died': the first count is the other's
        if low in _STOP or low == ",":
            if low == "," and j + 1 < i and _number(toks[j + 1], True) is not None:
                j -= 1
                continue  # 'Two officers, one civil servant and one resident were killed'
            break
        if low == "or":
            either = True
        weak_ok = ((i - j) <= 8 and _person_follows(toks, j)) or \
            (passive and any(_PERSON.match(t.lower()) for t in toks[j + 1:i]))
        n = _number(toks[j], allow_weak=weak_ok)
        if n is not None and not _is_age_or_measure(toks, j):
            # 'of' between a vague word and a noun ('hundreds of civilian deaths') is fine
            values.append((n, j, low in _WEAK))
        j -= 1
    if not values:
        return None
    strong = [pos for _, pos, weak in values if not weak]
    if strong:
        # 'Five policemen escorting a passenger bus were killed': an article inside the
        # victims' phrase is no count of its own unless listed with them ('a soldier and two
        # civilians')
        values = [v for v in values if not v[2] or any(
            t in ("and", ",", "or") for pos in strong
            for t in (x.lower() for x in toks[min(pos, v[1]) + 1:max(pos, v[1])]))]
    counts = [n for n, _, _ in values]
    return min(counts) if either else sum(counts)


def _single_victim_before(toks: list[str], i: int) -> bool:
    """'A Christian priest was killed', 'Farmer killed in Selea': one named or singular victim
    right before a passive death word."""
    passive = any(t.lower() in _PASSIVE for t in toks[max(0, i - 3):i])
    if not (passive or toks[i].lower() in ("died", "dead")):
        j = i - 1
        return j == 0 and _singular_person(toks[0])  # 'Farmer killed in Selea'
    for j in range(i - 1, max(-1, i - 11), -1):
        word = toks[j].lower()
        if _number(word, False) is not None or word in _CLAUSE_STOP:
            return False
        if _PERSON.match(word):
            return _singular_person(word)
    return False


_SINGULAR_AUX = frozenset("was has".split())
_BETWEEN_AUX = frozenset("shot found stabbed beaten hacked reportedly allegedly later been "
                         "brutally also".split())
_NOBODY = frozenset("no nobody none neither".split())


def _singular_passive(toks: list[str], i: int) -> bool:
    """'Shahbuddin, secretary of Shibir, was killed', 'A public prosecutor was found dead',
    'succumbed to his injuries', 'A biker died': one victim, though no count is written."""
    word = toks[i].lower()
    back = [t.lower() for t in toks[max(0, i - 8):i]]
    if any(t in _NOBODY for t in back):
        return False
    if word == "succumbed":
        return i + 3 < len(toks) and toks[i + 2].lower() in ("his", "her")
    if word in ("died", "dies") and back and back[-1] in ("he", "she"):
        return True  # 'He died the next day'
    j = i - 1
    if word == "death" and j >= 1 and toks[j].lower() == "to":
        j -= 2  # 'was hacked to death': the participle before 'to death'
    while j >= 1 and toks[j].lower() == "and" and toks[j - 1].lower().endswith("ed"):
        j -= 2  # 'was kidnapped and killed', 'was shot and killed'
    while j >= 0 and toks[j].lower() in _BETWEEN_AUX:
        j -= 1
    if j >= 0 and toks[j].lower() in _SINGULAR_AUX and word not in ("deaths", "bodies", "lives"):
        return True
    if word in ("died", "dies"):
        return any(t in ("a", "an", "one", "1") for t in back[-4:])
    return False


def _singular_person(word: str) -> bool:
    word = word.lower()
    return bool(_PERSON.match(word)) and not word.endswith("s") and word not in (
        "police", "people", "men", "women", "children", "militiamen", "policemen")


def _scan_forward(toks: list[str], i: int) -> int | None:
    word = toks[i].lower()
    if word not in _FORWARD:
        return None
    values = []
    for j in range(i + 1, min(len(toks), i + 6)):
        low = toks[j].lower()
        if low in _QUAL or low in ("down", "dead", '"', "\u201c", "'"):
            continue
        n = _number(toks[j], allow_weak=_person_follows(toks, j))
        if n is not None and not _is_age_or_measure(toks, j):
            if low in _WEAK:  # 'killed a soldier': one
                values.append(1)
                break
            values.append(n)
            if j + 2 < len(toks) and toks[j + 1].lower() == "and" \
                    and _number(toks[j + 2], False) is not None:
                values.append(_number(toks[j + 2], False))
            break
        if _PERSON.match(low) and not low.endswith("s") and low != "police":
            values.append(1)  # 'killed former separatist leader'
            break
        if low in ("the", "his", "her", "its") and j + 1 < len(toks) \
                and _PERSON.match(toks[j + 1].lower()) and not toks[j + 1].lower().endswith("s"):
            values.append(1)  # 'killed the driver'
            break
        if low in ("the", "his", "her", "their", "its", "him", "them", "in", "on", "by", "and",
                   ",", "."):
            break
    return sum(values) if values else None


# ACLED codes one event per location and day; a toll summed over several is divided evenly
# among them (the first event takes the remainder).
_SITE_NOUNS = r"(?:villages|towns|communities|localities|locations|areas|districts|settlements|hamlets|neighbou?rhoods|sites)"
_SITE_COUNT = re.compile(rf"\b(two|three|four|five|six|seven|eight|nine|ten|[2-9]) (?:different |separate |"
                         rf"neighbou?ring |nearby |other )?{_SITE_NOUNS}\b", re.I)
_NAME = r"[A-Z][\w'’\-]+(?: [A-Z][\w'’\-]+){0,2}"
# a list of names marked as separate sites by a plural noun: 'the villages of A, B and C',
# 'A and B districts' (a bare list may name parts of one place)
_LIST = rf"({_NAME}(?:,\s*{_NAME})*,?\s+(?:and|as well as|&)\s+{_NAME})"
_SITE_LIST = re.compile(rf"\b{_SITE_NOUNS} of\s+{_LIST}|"
                        rf"\b(?:in|at|near|around|across|of)\s+(?:the\s+)?{_LIST}\s+{_SITE_NOUNS}\b")
_DAY_RANGE = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s*(?:-|–|to)\s*(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}(?![\w])|"
                        rf"\b{_MONTH}\s*(\d{{1,2}})\s*(?:-|–|to)\s*(\d{{1,2}})\b", re.I)
_DAY_COUNT = re.compile(r"\bover (two|three|four|five|six|seven|[2-7]) (?:consecutive )?days\b|"
                        r"\b(?:over|in|at|during) the (weekend)\b", re.I)


def event_sites(text: str, is_actor=None) -> int:
    """How many locations or days a sentence spreads its event over: 'the villages of A, B and
    C' (3), 'two communities' (2), 'over 24-26 June' (3); 1 when it names one."""
    sites = 1
    m = _SITE_COUNT.search(text)
    if m:
        sites = _number(m.group(1), False) or 1
    for m in _SITE_LIST.finditer(text):
        names = re.split(r",\s*|\s+(?:and|as well as|&)\s+", m.group(1) or m.group(2))
        names = [n for n in names if n.strip()]
        if any(n.isupper() or (is_actor is not None and is_actor(n)) for n in names):
            continue  # 'FDLR and FARDC': actors, not places
        sites = max(sites, len(names))
    if sites > 1:
        return min(sites, 10)
    days = 1
    for m in _DAY_RANGE.finditer(text):
        a, b = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        if a and b and 0 < int(b) - int(a) < 7:
            days = max(days, int(b) - int(a) + 1)
    m = _DAY_COUNT.search(text)
    if m:
        days = max(days, 2 if m.group(2) else _number(m.group(1), False) or 1)
    return days


def share_of(total: int | None, parts: int) -> int | None:
    """One event's share of a toll summed over ``parts`` events (rounded up)."""
    if total is None or parts <= 1:
        return total
    return -(-total // parts)
