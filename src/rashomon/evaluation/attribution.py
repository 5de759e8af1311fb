"""Attribution: the claims stage's source, cue and content spans against PolNeAR.

Layout: one PolNeAR split folder with ``text/<article>.txt`` and brat standoff
``attributions/<article>_<annotator>.ann``. Gold relations are the ``E`` lines
(``Attribution:Tn Cue:Tn Source:Tn Content:Tn``; a relation may lack a role,
e.g. ``Attribution-no-source``) over ``T`` spans; a discontinuous span
(``start end;start end``) is taken from its first start to its last end.

Predictions: each :class:`~rashomon.model.Claim` whose mode is neither
``narrator`` nor ``continued`` is a relation with source = the claimant's span,
cue = the claim's cue and content = the claim's offsets. The document is built
directly from the file's text (not through ingest, whose cleaning would move
offsets), so offsets are the file's.

Scoring is per role, micro over all relations: a predicted span and a gold span
of the same role in the same article are paired one to one (exact pairs first).
``<role>_f1`` counts exact pairs; ``<role>_overlap_f1`` counts pairs that share
at least one word token, i.e. their character ranges overlap on a letter or
digit (a lenient measure, not the proportional one).
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from rashomon.claims import find_claims
from rashomon.errors import EvaluationDataError
from rashomon.evaluation import EvalResult
from rashomon.evaluation.metrics import prf
from rashomon.knowledge.actors import ActorBase
from rashomon.language import load_nlp, parse
from rashomon.model import ClaimMode, Document

logger = logging.getLogger(__name__)

LAYOUT = "a PolNeAR split folder with text/<article>.txt and attributions/<article>_<annotator>.ann (brat)"
ROLES = ("source", "cue", "content")
_ANN_NAME = re.compile(r"^(?P<article>.+)_(?P<annotator>[^_]+)\.ann$")
_SKIPPED_MODES = (ClaimMode.NARRATOR, ClaimMode.CONTINUED)

Spans = dict[str, list[tuple[int, int]]]  # role -> spans, one per relation that has the role


def read_ann(text: str) -> Spans:
    """Gold spans per role from the text of one brat ``.ann`` file."""
    spans: dict[str, tuple[str, int, int]] = {}
    relations: list[dict[str, str]] = []
    for line in text.splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            kind, _, offsets = fields[1].partition(" ")
            try:
                pairs = [tuple(int(x) for x in part.split()) for part in offsets.split(";")]
                spans[fields[0]] = (kind, min(p[0] for p in pairs), max(p[1] for p in pairs))
            except (ValueError, IndexError):
                raise EvaluationDataError(f"malformed brat span line: {line!r}") from None
        elif line.startswith("E") and len(fields) >= 2:
            args = dict(arg.split(":", 1) for arg in fields[1].split() if ":" in arg)
            relations.append({role.lower(): ref for role, ref in args.items()})
    out: Spans = {role: [] for role in ROLES}
    for rel in relations:
        for role in ROLES:
            ref = rel.get(role)
            if ref in spans:
                out[role].append(spans[ref][1:])
    return out


def _word_overlap(a: tuple[int, int], b: tuple[int, int], text: str) -> bool:
    lo, hi = max(a[0], b[0]), min(a[1], b[1])
    return lo < hi and any(ch.isalnum() for ch in text[lo:hi])


def match(predicted: list[tuple[int, int]], gold: list[tuple[int, int]], text: str) -> tuple[int, int]:
    """(exact pairs, overlapping pairs) of a one-to-one pairing, exact pairs made first."""
    free_pred, free_gold = list(predicted), list(gold)
    exact = 0
    for span in list(free_pred):
        if span in free_gold:
            free_gold.remove(span)
            free_pred.remove(span)
            exact += 1
    overlap = exact
    for span in free_pred:
        hit = next((g for g in free_gold if _word_overlap(span, g, text)), None)
        if hit is not None:
            free_gold.remove(hit)
            overlap += 1
    return exact, overlap


def load_split(path: Path) -> list[tuple[str, Path, Path]]:
    """(article, text file, first annotator's .ann file) for every annotated article, sorted.

    Raises:
        EvaluationDataError: the folder lacks ``text/`` or ``attributions/``, or has no annotated article.
    """
    text_dir, ann_dir = path / "text", path / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise EvaluationDataError(f"{path}: not an attribution split; expected {LAYOUT}")
    first: dict[str, Path] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        m = _ANN_NAME.match(ann.name)
        if m and (text_dir / f"{m['article']}.txt").is_file():
            first.setdefault(m["article"], ann)
    if not first:
        raise EvaluationDataError(f"{path}: no .ann file in attributions/ matches a text/ file; expected {LAYOUT}")
    return [(article, text_dir / f"{article}.txt", ann) for article, ann in sorted(first.items())]


def predict(document: Document, doc, actors: ActorBase) -> Spans:
    """Predicted spans per role, one per attributed claim."""
    out: Spans = {role: [] for role in ROLES}
    for claim in find_claims(document, doc, actors=actors):
        if claim.mode in _SKIPPED_MODES:
            continue
        if claim.claimant.span is not None:
            out["source"].append((claim.claimant.span.start, claim.claimant.span.end))
        if claim.cue is not None:
            out["cue"].append((claim.cue.start, claim.cue.end))
        out["content"].append((claim.start, claim.end))
    return out


def score(pairs: Iterable[tuple[str, Spans, Spans]]) -> dict[str, float]:
    """The six metrics over (text, predicted, gold) per article."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # exact, overlap, predicted, gold
    for text, predicted, gold in pairs:
        for role in ROLES:
            exact, overlap = match(predicted[role], gold[role], text)
            c = counts[role]
            c[0] += exact
            c[1] += overlap
            c[2] += len(predicted[role])
            c[3] += len(gold[role])
    metrics: dict[str, float] = {}
    for role in ROLES:
        metrics[f"{role}_f1"] = round(prf(counts[role][0], counts[role][2], counts[role][3]).f1, 4)
    for role in ROLES:
        metrics[f"{role}_overlap_f1"] = round(prf(counts[role][1], counts[role][2], counts[role][3]).f1, 4)
    return metrics


def evaluate(path: Path, *, limit: int | None = None) -> EvalResult:
    """Score the claims stage on a PolNeAR split (the first ``limit`` articles in sorted order)."""
    path = Path(path)
    articles = load_split(path)
    if limit is not None:
        articles = articles[:limit]
    texts, golds = [], []
    for _, text_file, ann in articles:
        # newline="" keeps \r\n as two characters: brat offsets count them
        with text_file.open(encoding="utf-8", errors="replace", newline="") as fh:
            texts.append(fh.read())
        golds.append(read_ann(ann.read_text(encoding="utf-8", errors="replace")))
    nlp, actors = load_nlp(), ActorBase.default()
    scored, failed = [], 0
    for (article, text_file, _), text, gold, doc in zip(articles, texts, golds, parse(texts, nlp)):
        document = Document(id=article, source=str(text_file), text=text)
        try:
            predicted = predict(document, doc, actors)
        except ValueError as exc:  # a pipeline failure on one article is that article's miss
            logger.warning("attribution: the claims stage failed on %s: %s", article, str(exc).splitlines()[0])
            predicted, failed = {role: [] for role in ROLES}, failed + 1
        scored.append((text, predicted, gold))
    notes = [
        "gold: the first annotator's file per article (sorted by file name); discontinuous spans taken min..max",
        "predictions: claims with mode other than narrator/continued; source = claimant span, cue, content",
        "exact: identical offsets; overlap: one-to-one pairs sharing at least one word token",
        f"articles where the claims stage failed (no predictions): {failed}",
        "gold spans: " + ", ".join(f"{r} {sum(len(g[r]) for _, _, g in scored)}" for r in ROLES)
        + "; predicted: " + ", ".join(f"{r} {sum(len(p[r]) for _, p, _ in scored)}" for r in ROLES),
    ]
    return EvalResult("attribution", data=str(path), n=len(articles), metrics=score(scored), notes=notes)
