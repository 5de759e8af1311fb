"""WARC archives written by the test with warcio: HTML records read, others passed over, truncation reported."""

from __future__ import annotations

import io

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from rashomon.ingest import ingest

from .conftest import article_html

PARAGRAPHS = [
    "Rockets struck an industrial district on the edge of the city late on Friday, setting a warehouse on fire, "
    "the emergency service said, adding that firefighters worked through the night.",
    "A spokesman for the armed group said its fighters had targeted a military depot and denied that civilian "
    "buildings had been hit, a claim that could not be independently verified.",
]


def page(n: int) -> bytes:
    paragraphs = [p.replace("Friday", ["Friday", "Saturday", "Sunday"][n % 3]) + f" Report {n}." for p in PARAGRAPHS]
    return article_html(f"Rockets hit industrial district, part {n}", paragraphs).encode()


def write_warc(records: list[tuple[str, str, bytes, str]], *, gzip: bool) -> bytes:
    """(uri, status, body, content type) -> WARC bytes, with a request record before each response."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    for uri, status, body, content_type in records:
        request = writer.create_warc_record(uri, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
        writer.write_record(request)
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers))
    return buffer.getvalue()


RECORDS = [
    ("https://example.org/news/0", "200 OK", page(0), "text/html; charset=utf-8"),
    ("https://example.org/logo.png", "200 OK", b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png"),
    ("https://example.org/news/1", "200 OK", page(1), "text/html"),
    ("https://example.org/moved", "301 Moved Permanently", b"", "text/html"),
    ("https://example.org/news/2", "200 OK", page(2), "text/html; charset=utf-8"),
]


@pytest.mark.parametrize("gzip, name", [(True, "crawl.warc.gz"), (False, "crawl.warc")])
def test_every_html_response_record(tmp_path, gzip, name):
    path = tmp_path / name
    path.write_bytes(write_warc(RECORDS, gzip=gzip))
    result = ingest([path])
    assert result.errors == ()
    assert [d.source for d in result.documents] == [f"{path}#https://example.org/news/{n}" for n in range(3)]
    assert result.documents[0].title == "Rockets hit industrial district, part 0"
    assert result.documents[2].text.startswith("Rockets struck an industrial district")


@pytest.mark.parametrize("gzip", [True, False])
@pytest.mark.parametrize("kept", [0.5, 0.9, 0.98])  # share of the last request+response pair left
def test_truncated_last_record(tmp_path, gzip, kept):
    data = write_warc(RECORDS[:3], gzip=gzip)
    cut = write_warc(RECORDS[:2], gzip=gzip)  # the bytes of the complete records before the last
    path = tmp_path / ("cut.warc.gz" if gzip else "cut.warc")
    path.write_bytes(data[: len(cut) + int((len(data) - len(cut)) * kept)])
    result = ingest([path])
    assert [d.source for d in result.documents] == [f"{path}#https://example.org/news/0"]
    (error,) = result.errors
    assert error.source.startswith(str(path)) and "truncated record" in error.message


def test_archive_without_html(tmp_path):
    path = tmp_path / "images.warc.gz"
    path.write_bytes(write_warc([RECORDS[1]], gzip=True))
    (error,) = ingest([path]).errors
    assert error.message == "archive holds no HTML response record"


def test_not_an_archive(tmp_path):
    path = tmp_path / "fake.warc"
    path.write_bytes(b"this is not an archive at all\n" * 20)
    result = ingest([path])
    assert result.documents == () and len(result.errors) == 1
    assert result.errors[0].source.startswith(str(path))


def test_record_without_main_text_is_one_error_and_the_archive_goes_on(tmp_path):
    empty = b"<html><body><nav><a href='/'>Home</a></nav></body></html>"
    records = [("https://example.org/empty", "200 OK", empty, "text/html"), RECORDS[0]]
    path = tmp_path / "mixed.warc.gz"
    path.write_bytes(write_warc(records, gzip=True))
    result = ingest([path])
    assert [d.source for d in result.documents] == [f"{path}#https://example.org/news/0"]
    (error,) = result.errors
    assert error.source == f"{path}#https://example.org/empty" and error.message.startswith("no main text")


def test_arc_file(tmp_path):
    body = page(0)
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body)
    description = b"1 0 Example\nURL IP-address Archive-date Content-type Archive-length\n"
    arc = (b"filedesc://crawl.arc 0.0.0.0 20240101000000 text/plain %d\n%s\n" % (len(description), description)
           + b"https://example.org/news/0 192.0.2.1 20240101000000 text/html %d\n%s\n" % (len(http), http))
    path = tmp_path / "crawl.arc"
    path.write_bytes(arc)
    result = ingest([path])
    assert result.errors == ()
    assert [d.source for d in result.documents] == [f"{path}#https://example.org/news/0"]
