"""The events task: CASE 2021 TSV reading, the label map, and scores with known predictions."""

from __future__ import annotations

import pytest

from rashomon.errors import EvaluationDataError
from rashomon.evaluation import events
from rashomon.evaluation.events import CASE_LABELS, evaluate, load_snippets

ROWS = [
    ("1", "Police arrested three men suspected of smuggling weapons.", "ARREST"),
    ("2", 'Jets bombed a "rebel" depot near the river, the army said.', "AIR_STRIKE"),
    ("3", "Riot police detained two protest organisers on Monday.", "ARREST"),
    ("4", "The two foreign ministers met to discuss the border.", "DIPLO"),
]


def write_tsv(folder, rows=ROWS, header="id\tEventSnippet\tSubType"):
    folder.mkdir(parents=True, exist_ok=True)
    lines = [header] + ["\t".join(r) for r in rows]
    (folder / "task2.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_reads_bare_quotes_and_accepts_file_or_folder(tmp_path):
    folder = write_tsv(tmp_path / "case")
    rows = load_snippets(folder)
    assert rows == ROWS  # the bare quotation marks stay in the snippet
    assert load_snippets(folder / "task2.tsv") == ROWS


def test_label_map_covers_acled_sub_types_and_the_other_classes():
    from rashomon.event_types import EVENT_TYPE_OF

    assert set(EVENT_TYPE_OF) <= set(CASE_LABELS)  # all 25 ACLED sub-types
    assert len(CASE_LABELS) == 30 and len(set(CASE_LABELS.values())) == 30
    assert CASE_LABELS["Shelling/artillery/missile attack"] == "ART_MISS_ATTACK"
    assert CASE_LABELS["Peaceful protest"] == "PEACE_PROTEST"


@pytest.mark.slow
def test_scores_with_known_predictions(tmp_path, monkeypatch):
    answers = {"Police arrested": "ARREST", "Jets bombed": None, "Riot police": "AIR_STRIKE", "The two": None}

    def fake(document, doc, actors):
        return next(v for k, v in answers.items() if document.text.startswith(k))

    monkeypatch.setattr(events, "predict", fake)
    result = evaluate(write_tsv(tmp_path / "case"), limit=None)
    # ARREST: P 1, R 1/2 -> 2/3; AIR_STRIKE: P 0 -> 0; DIPLO: 0. Macro over 3 labels, weighted by support 2, 1, 1.
    assert result.n == 4
    assert result.metrics["macro_f1"] == pytest.approx(round(2 / 9, 4))
    assert result.metrics["weighted_f1"] == pytest.approx(round(1 / 3, 4))
    assert result.metrics["accuracy"] == 0.25
    assert any("without a typed mention: 2 of 4" in note for note in result.notes)


@pytest.mark.slow
def test_evaluate_with_the_pipeline(tmp_path):
    result = evaluate(write_tsv(tmp_path / "case"), limit=2)
    assert result.n == 2
    assert set(result.metrics) == {"weighted_f1", "macro_f1", "accuracy"}
    assert all(0.0 <= v <= 1.0 for v in result.metrics.values())


def test_layout_errors(tmp_path):
    with pytest.raises(EvaluationDataError, match="EventSnippet"):
        evaluate(tmp_path, limit=None)
    write_tsv(tmp_path / "other", header="id\ttext\tlabel")
    with pytest.raises(EvaluationDataError, match="no labelled snippets"):
        evaluate(tmp_path / "other", limit=None)
