"""The ingest stage: files in, clean :class:`~rashomon.model.Document` records out.

Example:
    >>> from rashomon.ingest import ingest
    >>> result = ingest(["a.html", "b.txt", "folder/"])   # doctest: +SKIP
    >>> [d.outlet for d in result.documents], [e.message for e in result.errors]  # doctest: +SKIP
"""

from __future__ import annotations

from rashomon.ingest.core import IngestResult, document_from_html, document_from_text, ingest
from rashomon.ingest.dating import resolve_batch_dates
from rashomon.ingest.errors import IngestError

__all__ = [
    "IngestError",
    "IngestResult",
    "document_from_html",
    "document_from_text",
    "ingest",
    "resolve_batch_dates",
]
