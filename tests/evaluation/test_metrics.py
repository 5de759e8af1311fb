"""The scoring functions on textbook examples."""

from __future__ import annotations

import itertools
import random

import pytest

from rashomon.evaluation.metrics import (
    _max_assignment, b_cubed, bag_prf, ceaf_e, classification_scores, conll_f1, muc, prf, word_tokens,
)


def test_prf_from_counts():
    assert prf(3, 4, 6) == pytest.approx((0.75, 0.5, 0.6))
    assert prf(0, 0, 5) == (0.0, 0.0, 0.0)
    # lenient matching: 2 predictions hit, covering 3 gold items
    assert prf(2, 4, 6, correct_gold=3) == pytest.approx((0.5, 0.5, 0.5))


def test_bag_of_tokens():
    assert word_tokens("The U.S. army's 2nd unit") == ["the", "u", "s", "army", "s", "2nd", "unit"]
    # predicted 4 tokens, gold 5 tokens, 3 in common (multiplicity counts: one "the" each side)
    p, r, f = bag_prf("the army left town", "The army left the city")
    assert (p, r) == pytest.approx((3 / 4, 3 / 5))
    assert f == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert bag_prf("", "some gold text") == (0.0, 0.0, 0.0)
    assert bag_prf("", "") == (1.0, 1.0, 1.0)


def test_classification_scores_match_scikit_learn_docs():
    # the example of sklearn.metrics.f1_score's documentation: macro 0.267, weighted 0.267
    gold = ["0", "1", "2", "0", "1", "2"]
    pred = ["0", "2", "1", "0", "0", "1"]
    scores = classification_scores(gold, pred)
    assert scores["macro_f1"] == pytest.approx(0.26666, abs=1e-4)
    assert scores["weighted_f1"] == pytest.approx(0.26666, abs=1e-4)
    assert scores["accuracy"] == pytest.approx(1 / 3)


def test_classification_abstentions_are_wrong_but_not_a_label():
    gold = ["A", "A", "B", "C"]
    pred = ["A", None, "B", "B"]
    s = classification_scores(gold, pred)
    # A: p 1, r 1/2 -> 2/3; B: p 1/2, r 1 -> 2/3; C: 0. Labels A, B, C (None is not one).
    assert s["macro_f1"] == pytest.approx((2 / 3 + 2 / 3 + 0) / 3)
    assert s["weighted_f1"] == pytest.approx((2 * 2 / 3 + 1 * 2 / 3 + 0) / 4)
    assert s["accuracy"] == pytest.approx(0.5)
    # a predicted label absent from the gold counts in the macro average (as scikit-learn does)
    assert classification_scores(["A"], ["Z"])["macro_f1"] == 0.0


def test_b_cubed_bagga_baldwin_example():
    # Bagga & Baldwin (1998), fig. 2: one response merges the second and third chains
    gold = [[1, 2, 3, 4, 5], [6, 7], [8, 9, "A", "B", "C"]]
    response = [[1, 2, 3, 4, 5], [6, 7, 8, 9, "A", "B", "C"]]
    p, r, f = b_cubed(gold, response)
    assert p == pytest.approx((5 + 2 * 2 / 7 + 5 * 5 / 7) / 12)  # 0.7619
    assert round(p, 4) == 0.7619
    assert r == 1.0
    assert f == pytest.approx(2 * p / (p + 1))


def test_muc_vilain_example():
    # Vilain et al. (1995): key {A B C D}, response {A B} {C D}: recall 2/3, precision 1
    p, r, _ = muc([["A", "B", "C", "D"]], [["A", "B"], ["C", "D"]])
    assert (p, r) == pytest.approx((1.0, 2 / 3))
    # singletons carry no links
    assert muc([["a"], ["b"]], [["a"], ["b"]]) == (0.0, 0.0, 0.0)


def test_ceaf_e_by_hand():
    # phi4: {abc}-{ab} 0.8, {abc}-{cde} 1/3, {de}-{cde} 0.8; best alignment 1.6 over 2 and 2 entities
    p, r, f = ceaf_e([["a", "b", "c"], ["d", "e"]], [["a", "b"], ["c", "d", "e"]])
    assert (p, r, f) == pytest.approx((0.8, 0.8, 0.8))


def test_identical_clusterings_score_one():
    clusters = [["a", "b"], ["c"], ["d", "e", "f"]]
    assert b_cubed(clusters, clusters).f1 == 1.0
    assert ceaf_e(clusters, clusters).f1 == pytest.approx(1.0)
    assert conll_f1(clusters, clusters) == pytest.approx(1.0)


def test_two_pairs_against_singletons_and_one_cluster():
    gold = [["a", "b"], ["c", "d"]]
    singletons = [["a"], ["b"], ["c"], ["d"]]
    assert b_cubed(gold, singletons) == pytest.approx((1.0, 0.5, 2 / 3))
    assert b_cubed(gold, [["a", "b", "c", "d"]]) == pytest.approx((0.5, 1.0, 2 / 3))
    # CEAF-e: each pair aligns with a singleton at 2/3 -> recall 2/3, precision 1/3, F1 4/9; MUC 0
    assert ceaf_e(gold, singletons).f1 == pytest.approx(4 / 9)
    assert conll_f1(gold, singletons) == pytest.approx((0 + 2 / 3 + 4 / 9) / 3)


def test_missing_items_count_as_singletons():
    assert b_cubed([["a", "b"]], [["a"]]) == pytest.approx((1.0, 0.5, 2 / 3))


@pytest.mark.parametrize("rows, cols", [(3, 3), (2, 5), (5, 2), (4, 4)])
def test_assignment_matches_brute_force(rows, cols):
    rng = random.Random(rows * 10 + cols)
    for _ in range(20):
        w = [[round(rng.random(), 3) for _ in range(cols)] for _ in range(rows)]
        if rows <= cols:
            best = max(sum(w[i][j] for i, j in enumerate(p)) for p in itertools.permutations(range(cols), rows))
        else:
            best = max(sum(w[i][j] for j, i in enumerate(p)) for p in itertools.permutations(range(rows), cols))
        assert _max_assignment(w) == pytest.approx(best)
