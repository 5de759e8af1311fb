"""Main-text extraction: ingest's HTML reader against gold article bodies.

Layout (scrapinghub's article-extraction-benchmark): a folder with
``ground-truth.json`` (``{"<id>": {"articleBody": str, "url": str}}``) and the
pages as ``html/<id>.html.gz``. Each page goes through
:func:`rashomon.ingest.document_from_html`; its cleaned ``text`` is scored
against ``articleBody`` as a bag of lower-cased word tokens, and precision,
recall and F1 are averaged over pages (the benchmark's own scoring is also a
per-page bag-of-tokens measure).
"""

from __future__ import annotations

import gzip
import json
import logging
import time
from pathlib import Path

from rashomon.errors import EvaluationDataError
from rashomon.evaluation import EvalResult
from rashomon.evaluation.metrics import bag_prf
from rashomon.ingest import IngestError, document_from_html

logger = logging.getLogger(__name__)

LAYOUT = "a folder with ground-truth.json ({id: {articleBody, url}}) and html/<id>.html.gz"


def load_ground_truth(path: Path) -> dict[str, str]:
    """Page id -> gold article body.

    Raises:
        EvaluationDataError: no readable ``ground-truth.json`` of the expected shape.
    """
    truth = path / "ground-truth.json"
    if not path.is_dir() or not truth.is_file():
        raise EvaluationDataError(f"{path}: not an extraction set; expected {LAYOUT}")
    try:
        raw = json.loads(truth.read_text(encoding="utf-8"))
        return {str(k): str(v["articleBody"]) for k, v in raw.items()}
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise EvaluationDataError(f"{truth}: not of the expected shape ({LAYOUT}): {exc}") from None


def evaluate(path: Path, *, limit: int | None = None) -> EvalResult:
    """Score the HTML reader on every page of the set (the first ``limit`` ids in sorted order)."""
    path = Path(path)
    truth = load_ground_truth(path)
    ids = sorted(truth)
    missing = [i for i in ids if not (path / "html" / f"{i}.html.gz").is_file()]
    if missing:
        raise EvaluationDataError(f"{path}: {len(missing)} pages of ground-truth.json have no "
                                  f"html/<id>.html.gz (first: {missing[0]}); expected {LAYOUT}")
    if limit is not None:
        ids = ids[:limit]
    sums = [0.0, 0.0, 0.0]
    empty = 0
    started = time.perf_counter()
    for page_id in ids:
        page = path / "html" / f"{page_id}.html.gz"
        try:
            html = gzip.decompress(page.read_bytes())
        except (OSError, EOFError) as exc:
            raise EvaluationDataError(f"{page}: not a gzip file: {exc}") from None
        try:
            text = document_from_html(html, source=str(page)).text
        except IngestError as exc:
            logger.info("%s: no text extracted (%s)", page_id, exc)
            text = ""
            empty += 1
        for k, value in enumerate(bag_prf(text, truth[page_id])):
            sums[k] += value
    elapsed = time.perf_counter() - started
    n = len(ids)
    metrics = {name: round(total / n, 4) if n else 0.0 for name, total in zip(("precision", "recall", "f1"), sums)}
    notes = [
        "bag of lower-cased word tokens (\\w+) of Document.text against articleBody, per page, mean over pages",
        f"pages with no extracted text (IngestError), scored 0: {empty}",
        f"pages_per_s: {n / elapsed:.1f}" if elapsed > 0 else "pages_per_s: n/a",
    ]
    return EvalResult("extraction", data=str(path), n=n, metrics=metrics, notes=notes)
