"""The JSON API: one endpoint per kind of record, paged, each the twin of a page.

Lists answer ``{"total", "limit", "offset", "next", "prev", "rows"}``; ``limit`` is capped
at 500. Nothing here takes a file path: articles are looked up by id in the store.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from typing import Literal, Optional

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException

from ..pipeline import Options
from ..store import browse
from . import views
from .jobs import pasted_line, sniff, upload_kind

router = APIRouter(prefix="/api", tags=["api"])

LIMIT = Query(50, ge=1, le=500, description="Rows per page (at most 500).")
OFFSET = Query(0, ge=0, le=10_000_000, description="Rows to skip.")
DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
SortKey = Literal["date", "type", "sub_type", "actor", "place", "country", "fatalities", "outlet",
                  "published"]
_JOB_ID = re.compile(r"^[0-9a-f]{12}$")


def _state(request: Request):
    return request.app.state.web


def _event_query(date_from, date_to, event_type, actor, place, outlet, article, background,
                 sort, order, limit, offset) -> browse.EventQuery:
    return browse.EventQuery(date_from=date_from or None, date_to=date_to or None,
                             event_type=event_type or None, actor=actor or None,
                             place=place or None, outlet=outlet or None, article=article or None,
                             background=background, sort=sort, descending=order == "desc",
                             limit=limit, offset=offset)


def events_payload(request: Request, q: browse.EventQuery, params: dict) -> dict:
    """The events page's data (shared with ``/events``)."""
    page = browse.events_page(_state(request).conn(), q)
    return {**views.page_envelope(page, q.limit, q.offset, "/api/events", params),
            "filters": {k: v for k, v in params.items() if k not in ("limit", "offset")}}


@router.get("/story", summary="The story page's data: counts, timeline, map, series, conflicts")
def api_story(request: Request):
    return _json(story_data(request))


def story_data(request: Request) -> dict:
    """The story page's data (shared with ``/``), cached until the store changes."""
    state = _state(request)
    data = state.cached(("story",), lambda: views.story(state.conn()))
    if state.jobs.build_story and data.get("story_stale"):
        state.jobs.refresh_story()  # articles came in from elsewhere (a CLI ingest)
    return data


@router.get("/articles", summary="Stored articles, newest first")
def api_articles(request: Request, outlet: Optional[str] = Query(None, max_length=300),
                 limit: int = LIMIT, offset: int = OFFSET):
    page = browse.articles_page(_state(request).conn(), limit, offset, outlet)
    return _json(views.page_envelope(page, limit, offset, "/api/articles", {"outlet": outlet}))


@router.get("/articles/{article_id:path}", summary="One article's SPEC record")
def api_article(request: Request, article_id: str):
    rec = views.article(_state(request).conn(), article_id)
    if rec is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    return _json(rec)


@router.get("/events", summary="Events, filtered, sorted and paged")
def api_events(request: Request,
               date_from: Optional[str] = Query(None, pattern=DATE, description="YYYY[-MM[-DD]]"),
               date_to: Optional[str] = Query(None, pattern=DATE, description="YYYY[-MM[-DD]]"),
               type: Optional[str] = Query(None, max_length=100, description="ACLED event_type"),
               actor: Optional[str] = Query(None, max_length=200),
               place: Optional[str] = Query(None, max_length=200),
               outlet: Optional[str] = Query(None, max_length=300),
               article: Optional[str] = Query(None, max_length=300),
               background: Optional[bool] = Query(None, description="true: history only; "
                                                  "false: reported news only"),
               sort: SortKey = "date", order: Literal["asc", "desc"] = "asc",
               limit: int = LIMIT, offset: int = OFFSET):
    params = {"date_from": date_from, "date_to": date_to, "type": type, "actor": actor,
              "place": place, "outlet": outlet, "article": article, "background": background,
              "sort": sort, "order": order}
    q = _event_query(date_from, date_to, type, actor, place, outlet, article, background, sort,
                     order, limit, offset)
    return _json(events_payload(request, q, params))


@router.get("/facets", summary="What the event filters can choose from")
def api_facets(request: Request):
    return _json(facets(request))


def facets(request: Request) -> dict:
    state = _state(request)
    return state.cached(("facets",), lambda: browse.event_facets(state.conn()))


@router.get("/entities", summary="Entities grouped by canonical name")
def api_entities(request: Request,
                 label: Optional[Literal["PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"]] = None,
                 q: Optional[str] = Query(None, max_length=200), limit: int = LIMIT,
                 offset: int = OFFSET):
    state = _state(request)
    page = state.cached(("entities", label, q, limit, offset),
                        lambda: views.entities(state.conn(), label, q, limit, offset))
    envelope = views.page_envelope(page, limit, offset, "/api/entities", {"label": label, "q": q})
    return _json({**envelope, "from": page["from"]})


@router.get("/places", summary="Places grouped by name, with coordinates")
def api_places(request: Request, q: Optional[str] = Query(None, max_length=200),
               country: Optional[str] = Query(None, pattern=r"^[A-Za-z]{2}$"),
               limit: int = LIMIT, offset: int = OFFSET):
    state = _state(request)
    page = state.cached(("places", q, country, limit, offset),
                        lambda: browse.places_page(state.conn(), q, country, limit, offset))
    return _json(views.page_envelope(page, limit, offset, "/api/places",
                                     {"q": q, "country": country}))


@router.get("/figures", summary="Figure mentions in date order")
def api_figures(request: Request, unit: Optional[str] = Query(None, max_length=200),
                article: Optional[str] = Query(None, max_length=300),
                limit: int = LIMIT, offset: int = OFFSET):
    page = browse.figures_page(_state(request).conn(), unit, article, limit, offset)
    return _json(views.page_envelope(page, limit, offset, "/api/figures",
                                     {"unit": unit, "article": article}))


@router.get("/series", summary="Tracked figures over time (the story page's charts)")
def api_series(request: Request):
    state = _state(request)
    return _json({"rows": state.cached(("series",), lambda: views.figure_series(state.conn()))})


@router.get("/quotes", summary="Quotes with their speakers")
def api_quotes(request: Request, speaker: Optional[str] = Query(None, max_length=200),
               article: Optional[str] = Query(None, max_length=300),
               limit: int = LIMIT, offset: int = OFFSET):
    page = browse.quotes_page(_state(request).conn(), speaker, article, limit, offset)
    return _json(views.page_envelope(page, limit, offset, "/api/quotes",
                                     {"speaker": speaker, "article": article}))


@router.get("/timeline", summary="Timeline entries in date order (SPEC entries)")
def api_timeline(request: Request, limit: int = LIMIT, offset: int = OFFSET):
    state = _state(request)
    page = state.cached(("timeline", limit, offset),
                        lambda: views.timeline(state.conn(), limit=limit, offset=offset))
    envelope = views.page_envelope(page, limit, offset, "/api/timeline", {})
    return _json({**envelope, "from": page["from"]})


@router.get("/conflicts", summary="Figures that disagree, with every claim and its sentence")
def api_conflicts(request: Request, limit: int = Query(20, ge=1, le=200)):
    state = _state(request)
    return _json({"rows": state.cached(("conflicts", limit),
                                       lambda: views.conflicts(state.conn(), limit=limit))})


@router.get("/search", summary="Full-text search of titles and bodies (SQLite FTS5)")
def api_search(request: Request, q: str = Query(..., min_length=1, max_length=500),
               limit: int = Query(20, ge=1, le=100), offset: int = OFFSET):
    page = browse.search_articles(_state(request).conn(), q, limit, offset)
    for row in page["rows"]:
        row["snippet"] = strip_marks(row["snippet"])
    return _json(views.page_envelope(page, limit, offset, "/api/search", {"q": q}))


def _json(data) -> JSONResponse:
    # Plain dicts straight to json.dumps: FastAPI's encoder walks every value first, which
    # costs more than the query on a big page.
    return JSONResponse(data)


def strip_marks(snippet: str | None) -> str:
    return (snippet or "").replace(browse.HIT_OPEN, "").replace(browse.HIT_CLOSE, "")


# ----------------------------------------------------------------------------------- ingest


@router.post("/ingest", status_code=202,
             summary="Ingest uploaded files (field 'files') and/or pasted text (field 'text')")
async def api_ingest(request: Request):
    status, payload = await accept_ingest(request)
    return JSONResponse(payload, status_code=status)


@router.get("/ingest/{job_id}", summary="An ingest job's progress and per-file errors")
def api_job(request: Request, job_id: str):
    job = _state(request).jobs.get(job_id) if _JOB_ID.match(job_id) else None
    if job is None:
        raise HTTPException(404, "no such ingest job")
    return _json(job)


async def accept_ingest(request: Request) -> tuple[int, dict]:
    """Check and save an ingest form's files and text, queue the job; (status, payload).

    Refused outright (4xx) when the request is too big or nothing in it can be read;
    otherwise 202 with the job, which lists files refused here among its errors.
    """
    state = _state(request)
    limits = state.limits
    size = request.headers.get("content-length")
    if size is None:
        return 411, {"detail": "a Content-Length header is required for uploads"}
    if not size.isdigit() or int(size) > limits.max_request_bytes:
        return 413, {"detail": f"the upload is over the {limits.max_request_bytes // 2**20} MiB "
                               "limit for one request"}
    try:
        form = await request.form(max_files=limits.max_files, max_fields=16,
                                  max_part_size=limits.max_file_bytes + 1)
    except MultiPartException as exc:
        return 413 if "size" in str(exc).lower() else 400, {"detail": str(exc)}
    except Exception as exc:  # a malformed body must be a 400, never a crash
        return 400, {"detail": f"could not read the form: {type(exc).__name__}"}
    try:
        published = _form_text(form, "published").strip() or None
        if published:
            try:
                published = dt.date.fromisoformat(published).isoformat()
            except ValueError:
                return 400, {"detail": f"published must be YYYY-MM-DD, not {published[:40]!r}"}
        folder = state.jobs.new_folder()
        names: dict[str, str] = {}
        errors: list[dict] = []
        for n, upload in enumerate(form.getlist("files")):
            if not isinstance(upload, UploadFile) or not (upload.filename or upload.size):
                continue
            shown = (upload.filename or f"file {n + 1}")[-200:]
            kind = upload_kind(upload.filename or "")
            if kind is None:
                errors.append({"file": shown, "code": "E109",
                               "reason": "not a .txt, .html or .jsonl file"})
                continue
            data = await upload.read(limits.max_file_bytes + 1)
            if len(data) > limits.max_file_bytes:
                errors.append({"file": shown, "code": "E104", "reason":
                               f"over the {limits.max_file_bytes / 2**20:g} MiB limit for one file"})
                continue
            why = sniff(kind, data[:8192])
            if why:
                errors.append({"file": shown, "code": "E102" if "binary" in why else "E101",
                               "reason": why})
                continue
            saved = f"upload-{n:03d}." + kind
            (folder / saved).write_bytes(data)
            names[saved] = shown
        text = _form_text(form, "text")
        if text.strip():
            if len(text.encode("utf-8", "replace")) > limits.max_file_bytes:
                errors.append({"file": "pasted text", "code": "E104", "reason":
                               f"over the {limits.max_file_bytes / 2**20:g} MiB limit"})
            else:
                line = pasted_line(text, _form_text(form, "title").strip()[:2000] or None,
                                   published, _form_text(form, "outlet").strip()[:2000] or None)
                (folder / "pasted.jsonl").write_bytes(line)
                names["pasted.jsonl"] = "pasted text"
    finally:
        await form.close()
    if not names:
        shutil.rmtree(folder, ignore_errors=True)
        detail = "nothing to ingest: choose files or paste text" if not errors else \
            "no file could be read"
        return 400, {"detail": detail, "errors": errors}
    job = state.jobs.submit(folder, names, errors, Options(default_published=published))
    info = job.to_dict()
    return 202, {**info, "url": f"/api/ingest/{job.id}", "page": f"/ingest/{job.id}"}


def _form_text(form, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""
