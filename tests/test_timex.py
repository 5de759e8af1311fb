import datetime as dt

import pytest

from rashomon.timex import Reference, clause_tense, find_times, merge_day

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


# --------------------------------------------------------------------------- clause tense
# Reference: Saturday 25 February 2017 (REF).


def _value(text: str, ref: Reference = REF) -> str:
    times = find_times(text, ref)
    assert times, text
    return times[0].value


@pytest.mark.parametrize(
    "text, value",
    [
        ("The envoy will arrive in Tarnova on Tuesday.", "2017-02-28"),
        ("Talks are expected to resume Monday.", "2017-02-27"),
        ("The convoy could leave as soon as Wednesday.", "2017-03-01"),
        ("The mayor said on Tuesday that the road was open.", "2017-02-21"),
        ("Militia fighters seized the bridge on Thursday.", "2017-02-23"),
        ("Residents will mourn Thursday's dead.", "2017-02-23"),  # an event already reported
        ("The monument stands next to the mosque Friday visitors pray in.", "2017-02-24"),
    ],
)
def test_weekday_follows_clause_tense(text, value):
    assert _value(text) == value


@pytest.mark.parametrize(
    "text, tense",
    [
        ("The brigade will withdraw on Monday.", "future"),
        ("The brigade withdrew on Monday.", "past"),
        ("The brigade was ordered out on Monday.", "past"),
        ("On Monday the brigade plans to withdraw.", "future"),
        ("Officials said the brigade would withdraw on Monday.", "future"),
        ("The brigade is in Velmar on Monday.", None),
        ("The hearing will be held on Monday.", "future"),  # "held" after "be" is no past
        ("The envoy is scheduled to arrive Monday.", "future"),
        ("The envoy will succeed the general on Monday.", "future"),  # "succeed" is no "-ed" past
        ("The convoy may cross as early as Monday, the governor said.", "future"),
        ("Protesters planned a march on Monday.", "future"),
        ("The strike went ahead as previously planned on Monday.", "past"),
    ],
)
def test_clause_tense(text, tense):
    start = text.index("Monday")
    assert clause_tense(text, start, start + len("Monday")) == tense


@pytest.mark.parametrize(
    "text, value",
    [
        ("The dividend will be payable Jan. 5 to holders.", "2018-01-05"),  # future: next January
        ("Ceasefire monitors return in December, the mission said it will confirm.", "2017-12"),
        ("The council will decide by January.", "2018-01"),
        ("The mission was extended until January.", "2018-01"),  # a deadline looks ahead
        ("Attacks through January were fewer than feared.", "2017-01"),  # "through" in a past clause
        ("The truce collapsed in December.", "2016-12"),
        ("Fighting resumed last January.", "2017-01"),  # the latest January before the reference
        ("Shelling stopped last March.", "2016-03"),
        ("Elections are due next March.", "2017-03"),
        ("Elections are due next January.", "2018-01"),
    ],
)
def test_year_less_dates_and_months_follow_tense(text, value):
    assert _value(text) == value


def test_decade_value_is_three_digits():
    assert _value("a war in the late 1970s") == "197"


def test_last_night_value_is_the_evening_before():
    t = find_times("Rockets fell last night.", REF)[0]
    assert (t.start, t.end, t.value) == (dt.date(2017, 2, 24), dt.date(2017, 2, 25), "2017-02-24")


# --------------------------------------------------------------------------- quarters
def test_year_earlier_takes_the_quarter_named_before():
    text = "Kestrel Mills said third-quarter profit rose to $5 million from $4 million a year earlier."
    values = [t.value for t in find_times(text, REF)]
    assert values == ["2016-Q3", "2015-Q3"]  # in February the third quarter is last year's


def test_year_earlier_without_a_quarter_stays_a_year():
    assert _value("Wages were higher than a year earlier.") == "2016"


@pytest.mark.parametrize(
    "text, value",
    [
        ("In the year-earlier third quarter, Kestrel Mills lost money.", "2016-Q3"),
        ("In the 2015 second quarter, Kestrel Mills lost money.", "2015-Q2"),
        ("In last year's fourth quarter, Kestrel Mills lost money.", "2016-Q4"),
    ],
)
def test_quarter_forms(text, value):
    assert _value(text) == value


def test_year_ago_quarter_follows_the_named_quarter():
    text = ("Kestrel Mills posted a fourth-quarter loss. Sales fell 3%. "
            "In the year-ago quarter, the company earned $1 million.")
    assert [t.value for t in find_times(text, REF)] == ["2016-Q4", "2015-Q4"]


# --------------------------------------------------------------------------- more TIMEX3 forms
@pytest.mark.parametrize(
    "text, value",
    [
        ("The offensive began in June last year.", "2016-06"),
        ("Talks opened in January this year.", "2017-01"),
        ("Profit fell in the second half of 2015.", "2015-H2"),
        ("Losses narrowed in the first half of last year.", "2016-H1"),
        ("The mission ended on Wednesday, February 22.", "2017-02-22"),
        ("Rebels regrouped over the weekend.", "2017-W08-WE"),  # written on Saturday: this one
        ("Both sides paused this past summer.", "2016-SU"),
        ("The dam was built nearly four years ago.", "2013"),
        ("The militia was founded 41 years ago.", "1976"),
        ("The envoy visited six weeks ago.", "2017-W02"),
        ("A 1994 treaty set the border.", "1994"),
        ("The general's 2009 campaign failed.", "2009"),
        ("Raids have grown in recent years.", "PAST_REF"),
        ("Aid will be cut in coming months.", "FUTURE_REF"),
        ("Prices may rise in the near term.", "FUTURE_REF"),
        ("Raids fell in the first months of the year.", "2017"),
        ("The army hopes to retake the valley by the end of the year.", "2017"),
    ],
)
def test_more_timex3_forms(text, value):
    times = find_times(text, REF)
    assert len(times) == 1, times
    assert times[0].value == value


def test_weekend_ahead_in_a_future_clause():
    ref = Reference(dt.datetime(2017, 2, 22, 9, 0))  # a Wednesday
    assert _value("Monitors will return over the weekend.", ref) == "2017-W08-WE"
    assert _value("Monitors returned over the weekend.", ref) == "2017-W07-WE"


def test_quarter_century_is_no_quarter():
    assert find_times("Unemployment is near its quarter-century low.", REF) == []


def test_a_few_years_ago_stays_unvalued():
    assert find_times("The road was paved a few years ago.", REF) == []


def test_the_year_before_is_no_current_year():
    assert all(t.value != "2017" for t in find_times("The valley fell the year before.", REF))


# --------------------------------------------------------------------------- holidays
@pytest.mark.parametrize(
    "text, value",
    [
        ("The ceasefire was signed on Christmas Eve.", "2016-12-24"),
        ("Both sides agreed a truce over Easter.", "2016-03-27"),
        ("The prisoners will be freed before Christmas.", "2017-12-25"),
        ("The town was shelled on Thanksgiving Day.", "2016-11-24"),
        ("Voters fled before Election Day.", "2016-11-08"),
    ],
)
def test_holidays(text, value):
    assert _value(text) == value


def test_easter_week_is_its_week():
    ref = Reference(dt.datetime(2017, 4, 12, 9, 0))  # Easter 2017 was 16 April
    assert _value("Pilgrims gathered as Easter week began.", ref) == "2017-W15"


def test_month_words_that_are_no_months():
    assert find_times("Jan Novak, the envoy, left.", REF) == []
    assert find_times("They joined this march in the capital.", REF) == []
    assert _value("The talks ended in Jan. after a week.") == "2017-01"


def test_year_period_takes_the_quarter_named_before():
    text = "Kestrel Mills said third-quarter sales rose. In the 2016 period, costs were lower."
    assert [t.value for t in find_times(text, REF)] == ["2016-Q3", "2016-Q3"]


def test_a_quarter_brought_in_with_a_is_no_anchor():
    text = ("Kestrel Mills posted a third-quarter gain after a flat second quarter. "
            "Sales were higher than a year ago.")
    assert [t.value for t in find_times(text, REF)][-1] == "2015-Q3"


def test_relative_decade():
    assert _value("Prices rose over the last decade.") == "200"


def test_a_plan_of_the_past_is_past():
    text = "The deadline had been due to expire on Friday."
    start = text.index("Friday")
    assert clause_tense(text, start, start + 6) == "past"


def test_time_of_day_joins_its_day():
    text = "The ultimatum expires at noon Tuesday, officials said."
    times = find_times(text, Reference(dt.datetime(2017, 2, 20, 9, 0)))  # a Monday
    assert len(times) == 1
    assert times[0].span.text == "at noon Tuesday"


def test_time_of_day_alone_is_the_reference_day():
    assert _value("By mid-afternoon the shelling had stopped.") == "2017-02-25"


def test_older_year_after_in():
    assert _value("The fort was built in 1848.") == "1848"
    assert find_times("The unit lost 1848 rifles.", REF) == []


def test_spoken_years():
    assert _value("The plant at Velmora closed in nineteen eighty-seven.") == "1987"
    assert _value("Prices were that low in the winter of nineteen ninety-four.") == "1994-WI"
    assert _value("March nineteen ninety-six. A second blast hit Velmora.") == "1996-03"
    assert _value("He promised full employment by the year two thousand.") == "2000"
    assert find_times("Her family kept the craft for nineteen hundred years.", REF) == []
    assert find_times("They sold two thousand tickets.", REF) == []


def test_vague_past_and_future_phrases():
    assert _value("Officials in Tarnow have denied such claims in the past.") == "PAST_REF"
    assert all(t.value != "PAST_REF" for t in find_times("Raids rose in the past four months.", REF))
    assert _value("Kestrel Mills may sell the unit in the near future.") == "FUTURE_REF"


def test_months_and_decades_ago():
    assert _value("The council met five months ago.") == "2016-09"
    assert _value("A decade ago the valley was quiet.") == "2007"
    assert _value("Kestrel Mills forecast a gain for the full year.") == "2017"


def test_now_as_a_discourse_marker():
    assert find_times("The talks failed. Now, Tarnow says it will wait.", REF) == []
    assert _value("The town is now quiet.") == "PRESENT_REF"
    assert _value("Now the town is quiet.") == "PRESENT_REF"


def test_anaphora_take_the_earlier_date():
    assert [t.value for t in find_times("She left Tarnow in June 2009 and came back later that year.", REF)] \
        == ["2009-06", "2009"]
    assert find_times("He was promoted on May 2, 2005, and the following year he retired.", REF)[-1].value \
        == "2006"
    assert find_times("The court met on March 3, 2011. The next morning the judge resigned.", REF)[-1].value \
        == "2011-03-04"
    assert _value("Later that day the convoy moved.") == "2017-02-25"


def test_a_programme_title_is_no_time():
    assert find_times('The minister said on the "This Week" programme that talks would go on.', REF) == []
    assert find_times("He told Velmora Today that talks would go on.", REF) == []
    assert _value("Today the talks resumed.") == "2017-02-25"


def test_a_weekday_deadline_looks_ahead():
    ref = Reference(dt.datetime(2017, 2, 20, 9, 0))  # a Monday
    assert _value("Officials postponed the vote until Tuesday.", ref) == "2017-02-21"
    assert _value("The army gave the rebels until 9 a.m. Thursday to leave.", ref) == "2017-02-23"
    assert _value("Officials postponed the vote on Tuesday.", ref) == "2017-02-14"
    assert _value("Until Tuesday, the army had not named a suspect.", ref) == "2017-02-14"


@pytest.mark.parametrize("text", [
    "The cell was planning more raids after the 14 February bombing in Velmora.",
    "Rebels vowed they will avenge the February 14 attack on their camp.",
    "Officials will review last year's February 14 shelling next week.",
])
def test_a_date_that_names_a_known_event_is_not_moved_into_the_future(text):
    times = [t for t in find_times(text, REF) if t.start.month == 2]
    assert times and times[0].start <= dt.date(2017, 2, 14)  # this February or an earlier one, never 2018


def test_a_plain_future_date_still_looks_ahead():
    times = find_times("The talks will resume on 14 February in Geneva.", REF)
    assert times[0].start == dt.date(2018, 2, 14)


@pytest.mark.parametrize("text", [
    "On 3 March 2021 rebels shelled Velmora; by May 2022 the town was quiet. The 1990s were worse.",
    "Nineteen ninety-seven was the year. In the winter of nineteen eighty-five it snowed.",
    "Last week, on Tuesday, yesterday, now and recently: no absolute date here at all.",
    "Fighting in 2019-04-05 and 4/5/2019 and fiscal 2018 and the first half of 2017 and in 1848.",
])
def test_no_reference_shortcut_gives_what_every_pattern_gives(text, monkeypatch):
    """Without a reference only the kinds normalize can place are tried; the result is unchanged."""
    import rashomon.timex as timex

    fast = find_times(text, None, offset=7)
    monkeypatch.setattr(timex, "_ABSOLUTE_KINDS", frozenset(kind for kind, _ in timex._PATTERNS))
    every = timex.find_times(text + "0", None, offset=7)  # a digit: no kind is skipped for want of one
    assert [(t.span, t.value) for t in fast] == [(t.span, t.value) for t in every]
