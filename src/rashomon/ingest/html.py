"""HTML pages: main text and metadata with trafilatura.

Entry function: :func:`extract_html`. The page is parsed once and then:

1. metadata (``metadata.read_metadata``): title, site name, author, date;
2. the tree is prepared (:func:`prepare_tree`): embedded posts (tweets) are lifted
   out of the social-media wrappers that trafilatura drops, and an article body
   split into several sibling containers (around advertisements) is joined into one;
3. trafilatura's main extractor runs in recall mode without its external fallbacks
   (:data:`EXTRACTION`); if that yields too little, its full cascade runs (:data:`FALLBACK`);
4. the main text is rebuilt from trafilatura's body tree so that every block
   (paragraph, heading, list, quote, table) becomes one paragraph and paragraphs are
   separated by a blank line; ``<br>`` stays a line break.

Navigation, ``<aside>`` sidebars, comments and footers are dropped by trafilatura;
the line-level clean-up (``clean.py``) takes the rest.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections import defaultdict
from dataclasses import dataclass

from lxml.html import HtmlElement

from rashomon.ingest.errors import IngestError
from rashomon.ingest.metadata import find_date, read_metadata

logger = logging.getLogger(__name__)

# --------------------------------------------------------------------------- settings

# trafilatura's settings, calibrated as a set on the development half of the
# article-extraction benchmark (benchmarks/extraction.py; mean token F1 after
# clean-up): default cascade 0.951 at 18 pages/s; fast (no readability/justext
# comparison) 0.954; fast + favor_recall 0.959 at 80 pages/s; fast +
# favor_precision 0.947. The external comparison mostly swapped a right body for a
# longer wrong one, and recall mode keeps lists and short paragraphs that belong to
# the article; clean.py then removes the boilerplate lines that recall lets in.
EXTRACTION = {
    "fast": True,
    "favor_recall": True,
    "include_comments": False,
    "include_tables": True,
    "with_metadata": False,
}
# The full cascade (readability and jusText compared, baseline rescue), run when the
# fast pass finds less than FALLBACK_MIN_CHARS (two or three sentences): pages whose
# text is not in the markup trafilatura's main extractor expects. A safety net: no
# page of the development half comes out that short (the shortest real bodies there
# are ~540 characters, and the fast pass gets them whole), so it costs nothing there.
FALLBACK = {**EXTRACTION, "fast": False}
FALLBACK_MIN_CHARS = 250

# A container of the article body holds paragraphs: a split body's parts each hold
# at least this many characters of direct <p> text (one short paragraph), which
# teaser cards and captions, repeated with one class down a page, rarely reach.
SPLIT_PART_MIN_CHARS = 150
# ... and a split is joined only when the parts together hold more paragraph text
# than any other container of the page, i.e. when they are the article.

# trafilatura block tags whose children are blocks of their own.
_CONTAINERS = frozenset({"body", "div", "quote", "section", "article"})
_SPACES = re.compile(r"[ \t\u00a0]+")
_APART = re.compile(r"comment|reply|replies|review|discussion|forum|sidebar|related|recommend|teaser|promo"
                    r"|footer|newsletter|popular|trending", re.IGNORECASE)
# Embedded posts whose text is the post itself (not a "View this post" link).
_EMBEDDED_POST = "//blockquote[contains(concat(' ', normalize-space(@class), ' '), ' twitter-tweet ')" \
                 " or contains(concat(' ', normalize-space(@class), ' '), ' twitter-video ')]"


@dataclass(frozen=True)
class HtmlExtract:
    """What a page yields: main text, and metadata where the page has it."""

    text: str
    title: str | None = None
    sitename: str | None = None
    date: dt.date | None = None
    author: str | None = None
    url: str | None = None


def extract_html(html: str | bytes, *, url: str | None = None) -> HtmlExtract:
    """Extract the main text, title, site name, author and publication date of a page.

    Args:
        html: the decoded page (bytes are decoded by trafilatura's guess; prefer
            ``readers.decode_bytes`` first).
        url: where the page came from, when known (for the site name and dates).

    Returns:
        The text with one blank line between blocks, and the metadata found.

    Raises:
        IngestError: the page cannot be parsed or has no main text.

    Notes:
        Uses trafilatura (Barbaresi 2021, ACL demo) with comments left out; the date
        comes from the page markup through htmldate, never from dates mentioned in the
        text. Does not fetch anything the page links to.
    """
    import trafilatura
    from lxml.etree import LxmlError
    from trafilatura.utils import load_html

    try:
        tree = load_html(html)
    except (LxmlError, ValueError, TypeError) as exc:
        raise IngestError(f"unparsable HTML: {_first_line(exc)}") from exc
    if tree is None or len(tree) == 0:
        raise IngestError("unparsable HTML: no document tree")
    try:
        meta = read_metadata(tree, url)
        prepare_tree(tree)
        text = _extract(trafilatura, tree, url, EXTRACTION)
        if len(text) < FALLBACK_MIN_CHARS:
            fallback = _extract(trafilatura, tree, url, FALLBACK)
            if len(fallback) > len(text):
                logger.debug("fast extraction gave %d characters; the full cascade %d", len(text), len(fallback))
                text = fallback
    except (LxmlError, ValueError, TypeError, AttributeError) as exc:  # parser failures on broken markup
        raise IngestError(f"unparsable HTML: {_first_line(exc)}") from exc
    if not text.strip():
        raise IngestError("no main text found in the HTML page")
    return HtmlExtract(text=text, title=meta.title, sitename=meta.sitename, date=meta.date, author=meta.author,
                       url=meta.url)


def prepare_tree(tree: HtmlElement) -> HtmlElement:
    """Make a parsed page easier for trafilatura, in place: embedded posts, split bodies.

    Args:
        tree: the parsed page.

    Returns:
        The same tree.

    Notes:
        Both steps are structural and general: they name no site. Embedded tweets are
        kept because statements are often published as posts and quoted that way;
        split bodies are the common CMS layout that interleaves article parts with
        advertisement slots (each part a sibling ``div`` with one class), of which
        trafilatura otherwise keeps only the first part.
    """
    _lift_embedded_posts(tree)
    _join_split_body(tree)
    _unwrap_inline_times(tree)
    return tree


# --------------------------------------------------------------------------- tree preparation


#: Elements whose <time> children are part of the running text.
_RUNNING_TEXT = ("p", "li", "span", "em", "strong", "b", "i", "a", "td", "blockquote", "figcaption")


def _unwrap_inline_times(tree: HtmlElement) -> None:
    """Keep the words of a <time> inside running text ("Updated <time>15 September</time>: ...").

    trafilatura drops <time> elements with their text, which turns "Updated 15 September:"
    into "Updated :" and loses the date an update was made. The page's own date has
    already been read from the markup (htmldate), so only the tag goes, not the words.
    """
    times = [t for t in tree.iter("time") if t.getparent() is not None and t.getparent().tag in _RUNNING_TEXT]
    if times:
        from lxml import etree

        for t in times:
            t.tag = "rashomon-time"
        etree.strip_tags(tree, "rashomon-time")


def _lift_embedded_posts(tree: HtmlElement) -> None:
    """Replace the wrapper of each embedded tweet by the bare <blockquote>."""
    for quote in tree.xpath(_EMBEDDED_POST):
        quote.attrib.pop("class", None)
        own = len(quote.text_content().strip())
        top = quote
        parent = quote.getparent()
        # climb while the wrapper holds nothing but the post (and its script)
        while parent is not None and parent.tag not in ("body", "article", "main") and (
            len(parent.text_content().strip()) <= own + 20
        ):
            top, parent = parent, parent.getparent()
        if top is not quote and parent is not None:
            quote.tail = top.tail
            parent.replace(top, quote)


def _join_split_body(tree: HtmlElement) -> None:
    """Move the parts of a body split over sibling containers of one class into the first."""
    mass: dict[HtmlElement, int] = defaultdict(int)
    for paragraph in tree.iter("p"):
        parent = paragraph.getparent()
        if parent is not None and parent.tag in ("div", "section", "article"):
            mass[parent] += len(paragraph.text_content().strip())
    if len(mass) < 2:
        return
    best_single = max(mass.values())
    groups: dict[tuple[str, str, HtmlElement | None], list[HtmlElement]] = defaultdict(list)
    for elem, chars in mass.items():
        css = " ".join((elem.get("class") or "").split())
        parent = elem.getparent()
        if css and chars >= SPLIT_PART_MIN_CHARS and parent is not None and not _in_apart(elem):
            groups[(elem.tag, css, parent.getparent())].append(elem)
    candidates = [parts for parts in groups.values() if len(parts) >= 2]
    if not candidates:
        return
    parts = max(candidates, key=lambda ps: sum(mass[p] for p in ps))
    if sum(mass[p] for p in parts) <= best_single or any(_nested(a, b) for a in parts for b in parts if a is not b):
        return
    first = parts[0]
    for part in parts[1:]:
        for child in list(part):
            first.append(child)
        part.getparent().remove(part)
    logger.debug("joined an article body split over %d containers", len(parts))


def _in_apart(elem: HtmlElement) -> bool:
    """The element is, or sits in, a comment thread, review list, sidebar or teaser list:
    many containers of one class there are many texts, not one split article."""
    for node in (elem, *elem.iterancestors()):
        if node.tag in ("aside", "footer", "nav"):
            return True
        names = f"{node.get('class') or ''} {node.get('id') or ''}"
        if names.strip() and _APART.search(names):
            return True
    return False


def _nested(a: HtmlElement, b: HtmlElement) -> bool:
    return any(anc is b for anc in a.iterancestors())


# --------------------------------------------------------------------------- extraction


def _extract(trafilatura, tree: HtmlElement, url: str | None, settings: dict) -> str:
    result = trafilatura.bare_extraction(tree, url=url, **settings)
    body = getattr(result, "body", None) if result is not None else None
    return _body_text(body) if body is not None else ""


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


def _first_line(exc: Exception) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0]


def _htmldate(html: str | HtmlElement) -> dt.date | None:
    """htmldate on the markup only (kept for callers of the earlier name)."""
    return find_date(html)
