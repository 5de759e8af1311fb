import datetime as dt

import pytest

from rashomon.timex import Reference, find_times, merge_day

REF = Reference(dt.datetime(2017, 2, 25, 9, 0))


@pytest.mark.parametrize(
    "text, start, end, precision",
    [
        ("The attack began on February 25 at dawn.", dt.date(2017, 2, 25), dt.date(2017, 2, 25), 1),
        ("Fighting raged overnight near the village.", dt.date(2017, 2, 24), dt.date(2017, 2, 25), 1),
        ("Troops tried to advance last night.", dt.date(2017, 2, 24), dt.date(2017, 2, 25), 1),
        ("On February 25 at midnight units attacked.", dt.date(2017, 2, 25), dt.date(2017, 2, 25), 1),
        ("They struck on the night of 24-25 February.", dt.date(2017, 2, 24), dt.date(2017, 2, 25), 1),
        ("The shelling started yesterday.", dt.date(2017, 2, 24), dt.date(2017, 2, 24), 1),
        ("He spoke on Thursday.", dt.date(2017, 2, 23), dt.date(2017, 2, 23), 1),
        ("the April 2016 offensive", dt.date(2016, 4, 1), dt.date(2016, 4, 30), 3),
        ("the massacre in 1992", dt.date(1992, 1, 1), dt.date(1992, 12, 31), 3),
        ("Two days ago a drone struck.", dt.date(2017, 2, 23), dt.date(2017, 2, 23), 1),
        ("a raid on 2017-02-20", dt.date(2017, 2, 20), dt.date(2017, 2, 20), 1),
    ],
)
def test_find_times(text, start, end, precision):
    times = find_times(text, REF)
    assert times, text
    t = times[0]
    assert (t.start, t.end, t.precision) == (start, end, precision)
    assert text[t.span.start:t.span.end] == t.span.text


def test_relative_time_is_uncertain_when_reference_is_a_guess():
    times = find_times("another attack last night", Reference(dt.datetime(2017, 2, 26, 12), uncertain=True))
    assert times[0].uncertain


def test_no_reference_keeps_only_absolute_dates():
    assert find_times("They attacked last night.", None) == []
    assert find_times("on 3 March 2020", None)[0].start == dt.date(2020, 3, 3)


def test_offsets_are_shifted():
    t = find_times("x overnight", REF, offset=100)[0]
    assert (t.span.start, t.span.end) == (102, 111)


def test_merge_day_intersects():
    a = find_times("overnight", REF)[0]
    b = find_times("on February 25", REF)[0]
    m = merge_day([a, b])
    assert (m.start, m.end) == (dt.date(2017, 2, 25), dt.date(2017, 2, 25))
