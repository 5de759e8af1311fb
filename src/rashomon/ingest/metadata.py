"""Page metadata: title, site name, author, publication date and canonical URL.

Entry function: :func:`read_metadata`, over a parsed page. It runs the parts of
trafilatura's metadata extraction that rashomon uses — meta tags and OpenGraph,
JSON-LD, the title cascade, bylines — and htmldate for the date, and leaves out the
parts it does not (categories, tags, licence), which cost as much again.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from urllib.parse import urlparse

from lxml.html import HtmlElement

logger = logging.getLogger(__name__)

# Date parameters handed to htmldate: markup only (meta tags, <time>, JSON-LD, URL),
# never dates found in the running text, which are the dating stage's business and
# would be mislabelled METADATA; original_date prefers the first publication over a
# later modification.
DATE_PARAMS = {"extensive_search": False, "original_date": True}

# Site names longer than this are a page's description put in the wrong tag.
MAX_SITENAME_CHARS = 80

_TWITTER_HANDLE = re.compile(r"^@")


@dataclass(frozen=True)
class PageMetadata:
    """What a page's markup says about it; None where it says nothing usable."""

    title: str | None = None
    sitename: str | None = None
    author: str | None = None
    date: dt.date | None = None
    url: str | None = None


def read_metadata(tree: HtmlElement, url: str | None = None) -> PageMetadata:
    """Read the metadata of a parsed page (the tree is not changed).

    Args:
        tree: the page as parsed by ``trafilatura.utils.load_html``.
        url: where the page came from, when known: its host stands in for a missing
            site name, and htmldate reads dates in it.

    Returns:
        The :class:`PageMetadata`; JSON-LD wins over meta tags, as in trafilatura.

    Notes:
        Uses trafilatura's metadata functions (Barbaresi 2021) and htmldate
        (Barbaresi 2020, JOSS). Does not look for dates in the running text.
    """
    from trafilatura.metadata import examine_meta, extract_meta_json, extract_sitename, extract_title

    found = examine_meta(tree)
    if found.author and " " not in found.author:  # a bare handle or user name, as trafilatura judges
        found.author = None
    try:
        found = extract_meta_json(tree, found)
    except Exception as exc:  # noqa: BLE001 - trafilatura's JSON-LD reader fails on odd schemas
        logger.debug("JSON-LD metadata unreadable: %s", exc)
    title = found.title or extract_title(tree)
    author = found.author or _byline(tree)
    page_url = found.url or url
    sitename = found.sitename or extract_sitename(tree)
    if sitename:
        sitename = _TWITTER_HANDLE.sub("", sitename.strip())
        if sitename and "." not in sitename and not sitename[0].isupper():
            sitename = sitename.title()
    if not sitename or len(sitename) > MAX_SITENAME_CHARS:
        sitename = _host(page_url)
    return PageMetadata(
        title=_clean(title),
        sitename=_clean(sitename),
        author=_clean(author),
        date=find_date(tree, url=page_url),
        url=page_url,
    )


def find_date(tree_or_html: HtmlElement | str, *, url: str | None = None) -> dt.date | None:
    """The publication date in a page's markup (htmldate), or None."""
    try:
        from htmldate import find_date as htmldate_find
    except ImportError:  # pragma: no cover - installed with trafilatura
        return None
    params = dict(DATE_PARAMS)
    if url:
        params["url"] = url
    try:
        return parse_iso_date(htmldate_find(tree_or_html, **params))
    except (ValueError, TypeError) as exc:
        logger.debug("htmldate failed: %s", exc)
        return None


def parse_iso_date(value: str | None) -> dt.date | None:
    """``"2019-03-04..."`` -> a date; None for anything else."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        logger.debug("unusable metadata date %r", value)
        return None


def _byline(tree: HtmlElement) -> str | None:
    """The author marked up as such in the page (rel/itemprop/class "author"), or None.

    Only trafilatura's first, specific author expression is used, on the unpruned
    tree: its generic expressions and the pruned copy they need cost about 7 ms a
    page (a third of the extraction) for the pages whose meta tags name no author.
    """
    from trafilatura.json_metadata import normalize_authors
    from trafilatura.metadata import extract_metainfo
    from trafilatura.xpaths import AUTHOR_XPATHS

    found = extract_metainfo(tree, AUTHOR_XPATHS[:1], len_limit=120)
    return normalize_authors(None, found) if found else None


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlparse(url if "://" in url else f"//{url}").hostname
    return host.removeprefix("www.") if host else None


def _clean(value: str | None) -> str | None:
    if not value:
        return None
    value = " ".join(value.split())
    return value or None
