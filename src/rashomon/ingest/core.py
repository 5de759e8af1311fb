"""The ingest stage: inputs in, clean :class:`~rashomon.model.Document` records out.

:func:`ingest` runs, for each input:

1. read and decode it (``readers.read_inputs``): files, folders, globs, stdin, URLs
   (``web.Fetcher``), feeds (``feeds.read_feed``), WARC archives (``warc.read_warc``)
   and JSON lines (``jsonl.read_jsonl``);
2. HTML only: main text, title, site name, author and date (``html.extract_html``);
3. clean the text (``clean.clean_text``): title, sidebar, credits, duplicates,
   captions, share and navigation lines out, each kept as a ``Removed``;
4. outlet and relays (``credits.read_credits``): credit lines and dateline;
5. live-blog segments (``segments.find_segments``);
6. publication date (``dating.infer_date``) unless the user, the container or the
   page gave it, and segment times on that date (``segments.with_times``);
7. language (``lang.detect_language``): a report not in English is an error;

then, over the batch: unique ids, years settled across documents
(``dating.resolve_batch_dates``), and near-duplicates marked as relays of the
earliest copy (``dedup.mark_relays``).
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
from rashomon.ingest.dedup import mark_relays
from rashomon.ingest.errors import IngestError
from rashomon.ingest.html import extract_html
from rashomon.ingest.lang import detect_language
from rashomon.ingest import readers
from rashomon.ingest.readers import Loaded, decode_bytes, read_inputs
from rashomon.ingest.segments import find_segments, is_marker, newest_time, with_times
from rashomon.ingest.web import DEFAULT_MAX_REDIRECTS, DEFAULT_TIMEOUT, Fetcher, FetchSettings
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


def ingest(
    inputs: Sequence[str | Path],
    *,
    published: dt.date | None = None,
    allow_private: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int | None = None,
    max_redirects: int = DEFAULT_MAX_REDIRECTS,
    fetch: bool = True,
    english_only: bool = True,
    dedup: bool = True,
) -> IngestResult:
    """Read news reports from files, folders, globs, URLs, feeds, archives, dumps or stdin.

    Args:
        inputs: paths of .txt/.md/.html/.htm files (other names are sniffed),
            ``.xml``/``.rss``/``.atom`` feeds, ``.warc``/``.warc.gz``/``.arc`` archives,
            ``.jsonl``/``.ndjson`` dumps, folders (read recursively in sorted order,
            hidden files skipped), glob patterns, ``http://``/``https://`` URLs (a
            page or a feed), or ``"-"`` for stdin.
        published: the publication date, when the user knows it: every document
            gets it (basis GIVEN) and no date is inferred.
        allow_private: let URLs (and the items of fetched feeds) reach loopback,
            private and link-local addresses; off by default, so that a feed cannot
            send rashomon to a service inside the user's network.
        timeout: seconds allowed to each fetch (connection, each read, the whole transfer).
        max_bytes: the largest file, page or archive record read (default 20 MB).
        max_redirects: redirects followed per fetch.
        fetch: fetch URLs and feed items at all; when False they are errors.
        english_only: report a document whose text is not English as an error (the
            later stages read English only) instead of returning it.
        dedup: mark near-duplicates as relays of the earliest copy (``relay_of``).

    Returns:
        An :class:`IngestResult`: one document per good input or item, in input order,
        and one :class:`InputError` per bad one (missing, unreadable, empty, binary,
        undecodable, too large, no main text, not English, refused, unreachable or
        timed-out URL, feed that does not parse, truncated archive record, bad JSON
        line). A bad input never stops the batch.
    """
    limit = max_bytes if max_bytes is not None else readers.MAX_BYTES
    documents: list[Document] = []
    errors: list[InputError] = []
    settings = FetchSettings(timeout=timeout, max_bytes=limit, max_redirects=max_redirects,
                             allow_private=allow_private)
    with Fetcher(settings) as fetcher:
        for item in read_inputs(inputs, fetcher=fetcher if fetch else None, max_bytes=limit):
            if isinstance(item, InputError):
                errors.append(item)
                continue
            try:
                doc = document_from_loaded(item, published=published)
                if english_only:
                    check_english(doc)
            except IngestError as exc:
                logger.warning("skipping %s: %s", item.source, exc)
                errors.append(InputError(source=item.source, message=str(exc)))
                continue
            documents.append(doc)
    documents = _unique_ids(documents)
    if published is None:
        documents = list(resolve_batch_dates(documents))
    if dedup:
        documents = mark_relays(documents)
    return IngestResult(documents=tuple(documents), errors=tuple(errors))


def document_from_loaded(item: Loaded, *, published: dt.date | None = None) -> Document:
    """Make a document of one read input or item (what ``readers.read_inputs`` yields).

    Args:
        item: the decoded input, with what its container said of it.
        published: the user's publication date (basis GIVEN); else the container's
            (a feed's or dump's date, basis METADATA); else the page's; else inferred.

    Raises:
        IngestError: no main text, or nothing left once boilerplate is removed.
    """
    if item.kind == "html":
        return document_from_html(item.text, source=item.source, published=published, url=item.url,
                                  outlet=item.outlet, title=item.title, source_date=item.published)
    return document_from_text(item.text, source=item.source, published=published, outlet=item.outlet,
                              title=item.title, source_date=item.published)


def check_english(doc: Document) -> Document:
    """Raise when the document's text is, with confidence, not English.

    Raises:
        IngestError: naming the language found, e.g. "not English: the text is in
            Portuguese (pt, p=0.99); rashomon analyses English reports only".
    """
    if doc.language != "en":
        language = detect_language(doc.text)
        raise IngestError(
            f"not English: the text is in {language.name} ({language.code}, p={language.probability:.2f}); "
            "rashomon analyses English reports only"
        )
    return doc


def document_from_text(
    text: str,
    *,
    source: str,
    published: dt.date | None = None,
    outlet: str | None = None,
    title: str | None = None,
    source_date: dt.date | None = None,
) -> Document:
    """Make a document of plain text (a copied article, a .txt or .md file).

    Args:
        text: the article as scraped.
        source: where it came from (path, URL or label).
        published: the publication date, if known (basis GIVEN).
        outlet: the outlet, if known; else read from credit lines.
        title: the title, if known; else the first line when it is a headline.
        source_date: the date the text's container gave (a feed item's, a dump
            line's): used, with basis METADATA, when ``published`` is not given.

    Returns:
        The cleaned :class:`Document`; ``raw_text`` is ``text`` with line ends
        normalised; ``language`` the language detected (see ``lang.py``).

    Raises:
        IngestError: nothing is left once boilerplate is removed.
    """
    return _build(text, source=source, published=published, outlet=outlet, title=title, metadata_date=source_date)


def document_from_html(
    html: str | bytes,
    *,
    source: str,
    published: dt.date | None = None,
    url: str | None = None,
    outlet: str | None = None,
    title: str | None = None,
    source_date: dt.date | None = None,
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
        source_date: the date the page's container gave (a feed item's, a dump
            line's); it wins over the page's metadata date (basis METADATA either way).

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
        metadata_date=source_date or page.date,
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
    language = detect_language(cleaned.text)
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
        language=language.code if not language.is_english else "en",
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
