"""Place-name normalization shared by the gazetteer build and the places stage.

One function decides what counts as "the same name", so the index and the lookups can
never disagree: ``name_key`` folds case, diacritics, apostrophes, hyphens and the usual
abbreviations (St./Ft./Mt.); ``article_free`` drops a leading Arabic article (al-, el-,
ad-, as-, ash-...), so 'al-Anbar', 'Al Anbar' and 'Anbar' meet; ``loose_key`` is a coarse
transliteration skeleton ('Qayyarah' ~ 'Qayara', 'Fallujah' ~ 'Falluja') used only as a
fallback inside the article's own countries.
"""

from __future__ import annotations

import re
import unicodedata

# Letters NFKD does not decompose into ASCII.
_SPECIAL = str.maketrans({
    "ł": "l", "Ł": "l", "ı": "i", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ð": "d", "þ": "th",
    "ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ħ": "h", "ŧ": "t", "ŋ": "ng",
    "ə": "a", "Ə": "a", "ʻ": "", "ʼ": "", "ʿ": "", "ʾ": "", "’": "", "‘": "", "'": "", "`": "",
    "´": "", "ʹ": "", "′": "", "\u00ad": "",
})
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015_/.,()\[\]\"&+:;!?]+")
_ABBREV = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount", "mtn": "mountain",
           "twp": "township", "co": "county"}
_ARTICLES = frozenset("al el ad ed as es ar er an en at et az ez ash esh adh ath ul ud".split())
_VOWELS_ONLY = re.compile(r"[aeiou]+")
_DOUBLES = re.compile(r"(.)\1+")


def fold(text: str) -> str:
    """Lowercase ASCII-ish form: diacritics, apostrophes and special letters folded."""
    text = text.translate(_SPECIAL)
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
        text = text.translate(_SPECIAL)
    return text.lower()


def name_key(text: str) -> str:
    """The index key of a place name: folded, separators to single spaces, abbreviations expanded."""
    words = [w for w in _SEPARATORS.split(fold(text)) if w]
    last = len(words) - 1  # 'St. Paul' is Saint Paul, 'Main St.' stays a street
    return " ".join(_ABBREV.get(w, w) if i < last or last == 0 else w for i, w in enumerate(words))


def article_free(key: str) -> str:
    """``key`` without a leading Arabic article ('al anbar' -> 'anbar'); '' when there is none."""
    head, _, rest = key.partition(" ")
    if head in _ARTICLES and rest:
        return rest
    return ""


def glued(key: str) -> str:
    """``key`` with a leading Arabic article joined to the next word ('el wak' -> 'elwak'), or ''.

    Somali and Arabic names are written both ways ('El Wak' / 'Elwak', 'Al Arish' / 'Alarish').
    """
    head, _, rest = key.partition(" ")
    if head in _ARTICLES and len(rest) >= 3:
        return head + rest
    return ""


def loose_key(key: str) -> str:
    """A transliteration skeleton of a key, or '' for names too short to trust.

    Articles anywhere in the name, doubled letters and a final -h go; every vowel run
    becomes 'a' and common spelling pairs merge, so spellings of one Arabic, Persian or
    Pashto name usually meet ('Qayyarah' ~ 'Qayara', 'Hamam al-Alil' ~ 'Hammam al Alil').
    """
    words = [w for w in key.split(" ") if w not in _ARTICLES]
    s = "".join(words)
    if len(s) < 5:
        return ""
    s = s.replace("q", "k").replace("dh", "d").replace("kh", "k").replace("gh", "g")
    s = s.replace("th", "t").replace("sh", "s").replace("ph", "f").replace("w", "u").replace("j", "y")
    if s.endswith("h") and len(s) > 2 and s[-2] in "aeiou":
        s = s[:-1]
    s = _DOUBLES.sub(r"\1", s)
    return _VOWELS_ONLY.sub("a", s)
