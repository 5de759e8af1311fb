"""The linking task: ECB+ reading, the evaluation's document clusterer, scores on a hand-made topic."""

from __future__ import annotations

from collections import Counter
from functools import partial

import pytest

from rashomon.errors import EvaluationDataError
from rashomon.evaluation import linking
from rashomon.evaluation.linking import document_text, evaluate, find_documents
from rashomon.similarity import cluster_documents as cluster, document_features as features

from .fixtures import cromer, write_linking_set


def test_reads_topics_recursively_and_rebuilds_text(tmp_path):
    root = write_linking_set(tmp_path)
    topics = find_documents(root)
    assert list(topics) == ["7"]
    assert [f.name for f in topics["7"]] == ["7_1ecb.xml", "7_1ecbplus.xml", "7_2ecb.xml", "7_2ecbplus.xml"]
    text = document_text(topics["7"][0])
    assert text.startswith("A strong earthquake struck northern Chile on Monday , killing")
    assert text.count("\n") == 1  # two sentences


def test_features_hold_words_and_absolute_dates():
    bag = features("The flood of March 2008 hit the town .\nOfficials said on Tuesday", None)
    assert bag["flood"] == 1 and "the" not in bag
    assert bag["year:2008"] > 0 and bag["month:2008-03"] > 0
    assert not any(k.startswith("year:") and k != "year:2008" for k in bag)  # "Tuesday" has no reference


def test_cluster_threshold():
    bags = [Counter(a=2, b=1), Counter(a=2, b=1), Counter(x=1, y=2), Counter(x=1, y=2)]
    # contrasted: the pairs point opposite ways, so scores are +3 within and -3 across (n-1 = 3)
    assert sorted(map(sorted, cluster(bags))) == [[0, 1], [2, 3]]
    assert len(cluster(bags, -4.0, floor=-1.0)) == 1
    assert len(cluster(bags, -4.0)) == 2  # no shared word: the plain-cosine floor keeps them apart
    assert len(cluster(bags, 3.5)) == 2  # identical documents: plain cosine 1 is sure enough
    assert len(cluster(bags, 3.5, sure=2.0)) == 4


def test_perfect_split(tmp_path, gazetteer):
    result = evaluate(write_linking_set(tmp_path), limit=None, gazetteer=gazetteer)
    assert result.n == 4
    assert result.metrics == {"bcubed_f1": 1.0, "conll_f1": 1.0}


def test_known_scores_when_all_merge_or_none(tmp_path, gazetteer, monkeypatch):
    root = write_linking_set(tmp_path)
    # an earthquake and a rehab stay share too few words to pass the plain-cosine floor: lift it;
    # and the reports of one event are alike enough in plain cosine to merge anyway: lift that too
    monkeypatch.setattr(linking, "cluster_documents", partial(cluster, floor=-1.0, sure=2.0))
    merged = evaluate(root, limit=None, gazetteer=gazetteer, threshold=-10.0)
    # gold {a b} {c d}, one predicted cluster: B3 P 1/2 R 1 -> 2/3; MUC P 2/3 R 1 -> 0.8; CEAF-e P 2/3 R 1/3 -> 4/9
    assert merged.metrics["bcubed_f1"] == pytest.approx(2 / 3, abs=1e-4)
    assert merged.metrics["conll_f1"] == pytest.approx((0.8 + 2 / 3 + 4 / 9) / 3, abs=1e-4)
    apart = evaluate(root, limit=None, gazetteer=gazetteer, threshold=10.0)
    # singletons: B3 P 1 R 1/2 -> 2/3; MUC 0; CEAF-e P 1/3 R 2/3 -> 4/9
    assert apart.metrics["bcubed_f1"] == pytest.approx(2 / 3, abs=1e-4)
    assert apart.metrics["conll_f1"] == pytest.approx((0 + 2 / 3 + 4 / 9) / 3, abs=1e-4)


def test_layout_errors(tmp_path):
    with pytest.raises(EvaluationDataError, match="ecbplus"):
        evaluate(tmp_path, limit=None)
    topic = tmp_path / "3"
    topic.mkdir()
    (topic / "3_1ecb.xml").write_text("<Document><token", encoding="utf-8")
    with pytest.raises(EvaluationDataError, match="not CROMER XML"):
        evaluate(tmp_path, limit=None)
    (topic / "3_1ecb.xml").write_text("<Document></Document>", encoding="utf-8")
    with pytest.raises(EvaluationDataError, match="no <token>"):
        document_text(topic / "3_1ecb.xml")
    assert "<token" in cromer("x.xml", ["a b"])
