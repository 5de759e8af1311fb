"""Fetching URLs: a local server on 127.0.0.1, and every limit and refusal."""

from __future__ import annotations

import pytest

from rashomon.ingest import IngestError, ingest, web
from rashomon.ingest.web import check_address, looks_like_feed, looks_like_url

from .conftest import article_html

PARAGRAPHS = [
    "Shelling damaged a school and two houses in a border village overnight, the regional governor said on "
    "Tuesday, adding that nobody was hurt because residents had spent the night in shelters.",
    "The defence ministry of the other side denied firing at the village and said its units had only answered "
    "fire directed at their positions near the river crossing.",
    "International monitors said they would visit the area once the security situation allowed it.",
]
PAGE = article_html("Village shelled overnight", PARAGRAPHS).encode()


def fetch_local(**kwargs):
    return ingest(kwargs.pop("urls"), allow_private=True, **kwargs)


def test_page_fetched_from_local_server(server):
    url = server.add("/news/1", body=PAGE)
    result = fetch_local(urls=[url])
    assert result.errors == ()
    (doc,) = result.documents
    assert doc.source == url
    assert doc.title == "Village shelled overnight"
    assert doc.outlet == "Example News"
    assert doc.text.startswith("Shelling damaged a school")
    assert "Home" not in doc.text


def test_loopback_is_refused_without_allow_private(server):
    url = server.add("/news/1", body=PAGE)
    result = ingest([url])
    assert result.documents == ()
    (error,) = result.errors
    assert error.source == url
    assert "refused" in error.message and "loopback" in error.message and "--allow-private" in error.message
    assert server.hits == []  # refused before connecting


@pytest.mark.parametrize(
    "url, kind",
    [
        ("http://10.20.30.40/report", "private"),
        ("http://192.168.1.1/", "private"),
        ("http://172.16.0.5:8080/a", "private"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://[::1]/", "loopback"),
        ("http://[fe80::1]/", "link-local"),
        ("http://[::ffff:10.0.0.1]/", "private"),
        ("http://0.0.0.0/", "private"),
        ("http://localhost/", "loopback"),
        ("http://100.64.1.1/", "reserved"),
    ],
)
def test_non_public_addresses_are_refused_before_any_connection(url, kind):
    with pytest.raises(IngestError, match=f"refused: .* is a {kind} address"):
        check_address(url)
    result = ingest([url])
    assert [e.source for e in result.errors] == [url]
    assert "refused" in result.errors[0].message


@pytest.mark.parametrize("url", ["ftp://example.org/file", "file:///etc/passwd"])
def test_other_schemes_are_refused(url):
    with pytest.raises(IngestError, match="unsupported URL scheme"):
        check_address(url, allow_private=True)


def test_public_address_passes_the_check():
    check_address("http://8.8.8.8/page")  # an IP literal: no lookup, no connection


def test_slow_server_times_out(server):
    url = server.add("/slow", body=PAGE, delay=2.0)
    result = fetch_local(urls=[url], timeout=0.3)
    (error,) = result.errors
    assert error.source == url and "timed out after 0.3 s" in error.message


def test_trickling_server_is_cut_off_by_the_total_deadline(server):
    # each read is quick, the whole is not: ~2 s of trickling against a 0.5 s total deadline
    url = server.add("/trickle", body=PAGE * 4 + b" " * 16_000, trickle=0.1)
    result = fetch_local(urls=[url], timeout=0.5)
    (error,) = result.errors
    assert "timed out" in error.message


def test_oversized_body_declared(server):
    url = server.add("/big", body=b"<html>" + b"x" * 5000 + b"</html>")
    (error,) = fetch_local(urls=[url], max_bytes=1000).errors
    assert "too large" in error.message


def test_oversized_body_without_length(server):
    url = server.add("/big", body=b"<html>" + b"x" * 50_000 + b"</html>", length=False)
    (error,) = fetch_local(urls=[url], max_bytes=10_000).errors
    assert "too large" in error.message


def test_redirects_within_the_limit_are_followed(server):
    server.add("/final", body=PAGE)
    server.add("/hop2", status=302, headers={"Location": "/final"}, content_type=None)
    first = server.add("/hop1", status=301, headers={"Location": server.url("/hop2")}, content_type=None)
    result = fetch_local(urls=[first], max_redirects=2)
    assert result.errors == () and len(result.documents) == 1
    assert result.documents[0].source == first


def test_redirects_beyond_the_limit(server):
    for n in range(5):
        server.add(f"/r{n}", status=302, headers={"Location": f"/r{n + 1}"}, content_type=None)
    server.add("/r5", body=PAGE)
    (error,) = fetch_local(urls=[server.url("/r0")], max_redirects=3).errors
    assert error.message == "too many redirects (more than 3)"


def test_redirect_to_a_private_address_is_refused(server, monkeypatch):
    target = "http://10.1.2.3/internal"
    first = server.add("/hop", status=302, headers={"Location": target}, content_type=None)
    real = web.check_address

    def check(url, *, allow_private=False):
        if url != first:  # the test server stands in for a public host
            real(url, allow_private=allow_private)

    monkeypatch.setattr(web, "check_address", check)
    (error,) = ingest([first]).errors
    assert error.source == first
    assert "refused" in error.message and "10.1.2.3" in error.message
    assert server.hits == ["/hop"]


@pytest.mark.parametrize(
    "content_type, message",
    [("application/pdf", "unsupported content type application/pdf"),
     ("image/png", "unsupported content type image/png")],
)
def test_non_html_content_type(server, content_type, message):
    url = server.add("/file", body=b"%PDF-1.4 binary", content_type=content_type)
    (error,) = fetch_local(urls=[url]).errors
    assert message in error.message


def test_http_error_status(server):
    (error,) = fetch_local(urls=[server.url("/missing")]).errors
    assert error.message == "HTTP 404 Not Found"


def test_unreachable_host(server):
    port = server.httpd.server_address[1]
    server.httpd.shutdown()
    server.httpd.server_close()
    url = f"http://127.0.0.1:{port}/gone"
    (error,) = fetch_local(urls=[url], timeout=2).errors
    assert error.source == url and error.message.startswith("unreachable host")


def test_plain_text_page_and_charset_from_the_header(server):
    text = "Отчёт о перестрелке\n\n" + "\n\n".join(PARAGRAPHS)
    url = server.add("/plain", body=text.encode("cp1251"), content_type="text/plain; charset=windows-1251")
    (doc,) = fetch_local(urls=[url]).documents
    assert doc.title == "Отчёт о перестрелке"


def test_empty_page_and_page_without_main_text(server):
    empty = server.add("/empty", body=b"")
    bare = server.add("/bare", body=b"<html><body><nav><a href='/'>Home</a></nav></body></html>")
    result = fetch_local(urls=[empty, bare])
    assert [e.source for e in result.errors] == [empty, bare]
    assert "empty" in result.errors[0].message and "no main text" in result.errors[1].message


def test_the_batch_goes_on_after_bad_urls(server):
    good = server.add("/good", body=PAGE)
    result = fetch_local(urls=[server.url("/missing"), good, "http://10.0.0.1/x"])
    assert len(result.documents) == 1 and len(result.errors) == 2


def test_fetching_can_be_turned_off(server):
    url = server.add("/news/1", body=PAGE)
    (error,) = ingest([url], allow_private=True, fetch=False).errors
    assert error.message == "fetching URLs is off" and server.hits == []


@pytest.mark.parametrize("text, expected", [("http://a.org/x", True), ("HTTPS://A.ORG", True),
                                            ("www.a.org", False), ("notes/http.txt", False)])
def test_looks_like_url(text, expected):
    assert looks_like_url(text) is expected


@pytest.mark.parametrize(
    "data, expected",
    [(b"<?xml version='1.0'?>\n<?xml-stylesheet href='s.xsl'?>\n<rss version='2.0'>", True),
     (b"<feed xmlns='http://www.w3.org/2005/Atom'>", True),
     (b"<?xml version='1.0'?><rdf:RDF xmlns:rdf='x'>", True),
     (b"<!DOCTYPE html><html><body><feedback/>", False),
     (b"<?xml version='1.0'?><urlset>", False)],
)
def test_looks_like_feed(data, expected):
    assert looks_like_feed(data) is expected


def test_host_that_does_not_resolve():
    url = "http://no-such-host.invalid/report"  # .invalid never resolves (RFC 6761)
    (error,) = ingest([url]).errors
    assert error.source == url and error.message.startswith("unreachable host: cannot resolve no-such-host.invalid")
