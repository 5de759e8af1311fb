"""Publication dates inferred from the text, and settled across a batch."""

from __future__ import annotations

import datetime as dt

import pytest

from rashomon.ingest import document_from_text, ingest, resolve_batch_dates
from rashomon.ingest.dating import infer_date
from rashomon.model import DateBasis

TODAY = dt.date(2026, 11, 22)
D = dt.date


@pytest.mark.parametrize(
    "text, published, basis",
    [
        ("Clashes broke out on 25 February 2017 near the village.", D(2017, 2, 25), DateBasis.LOWER_BOUND),
        ("Clashes broke out on February 25, 2017 and again on Feb. 27, 2017.", D(2017, 2, 27), DateBasis.LOWER_BOUND),
        ("The report dated 2017-02-25 lists the losses.", D(2017, 2, 25), DateBasis.PINNED),
        ("25 February 2017\n\nClashes broke out near the village.", D(2017, 2, 25), DateBasis.PINNED),
        ("MOSCOW, April 8, 2017 (Reuters) - Talks began.", D(2017, 4, 8), DateBasis.PINNED),
        ("Published: 3 March 2020. The ministry said on 1 March 2020 that it fired.", D(2020, 3, 3), DateBasis.PINNED),
        # a future date does not count: "will ... on"
        ("Fighting on 2 May 2019. Talks will be held on 9 May 2019.", D(2019, 5, 2), DateBasis.LOWER_BOUND),
        # a year-less date after a full one takes its year
        ("The truce of 1 June 2018 broke down. On June 3 shelling resumed.", D(2018, 6, 3), DateBasis.LOWER_BOUND),
        # nothing after today counts
        ("It happened on 1 January 2030.", None, DateBasis.NONE),
        ("No dates at all, only on Saturday.", None, DateBasis.NONE),
    ],
)
def test_full_dates(text, published, basis):
    info = infer_date(text, today=TODAY)
    assert info.published == published
    assert info.basis is basis


def _years(first: int, weekday: int, month: int, day: int, last: int = 2026) -> tuple[int, ...]:
    return tuple(y for y in range(first, last + 1) if D(y, month, day).weekday() == weekday)


SAT = 5


@pytest.mark.parametrize(
    "text, candidates",
    [
        ("Both sides reported clashes on Saturday (25 February).", _years(1990, SAT, 2, 25)),
        ("Both sides reported clashes on Saturday, 25 February.", _years(1990, SAT, 2, 25)),
        ("Both sides reported clashes on Saturday, February 25, near the line.", _years(1990, SAT, 2, 25)),
        ("On Saturday the army said fighting started early on February 25.", _years(1990, SAT, 2, 25)),
        ("MOSCOW, February 25 (Reuters) - The ministry said on Saturday that it repelled an attack.",
         _years(1990, SAT, 2, 25)),
        ("Fighting broke out on February 25. Saturday's attack was repelled.", _years(1990, SAT, 2, 25)),
        # two different days: "Saturday's" cannot be paired
        ("Fighting broke out on February 25. Saturday's attack was repelled. Talks on February 26.",
         tuple(range(1990, 2027))),
        # past years bound from below
        ("As in the April 2016 offensive, clashes came on Saturday (25 February).", _years(2016, SAT, 2, 25)),
        ("The ceasefire of 1994-1995 held until February 25.", tuple(range(1995, 2027))),
        # a weekday in another sentence does not pair
        ("Clashes on February 25 were reported. On Monday the talks resumed.", tuple(range(1990, 2027))),
        # "the 25th" of an anniversary is no day of the month
        ("Clashes on Saturday (25 February) came as Sunday the 25th anniversary neared.", _years(1990, SAT, 2, 25)),
    ],
)
def test_weekday_pairs_give_candidate_years(text, candidates):
    info = infer_date(text, today=TODAY)
    assert info.year_candidates == candidates
    assert info.published == D(candidates[-1], 2, 25 if "26" not in text else 26)
    assert info.basis is (DateBasis.PINNED if len(candidates) == 1 else DateBasis.LOWER_BOUND)


@pytest.mark.parametrize(
    "text, year",
    [
        ("Clashes on Saturday (25 February), two days before the town remembers the 25th anniversary of its "
         "siege in 1992.", 2017),
        ("Clashes on Saturday (25 February) as the country marks the twenty-fifth anniversary of the 1992 siege.", 2017),
        ("Clashes on Saturday (25 February); it is 30 years since the 1987 accord.", 2017),
        ("Clashes on 25 February. The date marks 30 years since the ceasefire of 1994.", 2024),
    ],
)
def test_anniversaries_pin_the_year(text, year):
    info = infer_date(text, today=TODAY)
    assert info.year_candidates == (year,)
    assert info.basis is DateBasis.PINNED
    assert info.published == D(year, 2, 25)


def test_anniversary_that_contradicts_the_weekday_is_ignored():
    text = "Clashes on Saturday (25 February), on the 20th anniversary of the 1990 events."  # 2010: a Thursday
    assert infer_date(text, today=TODAY).year_candidates == _years(1990, SAT, 2, 25)


def test_anniversary_with_its_own_weekday_and_day_must_agree():
    ok = "On Sunday, 26 February, the country marks the 25th anniversary of the 1992 siege."
    wrong = "On Monday, 26 February, the country marks the 25th anniversary of the 1992 siege."
    assert infer_date(ok, today=TODAY).year_candidates == (2017,)
    assert 2017 not in infer_date(wrong, today=TODAY).year_candidates


def test_latest_non_future_day_month_is_the_date():
    text = "Shelling on February 25 (Saturday). Bodies were recovered on February 26. Talks will resume on March 3."
    info = infer_date(text, today=TODAY)
    assert (info.published.month, info.published.day) == (2, 26)


def test_dates_after_today_drop_the_current_year():
    info = infer_date("Shelling on 30 December near the border.", today=TODAY)
    assert info.year_candidates[-1] == 2025 and info.published == D(2025, 12, 30)


def test_29_february_admits_leap_years_only():
    info = infer_date("Shelling on 29 February near the border.", today=TODAY)
    assert all(y % 4 == 0 for y in info.year_candidates)


# --------------------------------------------------------------------------- batch

PINNED_TEXT = "Blog headline here\n\nClashes were reported on Saturday (25 February), the army said."
AMBIGUOUS_TEXT = "Another headline here\n\nThe attack of February 25 was repelled, officials said on February 26."


def test_batch_gives_the_pinned_year_to_an_ambiguous_document():
    pinned = document_from_text(PINNED_TEXT.replace("army", "army, marking the 25th anniversary of 1992, "), source="a")
    ambiguous = document_from_text(AMBIGUOUS_TEXT, source="b")
    assert pinned.published_basis is DateBasis.PINNED and pinned.published == D(2017, 2, 25)
    assert ambiguous.published_basis is DateBasis.LOWER_BOUND and len(ambiguous.year_candidates) > 1
    resolved = resolve_batch_dates([pinned, ambiguous])
    assert resolved[0] == pinned
    assert resolved[1].published == D(2017, 2, 26)
    assert resolved[1].published_basis is DateBasis.BATCH
    assert resolved[1].published_inferred


def test_batch_year_must_be_a_candidate():
    pinned = document_from_text("Some headline\n\nIt happened on 25 February 2017.", source="a", published=D(2017, 2, 25))
    ambiguous = document_from_text("Headline two\n\nThe attack of February 25 in the 2018 campaign.", source="b")
    resolved = resolve_batch_dates([pinned, ambiguous])
    assert resolved[1].published_basis is DateBasis.LOWER_BOUND
    assert resolved[1].published.year == ambiguous.year_candidates[-1]


def test_batch_refills_segment_times():
    blog = "Live headline\n\nUpdate 2 1200 CET\n\nFighting on February 25 continues.\n\nUpdate 1 0900 CET\n\nFirst news."
    pinned = document_from_text(PINNED_TEXT.replace("army", "army, marking the 25th anniversary of 1992, "), source="a")
    doc = document_from_text(blog, source="b")
    resolved = resolve_batch_dates([pinned, doc])[1]
    assert resolved.published_basis is DateBasis.BATCH
    assert resolved.segments[0].time == dt.datetime(2017, 2, 25, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    assert resolved.published_time == resolved.segments[0].time


def test_given_date_wins(tmp_path):
    (tmp_path / "a.txt").write_text(PINNED_TEXT)
    (tmp_path / "b.txt").write_text(AMBIGUOUS_TEXT)
    result = ingest([tmp_path], published=D(2020, 1, 2))
    assert {(d.published, d.published_basis, d.published_inferred) for d in result.documents} == {
        (D(2020, 1, 2), DateBasis.GIVEN, False)
    }


def test_ingest_resolves_the_batch(tmp_path):
    (tmp_path / "a.txt").write_text(PINNED_TEXT.replace("army", "army, marking the 25th anniversary of 1992, "))
    (tmp_path / "b.txt").write_text(AMBIGUOUS_TEXT)
    docs = ingest([tmp_path]).documents
    assert [(d.published, d.published_basis) for d in docs] == [
        (D(2017, 2, 25), DateBasis.PINNED),
        (D(2017, 2, 26), DateBasis.BATCH),
    ]
