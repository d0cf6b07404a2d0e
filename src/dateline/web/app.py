"""The web page and JSON API over one store: ``create_app(db)`` builds the FastAPI app.

Every page has a JSON twin under ``/api`` built from the same ``views`` call. Reads use
read-only connections (one per worker thread); the only writer is the ingest worker.
Article text is untrusted: templates escape everything, a Content-Security-Policy forbids
inline scripts, hosts other than this machine's are refused (DNS rebinding), and a POST
from another site's page is refused (cross-site form posts).
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlparse

import jinja2
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.middleware.trustedhost import TrustedHostMiddleware

from .. import __version__
from ..pipeline import Resources
from ..store import Store, open_store
from . import render, views
from .jobs import IngestJobs

HERE = Path(__file__).resolve().parent
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")
TILE_HOST = "https://tile.openstreetmap.org"
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; "
       f"img-src 'self' data: {TILE_HOST}; connect-src 'self'; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}
CACHE_SIZE = 64  # grouped views kept per process (each a few hundred KB at most)
# Paths whose answers change without the store changing (job progress), or never cache.
_NO_ETAG = ("/api/ingest", "/ingest", "/static/")


class Limits:
    """Upload limits for the ingest form (bytes and counts)."""

    def __init__(self, max_file_bytes: int = 5 * 2**20, max_files: int = 20,
                 max_request_bytes: int = 25 * 2**20):
        self.max_file_bytes = max_file_bytes
        self.max_files = max_files
        self.max_request_bytes = max_request_bytes


class WebState:
    """What the routes share: the store path, read connections, templates, ingest jobs."""

    def __init__(self, db_path: str, resources: Resources | None, limits: Limits,
                 build_story: bool = True):
        self.db_path = db_path
        self.limits = limits
        self.jobs = IngestJobs(db_path, resources, build_story=build_story)
        self._local = threading.local()
        self._cache: OrderedDict = OrderedDict()
        self._cache_lock = threading.Lock()
        self.templates = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(HERE / "templates")), autoescape=True,
            undefined=jinja2.StrictUndefined if os.environ.get("DATELINE_STRICT_TEMPLATES")
            else jinja2.Undefined)
        self.templates.filters["num"] = render.fmt_number
        self.templates.filters["idq"] = render._quote
        self.templates.globals["evidence_href"] = render.evidence_href
        self.templates.globals["version"] = __version__

    def conn(self):
        """This thread's read-only connection (sqlite3 connections are not shared across threads)."""
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = Store(self.db_path, readonly=True)
        return store.conn

    def cached(self, key: tuple, compute: Callable[[], Any]) -> Any:
        """``compute()``, remembered until the store changes (for the grouped, costly views).

        Callers must not mutate what comes back: it is shared by later requests.
        """
        token = self.data_token()
        with self._cache_lock:
            hit = self._cache.get(key)
            if hit is not None and hit[0] == token:
                self._cache.move_to_end(key)
                return hit[1]
        value = compute()
        with self._cache_lock:
            self._cache[key] = (token, value)
            while len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
        return value

    def data_token(self) -> str:
        """Changes whenever the store does: size and time of the file and its write-ahead log."""
        parts = []
        for suffix in ("", "-wal"):
            try:
                st = os.stat(self.db_path + suffix)
                # A reader creates an empty log on open: no news, so no new ETag.
                parts.append(f"{st.st_mtime_ns}:{st.st_size}" if st.st_size else "-")
            except OSError:
                parts.append("-")
        return "|".join(parts)

    def page(self, request: Request, name: str, status: int = 200, **context) -> Response:
        """Render template ``name`` with ``context`` (escaped) as an HTML response."""
        html = self.templates.get_template(name).render(request_path=request.url.path, **context)
        return Response(html, status_code=status, media_type="text/html; charset=utf-8")


def create_app(db_path: str | os.PathLike = "dateline.db", *, resources: Resources | None = None,
               host: str = "127.0.0.1", limits: Limits | None = None,
               build_story: bool = True) -> FastAPI:
    """The FastAPI app serving the store at ``db_path`` (created and migrated if missing).

    ``host`` is the address the server binds to: requests naming any other host are
    refused unless it is a wildcard bind. ``resources`` lets a caller share loaded models
    with the ingest worker (tests do); otherwise they load on the first ingest. With
    ``build_story`` the story (``dateline.story``) is rebuilt in the background when it is
    missing or older than the articles, and after every ingest from the page.
    """
    db_path = str(db_path)
    open_store(db_path).close()  # create and migrate before any read-only connection opens
    state = WebState(db_path, resources, limits or Limits(), build_story)
    if build_story and views.story_stale(state.conn()):
        state.jobs.refresh_story()
    app = FastAPI(title="dateline", version=__version__,
                  description="A sourced record of a conflict, read from news articles: every "
                              "page of the site has a JSON twin here.",
                  docs_url=None, redoc_url=None, openapi_url="/openapi.json")
    app.state.web = state

    hosts = list(LOCAL_HOSTS) + ["testserver"]
    if host in ("0.0.0.0", "::", ""):
        hosts = ["*"]
    elif host not in hosts:
        hosts.append(host)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=hosts)

    @app.middleware("http")
    async def guard(request: Request, call_next):
        if request.method not in ("GET", "HEAD", "OPTIONS") and _cross_site(request):
            response: Response = JSONResponse({"detail": "cross-site request refused"}, 403)
            response.headers.update(SECURITY_HEADERS)
            return response
        etag = None
        path = request.url.path
        if request.method in ("GET", "HEAD") and not path.startswith(_NO_ETAG):
            key = f"{__version__}|{state.data_token()}|{path}?{request.url.query}"
            etag = 'W/"' + hashlib.sha1(key.encode("utf-8", "replace")).hexdigest()[:20] + '"'
            if etag in _etags(request.headers.get("if-none-match", "")):
                response = Response(status_code=304, headers={"ETag": etag,
                                                              "Cache-Control": "no-cache"})
                response.headers.update(SECURITY_HEADERS)
                return response
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        if path.startswith("/static/"):
            response.headers["Cache-Control"] = "public, max-age=3600"
        elif etag and response.status_code == 200:
            response.headers["ETag"] = etag
            response.headers["Cache-Control"] = "no-cache"  # revalidate: cheap with the ETag
        else:
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    from . import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    return app


def _etags(header: str) -> set[str]:
    return {t.strip() for t in header.split(",") if t.strip()}


def _cross_site(request: Request) -> bool:
    # Browsers send Sec-Fetch-Site; older ones send Origin on cross-origin POSTs.
    if request.headers.get("sec-fetch-site") == "cross-site":
        return True
    origin = request.headers.get("origin")
    if origin and origin != "null":
        return urlparse(origin).netloc.lower() != (request.headers.get("host") or "").lower()
    return origin == "null"
