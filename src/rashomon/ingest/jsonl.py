"""JSON Lines dumps: one document per line.

Entry function: :func:`read_jsonl`. Each non-blank line is a JSON object with the
document's ``text`` (plain text) or ``html`` (a page), and optionally ``url``,
``published`` (ISO date or date-time, or an RFC 2822 date), ``outlet`` and
``title``. Common aliases from crawler dumps are read too (``content``/``body`` for
text, ``raw_html`` for html, ``date``/``published_at``/``pubDate`` for the date,
``source``/``site_name``/``sitename`` for the outlet, ``link`` for the URL).

A line that is not a JSON object, or has neither text nor HTML, is one error naming
the file and line number; the other lines go on.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import logging
from collections.abc import Iterable, Iterator

from rashomon.ingest.readers import Loaded
from rashomon.model import InputError

logger = logging.getLogger(__name__)

_TEXT_KEYS = ("text", "content", "body", "article", "maintext")
_HTML_KEYS = ("html", "raw_html", "page")
_DATE_KEYS = ("published", "date", "published_at", "publication_date", "pubDate", "date_publish", "datePublished")
_OUTLET_KEYS = ("outlet", "source", "site_name", "sitename", "publisher")
_URL_KEYS = ("url", "link", "uri")


def read_jsonl(lines: Iterable[str], *, source: str) -> Iterator[Loaded | InputError]:
    """Read documents from JSON lines.

    Args:
        lines: the lines of the dump (decoded).
        source: the dump's path, for sources ("dump.jsonl:12") and messages.

    Yields:
        A :class:`~rashomon.ingest.readers.Loaded` per good line (source: its URL,
        else ``<path>:<line>``), an :class:`~rashomon.model.InputError` per bad line,
        and one error when the dump holds no line at all.

    Notes:
        Does not fetch a line's URL: a dump line carries its own text.
    """
    seen = False
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        seen = True
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            logger.warning("skipping %s: not valid JSON", where)
            yield InputError(source=where, message=f"not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(record, dict):
            yield InputError(source=where, message=f"a JSON {type(record).__name__}, not an object")
            continue
        url = _string(record, _URL_KEYS)
        html = _string(record, _HTML_KEYS)
        text = _string(record, _TEXT_KEYS)
        if not (html or text):
            yield InputError(source=where, message="line has neither text nor html")
            continue
        published = None
        raw_date = _string(record, _DATE_KEYS)
        if raw_date:
            published = parse_date(raw_date)
            if published is None:
                logger.warning("%s: unreadable date %r ignored", where, raw_date)
        yield Loaded(
            source=url or where,
            text=(html or text or "").replace("\r\n", "\n").replace("\r", "\n"),
            kind="html" if html else "text",
            url=url,
            published=published,
            outlet=_string(record, _OUTLET_KEYS),
            title=_string(record, ("title", "headline")),
        )
    if not seen:
        yield InputError(source=source, message="empty input (no JSON lines)")


def parse_date(value: str) -> dt.date | None:
    """An ISO 8601 date or date-time, or an RFC 2822 date, as a date; else None."""
    value = value.strip()
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None


def _string(record: dict, keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool) and key in _DATE_KEYS:
            try:
                return dt.datetime.fromtimestamp(value, tz=dt.timezone.utc).date().isoformat()
            except (OverflowError, OSError, ValueError):
                return None
    return None
