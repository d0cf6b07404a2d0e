"""The web page and its JSON API over a store (``dateline serve``)."""

from .app import create_app

__all__ = ["create_app"]
