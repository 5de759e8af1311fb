"""HTML pages: main text, metadata, dates, sidebars."""

from __future__ import annotations

import datetime as dt

import pytest

from rashomon.ingest import IngestError, document_from_html, ingest
from rashomon.ingest.html import _htmldate, extract_html
from rashomon.model import DateBasis

from .conftest import assert_offsets

PARAGRAPHS = (
    "<p>KYIV (AP) — Artillery fire hit a village near the front line overnight, officials said, adding that "
    "two people were wounded and several houses were damaged.</p>"
    "<p>The regional governor said the shelling began at about 2 a.m.<br>It lasted an hour.</p>"
    "<h2>Denial</h2>"
    "<p>The defence ministry of the other side denied any involvement and said its forces had not fired "
    "at civilian areas at any time during the night.</p>"
)


def page(head: str = "", body: str = PARAGRAPHS, extra: str = "") -> str:
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Village shelled | Example News</title>"
        f"<meta property='og:site_name' content='Example News'>{head}</head><body><header><nav><a href='/'>Home</a> <a href='/world'>World</a></nav></header>"
        f"<article><h1>Village shelled</h1>{body}</article>{extra}"
        "<footer>© 2019 Example News</footer></body></html>"
    )


SIDEBAR = (
    "<aside><h3>Related articles</h3><ul><li><a href='/a'>Election campaign opens in the capital</a></li>"
    "<li><a href='/b'>Football team wins the cup after extra time</a></li></ul></aside>"
)


@pytest.mark.parametrize(
    "head, body, expected",
    [
        ("<meta property='article:published_time' content='2019-03-04T10:00:00Z'>", PARAGRAPHS, dt.date(2019, 3, 4)),
        ("<meta name='date' content='2018-11-30'>", PARAGRAPHS, dt.date(2018, 11, 30)),
        ("", "<time datetime='2021-06-07T08:00'>7 June 2021</time>" + PARAGRAPHS, dt.date(2021, 6, 7)),
    ],
)
def test_metadata_date(head, body, expected):
    doc = document_from_html(page(head, body), source="p.html")
    assert doc.published == expected
    assert doc.published_basis is DateBasis.METADATA
    assert not doc.published_inferred


def test_main_text_title_outlet_and_relays():
    doc = document_from_html(page(extra=SIDEBAR), source="p.html")
    assert doc.title == "Village shelled"
    assert doc.outlet == "Example News"
    assert doc.relays == ("AP",)
    assert doc.text.startswith("KYIV (AP) — Artillery fire")
    assert "Election campaign" not in doc.text and "Related articles" not in doc.text
    assert "Home" not in doc.text and "©" not in doc.text
    assert "about 2 a.m.\nIt lasted an hour.\n\nDenial\n\nThe defence ministry" in doc.text
    assert doc.raw_text.startswith("Village shelled\n\n")  # the h1, removed from text as the title
    assert_offsets(doc)


def test_given_date_beats_metadata():
    html = page("<meta property='article:published_time' content='2019-03-04T10:00:00Z'>")
    doc = document_from_html(html, source="p.html", published=dt.date(2019, 3, 5))
    assert (doc.published, doc.published_basis) == (dt.date(2019, 3, 5), DateBasis.GIVEN)


def test_no_metadata_date_is_inferred_from_text():
    body = PARAGRAPHS.replace("overnight", "on Saturday, 25 February 2017")
    doc = document_from_html(page(body=body), source="p.html")
    assert doc.published == dt.date(2017, 2, 25) and doc.published_inferred


def test_bytes_with_declared_charset():
    html = page().replace("charset='utf-8'", "charset='windows-1251'").replace("Denial", "Опровержение")
    doc = document_from_html(html.encode("cp1251"), source="p.html")
    assert "Опровержение" in doc.text


@pytest.mark.parametrize(
    "html",
    ["<html><body></body></html>", "<html><head><title>T</title></head><body><script>x()</script></body></html>"],
)
def test_no_main_text(html):
    with pytest.raises(IngestError, match="no main text"):
        document_from_html(html, source="p.html")


def test_list_and_table_blocks():
    body = PARAGRAPHS + "<ul><li>First point</li><li>Second point</li></ul>"
    text = extract_html(page(body=body)).text
    assert "\n\n- First point\n- Second point" in text


def test_htmldate_fallback_reads_markup_only():
    assert _htmldate(page("<meta name='date' content='2018-11-30'>")) == dt.date(2018, 11, 30)
    assert _htmldate("<html><body><p>Posted 12 June 2015, a story about 2014.</p></body></html>") is None


def test_html_file_through_ingest(tmp_path):
    (tmp_path / "page.htm").write_text(page(extra=SIDEBAR), encoding="utf-8")
    (tmp_path / "page-no-suffix").write_text(page(extra=SIDEBAR), encoding="utf-8")
    result = ingest([tmp_path])
    assert [d.outlet for d in result.documents] == ["Example News", "Example News"]
    assert result.documents[0].id != result.documents[1].id  # same text: suffixed
    assert result.documents[1].id == result.documents[0].id + "-2"


def test_body_split_around_advertisements_is_read_whole():
    part = "<div class='grid'><div class='article-body body'>{}</div><aside class='rail'></aside></div>"
    first = PARAGRAPHS
    second = ("<p>Later in the day the governor said repair crews had restored power to most of the village and "
              "that the damaged houses would be inspected by engineers on Wednesday morning.</p>"
              "<p>Residents said they had heard at least six explosions before the shelling stopped.</p>")
    body = (f"<div class='chunks'>{part.format(first)}<div class='ad'><span>Advertisement</span></div>"
            f"{part.format(second)}</div>")
    html = page(body=body).replace("<article>", "<main>").replace("</article>", "</main>")
    text = extract_html(html).text
    assert "KYIV (AP) — Artillery fire" in text
    assert "restored power to most of the village" in text and "six explosions" in text


def test_embedded_tweet_is_kept_as_a_quote():
    tweet = (
        "<div class='social-embed social-media'><blockquote class='twitter-tweet'><p>Our air defence destroyed "
        "two drones over the region tonight. No casualties.</p>&mdash; Regional Governor (@gov_example) "
        "<a href='https://twitter.com/x/status/1'>March 5, 2024</a></blockquote>"
        "<script src='https://platform.twitter.com/widgets.js'></script></div>"
    )
    text = extract_html(page(body=PARAGRAPHS + tweet + "<p>The ministry gave no further details about the attack.</p>")).text
    assert "Our air defence destroyed two drones over the region tonight." in text
    assert text.index("Our air defence") < text.index("The ministry gave no further details")


def test_author_from_metadata_and_byline():
    meta = page("<meta name='author' content='Jane Roe'>")
    assert document_from_html(meta, source="p.html").author == "Jane Roe"
    byline = page(body="<p class='byline'>By <a rel='author' href='/staff/jr'>John Doe</a></p>" + PARAGRAPHS)
    assert extract_html(byline).author == "John Doe"


def test_feed_or_dump_date_wins_over_the_page():
    html = page("<meta property='article:published_time' content='2019-03-04T10:00:00Z'>")
    doc = document_from_html(html, source="p.html", source_date=dt.date(2019, 3, 2))
    assert (doc.published, doc.published_basis) == (dt.date(2019, 3, 2), DateBasis.METADATA)


def test_unparsable_bytes_are_one_error():
    with pytest.raises(IngestError):
        document_from_html(b"\x00\x01\x02\x03" * 100, source="p.html")


def test_many_comments_of_one_class_are_not_joined():
    from trafilatura.utils import load_html

    from rashomon.ingest.html import prepare_tree

    comment = ("<div class='post-text'><p>I have lived near that village for years and I can tell you that the "
               "shelling has been going on every night, whatever the ministries say about it in their statements. {}</p></div>")
    comments = "<section class='reader-discussion'>" + "".join(comment.format(n) for n in range(12)) + "</section>"
    tree = prepare_tree(load_html(page(extra=comments)))
    assert len(tree.xpath("//div[@class='post-text']")) == 12  # each stays a post of its own


def test_a_date_in_running_text_keeps_its_words():
    body = ("<p>Updated <time datetime='2024-03-05T10:00'>5 March 2024</time>: the toll in Velmora rose to "
            "twelve, the regional office said.</p>" + "<p>Shelling hit the market in Velmora overnight, "
            "officials in the town said, and rescue crews worked through the night to reach people.</p>" * 4)
    html = f"<html><head><title>Velmora</title></head><body><article>{body}</article></body></html>"
    text = extract_html(html).text
    assert "Updated 5 March 2024: the toll" in text
