"""Reading inputs: paths, directories and stdin become decoded text.

Entry function: :func:`read_inputs`. Each input yields either a :class:`Loaded`
(decoded text and whether it is HTML) or an :class:`~rashomon.model.InputError`
that says in one line why it cannot be read; one bad input never stops the batch.
"""

from __future__ import annotations

import codecs
import logging
import os
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from rashomon.ingest.errors import IngestError
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
# Formats other readers are for (feeds, WARC, JSONL, tables) or none is (office
# files, archives): refused with their name rather than read as if they were prose.
UNSUPPORTED_SUFFIXES = frozenset(
    {".json", ".jsonl", ".ndjson", ".xml", ".rss", ".atom", ".warc", ".csv", ".tsv",
     ".pdf", ".doc", ".docx", ".odt", ".rtf", ".gz", ".zip", ".bz2", ".xz", ".7z"}
)

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
    """One input read and decoded."""

    source: str
    text: str
    kind: Kind


def read_inputs(inputs: Sequence[str | Path]) -> Iterator[Loaded | InputError]:
    """Read files, directories (recursively) and ``"-"`` (stdin) in order.

    Args:
        inputs: paths, directories or ``"-"``. Directories are walked recursively in
            sorted order; hidden files and folders (names starting with ``.``) are skipped.

    Yields:
        A :class:`Loaded` per readable input, an :class:`InputError` per bad one
        (missing, unreadable, empty, binary, undecodable, over :data:`MAX_BYTES`).

    Notes:
        Does not extract anything: HTML is only decoded here (see ``html.py``).
    """
    for item in inputs:
        if str(item) == _STDIN:
            yield _guarded(_STDIN_SOURCE, _read_stdin)
            continue
        path = Path(item)
        if path.is_dir():
            files = list(_walk(path))
            if not files:
                yield InputError(source=str(path), message="directory holds no readable files")
            for file in files:
                yield _guarded(str(file), lambda f=file: _read_file(f))
        else:
            yield _guarded(str(path), lambda p=path: _read_file(p))


def decode_bytes(data: bytes, *, html: bool = False) -> str:
    """Decode bytes to text: BOM, declared charset (HTML/XML), UTF-8, then a detected encoding.

    Args:
        data: the raw bytes.
        html: look for a ``<meta charset>`` / XML declaration and trust it.

    Returns:
        The text with line ends normalised to ``\\n`` and no byte-order mark.

    Raises:
        IngestError: empty, binary, or undecodable input.
    """
    if not data.strip():
        raise IngestError("empty input")
    text = _decode(data, html=html)
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


def _read_file(path: Path) -> Loaded:
    if not path.exists():
        raise FileNotFoundError(str(path))
    if not path.is_file():
        raise IngestError("not a regular file")
    if path.suffix.lower() in UNSUPPORTED_SUFFIXES:
        raise IngestError(f"unsupported file type {path.suffix.lower()} (text and HTML files are read)")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise IngestError(f"file too large ({size / 2**20:.1f} MB; the limit is {MAX_BYTES // 2**20} MB)")
    data = path.read_bytes()
    return _loaded(str(path), path, data)


def _read_stdin() -> Loaded:
    stream = getattr(sys.stdin, "buffer", None)
    data = stream.read(MAX_BYTES + 1) if stream is not None else sys.stdin.read().encode("utf-8")
    if len(data) > MAX_BYTES:
        raise IngestError(f"input too large (the limit is {MAX_BYTES // 2**20} MB)")
    return _loaded(_STDIN_SOURCE, None, data)


def _loaded(source: str, path: Path | None, data: bytes) -> Loaded:
    suffix_html = path is not None and path.suffix.lower() in HTML_SUFFIXES
    head = data[:SNIFF_BYTES].lstrip().lower()
    looks_html = suffix_html or head.startswith((b"<!doctype html", b"<html", b"<?xml"))
    text = decode_bytes(data, html=looks_html or b"<meta" in head)
    return Loaded(source=source, text=text, kind=sniff_kind(path, text))


def _decode(data: bytes, *, html: bool) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict_or_tolerant(data, encoding, f"{encoding} (byte-order mark)")
    if b"\x00" in data[:SNIFF_BYTES]:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise IngestError("binary data, not text (NUL bytes)")
        return _strict_or_tolerant(data, utf16, utf16)
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
    label = (match.group(1) or match.group(2)).decode("ascii").lower()
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
