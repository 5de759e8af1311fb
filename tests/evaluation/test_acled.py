"""The acled task: CSV reading (HXL row, column subsets), sampling, predictions and scores."""

from __future__ import annotations

import csv
import datetime as dt

import pytest

from rashomon.errors import EvaluationDataError
from rashomon.evaluation import acled
from rashomon.evaluation.acled import evaluate, load_rows, parse_date, predict, sample
from rashomon.model import (
    Analysis, AttributeVerdict, Count, Incident, IncidentDate, Place,
)

COLUMNS = ["event_id_cnty", "event_date", "event_type", "sub_event_type", "latitude", "longitude", "notes",
           "fatalities"]
HXL = ["#event+code", "#date+occurred", "#event+type", "#event+type+sub", "#geo+lat", "#geo+lon", "#description",
       "#affected+killed"]
ROWS = [
    ["XX1", "2025-04-01", "Battles", "Armed clash", "2.0", "45.0",
     "On 1 April 2025, militia fighters clashed with soldiers near a town. Three people were killed.", "3"],
    ["XX2", "2025-04-02", "Protests", "Peaceful protest", "2.0", "45.0",
     "On 2 April 2025, traders demonstrated peacefully against new taxes in the market.", "0"],
]


def write_csv(path, columns=COLUMNS, rows=ROWS, hxl=True):
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(columns)
        if hxl:
            w.writerow(HXL[: len(columns)])
        for row in rows:
            w.writerow([row[COLUMNS.index(c)] for c in columns])
    return path


def _analysis(incident: Incident | None = None) -> Analysis:
    return Analysis(rashomon_version="test", incidents=(incident,) if incident else ())


def test_load_rows_skips_the_hxl_row(tmp_path):
    header, rows = load_rows(write_csv(tmp_path / "a.csv"))
    assert header == COLUMNS
    assert [r["event_id_cnty"] for r in rows] == ["XX1", "XX2"]


def test_sample_every_kth_row():
    assert sample(list(range(10)), 3) == [0, 3, 6]
    assert sample(list(range(10)), None) == list(range(10))
    assert sample(list(range(4)), 10) == [0, 1, 2, 3]


@pytest.mark.parametrize("raw, date", [
    ("2025-04-01", dt.date(2025, 4, 1)), ("01 April 2025", dt.date(2025, 4, 1)), ("1 Apr 2025", dt.date(2025, 4, 1)),
    ("", None), ("soon", None),
])
def test_parse_date(raw, date):
    assert parse_date(raw) == date


def test_predict_sums_the_minimum_of_each_killed_attribute():
    incident = Incident(
        id="i1", date=IncidentDate(start=dt.date(2025, 4, 1), end=dt.date(2025, 4, 1), precision=1),
        event_type="Battles", sub_event_type="Armed clash",
        attributes={
            "killed.a": AttributeVerdict(status="single_source", estimate=Count(min=3, max=None, text="at least 3")),
            "killed.civilians": AttributeVerdict(status="contested", estimate=Count(min=2, max=5, text="2-5")),
            "wounded.a": AttributeVerdict(status="single_source", estimate=Count(min=9, max=9, text="9")),
        },
    )
    pred = predict(_analysis(incident))
    assert (pred.basis, pred.event_type, pred.date, pred.fatalities) == ("incident", "Battles", dt.date(2025, 4, 1), 5)
    assert predict(_analysis()).basis == "none" and predict(_analysis()).fatalities == 0


def test_scores_with_known_predictions(tmp_path, monkeypatch):
    incident = Incident(
        id="i1", date=IncidentDate(start=dt.date(2025, 4, 1), end=dt.date(2025, 4, 1), precision=1),
        event_type="Battles", sub_event_type="Armed clash",
        places=(Place(name="Town", lat=2.1, lon=45.0),),  # about 11 km from the gold point
        attributes={"killed.a": AttributeVerdict(status="single_source", estimate=Count(min=3, max=3, text="3"))},
    )

    def fake(documents, **_):
        assert documents[0].published is not None  # published = event_date
        return _analysis(incident if documents[0].id == "XX1" else None)

    monkeypatch.setattr(acled, "analyze_documents", fake)
    monkeypatch.setattr(acled, "load_nlp", lambda: None)
    monkeypatch.setattr(acled, "Gazetteer", type("NoGazetteer", (), {"default": staticmethod(lambda: None)}))
    result = evaluate(write_csv(tmp_path / "a.csv"), limit=None)
    # row 1 right on every count; row 2 has no prediction: wrong type, date and place, but 0 fatalities is right
    assert result.n == 2
    assert result.metrics == {"event_type_accuracy": 0.5, "sub_event_type_accuracy": 0.5, "date_exact": 0.5,
                              "location_within_25km": 0.5, "fatalities_exact": 1.0}

    subset = write_csv(tmp_path / "b.csv", columns=["event_date", "notes"], hxl=False)
    assert set(evaluate(subset, limit=None).metrics) == {"date_exact"}


@pytest.mark.slow
def test_evaluate_with_the_pipeline(tmp_path):
    result = evaluate(write_csv(tmp_path / "a.csv"), limit=None)
    assert result.n == 2
    assert set(result.metrics) == {"event_type_accuracy", "sub_event_type_accuracy", "date_exact",
                                   "location_within_25km", "fatalities_exact"}
    assert all(0.0 <= v <= 1.0 for v in result.metrics.values())


def test_layout_errors(tmp_path):
    with pytest.raises(EvaluationDataError, match="not a file"):
        evaluate(tmp_path, limit=None)
    no_notes = write_csv(tmp_path / "c.csv", columns=["event_date", "fatalities"], hxl=False)
    with pytest.raises(EvaluationDataError, match="no notes column"):
        evaluate(no_notes, limit=None)


def test_a_pipeline_failure_is_a_miss_not_the_end(tmp_path, monkeypatch, caplog):
    def fail(documents, **_):
        raise ValueError("count max 30 below min 130")

    monkeypatch.setattr(acled, "analyze_documents", fail)
    monkeypatch.setattr(acled, "load_nlp", lambda: None)
    monkeypatch.setattr(acled, "Gazetteer", type("NoGazetteer", (), {"default": staticmethod(lambda: None)}))
    result = evaluate(write_csv(tmp_path / "a.csv"), limit=None)
    assert result.n == 2 and result.metrics["event_type_accuracy"] == 0.0
    assert result.metrics["fatalities_exact"] == 0.5  # the protest's 0 fatalities
    assert any("pipeline error 2" in note for note in result.notes)
    assert "XX1" in caplog.text
