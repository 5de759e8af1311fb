"""Incidents and reconcile on small multi-document sets written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from rashomon.ingest import document_from_text
from rashomon.pipeline import analyze_documents

pytestmark = pytest.mark.slow

DAY = dt.date(2020, 5, 10)


def _run(texts, nlp, actors, gazetteer, published=DAY):
    docs = [document_from_text(t, source=f"doc{k}.txt", published=published) for k, t in enumerate(texts)]
    return analyze_documents(docs, nlp=nlp, actors=actors, gazetteer=gazetteer)


def _counts(inc, attr, side):
    v = inc.attributes.get(attr)
    return [(c.value.min, c.value.max) for c in v.claims if c.side == side] if v else []


ARMENIAN = ("The Armenian Defence Ministry said Azerbaijani forces attacked Armenian positions near Martuni "
            "on 10 May. Two Azerbaijani soldiers were killed, the ministry said. Our forces have no losses, "
            "the ministry added.")
AZERBAIJANI = ("The Azerbaijani Defence Ministry said Armenian units tried to penetrate Azerbaijani positions "
               "near Khojavend on 10 May. The ministry said the Azerbaijani side has no losses.")
BORDER = ("Azerbaijani forces shelled the village of Baghanis in Armenia's Tavush province on 10 May, "
          "the Armenian Defence Ministry said. No one was hurt.")


def test_mirror_claims_make_one_contested_incident(nlp, actors, gazetteer):
    result = _run([ARMENIAN, AZERBAIJANI], nlp, actors, gazetteer)
    both = [i for i in result.incidents if len(i.documents) == 2]
    assert len(both) == 1
    inc = both[0]
    assert inc.date.start == DAY
    assert inc.attributes["initiator"].status == "contested"
    assert inc.attributes["killed.azerbaijani"].status == "contested"
    assert (2, 2) in _counts(inc, "killed.azerbaijani", "armenian")
    assert (0, 0) in _counts(inc, "killed.azerbaijani", "azerbaijani")
    assert inc.attributes["killed.armenian"].status == "single_source"


def test_same_day_incidents_far_apart_stay_apart(nlp, actors, gazetteer):
    result = _run([ARMENIAN, BORDER], nlp, actors, gazetteer)
    located = [i for i in result.incidents if i.places]
    names = [{p.name for p in i.places} for i in located]
    assert any("Baghanis" in n for n in names) and any("Martuni" in n for n in names)
    assert not any("Baghanis" in n and "Martuni" in n for n in names)


def test_relayed_copies_count_as_one_source(nlp, actors, gazetteer):
    relay = ("STEPANAKERT (Example Radio)—Azerbaijani forces attacked Armenian positions near Martuni on 10 May, "
             "the Armenian Defence Ministry said.")
    result = _run([ARMENIAN, relay], nlp, actors, gazetteer)
    inc = next(i for i in result.incidents if len(i.documents) == 2)
    verdict = inc.attributes["initiator"]
    assert verdict.sources == 1
    assert verdict.status == "single_source"


def test_a_rising_toll_is_an_update_not_a_contradiction(nlp, actors, gazetteer):
    early = document_from_text("Russian missiles hit Kramatorsk station on 8 April 2022, killing 30 civilians, "
                               "Ukraine's railway company said.", source="early.txt")
    late = document_from_text("The toll of the missile strike on Kramatorsk station on 8 April 2022 rose to 50 "
                              "civilians killed, Ukraine's railway company said.", source="late.txt")
    early = early.model_copy(update={"published": dt.date(2022, 4, 8)})
    late = late.model_copy(update={"published": dt.date(2022, 4, 9)})
    result = analyze_documents([early, late], nlp=nlp, actors=actors, gazetteer=gazetteer)
    inc = next(i for i in result.incidents if "killed.civilians" in i.attributes)
    v = inc.attributes["killed.civilians"]
    assert v.status != "contested"
    assert [c.superseded for c in v.claims] == [True, False]
    assert v.estimate.min == 50


def test_a_later_day_named_in_the_attribution_orders_the_update(nlp, actors, gazetteer):
    # an article of the 13th with an update paragraph on top: the later figure comes first in the text
    text = ("Updated: Azerbaijan's defence ministry said on 15 September 2022 that 71 of its servicemen "
            "had been killed.\n\n"
            "Azerbaijani forces and Armenian forces clashed near Jermuk on 13 September 2022. "
            "Azerbaijan's defence ministry said that 50 of its servicemen had been killed in the clash.")
    doc = document_from_text(text, source="page.txt").model_copy(update={"published": dt.date(2022, 9, 13)})
    result = analyze_documents([doc], nlp=nlp, actors=actors, gazetteer=gazetteer)
    v = next(i.attributes["killed.azerbaijani"] for i in result.incidents if "killed.azerbaijani" in i.attributes)
    assert v.estimate.min == 71 and v.status != "contested"
    assert sorted((c.value.min, c.superseded) for c in v.claims) == [(50, True), (71, False)]


def test_a_country_and_a_place_of_no_one_country_can_be_one_incident(nlp, actors, gazetteer):
    texts = ["Indian jets struck a militant camp in Pakistan on 26 February 2019, India's foreign ministry said.",
             "Pakistan's military said Indian aircraft crossed the Line of Control in Kashmir on 26 February 2019 "
             "and dropped their bombs in an open area."]
    result = _run(texts, nlp, actors, gazetteer, published=dt.date(2019, 2, 26))
    assert any(len(i.documents) == 2 for i in result.incidents)


def test_denial_is_recorded(nlp, actors, gazetteer):
    text = ("The Azerbaijani Defence Ministry said Armenian units attacked its positions near Khojavend on 10 May. "
            "A spokesman for the Artsakh Defence Ministry said the Azerbaijani statement was fabricated.")
    result = _run([text], nlp, actors, gazetteer)
    inc = result.incidents[0]
    claims = {c.id: c for c in result.claims}
    assert [claims[d].claimant.side for d in inc.denials] == ["armenian"]
    assert inc.attributes["initiator"].status == "denied"


def test_historical_and_forecast_mentions_make_no_incident(nlp, actors, gazetteer):
    text = ("The country marks the anniversary of the 1992 massacre in Khojaly, in which hundreds of civilians "
            "were killed. An analyst wrote that a new offensive is likely within the coming two months.")
    assert _run([text], nlp, actors, gazetteer).incidents == ()


def test_a_syndicated_copy_is_not_a_second_source(nlp, actors, gazetteer):
    original = document_from_text("Azerbaijani forces shelled Armenian positions near Martuni on 10 May, killing "
                                  "two soldiers.", source="a.txt", published=DAY, outlet="Example Wire")
    copy = document_from_text("Azerbaijani forces shelled Armenian positions near Martuni on 10 May, killing "
                              "two soldiers.\n\nRead more on our site.", source="b.txt", published=DAY,
                              outlet="Other Daily")
    copy = copy.model_copy(update={"relay_of": original.id})
    result = analyze_documents([original, copy], nlp=nlp, actors=actors, gazetteer=gazetteer)
    inc = result.incidents[0]
    assert inc.attributes["killed.armenian"].sources == 1


def test_unaligned_outlets_corroborate_and_do_not_make_sides_agree(nlp, actors, gazetteer):
    first = ("Artillery shells hit a residential street in Sloviansk on 10 May, killing four civilians and "
             "setting fire to a school. Rescue teams cleared rubble from two collapsed houses overnight.")
    second = ("Four civilians died when shells struck a street in Sloviansk on 10 May. A school caught fire and "
              "two houses collapsed, and rescuers worked through the night.")
    result = _run([first, second], nlp, actors, gazetteer)
    inc = next(i for i in result.incidents if len(i.documents) == 2)
    verdict = inc.attributes["killed.civilians"]
    assert verdict.sources == 2
    assert {c.side for c in verdict.claims} == {None}
    assert verdict.status == "corroborated"


def test_casualties_of_unknown_side_are_kept_as_killed_unknown(nlp, actors, gazetteer):
    """A toll whose side the text does not tell is still a toll: ``killed.unknown``, not dropped."""
    result = _run(["A roadside bomb exploded near a market in Varnek town on 10 May. Four fighters were killed."],
                  nlp, actors, gazetteer)
    assert any(i.attributes.get("killed.unknown") is not None and i.attributes["killed.unknown"].estimate.min == 4
               for i in result.incidents)


def test_a_breakdown_of_a_total_does_not_supersede_it(nlp, actors, gazetteer):
    result = _run(["A bomb exploded at the Orlen bus depot on 10 May, killing about 50 people, police said. "
                   "Of these, 38 people died at the depot itself."], nlp, actors, gazetteer)
    inc = next(i for i in result.incidents if "killed.civilians" in i.attributes)
    assert inc.attributes["killed.civilians"].estimate.min >= 45
