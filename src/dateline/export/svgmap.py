"""An offline map: country outlines (Natural Earth 1:110m, bundled) and a graticule drawn as
inline SVG around the story's located events, each point labelled and linked.

Equirectangular projection with the x axis shrunk by cos(mid latitude), which is faithful
enough for the few hundred kilometres a conflict story spans; no tiles, no network.
"""

from __future__ import annotations

import html
import json
import math
from functools import lru_cache
from pathlib import Path

WORLD = Path(__file__).with_name("data") / "world_110m.json"


@lru_cache(maxsize=1)
def world() -> tuple[tuple[str, tuple[tuple[float, float, float, float], tuple[float, ...]]], ...]:
    """Country rings with their bounding boxes: ((name, ((minx, miny, maxx, maxy), coords)), ...)."""
    data = json.loads(WORLD.read_text(encoding="utf-8"))
    out = []
    for country in data["countries"]:
        for ring in country["rings"]:
            xs, ys = ring[0::2], ring[1::2]
            out.append((country.get("name") or "", ((min(xs), min(ys), max(xs), max(ys)), tuple(ring))))
    return tuple(out)


def _extent(points: list[dict]) -> tuple[float, float, float, float]:
    lons = [p["lon"] for p in points]
    lats = [p["lat"] for p in points]
    w, e, s, n = min(lons), max(lons), min(lats), max(lats)
    span = max(e - w, n - s, 3.0)
    cx, cy = (w + e) / 2, (s + n) / 2
    half = span * 0.75
    w, e = max(cx - half * 1.4, -180.0), min(cx + half * 1.4, 180.0)
    s, n = max(cy - half, -85.0), min(cy + half, 85.0)
    return w, s, e, n


def _step(span: float) -> float:
    for step in (0.5, 1, 2, 5, 10, 15, 30):
        if span / step <= 8:
            return step
    return 60


def map_svg(points: list[dict], width: int = 760, height: int = 440) -> str:
    """SVG of ``points`` ({lat, lon, label, href, title, cls}) over country outlines; '' if none."""
    points = [p for p in points if isinstance(p.get("lat"), (int, float)) and isinstance(p.get("lon"), (int, float))
              and -90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180]  # NaN fails too
    if not points:
        return ""
    w, s, e, n = _extent(points)
    kx = math.cos(math.radians((s + n) / 2))
    scale = min(width / max((e - w) * kx, 1e-6), height / max(n - s, 1e-6))
    vw, vh = (e - w) * kx * scale, (n - s) * scale

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return (lon - w) * kx * scale, (n - lat) * scale

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="map" viewBox="0 0 {vw:.1f} {vh:.1f}" '
             f'width="{vw:.0f}" height="{vh:.0f}" role="img" aria-label="Map of located events">',
             '<defs><clipPath id="mapclip"><rect x="0" y="0" '
             f'width="{vw:.1f}" height="{vh:.1f}"/></clipPath></defs>',
             f'<rect class="sea" x="0" y="0" width="{vw:.1f}" height="{vh:.1f}"/>',
             '<g clip-path="url(#mapclip)">']
    for name, ((x0, y0, x1, y1), ring) in world():
        if x1 < w or x0 > e or y1 < s or y0 > n:
            continue
        d = []
        for i in range(0, len(ring), 2):
            x, y = xy(ring[i], ring[i + 1])
            d.append(f"{'M' if i == 0 else 'L'}{x:.1f},{y:.1f}")
        parts.append(f'<path class="land" d="{"".join(d)}Z"><title>{html.escape(name)}</title></path>')
    step = _step(max(e - w, n - s))
    lon = math.ceil(w / step) * step
    while lon <= e:
        x, _ = xy(lon, n)
        parts.append(f'<line class="grat" x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{vh:.1f}"/>'
                     f'<text class="gratlabel" x="{x + 2:.1f}" y="{vh - 4:.1f}">{_deg(lon, "E", "W")}</text>')
        lon += step
    lat = math.ceil(s / step) * step
    while lat <= n:
        _, y = xy(w, lat)
        parts.append(f'<line class="grat" x1="0" y1="{y:.1f}" x2="{vw:.1f}" y2="{y:.1f}"/>'
                     f'<text class="gratlabel" x="3" y="{y - 3:.1f}">{_deg(lat, "N", "S")}</text>')
        lat += step
    labelled: set[str] = set()
    placed: list[tuple[float, float]] = []  # label anchors already drawn, to keep labels apart
    for p in points:
        x, y = xy(p["lon"], p["lat"])
        cls = html.escape(p.get("cls") or "pt", quote=True)
        title = html.escape(p.get("title") or p.get("label") or "")
        mark = f'<circle class="{cls}" cx="{x:.1f}" cy="{y:.1f}" r="5"><title>{title}</title></circle>'
        if p.get("href"):
            mark = f'<a href="{html.escape(p["href"], quote=True)}">{mark}</a>'
        parts.append(mark)
        label = p.get("label") or ""
        if label and label not in labelled and all(abs(x - px) > 60 or abs(y - py) > 12 for px, py in placed):
            labelled.add(label)
            placed.append((x, y))
            parts.append(f'<text class="ptlabel" x="{x + 7:.1f}" y="{y + 4:.1f}">{html.escape(label)}</text>')
    parts.append("</g></svg>")
    return "".join(parts)


def _deg(value: float, pos: str, neg: str) -> str:
    text = f"{abs(value):g}°"
    return text + (pos if value > 0 else neg if value < 0 else "")
