"""Publication date inferred from the text alone (not written yet: abstains)."""

from __future__ import annotations


def infer_published(body: str, title: str | None = None) -> str | None:
    return None
