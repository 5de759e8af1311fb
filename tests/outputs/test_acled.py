"""ACLED CSV: ACLED's columns in order, actors named ACLED's way, notes in words, disputes kept visible."""

from __future__ import annotations

import csv
import io

import pytest

from rashomon.model import AttributeVerdict, Count, Place
from rashomon.outputs.acled import ACLED_COLUMNS, AcledCoder, acled_rows, count_words, primary_place
from rashomon.outputs.csv import CLAIM_COLUMNS, claims_csv, incidents_csv
from outputs.tests_paths import EVALDATA


def _rows(analysis, **kw):
    return list(csv.DictReader(io.StringIO(incidents_csv(analysis, timestamp=1700000000, **kw))))


def test_columns_are_acleds_in_order(sample):
    text = incidents_csv(sample, timestamp=1)
    assert tuple(next(csv.reader(io.StringIO(text)))) == ACLED_COLUMNS
    exports = sorted((EVALDATA / "acled_somalia_2025").glob("*.csv"))
    if exports:  # the public ACLED export has the same header
        with exports[0].open(encoding="utf-8") as f:
            assert tuple(next(csv.reader(f))) == ACLED_COLUMNS


def test_contested_battle_names_both_sides_and_says_who_blames_whom(sample):
    row = _rows(sample)[0]
    assert {row["actor1"], row["actor2"]} == {"Military Forces of Armenia", "Military Forces of Azerbaijan"}
    # the clash is in Armenia: Armenia's forces are state forces there, Azerbaijan's external
    inter = {row["actor1"]: row["inter1"], row["actor2"]: row["inter2"]}
    assert inter == {"Military Forces of Armenia": "State forces", "Military Forces of Azerbaijan": "External/Other forces"}
    assert row["interaction"] == "State forces-External/Other forces"
    assert (row["iso"], row["country"], row["region"]) == ("51", "Armenia", "Caucasus and Central Asia")
    assert (row["location"], row["geo_precision"], row["latitude"]) == ("Sotk", "1", "40.2")
    assert row["event_date"] == "2022-09-13" and row["year"] == "2022" and row["time_precision"] == "1"
    assert row["disorder_type"] == "Political violence"
    notes = row["notes"]
    assert notes.startswith("On 13 September 2022, an armed clash was reported at Sotk")
    assert "The Armenian Ministry of Defence (Armenian side): attack by Azerbaijani forces" in notes
    assert "The Azerbaijani Ministry of Defence (Azerbaijani side): attack by Armenian forces" in notes
    assert "killed on the Armenian side: none" in notes and "killed on the Armenian side: 2" in notes
    assert 'denied: "the claims of Baku as disinformation"' in notes
    assert "Disputed: initiator, killed.armenian." in notes
    assert row["fatalities"] == "0"  # the conservative estimate, not either side's figure
    assert row["tags"] == "disputed; denied"
    assert row["timestamp"] == "1700000000"
    assert row["source"] == "Armenian MoD; Azerbaijani MoD"


def test_contested_strike_is_coded_as_unidentified_forces(sample):
    inc = sample.incidents[0].model_copy(update={"event_type": "Explosions/Remote violence",
                                                  "sub_event_type": "Shelling/artillery/missile attack"})
    row = _rows(sample.model_copy(update={"incidents": (inc,)}))[0]
    assert row["actor1"] == "Unidentified Military Forces" and row["inter1"] == ""
    assert row["actor2"] == ""
    assert "shelling, artillery or missile fire" in row["notes"]


def test_one_initiator_gives_acled_actor_names(sample):
    inc = sample.incidents[0]
    attrs = dict(inc.attributes)
    attrs["initiator"] = AttributeVerdict(status="single_source", estimate="azerbaijani",
                                          claims=inc.attributes["initiator"].claims[:1], sources=1)
    attrs["target"] = AttributeVerdict(status="single_source", estimate="armenian",
                                       claims=inc.attributes["initiator"].claims[:1], sources=1)
    one = sample.model_copy(update={"incidents": (inc.model_copy(update={"attributes": attrs}),)})
    row = _rows(one)[0]
    assert (row["actor1"], row["inter1"]) == ("Military Forces of Azerbaijan", "External/Other forces")
    assert (row["actor2"], row["inter2"]) == ("Military Forces of Armenia", "State forces")


def test_civilian_victims_are_actor2_with_civilian_targeting(sample):
    row = _rows(sample)[1]
    assert (row["actor2"], row["inter2"], row["civilian_targeting"]) == ("Civilians (Ukraine)", "Civilians",
                                                                         "Civilian targeting")
    assert row["fatalities"] == "50" and row["tags"] == ""
    assert (row["iso"], row["region"]) == ("804", "Europe")


def test_a_stray_homonym_does_not_become_the_location(sample):
    inc = sample.incidents[0]
    places = (Place(name="Republic", lat=37.1, lon=-93.5, country="US", feature="place"),) + inc.places
    assert primary_place(inc.model_copy(update={"places": places})).name == "Sotk"


def test_country_names_take_acleds_article(actors):
    coder = AcledCoder(actors)
    assert coder.party("american", [], "SY").name == "Military Forces of the United States"
    assert coder.party("american", [], "SY").inter == "External/Other forces"
    assert coder.party("civilians", [], "UA").name == "Civilians (Ukraine)"


def test_named_groups_keep_their_own_name(actors):
    coder = AcledCoder(actors)
    party = coder.party("palestinian", ["hamas", "PS"], "IL")
    assert party.name == "Hamas" and party.inter == ""


@pytest.mark.parametrize("count, words", [
    (Count(min=0, max=0, text="no losses"), "no"),
    (Count(min=5, max=5, text="five"), "5"),
    (Count(min=2, max=None, text="at least 2"), "at least 2"),
    (Count(min=45, max=56, text="about 50"), "45-56"),
])
def test_count_words(count, words):
    assert count_words(count) == words


def test_claims_csv_keeps_every_claim_with_offsets(sample):
    rows = list(csv.DictReader(io.StringIO(claims_csv(sample))))
    assert tuple(rows[0]) == CLAIM_COLUMNS
    texts = {d.id: d.text for d in sample.documents}
    assert len(rows) == len(sample.claims)
    for r in rows:
        assert texts[r["document"]][int(r["start"]):int(r["end"])] == r["quote"]


def test_rows_without_places_or_dates_stay_valid(sample):
    inc = sample.incidents[1].model_copy(update={"places": (), "date": sample.incidents[1].date.model_copy(
        update={"start": None, "end": None, "precision": 3})})
    row = acled_rows(sample.model_copy(update={"incidents": (inc,)}), timestamp=1)[0]
    assert row["event_date"] == "" and row["iso"] == "" and row["location"] == ""
    assert row["notes"].startswith("On an unknown date")


@pytest.mark.slow
def test_examples_csv_is_complete(examples_analysis):
    rows = _rows(examples_analysis)
    assert len(rows) == len(examples_analysis.incidents)
    disputed = [r for r in rows if "disputed" in r["tags"]]
    assert disputed and all("Disputed:" in r["notes"] for r in disputed)
    assert all(r["iso"] and r["region"] for r in rows if r["country"])
    assert sum(bool(r["country"]) for r in rows) >= len(rows) - 2
    assert any(r["actor1"].startswith("Military Forces of ") for r in rows)
