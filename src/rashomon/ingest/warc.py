"""WARC and ARC archives: one document per HTML response record.

Entry function: :func:`read_warc`. Reads ``.warc``, ``.warc.gz``, ``.arc`` and
``.arc.gz`` files with warcio (ARC records are read as WARC). Every ``response``
record with status 2xx and an HTML content type, and every ``resource`` record of
HTML, becomes a document whose source is ``<archive>#<target URI>``; other records
(requests, metadata, images, redirects) are passed over without a message.

A record cut short (a crawl interrupted, a file copied in part) is one error naming
the record; so are trailing bytes that no longer form a record; the records before
it are read.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

from rashomon.ingest.errors import IngestError
from rashomon.ingest.readers import Loaded, decode_bytes
from rashomon.model import InputError

logger = logging.getLogger(__name__)

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(path: Path, *, max_bytes: int) -> Iterator[Loaded | InputError]:
    """Read the HTML pages archived in a WARC or ARC file.

    Args:
        path: the archive.
        max_bytes: the largest page read; a larger record is one error.

    Yields:
        A :class:`~rashomon.ingest.readers.Loaded` (kind ``html``) per HTML record,
        an :class:`~rashomon.model.InputError` per bad record, and one when the
        archive cannot be read at all or holds no HTML record.

    Notes:
        Uses warcio (Webrecorder). Does not read the WARC-Date as a publication date:
        it is when the page was crawled.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    source = str(path)
    found = 0
    try:
        size = path.stat().st_size
        with path.open("rb") as stream:
            records = ArchiveIterator(stream, arc2warc=True)
            try:
                for record in records:
                    item = _record(record, source, max_bytes)
                    if item is not None:
                        found += 1
                        yield item
            except (ArchiveLoadFailed, EOFError, OSError, ValueError) as exc:
                yield InputError(source=f"{source}#offset {records.offset}",
                                 message=f"unreadable record: {_first_line(exc)}")
                return
            if records.offset < size:
                yield InputError(
                    source=f"{source}#offset {records.offset}",
                    message=f"truncated record: the last {size - records.offset} bytes do not form a complete record",
                )
    except OSError as exc:
        yield InputError(source=source, message=f"cannot read: {exc.strerror or exc}")
        return
    if not found:
        yield InputError(source=source, message="archive holds no HTML response record")


def _record(record, source: str, max_bytes: int) -> Loaded | InputError | None:
    """One record as a page, an error, or None when it is not an HTML page."""
    if record.rec_type not in ("response", "resource"):
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    label = f"{source}#{uri}" if uri else f"{source}#record"
    if record.rec_type == "response":
        http = record.http_headers
        if http is None:
            return None
        status = http.get_statuscode() or ""
        if not status.startswith("2"):
            return None
        content_type = http.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    mime = content_type.split(";")[0].strip().lower()
    if mime not in _HTML_TYPES:
        if mime:
            return None
        # no content type: a page whose HTTP headers were cut off, or a record of
        # nothing; read it through to tell
        while record.raw_stream.read(65536):
            pass
        if getattr(record.raw_stream, "limit", 0):
            return InputError(source=label, message=f"truncated record: {record.raw_stream.limit} bytes missing")
        return None
    body = record.content_stream().read(max_bytes + 1)
    if len(body) > max_bytes:
        return InputError(source=label, message=f"record too large (over {max_bytes // 2**20} MB)")
    if getattr(record.raw_stream, "limit", 0):
        return InputError(source=label, message=f"truncated record: {record.raw_stream.limit} bytes missing")
    if record.rec_headers.get_header("WARC-Truncated"):
        logger.warning("%s: the crawler truncated this record (%s)", label,
                       record.rec_headers.get_header("WARC-Truncated"))
    charset = _charset(content_type)
    try:
        text = decode_bytes(body, html=True, charset=charset)
    except IngestError as exc:
        return InputError(source=label, message=str(exc))
    return Loaded(source=label, text=text, kind="html", url=uri or None)


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _first_line(exc: BaseException) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0] or type(exc).__name__
