"""Calibration of the near-duplicate detector (rashomon.ingest.dedup).

Usage::

    PYTHONPATH=src python benchmarks/dedup.py [--bodies N]

Positives: FNC-1 article bodies (../shared/evaldata/fnc1/*_bodies.csv), each copied
four ways with a fixed random seed: ``framed`` (other headline, boilerplate and
credit lines around it), ``head`` (only its first half), ``edited`` (one word in ten
replaced), ``rewritten`` (a third of its sentences dropped and one word in twenty
replaced). Negatives: every pair of ECB+ articles within a topic
(../shared/evaldata/ecbplus/ECB+): different outlets reporting one event (a few are
syndicated copies of one wire story, and count as false positives here).

Prints, per containment threshold, the share of copies found and the number of
negative pairs joined, with mark_relays' own shingling and LSH.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import random
import re
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from rashomon.ingest import dedup

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "evaldata"
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def bodies(limit: int) -> list[str]:
    csv.field_size_limit(10**8)
    out = []
    for name in ("competition_test_bodies.csv", "train_bodies.csv"):
        with (SHARED / "fnc1" / name).open(newline="", encoding="utf-8") as handle:
            out.extend(row["articleBody"] for row in csv.DictReader(handle))
    out = [b for b in out if len(b.split()) >= 150]
    random.Random(7).shuffle(out)
    return out[:limit]


def variants(text: str, rng: random.Random, vocabulary: list[str]) -> dict[str, str]:
    words = text.split(" ")
    sentences = _SENTENCE.split(text)

    def replace(ws: list[str], share: float) -> list[str]:
        return [rng.choice(vocabulary) if rng.random() < share else w for w in ws]

    kept = [s for s in sentences if rng.random() >= 1 / 3] or sentences[:1]
    return {
        "framed": "Breaking: a headline of another outlet\n\nShare this:\n\n" + text
                  + "\n\nRead more: other stories\n\nSource: Example Wire",
        "head": " ".join(words[: len(words) // 2]),
        "edited": " ".join(replace(words, 0.1)),
        "rewritten": " ".join(replace(" ".join(kept).split(" "), 0.05)),
    }


def ecb_topics() -> list[list[str]]:
    topics = []
    for folder in sorted((SHARED / "ecbplus" / "ECB+").iterdir()):
        if not folder.is_dir():
            continue
        texts = []
        for path in sorted(folder.glob("*.xml")):
            root = ET.parse(path).getroot()
            texts.append(" ".join(t.text or "" for t in root.iter("token")))
        topics.append(texts)
    return topics


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bodies", type=int, default=600)
    args = parser.parse_args(argv)
    if not (SHARED / "fnc1").is_dir() or not (SHARED / "ecbplus").is_dir():
        print(f"evaluation data not found under {SHARED}", file=sys.stderr)
        return 2
    rng = random.Random(11)
    originals = bodies(args.bodies)
    vocabulary = [w for b in originals[:50] for w in b.split()]
    thresholds = (0.3, 0.4, 0.5, 0.6, 0.7)
    found = {name: [0] * len(thresholds) for name in ("framed", "head", "edited", "rewritten")}
    for text in originals:
        original = dedup._shingles(text)
        for name, copy in variants(text, rng, vocabulary).items():
            value = dedup.containment(original, dedup._shingles(copy))
            for k, threshold in enumerate(thresholds):
                found[name][k] += value >= threshold
    negatives = [0] * len(thresholds)
    pairs = 0
    worst = []
    for texts in ecb_topics():
        sets = [dedup._shingles(t) for t in texts]
        for i, j in itertools.combinations(range(len(texts)), 2):
            if min(len(sets[i]), len(sets[j])) < dedup.MIN_SHINGLES:
                continue
            pairs += 1
            value = dedup.containment(sets[i], sets[j])
            worst.append((value, texts[i][:70], texts[j][:70]))
            for k, threshold in enumerate(thresholds):
                negatives[k] += value >= threshold
    print(f"copies of {len(originals)} FNC-1 bodies found, by containment threshold {thresholds}:")
    for name, counts in found.items():
        print(f"  {name:10s} " + "  ".join(f"{c / len(originals):.3f}" for c in counts))
    print(f"ECB+ same-topic pairs joined (of {pairs}): " + "  ".join(str(n) for n in negatives))
    for value, a, b in sorted(worst, reverse=True)[:5]:
        print(f"  {value:.2f}  {a!r}  ~  {b!r}")

    # the whole detector, LSH included, on a mixed batch: copies found and time
    from rashomon.model import Document

    docs, truth = [], {}
    for n, text in enumerate(originals[:200]):
        docs.append(Document(id=f"o{n}", source=f"o{n}", text=text))
        for name, copy in variants(text, rng, vocabulary).items():
            truth[f"{name}{n}"] = f"o{n}"
            docs.append(Document(id=f"{name}{n}", source=f"{name}{n}", text=copy))
    started = time.perf_counter()
    marked = dedup.mark_relays(docs)
    elapsed = time.perf_counter() - started
    hits = sum(1 for d in marked if d.id in truth and d.relay_of == truth[d.id])
    wrong = sum(1 for d in marked if d.relay_of and truth.get(d.id) != d.relay_of)
    print(f"mark_relays on {len(docs)} documents: {hits}/{len(truth)} copies marked, {wrong} wrong, "
          f"{elapsed:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
