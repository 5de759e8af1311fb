"""Fetching pages and feeds over HTTP, within limits.

Entry point: :class:`Fetcher` and its :meth:`Fetcher.fetch`. Every fetch:

1. refuses any scheme but http and https;
2. refuses hosts that are, or resolve to, loopback, private, link-local, shared,
   reserved or multicast addresses, unless ``allow_private`` is set — checked before
   connecting and again at every redirect, so that a public page cannot send the
   fetcher to a service inside the user's network;
3. follows at most ``max_redirects`` redirects;
4. gives up after ``timeout`` seconds, for connecting, for any one read and for the
   whole transfer (a server that trickles bytes is cut off too);
5. refuses bodies over ``max_bytes`` (from Content-Length, or while reading);
6. accepts only HTML, plain text and feed content types.

Each failure is an :class:`~rashomon.ingest.errors.IngestError` with a one-line reason.
"""

from __future__ import annotations

import ipaddress
import logging
import re
import socket
import time
from dataclasses import dataclass
from types import TracebackType
from typing import Literal
from urllib.parse import urljoin, urlsplit

from rashomon.ingest.errors import IngestError

logger = logging.getLogger(__name__)

# --------------------------------------------------------------------------- limits

# Seconds for connecting, for each read, and for the whole transfer. News pages
# arrive in well under a second from a responsive server; 20 s leaves room for slow
# outlets and feeds without letting one dead host hold a batch for minutes.
DEFAULT_TIMEOUT = 20.0

# Largest body read. The heaviest news pages (live blogs with inline scripts) are a
# few MB; the file readers use the same 20 MB cap.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

# Redirects followed: http->https, a canonical host, and a tracking hop are three
# common ones; browsers allow 20, but a chain longer than 5 on a news link is a loop
# or a trap.
DEFAULT_MAX_REDIRECTS = 5

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain", "text/markdown"})
FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml",
     "application/feed+xml"}
)

ContentKind = Literal["html", "text", "feed"]

# The root element of a feed, after the XML declaration, processing instructions
# (stylesheets), comments and a doctype.
_FEED_ROOT = re.compile(rb"^\s*(?:<\?[^>]*\?>\s*|<!--.*?-->\s*|<!doctype[^>]*>\s*)*<(?:rss|feed|rdf:rdf)\b", re.I | re.S)


@dataclass(frozen=True)
class FetchSettings:
    """Limits of every fetch; see the module docstring."""

    timeout: float = DEFAULT_TIMEOUT
    max_bytes: int = DEFAULT_MAX_BYTES
    max_redirects: int = DEFAULT_MAX_REDIRECTS
    allow_private: bool = False
    user_agent: str = ""


@dataclass(frozen=True)
class Fetched:
    """One fetched body and what the server said of it."""

    url: str  # the address asked for
    final_url: str  # after redirects
    kind: ContentKind
    content_type: str
    charset: str | None
    data: bytes


class Fetcher:
    """Fetches URLs within :class:`FetchSettings`; one HTTP client, reused.

    Example:
        >>> with Fetcher(FetchSettings(timeout=10)) as fetcher:   # doctest: +SKIP
        ...     page = fetcher.fetch("https://example.org/news/1")
    """

    def __init__(self, settings: FetchSettings | None = None) -> None:
        self.settings = settings or FetchSettings()
        self._client = None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Close the HTTP client, if one was opened."""
        if self._client is not None:
            self._client.close()
            self._client = None

    def fetch(self, url: str) -> Fetched:
        """Fetch one URL.

        Args:
            url: an http:// or https:// address.

        Returns:
            The body (at most ``max_bytes``) with its content kind.

        Raises:
            IngestError: refused address or scheme, unreachable host, time-out, HTTP
                error status, too many redirects, body too large, or a content type
                that is neither HTML, text nor a feed.
        """
        import httpx

        settings = self.settings
        deadline = time.monotonic() + settings.timeout
        current = url
        try:
            for _hop in range(settings.max_redirects + 1):
                check_address(current, allow_private=settings.allow_private)
                with self._http().stream("GET", current) as response:
                    if response.is_redirect:
                        location = response.headers.get("location")
                        if not location:
                            raise IngestError(f"HTTP {response.status_code} redirect without a Location header")
                        current = urljoin(current, location)
                        logger.debug("redirected to %s", current)
                        continue
                    if response.status_code >= 400:
                        raise IngestError(f"HTTP {response.status_code} {response.reason_phrase}".rstrip())
                    return self._read(url, current, response, deadline)
            raise IngestError(f"too many redirects (more than {settings.max_redirects})")
        except httpx.TimeoutException as exc:
            raise IngestError(f"timed out after {settings.timeout:g} s ({type(exc).__name__})") from exc
        except httpx.ConnectError as exc:
            raise IngestError(f"unreachable host: {_reason(exc)}") from exc
        except httpx.HTTPError as exc:
            raise IngestError(f"fetch failed: {_reason(exc)}") from exc

    # ------------------------------------------------------------------ helpers

    def _http(self):
        if self._client is None:
            import httpx

            from rashomon import __version__

            timeout = httpx.Timeout(self.settings.timeout)
            agent = self.settings.user_agent or f"rashomon/{__version__}"
            self._client = httpx.Client(
                timeout=timeout,
                follow_redirects=False,
                headers={"User-Agent": agent, "Accept": "text/html, application/xhtml+xml, application/rss+xml, "
                         "application/atom+xml, application/xml;q=0.9, text/plain;q=0.8"},
                trust_env=False,  # no proxy from the environment: the address checks must hold
            )
        return self._client

    def _read(self, url: str, final_url: str, response, deadline: float) -> Fetched:
        limit = self.settings.max_bytes
        content_type = response.headers.get("content-type", "")
        mime = content_type.split(";")[0].strip().lower()
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise IngestError(f"response too large ({int(declared) / 2**20:.1f} MB; the limit is {_mb(limit)})")
        if mime and mime not in HTML_TYPES | TEXT_TYPES | FEED_TYPES:
            raise IngestError(f"unsupported content type {mime} (HTML, text and feeds are read)")
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise IngestError(f"response too large (over {_mb(limit)})")
            if time.monotonic() > deadline:
                raise IngestError(f"timed out after {self.settings.timeout:g} s (transfer too slow)")
            chunks.append(chunk)
        data = b"".join(chunks)
        kind = _kind(mime, data)
        return Fetched(url=url, final_url=final_url, kind=kind, content_type=mime,
                       charset=response.charset_encoding, data=data)


def check_address(url: str, *, allow_private: bool = False) -> None:
    """Refuse a URL whose scheme is not http(s) or whose host is not a public address.

    Args:
        url: the address to be fetched.
        allow_private: accept loopback, private, link-local and reserved addresses.

    Raises:
        IngestError: bad scheme or host, a name that does not resolve, or (without
            ``allow_private``) any resolved address that is not public.

    Notes:
        The name is resolved here and again by the HTTP client when it connects; a DNS
        server that answers differently the second time (rebinding) is not caught.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise IngestError(f"unsupported URL scheme {parts.scheme or '(none)'!r} (http and https are fetched)")
    try:
        host, port = parts.hostname, parts.port
    except ValueError as exc:
        raise IngestError(f"invalid URL: {exc}") from exc
    if not host:
        raise IngestError("invalid URL: no host")
    if allow_private:
        return
    try:
        addresses = [ipaddress.ip_address(host)]
    except ValueError:
        try:
            infos = socket.getaddrinfo(host, port or (443 if parts.scheme == "https" else 80), type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as exc:
            raise IngestError(f"unreachable host: cannot resolve {host} ({exc})") from exc
        addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
    for address in addresses:
        kind = _non_public(address)
        if kind:
            shown = f"{host} is a {kind} address" + ("" if host == str(address) else f" ({address})")
            raise IngestError(f"refused: {shown}; pass allow_private (--allow-private) to fetch it")


def looks_like_url(text: str) -> bool:
    """An input to fetch: it starts with http:// or https://."""
    return text[:8].lower().startswith(("http://", "https://"))


def looks_like_feed(data: bytes) -> bool:
    """XML whose root is an RSS, Atom or RDF feed."""
    return bool(_FEED_ROOT.match(data[:4096].lstrip(b"\xef\xbb\xbf")))


# --------------------------------------------------------------------------- helpers


def _non_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    mapped = getattr(address, "ipv4_mapped", None)
    if mapped is not None:
        address = mapped
    if address.is_loopback:
        return "loopback"
    if address.is_link_local:
        return "link-local"
    if address.is_multicast:
        return "multicast"
    if address.is_private:
        return "private"
    if not address.is_global:
        return "reserved"
    return None


def _kind(mime: str, data: bytes) -> ContentKind:
    if mime in FEED_TYPES or looks_like_feed(data):
        return "feed"
    if mime in HTML_TYPES:
        return "html"
    head = data[:1024].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    return "text" if mime in TEXT_TYPES else "html"


def _reason(exc: Exception) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0] or type(exc).__name__


def _mb(size: int) -> str:
    return f"{size / 2**20:g} MB" if size >= 2**20 else f"{size} bytes"
