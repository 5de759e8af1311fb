"""Train the event-type model that rashomon ships, from the sentences in data/.

Writes src/rashomon/knowledge/models/events/ (weights.npz, features.txt, meta.json) and prints
the held-out report. Deterministic: the same data and settings give byte-identical files.

Usage (from the repository root):
    python training/events/generate.py     # only after editing templates/ or slots.yaml
    python training/events/train.py
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from rashomon.training import train_events

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "training" / "events" / "data"
OUT = ROOT / "src" / "rashomon" / "knowledge" / "models" / "events"


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    report = train_events(data=DATA, out=OUT)
    print(f"{report.examples} examples, {len(report.labels)} labels, {report.features} features, "
          f"temperature {report.temperature:.3f}, {report.seconds:.1f} s -> {report.out}")
    print(json.dumps(report.heldout, indent=1))


if __name__ == "__main__":
    main()
