"""Outlet and relays from credit lines and datelines."""

from __future__ import annotations

import pytest

from rashomon.ingest import document_from_text
from rashomon.ingest.credits import read_credits

REST = " Two soldiers were killed in the exchange of fire, the ministry said."


@pytest.mark.parametrize(
    "opening, relays",
    [
        ("STEPANAKERT, Artsakh (ExampleRadio)—", ["ExampleRadio"]),
        ("MOSCOW, April 8 (Reuters) -", ["Reuters"]),
        ("KYIV (AP) —", ["AP"]),
        ("WASHINGTON, D.C. (AP) —", ["AP"]),
        ("Baku, 25 February (APA) –", ["APA"]),
        ("TBILISI (AP/AFP) —", ["AP", "AFP"]),
        ("MOSCOW, April 8. /TASS/.", ["TASS"]),
        ("The ministry (which declined to comment) -", []),  # a remark in brackets, lower case
        ("The Ministry of Defence (MoD) -", []),  # an acronym, not a dateline: no capitals place, no comma
        ("Officials said on Monday (local time) that", []),
        ("", []),
    ],
)
def test_dateline_agency_is_the_origin_relay(opening, relays):
    credits = read_credits(opening + REST)
    assert list(credits.relays) == relays
    assert (credits.dateline is not None) == bool(relays)


def test_dateline_after_a_byline():
    text = "By Jane Roe\n\nYEREVAN (Example News Agency) — Shelling resumed." + REST
    assert read_credits(text).relays == ("Example News Agency",)


def test_dateline_deep_in_the_text_is_ignored():
    text = "One.\n\nTwo.\n\nThree.\n\nKYIV (AP) — Four." + REST
    assert read_credits(text).relays == ()


@pytest.mark.parametrize(
    "lines, outlet, relays",
    [
        (["Source: Example Weekly"], "Example Weekly", []),
        (["source: example.com"], "example.com", []),
        (["Source: https://www.example.com/news/1"], "example.com", []),
        (["Link: https://www.example.org/story"], "example.org", []),
        (["Link: Headline of the story"], None, []),
        (["© 2017 Example Media. All rights reserved."], "Example Media", []),
        (["Source: Example Daily, citing Agency One"], "Example Daily", ["Agency One"]),
        (["Source: Example Daily reports citing Agency One"], "Example Daily", ["Agency One"]),
        (["Source: Example Daily", "Via Aggregator X"], "Example Daily", ["Aggregator X"]),
        (["Originally published by Example Weekly", "Source: Example Daily"], "Example Daily", ["Example Weekly"]),
        (["(Reporting by Jane Roe; Editing by John Doe)"], None, []),
    ],
)
def test_credit_lines(lines, outlet, relays):
    credits = read_credits("Body text." + REST, lines)
    assert credits.outlet == outlet
    assert list(credits.relays) == relays


def test_known_outlet_wins_and_credited_source_becomes_relay():
    credits = read_credits("KYIV (AP) —" + REST, ["Source: Example Daily"], outlet="Aggregator")
    assert credits.outlet == "Aggregator"
    assert credits.relays == ("AP", "Example Daily")


def test_outlet_is_never_its_own_relay():
    credits = read_credits("LONDON (Reuters) -" + REST, [], outlet="Reuters")
    assert credits.relays == ()


def test_document_credits_end_to_end():
    text = (
        "Attack repelled, ministry says\n\n"
        "SHUSHA, Region (Example Radio)—The ministry said the attack was repelled at dawn.\n\n"
        "It said there were no losses on its side.\n\n"
        "Source: Example Weekly\n"
        "Link: Attack repelled, ministry says\n"
    )
    doc = document_from_text(text, source="t.txt")
    assert doc.outlet == "Example Weekly"
    assert doc.relays == ("Example Radio",)
    assert doc.text.startswith("SHUSHA, Region (Example Radio)—")  # the dateline stays
    assert "Source:" not in doc.text and "Link:" not in doc.text


def test_given_outlet_overrides_source_line():
    text = "Some headline here\n\nThe body says something about the fighting.\n\nSource: Example Weekly"
    doc = document_from_text(text, source="t.txt", outlet="Mirror Site")
    assert doc.outlet == "Mirror Site"
    assert doc.relays == ("Example Weekly",)


def test_contributor_is_a_relay():
    from rashomon.ingest.credits import read_credits

    credits = read_credits("Body.", ["Example Agency contributed to this report."], outlet="Example Times")
    assert credits.outlet == "Example Times" and credits.relays == ("Example Agency",)
