"""Ray engine: stages 2-4 on Ray Data, on a local Ray instance or a cluster.

Documents go through ``map_batches`` to a pool of actors (one per worker); each actor
loads the models once, in its constructor, and turns a batch of documents into their
extractions. Records travel pickled, so the extractions that come back are the very
objects the local engine makes, and the analysis is the same. Linking (stage 5) runs in
the driver on the collected mentions, as with the local engine.

Ray is an optional extra: ``pip install "rashomon[ray]"``.
"""

from __future__ import annotations

import logging
import pickle
from collections.abc import Iterator, Sequence
from typing import Any

from rashomon.model import Document

logger = logging.getLogger(__name__)

#: Documents per Ray Data batch: the same chunk size as the local engine
#: (:data:`rashomon.engines.local.CHUNK`), for the same reason.
BATCH = 8


class _Extractor:
    """A Ray actor's callable: models loaded once per worker, then one batch at a time."""

    def __init__(self, models: bytes | None = None) -> None:
        from rashomon.event_types import load as load_event_classifier
        from rashomon.knowledge.actors import ActorBase
        from rashomon.knowledge.gazetteer import Gazetteer
        from rashomon.language import load_nlp

        given: dict[str, Any] = pickle.loads(models) if models else {}
        self.models = {
            "nlp": given.get("nlp") or load_nlp(),
            "actors": given.get("actors") or ActorBase.default(),
            "gazetteer": given.get("gazetteer") or Gazetteer.default(),
            "event_classifier": given.get("event_classifier") or load_event_classifier(),
        }

    def __call__(self, batch: dict[str, Any]) -> dict[str, list]:
        from rashomon.pipeline import extract_documents

        documents = [pickle.loads(d) for d in batch["document"]]
        extractions = list(extract_documents(documents, workers=1, **self.models))
        return {"index": list(batch["index"]), "extraction": [pickle.dumps(tuple(e)) for e in extractions]}


def _init(workers: int, address: str | None) -> None:
    """Connect to ``address`` (a cluster), else start a local instance of ``workers`` CPUs."""
    import ray

    if ray.is_initialized():
        return
    if address:
        ray.init(address=address, log_to_driver=False)
    else:
        ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False)


def extract_ray(documents: Sequence[Document], workers: int, *, address: str | None = None,
                models: dict[str, Any] | None = None) -> Iterator:
    """Yield the :class:`~rashomon.pipeline.Extraction` of every document, in input order.

    Args:
        documents: ingested documents.
        workers: Ray actors (one model load each).
        address: a Ray cluster address (``ray://host:10001`` or ``auto``); by default a
            local instance with ``workers`` CPUs is started.
        models: models given by the caller (sent to every actor); those missing are
            loaded by each actor from the defaults.

    Raises:
        ImportError: Ray is not installed (``pip install "rashomon[ray]"``).
    """
    import ray.data

    from rashomon.pipeline import Extraction

    _init(workers, address)
    given = {k: v for k, v in (models or {}).items() if v is not None}
    rows = [{"index": k, "document": pickle.dumps(d)} for k, d in enumerate(documents)]
    dataset = ray.data.from_items(rows, override_num_blocks=max(1, min(len(rows), workers * 4)))
    results = dataset.map_batches(
        _Extractor, fn_constructor_args=(pickle.dumps(given) if given else None,),
        batch_size=BATCH, compute=ray.data.ActorPoolStrategy(size=workers), num_cpus=1, batch_format="numpy",
    ).take_all()
    for row in sorted(results, key=lambda r: int(r["index"])):
        yield Extraction(*pickle.loads(row["extraction"]))
