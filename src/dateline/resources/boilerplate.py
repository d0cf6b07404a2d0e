"""What a line that is not the article looks like, and how a text names its own publisher.

Patterns come from the page furniture of English-language news sites (bylines, share and
tip lines, syndication notices, photo credits). Each rule names its reason so ``removed``
can be audited; keep rules general: a rule that only fits one outlet belongs nowhere.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

LINE_RULES: list[tuple[str, re.Pattern]] = [
    ("byline", re.compile(r"^\s*(?i:by|written by|story by|words by)\s+[A-Z][\w.'\-]+"
                          r"(?:\s+[A-Z][\w.'\-]+){0,3}(?:\s*(?:,|and|&)\s*[A-Z][\w.'\-]+"
                          r"(?:\s+[A-Z][\w.'\-]+){0,3})*\s*(?:[,|\-–—].{0,60})?$")),
    ("social", re.compile(r"^\s*(?:follow|find)\s+.{1,60}\s+on\s+(?:twitter|x|facebook|instagram|"
                          r"threads|bluesky|mastodon|linkedin|tiktok)\b.{0,80}$", _I)),
    ("tips", re.compile(r"^\s*(?:send|email|e-mail|submit)\s+(?:your\s+)?(?:news\s+)?tips?\b.{0,120}$",
                        _I)),
    ("contact", re.compile(r"^\s*(?:contact|email|e-mail|write to)\b.{0,80}"
                           r"(?:@|\[email[\s\u00a0]*protected\]).{0,40}$", _I)),
    ("republish", re.compile(r"(?:\brepublish(?:ed|ing)?\b.*\b(?:must|may|free|without charge|"
                             r"permission|guidelines)\b|\ball content (?:created|produced|published)"
                             r" by\b|\ball rights reserved\b|^\s*(?:©|\(c\)|copyright)\s)", _I)),
    ("credit", re.compile(r"^\s*(?:with files from|with (?:additional )?reporting (?:by|from)|"
                          r"additional reporting by|reporting by|writing by|editing by|edited by|"
                          r"compiled by)\s+.{1,100}$", _I)),
    ("credit", re.compile(r"^.{3,80}\s+contributed (?:to )?this (?:report|story|article)\.?\s*$", _I)),
    ("furniture", re.compile(r"^\s*(?:no featured image available|advertisement|story continues below"
                             r"(?: advertisement)?|click (?:here|to) .{0,60}|read more:?.{0,80}|"
                             r"sign up for .{0,80}|subscribe (?:to|now).{0,80}|share this"
                             r"(?: article| story)?:?|related:.{0,120}|image:.{0,120}|"
                             r"photo:.{0,120}|watch:.{0,120}|listen to this article.{0,40}|"
                             r"\(?(?:image|photo|video) (?:credit|source):.{0,100})\s*$", _I)),
]

# A photo credit closing a paragraph: "(Felipe Dana/Associated Press)",
# "Reuters/Social Media Website via Reuters TV", "Photo: John Doe/AFP/Getty Images".
_CREDIT_PAREN = re.compile(r"\((?:photo:\s*|photograph:\s*|credit:\s*)?[A-Z][^()]{1,60}"
                           r"(?:/|\bvia\b|\bfor\b)[^()]{1,60}\)\s*$")
_CREDIT_TAIL = re.compile(r"(?:^|[.!?]\s+)((?:[Pp]hoto:\s*|[Pp]hotograph:\s*)?[A-Z][\w.'&\- ]{1,50}"
                          r"(?:/[\w.'&\- ]{1,50})+(?:\s+via\s+[\w.'&\- ]{1,40})?"
                          r"|[A-Z][\w.'&\- ]{1,40}\s+via\s+[A-Z][\w.'&\- ]{1,40}"
                          r"|(?:AP|AFP|Reuters|Getty Images|EPA|Associated Press) Photo[\w.'&/\- ]{0,40})"
                          r"\s*$")
_AGENCY = re.compile(r"\b(?:Reuters|AFP|AP|Associated Press|Getty|EPA|Anadolu|Xinhua|"
                     r"Photo|Images|TV|Handout|Staff|Pool|Wire|News|Press)\b")

_SENT_END = re.compile(r"[.!?;,:]['\"\u2019\u201d)]*\s*$")


def line_reason(line: str) -> str | None:
    """Why this line is not article text, or None when it is."""
    text = line.strip(" \t\u00a0\u200b")
    for reason, pattern in LINE_RULES:
        if pattern.search(text):
            if reason == "republish" and len(text) > 600:
                continue  # a long paragraph that mentions copyright is still prose
            return reason
    if is_caption(text):
        return "caption"
    return None


def is_caption(text: str) -> bool:
    """A photo caption: ends in a credit naming a photographer or an agency."""
    if len(text) > 600:
        return False
    m = _CREDIT_PAREN.search(text)
    if m and ("/" in m.group(0) or _AGENCY.search(m.group(0))):
        return True
    m = _CREDIT_TAIL.search(text)
    return bool(m and _AGENCY.search(m.group(1)))


def looks_like_headline(line: str) -> bool:
    """A short line with no closing sentence punctuation: a title rather than a paragraph."""
    text = line.strip(" \t\u00a0")
    words = text.split()
    if not 2 <= len(words) <= 25 or len(text) > 200:
        return False
    if _SENT_END.search(text) or text[:1] in "•*-–—\"'“‘(" or line_reason(text):
        return False
    return text[:1].isupper() or text[:1].isdigit()


def is_section_label(line: str) -> bool:
    """'Foreign Affairs', 'World', 'Middle East': a one-to-three word rubric above the headline."""
    words = line.split()
    return 1 <= len(words) <= 3 and all(w[:1].isupper() or w in {"&", "and", "of"} for w in words) \
        and not _SENT_END.search(line)


_NOTICE_OUTLET = re.compile(r"\ball content (?:created|produced|published) by (?:the )?"
                            r"([A-Z][\w&.'\- ]{2,60}?)(?:,|\s+is\b|\s+are\b)", _I)
_COPYRIGHT_OUTLET = re.compile(r"(?:©|\(c\)|copyright)\s*(?:\d{4}\s*)?(?:the\s+)?"
                               r"([A-Z][\w&.'\- ]{2,60}?)(?:\.|,|$|\s+all rights)", _I)
_WIRE_DATELINE = re.compile(r"^[A-Z][A-Z .'\-]+,?(?: [A-Z][\w. ]+)?\s*\((AP|Reuters|AFP|UPI)\)\s*[_\-–—]")
_WIRE_NAMES = {"AP": "Associated Press", "Reuters": "Reuters", "AFP": "AFP", "UPI": "UPI"}
_TOLD = re.compile(r"\b(?:told|tells|telling|speaking to|spoke to|said to)\s+(?:the\s+)?"
                   r"([A-Z][A-Za-z]+(?:\s[A-Z][A-Za-z]+){0,2})\b")
_OWN_TEAM = re.compile(r"\b(?:an?|our)\s+([A-Z][A-Za-z]+(?:\s[A-Z][A-Za-z]+){0,2})\s+"
                       r"(?:team|crew|correspondent|reporter|producer)\b")

# Newsrooms that report in their own name ("told CNN", "a CNN team"); not a list of all
# outlets, only the ones a text can name as itself.
NEWSROOMS = {"CNN", "BBC", "NPR", "CBS News", "NBC News", "ABC News", "Al Jazeera", "Reuters",
             "AFP", "Associated Press", "The Associated Press", "Fox News", "CBC News", "Sky News",
             "The Guardian", "The New York Times", "The Washington Post", "VOA", "Rudaw",
             "Kurdistan24", "France 24", "Deutsche Welle", "DW", "The Times", "The Telegraph"}


def outlet_from_text(body: str, removed: list[str]) -> str | None:
    """The publisher a text names as itself, or None.

    A syndication or copyright notice names it outright; a wire dateline ('(AP) _') names
    the agency; otherwise a newsroom the text repeatedly reports to in its own name
    ('told CNN' three times, or 'a CNN team') is taken. One 'told the AP' is a citation.
    """
    for line in removed:
        for pattern in (_NOTICE_OUTLET, _COPYRIGHT_OUTLET):
            m = pattern.search(line)
            if m:
                return m.group(1).strip(" .,")
    m = _WIRE_DATELINE.search(body.lstrip()[:200])
    if m:
        return _WIRE_NAMES[m.group(1)]
    counts: dict[str, int] = {}
    for m in _TOLD.finditer(body):
        name = m.group(1)
        if name in NEWSROOMS:
            counts[name] = counts.get(name, 0) + 1
    for m in _OWN_TEAM.finditer(body):
        if m.group(1) in NEWSROOMS:
            counts[m.group(1)] = counts.get(m.group(1), 0) + 3
    best = sorted(counts.items(), key=lambda kv: -kv[1])
    if best and best[0][1] >= 3 and (len(best) == 1 or best[1][1] < best[0][1]):
        return best[0][0]
    return None
