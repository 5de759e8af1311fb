"""The ingest stage: files, URLs, feeds, archives and dumps in, clean :class:`~rashomon.model.Document` records out.

Example:
    >>> from rashomon.ingest import ingest
    >>> result = ingest(["a.html", "b.txt", "folder/", "crawl.warc.gz", "https://example.org/feed.xml"])  # doctest: +SKIP
    >>> [d.outlet for d in result.documents], [e.message for e in result.errors]  # doctest: +SKIP
"""

from __future__ import annotations

from rashomon.ingest.core import (
    IngestResult,
    check_english,
    document_from_html,
    document_from_loaded,
    document_from_text,
    ingest,
)
from rashomon.ingest.dating import resolve_batch_dates
from rashomon.ingest.dedup import mark_relays
from rashomon.ingest.errors import IngestError
from rashomon.ingest.lang import detect_language
from rashomon.ingest.web import Fetcher, FetchSettings

__all__ = [
    "FetchSettings",
    "Fetcher",
    "IngestError",
    "IngestResult",
    "check_english",
    "detect_language",
    "document_from_html",
    "document_from_loaded",
    "document_from_text",
    "ingest",
    "mark_relays",
    "resolve_batch_dates",
]
