"""The inline SVG map: regional extent, country outlines from package data, escaped labels."""

from __future__ import annotations

import re

from rashomon.outputs.countries import countries, country
from rashomon.outputs.svgmap import MapPoint, WIDTH, _view, render_map


def _pt(lat, lon, label="x", **kw):
    return MapPoint(lat=lat, lon=lon, label=label, incident="i1", href="#incident-i1", **kw)


def test_outlines_ship_with_the_package():
    table = countries()
    assert len([c for c in table.values() if c.rings]) > 150
    am = country("am")
    assert (am.name, am.numeric, am.region) == ("Armenia", 51, "Caucasus and Central Asia")
    assert country("UA").region == "Europe" and country("SO").region == "Eastern Africa"
    assert country("XK").numeric == 0 and country(None) is None


def test_view_frames_the_places_and_keeps_them_inside():
    pts = [_pt(40.2, 45.9), _pt(39.5, 46.3)]
    v = _view(pts)
    for p in pts:
        x, y = v.xy(p.lon, p.lat)
        assert 0 < x < WIDTH and 0 < y < v.height
    assert v.lon_max - v.lon_min < 20  # regional, not the world
    world = _view([_pt(40, 45), _pt(37, -93)])
    assert world.lon_min == -180 and world.lon_max == 180


def test_map_draws_neighbouring_countries_and_points():
    svg = str(render_map([_pt(40.2, 45.87, "Sotk", primary=True, tag="i1")], highlight=["AM"]))
    assert svg.startswith('<svg class="map"') and svg.endswith("</svg>")
    titles = re.findall(r"<path class=\"land[^\"]*\" d=\"[^\"]+\"><title>([^<]+)</title>", svg)
    assert {"Armenia", "Azerbaijan", "Georgia"} <= set(titles)
    assert 'class="land hl"' in svg
    assert svg.count("<circle") == 1 and ">i1</text>" in svg


def test_labels_are_escaped():
    svg = str(render_map([_pt(40, 45, '<script>alert(1)</script>"', tag="<b>x</b>")]))
    assert "<script>" not in svg and "<b>" not in svg
    assert "&lt;script&gt;" in svg
