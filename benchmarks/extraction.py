"""Main-text extraction against the article-extraction benchmark: token P/R/F1 and pages/s.

Usage::

    PYTHONPATH=src python benchmarks/extraction.py [DATA] [--method rashomon|trafilatura|trafilatura-no-comments] [--limit N]
        [--worst K] [--repeat R] [--json]

DATA is a folder with ``ground-truth.json`` and ``html/<id>.html.gz`` (default:
``../shared/evaldata/article_extraction_benchmark``). For every page the metric is
the bag of lowercase word tokens (``\\w+``) of the extracted text against the gold
``articleBody``: precision, recall and F1 from the multiset overlap; the figures are
means over pages. A page whose extraction fails scores 0 (its error is counted).

``--method rashomon`` measures what the pipeline analyses (``document_from_html``:
title and boilerplate removed); ``--method trafilatura`` measures trafilatura's
``extract`` with default settings, the reference (``trafilatura-no-comments``: the
same without comments). Speed is pages per second of
extraction alone (reading and decompressing excluded), on one core: CPU time of
the fastest of ``--repeat`` passes, since other processes on a shared machine slow
every pass a little and some a lot.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

DEFAULT = (Path(__file__).resolve().parents[1] / ".." / "shared" / "evaldata" / "article_extraction_benchmark").resolve()
_TOKEN = re.compile(r"\w+")


def tokens(text: str) -> Counter[str]:
    """The bag of lowercase word tokens of a text."""
    return Counter(_TOKEN.findall(text.lower()))


def score(predicted: str, gold: str) -> tuple[float, float, float]:
    """Token-bag precision, recall and F1 of one page."""
    p, g = tokens(predicted), tokens(gold)
    overlap = sum((p & g).values())
    precision = overlap / sum(p.values()) if p else 0.0
    recall = overlap / sum(g.values()) if g else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _rashomon(html: bytes, url: str) -> str:
    from rashomon.ingest import document_from_html

    return document_from_html(html, source=url).text


def _trafilatura(html: bytes, url: str) -> str:
    import trafilatura

    return trafilatura.extract(html) or ""


def _trafilatura_no_comments(html: bytes, url: str) -> str:
    import trafilatura

    return trafilatura.extract(html, include_comments=False) or ""


METHODS = {"rashomon": _rashomon, "trafilatura": _trafilatura, "trafilatura-no-comments": _trafilatura_no_comments}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--method", choices=sorted(METHODS), default="rashomon")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--worst", type=int, default=0, help="list the K pages of lowest F1")
    parser.add_argument("--repeat", type=int, default=3, help="timing passes; the fastest is reported")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)

    truth_path = args.data / "ground-truth.json"
    if not truth_path.is_file():
        print(f"no ground-truth.json in {args.data}", file=sys.stderr)
        return 2
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    ids = sorted(truth)[: args.limit]
    pages = [(i, gzip.decompress((args.data / "html" / f"{i}.html.gz").read_bytes())) for i in ids]
    extract = METHODS[args.method]
    extract(pages[0][1], truth[ids[0]].get("url", ""))  # warm-up: imports and lazy loads

    rows, failures, passes = [], 0, []
    for run in range(args.repeat):
        elapsed = 0.0
        for page_id, html in pages:
            started = time.process_time()
            try:
                text = extract(html, truth[page_id].get("url", ""))
            except Exception as exc:  # noqa: BLE001 - a failed page scores 0 and is reported
                text = ""
                failures += run == 0
                if run == 0:
                    print(f"failed {page_id[:12]}: {exc}", file=sys.stderr)
            elapsed += time.process_time() - started
            if run == 0:
                rows.append((page_id, *score(text, truth[page_id]["articleBody"])))
        passes.append(elapsed)
    elapsed = min(passes)  # the least disturbed pass, as timeit does

    metrics = {
        "precision": round(statistics.fmean(r[1] for r in rows), 4),
        "recall": round(statistics.fmean(r[2] for r in rows), 4),
        "f1": round(statistics.fmean(r[3] for r in rows), 4),
        "pages_per_s": round(len(rows) / elapsed, 1) if elapsed else None,
        "failures": failures,
    }
    if args.json:
        print(json.dumps({"task": "extraction", "method": args.method, "data": str(args.data), "n": len(rows),
                          "metrics": metrics}))
    else:
        print(f"{args.method}: n={len(rows)}  " + "  ".join(f"{k}={v}" for k, v in metrics.items()))
        for page_id, p, r, f in sorted(rows, key=lambda row: row[3])[: args.worst]:
            print(f"  {page_id[:12]}  P={p:.3f} R={r:.3f} F1={f:.3f}  {truth[page_id].get('url', '')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
