"""GeoJSON export: an RFC 7946 FeatureCollection of located events with their sources."""

from __future__ import annotations

import json

import pytest

from dateline.export import geojson
from dateline.story import Corpus, build

from story_helpers import BEACON, NEWSWEEK, hostile_record, mosul_story_records


@pytest.fixture(scope="module")
def collection():
    story = build(Corpus.from_records(mosul_story_records() + [hostile_record()]))
    return json.loads(geojson.render(story)), story


def test_export_geojson_structure(collection):
    obj, story = collection
    assert obj["type"] == "FeatureCollection" and "crs" not in obj
    assert len(obj["features"]) + obj["unlocated"] == len(story.events)
    for feat in obj["features"]:
        assert feat["type"] == "Feature"
        geom = feat["geometry"]
        assert geom["type"] == "Point" and len(geom["coordinates"]) == 2
        lon, lat = geom["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        props = feat["properties"]
        assert props["event_type"] and props["sources"]
        for src in props["sources"]:
            assert {"article", "outlet", "start", "end", "evidence"} <= set(src)


def test_export_geojson_lon_lat_order_and_sources(collection):
    obj, story = collection
    fall = [f for f in obj["features"] if f["properties"]["event_date"] == "2014-06-01"][0]
    assert fall["geometry"]["coordinates"] == [43.119, 36.335]  # [lon, lat], RFC 7946 3.1.1
    assert fall["properties"]["n_articles"] == 2 and fall["properties"]["background"] is True
    srcs = fall["properties"]["sources"]
    assert {s["article"] for s in srcs} == {NEWSWEEK, BEACON}
    for s in srcs:
        assert story.articles[s["article"]].body[s["start"]:s["end"]] == s["evidence"]


def test_export_geojson_unlocated_events_are_counted():
    rec = hostile_record()
    rec["events"][0]["latitude"] = None
    obj = json.loads(geojson.render(build(Corpus.from_records([rec]))))
    assert obj["features"] == [] and obj["unlocated"] == 1
