"""GeoJSON (RFC 7946) of the story's linked events: one Point feature per located event,
with the event's fields and every report of it (outlet, article, evidence offsets and text).

Coordinates are [longitude, latitude] in WGS 84, as RFC 7946 requires; events without
coordinates cannot be drawn and are counted in the collection's ``unlocated`` member.
"""

from __future__ import annotations

import json

from ..story import Story
from .common import event_sources


def collection(story: Story) -> dict:
    """The FeatureCollection of the story's located events."""
    features, unlocated = [], 0
    for n, ev in enumerate(story.events, 1):
        lat, lon = ev.fields.get("latitude"), ev.fields.get("longitude")
        if not (isinstance(lat, (int, float)) and isinstance(lon, (int, float))
                and -90 <= lat <= 90 and -180 <= lon <= 180):
            unlocated += 1
            continue
        props = {k: v for k, v in ev.fields.items() if k not in ("latitude", "longitude")}
        props.update(background=ev.background, n_articles=len(ev.articles),
                     sources=event_sources(story, ev))
        features.append({"type": "Feature", "id": n,
                         "geometry": {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]},
                         "properties": props})
    return {"type": "FeatureCollection", "features": features, "unlocated": unlocated}


def render(story: Story) -> str:
    """The GeoJSON text."""
    return json.dumps(collection(story), ensure_ascii=False, indent=1) + "\n"
