"""Geometry and text layout for the pages: highlighted article text, the map, the charts.

Everything here returns plain numbers and strings for the templates to place; the
templates do all the escaping (Jinja autoescape), so no function here builds markup.
"""

from __future__ import annotations

import datetime as dt
import math
from urllib.parse import urlencode

KINDS = ("event", "quote", "figure", "timex", "place", "entity")


def evidence_href(article: str, start=None, end=None, event=None) -> str:
    """The article page scrolled to a span (``start``/``end``) or to an event's evidence."""
    params: dict = {}
    if isinstance(event, int):
        params["event"] = event
    elif isinstance(start, int) and isinstance(end, int):
        params.update(start=start, end=end)
    query = ("?" + urlencode(params)) if params else ""
    return f"/articles/{_quote(article)}{query}#hl"


def _quote(article_id: str) -> str:
    from urllib.parse import quote

    return quote(str(article_id), safe="")


# --------------------------------------------------------------------------- article text


def item_spans(record: dict) -> list[tuple[str, str, int, int]]:
    """``(key, kind, start, end)`` for every item of a record that has a valid span."""
    n = len(record.get("body") or "")
    spans = []
    for kind, field in (("entity", "entities"), ("timex", "timexes"), ("place", "places"),
                        ("figure", "figures"), ("quote", "quotes"), ("event", "events")):
        for idx, item in enumerate(record.get(field) or []):
            span = item.get("evidence") if kind == "event" else item
            start, end = (span or {}).get("start"), (span or {}).get("end")
            if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= n:
                spans.append((f"{kind}-{idx}", kind, start, end))
    return spans


def segments(body: str, spans: list[tuple[str, str, int, int]]) -> list[dict]:
    """Cut ``body`` at every span boundary; each piece lists the spans covering it.

    Spans may nest or cross (an event's sentence holds dates and places; a quote may
    straddle a place), so instead of nesting tags the text is cut into flat pieces, each
    with the kinds covering it (for colour) and their keys, innermost first (for clicks).
    ``anchors`` are the keys that start at the piece, where the page puts their ids.
    """
    starts: dict[int, list] = {}
    ends: dict[int, list] = {}
    length = {}
    for key, kind, start, end in spans:
        starts.setdefault(start, []).append((key, kind))
        ends.setdefault(end, []).append(key)
        length[key] = end - start
    bounds = sorted({0, len(body), *starts, *ends})
    active: dict[str, str] = {}
    out = []
    for lo, hi in zip(bounds, bounds[1:]):
        for key in ends.get(lo, ()):
            active.pop(key, None)
        anchors = []
        for key, kind in starts.get(lo, ()):
            active[key] = kind
            anchors.append(key)
        if hi <= lo:
            continue
        keys = sorted(active, key=lambda k: (length[k], k))
        out.append({"text": body[lo:hi], "start": lo,
                    "kinds": " ".join(sorted({f"k-{active[k]}" for k in keys})),
                    "ids": " ".join(keys), "anchors": anchors})
    return out


# ------------------------------------------------------------------------------------ map

TILE = 256
MAX_ZOOM = 8


def outline():
    """Country outlines (Natural Earth 1:110m, bundled with the exports): ``(bbox, coords)``."""
    from ..export.svgmap import world  # one copy of the borders for the report and the page

    return tuple(ring for _name, ring in world())


def _x(lon: float, zoom: int) -> float:
    return (lon + 180.0) / 360.0 * TILE * 2 ** zoom


def _y(lat: float, zoom: int) -> float:
    lat = max(-85.0, min(85.0, lat))
    rad = math.radians(lat)
    return (1 - math.log(math.tan(rad) + 1 / math.cos(rad)) / math.pi) / 2 * TILE * 2 ** zoom


def _lon(x: float, zoom: int) -> float:
    return x / (TILE * 2 ** zoom) * 360.0 - 180.0


def _lat(y: float, zoom: int) -> float:
    n = math.pi - 2 * math.pi * y / (TILE * 2 ** zoom)
    return math.degrees(math.atan(math.sinh(n)))


def map_view(points: list[dict], width: int = 800, height: int = 420) -> dict:
    """A Web-Mercator map fitted to ``points`` (``lat``, ``lon``, ``events``, ``article_id``, ``idx``).

    Web Mercator at a whole zoom level, so the optional OpenStreetMap tiles line up with
    the outline drawn from the bundled borders.
    """
    pts = [p for p in points if isinstance(p.get("lat"), (int, float))
           and isinstance(p.get("lon"), (int, float)) and -90 <= p["lat"] <= 90
           and -180 <= p["lon"] <= 180]
    if pts:
        lats, lons = [p["lat"] for p in pts], [p["lon"] for p in pts]
        zoom = 1
        for z in range(MAX_ZOOM, 0, -1):
            w = _x(max(lons), z) - _x(min(lons), z)
            h = _y(min(lats), z) - _y(max(lats), z)
            if w * 1.25 + 40 <= width and h * 1.25 + 40 <= height:
                zoom = z
                break
        cx = (_x(min(lons), zoom) + _x(max(lons), zoom)) / 2
        cy = (_y(min(lats), zoom) + _y(max(lats), zoom)) / 2
    else:
        zoom, cx, cy = 1, TILE, TILE * 0.8
        width, height = 2 * TILE, int(TILE * 1.2)
    x0, y0 = cx - width / 2, cy - height / 2
    west, east = _lon(x0, zoom), _lon(x0 + width, zoom)
    north, south = _lat(y0, zoom), _lat(y0 + height, zoom)

    paths = []
    for (lo_lon, lo_lat, hi_lon, hi_lat), arc in outline():
        if hi_lon < west or lo_lon > east or hi_lat < south or lo_lat > north:
            continue
        paths.append(_ring_path(arc, zoom, x0, y0))

    step = next((s for s in (0.5, 1, 2, 5, 10, 30) if (east - west) / s <= 8), 60)
    meridians = [{"x": round(_x(lon, zoom) - x0, 1), "label": _deg(lon, "E", "W")}
                 for lon in _range(west, east, step)]
    parallels = [{"y": round(_y(lat, zoom) - y0, 1), "label": _deg(lat, "N", "S")}
                 for lat in _range(south, north, step) if -85 < lat < 85]

    dots = []
    for p in pts:
        n = int(p.get("events") or 1)
        label = p.get("location") or f"{p['lat']:.2f}, {p['lon']:.2f}"
        dates = " to ".join(sorted({d for d in (p.get("first_date"), p.get("last_date")) if d}))
        dots.append({"x": round(_x(p["lon"], zoom) - x0, 1), "y": round(_y(p["lat"], zoom) - y0, 1),
                     "r": round(min(16.0, 4 + 2.5 * math.sqrt(n)), 1),
                     "href": evidence_href(p["article_id"], event=p.get("idx")),
                     "title": f"{label}: {n} event{'s' if n != 1 else ''}" + (f", {dates}" if dates else ""),
                     "label": label if n >= 2 or len(pts) <= 12 else ""})
    dots.sort(key=lambda d: -d["r"])  # small dots on top of big ones stay clickable
    return {"width": width, "height": height, "zoom": zoom, "x0": round(x0, 1), "y0": round(y0, 1),
            "paths": paths, "meridians": meridians, "parallels": parallels, "dots": dots}


def _ring_path(ring, zoom: int, x0: float, y0: float) -> str:
    # A ring that crosses the antimeridian (Russia, Fiji) jumps ~360 degrees between two
    # points: lift the pen there instead of drawing a line across the whole map.
    parts, prev = [], None
    for i in range(0, len(ring) - 1, 2):
        lon, lat = ring[i], ring[i + 1]
        pen = "M" if prev is None or abs(lon - prev) > 180 else "L"
        parts.append(f"{pen}{_x(lon, zoom) - x0:.1f} {_y(lat, zoom) - y0:.1f}")
        prev = lon
    return " ".join(parts) + " Z"


def _range(lo: float, hi: float, step: float) -> list[float]:
    first = math.ceil(lo / step) * step
    out, v = [], first
    while v <= hi and len(out) < 40:
        out.append(round(v, 6))
        v += step
    return out


def _deg(value: float, pos: str, neg: str) -> str:
    text = f"{abs(value):g}°"
    return text + (pos if value > 0 else neg if value < 0 else "")


# --------------------------------------------------------------------------------- charts


def _day(value) -> dt.date | None:
    if not isinstance(value, str):
        return None
    text = value[:10]
    for fmt, n in (("%Y-%m-%d", 10), ("%Y-%m", 7), ("%Y", 4)):
        try:
            return dt.datetime.strptime(text[:n], fmt).date()
        except ValueError:
            continue
    return None


def chart_view(series: dict, width: int = 380, height: int = 170) -> dict | None:
    """A small date/quantity chart of one figure series; ranges drawn as bars."""
    pad_l, pad_r, pad_t, pad_b = 52, 12, 12, 28
    pts = [(d, p) for p in series.get("points") or [] if (d := _day(p.get("date"))) is not None
           and isinstance(p.get("low"), (int, float))]
    if len(pts) < 2:
        return None
    pts.sort(key=lambda t: t[0])
    d0, d1 = pts[0][0].toordinal(), pts[-1][0].toordinal()
    top = max((p.get("high") if isinstance(p.get("high"), (int, float)) else p["low"])
              for _, p in pts) or 1
    top *= 1.1
    span = max(1, d1 - d0)
    inner_w, inner_h = width - pad_l - pad_r, height - pad_t - pad_b

    def xy(day: dt.date, value: float) -> tuple[float, float]:
        x = pad_l + (day.toordinal() - d0) / span * inner_w if d1 > d0 else pad_l + inner_w / 2
        return round(x, 1), round(pad_t + inner_h * (1 - value / top), 1)

    marks, line = [], []
    for day, p in pts:
        high = p["high"] if isinstance(p.get("high"), (int, float)) else p["low"]
        x, y_low = xy(day, p["low"])
        _, y_high = xy(day, high)
        mid = (y_low + y_high) / 2
        line.append(f"{x},{round(mid, 1)}")
        marks.append({"x": x, "y_low": y_low, "y_high": y_high, "y": round(mid, 1),
                      "range": high != p["low"],
                      "href": evidence_href(p["article"], p.get("start"), p.get("end")),
                      "title": f"{day.isoformat()}: {p.get('text') or fmt_number(p['low'])}"
                               + (f" ({p['outlet']})" if p.get("outlet") else "")})
    return {"width": width, "height": height, "line": " ".join(line), "marks": marks,
            "x_left": pad_l, "x_right": width - pad_r, "y_top": pad_t, "y_bottom": height - pad_b,
            "top_label": fmt_number(top / 1.1), "first": pts[0][0].isoformat(),
            "last": pts[-1][0].isoformat()}


def fmt_number(value) -> str:
    """1234567 -> '1.2M', 12000 -> '12,000', [10, 20] -> '10–20'."""
    if isinstance(value, (list, tuple)) and len(value) == 2:
        return f"{fmt_number(value[0])}–{fmt_number(value[1])}"
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return "" if value is None else str(value)
    if abs(value) >= 1_000_000:
        return f"{value / 1_000_000:.1f}M".replace(".0M", "M")
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}"
