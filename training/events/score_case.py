"""Score an event-type model on a CASE 2021 task 2 TSV (id, EventSnippet, SubType): figures only.

Prints weighted F1, macro F1 and accuracy, and per label precision, recall, F1 and the labels
its snippets were mistaken for. It never prints snippets: the file is read at run time for
scoring only, and nothing from it is kept.

Usage:
    python training/events/score_case.py ../shared/evaldata/case2021_task2/test_set_final_release_with_labels.tsv
    python training/events/score_case.py FILE.tsv --model ~/.local/share/rashomon/models/events-acled
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import Counter, defaultdict

from rashomon.event_types import CASE_LABEL_ALIASES, CASE_LABELS, classify, load


def scores(gold: list[str], pred: list[str]) -> dict:
    labels = sorted(set(gold))
    per = {}
    for lab in sorted(set(gold) | set(pred)):
        tp = sum(g == p == lab for g, p in zip(gold, pred))
        fp = sum(p == lab and g != lab for g, p in zip(gold, pred))
        fn = sum(g == lab and p != lab for g, p in zip(gold, pred))
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per[lab] = {"precision": prec, "recall": rec, "f1": f1, "support": tp + fn}
    n = len(gold)
    weighted = sum(per[lab]["f1"] * per[lab]["support"] for lab in labels) / n
    macro = sum(per[lab]["f1"] for lab in labels) / len(labels)
    acc = sum(g == p for g, p in zip(gold, pred)) / n
    return {"n": n, "weighted_f1": weighted, "macro_f1": macro, "accuracy": acc, "per_label": per}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tsv")
    parser.add_argument("--model", default=None)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with open(args.tsv, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    texts = [r["EventSnippet"] for r in rows]
    gold = [CASE_LABEL_ALIASES.get(r["SubType"].strip(), r["SubType"].strip()) for r in rows]
    model = load(args.model)
    preds = classify(texts, classifier=model, labels=[lab for lab in model.labels if lab in CASE_LABELS])
    pred = [CASE_LABELS[p.label] for p in preds]
    result = scores(gold, pred)
    if args.json:
        print(json.dumps({k: v for k, v in result.items() if k != "per_label"}))
        return
    confused: dict[str, Counter[str]] = defaultdict(Counter)
    for g, p in zip(gold, pred):
        if g != p:
            confused[g][p] += 1
    print(f"n={result['n']} weighted_f1={result['weighted_f1']:.4f} macro_f1={result['macro_f1']:.4f} "
          f"accuracy={result['accuracy']:.4f}")
    for level in (0.0, 0.5, 0.7, 0.8, 0.9, 0.95):
        sel = [g == p for g, p, pr in zip(gold, pred, preds) if pr.probability >= level]
        if sel:
            print(f"probability >= {level:.2f}: share {len(sel) / len(gold):.2f} accuracy {sum(sel) / len(sel):.3f}")
    for lab, s in sorted(result["per_label"].items(), key=lambda kv: kv[1]["f1"]):
        top = ", ".join(f"{k} {v}" for k, v in confused[lab].most_common(3))
        print(f"{lab:32s} P={s['precision']:.2f} R={s['recall']:.2f} F1={s['f1']:.2f} n={s['support']:3d}  {top}")


if __name__ == "__main__":
    main()
