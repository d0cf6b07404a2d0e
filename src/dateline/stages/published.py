"""Stage published: the publication date and which source won (given > metadata > inferred).

Inference from the text lives in ``resources.dateinfer``: it claims a day, a month or a
year only as precisely as the text's own evidence allows, and None otherwise.
"""

from __future__ import annotations

import re

from ..resources import dateinfer

_ISO = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def run(article, resources) -> dict:
    given = _iso(article.published)
    if given:
        return {"published": given, "published_source": "given"}
    meta = _iso(article.meta.get("html_published"))
    if meta:
        return {"published": meta, "published_source": "metadata"}
    default = _iso(article.meta.get("default_published"))
    if default:
        return {"published": default, "published_source": "given"}
    inferred = dateinfer.infer_published(article.body, article.title)
    if inferred:
        return {"published": inferred, "published_source": "inferred"}
    return {"published": None, "published_source": None}


def _iso(value) -> str | None:
    """An ISO date (or year-month, or year) from a metadata value, else None."""
    if not value:
        return None
    text = str(value).strip()[:10]
    if _ISO.match(text):
        return text
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})[T ]", str(value).strip())
    return "-".join(m.groups()) if m else None
