"""The geo task: the three XML layouts, offset alignment, and scores on a hand-made article."""

from __future__ import annotations

import pytest

from rashomon.errors import EvaluationDataError
from rashomon.evaluation import geo
from rashomon.evaluation.geo import align, evaluate, load_articles
from rashomon.model import Place, Span

TEXT = "Fighting was reported in Baghdad on Monday.\nLater, Iraqi officials in Mosul said the roads were closed."
B, M = TEXT.index("Baghdad"), TEXT.index("Mosul")


def _gwn_toponym(name, start, end, kind="Literal", lat="", lon="", non_locational="No"):
    return (f"<toponym><extractedName>{name}</extractedName><normalisedName/><type>{kind}</type><modifierType/>"
            f"<nonLocational>{non_locational}</nonLocational><start>{start}</start><end>{end}</end>"
            f"<geonamesID/><latitude>{lat}</latitude><longitude>{lon}</longitude></toponym>")


def write_gwn(path):
    toponyms = "".join([
        _gwn_toponym("Baghdad", B, B + 7, lat="33.34", lon="44.40"),
        _gwn_toponym("Mosul", M + 1, M + 6, kind="Metonymic", lat="0.0", lon="0.0"),  # offset off by one, far point
        _gwn_toponym("Iraqi", TEXT.index("Iraqi"), TEXT.index("Iraqi") + 5, kind="Demonym"),
        _gwn_toponym("roads", TEXT.index("roads"), TEXT.index("roads") + 5, kind="Literal_Expression"),
    ])
    path.write_text(f'<?xml version="1.0" ?>\n<articles><article file="0"><title>T</title><link>L</link>'
                    f"<text>{TEXT}</text><toponyms>{toponyms}</toponyms></article></articles>", encoding="utf-8")
    return path


def test_gwn_gold_types_and_alignment(tmp_path):
    (article,) = load_articles(write_gwn(tmp_path / "gwn.xml"))
    assert [(t.phrase, t.start, t.end) for t in article.toponyms] == [("Baghdad", B, B + 7), ("Mosul", M, M + 5)]
    assert article.realigned == 1 and article.unaligned == 0


def test_lgl_and_geovirus_layouts(tmp_path):
    lgl = tmp_path / "lgl.xml"
    lgl.write_text(
        f'<articles><article docid="9"><title>T</title><text>{TEXT}</text><toponyms>'
        f"<toponym><start>{B}</start><end>{B + 7}</end><phrase>Baghdad</phrase><gaztag geonameid=\"1\">"
        "<name>Baghdad</name><lat>33.34</lat><lon>44.40</lon></gaztag></toponym>"
        f"<toponym><start>{M}</start><end>{M + 5}</end><phrase>Mosul</phrase></toponym>"  # no gaztag: out
        "</toponyms></article></articles>", encoding="utf-8")
    (article,) = load_articles(lgl)
    assert article.id == "9" and [t.phrase for t in article.toponyms] == ["Baghdad"]
    virus = tmp_path / "geovirus.xml"
    virus.write_text(
        f"<articles><article><source>S</source><text>{TEXT}</text><locations><location><name>Mosul</name>"
        f"<start>{M}</start><end>{M + 5}</end><lat>36.34</lat><lon>43.12</lon><page>P</page></location>"
        "</locations></article></articles>", encoding="utf-8")
    (article,) = load_articles(virus)
    assert [(t.phrase, t.lat) for t in article.toponyms] == [("Mosul", 36.34)]


def test_align_nearest_occurrence():
    text = "Gaza and Gaza City; gaza again"
    assert align(text, "Gaza", 0, 4) == (0, 4)
    assert align(text, "Gaza", 8, 12) == (9, 13)  # off by one: the nearer occurrence
    assert align(text, "Gaza", -30, -26) == (0, 4)  # negative offsets
    assert align(text, "GAZA", 20, 24) == (20, 24)  # case-insensitive fallback
    assert align(text, "Rafah", 0, 5) is None


@pytest.mark.slow
def test_scores_with_known_places(tmp_path, monkeypatch):
    places = [Place(name="Baghdad", lat=33.34, lon=44.40, span=Span.of(TEXT, B, B + 7)),
              Place(name="Mosul", lat=36.34, lon=43.12, span=Span.of(TEXT, M, M + 5))]
    monkeypatch.setattr(geo, "predict_places", lambda document, doc, actors, gazetteer: places)
    result = evaluate(write_gwn(tmp_path / "gwn.xml"), limit=None)
    # both found; Mosul's gold point (0, 0) is thousands of km away: recall 1, accuracy 1/2
    assert result.n == 1
    assert result.metrics == {"recall": 1.0, "accuracy_161km": 0.5}
    assert any("realigned" in note and ": 1;" in note for note in result.notes)
    assert "recall by type: Literal 1.000 (1), Metonymic 1.000 (1)" in result.notes


@pytest.mark.slow
def test_evaluate_with_the_place_finder(tmp_path):
    result = evaluate(write_gwn(tmp_path / "gwn.xml"), limit=None)
    assert set(result.metrics) == {"recall", "accuracy_161km"}
    assert 0.0 <= result.metrics["accuracy_161km"] <= result.metrics["recall"] <= 1.0


def test_layout_errors(tmp_path):
    with pytest.raises(EvaluationDataError, match="not a file"):
        evaluate(tmp_path, limit=None)
    (tmp_path / "bad.xml").write_text("<articles><article>", encoding="utf-8")
    with pytest.raises(EvaluationDataError, match="not XML"):
        evaluate(tmp_path / "bad.xml", limit=None)
    (tmp_path / "other.xml").write_text("<articles><article><text>x</text></article></articles>", encoding="utf-8")
    with pytest.raises(EvaluationDataError, match="no toponym or location"):
        evaluate(tmp_path / "other.xml", limit=None)


@pytest.mark.slow
def test_actors_and_demonyms_count_as_toponyms(tmp_path):
    text = "Turkey shells Syrian city as it pushes into the Kurdish enclave of Afrin."
    gold = "".join([
        _gwn_toponym("Turkey", 0, 6, kind="Metonymic", lat="39.0", lon="35.0"),  # GeoNames' point for Turkey
        _gwn_toponym("Syrian", 14, 20, kind="Literal_Modifier", lat="35.0", lon="38.0"),
        _gwn_toponym("Afrin", text.index("Afrin"), text.index("Afrin") + 5, lat="36.51", lon="36.87"),
    ])
    path = tmp_path / "gwn.xml"
    path.write_text(f'<?xml version="1.0" ?>\n<articles><article file="1"><title>T</title><link>L</link>'
                    f"<text>{text}</text><toponyms>{gold}</toponyms></article></articles>", encoding="utf-8")
    result = evaluate(path, limit=None)
    assert result.metrics == {"recall": 1.0, "accuracy_161km": 1.0}
