"""Country facts the exports need: ISO numeric codes, names, ACLED regions, and outlines for the report map.

The data come from the ``countryinfo`` package (MIT), which ships one JSON file per country with its ISO codes,
UN M49 region and sub-region, centre, and an outline polygon. The outlines are those of the public-domain
``world.geo.json`` set, itself drawn from Natural Earth's admin-0 countries at low resolution (public domain).
They are loaded once per process (about 50 ms) through the package's public ``CountryInfo.all()``.

ACLED's regions regroup the UN M49 sub-regions: Africa and the Americas use the UN's intermediate regions as they
are (Eastern Africa, Caribbean, ...); Armenia, Azerbaijan and Georgia leave Western Asia to join Central Asia as
"Caucasus and Central Asia"; Iran joins Western Asia as the "Middle East"; Cyprus is in "Europe".
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache

logger = logging.getLogger(__name__)

#: ACLED regions by UN M49 sub-region (or intermediate region, for Africa and the Americas).
_ACLED_REGION = {
    "Eastern Africa": "Eastern Africa", "Western Africa": "Western Africa", "Middle Africa": "Middle Africa",
    "Southern Africa": "Southern Africa", "Northern Africa": "Northern Africa",
    "Caribbean": "Caribbean", "Central America": "Central America", "South America": "South America",
    "Northern America": "North America",
    "Southern Asia": "South Asia", "South-eastern Asia": "Southeast Asia", "South-Eastern Asia": "Southeast Asia",
    "Eastern Asia": "East Asia", "Central Asia": "Caucasus and Central Asia", "Western Asia": "Middle East",
    "Northern Europe": "Europe", "Southern Europe": "Europe", "Eastern Europe": "Europe", "Western Europe": "Europe",
    "Australia and New Zealand": "Oceania", "Melanesia": "Oceania", "Micronesia": "Oceania",
    "Polynesia": "Oceania",
}
#: Countries whose ACLED region differs from their UN sub-region's.
_ACLED_REGION_BY_COUNTRY = {
    "AM": "Caucasus and Central Asia", "AZ": "Caucasus and Central Asia", "GE": "Caucasus and Central Asia",
    "IR": "Middle East", "CY": "Europe", "XK": "Europe", "AQ": "Antarctica",
}
#: Countries ACLED codes that the data lack (ISO numeric 0 is ACLED's code for Kosovo).
_EXTRA = {"XK": ("Kosovo", 0, 42.6, 20.9)}


@dataclass(frozen=True)
class Country:
    """One country: ISO codes, English short name, ACLED region, centre, and outline rings (lon, lat)."""

    iso2: str
    iso3: str
    numeric: int | None
    name: str
    region: str
    lat: float | None
    lon: float | None
    rings: tuple[tuple[tuple[float, float], ...], ...] = ()


def _rings(geojson: dict) -> list[tuple[tuple[float, float], ...]]:
    out: list[tuple[tuple[float, float], ...]] = []
    for feature in geojson.get("features", []) if isinstance(geojson, dict) else []:
        geom = feature.get("geometry") or {}
        polygons = ([geom.get("coordinates", [])] if geom.get("type") == "Polygon"
                    else geom.get("coordinates", []) if geom.get("type") == "MultiPolygon" else [])
        for polygon in polygons:
            for ring in polygon[:1]:  # outer ring only: holes are lakes, not drawn at this scale
                if len(ring) >= 3:
                    out.append(tuple((float(x), float(y)) for x, y, *_ in ring))
    return out


@lru_cache(maxsize=1)
def countries() -> dict[str, Country]:
    """Every country with an ISO 3166-1 alpha-2 code, by that code (loaded once)."""
    try:
        from countryinfo import CountryInfo
    except ImportError:  # pragma: no cover - a declared dependency; kept so that exports degrade, not fail
        logger.warning("countryinfo is not installed: no ISO numeric codes, regions or map outlines")
        return {}
    out: dict[str, Country] = {}
    for info in CountryInfo.all().values():
        iso = info.get("ISO") or {}
        iso2 = (iso.get("alpha2") or "").upper()
        if len(iso2) != 2 or iso2 in out:
            continue
        numeric = iso.get("numeric")
        sub = info.get("intermediateregion") or info.get("subregion") or ""
        if sub not in _ACLED_REGION:
            sub = info.get("subregion") or ""
        region = _ACLED_REGION_BY_COUNTRY.get(iso2) or _ACLED_REGION.get(sub, "")
        latlng = info.get("latlng") or [None, None]
        out[iso2] = Country(
            iso2=iso2, iso3=(iso.get("alpha3") or "").upper(),
            numeric=int(numeric) if numeric and str(numeric).isdigit() else None,
            name=info.get("name") or iso2, region=region,
            lat=float(latlng[0]) if latlng[0] is not None else None,
            lon=float(latlng[1]) if len(latlng) > 1 and latlng[1] is not None else None,
            rings=tuple(_rings(info.get("geoJSON") or {})),
        )
    for iso2, (name, numeric, lat, lon) in _EXTRA.items():
        out.setdefault(iso2, Country(iso2, "", numeric, name, _ACLED_REGION_BY_COUNTRY.get(iso2, ""), lat, lon))
    logger.debug("country table: %d countries, %d with outlines", len(out), sum(bool(c.rings) for c in out.values()))
    return out


def country(iso2: str | None) -> Country | None:
    """The country with this ISO 3166-1 alpha-2 code, or None."""
    return countries().get(iso2.strip().upper()) if iso2 else None
