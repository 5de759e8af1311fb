"""Places: toponym recognition and resolution, in geoparsing mode and in the events stage's mode."""

from __future__ import annotations

import pytest

from rashomon.knowledge.gazetteer import distance_km
from rashomon.language import sentences
from rashomon.places import find_places

pytestmark = pytest.mark.slow


@pytest.fixture
def places(nlp, actors, gazetteer, make_doc):
    def _places(text: str, *, geo: bool = True, outlet: str | None = None):
        document = make_doc(text, outlet=outlet)
        doc = nlp(text)
        if geo:
            found = find_places(document, doc, gazetteer=gazetteer, actors=actors, include_actors=True)
        else:
            found = [p for sent in sentences(doc)
                     for p in find_places(document, doc, gazetteer=gazetteer, actors=actors, sentence=sent)]
        for p in found:
            assert p.span is not None and text[p.span.start:p.span.end] == p.span.text
        return found
    return _places


def _by_text(found):
    return {p.span.text: p for p in found}


def test_countries_used_as_actors_and_demonyms_count_in_geo_mode(places):
    found = _by_text(places("Turkey shells Syrian city as it pushes into the Kurdish enclave of Afrin."))
    assert found["Turkey"].country == "TR" and found["Turkey"].feature == "country"
    assert found["Syrian"].country == "SY"  # the demonym resolves to its country
    assert found["Afrin"].country == "SY"


def test_events_mode_keeps_countries_after_locative_prepositions_only(places):
    found = _by_text(places("Azerbaijan shelled positions in Armenia, the ministry said.", geo=False))
    assert "Azerbaijan" not in found and found["Armenia"].country == "AM"
    assert "Syrian" not in _by_text(places("Syrian forces shelled Idlib.", geo=False))


def test_away_from_is_a_place_only_in_geo_mode(places):
    text = "Shells fell on Baghanis, away from Ijevan, the ministry said."
    assert "Ijevan" not in _by_text(places(text, geo=False))
    assert _by_text(places(text))["Ijevan"].country == "AM"


def test_a_street_is_not_cut_into_a_town(places):
    found = _by_text(places("The parade went down Royal Street in New Orleans on Sunday."))
    assert "Royal" not in found and found["New Orleans"].admin1 == "LA"


@pytest.mark.parametrize(
    "text, name, country, admin1",
    [
        ("Officials in Springfield, Illinois, closed the schools.", "Springfield", "US", "IL"),
        ("The fair opened in Paris, Texas, on Friday.", "Paris", "US", "TX"),
        ("The sheriff of Gainesville, Ga., said the road was closed.", "Gainesville", "US", "GA"),
    ],
)
def test_x_comma_y_keeps_x_inside_y(places, text, name, country, admin1):
    place = _by_text(places(text))[name]
    assert (place.country, place.admin1) == (country, admin1)


def test_states_and_counties_of_a_local_report(places):
    found = _by_text(places("Hall County deputies said the fire near Gainesville spread across Georgia."))
    assert (found["Georgia"].feature, found["Georgia"].country) == ("admin1", "US")
    assert found["Hall County"].admin1 == "GA" and found["Gainesville"].admin1 == "GA"


def test_country_points_are_near_geonames(places):
    (russia,) = [p for p in places("Russia said on Monday it would respond.") if p.span.text == "Russia"]
    assert distance_km((russia.lat, russia.lon), (60.0, 100.0)) < 161


def test_calendar_words_and_outlet_names_are_not_places(places):
    found = _by_text(places("The board will meet in May, Meridian Wire reported from Kharkiv.", outlet="Meridian Wire"))
    assert "May" not in found and "Meridian" not in found and found["Kharkiv"].country == "UA"


def test_organisation_names_lead_with_their_place(places):
    found = _by_text(places("The Springfield Police Department said the suspect fled to Chicago."))
    assert found["Springfield"].country == "US" and found["Chicago"].admin1 == "IL"


def test_a_list_of_countries_is_no_place_in_the_next(places):
    found = _by_text(places("Officials in Peru, China, Japan and Kenya reported new cases."))
    assert found["China"].country == "CN" and found["Japan"].country == "JP"


def test_place_comma_region_still_holds(places):
    found = _by_text(places("Volunteers came to Palestine, Texas, for the fair run by Ottoline Brisk."))
    assert found["Palestine"].country == "US" and found["Palestine"].admin1 == "TX"
