"""Training of event-type models: the shipped one, and a user's own from an ACLED export.

``rashomon train events`` is a thin shell over :func:`train_events`. Without an export it
retrains the model rashomon ships, from the sentences written for the project
(``training/events/data/*.jsonl`` in a source checkout). With ``--acled EXPORT.csv`` it
trains a local model from the ``notes`` of a user's own ACLED export (columns
``event_type``, ``sub_event_type``, ``notes``); ACLED's terms do not allow redistributing
such a model, so it is written to the user's data folder, never into the package.

Training is reproducible: examples are sorted, the held-out split and the order of the
mini-batches come from a fixed seed, and the model files are written byte for byte the same
for the same data and settings.

Notes:
    The model is multinomial logistic regression with L2 regularisation, trained with
    lazily updated Adam (Kingma & Ba, 2015) over the sparse features of
    :func:`rashomon.event_types.features`, then calibrated by temperature scaling
    (Guo et al., 2017) on a held-out split.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import logging
import os
import re
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from rashomon import __version__
from rashomon.errors import TrainingDataError
from rashomon.event_types import (
    EVENT_TYPE_OF, EventTypeClassifier, encode, features, softmax, sparse_logits,
)

logger = logging.getLogger(__name__)

ACLED_COLUMNS = ("event_type", "sub_event_type", "notes")
#: Where ``rashomon train events --acled`` writes by default.
ACLED_MODEL_DIR = "models/events-acled"
PROJECT_MODEL_DIR = "models/events"

# ----------------------------------------------------------------------------- calibrated settings
@dataclass(frozen=True, kw_only=True)
class TrainSettings:
    """Hyper-parameters of :func:`fit`.

    Chosen on the project's own sentences with a split by template (held-out sentences are
    worded differently from the training ones; ``heldout`` below), by held-out log loss, and
    never on CASE or ACLED text. With three times the renderings of each template, 4 epochs
    of batches of 32 beat 8 (held-out log loss 0.337 against 0.357); then with 2,400
    renderings per class, L2 3e-5 (log loss 0.337) beat 1e-5 (0.339) and 1e-4 (0.348);
    feature dropout of 0.3 and 0.5 gave no gain and is off; averaging three seeds (0.336)
    narrows the spread between training seeds. A learning rate of 0.02 (decayed linearly
    to a tenth) and 0.05 did equally well.
    """

    epochs: int = 4
    batch_size: int = 32
    learning_rate: float = 0.02
    l2: float = 3e-5
    #: A feature must occur in this many training texts to be kept.
    min_df: int = 2
    #: At most this many features (the most frequent), which bounds the model's size.
    max_features: int = 300_000
    #: Share of groups (templates; ACLED rows) held out to fit the temperature and report accuracy.
    heldout: float = 0.2
    seed: int = 13
    #: Share of a training text's features dropped at random at each step (the rest scaled up
    #: to keep the expected input): the model cannot lean on one cue that every rendering of
    #: a template shares, and has to spread weight over all the words that name the event.
    dropout: float = 0.0
    #: Models trained with seeds ``seed``, ``seed + 1``, ... (order of batches, dropped
    #: features) whose weights are averaged: the average of linear models is one linear model
    #: of the same size, and it varies less from seed to seed than any one of them.
    ensemble: int = 3


@dataclass(frozen=True)
class Example:
    """One training text with its label; ``group`` keeps variants of one template together."""

    text: str
    label: str
    group: str


@dataclass(frozen=True)
class TrainReport:
    """What :func:`train_events` did: where the model is, on what, and how it scored held out."""

    out: Path
    source: str
    examples: int
    labels: dict[str, int]
    features: int
    temperature: float
    heldout: dict = field(default_factory=dict)
    seconds: float = 0.0


# ----------------------------------------------------------------------------- reading data
def read_examples(folder: str | Path) -> list[Example]:
    """Examples from a folder of JSONL files (one ``{"text", "label"}`` object per line).

    Raises:
        TrainingDataError: the folder has no JSONL file, or a line is not such an object.
    """
    folder = Path(folder)
    files = sorted(folder.glob("*.jsonl")) if folder.is_dir() else []
    if not files:
        raise TrainingDataError(f"{folder}: no *.jsonl training files")
    out: list[Example] = []
    for path in files:
        for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                text, label = obj["text"], obj["label"]
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise TrainingDataError(f"{path}:{no}: expected a JSON object with 'text' and 'label' ({exc})") from exc
            if not isinstance(text, str) or not isinstance(label, str) or not text.strip():
                raise TrainingDataError(f"{path}:{no}: 'text' and 'label' must be non-empty strings")
            out.append(Example(text=text, label=label, group=str(obj.get("template") or f"{path.stem}:{no}")))
    return out


_CODING_NOTE = re.compile(
    r"[^.]*\b(?:coded as|coded separately|fatalit(?:y|ies) (?:split|coded)|unspecified number of fatalities)\b[^.]*\.?",
    re.I)
_SIZE_TAG = re.compile(r"\[\s*size\s*=[^\]]*\]", re.I)


def clean_notes(notes: str) -> str:
    """An ACLED note without the coders' bookkeeping ("[size=no report]", "... coded as 3.")."""
    text = _SIZE_TAG.sub(" ", notes)
    text = _CODING_NOTE.sub(" ", text)
    text = re.sub(r"\(\s*coded separately\s*\)", " ", text, flags=re.I)
    return re.sub(r"\s+", " ", text).strip()


def read_acled(path: str | Path) -> tuple[list[Example], dict[str, str]]:
    """Examples from an ACLED export: each row's cleaned ``notes`` labelled with its sub-event type.

    The HXL tag row that some exports carry is skipped, and so are rows without notes or
    sub-event type. Comma, semicolon and tab separators are recognised.

    Returns:
        The examples, and each sub-event type's event type.

    Raises:
        TrainingDataError: the file is missing or unreadable, lacks one of the columns
            ``event_type``, ``sub_event_type``, ``notes`` (the message names the file and the
            missing columns), or has fewer than two sub-event types with notes.
    """
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise TrainingDataError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise TrainingDataError(f"{path}: cannot read as UTF-8 text ({exc})") from exc
    first = raw.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)
    reader = csv.DictReader(io.StringIO(raw, newline=""), delimiter=delimiter)
    columns = [c.strip() for c in reader.fieldnames or []]
    missing = [c for c in ACLED_COLUMNS if c not in columns]
    if missing:
        raise TrainingDataError(
            f"{path}: missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
            f"(an ACLED export needs {', '.join(ACLED_COLUMNS)}; found: {', '.join(columns) or 'none'})")
    reader.fieldnames = columns
    examples: list[Example] = []
    types: dict[str, str] = {}
    for no, row in enumerate(reader, start=2):
        etype = (row.get("event_type") or "").strip()
        sub = (row.get("sub_event_type") or "").strip()
        notes = clean_notes(row.get("notes") or "")
        if etype.startswith("#") or not sub or not notes:
            continue
        if types.setdefault(sub, etype) != etype:
            logger.warning("%s:%d: sub-event type %r under event type %r, earlier under %r; keeping the first",
                           path, no, sub, etype, types[sub])
        examples.append(Example(text=notes, label=sub, group=f"row{no}"))
    if len({e.label for e in examples}) < 2:
        raise TrainingDataError(f"{path}: needs rows of at least two sub-event types with notes to train on")
    return examples, types


# ----------------------------------------------------------------------------- fitting
def build_index(texts: Iterable[str], settings: TrainSettings) -> dict[str, int]:
    """Feature -> column, for features in at least ``min_df`` texts (the ``max_features`` most frequent)."""
    df: Counter[str] = Counter()
    for text in texts:
        df.update(features(text))
    kept = sorted((f for f, n in df.items() if n >= settings.min_df), key=lambda f: (-df[f], f))
    return {f: i for i, f in enumerate(sorted(kept[:settings.max_features]))}


def _train_weights(idx: np.ndarray, vals: np.ndarray, starts: np.ndarray, y: np.ndarray, n_features: int,
                   n_labels: int, settings: TrainSettings, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Softmax regression by mini-batch Adam, updating only the weight rows a batch touches."""
    rng = np.random.default_rng(seed)
    keep = 1.0 - settings.dropout
    w = np.zeros((n_features, n_labels), dtype=np.float32)
    b = np.zeros(n_labels, dtype=np.float32)
    mw, vw = np.zeros_like(w), np.zeros_like(w)
    mb, vb = np.zeros_like(b), np.zeros_like(b)
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    n = len(y)
    step = 0
    lengths = starts[1:] - starts[:-1]
    for epoch in range(settings.epochs):
        order = rng.permutation(n)
        lr = settings.learning_rate * (1.0 - epoch / settings.epochs * 0.9)
        for lo in range(0, n, settings.batch_size):
            rows = order[lo:lo + settings.batch_size]
            blen = lengths[rows]
            bstarts = np.concatenate([[0], np.cumsum(blen)])
            take = np.concatenate([np.arange(starts[r], starts[r + 1]) for r in rows]) if blen.sum() else \
                np.zeros(0, dtype=np.int64)
            bidx, bvals = idx[take], vals[take]
            if keep < 1.0 and len(bidx):
                kept = rng.random(len(bidx)) < keep
                owner = np.repeat(np.arange(len(rows)), blen)
                bidx, bvals = bidx[kept], bvals[kept] / keep
                blen = np.bincount(owner[kept], minlength=len(rows))
                bstarts = np.concatenate([[0], np.cumsum(blen)])
            probs = softmax(sparse_logits(w, b, bidx, bvals, bstarts))
            probs[np.arange(len(rows)), y[rows]] -= 1.0
            grad_out = probs / len(rows)
            step += 1
            c1, c2 = 1.0 - beta1 ** step, 1.0 - beta2 ** step
            gb = grad_out.sum(axis=0)
            mb[:] = beta1 * mb + (1 - beta1) * gb
            vb[:] = beta2 * vb + (1 - beta2) * gb * gb
            b -= lr * (mb / c1) / (np.sqrt(vb / c2) + eps)
            if len(bidx) == 0:
                continue
            row_of = np.repeat(np.arange(len(rows)), blen)
            uniq, inv = np.unique(bidx, return_inverse=True)
            g = np.zeros((len(uniq), n_labels), dtype=np.float32)
            np.add.at(g, inv, grad_out[row_of] * bvals[:, None])
            g += settings.l2 * w[uniq]
            mw[uniq] = beta1 * mw[uniq] + (1 - beta1) * g
            vw[uniq] = beta2 * vw[uniq] + (1 - beta2) * g * g
            w[uniq] -= lr * (mw[uniq] / c1) / (np.sqrt(vw[uniq] / c2) + eps)
    return w, b


def fit(examples: Sequence[Example], event_types: dict[str, str | None], settings: TrainSettings | None = None,
        *, temperature: float = 1.0, meta: dict | None = None) -> EventTypeClassifier:
    """Train a classifier on ``examples`` (in the order given; sort them for reproducibility).

    Args:
        examples: labelled texts.
        event_types: each label's ACLED event type (None for non-event classes).
        settings: hyper-parameters; the defaults when None.
        temperature: the calibration temperature to store with the model.
        meta: extra facts to store in the model's ``meta.json``.
    """
    settings = settings or TrainSettings()
    labels = tuple(sorted({e.label for e in examples}, key=lambda lab: (_label_rank(lab), lab)))
    col = {lab: i for i, lab in enumerate(labels)}
    index = build_index((e.text for e in examples), settings)
    idx, vals, starts = encode((e.text for e in examples), index)
    y = np.array([col[e.label] for e in examples], dtype=np.int64)
    w = np.zeros((len(index), len(labels)), dtype=np.float32)
    b = np.zeros(len(labels), dtype=np.float32)
    for k in range(max(1, settings.ensemble)):
        wk, bk = _train_weights(idx, vals, starts, y, len(index), len(labels), settings, settings.seed + k)
        w += wk / max(1, settings.ensemble)
        b += bk / max(1, settings.ensemble)
    return EventTypeClassifier(labels=labels, event_types={lab: event_types.get(lab) for lab in labels},
                               index=index, weights=w.astype(np.float16), bias=b, temperature=temperature,
                               meta=dict(meta or {}))


def _label_rank(label: str) -> int:
    order = list(EVENT_TYPE_OF)
    return order.index(label) if label in order else len(order)


def split_heldout(examples: Sequence[Example], settings: TrainSettings) -> tuple[list[Example], list[Example]]:
    """Hold out a share of each label's groups (templates, or rows), chosen with the seed."""
    rng = np.random.default_rng(settings.seed)
    by_label: dict[str, set[str]] = {}
    for e in examples:
        by_label.setdefault(e.label, set()).add(e.group)
    held: set[tuple[str, str]] = set()
    for label in sorted(by_label):
        groups = sorted(by_label[label])
        k = min(int(round(len(groups) * settings.heldout)), len(groups) - 1)
        for i in (rng.choice(len(groups), size=k, replace=False) if k >= 1 else ()):
            held.add((label, groups[int(i)]))
    train = [e for e in examples if (e.label, e.group) not in held]
    test = [e for e in examples if (e.label, e.group) in held]
    return train, test


#: Temperatures tried when calibrating: 0.25 to 8, evenly on a log scale.
_TEMPERATURES = np.exp(np.linspace(np.log(0.25), np.log(8.0), 81))
#: Confidence levels at which the held-out report gives coverage and accuracy.
CONFIDENCE_LEVELS = (0.0, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95)


def calibrate(model: EventTypeClassifier, heldout: Sequence[Example]) -> tuple[float, dict]:
    """The temperature that minimises held-out log loss, and the held-out accuracy by confidence."""
    texts = [e.text for e in heldout]
    idx, vals, starts = encode(texts, model.index)
    logits = sparse_logits(model.weights, model.bias, idx, vals, starts)
    col = {lab: i for i, lab in enumerate(model.labels)}
    y = np.array([col.get(e.label, -1) for e in heldout])
    known = y >= 0
    logits, y = logits[known], y[known]
    best_t, best_nll = 1.0, np.inf
    for t in _TEMPERATURES:
        p = softmax(logits / t)
        nll = float(-np.log(p[np.arange(len(y)), y] + 1e-12).mean())
        if nll < best_nll - 1e-9:
            best_t, best_nll = float(t), nll
    p = softmax(logits / best_t)
    conf, pred = p.max(axis=1), p.argmax(axis=1)
    correct = pred == y
    levels = []
    for level in CONFIDENCE_LEVELS:
        sel = conf >= level
        levels.append({"min_probability": level, "share": round(float(sel.mean()), 4),
                       "accuracy": round(float(correct[sel].mean()), 4) if sel.any() else None})
    report = {"n": int(len(y)), "accuracy": round(float(correct.mean()), 4), "log_loss": round(best_nll, 4),
              "temperature": round(best_t, 4), "by_confidence": levels}
    return best_t, report


def _digest(examples: Sequence[Example]) -> str:
    h = hashlib.sha256()
    for e in examples:
        h.update(f"{e.label}\t{e.text}\n".encode())
    return h.hexdigest()


def data_home() -> Path:
    """``$XDG_DATA_HOME/rashomon`` (``~/.local/share/rashomon`` by default)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "rashomon"


def project_data_dir() -> Path:
    """``training/events/data`` of the source checkout this module runs from."""
    return Path(__file__).resolve().parents[2] / "training" / "events" / "data"


def train_events(acled: str | Path | None = None, out: str | Path | None = None, *, data: str | Path | None = None,
                 settings: TrainSettings | None = None) -> TrainReport:
    """Train an event-type model and write it to a folder that :func:`rashomon.event_types.load` reads.

    Args:
        acled: an ACLED export (CSV with ``event_type``, ``sub_event_type``, ``notes``); the
            model learns ACLED's sub-event types from the notes. None trains on ``data``.
        out: the model folder; by default ``~/.local/share/rashomon/models/events-acled``
            with ``acled``, else ``~/.local/share/rashomon/models/events``.
        data: a folder of JSONL examples; by default the project's own sentences
            (``training/events/data`` in a source checkout). Ignored with ``acled``.
        settings: hyper-parameters; the defaults when None.

    Returns:
        A report with the model folder, counts, temperature and held-out accuracy.

    Raises:
        TrainingDataError: the training data is missing or malformed.

    Example:
        rashomon train events --acled acled_export.csv
        rashomon train events --out src/rashomon/knowledge/models/events   # the shipped model
    """
    settings = settings or TrainSettings()
    started = time.perf_counter()
    if acled is not None:
        examples, acled_types = read_acled(acled)
        event_types: dict[str, str | None] = dict(acled_types)
        source = f"ACLED export {Path(acled).name}"
        folder = Path(out) if out is not None else data_home() / ACLED_MODEL_DIR
    else:
        data_dir = Path(data) if data is not None else project_data_dir()
        examples = read_examples(data_dir)
        event_types = {e.label: EVENT_TYPE_OF.get(e.label) for e in examples}
        source = "rashomon training sentences (training/events)"
        folder = Path(out) if out is not None else data_home() / PROJECT_MODEL_DIR
    examples = sorted(examples, key=lambda e: (e.label, e.group, e.text))
    train, heldout = split_heldout(examples, settings)
    logger.info("training on %d examples, %d held out", len(train), len(heldout))
    temperature, report = 1.0, {}
    if heldout:
        trial = fit(train, event_types, settings)
        temperature, report = calibrate(trial, heldout)
    counts = dict(sorted(Counter(e.label for e in examples).items()))
    meta = {"source": source, "rashomon_version": __version__, "examples": len(examples), "label_counts": counts,
            "data_sha256": _digest(examples), "settings": asdict(settings), "heldout": report}
    model = fit(examples, event_types, settings, temperature=temperature, meta=meta)
    model.save(folder)
    return TrainReport(out=folder, source=source, examples=len(examples), labels=counts, features=len(model.index),
                       temperature=temperature, heldout=report, seconds=round(time.perf_counter() - started, 2))
