"""HTML pages: main text and metadata with trafilatura.

Entry function: :func:`extract_html`. The main text is rebuilt from trafilatura's
body tree so that every block (paragraph, heading, list, quote, table) becomes one
paragraph and paragraphs are separated by a blank line; ``<br>`` stays a line break.
Navigation, ``<aside>`` sidebars, comments and footers are dropped by trafilatura.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass

from rashomon.ingest.errors import IngestError

logger = logging.getLogger(__name__)

# Date parameters handed to htmldate (through trafilatura and as the fallback):
# markup only (meta tags, <time>, JSON-LD, URL), never dates found in the running
# text, which are the dating stage's business and would be mislabelled METADATA;
# original_date prefers the first publication over a later modification.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}

# trafilatura block tags whose children are blocks of their own.
_CONTAINERS = frozenset({"body", "div", "quote", "section", "article"})
_SPACES = re.compile(r"[ \t\u00a0]+")


@dataclass(frozen=True)
class HtmlExtract:
    """What a page yields: main text, and metadata where the page has it."""

    text: str
    title: str | None = None
    sitename: str | None = None
    date: dt.date | None = None


def extract_html(html: str) -> HtmlExtract:
    """Extract the main text, title, site name and publication date of a page.

    Args:
        html: the decoded page.

    Returns:
        The text with one blank line between blocks, and the metadata found.

    Raises:
        IngestError: the page has no main text.

    Notes:
        Uses trafilatura's ``bare_extraction`` (Barbaresi 2021, ACL demo) with
        comments left out; the date comes from the page markup through htmldate,
        never from dates mentioned in the text.
    """
    import trafilatura
    from lxml.etree import LxmlError

    try:
        result = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            date_extraction_params=dict(_DATE_PARAMS),
        )
    except (LxmlError, ValueError, TypeError, AttributeError) as exc:  # parser failures on broken markup
        raise IngestError(f"unparsable HTML: {(str(exc).splitlines() or [type(exc).__name__])[0]}") from exc
    body = getattr(result, "body", None) if result is not None else None
    text = _body_text(body) if body is not None else ""
    if not text.strip():
        raise IngestError("no main text found in the HTML page")
    date = _parse_date(getattr(result, "date", None)) or _htmldate(html)
    sitename = getattr(result, "sitename", None) or getattr(result, "hostname", None)
    title = getattr(result, "title", None)
    return HtmlExtract(text=text, title=_clean_inline(title) or None, sitename=sitename or None, date=date)


# --------------------------------------------------------------------------- helpers


def _body_text(body) -> str:
    blocks = [b for b in _blocks(body) if b.strip()]
    return "\n\n".join(blocks)


def _blocks(elem):
    """Paragraph strings of a trafilatura body element, in document order."""
    tag = elem.tag if isinstance(elem.tag, str) else ""
    if tag == "list":
        items = [_inline(item) for item in elem.iter("item")]
        yield "\n".join(f"- {item}" for item in items if item)
    elif tag == "table":
        rows = []
        for row in elem.iter("row"):
            cells = [_inline(cell) for cell in row if isinstance(cell.tag, str)]
            rows.append(" | ".join(c for c in cells if c))
        yield "\n".join(r for r in rows if r)
    elif tag in _CONTAINERS and any(isinstance(c.tag, str) and c.tag not in ("lb", "hi", "ref") for c in elem):
        if elem.text and elem.text.strip():
            yield _clean_inline(elem.text)
        for child in elem:
            yield from _blocks(child)
            if child.tail and child.tail.strip():
                yield _clean_inline(child.tail)
    elif tag not in ("graphic",):
        yield _inline(elem)


def _inline(elem) -> str:
    """The text of one block, with <lb/> as a line break and spaces collapsed."""
    parts: list[str] = [elem.text or ""]
    for child in elem:
        if child.tag == "lb":
            parts.append("\n")
        else:
            parts.append(_inline(child))
        parts.append(child.tail or "")
    return _clean_inline("".join(parts))


def _clean_inline(text: str | None) -> str:
    if not text:
        return ""
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        logger.debug("unusable metadata date %r", value)
        return None


def _htmldate(html: str) -> dt.date | None:
    """htmldate on the markup, when trafilatura gave no date."""
    try:
        from htmldate import find_date
    except ImportError:  # pragma: no cover - installed with trafilatura
        return None
    try:
        return _parse_date(find_date(html, **_DATE_PARAMS))
    except (ValueError, TypeError) as exc:
        logger.debug("htmldate failed: %s", exc)
        return None
