"""The time task: TimeML reading, value normalisation and scoring on a hand-made file."""

from __future__ import annotations

import datetime as dt

import pytest

from rashomon.errors import EvaluationDataError
from rashomon.evaluation import run_task
from rashomon.evaluation.time import evaluate, gold_value, interval_value, read_tml
from rashomon.model import TimeInterval

from .fixtures import write_time_set


def _iv(start: str, end: str, precision: int = 1) -> TimeInterval:
    return TimeInterval(start=dt.date.fromisoformat(start), end=dt.date.fromisoformat(end), precision=precision)


@pytest.mark.parametrize("start, end, value", [
    ("1998-03-03", "1998-03-03", "1998-03-03"),
    ("1998-03-01", "1998-03-31", "1998-03"),
    ("2000-02-01", "2000-02-29", "2000-02"),
    ("1998-01-01", "1998-12-31", "1998"),
    ("1998-03-02", "1998-03-08", "1998-W10"),  # Monday to Sunday
    ("1998-03-04", "1998-03-05", "1998-03-04"),  # a night: its start
    ("1998-02-26", "1998-03-05", "1998-02-26"),  # "the past week": not a calendar week
])
def test_interval_value(start, end, value):
    assert interval_value(_iv(start, end)) == value


@pytest.mark.parametrize("raw, value", [
    ("1998-11-20T19:30", "1998-11-20"), ("1998-11-19TNI", "1998-11-19"), ("1968-XX", "1968"), ("199X", "199"),
    ("1994-XX-XX", "1994"), ("2000-W7", "2000-W07"), ("1998-W11", "1998-W11"), ("PRESENT_REF", "PRESENT_REF"),
])
def test_gold_value(raw, value):
    assert gold_value(raw) == value


def test_read_tml_keeps_offsets(tmp_path):
    doc = read_tml(next(write_time_set(tmp_path).rglob("*.tml")))
    assert doc.dct.date() == dt.date(1998, 3, 5)
    assert [doc.text[t.start:t.end] for t in doc.timexes] == ["March 3, 1998", "yesterday", "two hours", "next month"]
    assert [t.type for t in doc.timexes] == ["DATE", "DATE", "DURATION", "DATE"]


def test_scores_by_hand(tmp_path):
    result = evaluate(write_time_set(tmp_path), limit=None)
    assert result.n == 1
    assert result.metrics["recognition_f1"] == pytest.approx(1.0)
    assert result.metrics["value_f1"] == pytest.approx(2 / 3, abs=1e-4)
    assert any("DATE and TIME" in note for note in result.notes)


def test_layout_errors(tmp_path):
    with pytest.raises(EvaluationDataError, match="no .tml files"):
        evaluate(tmp_path, limit=None)
    (tmp_path / "bad.tml").write_text("<TimeML><TEXT>no anchor</TEXT></TimeML>", encoding="utf-8")
    with pytest.raises(EvaluationDataError, match="CREATION_TIME"):
        evaluate(tmp_path, limit=None)
    (tmp_path / "bad.tml").write_text("<TimeML><TEXT>", encoding="utf-8")
    with pytest.raises(EvaluationDataError, match="not a TimeML file"):
        evaluate(tmp_path, limit=None)
    with pytest.raises(EvaluationDataError, match="no such file"):
        run_task("time", tmp_path / "absent")
