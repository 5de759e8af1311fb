"""Event typing: the events stage's ACLED sub-event type against CASE 2021 task 2.

Layout: a folder holding a tab-separated file with the columns ``id``,
``EventSnippet`` and ``SubType`` (read with ``csv.QUOTE_NONE``: snippets hold
bare quotation marks), or that file itself. Each snippet is parsed alone,
claims are found, then event mentions (no gazetteer: places play no part in
the type); the prediction is the sub-event type of the first mention that has
one, written in the task's label names (:data:`CASE_LABELS`). A snippet with
no typed mention gets no label: it counts as wrong, and no fallback class is
guessed.

Notes:
    Haneczok et al. (2021), "Fine-grained event classification in news-like
    text snippets - Shared Task 2, CASE 2021". The five labels outside ACLED
    (ORG_CRIME, NATURAL_DISASTER, MAN_MADE_DISASTER, DIPLO, ATTRIB) have no
    rashomon counterpart and are always missed.
"""

from __future__ import annotations

import csv
import logging
import sys
from collections import Counter
from pathlib import Path

from rashomon.claims import find_claims
from rashomon.errors import EvaluationDataError
from rashomon.evaluation import EvalResult
from rashomon.evaluation.metrics import classification_scores
from rashomon.event_types import CASE_LABELS as MODEL_CASE_LABELS, classify
from rashomon.events import CLASSIFIER_MIN_PROBABILITY, find_mentions
from rashomon.knowledge.actors import ActorBase
from rashomon.language import load_nlp, parse
from rashomon.model import Document

logger = logging.getLogger(__name__)

LAYOUT = "a folder with a tab-separated file of columns id, EventSnippet, SubType (CASE 2021 task 2)"
COLUMNS = ("id", "EventSnippet", "SubType")

#: Model label (ACLED sub-event type, or a non-ACLED class) -> CASE 2021 task 2 label; one table,
#: kept with the classifier.
CASE_LABELS: dict[str, str] = MODEL_CASE_LABELS


def _tsv_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    return sorted(p for p in path.glob("*.tsv") if p.is_file())


def load_snippets(path: Path) -> list[tuple[str, str, str]]:
    """(id, snippet, gold label) rows of every TSV with the task's columns, in file order.

    Raises:
        EvaluationDataError: no file with the columns ``id``, ``EventSnippet``, ``SubType``.
    """
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    rows: list[tuple[str, str, str]] = []
    for tsv in _tsv_files(path):
        with tsv.open(encoding="utf-8", errors="replace", newline="") as fh:
            reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
            header = next(reader, [])
            if not set(COLUMNS) <= set(header):
                logger.info("%s: not a CASE task 2 file (header %s)", tsv, header[:5])
                continue
            at = [header.index(c) for c in COLUMNS]
            for line in reader:
                if len(line) > max(at) and line[at[1]].strip() and line[at[2]].strip():
                    rows.append((line[at[0]], line[at[1]], line[at[2]].strip()))
    if not rows:
        raise EvaluationDataError(f"{path}: no labelled snippets; expected {LAYOUT}")
    return rows


def predict(document: Document, doc, actors: ActorBase) -> str | None:
    """The CASE label for one snippet, as the events stage types it.

    The shipped classifier reads the snippet (restricted to the task's labels); where it is
    below the events stage's confidence threshold, the first typed event mention of the
    pipeline (lexicon) decides, as in :mod:`rashomon.events`.
    """
    (p,) = classify([document.text], labels=MODEL_CASE_LABELS)
    if p.probability >= CLASSIFIER_MIN_PROBABILITY:
        return MODEL_CASE_LABELS[p.label]
    claims = find_claims(document, doc, actors=actors)
    for mention in find_mentions(document, doc, claims, actors=actors, gazetteer=None):
        if mention.sub_event_type:
            label = CASE_LABELS.get(mention.sub_event_type)
            if label is None:
                logger.warning("sub-event type %r has no CASE label", mention.sub_event_type)
            return label
    return MODEL_CASE_LABELS[p.label]


def evaluate(path: Path, *, limit: int | None = None) -> EvalResult:
    """Score event typing on every snippet (the first ``limit`` in file order)."""
    path = Path(path)
    rows = load_snippets(path)
    if limit is not None:
        rows = rows[:limit]
    nlp, actors = load_nlp(), ActorBase.default()
    gold: list[str] = []
    predicted: list[str | None] = []
    failed = 0
    for (snippet_id, text, label), doc in zip(rows, parse((r[1] for r in rows), nlp)):
        document = Document(id=f"case-{snippet_id}", source=f"{path}#{snippet_id}", text=text)
        gold.append(label)
        try:
            predicted.append(predict(document, doc, actors))
        except ValueError as exc:  # a pipeline failure on one snippet is that snippet's miss
            logger.warning("events: the pipeline failed on snippet %s: %s", snippet_id, str(exc).splitlines()[0])
            predicted.append(None)
            failed += 1
    metrics = {k: round(v, 4) for k, v in classification_scores(gold, predicted).items()}
    abstained = sum(p is None for p in predicted)
    outside = sorted(set(gold) - set(CASE_LABELS.values()))
    top = Counter(p for p in predicted if p).most_common(5)
    notes = [
        "prediction: the shipped classifier (at the events stage threshold), else the first typed mention (trigger lexicon), else the classifier",
        "macro F1 over labels in gold or predicted (abstentions are not a label); weighted F1 by gold support",
        f"snippets without a typed mention: {abstained} of {len(rows)} (pipeline errors: {failed})",
        f"gold labels outside ACLED's sub-types (never predicted): {', '.join(outside) or 'none'}",
        "most predicted: " + ", ".join(f"{lab} {k}" for lab, k in top),
    ]
    return EvalResult("events", data=str(path), n=len(rows), metrics=metrics, notes=notes)
