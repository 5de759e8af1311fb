"""Run every `rashomon eval` task on the development data and print the README's table.

Usage:
    python benchmarks/eval_table.py [--evaldata ../shared/evaldata] [--acled-limit 1000]

Each row is produced by the command shown in it (`rashomon eval TASK [DATA] --json`), so anyone can
re-run a single figure. Tasks whose data is absent are reported as skipped.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROWS = [
    ("extraction", [], "article_extraction_benchmark"),
    ("attribution", [], "polnear/dev"),
    ("events", [], "case2021_task2"),
    ("acled", ["--limit", "{acled_limit}"], "acled_somalia_2025/acled_somalia_2025.csv"),
    ("time", [], "tempeval3"),
    ("geo", [], "geoparsing/GeoWebNews_GWN.xml"),
    ("geo", ["{evaldata}/geoparsing/lgl.xml"], "geoparsing/lgl.xml"),
    ("geo", ["{evaldata}/geoparsing/GeoVirus.xml"], "geoparsing/GeoVirus.xml"),
    ("linking", [], "ecbplus"),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--evaldata", default="../shared/evaldata")
    parser.add_argument("--acled-limit", default="1000")
    args = parser.parse_args()
    root = Path(args.evaldata)
    print("| task | data | n | figures | command | seconds |")
    print("|---|---|---|---|---|---|")
    for task, extra, data in ROWS:
        if not (root / data).exists():
            print(f"| {task} | {data} | – | skipped: data absent | | |")
            continue
        argv = [a.format(evaldata=root, acled_limit=args.acled_limit) for a in extra]
        cmd = [sys.executable, "-m", "rashomon.cli", "eval", task, *argv, "--json"]
        start = time.perf_counter()
        out = subprocess.run(cmd, capture_output=True, text=True)
        seconds = time.perf_counter() - start
        if out.returncode != 0:
            print(f"| {task} | {data} | – | failed: {out.stderr.strip().splitlines()[-1:]} | | |")
            continue
        result = json.loads(out.stdout)
        figures = ", ".join(f"{k} {v:.3f}" for k, v in result["metrics"].items())
        shown = " ".join(["rashomon eval", task, *argv])
        print(f"| {task} | {data} | {result['n']} | {figures} | `{shown}` | {seconds:.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
