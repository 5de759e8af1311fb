"""RSS and Atom feeds: one document per item.

Entry function: :func:`read_feed`. Each item becomes a document in one of two ways:

- the feed carries the full text (``content:encoded``, Atom ``content``, or a long
  ``description``): that HTML is the document, with the item's title and date and
  the feed's title as outlet;
- the feed carries a teaser only: the item's link is fetched (with the same limits
  and address checks as any URL) and the page is the document, dated by the item.

A feed that does not parse, or has no items, is one error; an item whose page
cannot be fetched is one error naming the item; the other items go on.
"""

from __future__ import annotations

import datetime as dt
import html as html_lib
import io
import logging
import re
from collections.abc import Callable, Iterator

from rashomon.ingest.errors import IngestError
from rashomon.ingest.readers import Loaded, decode_bytes
from rashomon.ingest.web import Fetched
from rashomon.model import InputError

logger = logging.getLogger(__name__)

# --------------------------------------------------------------------------- thresholds

# An item's content is taken for the full text from this many characters of plain
# text on: feed teasers ("summary", "description") are one to three sentences, under
# ~400 characters, while the shortest news reports (a wire flash of three
# paragraphs) run past 600.
FULLTEXT_MIN_CHARS = 600

# Endings that mark a cut teaser, whatever its length.
_TRUNCATED = re.compile(
    r"(?:\.\.\.|…|\[(?:\.\.\.|…)\]|\[\s*more\s*\]|read\s+more|continue\s+reading|the\s+post\s+.{1,200}\s+appeared\s+first\s+on\s+.{1,120})\W*$",
    re.IGNORECASE,
)
_TAGS = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"\s+")


def read_feed(
    data: bytes,
    *,
    source: str,
    fetch: Callable[[str], Fetched] | None = None,
    base_url: str | None = None,
) -> Iterator[Loaded | InputError]:
    """Read the items of an RSS or Atom feed.

    Args:
        data: the feed as bytes (never a URL or a file name: feedparser would open it).
        source: the feed's path or URL, for messages.
        fetch: how to fetch an item's page (``Fetcher.fetch``); without it, items
            without their full text are errors.
        base_url: the feed's address, to resolve relative item links.

    Yields:
        A :class:`~rashomon.ingest.readers.Loaded` per readable item, an
        :class:`~rashomon.model.InputError` per unreadable one, or one error for the
        whole feed when it does not parse or has no items.

    Notes:
        Uses feedparser (Pilgrim and McKee), which also reads RSS 0.9x/1.0 and
        CDF. Does not follow an item that links to another feed.
    """
    import feedparser

    headers = {"content-location": base_url} if base_url else {}
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            yield InputError(source=source, message=f"feed could not be parsed: {_reason(parsed.get('bozo_exception'))}")
        else:
            yield InputError(source=source, message="feed has no items")
        return
    if parsed.get("bozo"):
        logger.warning("%s: feed is not well-formed (%s); %d items read anyway", source,
                       _reason(parsed.get("bozo_exception")), len(entries))
    outlet = _text(parsed.feed.get("title")) or None
    for number, entry in enumerate(entries, 1):
        link = entry.get("link") or None
        item = link or f"{source}#item-{number}"
        title = _text(entry.get("title")) or None
        published = entry_date(entry)
        full = full_text(entry)
        if full is not None:
            text, kind = full
            yield Loaded(source=item, text=text, kind=kind, url=link, published=published, outlet=outlet, title=title)
            continue
        if not link:
            yield InputError(source=item, message="feed item has neither its full text nor a link")
            continue
        if fetch is None:
            yield InputError(source=item, message="feed item has no full text and fetching is off")
            continue
        try:
            page = fetch(link)
            if page.kind == "feed":
                raise IngestError("item links to another feed (not followed)")
            text = decode_bytes(page.data, html=page.kind == "html", charset=page.charset)
        except IngestError as exc:
            logger.warning("skipping %s: %s", item, exc)
            yield InputError(source=item, message=str(exc))
            continue
        yield Loaded(source=item, text=text, kind=page.kind, url=page.final_url, published=published)


def full_text(entry) -> tuple[str, str] | None:
    """The item's full text as (markup or text, kind), or None when it only has a teaser."""
    candidates = [(c.get("value") or "", c.get("type") or "text/html") for c in entry.get("content") or []]
    if entry.get("summary"):
        detail = entry.get("summary_detail") or {}
        candidates.append((entry["summary"], detail.get("type") or "text/html"))
    if not candidates:
        return None
    value, mime = max(candidates, key=lambda c: len(_plain(c[0])))
    plain = _plain(value)
    if len(plain) < FULLTEXT_MIN_CHARS or _TRUNCATED.search(plain[-300:]):
        return None
    if mime == "text/plain":
        return value, "text"
    title = html_lib.escape(_text(entry.get("title")))
    return f"<html><head><title>{title}</title></head><body><article>{value}</article></body></html>", "html"


def entry_date(entry) -> dt.date | None:
    """The item's publication date (else its update date), in UTC."""
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
            except (ValueError, AttributeError):
                continue
    return None


def _plain(markup: str) -> str:
    return _SPACES.sub(" ", html_lib.unescape(_TAGS.sub(" ", markup))).strip()


def _text(value: str | None) -> str:
    return _plain(value) if value else ""


def _reason(exc: BaseException | None) -> str:
    if exc is None:
        return "not a feed"
    return (str(exc).splitlines() or [type(exc).__name__])[0] or type(exc).__name__
