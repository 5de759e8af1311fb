"""The ingest stage: inputs in, clean :class:`~rashomon.model.Document` records out.

:func:`ingest` runs, for each input:

1. read and decode it (``readers.read_inputs``): files, folders, stdin;
2. HTML only: main text, title, site name and date (``html.extract_html``);
3. clean the text (``clean.clean_text``): title, sidebar, credits, duplicates,
   captions, share and navigation lines out, each kept as a ``Removed``;
4. outlet and relays (``credits.read_credits``): credit lines and dateline;
5. live-blog segments (``segments.find_segments``);
6. publication date (``dating.infer_date``) unless the user or the page gave it,
   and segment times on that date (``segments.with_times``);

then, over the batch: unique ids, and years settled across documents
(``dating.resolve_batch_dates``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rashomon.ingest.clean import clean_text
from rashomon.ingest.credits import read_credits
from rashomon.ingest.dating import INFERRED, infer_date, resolve_batch_dates
from rashomon.ingest.errors import IngestError
from rashomon.ingest.html import extract_html
from rashomon.ingest.readers import decode_bytes, read_inputs
from rashomon.ingest.segments import find_segments, is_marker, newest_time, with_times
from rashomon.model import DateBasis, Document, InputError

logger = logging.getLogger(__name__)

# Ids are "d" + this many hex digits of the SHA-1 of the cleaned text: 40 bits make
# an accidental clash within a batch of a million documents unlikely (~0.05%), and
# a clash is resolved by a suffix anyway.
ID_HEX_DIGITS = 10


@dataclass(frozen=True)
class IngestResult:
    """The documents read and, for each input that could not be, its error."""

    documents: tuple[Document, ...]
    errors: tuple[InputError, ...]


def ingest(inputs: Sequence[str | Path], *, published: dt.date | None = None) -> IngestResult:
    """Read news reports from files, folders or stdin into documents.

    Args:
        inputs: paths of .txt/.text/.md/.html/.htm files (other names are sniffed),
            folders (read recursively in sorted order, hidden files skipped), or
            ``"-"`` for text on stdin.
        published: the publication date, when the user knows it: every document
            gets it (basis GIVEN) and no date is inferred.

    Returns:
        An :class:`IngestResult`: one document per good input, in input order, and one
        :class:`InputError` per bad input (missing, unreadable, empty, binary,
        undecodable, over 20 MB, no main text). A bad input never stops the batch.

    Notes:
        Does not fetch URLs or read feeds, WARC or JSONL.
    """
    documents: list[Document] = []
    errors: list[InputError] = []
    for item in read_inputs(inputs):
        if isinstance(item, InputError):
            errors.append(item)
            continue
        try:
            if item.kind == "html":
                doc = document_from_html(item.text, source=item.source, published=published)
            else:
                doc = document_from_text(item.text, source=item.source, published=published)
        except IngestError as exc:
            logger.warning("skipping %s: %s", item.source, exc)
            errors.append(InputError(source=item.source, message=str(exc)))
            continue
        documents.append(doc)
    documents = _unique_ids(documents)
    if published is None:
        documents = list(resolve_batch_dates(documents))
    return IngestResult(documents=tuple(documents), errors=tuple(errors))


def document_from_text(
    text: str,
    *,
    source: str,
    published: dt.date | None = None,
    outlet: str | None = None,
    title: str | None = None,
) -> Document:
    """Make a document of plain text (a copied article, a .txt or .md file).

    Args:
        text: the article as scraped.
        source: where it came from (path, URL or label).
        published: the publication date, if known (basis GIVEN).
        outlet: the outlet, if known; else read from credit lines.
        title: the title, if known; else the first line when it is a headline.

    Returns:
        The cleaned :class:`Document`; ``raw_text`` is ``text`` with line ends normalised.

    Raises:
        IngestError: nothing is left once boilerplate is removed.
    """
    return _build(text, source=source, published=published, outlet=outlet, title=title)


def document_from_html(
    html: str | bytes,
    *,
    source: str,
    published: dt.date | None = None,
    url: str | None = None,
    outlet: str | None = None,
    title: str | None = None,
) -> Document:
    """Make a document of an HTML page: trafilatura's main text, cleaned.

    Args:
        html: the page, as text or bytes (decoded from its BOM or declared charset).
        source: where it came from.
        published: the publication date, if known (basis GIVEN); else the page's
            metadata date (basis METADATA); else inferred from the text.
        url: the page's address, when known (site name and dates in it).
        outlet: the outlet, if known; else the page's site name.
        title: the title, if known; else the page's.

    Raises:
        IngestError: undecodable bytes, or no main text in the page.
    """
    if isinstance(html, bytes):
        html = decode_bytes(html, html=True)
    page = extract_html(html, url=url)
    return _build(
        page.text,
        source=source,
        published=published,
        outlet=outlet or page.sitename,
        title=title or page.title,
        metadata_date=page.date,
        author=page.author,
        structured=True,
    )


# --------------------------------------------------------------------------- helpers


def _build(
    raw: str,
    *,
    source: str,
    published: dt.date | None,
    outlet: str | None,
    title: str | None,
    metadata_date: dt.date | None = None,
    author: str | None = None,
    structured: bool = False,
) -> Document:
    raw = raw.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if not raw.strip():
        raise IngestError("empty input")
    cleaned = clean_text(raw, title=title, keep=is_marker, structured=structured)
    if not cleaned.text.strip():
        raise IngestError("no main text left once boilerplate is removed")
    credits = read_credits(cleaned.text, cleaned.credits, outlet=outlet or cleaned.masthead)
    segments = find_segments(cleaned.text)

    if published is not None:
        date, basis, candidates = published, DateBasis.GIVEN, (published.year,)
    elif metadata_date is not None:
        date, basis, candidates = metadata_date, DateBasis.METADATA, (metadata_date.year,)
    else:
        dating_text = f"{cleaned.title}\n\n{cleaned.text}" if cleaned.title else cleaned.text
        info = infer_date(dating_text)
        date, basis, candidates = info.published, info.basis, info.year_candidates
    segments = with_times(segments, date)
    return Document(
        id=_document_id(cleaned.text),
        source=source,
        outlet=credits.outlet,
        title=cleaned.title,
        author=author,
        text=cleaned.text,
        raw_text=raw,
        published=date,
        published_time=newest_time(segments),
        published_inferred=basis in INFERRED,
        published_basis=basis,
        year_candidates=candidates,
        relays=credits.relays,
        segments=segments,
        removed=cleaned.removed,
    )


def _document_id(text: str) -> str:
    return "d" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:ID_HEX_DIGITS]


def _unique_ids(documents: list[Document]) -> list[Document]:
    """Suffix "-2", "-3", ... onto ids seen before in the batch (identical texts)."""
    seen: dict[str, int] = {}
    out = []
    for doc in documents:
        n = seen.get(doc.id, 0) + 1
        seen[doc.id] = n
        out.append(doc if n == 1 else doc.model_copy(update={"id": f"{doc.id}-{n}"}))
    return out
