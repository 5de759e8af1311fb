"""Shared helpers of the ingest tests."""

from __future__ import annotations

from rashomon.model import Document


def assert_offsets(doc: Document) -> None:
    """Every removed piece indexes raw_text; every segment indexes text, in order, without overlap."""
    for removed in doc.removed:
        assert doc.raw_text[removed.start : removed.end] == removed.text
    previous_end = 0
    for segment in doc.segments:
        assert previous_end <= segment.start <= segment.end <= len(doc.text)
        previous_end = segment.end


# --------------------------------------------------------------------------- a local web server

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Route:
    """What the test server answers on one path."""

    body: bytes = b""
    status: int = 200
    content_type: str | None = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering
    trickle: float = 0.0  # seconds between 1 KB chunks of the body
    length: bool = True  # send Content-Length


class LocalServer:
    """An HTTP server on 127.0.0.1 in a thread, answering from a route table."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                server.hits.append(self.path)
                route = server.routes.get(self.path)
                if route is None:
                    route = Route(body=b"not found", status=404, content_type="text/plain")
                if route.delay:
                    time.sleep(route.delay)
                self.send_response(route.status)
                if route.content_type:
                    self.send_header("Content-Type", route.content_type)
                for key, value in route.headers.items():
                    self.send_header(key, value)
                if route.length:
                    self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                try:
                    if route.trickle:
                        for start in range(0, len(route.body), 1024):
                            self.wfile.write(route.body[start : start + 1024])
                            self.wfile.flush()
                            time.sleep(route.trickle)
                    else:
                        self.wfile.write(route.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args) -> None:  # quiet
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def base(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, **kwargs) -> str:
        self.routes[path] = Route(**kwargs)
        return self.url(path)


@pytest.fixture
def server():
    local = LocalServer()
    local.thread.start()
    try:
        yield local
    finally:
        local.httpd.shutdown()
        local.httpd.server_close()


def article_html(title: str, paragraphs: list[str], *, head: str = "", site: str = "Example News") -> str:
    """A small news page with the given paragraphs."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title} | {site}</title>"
        f"<meta property='og:site_name' content='{site}'>{head}</head><body>"
        f"<nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{body}</article>"
        "<footer>Contact us</footer></body></html>"
    )
