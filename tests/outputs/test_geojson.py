"""GeoJSON: one point per incident place with coordinates, properties a map can filter on."""

from __future__ import annotations

import json

from rashomon.model import Place
from rashomon.outputs.geojson import to_geojson


def test_feature_collection_of_places(sample):
    data = json.loads(to_geojson(sample))
    assert data["type"] == "FeatureCollection"
    features = data["features"]
    assert len(features) == 3  # two places of i1, one of i2
    first = features[0]
    assert first["geometry"] == {"type": "Point", "coordinates": [45.87, 40.2]}  # lon, lat (RFC 7946)
    props = first["properties"]
    assert props["id"] == "i1" and props["date"] == "2022-09-13" and props["primary"] is True
    assert props["statuses"] == {"initiator": "contested", "killed.armenian": "contested", "weapon": "single_source"}
    assert props["disputed"] == ["initiator", "killed.armenian"]
    assert props["event_type"] == "Battles" and props["tags"] == ["disputed", "denied"]
    assert "GeoNames" in data["attribution"]
    assert [f["properties"]["id"] for f in features] == ["i1", "i1", "i2"]
    assert len({f["id"] for f in features}) == 3


def test_places_without_coordinates_are_left_out(sample):
    inc = sample.incidents[1].model_copy(update={"places": (Place(name="somewhere", feature="unresolved"),)})
    data = json.loads(to_geojson(sample.model_copy(update={"incidents": (inc,)})))
    assert data == {"type": "FeatureCollection", "features": []}
