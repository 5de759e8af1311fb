"""JSON Lines dumps, globs and stdin sniffing."""

from __future__ import annotations

import datetime as dt
import io
import json
import sys

import pytest

from rashomon.ingest import ingest
from rashomon.ingest.jsonl import parse_date
from rashomon.model import DateBasis

from .conftest import article_html

TEXT = (
    "Border guards said a patrol was fired on near the crossing point late on Wednesday and returned fire.\n\n"
    "The neighbouring country's interior ministry said its guards had been provoked and that no one was hurt.\n\n"
    "Both sides said they were ready to meet at the border commission next week."
)
OTHER = TEXT.replace("Wednesday", "Thursday").replace("patrol", "convoy").replace("next week", "on Monday")


def lines(*records) -> str:
    return "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n"


def test_jsonl_dump_with_a_bad_line(tmp_path):
    path = tmp_path / "dump.jsonl"
    path.write_text(lines(
        {"url": "https://example.org/a", "text": TEXT, "published": "2024-05-02T10:00:00Z", "outlet": "Example Post"},
        '{"url": "https://example.org/broken", "text": "unterminated',
        {"url": "https://example.org/c", "html": article_html("Convoy fired on", OTHER.split("\n\n")),
         "published": "Fri, 03 May 2024 09:00:00 +0000"},
        {"url": "https://example.org/d"},
        ["not", "an", "object"],
        "",
    ))
    result = ingest([path])
    a, c = result.documents
    assert (a.source, a.outlet, a.published, a.published_basis) == (
        "https://example.org/a", "Example Post", dt.date(2024, 5, 2), DateBasis.METADATA)
    assert a.text.startswith("Border guards said")
    assert (c.source, c.title, c.published) == ("https://example.org/c", "Convoy fired on", dt.date(2024, 5, 3))
    assert [(e.source, e.message.split(" (")[0]) for e in result.errors] == [
        (f"{path}:2", "not valid JSON"),
        (f"{path}:4", "line has neither text nor html"),
        (f"{path}:5", "a JSON list, not an object"),
    ]


def test_line_without_url_is_named_by_its_line(tmp_path):
    path = tmp_path / "dump.ndjson"
    path.write_text(lines({"content": TEXT, "date": "2024-05-02"}))
    (doc,) = ingest([path]).documents
    assert doc.source == f"{path}:1" and doc.published == dt.date(2024, 5, 2)


def test_bad_line_of_no_text_left(tmp_path):
    path = tmp_path / "dump.jsonl"
    path.write_text(lines({"text": "Share this:\n\nTweet"}, {"text": TEXT}))
    result = ingest([path])
    assert len(result.documents) == 1
    assert [e.source for e in result.errors] == [f"{path}:1"]


def test_empty_dump(tmp_path):
    path = tmp_path / "empty.jsonl"
    path.write_text("\n\n")
    (error,) = ingest([path]).errors
    assert error.message.startswith("empty")


@pytest.mark.parametrize(
    "value, expected",
    [("2024-05-02", dt.date(2024, 5, 2)), ("2024-05-02T23:59:00+03:00", dt.date(2024, 5, 2)),
     ("Thu, 02 May 2024 10:00:00 GMT", dt.date(2024, 5, 2)), ("yesterday", None), ("", None)],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


def test_jsonl_on_stdin(monkeypatch):
    data = lines({"url": "https://example.org/a", "text": TEXT}).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    (doc,) = ingest(["-"]).documents
    assert doc.source == "https://example.org/a"


def test_text_on_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(TEXT.encode())))
    (doc,) = ingest(["-"]).documents
    assert doc.source == "<stdin>" and doc.text.startswith("Border guards")


def test_glob_patterns(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text(OTHER)
    (tmp_path / "c.md").write_text(OTHER.replace("convoy", "truck"))
    result = ingest([str(tmp_path / "*.txt")])
    assert [d.source for d in result.documents] == [str(tmp_path / "a.txt")]
    deep = ingest([str(tmp_path / "**" / "*.txt")])
    assert [d.source for d in deep.documents] == [str(tmp_path / "a.txt"), str(tmp_path / "sub" / "b.txt")]
    (error,) = ingest([str(tmp_path / "*.pdf")]).errors
    assert error.message == "no file matches the pattern"


def test_folder_mixing_formats(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT)
    (tmp_path / "dump.jsonl").write_text(lines({"url": "https://example.org/x", "text": OTHER}))
    (tmp_path / "page.html").write_text(article_html("Truck fired on", OTHER.replace("convoy", "truck").split("\n\n")))
    result = ingest([tmp_path])
    assert result.errors == ()
    assert [d.source for d in result.documents] == [
        str(tmp_path / "a.txt"), "https://example.org/x", str(tmp_path / "page.html")]
