"""The orchestrator: runs the stages in order, one explicit step each.

1. ingest     — files, directories and texts become cleaned ``Document`` records
2. language   — one spaCy parse per document (``nlp.pipe``, model loaded once)
3. claims     — every statement becomes a ``Claim`` with its claimant and side
4. events     — each claim's content yields ``EventMention`` records
5. incidents  — mentions from all documents are linked into ``Incident`` records
6. reconcile  — per incident and attribute: claims, status, estimate, reasons
7. outputs    — done by the caller (``rashomon.outputs``) from the ``Analysis``
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from spacy.language import Language

from rashomon import __version__
from rashomon.claims import find_claims
from rashomon.event_types import load as load_event_classifier
from rashomon.events import find_mentions
from rashomon.incidents import link_incidents
from rashomon.ingest import document_from_text, ingest
from rashomon.knowledge.actors import ActorBase
from rashomon.knowledge.gazetteer import CREDIT as GEONAMES_CREDIT, Gazetteer
from rashomon.language import load_nlp, parse
from rashomon.model import Analysis, Claim, Document, EventMention, InputError
from rashomon.reconcile import reconcile

logger = logging.getLogger(__name__)


class Extraction(NamedTuple):
    """Stages 2-4 for one document: its claims and event mentions."""

    document: Document
    claims: list[Claim]
    mentions: list[EventMention]


def extract_documents(documents: Iterable[Document], *, nlp: Language | None = None,
                      actors: ActorBase | None = None,
                      gazetteer: Gazetteer | None = None, event_classifier=None,
                      workers: int = 1, engine: str = "local", ray_address: str | None = None) -> Iterator[Extraction]:
    """Run stages 2-4 (language, claims, events) on ingested documents, one at a time.

    Documents are parsed in batches (``nlp.pipe``) but results are yielded per
    document as soon as it is done, so that a caller (the store) can commit
    each one on its own. Linking (stage 5) needs all documents and is not done here.

    Args:
        documents: ingested documents.
        nlp: a loaded spaCy pipeline (default: the English model, loaded once).
        actors: an actor base (default: the shipped packs).
        gazetteer: a gazetteer (default: the GeoNames index, built on first use).
        event_classifier: the event-type classifier (default: the shipped model,
            :func:`rashomon.event_types.load`; a model trained on your ACLED export loads the same way).
        workers: processes for stages 2-4 (:mod:`rashomon.engines.local`); the output is the same.
        engine: ``"local"`` (this machine's processes) or ``"ray"`` (Ray Data,
            :mod:`rashomon.engines.ray`; needs the ``ray`` extra); the output is the same.
        ray_address: with ``engine="ray"``, a cluster to connect to (default: a local instance).

    Yields:
        One :class:`Extraction` per document, in input order.
    """
    if engine == "ray":
        from rashomon.engines.ray import extract_ray

        given = {"nlp": nlp, "actors": actors, "gazetteer": gazetteer, "event_classifier": event_classifier}
        documents = list(documents)
        for done, extraction in enumerate(extract_ray(documents, workers, address=ray_address, models=given), 1):
            logger.info("analysed %s (%d/%d)", extraction.document.source, done, len(documents),
                        extra={"rashomon_progress": (done, len(documents))})
            yield extraction
        return
    if engine != "local":
        raise ValueError(f"unknown engine {engine!r}: 'local' or 'ray'")
    nlp = nlp or load_nlp()
    actors = actors or ActorBase.default()
    gazetteer = gazetteer if gazetteer is not None else Gazetteer.default()
    event_classifier = event_classifier if event_classifier is not None else load_event_classifier()
    documents = list(documents)
    if workers > 1 and len(documents) > 1:
        from rashomon.engines.local import extract_parallel

        models = {"nlp": nlp, "actors": actors, "gazetteer": gazetteer, "event_classifier": event_classifier}
        for done, extraction in enumerate(extract_parallel(documents, workers, models=models), 1):
            logger.info("analysed %s (%d/%d)", extraction.document.source, done, len(documents),
                        extra={"rashomon_progress": (done, len(documents))})
            yield extraction
        return
    done = 0
    # 2. language
    for document, doc in zip(documents, parse((d.text for d in documents), nlp)):
        # 3. claims
        doc_claims = find_claims(document, doc, actors=actors, gazetteer=gazetteer)
        # 4. events
        doc_mentions = find_mentions(document, doc, doc_claims, actors=actors, gazetteer=gazetteer,
                                     event_classifier=event_classifier)
        done += 1
        logger.info("analysed %s (%d/%d)", document.source, done, len(documents),
                    extra={"rashomon_progress": (done, len(documents))})
        yield Extraction(document, list(doc_claims), list(doc_mentions))


def analyze_documents(documents: Sequence[Document], *, nlp: Language | None = None,
                      actors: ActorBase | None = None, gazetteer: Gazetteer | None = None,
                      errors: Sequence[InputError] = (), event_classifier=None, workers: int = 1,
                      engine: str = "local", ray_address: str | None = None,
                      similarity: str = "lexical") -> Analysis:
    """Run stages 2-6 on documents that are already ingested (stages 2-4 on ``workers`` processes of ``engine``).

    ``similarity="embeddings"`` adds sentence embeddings to the linker's document similarity
    (optional extra; raises :class:`~rashomon.errors.EmbeddingsUnavailable` without it).
    """
    embeddings = None
    if similarity == "embeddings":
        from rashomon.embeddings import document_map, load_model

        load_model()  # fail before the long stages if the extra is missing
    elif similarity != "lexical":
        raise ValueError(f"similarity must be lexical or embeddings, not {similarity!r}")
    claims: list[Claim] = []
    mentions: list[EventMention] = []
    # 2-4. language, claims, events
    for extraction in extract_documents(documents, nlp=nlp, actors=actors, gazetteer=gazetteer,
                                        event_classifier=event_classifier, workers=workers, engine=engine,
                                        ray_address=ray_address):
        claims.extend(extraction.claims)
        mentions.extend(extraction.mentions)
    # 5. incidents
    if similarity == "embeddings" and documents:
        embeddings = document_map(documents)
    incidents = link_incidents(documents, claims, mentions, embeddings)
    # 6. reconcile
    incidents = reconcile(incidents, mentions, claims, documents=documents)
    credits = (GEONAMES_CREDIT,) if any(i.places for i in incidents) else ()
    return Analysis(
        rashomon_version=__version__,
        documents=tuple(documents),
        claims=tuple(claims),
        mentions=tuple(mentions),
        incidents=tuple(incidents),
        errors=tuple(errors),
        credits=credits,
    )


def analyze(inputs: Sequence[str | Path] | str | Path, *, texts: Sequence[str] = (),
            published: dt.date | None = None, nlp: Language | None = None,
            actors: ActorBase | None = None, gazetteer: Gazetteer | None = None,
            event_classifier=None, workers: int = 1, engine: str = "local", ray_address: str | None = None,
            similarity: str = "lexical", **ingest_options) -> Analysis:
    """Analyse reports into reconciled incidents.

    Args:
        inputs: paths of files or directories (``"-"`` reads stdin).
        texts: raw article texts to analyse alongside the files.
        published: publication date to use for every document (else metadata
            or inference from the text; the output says which).
        nlp: a loaded spaCy pipeline (default: the English model, loaded once).
        actors: an actor base (default: the shipped packs).
        gazetteer: a gazetteer (default: the GeoNames index, built on first use).
        event_classifier: an event-type model (default: the shipped one); see
            :func:`rashomon.event_types.load` for one trained with ``rashomon train events``.
        workers: processes for stages 2-4 (language, claims, events); the output is the same.
        engine: ``"local"`` or ``"ray"`` (Ray Data; ``ray_address`` picks a cluster).
        similarity: ``"lexical"`` (TF-IDF) or ``"embeddings"`` (beside sentence embeddings;
            the ``rashomon[embeddings]`` extra).
        **ingest_options: passed to :func:`rashomon.ingest.ingest` (``allow_private``,
            ``timeout``, ``max_bytes``, ``max_redirects``, ``fetch``, ``english_only``, ``dedup``).

    Returns:
        The :class:`~rashomon.model.Analysis`; inputs that could not be read are
        in ``errors`` and the others are analysed.

    Example:
        >>> result = analyze(["examples/"])          # doctest: +SKIP
        >>> [i.summary for i in result.incidents]    # doctest: +SKIP
    """
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    result = ingest(list(inputs), published=published, **ingest_options)
    documents = list(result.documents)
    errors = list(result.errors)
    for k, text in enumerate(texts):
        try:
            documents.append(document_from_text(text, source=f"<text {k + 1}>", published=published))
        except ValueError as exc:
            errors.append(InputError(source=f"<text {k + 1}>", message=str(exc)))
    if texts and not published:
        from rashomon.ingest.dating import resolve_batch_dates

        documents = list(resolve_batch_dates(documents))
    return analyze_documents(documents, nlp=nlp, actors=actors, gazetteer=gazetteer, errors=errors,
                             event_classifier=event_classifier, workers=workers, engine=engine,
                             ray_address=ray_address, similarity=similarity)
