"""A map of incident places as inline SVG: country outlines, a graticule and points, with no tiles or network.

The outlines are Natural Earth's low-resolution admin-0 countries (public domain) as shipped by the
``countryinfo`` package (:mod:`rashomon.outputs.countries`). The projection is equirectangular with longitudes
scaled by the cosine of the map's middle latitude, which keeps shapes right at the regional scale incidents are
seen at. Every text in the SVG is escaped; the caller only passes plain strings.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from rashomon.outputs.countries import countries

#: Width of the SVG's coordinate system; the drawing scales to its container.
WIDTH = 960
#: The map's height stays between these (in the same units) whatever the places' extent.
MIN_HEIGHT, MAX_HEIGHT = 320, 440
#: Margin around the places, as a share of their extent, and the least extent shown (degrees): a single town
#: is shown with its surroundings, about 400 km across.
PAD, MIN_SPAN_LAT, MIN_SPAN_LON = 0.25, 4.0, 5.0
#: Past this longitude span the places are scattered over the world: the whole world is shown.
WORLD_SPAN_LON = 100.0
#: Outline points closer than this (SVG units) to the previous one are dropped: invisible at this size.
SIMPLIFY = 0.7
#: Countries narrower than this on the map are not labelled.
LABEL_MIN_WIDTH = 50.0


@dataclass(frozen=True)
class MapPoint:
    """One place of one incident."""

    lat: float
    lon: float
    label: str
    incident: str
    href: str
    kind: str = "place"
    primary: bool = False
    disputed: bool = False
    tag: str = ""


@dataclass(frozen=True)
class _View:
    lon0: float
    lat1: float
    kx: float
    ky: float
    height: int
    lon_min: float
    lon_max: float
    lat_min: float
    lat_max: float

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        return (lon - self.lon0) * self.kx, (self.lat1 - lat) * self.ky


def _view(points: Sequence[MapPoint]) -> _View:
    lats = [p.lat for p in points]
    lons = [p.lon for p in points]
    if not points or max(lons) - min(lons) > WORLD_SPAN_LON:
        lat_min, lat_max, lon_min, lon_max = -58.0, 84.0, -180.0, 180.0
    else:
        lat_min, lat_max, lon_min, lon_max = min(lats), max(lats), min(lons), max(lons)
        dlat = max(lat_max - lat_min, MIN_SPAN_LAT)
        dlon = max(lon_max - lon_min, MIN_SPAN_LON)
        clat, clon = (lat_min + lat_max) / 2, (lon_min + lon_max) / 2
        dlat, dlon = dlat * (1 + 2 * PAD), dlon * (1 + 2 * PAD)
        lat_min, lat_max = max(clat - dlat / 2, -85.0), min(clat + dlat / 2, 85.0)
        lon_min, lon_max = clon - dlon / 2, clon + dlon / 2
    cos = max(math.cos(math.radians((lat_min + lat_max) / 2)), 0.2)
    kx = WIDTH / (lon_max - lon_min)
    ky = kx / cos
    height = (lat_max - lat_min) * ky
    if height > MAX_HEIGHT:  # too tall: widen the longitudes instead
        ky = MAX_HEIGHT / (lat_max - lat_min)
        kx = ky * cos
        extra = (WIDTH / kx - (lon_max - lon_min)) / 2
        lon_min, lon_max = lon_min - extra, lon_max + extra
        height = MAX_HEIGHT
    elif height < MIN_HEIGHT:  # too flat: show more latitudes
        extra = (MIN_HEIGHT / ky - (lat_max - lat_min)) / 2
        lat_min, lat_max = lat_min - extra, lat_max + extra
        height = MIN_HEIGHT
    return _View(lon_min, lat_max, kx, ky, int(round(height)), lon_min, lon_max, lat_min, lat_max)


def _ring_path(ring: Sequence[tuple[float, float]], v: _View) -> str:
    pts = []
    last = None
    for lon, lat in ring:
        x, y = v.xy(lon, lat)
        if last is not None and abs(x - last[0]) < SIMPLIFY and abs(y - last[1]) < SIMPLIFY:
            continue
        pts.append(f"{x:.1f} {y:.1f}")
        last = (x, y)
    return "M" + "L".join(pts) + "Z" if len(pts) >= 3 else ""


def _overlaps(ring: Sequence[tuple[float, float]], v: _View) -> bool:
    lons = [p[0] for p in ring]
    lats = [p[1] for p in ring]
    return not (max(lons) < v.lon_min or min(lons) > v.lon_max or max(lats) < v.lat_min or min(lats) > v.lat_max)


def _step(span: float) -> float:
    for step in (0.5, 1, 2, 5, 10, 15, 30, 45, 60):
        if span / step <= 8:
            return step
    return 90


def _deg(value: float, pos: str, neg: str) -> str:
    text = f"{abs(value):g}°"
    return text + (pos if value > 0 else neg if value < 0 else "")


def render_map(points: Sequence[MapPoint], *, highlight: Sequence[str] = (), title: str = "Map of incident places") -> Markup:
    """The SVG element (as safe markup) for these points.

    Args:
        points: the places to mark; a point links to ``href`` and carries ``data-incident`` for the filters.
        highlight: ISO alpha-2 codes of countries to shade (those the incidents are in).
        title: the SVG's accessible title.
    """
    v = _view(points)
    shade = set(highlight)
    parts = [f'<svg class="map" viewBox="0 0 {WIDTH} {v.height}" role="img" aria-labelledby="map-title" '
             f'xmlns="http://www.w3.org/2000/svg">',
             f'<title id="map-title">{escape(title)}</title>',
             f'<rect class="sea" x="0" y="0" width="{WIDTH}" height="{v.height}"/>']
    labels = []
    for c in countries().values():
        paths = [_ring_path(r, v) for r in c.rings if _overlaps(r, v)]
        paths = [p for p in paths if p]
        if not paths:
            continue
        cls = "land hl" if c.iso2 in shade else "land"
        parts.append(f'<path class="{cls}" d="{"".join(paths)}"><title>{escape(c.name)}</title></path>')
        if c.lat is not None and c.lon is not None and v.lat_min < c.lat < v.lat_max and v.lon_min < c.lon < v.lon_max:
            xs = [v.xy(lon, lat)[0] for r in c.rings if _overlaps(r, v) for lon, lat in r]
            x, y = v.xy(c.lon, c.lat)
            clear = LABEL_MIN_WIDTH <= x <= WIDTH - LABEL_MIN_WIDTH and 14 <= y <= v.height - 20
            if xs and max(xs) - min(xs) >= LABEL_MIN_WIDTH and clear:
                labels.append(f'<text class="cname" x="{x:.1f}" y="{y:.1f}">{escape(c.name)}</text>')
    step = _step(v.lat_max - v.lat_min)
    grid = []
    lat = math.ceil(v.lat_min / step) * step
    while lat < v.lat_max:
        _, y = v.xy(v.lon_min, lat)
        grid.append(f'<path class="grat" d="M0 {y:.1f}H{WIDTH}"/>'
                    f'<text class="glabel" x="4" y="{y - 3:.1f}">{_deg(lat, "N", "S")}</text>')
        lat += step
    lon = math.ceil(v.lon_min / step) * step
    while lon < v.lon_max:
        x, _ = v.xy(lon, v.lat_max)
        grid.append(f'<path class="grat" d="M{x:.1f} 0V{v.height}"/>'
                    f'<text class="glabel" x="{x + 3:.1f}" y="{v.height - 5}">{_deg(lon, "E", "W")}</text>')
        lon += step
    parts += grid + labels
    for p in sorted(points, key=lambda p: p.primary):  # primary places on top
        x, y = v.xy(p.lon, p.lat)
        cls = "pt" + (" primary" if p.primary else "") + (" disputed" if p.disputed else "")
        r = 7 if p.primary else 4
        tag = f'<text class="ptlabel" x="{x + 9:.1f}" y="{y + 4:.1f}">{escape(p.tag)}</text>' if p.tag else ""
        parts.append(f'<a href="{escape(p.href)}" class="mpt" data-incident="{escape(p.incident)}">'
                     f'<circle class="{cls}" cx="{x:.1f}" cy="{y:.1f}" r="{r}"/>{tag}'
                     f'<title>{escape(p.label)}</title></a>')
    parts.append("</svg>")
    return Markup("".join(parts))
