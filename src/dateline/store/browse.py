"""Paged, filtered reads for the web page and its JSON API. Read-only.

Every function here takes a connection and plain arguments and returns plain dicts, so the
HTML page and its JSON twin are built from the same call (datasette's habit). Lists come
back as ``{"total": n, "rows": [...]}`` with ``limit``/``offset`` applied in SQL, so a page
of a 10,000-article store costs what a page of a 5-article one does. Filters that take
free text use ``LIKE`` with the user's ``%``/``_`` escaped; sort keys come from fixed
tables, never from the request.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass

from .write import EVENT_COLUMNS

# Private-use marks around search hits in snippets: they cannot be confused with markup,
# and the web layer splits on them before escaping.
HIT_OPEN, HIT_CLOSE = "\ue000", "\ue001"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

EVENT_SORTS = {
    "date": "e.event_date", "type": "e.event_type", "sub_type": "e.sub_event_type",
    "actor": "e.actor1", "place": "e.location", "country": "e.country",
    "fatalities": "e.fatalities", "outlet": "a.outlet", "published": "a.published",
}


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _date_upper(value: str) -> str:
    # '2016-11' as an upper bound means the whole month: pad so string order does it.
    return value + "-99-99"[len(value) - 4:] if len(value) in (4, 7) else value


@dataclass(frozen=True)
class EventQuery:
    """Filters, order and page for ``events_page``; every field optional."""

    date_from: str | None = None
    date_to: str | None = None
    event_type: str | None = None
    actor: str | None = None
    place: str | None = None
    outlet: str | None = None
    article: str | None = None
    background: bool | None = None  # None: both; False: news only; True: history only
    sort: str = "date"
    descending: bool = False
    limit: int = 50
    offset: int = 0


def _event_where(q: EventQuery) -> tuple[str, list]:
    where, args = [], []
    if q.date_from:
        where.append("e.event_date >= ?")
        args.append(q.date_from)
    if q.date_to:
        where.append("e.event_date <= ?")
        args.append(_date_upper(q.date_to))
    if q.event_type:
        where.append("e.event_type = ?")
        args.append(q.event_type)
    if q.actor:
        where.append("(e.actor1 LIKE ? ESCAPE '\\' OR e.actor2 LIKE ? ESCAPE '\\')")
        args += [_like(q.actor)] * 2
    if q.place:
        where.append("(e.location LIKE ? ESCAPE '\\' OR e.admin1 LIKE ? ESCAPE '\\' "
                     "OR e.country LIKE ? ESCAPE '\\')")
        args += [_like(q.place)] * 3
    if q.outlet:
        # IN over the outlet's articles walks the events' primary key; a join would scan.
        where.append("e.article_id IN (SELECT id FROM articles WHERE outlet = ?)")
        args.append(q.outlet)
    if q.article:
        where.append("e.article_id = ?")
        args.append(q.article)
    if q.background is not None:
        where.append("e.background = ?")
        args.append(int(q.background))
    return (" WHERE " + " AND ".join(where)) if where else "", args


def _event_row(r: sqlite3.Row) -> dict:
    ev = {"article": r["article_id"], "idx": r["idx"], **{c: r[c] for c in EVENT_COLUMNS}}
    ev["background"] = bool(r["background"])
    ev["evidence"] = {"start": r["evidence_start"], "end": r["evidence_end"],
                      "text": r["evidence_text"]}
    ev["outlet"], ev["title"], ev["published"] = r["outlet"], r["title"], r["published"]
    return ev


def events_page(conn: sqlite3.Connection, q: EventQuery) -> dict:
    """One page of events matching ``q``, with their article's outlet/title/date and the total."""
    where, args = _event_where(q)
    join = " FROM events e JOIN articles a ON a.id = e.article_id"
    # Every filter is on the events table, so the count needs no join (ten times cheaper).
    total = conn.execute("SELECT count(*) FROM events e" + where, args).fetchone()[0]
    column = EVENT_SORTS.get(q.sort, EVENT_SORTS["date"])
    # Unknown values last either way; DESC already puts NULL last, and writing it plainly
    # lets SQLite walk the index instead of sorting every row.
    order = f"{column} DESC" if q.descending else f"{column} ASC NULLS LAST"
    rows = conn.execute(
        "SELECT e.*, a.outlet, a.title, a.published" + join + where +
        f" ORDER BY {order}, e.article_id, e.idx LIMIT ? OFFSET ?",
        [*args, q.limit, q.offset]).fetchall()
    return {"total": total, "rows": [_event_row(r) for r in rows]}


def event_facets(conn: sqlite3.Connection) -> dict:
    """What the event filters can choose from: event types and outlets, with counts."""
    types = [{"value": r[0], "count": r[1]} for r in conn.execute(
        "SELECT event_type, count(*) FROM events WHERE event_type IS NOT NULL "
        "GROUP BY event_type ORDER BY count(*) DESC, event_type")]
    outlets = [{"value": r[0], "count": r[1]} for r in conn.execute(
        "SELECT outlet, count(*) FROM articles WHERE outlet IS NOT NULL "
        "GROUP BY outlet ORDER BY count(*) DESC, outlet LIMIT 200")]
    span = conn.execute("SELECT min(event_date), max(event_date) FROM events "
                        "WHERE event_date IS NOT NULL").fetchone()
    return {"event_types": types, "outlets": outlets,
            "date_min": span[0], "date_max": span[1]}


def articles_page(conn: sqlite3.Connection, limit: int = 50, offset: int = 0,
                  outlet: str | None = None) -> dict:
    """Stored articles, newest first, each with its item counts."""
    where, args = ("WHERE outlet = ?", [outlet]) if outlet else ("", [])
    total = conn.execute(f"SELECT count(*) FROM articles {where}", args).fetchone()[0]
    # Page the ids first: SQLite computes every output column before it sorts, so the
    # counts and the lead would otherwise be computed for every article, not fifty.
    rows = conn.execute(
        "SELECT a.id, a.published, a.published_source, a.outlet, a.title, a.source, a.url, "
        "substr(a.body, 1, 160) AS lead, "
        "(SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events, "
        "(SELECT count(*) FROM figures f WHERE f.article_id = a.id) AS figures, "
        "(SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS quotes, "
        "(SELECT count(*) FROM places p WHERE p.article_id = a.id) AS places "
        f"FROM (SELECT id, rowid AS n FROM articles {where} ORDER BY published DESC, rowid DESC "
        "LIMIT ? OFFSET ?) page JOIN articles a ON a.id = page.id "
        "ORDER BY a.published DESC, page.n DESC", [*args, limit, offset]).fetchall()
    return {"total": total, "rows": [dict(r) for r in rows]}


def entities_page(conn: sqlite3.Connection, label: str | None = None, q: str | None = None,
                  limit: int = 50, offset: int = 0) -> dict:
    """Entities grouped by canonical name and label, most mentioned first."""
    where, args = [], []
    if label:
        where.append("label = ?")
        args.append(label)
    if q:
        where.append("canonical LIKE ? ESCAPE '\\'")  # canonical only: it is in the index
        args.append(_like(q))
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    group = " GROUP BY canonical, label"  # plain columns, so the entities_group index serves
    total = conn.execute(f"SELECT count(*) FROM (SELECT 1 FROM entities{clause}{group})",
                         args).fetchone()[0]
    # Group over the covering index only (max(rowid) is in every index entry), then read
    # one example row per group for what the index lacks.
    rows = conn.execute(
        "SELECT coalesce(g.canonical, x.text) AS canonical, g.label, g.mentions, g.articles, "
        "x.article_id AS example_article, x.idx AS example_idx FROM ("
        f"SELECT canonical, label, count(*) AS mentions, count(DISTINCT article_id) AS articles, "
        f"max(rowid) AS rid FROM entities{clause}{group} ORDER BY mentions DESC, canonical "
        "LIMIT ? OFFSET ?) g JOIN entities x ON x.rowid = g.rid ORDER BY g.mentions DESC, 1",
        [*args, limit, offset]).fetchall()
    return {"total": total, "rows": [dict(r) for r in rows]}


def story_entities_page(conn: sqlite3.Connection, label: str | None = None,
                        q: str | None = None, limit: int = 50, offset: int = 0) -> dict:
    """Entities as the story linked them across articles (aliases merged), widest first."""
    where, args = [], []
    if label:
        where.append("label = ?")
        args.append(label)
    if q:
        where.append("(name LIKE ? ESCAPE '\\' OR aliases LIKE ? ESCAPE '\\')")
        args += [_like(q)] * 2
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    total = conn.execute(f"SELECT count(*) FROM story_entities{clause}", args).fetchone()[0]
    rows = conn.execute(
        "SELECT id, name AS canonical, label, n_mentions AS mentions, n_articles AS articles, "
        f"aliases, (SELECT article_id FROM story_entity_mentions m WHERE m.entity_id = e.id "
        f"LIMIT 1) AS first_article FROM story_entities e{clause} "
        "ORDER BY n_articles DESC, n_mentions DESC, name LIMIT ? OFFSET ?",
        [*args, limit, offset]).fetchall()
    out = []
    for r in rows:
        d = dict(r)
        d["aliases"] = json.loads(d["aliases"] or "[]")
        out.append(d)
    return {"total": total, "rows": out}


def places_page(conn: sqlite3.Connection, q: str | None = None, country: str | None = None,
                limit: int = 50, offset: int = 0) -> dict:
    """Places grouped by resolved name and country, with coordinates and mention counts."""
    where, args = [], []
    if q:
        where.append("name LIKE ? ESCAPE '\\'")  # the resolved name only: it is in the index
        args.append(_like(q))
    if country:
        where.append("country = ?")
        args.append(country)
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    group = " GROUP BY name, country"  # plain columns, so the places_group index serves
    total = conn.execute(f"SELECT count(*) FROM (SELECT 1 FROM places{clause}{group})",
                         args).fetchone()[0]
    rows = conn.execute(
        "SELECT coalesce(g.name, x.text) AS name, g.country, x.admin1, x.feature, x.latitude, "
        "x.longitude, x.geonameid, g.mentions, g.articles, x.article_id AS example_article, "
        "x.idx AS example_idx FROM (SELECT name, country, count(*) AS mentions, "
        f"count(DISTINCT article_id) AS articles, max(rowid) AS rid FROM places{clause}{group} "
        "ORDER BY mentions DESC, name LIMIT ? OFFSET ?) g JOIN places x ON x.rowid = g.rid "
        "ORDER BY g.mentions DESC, 1", [*args, limit, offset]).fetchall()
    return {"total": total, "rows": [dict(r) for r in rows]}


def figures_page(conn: sqlite3.Connection, unit: str | None = None, article: str | None = None,
                 limit: int = 50, offset: int = 0) -> dict:
    """Figure mentions with their article's date and outlet, newest article first."""
    where, args = [], []
    if unit:
        where.append("f.unit LIKE ? ESCAPE '\\'")
        args.append(_like(unit))
    if article:
        where.append("f.article_id = ?")
        args.append(article)
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    total = conn.execute(f"SELECT count(*) FROM figures f{clause}", args).fetchone()[0]
    rows = conn.execute(
        "SELECT f.article_id AS article, f.idx, f.text, f.start, f.\"end\", f.quantity, f.unit, "
        "f.qualifier, f.as_of, f.location, a.published, a.outlet FROM articles a "
        f"JOIN figures f ON f.article_id = a.id{clause} "
        "ORDER BY a.published DESC, a.rowid DESC, f.idx LIMIT ? OFFSET ?",
        [*args, limit, offset]).fetchall()
    out = []
    for r in rows:
        d = dict(r)
        d["quantity"] = json.loads(d["quantity"]) if d["quantity"] else None
        out.append(d)
    return {"total": total, "rows": out}


def quotes_page(conn: sqlite3.Connection, speaker: str | None = None, article: str | None = None,
                limit: int = 50, offset: int = 0) -> dict:
    """Quotes with their speaker and article, newest article first."""
    where, args = [], []
    if speaker:
        where.append("q.speaker LIKE ? ESCAPE '\\'")
        args.append(_like(speaker))
    if article:
        where.append("q.article_id = ?")
        args.append(article)
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    total = conn.execute(f"SELECT count(*) FROM quotes q{clause}", args).fetchone()[0]
    # Articles walked newest first by the published index, each article's quotes by its
    # key: no sort of every quote.
    rows = conn.execute(
        "SELECT q.article_id AS article, q.idx, q.text, q.start, q.\"end\", q.speaker, "
        "q.speaker_role, a.published, a.outlet FROM articles a "
        f"JOIN quotes q ON q.article_id = a.id{clause} "
        "ORDER BY a.published DESC, a.rowid DESC, q.idx LIMIT ? OFFSET ?",
        [*args, limit, offset]).fetchall()
    return {"total": total, "rows": [dict(r) for r in rows]}


def event_timeline(conn: sqlite3.Connection, limit: int = 100, offset: int = 0) -> dict:
    """Reported (not background) events grouped by date, type and place, in date order.

    The timeline to show before the story has been built: each group is one entry whose
    sources are every event in it.
    """
    group = (" FROM events WHERE background = 0 AND event_date IS NOT NULL "
             "GROUP BY event_date, event_type, coalesce(location, '')")
    total = conn.execute("SELECT count(*) FROM (SELECT 1" + group + ")").fetchone()[0]
    heads = conn.execute(
        "SELECT event_date, min(time_precision) AS time_precision, event_type, "
        "coalesce(location, '') AS loc, count(*) AS n, min(rowid) AS first" + group +
        " ORDER BY event_date, event_type, loc LIMIT ? OFFSET ?", (limit, offset)).fetchall()
    entries = []
    for h in heads:
        members = conn.execute(
            "SELECT e.*, a.outlet, a.title, a.published FROM events e "
            # '+' keeps the planner on the date index (a type matches a third of all events)
            "JOIN articles a ON a.id = e.article_id WHERE e.background = 0 AND e.event_date = ? "
            "AND +e.event_type IS ? AND coalesce(e.location, '') = ? "
            "ORDER BY e.rowid = ? DESC, e.article_id, e.idx LIMIT 20",
            (h["event_date"], h["event_type"], h["loc"], h["first"])).fetchall()
        entries.append({"date": h["event_date"], "time_precision": h["time_precision"],
                        "event_type": h["event_type"], "location": h["loc"] or None,
                        "count": h["n"], "events": [_event_row(m) for m in members]})
    return {"total": total, "rows": entries}


def map_points(conn: sqlite3.Connection, limit: int = 500) -> list[dict]:
    """Event locations with coordinates, one point per place, most events first.

    Each point names its latest event (bare columns beside max() come from that row in
    SQLite), so a click on the map lands on real evidence.
    """
    rows = conn.execute(
        "SELECT round(latitude, 3) AS lat, round(longitude, 3) AS lon, location, "
        "count(*) AS events, min(event_date) AS first_date, max(event_date) AS last_date, "
        "article_id, idx, event_type FROM events "
        "WHERE latitude IS NOT NULL AND longitude IS NOT NULL AND background = 0 "
        "GROUP BY round(latitude, 3), round(longitude, 3) "
        "ORDER BY events DESC LIMIT ?", (limit,)).fetchall()
    return [dict(r) for r in rows]


def unit_series(conn: sqlite3.Connection, max_series: int = 6, min_points: int = 2,
                max_points: int = 200) -> list[dict]:
    """Figures grouped by unit and location with their points over time, biggest first.

    The series to chart before the story has been built; a point's date is its ``as_of``,
    else its article's publication date.
    """
    heads = conn.execute(
        "SELECT lower(unit) AS unit, coalesce(location, '') AS loc, count(*) AS n, "
        "count(DISTINCT article_id) AS articles FROM figures WHERE unit IS NOT NULL "
        "AND quantity_low IS NOT NULL GROUP BY lower(unit), coalesce(location, '') "
        "HAVING count(*) >= ? ORDER BY articles DESC, n DESC LIMIT ?",
        (min_points, max_series)).fetchall()
    out = []
    for h in heads:
        points = conn.execute(
            "SELECT f.article_id AS article, f.idx, f.text, f.start, f.\"end\", f.quantity_low AS low, "
            "f.quantity_high AS high, f.qualifier, coalesce(f.as_of, a.published) AS date, "
            "a.outlet FROM figures f JOIN articles a ON a.id = f.article_id "
            "WHERE lower(f.unit) = ? AND coalesce(f.location, '') = ? AND f.quantity_low IS NOT NULL "
            "AND coalesce(f.as_of, a.published) IS NOT NULL ORDER BY date LIMIT ?",
            (h["unit"], h["loc"], max_points)).fetchall()
        out.append({"unit": h["unit"], "location": h["loc"] or None, "articles": h["articles"],
                    "points": [dict(p) for p in points]})
    return out


def story_series(conn: sqlite3.Connection, max_series: int = 6, min_points: int = 2,
                 max_points: int = 5000) -> list[dict]:
    """The story's figure series, most widely reported first, each with its points in
    ``as_of`` order (at most ``max_points``): the charts' data without loading every member."""
    heads = conn.execute(
        "SELECT s.id, s.what, s.unit, s.location, s.n_articles, s.trend, "
        "(SELECT count(*) FROM figure_series_members m WHERE m.series_id = s.id) AS n "
        "FROM figure_series s ORDER BY s.n_articles DESC, s.id").fetchall()
    out = []
    for h in heads:
        if h["n"] < min_points:
            continue
        points = conn.execute(
            "SELECT m.article_id AS article, m.idx, m.as_of, f.text, f.start, f.\"end\", "
            "f.quantity, f.qualifier FROM figure_series_members m JOIN figures f "
            "ON f.article_id = m.article_id AND f.idx = m.idx WHERE m.series_id = ? "
            "ORDER BY m.as_of LIMIT ?", (h["id"], max_points)).fetchall()
        out.append({**{k: h[k] for k in ("what", "unit", "location", "n_articles", "trend")},
                    "n_points": h["n"],
                    "points": [{**dict(p), "quantity": json.loads(p["quantity"]) if p["quantity"]
                                else None} for p in points]})
        if len(out) >= max_series:
            break
    return out


def search_articles(conn: sqlite3.Connection, query: str, limit: int = 20,
                    offset: int = 0) -> dict:
    """Full-text search over titles and bodies (FTS5), best match first, with snippets.

    Each word of ``query`` is matched as a quoted term (a trailing ``*`` keeps prefix
    search), so user input can never be read as FTS syntax.
    """
    match = fts_query(query)
    if not match:
        return {"total": 0, "rows": []}
    total = conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?",
                         (match,)).fetchone()[0]
    rows = conn.execute(
        "SELECT f.article_id AS id, a.title, a.outlet, a.published, "
        f"snippet(articles_fts, 2, '{HIT_OPEN}', '{HIT_CLOSE}', '…', 24) AS snippet "
        "FROM articles_fts f JOIN articles a ON a.id = f.article_id "
        "WHERE articles_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?",
        (match, limit, offset)).fetchall()
    return {"total": total, "rows": [dict(r) for r in rows]}


def fts_query(query: str) -> str:
    """User words to an FTS5 expression of quoted terms (all must match)."""
    terms = []
    # Control characters (NUL above all) make FTS5 fail, and nobody searches for them.
    for word in _CONTROL.sub(" ", query or "").split()[:32]:
        prefix = word.endswith("*")
        word = word.rstrip("*").replace('"', '""')
        if word.strip():
            terms.append(f'"{word}"' + ("*" if prefix else ""))
    return " ".join(terms)


def has_table(conn: sqlite3.Connection, name: str) -> bool:
    """Whether the store has table ``name`` (the story's tables exist only once migrated)."""
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?",
                        (name,)).fetchone() is not None
