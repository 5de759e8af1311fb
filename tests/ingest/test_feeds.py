"""RSS and Atom feeds: items with their full text, items fetched from a local server, bad feeds."""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape

from rashomon.ingest import ingest, web
from rashomon.model import DateBasis

from .conftest import article_html

LONG = [
    "Two soldiers were killed and three wounded when their position came under mortar fire before dawn, the "
    "defence ministry said in a statement on Monday, blaming the other side for breaking the truce.",
    "The other side's ministry rejected the account and said its forces had observed the ceasefire along the "
    "whole line of contact, calling the statement an attempt to mislead the public.",
    "Monitors from the regional security organisation said they had recorded several explosions in the area "
    "but could not establish who had fired first, and called on both sides to show restraint.",
    "Local officials said a school in the nearest village had been closed for the rest of the week.",
]
TEASER = "Two soldiers were killed before dawn, the ministry said."


def rss(items: list[str], title: str = "Example Wire - World") -> bytes:
    return (
        "<?xml version='1.0' encoding='utf-8'?>\n<rss version='2.0' "
        "xmlns:content='http://purl.org/rss/1.0/modules/content/'><channel>"
        f"<title>{title}</title><link>https://example.org/</link><description>News</description>"
        + "".join(items) + "</channel></rss>"
    ).encode()


def item(title: str, link: str | None, *, description: str = TEASER, content: str | None = None,
         date: str = "Mon, 06 Mar 2023 08:15:00 GMT") -> str:
    parts = [f"<title>{escape(title)}</title>", f"<pubDate>{date}</pubDate>",
             f"<description>{escape(description)}</description>"]
    if link:
        parts.append(f"<link>{escape(link)}</link>")
    if content:
        parts.append(f"<content:encoded>{escape(content)}</content:encoded>")
    return "<item>" + "".join(parts) + "</item>"


def full_content() -> str:
    return "".join(f"<p>{p}</p>" for p in LONG)


def test_feed_with_full_text_reads_items_without_fetching(tmp_path):
    path = tmp_path / "world.rss"
    path.write_bytes(rss([
        item("Mortar fire kills two soldiers", "https://example.org/a", content=full_content()),
        item("Truce holds in the north", "https://example.org/b",
             content=full_content().replace("Two soldiers", "No soldiers"), date="Tue, 07 Mar 2023 09:00:00 GMT"),
    ]))
    result = ingest([path])  # no server: nothing may be fetched
    assert result.errors == ()
    first, second = result.documents
    assert first.source == "https://example.org/a"
    assert first.title == "Mortar fire kills two soldiers"
    assert first.outlet == "Example Wire - World"
    assert first.text.startswith("Two soldiers were killed")
    assert (first.published, first.published_basis) == (dt.date(2023, 3, 6), DateBasis.METADATA)
    assert second.published == dt.date(2023, 3, 7)


def test_feed_with_teasers_fetches_each_item(server):
    server.add("/a", body=article_html("Mortar fire kills two soldiers", LONG).encode())
    server.add("/b", body=article_html("Truce holds in the north", LONG[1:]).encode())
    feed = server.add("/feed", body=rss([
        item("Mortar fire kills two soldiers", server.url("/a")),
        item("Truce holds in the north", server.url("/b"), date="Tue, 07 Mar 2023 09:00:00 GMT"),
        item("A page that is gone", server.url("/gone")),
    ]), content_type="application/rss+xml")
    result = ingest([feed], allow_private=True)
    assert [d.source for d in result.documents] == [server.url("/a"), server.url("/b")]
    assert result.documents[0].text.startswith("Two soldiers were killed")
    assert result.documents[0].outlet == "Example News"  # the page's own site name
    assert result.documents[1].published == dt.date(2023, 3, 7)  # the feed's date
    (error,) = result.errors
    assert error.source == server.url("/gone") and error.message == "HTTP 404 Not Found"


def test_feed_url_told_by_content_not_type(server):
    server.add("/a", body=article_html("Mortar fire kills two soldiers", LONG).encode())
    feed = server.add("/feed", body=rss([item("Mortar fire", server.url("/a"))]), content_type="text/html")
    result = ingest([feed], allow_private=True)
    assert [d.source for d in result.documents] == [server.url("/a")]


def test_feed_items_obey_the_address_check(server, monkeypatch):
    feed = server.add("/feed", body=rss([item("Inside", "http://10.0.0.7/admin")]),
                      content_type="application/rss+xml")
    real = web.check_address

    def check(url, *, allow_private=False):
        if not url.startswith(server.base):  # the test server stands in for a public host
            real(url, allow_private=allow_private)

    monkeypatch.setattr(web, "check_address", check)
    result = ingest([feed])
    assert result.documents == ()
    (error,) = result.errors
    assert error.source == "http://10.0.0.7/admin" and "refused" in error.message
    assert server.hits == ["/feed"]


def test_item_linking_to_another_feed_is_not_followed(server):
    inner = server.add("/inner", body=rss([item("x", "https://example.org/x")]), content_type="application/rss+xml")
    feed = server.add("/feed", body=rss([item("Feed of feeds", inner)]), content_type="application/rss+xml")
    (error,) = ingest([feed], allow_private=True).errors
    assert error.source == inner and "another feed" in error.message


def test_atom_feed_file(tmp_path):
    entry = (
        "<entry><title>Mortar fire kills two soldiers</title><link href='https://example.org/atom/1'/>"
        "<id>urn:1</id><updated>2023-03-06T08:15:00Z</updated>"
        f"<content type='html'>{escape(full_content())}</content></entry>"
    )
    path = tmp_path / "world.atom"
    path.write_text("<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
                    f"<title>Example Atom</title><id>urn:feed</id><updated>2023-03-06T08:15:00Z</updated>{entry}</feed>")
    (doc,) = ingest([path]).documents
    assert doc.source == "https://example.org/atom/1" and doc.published == dt.date(2023, 3, 6)
    assert doc.outlet == "Example Atom"


def test_teaser_ending_in_an_ellipsis_is_not_full_text(tmp_path):
    long_teaser = " ".join(LONG)[:900] + " [...]"
    path = tmp_path / "feed.xml"
    path.write_bytes(rss([item("Cut", None, description=long_teaser)]))
    (error,) = ingest([path]).errors
    assert error.message == "feed item has neither its full text nor a link"


def test_feed_that_does_not_parse(tmp_path):
    path = tmp_path / "broken.xml"
    path.write_bytes(b"<?xml version='1.0'?><rss><channel><title>Broken</title></chan<<")
    (error,) = ingest([path]).errors
    assert error.source == str(path) and error.message.startswith("feed could not be parsed")


def test_feed_without_items(tmp_path):
    path = tmp_path / "empty.xml"
    path.write_bytes(rss([]))
    (error,) = ingest([path]).errors
    assert error.message == "feed has no items"


def test_feed_on_stdin(monkeypatch):
    import io
    import sys

    data = rss([item("Mortar fire kills two soldiers", "https://example.org/a", content=full_content())])
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    (doc,) = ingest(["-"]).documents
    assert doc.source == "https://example.org/a"
