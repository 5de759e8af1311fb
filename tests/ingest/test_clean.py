"""Cleaning rules for scraped news text, one table per rule."""

from __future__ import annotations

import pytest

from rashomon.ingest.clean import clean_text, is_credit_line
from rashomon.ingest.segments import is_marker

BODY = (
    "Officials in the northern province said artillery struck two villages overnight.\n\n"
    "The defence ministry denied that its units had opened fire and blamed the other side.\n\n"
    "Observers said they could not verify either account of the shelling."
)


def removed(raw: str, reason: str, **kwargs) -> list[str]:
    result = clean_text(raw, **kwargs)
    for r in result.removed:
        assert raw[r.start : r.end] == r.text
    return [r.text for r in result.removed if r.reason == reason]


@pytest.mark.parametrize(
    "line, reason",
    [
        ("Share this:", "share"),
        ("Share on Facebook", "share"),
        ("Tweet", "share"),
        ("Print", "share"),
        ("Email", "share"),
        ("Facebook | Twitter | WhatsApp", "share"),
        ("Click to share on Telegram (Opens in new window)", "share"),
        ("Read more", "navigation"),
        ("Read more »", "navigation"),
        ("Follow us on Telegram", "navigation"),
        ("Subscribe", "boilerplate"),
        ("Advertisement", "boilerplate"),
        ("Sign up for our daily newsletter", "boilerplate"),
    ],
)
def test_share_and_navigation_lines(line, reason):
    raw = f"{BODY.split(chr(10))[0]}\n\n{line}\n\n{BODY}"
    result = clean_text(raw, title="Known title")
    assert [r.text for r in result.removed if r.reason == reason] == [line]
    assert line not in result.text.split("\n")


@pytest.mark.parametrize(
    "line",
    [
        "A soldier in a trench near the front line (Photo: Ministry of Defence)",
        "Smoke rises over the town after the strike (AP Photo/Jane Roe)",
        "Photo: Press service of the regional administration",
        "Image: Reuters",
        "Residents inspect a damaged house. | Photo: Local TV",
        "Rescuers at the scene (Photo by John Smith)",
    ],
)
def test_captions(line):
    raw = f"{BODY}\n\n{line}\n\nThe talks are due to resume next week in a neutral capital."
    assert removed(raw, "caption", title="t") == [line]


@pytest.mark.parametrize(
    "line",
    [
        "He said the photo was taken before the ceasefire and had been edited since.",
        "The ministry published a video of the strike (see below).",
    ],
)
def test_sentences_are_not_captions(line):
    raw = f"{BODY}\n\n{line}"
    assert removed(raw, "caption", title="t") == []


def test_twice_pasted_caption_gives_one_duplicate():
    caption = "Troops on patrol near the contact line (Photo: Army press office)"
    raw = f"Headline of the report here\n\n{caption}\n\n{caption}\n\n{BODY}"
    result = clean_text(raw)
    reasons = [(r.reason, r.text) for r in result.removed]
    assert reasons.count(("duplicate", caption)) == 1
    assert reasons.count(("caption", caption)) == 1
    assert caption not in result.text


@pytest.mark.parametrize(
    "repeated, expected",
    [
        ("The ministry said the attack had been repelled with losses.", 1),  # long: removed
        ("No comment.", 0),  # short: may repeat legitimately
    ],
)
def test_repeated_lines(repeated, expected):
    raw = f"{BODY}\n\n{repeated}\n\nSomething else happened in between.\n\n{repeated}"
    dups = removed(raw, "duplicate", title="t")
    assert len(dups) == expected
    assert clean_text(raw, title="t").text.count(repeated) == 2 - expected


def test_body_line_repeating_the_title_is_a_duplicate():
    raw = f"Ceasefire broken near the border\n\n{BODY}\n\nCeasefire broken near the border"
    result = clean_text(raw)
    assert result.title == "Ceasefire broken near the border"
    assert [r.reason for r in result.removed] == ["title", "duplicate"]


MORE = (
    "Residents of the villages spent the night in basements, a local official told reporters.\n\n"
    "The mission of international monitors said it would send a patrol to the area on Friday."
)
SIDEBAR = (
    "Parliament passes budget after long debate\n"
    "Lawmakers approved the spending plan late on Thursday after a marathon session in the chamber.\n"
    "Storm cuts power to thousands\n"
    "Crews worked through the night to restore electricity to homes across the coastal region."
)


@pytest.mark.parametrize(
    "heading",
    ["Related articles", "Related", "Popular", "Most read", "Editor's choice", "Read also", "More from World",
     "Recommended", "You may also like", "Trending", "Latest news", "RELATED STORIES:"],
)
def test_sidebar_past_the_middle(heading):
    body = f"{BODY}\n\n{MORE}"
    raw = f"{body}\n\n{heading}\n\n{SIDEBAR}"
    result = clean_text(raw, title="t")
    (sidebar,) = [r for r in result.removed if r.reason == "sidebar"]
    assert sidebar.text.startswith(heading) and sidebar.text.endswith("coastal region.")
    assert result.text == body


def test_long_sidebar_after_a_credit_line():
    long_sidebar = "\n\n".join([SIDEBAR] * 6)  # far longer than the article
    raw = f"{BODY}\n\nSource: example.org\n\nRelated articles\n\n{long_sidebar}"
    result = clean_text(raw, title="t")
    assert result.text == BODY
    assert [r.reason for r in result.removed] == ["credit", "sidebar"]
    assert result.credits == ("Source: example.org",)


def test_long_sidebar_with_clustered_headings():
    long_sidebar = "\n\n".join([SIDEBAR] * 6)
    raw = f"{BODY}\n\nPopular\n\nEditor's choice\n{long_sidebar}"
    assert clean_text(raw, title="t").text == BODY


def test_section_heading_early_in_the_article_is_kept():
    raw = f"{BODY}\n\nRelated\n\n{MORE}\n\n{SIDEBAR}\n\n{BODY.replace('Officials', 'Reporters')}"
    result = clean_text(raw, title="t")
    assert not [r for r in result.removed if r.reason == "sidebar"]


@pytest.mark.parametrize(
    "credits",
    [
        ["Source: Example Agency"],
        ["source: example.com"],
        ["Source: Example Agency", "Link: Headline of the original story"],
        ["Via Example Agency"],
        ["(Reporting by Jane Roe; Editing by John Doe)"],
        ["© 2017 Example Media. All rights reserved."],
        ["Originally published by Example Weekly"],
    ],
)
def test_trailing_credit_lines(credits):
    raw = BODY + "\n\n" + "\n".join(credits) + "\n"
    result = clean_text(raw, title="t")
    assert result.text == BODY
    assert list(result.credits) == credits
    assert [r.reason for r in result.removed] == ["credit"] * len(credits)


def test_credit_line_in_the_middle_stays():
    raw = f"Source: the regional governor\n\n{BODY}"
    assert removed(raw, "credit", title="t") == []


@pytest.mark.parametrize(
    "line, is_credit",
    [("Source: X", True), ("Sources: A, B", True), ("Link: https://example.com/a", True), ("Via X", True),
     ("Copyright 2020 X", True), ("The source said it was over.", False)],
)
def test_is_credit_line(line, is_credit):
    assert is_credit_line(line) is is_credit


@pytest.mark.parametrize(
    "raw, title",
    [
        ("Artillery duel on the border\n\n" + BODY, "Artillery duel on the border"),
        ("# Artillery duel on the border\n\n" + BODY, "Artillery duel on the border"),
        ("Is the truce over? Both sides blame each other\n\n" + BODY, "Is the truce over? Both sides blame each other"),
        ("The ministry said the truce was over.\n\n" + BODY, None),  # a sentence, not a headline
        ("Artillery duel on the border\n" + BODY, None),  # no blank line after it: first line of a paragraph
        ("By Jane Roe\n\n" + BODY, None),  # a byline
        ("Share this:\n\n" + BODY, None),
        ("x " * 150 + "\n\n" + BODY, None),  # too long for a headline
    ],
)
def test_title_line(raw, title):
    result = clean_text(raw)
    assert result.title == title
    if title:
        assert title not in result.text


def test_given_title_removes_matching_first_line_only():
    raw = f"Artillery duel on the border\n\n{BODY}"
    assert clean_text(raw, title="Artillery  duel on the BORDER").text == BODY
    assert clean_text(raw, title="Another headline").text.startswith("Artillery duel")
    assert clean_text(raw, title="Artillery duel on the border | Example News").text == BODY
    assert clean_text(raw, title="Artillery duel on the border continues").text.startswith("Artillery duel")


def test_paragraphs_are_separated_by_one_blank_line_and_not_reflowed():
    raw = "Headline words here\n\n\n\n  First line of a paragraph\nsecond line of it  \n\n\n\nNext paragraph.\n"
    result = clean_text(raw)
    assert result.text == "First line of a paragraph\nsecond line of it\n\nNext paragraph."


def test_protected_marker_lines_survive():
    raw = f"{BODY}\n\nUpdate 2 14:30 GMT\n\n{BODY.replace('two', 'five')}\n\nUpdate 2 14:30 GMT\n\nMore."
    result = clean_text(raw, title="t", keep=is_marker)
    assert result.text.count("Update 2 14:30 GMT") == 2


def test_datelines_stay():
    raw = "KYIV (AP) — Shelling hit the city overnight, officials said.\n\nMore details came later."
    assert clean_text(raw, title="t").text.startswith("KYIV (AP) — ")


@pytest.mark.parametrize(
    "text, outlet",
    [
        ("MINISTRY OF DEFENCE OF THE REPUBLIC OF ARMENIA\nPress Service\n\nHeadline here\n\nBody text one.\n", "Ministry of Defence of the Republic of Armenia"),
        ("Ministry of External Affairs\nGovernment of India\n\nStatement\n\nBody text one.\n", "Ministry of External Affairs, Government of India"),
        ("THE DAILY LEDGER | World | Live\n\nA headline\n\nBody text one.\n", "The Daily Ledger"),
    ],
)
def test_masthead_names_the_issuer(text, outlet):
    from rashomon.ingest import document_from_text

    doc = document_from_text(text, source="t.txt")
    assert doc.outlet == outlet
    assert any(r.reason == "masthead" for r in doc.removed)
    assert "Press Service" not in doc.text


def test_headline_is_not_a_masthead():
    from rashomon.ingest import document_from_text

    doc = document_from_text("Attack repelled, ministry says\n\nThe ministry said so.\n", source="t.txt")
    assert doc.title == "Attack repelled, ministry says"
    assert not any(r.reason == "masthead" for r in doc.removed)


@pytest.mark.parametrize(
    "line, reason",
    [
        ("Read more: Ceasefire talks to resume in Geneva next week", "navigation"),
        ("RELATED: Drone strike hits fuel depot", "navigation"),
        ("Follow The Example Times Opinion section on Facebook, Twitter (@ExampleOpinion) and Instagram.",
         "boilerplate"),
        ("Email Jane Roe at jroe@example.com or follow her @janeroe.", "boilerplate"),
        ("Write to John Doe at john.doe@example.com", "boilerplate"),
        ("Have a tip? Jane Roe may be reached at jroe@example.com.", "boilerplate"),
        ("Get the latest updates right in your inbox. Subscribe to Example News newsletters.", "boilerplate"),
        ("Click here to subscribe to The Example Newsletter", "navigation"),
        ("CLICK HERE TO GET THE EXAMPLE NEWS APP", "navigation"),
        ("If you buy something through this post, Example may get a share of the sale.", "boilerplate"),
        ("This copy is for your personal, non-commercial use only.", "boilerplate"),
        ("Order Reprints", "share"),
        ("https://example.com/news/2019/11/19/story.html", "navigation"),
        ("Listen: https://po.example/abc", "navigation"),
        ("2019-11-19T08:57:40+01:00", "boilerplate"),
        ("Jane Roe's book about the war is out now. Follow her on Twitter @janeroe.", "boilerplate"),
        ("Follow Example Agency's full coverage of the conflict at https://example.org/conflict", "boilerplate"),
        ("If you enjoyed this article, we have a proposition for you: subscribe.", "boilerplate"),
        ("Text size", "navigation"),
        ("Post Comment (+)", "navigation"),
    ],
)
def test_promotion_and_contact_lines(line, reason):
    raw = f"{BODY}\n\n{line}\n\n{MORE}"
    result = clean_text(raw, title="t")
    assert [(r.reason, r.text) for r in result.removed] == [(reason, line)]


@pytest.mark.parametrize(
    "line",
    [
        "The ministry said on Twitter that its forces would follow the ceasefire on the whole front.",
        "Protesters were told to sign up for the march at the union office, organisers said.",
        "Read the full statement below, the spokesman told reporters on Monday.",
        "Follow-up talks on the prisoner exchange are due next week, the mediators said.",
        "The governor can be reached only through his office, residents complained.",
    ],
)
def test_article_sentences_are_not_promotions(line):
    raw = f"{BODY}\n\n{line}\n\n{MORE}"
    assert clean_text(raw, title="t").removed == ()


LATER = (
    "Engineers began repairing the damaged power line in the afternoon, the utility company said.\n\n"
    "Schools in both villages will stay closed until Monday, the regional education office announced."
)
TEASERS = (
    "Ceasefire talks to resume in Geneva next week\n"
    "Drone strike hits fuel depot near the capital [VIDEO]\n"
    "Opinion: why the truce keeps failing"
)


@pytest.mark.parametrize("heading", ["DON'T MISS", "Read more", "Related stories", "Most read in world news"])
def test_teaser_box_inside_the_article(heading):
    raw = f"{BODY}\n\n{heading}\n\n{TEASERS}\n\n{MORE}\n\n{LATER}"
    result = clean_text(raw, title="t")
    (box,) = result.removed
    assert box.reason == "sidebar" and box.text.startswith(heading) and box.text.endswith("truce keeps failing")
    assert result.text == f"{BODY}\n\n{MORE}\n\n{LATER}"


def test_emptied_teaser_heading_past_the_middle_goes_alone():
    raw = (f"{BODY}\n\n{MORE}\n\nMost read in world news\n\n{LATER}\n\n"
           "Talks between the two sides are expected to resume after the holiday, diplomats said.")
    result = clean_text(raw, title="t")
    assert [(r.reason, r.text) for r in result.removed] == [("sidebar", "Most read in world news")]


def test_title_with_a_section_prefix_is_the_title():
    raw = f"Is the truce over? Both sides blame each other\n\n{BODY}"
    assert clean_text(raw, title="Opinion | Is the truce over? Both sides blame each other").text == BODY


def test_structured_text_keeps_repeated_lines_unless_adjacent_or_the_title():
    meal = "Two eggs, a cup of asparagus and a slice of toast"
    last = MORE.split("\n\n")[1]
    raw = (f"Plan A\n\n{meal}\n\n{BODY}\n\nPlan B\n\n{meal}\n\n{MORE}\n\n{last}\n\n"
           "Ceasefire broken near the border")
    kept = clean_text(raw, title="Ceasefire broken near the border", structured=True)
    assert kept.text.count(meal) == 2
    assert [r.text for r in kept.removed if r.reason == "duplicate"] == [
        last, "Ceasefire broken near the border"]
    assert clean_text(raw, title="Ceasefire broken near the border").text.count(meal) == 1


def test_contributed_to_this_report_is_a_trailing_credit():
    raw = f"{BODY}\n\nThe Example Agency contributed to this report."
    result = clean_text(raw, title="t")
    assert result.credits == ("The Example Agency contributed to this report.",)
