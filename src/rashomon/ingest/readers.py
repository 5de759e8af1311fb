"""Reading inputs: paths, folders, globs, URLs, feeds, archives, dumps and stdin become decoded text.

Entry function: :func:`read_inputs`. Each input yields :class:`Loaded` items
(decoded text, whether it is HTML, and what its container said of it) or
:class:`~rashomon.model.InputError` records that say in one line why an input or
item cannot be read; one bad input never stops the batch. This module dispatches
and decodes; ``web.py`` fetches, ``feeds.py``, ``warc.py`` and ``jsonl.py`` read
their formats.
"""

from __future__ import annotations

import codecs
import datetime as dt
import glob
import logging
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from rashomon.ingest.errors import IngestError
from rashomon.ingest.web import Fetcher, looks_like_feed, looks_like_url
from rashomon.model import InputError

logger = logging.getLogger(__name__)

# --------------------------------------------------------------------------- thresholds

# Inputs above this size are refused before being read. The longest news pages
# (live blogs with embedded scripts) are a few MB of HTML; 20 MB leaves room for
# those and stops a mistaken video, archive or data dump from being loaded.
MAX_BYTES = 20 * 1024 * 1024

# How many bytes / characters the sniffers look at. 8 KB holds an HTML <head>
# with its charset declaration and enough text to judge binary-ness.
SNIFF_BYTES = 8192

# Share of control characters (other than tab, newline, carriage return, form
# feed) above which decoded text is taken for binary. Real text has none; a few
# stray ones survive copy-and-paste from PDFs and word processors, so 5% is far
# above what text shows and far below what a binary decoded as cp1252 shows (~12%).
MAX_CONTROL_SHARE = 0.05

# Share of undecodable bytes tolerated (each replaced by U+FFFD, with a warning).
# A page mostly in its declared encoding with a stray byte or two from a pasted
# snippet loses a character; more than 1 in 1,000 means the declaration (or our
# guess) is wrong, and the text would come out mangled: refused.
MAX_REPLACED_SHARE = 0.001

# UTF-16 without a byte-order mark: ASCII-heavy text has a NUL in every other
# byte. Above this share of NULs on one parity it is read as UTF-16.
UTF16_NUL_SHARE = 0.3

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
# Formats no reader is for (tables, office files, other archives): refused with
# their name rather than read as if they were prose.
UNSUPPORTED_SUFFIXES = frozenset(
    {".json", ".csv", ".tsv", ".pdf", ".doc", ".docx", ".odt", ".rtf", ".gz", ".zip", ".bz2", ".xz", ".7z"}
)
FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom", ".rdf"})
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonlines")
# A glob pattern: an input that names no existing path and holds one of these.
_GLOB_CHARS = re.compile(r"[*?\[]")

Kind = Literal["text", "html"]

_STDIN = "-"
_STDIN_SOURCE = "<stdin>"
_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_DECLARED = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._:-]+)""",
    re.IGNORECASE,
)
_HTML_SNIFF = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|article|div|p|meta|title)\b", re.I | re.S)
# Browsers read these labels as windows-1252 (WHATWG Encoding Standard), and so do we.
_AS_CP1252 = frozenset({"ascii", "latin_1", "iso8859_1", "iso-8859-1", "us-ascii", "cp1252"})


@dataclass(frozen=True)
class Loaded:
    """One input (or one item of a feed, archive or dump) read and decoded.

    ``published``, ``outlet`` and ``title`` are what the container said of the item
    (a feed's dates, a dump's fields); None where it said nothing.
    """

    source: str
    text: str
    kind: Kind
    url: str | None = None
    published: dt.date | None = None
    outlet: str | None = None
    title: str | None = None


def read_inputs(
    inputs: Sequence[str | Path],
    *,
    fetcher: Fetcher | None = None,
    max_bytes: int | None = None,
) -> Iterator[Loaded | InputError]:
    """Read files, folders, globs, URLs, feeds, archives, dumps and ``"-"`` (stdin) in order.

    Args:
        inputs: each one is
            ``"-"`` (stdin: text, HTML, a feed or JSON lines, told by its content);
            an ``http://`` or ``https://`` URL (fetched; a feed's items are fetched in turn);
            a glob pattern (``*``, ``?`` or ``[``: expanded, sorted, ``**`` recursive);
            a folder (walked recursively in sorted order; hidden names skipped);
            or a file: ``.warc``/``.warc.gz``/``.arc`` (every HTML response record),
            ``.jsonl``/``.ndjson`` (one document per line), ``.xml``/``.rss``/``.atom``
            (a feed), anything else text or HTML (told by its name, then its content).
        fetcher: fetches URLs and feed items; without one, URLs are errors.
        max_bytes: the largest file, page or record read (default :data:`MAX_BYTES`).

    Yields:
        A :class:`Loaded` per readable input or item, an :class:`InputError` per bad
        one (missing, unreadable, empty, binary, undecodable, too large; refused,
        unreachable or timed-out URL; feed that does not parse; truncated record;
        bad JSON line). A bad input never stops the others.

    Notes:
        Does not extract anything: HTML is only decoded here (see ``html.py``).
    """
    limit = max_bytes if max_bytes is not None else MAX_BYTES
    for item in inputs:
        text = str(item)
        if text == _STDIN:
            yield from _expand(_STDIN_SOURCE, lambda: _read_stdin(limit), fetcher)
        elif looks_like_url(text):
            yield from _read_url(text, fetcher, limit)
        elif not Path(text).exists() and _GLOB_CHARS.search(text):
            matches = sorted(glob.glob(os.path.expanduser(text), recursive=True))
            files = [Path(m) for m in matches if not Path(m).is_dir()]
            if not files:
                yield InputError(source=text, message="no file matches the pattern")
            for file in files:
                yield from _read_path(file, fetcher, limit)
        else:
            path = Path(text).expanduser()
            if path.is_dir():
                files = list(_walk(path))
                if not files:
                    yield InputError(source=str(path), message="directory holds no readable files")
                for file in files:
                    yield from _read_path(file, fetcher, limit)
            else:
                yield from _read_path(path, fetcher, limit)


def decode_bytes(data: bytes, *, html: bool = False, charset: str | None = None) -> str:
    """Decode bytes to text: BOM, the transport's charset, declared charset (HTML/XML), UTF-8, then a guess.

    Args:
        data: the raw bytes.
        html: look for a ``<meta charset>`` / XML declaration and trust it.
        charset: the charset the transport declared (an HTTP Content-Type); it wins
            over the page's own declaration, as in browsers (WHATWG Encoding).

    Returns:
        The text with line ends normalised to ``\\n`` and no byte-order mark.

    Raises:
        IngestError: empty, binary, or undecodable input.
    """
    if not data.strip():
        raise IngestError("empty input")
    text = _decode(data, html=html, charset=charset)
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if not text.strip():
        raise IngestError("empty input (only whitespace)")
    if _control_share(text[:SNIFF_BYTES]) > MAX_CONTROL_SHARE:
        raise IngestError("binary data, not text (control characters)")
    return text


def sniff_kind(path: Path | None, text: str) -> Kind:
    """``"html"`` for .html/.htm or text that opens with an HTML tag, else ``"text"``."""
    suffix = path.suffix.lower() if path else ""
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES:
        return "text"
    return "html" if _HTML_SNIFF.match(text[:SNIFF_BYTES]) else "text"


# --------------------------------------------------------------------------- helpers


def _guarded(source: str, read) -> Loaded | InputError:
    """Run one read; turn its failure into an InputError with a one-line message."""
    try:
        return read()
    except IngestError as exc:
        logger.warning("skipping %s: %s", source, exc)
        return InputError(source=source, message=str(exc))
    except OSError as exc:
        message = _os_message(exc)
        logger.warning("skipping %s: %s", source, message)
        return InputError(source=source, message=message)


def _os_message(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    if isinstance(exc, PermissionError):
        return "permission denied: cannot read the file"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    return f"cannot read: {exc.strerror or exc}"


#: Files that document a folder rather than report news: skipped when walking a directory
#: (they are still read when named explicitly).
_PROJECT_FILE = re.compile(r"(?i)^(readme|license|licence|changelog|contributing|notice|copying)(\.\w+)?$")


def _walk(root: Path) -> Iterator[Path]:
    """Files under root, sorted, hidden names skipped, recursing into sub-folders."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith(".") and not _PROJECT_FILE.match(name):
                yield Path(dirpath) / name


def _read_path(path: Path, fetcher: Fetcher | None, limit: int) -> Iterator[Loaded | InputError]:
    """One file: an archive, a dump, a feed, or a text or HTML document."""
    source = str(path)
    name = path.name.lower()
    if name.endswith(WARC_SUFFIXES) and path.is_file():
        from rashomon.ingest.warc import read_warc

        yield from read_warc(path, max_bytes=limit)
    elif name.endswith(JSONL_SUFFIXES) and path.is_file():
        yield from _expand(source, lambda: _read_bytes(path, limit), fetcher, as_kind="jsonl")
    elif path.suffix.lower() in FEED_SUFFIXES and path.is_file():
        yield from _expand(source, lambda: _read_bytes(path, limit), fetcher, as_kind="feed")
    else:
        yield _guarded(source, lambda: _read_file(path, limit))


def _read_bytes(path: Path, limit: int) -> bytes:
    if not path.exists():
        raise FileNotFoundError(str(path))
    size = path.stat().st_size
    if size > limit:
        raise IngestError(f"file too large ({size / 2**20:.1f} MB; the limit is {_limit_text(limit)})")
    return path.read_bytes()


def _read_file(path: Path, limit: int) -> Loaded:
    if not path.exists():
        raise FileNotFoundError(str(path))
    if not path.is_file():
        raise IngestError("not a regular file")
    if path.suffix.lower() in UNSUPPORTED_SUFFIXES:
        raise IngestError(
            f"unsupported file type {path.suffix.lower()} (text, HTML, feeds, WARC and JSON lines are read)"
        )
    return _loaded(str(path), path, _read_bytes(path, limit))


def _read_stdin(limit: int) -> bytes:
    stream = getattr(sys.stdin, "buffer", None)
    data = stream.read(limit + 1) if stream is not None else sys.stdin.read().encode("utf-8")
    if len(data) > limit:
        raise IngestError(f"input too large (the limit is {_limit_text(limit)})")
    return data


def _expand(
    source: str,
    read: Callable[[], bytes],
    fetcher: Fetcher | None,
    *,
    as_kind: Literal["feed", "jsonl"] | None = None,
) -> Iterator[Loaded | InputError]:
    """Read bytes once, then as a feed, JSON lines, or one document (sniffed when as_kind is None)."""
    try:
        data = read()
        kind = as_kind or _sniff_container(data)
        if kind == "feed":
            from rashomon.ingest.feeds import read_feed

            if not data.strip():
                raise IngestError("empty input")
            yield from read_feed(data, source=source, fetch=fetcher.fetch if fetcher else None)
        elif kind == "jsonl":
            from rashomon.ingest.jsonl import read_jsonl

            yield from read_jsonl(decode_bytes(data).split("\n"), source=source)
        else:
            yield _loaded(source, None, data)
    except IngestError as exc:
        logger.warning("skipping %s: %s", source, exc)
        yield InputError(source=source, message=str(exc))
    except OSError as exc:
        message = _os_message(exc)
        logger.warning("skipping %s: %s", source, message)
        yield InputError(source=source, message=message)


def _read_url(url: str, fetcher: Fetcher | None, limit: int) -> Iterator[Loaded | InputError]:
    if fetcher is None:
        yield InputError(source=url, message="fetching URLs is off")
        return
    try:
        page = fetcher.fetch(url)
        if page.kind == "feed":
            from rashomon.ingest.feeds import read_feed

            yield from read_feed(page.data, source=url, fetch=fetcher.fetch, base_url=page.final_url)
            return
        text = decode_bytes(page.data, html=page.kind == "html", charset=page.charset)
    except IngestError as exc:
        logger.warning("skipping %s: %s", url, exc)
        yield InputError(source=url, message=str(exc))
        return
    kind: Kind = "html" if page.kind == "html" else sniff_kind(None, text)
    yield Loaded(source=url, text=text, kind=kind, url=page.final_url)


def _sniff_container(data: bytes) -> Literal["feed", "jsonl"] | None:
    """What stdin holds: a feed, JSON lines (every line an object), or a document (None)."""
    if looks_like_feed(data):
        return "feed"
    head = data[:SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"{"):
        first = head.split(b"\n", 1)[0].strip()
        try:
            import json

            if isinstance(json.loads(first), dict):
                return "jsonl"
        except ValueError:
            return None
    return None


def _limit_text(limit: int) -> str:
    return f"{limit / 2**20:g} MB" if limit >= 2**20 else f"{limit} bytes"


def _loaded(source: str, path: Path | None, data: bytes) -> Loaded:
    suffix_html = path is not None and path.suffix.lower() in HTML_SUFFIXES
    head = data[:SNIFF_BYTES].lstrip().lower()
    looks_html = suffix_html or head.startswith((b"<!doctype html", b"<html", b"<?xml"))
    text = decode_bytes(data, html=looks_html or b"<meta" in head)
    return Loaded(source=source, text=text, kind=sniff_kind(path, text))


def _decode(data: bytes, *, html: bool, charset: str | None = None) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict_or_tolerant(data, encoding, f"{encoding} (byte-order mark)")
    if b"\x00" in data[:SNIFF_BYTES]:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise IngestError("binary data, not text (NUL bytes)")
        return _strict_or_tolerant(data, utf16, utf16)
    transport = _known_encoding(charset) if charset else None
    if transport:
        return _strict_or_tolerant(data, transport, f"{transport} as the server declared")
    if html:
        declared = _declared_encoding(data)
        if declared:
            return _strict_or_tolerant(data, declared, f"{declared} as declared")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    tolerant = _tolerant(data, "utf-8")
    if tolerant is not None:
        return tolerant
    guessed = _detect(data)
    if guessed is not None:
        return guessed
    raise IngestError("undecodable: not UTF-8 and no other encoding fits")


def _strict_or_tolerant(data: bytes, encoding: str, label: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        text = _tolerant(data, encoding)
        if text is None:
            bad = data[exc.start : exc.start + 1].hex()
            raise IngestError(f"undecodable: not valid {label} (byte 0x{bad} at offset {exc.start})") from exc
        return text


def _tolerant(data: bytes, encoding: str) -> str | None:
    """Decode with replacement when few bytes are bad (see MAX_REPLACED_SHARE), else None."""
    text = data.decode(encoding, errors="replace")
    bad = text.count("\ufffd") - data.decode(encoding, errors="ignore").count("\ufffd")
    if bad <= max(1, MAX_REPLACED_SHARE * len(data)):
        logger.warning("%d undecodable byte(s) replaced (%s)", bad, encoding)
        return text
    return None


def _declared_encoding(data: bytes) -> str | None:
    match = _DECLARED.search(data[:SNIFF_BYTES])
    if not match:
        return None
    return _known_encoding((match.group(1) or match.group(2)).decode("ascii"))


def _known_encoding(label: str) -> str | None:
    """Python's codec for a charset label (windows-1252 for the Latin-1 family), or None."""
    label = label.strip().lower()
    try:
        name = codecs.lookup(label).name
    except LookupError:
        logger.warning("unknown declared encoding %r ignored", label)
        return None
    if name in _AS_CP1252 or label in _AS_CP1252:
        return "cp1252"
    return name


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[: SNIFF_BYTES - SNIFF_BYTES % 2]
    half = max(1, len(sample) // 2)
    if sample[1::2].count(0) / half > UTF16_NUL_SHARE:
        return "utf-16-le"
    if sample[0::2].count(0) / half > UTF16_NUL_SHARE:
        return "utf-16-be"
    return None


def _detect(data: bytes) -> str | None:
    """charset_normalizer's best guess, or None when it has none."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - installed with trafilatura
        return None
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    # Ties (same chaos and coherence) are common between single-byte code pages on
    # Latin text; windows-1252 is the web's most common legacy encoding (and the
    # WHATWG default for Western locales), so it wins a tie.
    tied = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    best = next((m for m in tied if "cp1252" in m.could_be_from_charset), best)
    logger.info("decoded as %s (detected)", best.encoding)
    return str(best)


# The control characters (Unicode category Cc) other than tab, newline, vertical tab,
# form feed and carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    return len(_CONTROL.findall(text)) / len(text)
