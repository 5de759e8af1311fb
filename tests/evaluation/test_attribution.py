"""The attribution task: brat reading, span matching and scores on a hand-made PolNeAR-style split."""

from __future__ import annotations

import pytest

from rashomon.errors import EvaluationDataError
from rashomon.evaluation import attribution
from rashomon.evaluation.attribution import evaluate, match, read_ann, score

TEXT = "Officials said the talks had failed.\nThe army, a spokesman added, left the town.\n"


def _span(piece: str, after: int = 0) -> tuple[int, int]:
    start = TEXT.index(piece, after)
    return start, start + len(piece)


def _ann() -> str:
    s1, c1, t1 = _span("Officials"), _span("said"), _span("the talks had failed")
    s2, c2 = _span("a spokesman"), _span("added")
    t2a, t2b = _span("The army"), _span("left the town")
    lines = [
        f"T1\tSource {s1[0]} {s1[1]}\tOfficials",
        f"T2\tCue {c1[0]} {c1[1]}\tsaid",
        f"T3\tContent {t1[0]} {t1[1]}\tthe talks had failed",
        f"T4\tAttribution {c1[0]} {c1[1]}\tsaid",
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        f"T5\tSource {s2[0]} {s2[1]}\ta spokesman",
        f"T6\tCue {c2[0]} {c2[1]}\tadded",
        f"T7\tContent {t2a[0]} {t2a[1]};{t2b[0]} {t2b[1]}\tThe army left the town",
        f"T8\tAttribution {c2[0]} {c2[1]}\tadded",
        "E2\tAttribution:T8 Cue:T6 Source:T5 Content:T7",
        "#1\tAnnotatorNotes T1\ta note",
    ]
    return "\n".join(lines) + "\n"


def write_split(root):
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    (root / "text" / "art1.txt").write_text(TEXT, encoding="utf-8")
    (root / "attributions" / "art1_aaaa.ann").write_text(_ann(), encoding="utf-8")
    # a second annotator's file: ignored (the first, by file name, is used)
    (root / "attributions" / "art1_bbbb.ann").write_text("T1\tSource 0 9\tOfficials\nE1\tAttribution:T9 Source:T1\n",
                                                         encoding="utf-8")
    return root


def test_read_ann_roles_and_discontinuous_spans():
    gold = read_ann(_ann())
    assert gold["source"] == [(0, 9), _span("a spokesman")]
    assert gold["cue"] == [(10, 14), _span("added")]
    assert gold["content"] == [(15, 35), (_span("The army")[0], _span("left the town")[1])]
    no_source = read_ann("T1\tCue 0 4\tsaid\nT2\tContent 5 9\tthat\nT3\tAttribution-no-source 0 4\tsaid\n"
                         "E1\tAttribution-no-source:T3 Content:T2 Cue:T1\n")
    assert no_source == {"source": [], "cue": [(0, 4)], "content": [(5, 9)]}
    with pytest.raises(EvaluationDataError):
        read_ann("T1\tSource x y\tOfficials\n")


def test_match_exact_before_overlap():
    text = "The minister said it."
    assert match([(0, 12)], [(0, 12)], text) == (1, 1)
    assert match([(4, 12)], [(0, 12)], text) == (0, 1)
    assert match([(3, 4)], [(0, 3)], text) == (0, 0)  # touching at a space: no word shared
    # one-to-one: two predictions cannot both claim one gold span
    assert match([(0, 12), (4, 12)], [(0, 12)], text) == (1, 1)


def test_score_by_hand():
    gold = read_ann(_ann())
    predicted = {
        "source": [(0, 9), _span("spokesman")],  # exact, overlap
        "cue": [(10, 14), _span("added"), _span("left")],  # exact, exact, spurious
        "content": [(15, 35), _span("left the town")],  # exact, overlap
    }
    m = score([(TEXT, predicted, gold)])
    assert m["source_f1"] == 0.5 and m["source_overlap_f1"] == 1.0
    assert m["cue_f1"] == pytest.approx(0.8)  # P 2/3, R 1
    assert m["cue_overlap_f1"] == pytest.approx(0.8)
    assert m["content_f1"] == 0.5 and m["content_overlap_f1"] == 1.0
    assert list(m) == ["source_f1", "cue_f1", "content_f1",
                       "source_overlap_f1", "cue_overlap_f1", "content_overlap_f1"]


@pytest.mark.slow
def test_evaluate_uses_first_annotator(tmp_path, monkeypatch):
    predicted = {"source": [(0, 9)], "cue": [(10, 14)], "content": [(15, 35)]}
    monkeypatch.setattr(attribution, "predict", lambda document, doc, actors: predicted)
    result = evaluate(write_split(tmp_path), limit=None)
    # against the first file (2 relations): P 1, R 1/2 -> 2/3 for every role; the second file has 1 source only
    assert result.n == 1
    assert result.metrics["source_f1"] == pytest.approx(0.6667)
    assert result.metrics["cue_f1"] == pytest.approx(0.6667)
    assert result.metrics["content_overlap_f1"] == pytest.approx(0.6667)


@pytest.mark.slow
def test_evaluate_with_the_claims_stage(tmp_path):
    result = evaluate(write_split(tmp_path), limit=None)
    assert result.n == 1
    assert set(result.metrics) == {f"{r}_{k}" for r in ("source", "cue", "content") for k in ("f1", "overlap_f1")}
    assert all(0.0 <= v <= 1.0 for v in result.metrics.values())


def test_layout_errors(tmp_path):
    with pytest.raises(EvaluationDataError, match="text/"):
        evaluate(tmp_path, limit=None)
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "attributions" / "orphan_ab12.ann").write_text("", encoding="utf-8")
    with pytest.raises(EvaluationDataError, match="no .ann file"):
        evaluate(tmp_path, limit=None)
