"""Reading inputs: decoding, sniffing, and one clear error per bad input."""

from __future__ import annotations

import codecs
import io
import os
import sys

import pytest

from rashomon.ingest import ingest, readers
from rashomon.ingest.errors import IngestError
from rashomon.ingest.readers import decode_bytes, read_inputs

GOOD = "Shelling reported near the border\n\nOfficials said two villages were hit overnight and nobody was hurt.\n"
HTML = (
    "<html><head><meta charset='{charset}'><title>Clash</title></head><body><article>"
    "<p>{body}</p></article></body></html>"
)


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("binary.txt", bytes(range(256)) * 4, "binary"),
        ("controls.txt", b"\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f" * 30 + b"text", "binary"),
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\t\n   \n", "empty"),
        ("random-high.txt", bytes(range(128, 256)) * 3, "undecodable"),
        (
            "declared.html",
            HTML.format(charset="utf-8", body="x").encode() .replace(b">x<", b">" + bytes(range(0x80, 0xC0)) * 4 + b"<"),
            "undecodable",
        ),
        ("nothing.html", b"<html><head><title>x</title></head><body><script>var a=1;</script></body></html>", "no main text"),
        ("only-buttons.txt", b"Share this:\n\nTweet\n\nAdvertisement\n", "no main text"),
        ("table.csv", b"a,b\n1,2\n", "unsupported file type .csv"),
        ("broken.rss", b"<?xml version='1.0'?><rss><channel><title>x</title></chan", "feed could not be parsed"),
    ],
)
def test_bad_file_gives_one_error(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    result = ingest([path])
    assert result.documents == ()
    assert len(result.errors) == 1
    error = result.errors[0]
    assert error.source == str(path)
    assert message in error.message
    assert "\n" not in error.message


def test_missing_file(tmp_path):
    result = ingest([tmp_path / "nope.txt"])
    assert [e.message for e in result.errors] == ["no such file or directory"]


def test_size_cap(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_BYTES", 100)
    path = tmp_path / "big.txt"
    path.write_text("word " * 100)
    result = ingest([path])
    assert "too large" in result.errors[0].message


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path):
    path = tmp_path / "locked.txt"
    path.write_text(GOOD)
    path.chmod(0)
    try:
        result = ingest([path])
    finally:
        path.chmod(0o600)
    assert "permission denied" in result.errors[0].message


def test_directory_with_one_good_and_one_bad_file(tmp_path):
    (tmp_path / "a-good.txt").write_text(GOOD)
    (tmp_path / "b-bad.bin").write_bytes(b"\x00\x01\x02" * 50)
    result = ingest([tmp_path])
    assert len(result.documents) == 1
    assert len(result.errors) == 1
    assert result.errors[0].source.endswith("b-bad.bin")


def test_directory_is_recursive_sorted_and_skips_hidden(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "junk.txt").write_text(GOOD)
    (tmp_path / ".hidden.txt").write_text(GOOD)
    (tmp_path / "sub" / "b.txt").write_text(GOOD.replace("two", "three"))
    (tmp_path / "a.txt").write_text(GOOD)
    sources = [item.source for item in read_inputs([tmp_path])]
    assert sources == [str(tmp_path / "a.txt"), str(tmp_path / "sub" / "b.txt")]


def test_empty_directory_is_an_error(tmp_path):
    result = ingest([tmp_path])
    assert result.documents == () and "no readable files" in result.errors[0].message


@pytest.mark.parametrize(
    "data, expected",
    [
        (codecs.BOM_UTF8 + "Café in Kyiv".encode(), "Café in Kyiv"),
        ("Café in Kyiv".encode("utf-16"), "Café in Kyiv"),
        ("Café in Kyiv".encode("utf-16-le"), "Café in Kyiv"),  # no BOM: NULs on one parity
        ("Café in Kyiv".encode("utf-32"), "Café in Kyiv"),
        ("line one\r\nline two\r\n".encode(), "line one\nline two\n"),
        (("Le ministère a déclaré que les forces ont riposté à l'attaque près de la frontière. " * 5).encode("cp1252"), "ministère"),
    ],
)
def test_decoding(data, expected):
    assert expected in decode_bytes(data)


def test_declared_charset_is_used():
    html = HTML.format(charset="windows-1251", body="Министерство обороны").encode("cp1251")
    assert "Министерство обороны" in decode_bytes(html, html=True)


def test_latin1_declaration_reads_as_cp1252():
    html = HTML.format(charset="iso-8859-1", body="\u201cquoted\u201d").encode("cp1252")
    assert "\u201cquoted\u201d" in decode_bytes(html, html=True)


def test_a_stray_bad_byte_is_tolerated():
    data = ("The ministry said the attack was repelled. " * 100).encode() + b"\xff" + b" End."
    assert decode_bytes(data).endswith("\ufffd End.")


def test_decode_errors_are_ingest_errors():
    with pytest.raises(IngestError, match="empty"):
        decode_bytes(b"   ")


@pytest.mark.parametrize(
    "name, content, kind",
    [
        ("page.html", "no tags at all", "html"),
        ("notes.txt", "<p>looks like html</p>", "text"),
        ("noext", "<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
        ("noext2", "Plain words here.", "text"),
    ],
)
def test_kind_from_suffix_or_sniffed(tmp_path, name, content, kind):
    path = tmp_path / name
    path.write_text(content)
    (item,) = list(read_inputs([path]))
    assert item.kind == kind


def test_stdin(monkeypatch):
    stream = io.TextIOWrapper(io.BytesIO(GOOD.encode()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stream)
    result = ingest(["-"])
    assert [d.source for d in result.documents] == ["<stdin>"]
    assert result.documents[0].title == "Shelling reported near the border"


def test_directory_walk_skips_readme_files(tmp_path):
    from rashomon.ingest import ingest

    (tmp_path / "README.md").write_text("# Examples\n\nThese files are examples.\n")
    (tmp_path / "a.txt").write_text("Headline\n\nThe ministry said the attack was repelled.\n")
    result = ingest([tmp_path])
    assert [d.source.rsplit("/", 1)[-1] for d in result.documents] == ["a.txt"]
