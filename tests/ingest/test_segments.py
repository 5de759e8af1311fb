"""Live-blog markers, segment order and segment times."""

from __future__ import annotations

import datetime as dt

import pytest

from rashomon.ingest.segments import find_segments, parse_marker, with_times

CET = dt.timezone(dt.timedelta(hours=1))


@pytest.mark.parametrize(
    "line, heading, time, offset_hours",
    [
        ("Update 5 1800 CET", "Update 5 1800 CET", dt.time(18, 0), 1),
        ("UPDATE 2 - 09.15 CET", "UPDATE 2 - 09.15 CET", dt.time(9, 15), 1),
        ("Update 3: 14:30", "Update 3: 14:30", dt.time(14, 30), None),
        ("10:42 GMT", "10:42 GMT", dt.time(10, 42), 0),
        ("14:05 BST: Ministry confirms the strike", "14:05 BST", dt.time(14, 5), 1),
        ("Updated at 14:05", "Updated at 14:05", dt.time(14, 5), None),
        ("Last updated 14:05 MSK", "Last updated 14:05 MSK", dt.time(14, 5), 3),
        ("2.15pm: Officials say the road is closed", "2.15pm", dt.time(14, 15), None),
        ("Update 4", "Update 4", None, None),
        ("09:30 AMT", "09:30 AMT", dt.time(9, 30), 4),
        ("16:00 IST", "16:00 IST", dt.time(16, 0), 5.5),
        ("11:20 UTC+3", "11:20 UTC+3", dt.time(11, 20), 3),
        ("UPDATE: the road is open again", "UPDATE", None, None),
    ],
)
def test_marker_forms(line, heading, time, offset_hours):
    marker = parse_marker(line)
    assert marker is not None
    assert marker.heading == heading
    assert marker.time == time
    if offset_hours is None:
        assert marker.tz is None
    else:
        assert marker.tz.utcoffset(None) == dt.timedelta(hours=offset_hours)


@pytest.mark.parametrize(
    "line",
    [
        "Updates on the situation were promised by the ministry.",
        "The update came at 14:05 from the ministry.",
        "14:05: no zone and text after it",
        "2017",
        "1800 people were evacuated",
        "Fighting resumed at 10:42 GMT, the ministry said.",
    ],
)
def test_not_markers(line):
    assert parse_marker(line) is None


BLOG = """Update 3 1630 CET

Third update text, the newest.

Update 2 - 12.00 CET

Second update text.

Update 1 - 09.00 CET

First update text.

....

The original story: both sides report clashes overnight."""


def test_newest_first_blog_with_bottom_lead():
    segments = find_segments(BLOG)
    assert [s.heading for s in segments] == ["Update 3 1630 CET", "Update 2 - 12.00 CET", "Update 1 - 09.00 CET", "lead"]
    assert [s.order for s in segments] == [3, 2, 1, 0]
    lead = segments[-1]
    assert BLOG[lead.start : lead.end].startswith("....")
    assert BLOG[lead.start : lead.end].endswith("clashes overnight.")
    assert BLOG[segments[0].start : segments[0].end] == "Update 3 1630 CET\n\nThird update text, the newest."
    assert all(a.end <= b.start for a, b in zip(segments, segments[1:]))


def test_chronological_blog_with_top_lead():
    text = "Intro paragraph of the blog.\n\n09:00 GMT\n\nFirst.\n\n10:30 GMT\n\nSecond.\n\n12:15 GMT\n\nThird."
    segments = find_segments(text)
    assert [s.heading for s in segments] == ["lead", "09:00 GMT", "10:30 GMT", "12:15 GMT"]
    assert [s.order for s in segments] == [0, 1, 2, 3]
    assert text[segments[0].start : segments[0].end] == "Intro paragraph of the blog."


def test_separator_in_the_newest_update_of_a_chronological_blog_is_no_lead():
    text = "09:00 GMT\n\nFirst.\n\n10:30 GMT\n\nSecond.\n\n***\n\nMore of the second."
    assert [s.heading for s in find_segments(text)] == ["09:00 GMT", "10:30 GMT"]


def test_single_last_updated_stamp():
    text = "Last updated 09:30 GMT\n\nThe article itself."
    segments = with_times(find_segments(text), dt.date(2020, 5, 1))
    assert [(s.heading, s.order) for s in segments] == [("Last updated 09:30 GMT", 0)]
    assert segments[0].time == dt.datetime(2020, 5, 1, 9, 30, tzinfo=dt.timezone.utc)


def test_no_markers_no_segments():
    assert find_segments("Just an article.\n\nWith two paragraphs at 14:05 GMT today.") == ()


def test_times_on_the_document_date():
    segments = with_times(find_segments(BLOG), dt.date(2017, 2, 25))
    assert [s.time for s in segments] == [
        dt.datetime(2017, 2, 25, 16, 30, tzinfo=CET),
        dt.datetime(2017, 2, 25, 12, 0, tzinfo=CET),
        dt.datetime(2017, 2, 25, 9, 0, tzinfo=CET),
        None,
    ]
    assert with_times(segments, None)[0].time is None


def test_times_cross_midnight_backwards_from_the_newest():
    text = "00:40 GMT\n\nAfter midnight.\n\n23:10 GMT\n\nBefore midnight.\n\n22:00 GMT\n\nEarlier."
    segments = with_times(find_segments(text), dt.date(2022, 3, 1))
    assert [s.time.date() for s in segments] == [dt.date(2022, 3, 1), dt.date(2022, 2, 28), dt.date(2022, 2, 28)]
