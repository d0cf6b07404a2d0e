"""Regenerate world_110m.json (country outlines for the offline HTML map) from world-atlas.

Source: Natural Earth 1:110m admin-0 countries (public domain), version 4.1.0, as
redistributed in TopoJSON by the npm package world-atlas 2.0.2 (ISC licence,
countries-110m.json). Not run at install or test time; kept so the data file can be rebuilt:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python make_world_outline.py package/countries-110m.json > world_110m.json
"""

import json
import sys


def decode(topo: dict) -> list[dict]:
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((round(x * sx + tx, 2), round(y * sy + ty, 2)))
        arcs.append(pts)

    def ring(indices):
        out = []
        for i in indices:
            pts = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(pts if not out else pts[1:])
        return out

    countries = []
    for geom in topo["objects"]["countries"]["geometries"]:
        polys = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]] if geom.get("arcs") else []
        rings = []
        for poly in polys:
            for r in poly:
                pts = ring(r)
                dedup = [p for k, p in enumerate(pts) if k == 0 or p != pts[k - 1]]
                if len(dedup) >= 4:
                    rings.append([c for p in dedup for c in p])
        countries.append({"id": geom.get("id"), "name": geom.get("properties", {}).get("name"),
                          "rings": rings})
    return countries


if __name__ == "__main__":
    topo = json.load(open(sys.argv[1]))
    json.dump({"source": "Natural Earth 1:110m admin-0 countries v4.1.0 (public domain), via npm "
                         "world-atlas 2.0.2 countries-110m.json (ISC); rings are flat "
                         "[lon, lat, lon, lat, ...] lists, 2 decimals; see make_world_outline.py",
               "countries": decode(topo)}, sys.stdout, separators=(",", ":"))
