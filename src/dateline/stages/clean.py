"""Stage clean: the article body, its title and outlet, and the lines that are not the article.

HTML goes through trafilatura (body, title, site name) and htmldate (publication date, kept
in ``meta`` for the published stage). Plain text keeps its wording and line breaks: lines
are only ever dropped whole, so the body reads like the input and offsets stay near it.
What is dropped (bylines, share/tip/republish notices, photo captions with credits,
repeated lead lines, section labels) goes to ``removed``.
"""

from __future__ import annotations

import re

from ..errors import NO_ARTICLE, TOO_LARGE, ExtractError
from ..resources import boilerplate as bp

MIN_HTML_WORDS = 8
# About 35,000 words: three times the longest article in our dev sets. The parser's time
# and memory grow with the body (a 700 KB dump took minutes and over 3 GB), so a longer
# body is refused as a dump rather than parsed.
MAX_BODY_CHARS = 200_000
_SURROGATE = re.compile("[\ud800-\udfff]")
# Ten or more of one punctuation mark or symbol in a row ('"' * 10000, rules of dashes):
# each mark is a token to the parser, so a run keeps three and the rest become spaces
# (one token however long), which keeps every later offset where it was in the input.
_MARK_RUN = re.compile(r"([^\w\s])\1{9,}")
# C1 control characters in text are cp1252 bytes a feed decoded as Latin-1 ("Benghazi\x92s"):
# each maps back to its one character (offsets unchanged), or the names beside them are lost.
_C1 = {b: bytes([b]).decode("cp1252", errors="ignore") for b in range(0x80, 0xA0)}
_C1_FIX = str.maketrans({chr(b): ch for b, ch in _C1.items() if ch})
# A no-break space saved as Mac Roman and read as Latin-1 is 'Ê' ("aÊprotestÊdemonstration");
# after a lower-case letter or a mark it can be nothing else (French writes that letter 'ê').
_MAC_NBSP = re.compile(r"(?<=[a-z,.;:])\u00ca(?=\S)")
_BLANK_RUNS = re.compile(r"\n[ \t\u00a0]*\n(?:[ \t\u00a0]*\n)+")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": "'", "\u201d": "'", '"': "'",
                         "\u00ab": "'", "\u00bb": "'", "`": "'"})


def run(article, resources) -> dict:
    title, outlet = article.title, article.outlet
    if article.html is not None and article.raw is None:
        text, html_title, html_outlet, html_date = _from_html(article)
        title = title or html_title
        outlet = outlet or html_outlet
        if html_date:
            article.meta["html_published"] = html_date
    else:
        text = article.raw or ""
    body, removed, found_title = clean_text(text, want_title=title is None)
    title = title or found_title
    if not body.strip():
        raise ExtractError(article.source or article.id or "<input>",
                           "no article text left after cleaning", NO_ARTICLE)
    if len(body) > MAX_BODY_CHARS:
        raise ExtractError(article.source or article.id or "<input>",
                           f"body has {len(body):,} characters after cleaning, over the "
                           f"{MAX_BODY_CHARS:,} of a news article (a dump?)", TOO_LARGE)
    outlet = outlet or bp.outlet_from_text(body, removed)
    return {"body": body, "removed": removed, "title": title, "outlet": outlet}


def clean_text(text: str, want_title: bool = True) -> tuple[str, list[str], str | None]:
    """Split ``text`` into (body, removed lines, headline or None)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    # A lone surrogate (from a JSON "\ud83d" escape) cannot be encoded, and spaCy encodes.
    text = _SURROGATE.sub("\ufffd", text)
    text = text.translate(_C1_FIX)
    text = _MAC_NBSP.sub(" ", text)
    text = _MARK_RUN.sub(_cut_run, text)
    lines = text.split("\n")
    keep = [True] * len(lines)
    removed: list[str] = []

    def drop(i: int) -> None:
        if keep[i]:
            keep[i] = False
            if lines[i].strip():
                removed.append(lines[i].strip())

    content = [i for i, line in enumerate(lines) if line.strip(" \t\u00a0\u200b")]
    for i, line in enumerate(lines):
        if not line.strip(" \t\u00a0\u200b"):
            keep[i] = False  # blank or whitespace-only: layout, not a removed line

    title = None
    if want_title and content:
        first = content[0]
        second = content[1] if len(content) > 1 else None
        if (second is not None and bp.is_section_label(lines[first])
                and bp.looks_like_headline(lines[second])):
            drop(first)
            title, keep[second] = lines[second].strip(), False
        elif second is not None and bp.looks_like_headline(lines[first]):
            title, keep[first] = lines[first].strip(), False

    captions = []
    for i in content:
        reason = bp.line_reason(lines[i]) if keep[i] else None
        if reason:
            drop(i)
            if reason == "caption":
                captions.append(i)
    if captions and not any(keep):
        # Nothing but captioned photos: the captions are the only report there is.
        for i in captions:
            keep[i] = True
            removed.remove(lines[i].strip())

    # A teaser or summary that repeats a later paragraph (often with other quote marks):
    # the later one is the article's own.
    seen: dict[str, int] = {}
    for i in reversed(content):
        if not keep[i]:
            continue
        key = _dup_key(lines[i])
        if len(key) < 40:
            continue
        if key in seen:
            drop(i)
        else:
            seen[key] = i
    if title:
        tkey = _dup_key(title)
        for i in content:
            if keep[i] and _dup_key(lines[i]) == tkey:
                drop(i)

    body = "\n".join(line if keep[i] else "" for i, line in enumerate(lines))
    body = _BLANK_RUNS.sub("\n\n", body).strip()
    return body, removed, title


def _cut_run(m: re.Match) -> str:
    return m.group(1) * 3 + " " * (len(m.group(0)) - 3)


def _dup_key(line: str) -> str:
    return " ".join(line.translate(_QUOTES).casefold().split())


def _from_html(article):
    import trafilatura
    from htmldate import find_date

    html = article.html
    doc = trafilatura.bare_extraction(html, url=article.url, include_comments=False,
                                      include_tables=False, favor_precision=True,
                                      with_metadata=True)
    # Fewer words than a sentence: navigation or a title, not an article.
    if doc is None or len((doc.text or "").split()) < MIN_HTML_WORDS:
        raise ExtractError(article.source or article.id or "<input>",
                           "HTML has no article text", NO_ARTICLE)
    try:
        date = find_date(html, url=article.url, original_date=True, extensive_search=False,
                         outputformat="%Y-%m-%d")
    except Exception:  # htmldate raises on odd markup; a missing date is not fatal
        date = None
    return doc.text, doc.title, doc.sitename, date
