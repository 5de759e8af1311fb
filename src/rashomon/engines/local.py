"""Local engine: stages 2-4 on several processes of this machine.

Each worker process gets the models once: they are loaded in the parent before the
pool starts and inherited by ``fork`` (copy-on-write, so the gazetteer and the spaCy
weights are shared pages, not copies); where ``fork`` is unavailable each worker loads
its own in its initializer. Documents go to workers in small chunks and come back in
input order, so the output is the same as with one process.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from rashomon.model import Document

#: Documents per task sent to a worker. Small enough that two workers stay busy to the
#: end of a few-hundred-document run, large enough that ``nlp.pipe`` batches within it;
#: 8 was as fast as 16 and 32 on the 800-text benchmark on 2 cores (benchmarks/throughput.py).
CHUNK = 8

#: The models of this worker process, set once by :func:`_init`.
_MODELS: dict[str, Any] = {}


def _init(models: dict[str, Any] | None) -> None:
    """Worker initializer: keep the inherited models, or load the defaults (spawn start).

    The worker's own per-document progress log is silenced: the parent logs each
    document as it comes back, in order, through the handlers the user set up.
    """
    logging.getLogger("rashomon.pipeline").setLevel(logging.WARNING)
    if models is None:
        from rashomon.event_types import load as load_event_classifier
        from rashomon.knowledge.actors import ActorBase
        from rashomon.knowledge.gazetteer import Gazetteer
        from rashomon.language import load_nlp

        models = {"nlp": load_nlp(), "actors": ActorBase.default(), "gazetteer": Gazetteer.default(),
                  "event_classifier": load_event_classifier()}
    _MODELS.update(models)


def _extract_chunk(documents: list[Document]) -> list:
    """Stages 2-4 on one chunk, with this worker's models."""
    from rashomon.pipeline import extract_documents

    return list(extract_documents(documents, workers=1, **_MODELS))


def chunks(items: Sequence[Document], size: int = CHUNK) -> list[list[Document]]:
    """Consecutive slices of ``size`` items, in order."""
    return [list(items[k:k + size]) for k in range(0, len(items), size)]


def extract_parallel(documents: Sequence[Document], workers: int, *, models: dict[str, Any]) -> Iterator:
    """Yield the :class:`~rashomon.pipeline.Extraction` of every document, in input order.

    Args:
        documents: ingested documents.
        workers: processes to run (at least 2; one process needs no pool).
        models: ``nlp``, ``actors``, ``gazetteer``, ``event_classifier``, already loaded.
    """
    methods = mp.get_all_start_methods()
    context = mp.get_context("fork" if "fork" in methods else "spawn")
    inherited = models if context.get_start_method() == "fork" else None
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init,
                             initargs=(inherited,)) as pool:
        for result in pool.map(_extract_chunk, chunks(documents)):
            yield from result
