"""An inline SVG chart of one figure over time: each claim a point (a bar for a range, an
arrow for 'more than'), on a date axis, each linked to its evidence."""

from __future__ import annotations

import datetime as dt
import html
import math

W, H = 560, 220
LEFT, RIGHT, TOP, BOTTOM = 70, 20, 16, 36


def _fmt(v: float) -> str:
    if v >= 1e6:
        return f"{v / 1e6:.3g}M"
    if v >= 1e3:
        return f"{v / 1e3:.3g}k"
    return f"{v:.3g}"


def series_svg(points: list[dict], title: str = "") -> str:
    """SVG for points {day: date, low, high, label, href, conflict: bool}; '' without dated points."""
    pts = [p for p in points if isinstance(p.get("day"), dt.date) and math.isfinite(p.get("low", math.nan))]
    if not pts:
        return ""
    d0 = min(p["day"] for p in pts)
    d1 = max(p["day"] for p in pts)
    span = max((d1 - d0).days, 1)
    top_value = max(p["low"] if math.isinf(p["high"]) else p["high"] for p in pts) or 1.0
    top_value *= 1.15
    pw, ph = W - LEFT - RIGHT, H - TOP - BOTTOM

    def x(day: dt.date) -> float:
        if d0 == d1:
            return LEFT + pw / 2
        return LEFT + pw * (day - d0).days / span

    def y(v: float) -> float:
        return TOP + ph * (1 - min(v, top_value) / top_value)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {W} {H}" width="{W}" '
           f'height="{H}" role="img" aria-label="{html.escape(title, quote=True)}">',
           f'<line class="axis" x1="{LEFT}" y1="{TOP + ph}" x2="{W - RIGHT}" y2="{TOP + ph}"/>',
           f'<line class="axis" x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + ph}"/>']
    for frac in (0, 0.5, 1):
        v = top_value / 1.15 * frac
        out.append(f'<text class="tick" x="{LEFT - 6}" y="{y(v) + 4:.1f}" text-anchor="end">{_fmt(v)}</text>'
                   f'<line class="gridline" x1="{LEFT}" y1="{y(v):.1f}" x2="{W - RIGHT}" y2="{y(v):.1f}"/>')
    days = sorted({p["day"] for p in pts})
    shown = days if len(days) <= 4 else [days[0], days[len(days) // 2], days[-1]]
    last_x = -1e9
    for day in shown:
        if x(day) - last_x < 70:  # keep date labels from overprinting
            continue
        last_x = x(day)
        anchor = "start" if x(day) < LEFT + 40 else "end" if x(day) > W - RIGHT - 40 else "middle"
        out.append(f'<text class="tick" x="{x(day):.1f}" y="{H - 12}" text-anchor="{anchor}">{day.isoformat()}</text>')
    for p in pts:
        cx = x(p["day"])
        cls = "pt conflict" if p.get("conflict") else "pt"
        tip = html.escape(p.get("label") or "")
        if math.isinf(p["high"]):
            shape = (f'<line class="{cls}" x1="{cx:.1f}" y1="{y(p["low"]):.1f}" x2="{cx:.1f}" y2="{TOP}"/>'
                     f'<path class="{cls}" d="M{cx - 5:.1f},{TOP + 8} L{cx:.1f},{TOP} L{cx + 5:.1f},{TOP + 8}"/>')
        elif p["high"] > p["low"]:
            shape = f'<line class="{cls} range" x1="{cx:.1f}" y1="{y(p["low"]):.1f}" x2="{cx:.1f}" y2="{y(p["high"]):.1f}"/>'
        else:
            shape = ""
        mid = p.get("value", p["low"])
        shape += f'<circle class="{cls}" cx="{cx:.1f}" cy="{y(mid):.1f}" r="5"><title>{tip}</title></circle>'
        if p.get("href"):
            shape = f'<a href="{html.escape(p["href"], quote=True)}">{shape}</a>'
        out.append(shape)
    out.append("</svg>")
    return "".join(out)
