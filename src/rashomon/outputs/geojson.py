"""GeoJSON export: the incidents' places as a FeatureCollection of points (RFC 7946)."""

from __future__ import annotations

import json
from typing import Any

from rashomon.model import Analysis
from rashomon.outputs.acled import fatalities, primary_place, tags

#: Decimal places kept for coordinates: 5 is about a metre, finer than any gazetteer point.
_DECIMALS = 5


def geojson_dict(analysis: Analysis) -> dict[str, Any]:
    """The FeatureCollection as a dict: one Point per incident place that has coordinates.

    Each feature's properties: ``id`` (the incident), ``place``, ``feature`` (place, feature, admin1, country),
    ``country``, ``primary`` (the place the ACLED row uses), ``date`` / ``date_end`` / ``time_precision``,
    ``event_type`` / ``sub_event_type``, ``statuses`` (attribute -> status), ``disputed`` (the contested
    attributes), ``tags`` and ``fatalities`` (the conservative estimate). Places without coordinates are left
    out. The collection carries the place data's credit in ``attribution`` (GeoNames, CC BY 4.0).
    """
    features = []
    for inc in analysis.incidents:
        primary = primary_place(inc)
        statuses = {name: v.status for name, v in inc.attributes.items()}
        for place in inc.places:
            if place.lat is None or place.lon is None:
                continue
            features.append({
                "type": "Feature",
                "id": f"{inc.id}/{len(features)}",
                "geometry": {"type": "Point",
                             "coordinates": [round(place.lon, _DECIMALS), round(place.lat, _DECIMALS)]},
                "properties": {
                    "id": inc.id,
                    "place": place.name,
                    "feature": place.feature,
                    "country": place.country,
                    "geonameid": place.geonameid,
                    "primary": place is primary,
                    "date": inc.date.start.isoformat() if inc.date.start else None,
                    "date_end": inc.date.end.isoformat() if inc.date.end else None,
                    "time_precision": inc.date.precision,
                    "event_type": inc.event_type,
                    "sub_event_type": inc.sub_event_type,
                    "summary": inc.summary,
                    "statuses": statuses,
                    "disputed": [k for k, s in statuses.items() if s == "contested"],
                    "tags": tags(inc),
                    "fatalities": fatalities(inc),
                },
            })
    collection: dict[str, Any] = {"type": "FeatureCollection", "features": features}
    if features and analysis.credits:
        collection["attribution"] = "; ".join(analysis.credits)
    return collection


def to_geojson(analysis: Analysis, *, indent: int | None = None) -> str:
    """The incidents' places as GeoJSON text (see :func:`geojson_dict`)."""
    return json.dumps(geojson_dict(analysis), ensure_ascii=False, indent=indent)
