"""The HTML pages. Each calls the same view as its JSON twin and renders it with a template."""

from __future__ import annotations

from typing import Literal, Optional
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse

from ..store import browse
from . import render, views
from .api import (DATE, LIMIT, OFFSET, SortKey, _event_query, _JOB_ID, accept_ingest,
                  events_payload, facets, story_data)

router = APIRouter(include_in_schema=False)

EVENT_COLUMNS = (("date", "Date"), ("type", "Type"), ("actor", "Actors"), ("place", "Place"),
                 ("fatalities", "Fatalities"), ("outlet", "Outlet"))


def _state(request: Request):
    return request.app.state.web


@router.get("/")
def story_page(request: Request):
    state = _state(request)
    data = story_data(request)
    charts = [{"series": s, "chart": render.chart_view(s)} for s in data["series"]]
    return state.page(request, "story.html", data=data, map=render.map_view(data["map"]),
                      charts=[c for c in charts if c["chart"]], json_href="/api/story")


@router.get("/events")
def events_page(request: Request,
                date_from: Optional[str] = Query(None, pattern=DATE + "|^$"),
                date_to: Optional[str] = Query(None, pattern=DATE + "|^$"),
                type: Optional[str] = Query(None, max_length=100),
                actor: Optional[str] = Query(None, max_length=200),
                place: Optional[str] = Query(None, max_length=200),
                outlet: Optional[str] = Query(None, max_length=300),
                article: Optional[str] = Query(None, max_length=300),
                background: Optional[Literal["", "true", "false"]] = None,
                sort: SortKey = "date", order: Literal["asc", "desc"] = "asc",
                limit: int = LIMIT, offset: int = OFFSET):
    bg = {"true": True, "false": False}.get(background or "")
    params = {"date_from": date_from, "date_to": date_to, "type": type, "actor": actor,
              "place": place, "outlet": outlet, "article": article,
              "background": background or None, "sort": sort, "order": order}
    q = _event_query(date_from, date_to, type, actor, place, outlet, article, bg, sort, order,
                     limit, offset)
    data = events_payload(request, q, params)
    kept = {k: v for k, v in params.items() if v not in (None, "") and k not in ("sort", "order")}

    def sort_href(key: str) -> str:
        flip = "desc" if sort == key and order == "asc" else "asc"
        return "/events?" + urlencode({**kept, "sort": key, "order": flip})

    json_q = urlencode({k: v for k, v in {**params, "limit": limit, "offset": offset}.items()
                        if v not in (None, "")})
    return _state(request).page(
        request, "events.html", data=data, params=params, columns=EVENT_COLUMNS,
        sort_href=sort_href, facets=facets(request),
        html_link=lambda url: url.replace("/api/events", "/events", 1) if url else None,
        json_href="/api/events?" + json_q)


@router.get("/articles")
def articles_page(request: Request, outlet: Optional[str] = Query(None, max_length=300),
                  limit: int = LIMIT, offset: int = OFFSET):
    page = browse.articles_page(_state(request).conn(), limit, offset, outlet)
    data = views.page_envelope(page, limit, offset, "/articles", {"outlet": outlet})
    return _state(request).page(request, "articles.html", data=data,
                                json_href=f"/api/articles?{urlencode({'limit': limit, 'offset': offset})}")


@router.get("/articles/{article_id:path}")
def article_page(request: Request, article_id: str, event: Optional[int] = Query(None, ge=0),
                 start: Optional[int] = Query(None, ge=0), end: Optional[int] = Query(None, ge=0)):
    state = _state(request)
    rec = views.article(state.conn(), article_id)
    if rec is None:
        return state.page(request, "error.html", status=404, title="No such article",
                          message=f"No article with id {article_id!r} is in this store.",
                          json_href=None)
    spans = render.item_spans(rec)
    target = None
    events = rec.get("events") or []
    if event is not None and event < len(events):
        ev = events[event].get("evidence") or {}
        target = (ev.get("start"), ev.get("end"), f"event-{event}")
    elif start is not None and end is not None:
        target = (start, end, _event_at(events, start, end))
    if target and isinstance(target[0], int) and isinstance(target[1], int) \
            and 0 <= target[0] < target[1] <= len(rec["body"]):
        spans.append(("hl", "target", target[0], target[1]))
    else:
        target = None
    counts = {name: len(rec.get(name) or []) for name in
              ("events", "quotes", "figures", "timexes", "places", "entities")}
    return state.page(request, "article.html", rec=rec, segments=render.segments(rec["body"], spans),
                      counts=counts, target=target,
                      json_href=f"/api/articles/{render._quote(article_id)}")


def _event_at(events: list[dict], start: int, end: int) -> str | None:
    """The event whose evidence overlaps ``start:end`` most (a timeline source is a span)."""
    best, best_overlap = None, 0
    for i, ev in enumerate(events):
        evd = ev.get("evidence") or {}
        if isinstance(evd.get("start"), int) and isinstance(evd.get("end"), int):
            overlap = min(end, evd["end"]) - max(start, evd["start"])
            if overlap > best_overlap:
                best, best_overlap = f"event-{i}", overlap
    return best


@router.get("/search")
def search_page(request: Request, q: str = Query("", max_length=500),
                limit: int = Query(20, ge=1, le=100), offset: int = OFFSET):
    state = _state(request)
    data = None
    if q.strip():
        page = browse.search_articles(state.conn(), q, limit, offset)
        for row in page["rows"]:
            row["parts"] = _marked(row["snippet"] or "")
        data = views.page_envelope(page, limit, offset, "/search", {"q": q})
    return state.page(request, "search.html", q=q, data=data,
                      json_href=("/api/search?" + urlencode({"q": q})) if q.strip() else None)


def _marked(snippet: str) -> list[tuple[str, bool]]:
    """Split a snippet at the hit marks into (text, is_hit) pieces for the template to escape."""
    parts, hit = [], False
    for chunk in snippet.replace(browse.HIT_CLOSE, browse.HIT_OPEN).split(browse.HIT_OPEN):
        if chunk:
            parts.append((chunk, hit))
        hit = not hit
    return parts


@router.get("/ingest")
def ingest_page(request: Request):
    state = _state(request)
    return state.page(request, "ingest.html", jobs=state.jobs.recent(), limits=state.limits,
                      errors=None, detail=None, json_href=None)


@router.post("/ingest")
async def ingest_form(request: Request):
    state = _state(request)
    status, payload = await accept_ingest(request)
    if status == 202:
        return RedirectResponse(payload["page"], status_code=303)
    return state.page(request, "ingest.html", status=status, jobs=state.jobs.recent(),
                      limits=state.limits, errors=payload.get("errors"),
                      detail=payload.get("detail"), json_href=None)


@router.get("/ingest/{job_id}")
def job_page(request: Request, job_id: str):
    state = _state(request)
    job = state.jobs.get(job_id) if _JOB_ID.match(job_id) else None
    if job is None:
        return state.page(request, "error.html", status=404, title="No such ingest job",
                          message="That ingest job is unknown (jobs are kept in memory while "
                                  "the server runs).", json_href=None)
    return state.page(request, "job.html", job=job, json_href=f"/api/ingest/{job_id}")


@router.get("/api")
def api_index(request: Request):
    routes = []
    for path, ops in request.app.openapi().get("paths", {}).items():
        for method, op in ops.items():
            routes.append({"method": method.upper(), "path": path,
                           "summary": op.get("summary", ""),
                           "params": [p["name"] for p in op.get("parameters", [])]})
    return _state(request).page(request, "api.html", routes=routes, json_href="/openapi.json")
