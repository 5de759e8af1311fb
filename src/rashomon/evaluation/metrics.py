"""Scoring functions shared by the evaluation tasks, written out (no scikit-learn).

- :func:`prf`: precision, recall and F1 from counts;
- :func:`bag_prf`: bag-of-tokens overlap of a text against a gold text;
- :func:`classification_scores`: accuracy, macro and support-weighted F1 over labels;
- :func:`b_cubed`, :func:`muc`, :func:`ceaf_e`, :func:`conll_f1`: clustering scores.

Clusterings are sequences of clusters, each an iterable of hashable items.
An item that one clustering lacks counts as a singleton there.

Notes:
    B³: Bagga & Baldwin (1998), "Algorithms for scoring coreference chains".
    MUC: Vilain et al. (1995), "A model-theoretic coreference scoring scheme".
    CEAF-e: Luo (2005), "On coreference resolution performance metrics" (φ4).
    CoNLL: Pradhan et al. (2011/2014), the mean of the MUC, B³ and CEAF-e F1.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from typing import NamedTuple

_WORD = re.compile(r"\w+")

Clusters = Sequence[Iterable[Hashable]]


class PRF(NamedTuple):
    precision: float
    recall: float
    f1: float


def f1(precision: float, recall: float) -> float:
    """Harmonic mean; 0 when both are 0."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def prf(correct_predicted: float, n_predicted: float, n_gold: float, correct_gold: float | None = None) -> PRF:
    """Precision, recall and F1 from counts.

    Args:
        correct_predicted: predictions that match a gold item.
        n_predicted: all predictions.
        n_gold: all gold items.
        correct_gold: gold items that a prediction matches, when it differs
            from ``correct_predicted`` (lenient many-to-one matching).
    """
    correct_gold = correct_predicted if correct_gold is None else correct_gold
    p = correct_predicted / n_predicted if n_predicted else 0.0
    r = correct_gold / n_gold if n_gold else 0.0
    return PRF(p, r, f1(p, r))


def word_tokens(text: str) -> list[str]:
    """Lower-cased word tokens (runs of letters, digits and underscore)."""
    return _WORD.findall(text.lower())


def bag_prf(predicted: str, gold: str) -> PRF:
    """Bag-of-tokens precision, recall and F1 of one text against its gold text.

    Tokens count with their multiplicity. An empty prediction scores 0 (1 when
    the gold text is empty too).
    """
    pred, ref = Counter(word_tokens(predicted)), Counter(word_tokens(gold))
    if not pred and not ref:
        return PRF(1.0, 1.0, 1.0)
    common = sum((pred & ref).values())
    return prf(common, sum(pred.values()), sum(ref.values()))


# --------------------------------------------------------------------------- classification


def classification_scores(gold: Sequence[str], predicted: Sequence[str | None]) -> dict[str, float]:
    """Accuracy, macro F1 and support-weighted F1.

    A ``None`` prediction is an abstention: it is wrong, it lowers the recall of
    the gold label, and it is not itself a label. Macro F1 averages over every
    label that occurs in the gold or (not None) in the predictions, as
    scikit-learn's ``f1_score(average="macro")`` does; weighted F1 weights each
    label's F1 by its gold support.
    """
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold labels but {len(predicted)} predictions")
    if not gold:
        return {"weighted_f1": 0.0, "macro_f1": 0.0, "accuracy": 0.0}
    labels = sorted(set(gold) | {p for p in predicted if p is not None})
    support = Counter(gold)
    n_pred = Counter(p for p in predicted if p is not None)
    tp = Counter(g for g, p in zip(gold, predicted) if g == p)
    per_label = {lab: prf(tp[lab], n_pred[lab], support[lab]).f1 for lab in labels}
    return {
        "weighted_f1": sum(per_label[lab] * support[lab] for lab in labels) / len(gold),
        "macro_f1": sum(per_label.values()) / len(labels),
        "accuracy": sum(tp.values()) / len(gold),
    }


# --------------------------------------------------------------------------- clustering


def _sets(clusters: Clusters) -> list[frozenset]:
    return [frozenset(c) for c in clusters if c]


def _index(clusters: list[frozenset]) -> dict[Hashable, int]:
    return {item: k for k, c in enumerate(clusters) for item in c}


def b_cubed(gold: Clusters, predicted: Clusters) -> PRF:
    """B³ precision, recall and F1, averaged over the gold items."""
    key, response = _sets(gold), _sets(predicted)
    items = [i for c in key for i in c]
    if not items:
        return PRF(0.0, 0.0, 0.0)
    key_of, resp_of = _index(key), _index(response)
    p_sum = r_sum = 0.0
    for item in items:
        g = key[key_of[item]]
        r = response[resp_of[item]] if item in resp_of else frozenset([item])
        common = len(g & r)
        p_sum += common / len(r)
        r_sum += common / len(g)
    p, r = p_sum / len(items), r_sum / len(items)
    return PRF(p, r, f1(p, r))


def _muc_recall(key: list[frozenset], response: list[frozenset]) -> float:
    resp_of = _index(response)
    num = den = 0
    for cluster in key:
        parts = {resp_of.get(item, ("singleton", item)) for item in cluster}
        num += len(cluster) - len(parts)
        den += len(cluster) - 1
    return num / den if den else 0.0


def muc(gold: Clusters, predicted: Clusters) -> PRF:
    """MUC link-based precision, recall and F1 (singletons carry no links)."""
    key, response = _sets(gold), _sets(predicted)
    r = _muc_recall(key, response)
    p = _muc_recall(response, key)
    return PRF(p, r, f1(p, r))


def _max_assignment(weights: list[list[float]]) -> float:
    """Largest total weight of a one-to-one assignment of rows to columns (Hungarian method, O(n²m))."""
    if not weights or not weights[0]:
        return 0.0
    if len(weights) > len(weights[0]):
        weights = [list(col) for col in zip(*weights)]
    n, m = len(weights), len(weights[0])
    inf = float("inf")
    u, v, p, way = [0.0] * (n + 1), [0.0] * (m + 1), [0] * (m + 1), [0] * (m + 1)
    for i in range(1, n + 1):
        p[0], j0 = i, 0
        minv, used = [inf] * (m + 1), [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], inf, 0
            for j in range(1, m + 1):
                if not used[j]:
                    cur = -weights[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
    return sum(weights[p[j] - 1][j - 1] for j in range(1, m + 1) if p[j])


def ceaf_e(gold: Clusters, predicted: Clusters) -> PRF:
    """Entity-based CEAF (φ4 similarity, 2|K∩R| / (|K|+|R|)) with the optimal one-to-one alignment."""
    key, response = _sets(gold), _sets(predicted)
    if not key or not response:
        return PRF(0.0, 0.0, 0.0)
    resp_of = _index(response)
    weights = [[0.0] * len(response) for _ in key]
    for k, cluster in enumerate(key):
        for item in cluster:  # only pairs that share an item have a non-zero weight
            j = resp_of.get(item)
            if j is not None and not weights[k][j]:
                weights[k][j] = 2 * len(cluster & response[j]) / (len(cluster) + len(response[j]))
    total = _max_assignment(weights)
    p, r = total / len(response), total / len(key)
    return PRF(p, r, f1(p, r))


def conll_f1(gold: Clusters, predicted: Clusters) -> float:
    """The CoNLL-2012 score: the mean of the MUC, B³ and CEAF-e F1."""
    return (muc(gold, predicted).f1 + b_cubed(gold, predicted).f1 + ceaf_e(gold, predicted).f1) / 3
