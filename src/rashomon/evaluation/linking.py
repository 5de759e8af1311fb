"""Document linking: do documents about one real event end up together? (ECB+)

Layout: a folder holding ECB+ topic folders (searched recursively) with CROMER
XML files named ``<topic>_<k>ecb.xml`` and ``<topic>_<k>ecbplus.xml``. Within a
topic, the ``ecb`` documents report one seminal event and the ``ecbplus``
documents another of the same kind (two rehab check-ins, two earthquakes), so
the gold clustering has two clusters per topic. Each document's text is
rebuilt from its ``<token>`` elements (a space between tokens, a line break
between sentences).

The clustering is :func:`rashomon.similarity.cluster_documents`, the pipeline's
lexical document similarity (the incident linker uses its features and TF-IDF):
TF-IDF over content words, plus the months and years that
:func:`rashomon.timex.find_times` reads as absolute dates, the places the
gazetteer knows (capitalised word runs it resolves), proper names and numbers.
Per topic, the vectors are contrasted (:func:`rashomon.similarity.contrast_vectors`
subtracts the topic's mean, so "earthquake" no longer makes two earthquakes
alike) and clustered by average linkage cut at :data:`LINK_THRESHOLD` on the
contrasted score, with plain cosine as a floor and as sure evidence (see the
constants there for their calibration on the odd topics and check on the even
ones). Documents of different topics are never linked (topics are given, as in
the usual ECB+ document-clustering setting).

Scores are over all documents at once: ``bcubed_f1`` and ``conll_f1`` (the
mean of MUC, B³ and CEAF-e F1).

Notes:
    Cybulska & Vossen (2014), "Using a sledgehammer to crack a nut? Lexical
    diversity and event coreference resolution" (ECB+).
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from pathlib import Path

from lxml import etree

from rashomon.errors import EvaluationDataError
from rashomon.evaluation import EvalResult
from rashomon.evaluation.metrics import b_cubed, ceaf_e, conll_f1, muc
from rashomon.knowledge.gazetteer import Gazetteer
from rashomon.similarity import LINK_THRESHOLD, cluster_documents, document_features

logger = logging.getLogger(__name__)

LAYOUT = "an ECB+ folder of topic folders with <topic>_<k>ecb.xml and <topic>_<k>ecbplus.xml (CROMER XML)"

_FILE = re.compile(r"^(?P<topic>\d+)_(?P<doc>\d+)(?P<kind>ecb|ecbplus)\.xml$")
_WORD = re.compile(r"^[a-z][a-z'-]+$")
_CAPITALISED = re.compile(r"(?:[A-Z][\w'’.-]*)(?:\s+(?:[A-Z][\w'’.-]*))*")


def find_documents(path: Path) -> dict[str, list[Path]]:
    """Topic -> its ECB+ files, sorted; topics in numeric order.

    Raises:
        EvaluationDataError: no file named like an ECB+ document under ``path``.
    """
    topics: dict[str, list[Path]] = defaultdict(list)
    if path.is_dir():
        for f in path.rglob("*.xml"):
            m = _FILE.match(f.name)
            if m:
                topics[m["topic"]].append(f)
    if not topics:
        raise EvaluationDataError(f"{path}: no <topic>_<k>ecb.xml / ecbplus.xml files; expected {LAYOUT}")
    return {t: sorted(topics[t], key=lambda f: f.name) for t in sorted(topics, key=int)}


def document_text(path: Path) -> str:
    """The text rebuilt from the file's tokens.

    Raises:
        EvaluationDataError: not XML or no tokens.
    """
    try:
        root = etree.parse(str(path)).getroot()
    except (etree.XMLSyntaxError, OSError) as exc:
        raise EvaluationDataError(f"{path}: not CROMER XML ({exc}); expected {LAYOUT}") from None
    sentences: dict[str, list[str]] = defaultdict(list)
    for tok in root.iter("token"):
        sentences[tok.get("sentence", "0")].append(tok.text or "")
    if not sentences:
        raise EvaluationDataError(f"{path}: no <token> elements; expected {LAYOUT}")
    return "\n".join(" ".join(sentences[s]) for s in sorted(sentences, key=lambda s: int(s) if s.isdigit() else 0))


def evaluate(path: Path, *, limit: int | None = None, gazetteer: Gazetteer | None = None,
             threshold: float = LINK_THRESHOLD, similarity: str = "lexical") -> EvalResult:
    """Cluster each topic's documents and score against the ecb/ecbplus split (the first ``limit`` topics).

    ``similarity`` is ``lexical`` (TF-IDF, the default) or ``embeddings`` (TF-IDF beside
    sentence embeddings; needs the optional extra, see :mod:`rashomon.embeddings`).

    Raises:
        EmbeddingsUnavailable: ``embeddings`` asked for without the extra installed.
    """
    if similarity not in ("lexical", "embeddings"):
        raise EvaluationDataError(f"similarity must be lexical or embeddings, not {similarity!r}")
    if similarity == "embeddings":
        from rashomon.embeddings import document_vectors, load_model

        load_model()  # fail before reading anything if the extra is missing
    path = Path(path)
    topics = find_documents(path)
    if limit is not None:
        topics = dict(list(topics.items())[:limit])
    gaz = gazetteer if gazetteer is not None else Gazetteer.default()
    gold: dict[tuple[str, str], list[str]] = defaultdict(list)
    predicted: list[list[str]] = []
    n = 0
    for topic, files in topics.items():
        names = [f.name for f in files]
        for name in names:
            m = _FILE.match(name)
            gold[(topic, m["kind"])].append(name)
        texts = [document_text(f) for f in files]
        bags = [document_features(t, gaz) for t in texts]
        vectors = document_vectors(texts) if similarity == "embeddings" else None
        predicted.extend([names[i] for i in c] for c in cluster_documents(bags, threshold, embeddings=vectors))
        n += len(files)
    key = list(gold.values())
    metrics = {
        "bcubed_f1": round(b_cubed(key, predicted).f1, 4),
        "conll_f1": round(conll_f1(key, predicted), 4),
    }
    notes = [
        f"topics: {len(topics)}; gold clusters: {len(key)}; predicted clusters: {len(predicted)}",
        f"muc_f1 {muc(key, predicted).f1:.4f}, ceaf_e_f1 {ceaf_e(key, predicted).f1:.4f}",
        f"the pipeline's document clusterer: contrasted TF-IDF (words, dates, places, names, numbers)"
        + (" beside sentence embeddings (all-MiniLM-L6-v2)" if similarity == "embeddings" else "")
        + f", average linkage at {threshold}",
        "clusters per topic (topics given); --limit caps topics",
    ]
    return EvalResult("linking", data=str(path), n=n, metrics=metrics, notes=notes)
