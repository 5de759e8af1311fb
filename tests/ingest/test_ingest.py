"""The ingest API: documents from text, ids, invariants."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from rashomon.ingest import IngestError, IngestResult, document_from_text, ingest
from rashomon.model import DateBasis, Document

from .conftest import assert_offsets

ARTICLE = """Border clash leaves two dead

Share this:

A burned-out truck near the checkpoint (Photo: Press office)

YEREVAN (Example Agency)—Two soldiers were killed on Saturday (25 February) when a patrol came under fire, the ministry said.

The other side said its positions had been shelled first and denied losing anyone.

A burned-out truck near the checkpoint (Photo: Press office)

Observers said they could not verify either account.

Source: Example Weekly
"""


def test_document_from_text():
    doc = document_from_text(ARTICLE, source="clash.txt")
    assert isinstance(doc, Document)
    assert doc.title == "Border clash leaves two dead"
    assert doc.outlet == "Example Weekly"
    assert doc.relays == ("Example Agency",)
    assert doc.text.startswith("YEREVAN (Example Agency)—Two soldiers")
    assert doc.text.endswith("either account.")
    assert "\n\n\n" not in doc.text
    assert [r.reason for r in doc.removed] == ["title", "share", "caption", "duplicate", "credit"]
    assert doc.raw_text == ARTICLE
    assert doc.published_inferred and doc.published_basis is DateBasis.LOWER_BOUND
    assert (doc.published.month, doc.published.day) == (2, 25)
    assert doc.id.startswith("d") and len(doc.id) == 11
    assert doc.segments == ()
    assert_offsets(doc)


def test_ids_are_deterministic_and_follow_the_clean_text():
    a = document_from_text(ARTICLE, source="a")
    b = document_from_text(ARTICLE.replace("Share this:", "Tweet"), source="b")
    c = document_from_text(ARTICLE.replace("Two soldiers", "Three soldiers"), source="c")
    assert a.id == b.id != c.id


def test_given_values():
    doc = document_from_text(ARTICLE, source="a", published=dt.date(2017, 2, 26), outlet="Mirror", title="Another")
    assert (doc.published, doc.published_basis, doc.published_inferred) == (dt.date(2017, 2, 26), DateBasis.GIVEN, False)
    assert doc.outlet == "Mirror" and doc.title == "Another"
    assert doc.text.startswith("Border clash leaves two dead")  # not the given title: stays


@pytest.mark.parametrize("text", ["", "   \n\n  ", "Share this:\n\nTweet\n\nAdvertisement\n"])
def test_unusable_text_raises(text):
    with pytest.raises(IngestError):
        document_from_text(text, source="x")


def test_ingest_result_shape(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.txt").write_text(ARTICLE)
    result = ingest([tmp_path, tmp_path / "missing.txt"])
    assert isinstance(result, IngestResult) and dataclasses.is_dataclass(result)
    assert [d.id[-2:] == "-2" for d in result.documents] == [False, True]
    assert len(result.errors) == 1 and result.errors[0].source.endswith("missing.txt")


def test_windows_line_ends_and_bom(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"\xef\xbb\xbf" + ARTICLE.replace("\n", "\r\n").encode())
    (doc,) = ingest([path]).documents
    assert doc.raw_text == ARTICLE
    assert doc.title == "Border clash leaves two dead"
