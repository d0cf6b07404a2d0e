"""What each page shows, as plain JSON-ready dicts: the HTML page and its JSON twin call the
same function here, so they can never disagree (datasette's habit).

Reads go through ``store.read`` and ``store.browse``. When the story has been built
(``dateline.story`` fills the migration-2 tables) the timeline, figure series and conflicts
come from it; before that, simple stand-ins are made from the per-article tables so a fresh
store still shows something true.
"""

from __future__ import annotations

import re
import sqlite3

from ..store import browse, read

PRECISION = {1: "day", 2: "week", 3: "month"}
MAX_POINTS = 120  # per chart: more marks than pixels helps no one
MAX_CLAIMS = 8  # per conflict, shown side by side
MAX_SOURCES = 20  # per timeline entry; n_sources says how many there are
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s|\n")


def page_envelope(page: dict, limit: int, offset: int, base: str, params: dict) -> dict:
    """``{"total", "limit", "offset", "next", "prev", "rows"}`` with links to the neighbours."""
    from urllib.parse import urlencode

    def link(off: int) -> str:
        kept = {k: v for k, v in params.items() if v not in (None, "") and k not in ("offset",)}
        kept.update(limit=limit, offset=off)
        return f"{base}?{urlencode(kept)}"

    total = page["total"]
    nxt = link(offset + limit) if offset + limit < total else None
    prev = link(max(0, offset - limit)) if offset > 0 else None
    return {"total": total, "limit": limit, "offset": offset, "next": nxt, "prev": prev,
            "rows": page["rows"]}


# ------------------------------------------------------------------------------ the story


def story_built(conn: sqlite3.Connection) -> bool:
    """Whether ``dateline.story`` has saved a story in this store."""
    if not browse.has_table(conn, "story_runs") or not hasattr(read, "story_run"):
        return False
    try:
        return read.story_run(conn) is not None
    except sqlite3.Error:
        return False


def story_stale(conn: sqlite3.Connection) -> bool:
    """Whether the saved story is missing or was built from a different set of articles."""
    if not browse.has_table(conn, "story_runs") or not hasattr(read, "story_run"):
        return False
    try:
        run = read.story_run(conn)
    except sqlite3.Error:
        return False
    count = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    return (run is None and count > 0) or (run is not None and run.get("articles") != count)


def timeline(conn: sqlite3.Connection, limit: int = 100, offset: int = 0) -> dict:
    """Timeline entries (SPEC shape plus display fields), in date order, one page of them."""
    if story_built(conn) and hasattr(read, "story_timeline"):
        entries = read.story_timeline(conn)
        if entries:
            rows = [_story_entry(e) for e in entries[offset:offset + limit]]
            _add_outlets(conn, [s for r in rows for s in r["sources"]])
            return {"total": len(entries), "rows": rows, "from": "story"}
    page = browse.event_timeline(conn, limit=limit, offset=offset)
    rows = []
    for group in page["rows"]:
        first = group["events"][0]
        rows.append({
            "date": group["date"],
            "precision": PRECISION.get(group["time_precision"], "day"),
            "summary": _clip(first["evidence"]["text"], 320),
            "event_type": group["event_type"], "location": group["location"],
            "n_sources": group["count"], "sources": [{"article": ev["article"], "start": ev["evidence"]["start"],
                         "end": ev["evidence"]["end"], "event": ev["idx"],
                         "outlet": ev["outlet"], "published": ev["published"]}
                        for ev in group["events"]],
        })
    return {"total": page["total"], "rows": rows, "from": "events"}


def _add_outlets(conn: sqlite3.Connection, sources: list[dict]) -> None:
    ids = sorted({s["article"] for s in sources if not s.get("outlet")})
    meta = {}
    for chunk in range(0, len(ids), 500):
        part = ids[chunk:chunk + 500]
        for r in conn.execute("SELECT id, outlet, published FROM articles WHERE id IN (%s)"
                              % ",".join("?" * len(part)), part):
            meta[r["id"]] = (r["outlet"], r["published"])
    for s in sources:
        outlet, published = meta.get(s["article"], (None, None))
        s["outlet"] = s.get("outlet") or outlet
        s["published"] = s.get("published") or published


def _story_entry(entry: dict) -> dict:
    sources = []
    every = entry.get("sources") or []
    for src in _spread(every, MAX_SOURCES):
        if isinstance(src, dict) and src.get("article") is not None:
            sources.append({"article": src["article"], "start": src.get("start"),
                            "end": src.get("end"), "event": src.get("idx"),
                            "outlet": src.get("outlet"), "published": src.get("published")})
    return {"date": entry.get("date"), "precision": entry.get("precision") or "day",
            "summary": entry.get("summary") or "", "event_type": entry.get("event_type"),
            "location": entry.get("location"), "n_sources": len(every), "sources": sources}


def figure_series(conn: sqlite3.Connection, max_series: int = 6) -> list[dict]:
    """Tracked figures over time: ``[{"what", "unit", "location", "points": [...]}]``."""
    if story_built(conn) and browse.has_table(conn, "figure_series"):
        out = []
        for s in browse.story_series(conn, max_series=max_series):
            points = [_point(p["article"], p["idx"], p.get("as_of"), p.get("text"), p.get("start"),
                             p.get("end"), p.get("quantity"), p.get("qualifier"))
                      for p in s["points"]]
            points = [p for p in points if p["date"] and p["low"] is not None]
            out.append({"what": s.get("what") or s.get("unit"), "unit": s.get("unit"),
                        "location": s.get("location"), "trend": s.get("trend"),
                        "n_points": s["n_points"], "points": _spread(points, MAX_POINTS)})
        return [s for s in out if len(s["points"]) >= 2]
    out = []
    for s in browse.unit_series(conn, max_series=max_series):
        points = [_point(p["article"], p["idx"], p["date"], p["text"], p["start"], p["end"],
                         [p["low"], p["high"]] if p["high"] != p["low"] else p["low"],
                         p["qualifier"], p["outlet"]) for p in s["points"]]
        what = s["unit"] + (f", {s['location']}" if s["location"] else "")
        out.append({"what": what, "unit": s["unit"], "location": s["location"], "trend": None,
                    "n_points": len(points), "points": _spread(points, MAX_POINTS)})
    return out


def _spread(items: list, n: int) -> list:
    """At most ``n`` of ``items``, evenly spaced, keeping the first and the last."""
    if len(items) <= n:
        return items
    step = (len(items) - 1) / (n - 1)
    return [items[round(i * step)] for i in range(n)]


def _point(article, idx, date, text, start, end, quantity, qualifier, outlet=None) -> dict:
    low = high = None
    if isinstance(quantity, (int, float)) and not isinstance(quantity, bool):
        low = high = quantity
    elif isinstance(quantity, (list, tuple)) and len(quantity) == 2:
        low, high = quantity
    return {"article": article, "idx": idx, "date": date, "text": text, "start": start,
            "end": end, "low": low, "high": high, "qualifier": qualifier, "outlet": outlet}


def conflicts(conn: sqlite3.Connection, limit: int = 20) -> list[dict]:
    """Figures that disagree: ``[{"what", "reason", "claims": [...]}]``, each claim with context."""
    if story_built(conn) and hasattr(read, "figure_conflicts"):
        found = [{"what": c.get("what"), "reason": c.get("reason"),
                  "claims": [dict(cl) for cl in c.get("claims") or []]}
                 for c in read.figure_conflicts(conn)[:limit]]
    else:
        found = _conflicts_from_series(figure_series(conn, max_series=12), limit)
    for c in found:
        # Side by side works for a handful of sources; the count says how many there are.
        c["n_claims"] = len(c["claims"])
        c["claims"] = _spread(c["claims"], MAX_CLAIMS)
    meta = {}
    for c in found:
        for claim in c["claims"]:
            art = claim.get("article")
            if art not in meta:
                row = conn.execute("SELECT outlet, published, title FROM articles WHERE id = ?",
                                   (art,)).fetchone()
                meta[art] = dict(row) if row else {}
            claim.update({k: v for k, v in meta[art].items() if k not in claim})
            claim["context"] = context(conn, art, claim.get("start"), claim.get("end"))
    return found


def _conflicts_from_series(series: list[dict], limit: int) -> list[dict]:
    # Two articles giving different numbers for the same thing on the same date.
    out = []
    for s in series:
        by_date: dict[str, list] = {}
        for p in s["points"]:
            by_date.setdefault(p["date"], []).append(p)
        for date, points in sorted(by_date.items()):
            seen, claims = set(), []
            for p in points:
                if p["article"] in seen:
                    continue
                seen.add(p["article"])
                claims.append({"article": p["article"], "idx": p["idx"], "text": p["text"],
                               "start": p["start"], "end": p["end"],
                               "quantity": p["low"] if p["low"] == p["high"] else [p["low"], p["high"]],
                               "qualifier": p["qualifier"], "as_of": date})
            if len(claims) >= 2 and len({(c["quantity"] if not isinstance(c["quantity"], list)
                                          else tuple(c["quantity"])) for c in claims}) > 1:
                out.append({"what": s["what"], "reason": f"different numbers for {date}",
                            "claims": claims})
                if len(out) >= limit:
                    return out
    return out


def context(conn: sqlite3.Connection, article: str, start, end, width: int = 260) -> dict | None:
    """The sentence around ``body[start:end]`` as ``{"before", "text", "after"}``."""
    if not isinstance(start, int) or not isinstance(end, int) or start < 0 or end < start:
        return None
    lo = max(0, start - width)
    row = conn.execute("SELECT substr(body, ?, ?) FROM articles WHERE id = ?",
                       (lo + 1, end - lo + width, article)).fetchone()
    if row is None or row[0] is None:
        return None
    chunk = row[0]
    before, text, after = chunk[:start - lo], chunk[start - lo:end - lo], chunk[end - lo:]
    ends = list(_SENTENCE_END.finditer(before))
    if ends:
        before = before[ends[-1].end():]
    elif lo > 0:
        before = "…" + before
    m = _SENTENCE_END.search(after)
    after = after[:m.start() + 1] if m else after + "…"
    return {"before": before.lstrip(), "text": text, "after": after.rstrip()}


def _clip(text: str, n: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[:n - 1].rstrip() + "…"


def story(conn: sqlite3.Connection, timeline_limit: int = 100) -> dict:
    """Everything the front page shows: counts, timeline, map points, series, conflicts."""
    counts = read.counts(conn)
    return {
        "counts": counts,
        "story_built": story_built(conn),
        "story_stale": story_stale(conn),
        "timeline": timeline(conn, limit=timeline_limit),
        "map": browse.map_points(conn),
        "series": figure_series(conn),
        "conflicts": conflicts(conn),
        "articles": browse.articles_page(conn, limit=10)["rows"],
    }


def entities(conn: sqlite3.Connection, label=None, q=None, limit: int = 50, offset: int = 0) -> dict:
    """Entities across articles: the story's linked ones when built, else grouped mentions."""
    if story_built(conn):
        page = browse.story_entities_page(conn, label, q, limit, offset)
        if page["total"]:
            return {**page, "from": "story"}
    return {**browse.entities_page(conn, label, q, limit, offset), "from": "mentions"}


# ------------------------------------------------------------------------------ one article


def article(conn: sqlite3.Connection, article_id: str) -> dict | None:
    """The SPEC record of one article plus its url and ingest time, or None."""
    rec = read.article_record(conn, article_id)
    if rec is None:
        return None
    row = conn.execute("SELECT url, ingested_at FROM articles WHERE id = ?", (article_id,)).fetchone()
    rec["url"], rec["ingested_at"] = row["url"], row["ingested_at"]
    return rec
