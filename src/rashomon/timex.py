"""Time expressions: found in text and normalised to day intervals.

Each expression is read against a reference time: the live-blog update's time,
else the document's publication date. Rules cover what news of fighting says
and dateparser misses ("overnight", "at midnight", "early morning", "the night
of 24-25 February", weekdays, "last night"); other spaCy DATE spans go to
dateparser with the reference as ``RELATIVE_BASE`` and past dates preferred.

Precision follows ACLED's ``time_precision``: 1 a day (a night counts as one),
2 a week or a few days, 3 a month or longer.
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass

from rashomon.model import Span, TimeInterval

logger = logging.getLogger(__name__)

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}

_MONTH_RE = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY_RE = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_DAY2_RE = r"(?:\s*[-–/]\s*(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?)?"
_YEAR_RE = r"(?:,?\s+(?P<year>(?:19|20)\d\d))?"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("dm", re.compile(rf"\b(?:the\s+night\s+of\s+)?{_DAY_RE}{_DAY2_RE}\s+(?:of\s+)?{_MONTH_RE}{_YEAR_RE}\b", re.I)),
    ("md", re.compile(rf"\b(?:the\s+night\s+of\s+)?{_MONTH_RE}\s+{_DAY_RE}{_DAY2_RE}(?!\d){_YEAR_RE}\b", re.I)),
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")),
    ("my", re.compile(rf"\b(?:in\s+|since\s+)?{_MONTH_RE}\s+(?P<year>(?:19|20)\d\d)\b", re.I)),
    ("y", re.compile(r"\b(?:in|since|of|during|by|the)\s+(?P<year>(?:19|20)\d\d)(?:s)?\b(?![-–/]\d)", re.I)),
    ("night", re.compile(r"\b(?:last\s+night|overnight|(?:during|in)\s+the\s+night|tonight|that\s+night|"
                         r"the\s+previous\s+night|night-time)\b", re.I)),
    ("today", re.compile(r"\b(?:today|this\s+(?:morning|afternoon|evening)|(?:in\s+the\s+)?early\s+(?:hours|morning)"
                         r"|(?:at\s+)?(?:around\s+)?midnight|earlier\s+today|at\s+dawn|(?:at\s+)?(?:\d{1,2}(?::\d\d)?\s*"
                         r"(?:am|pm|a\.m\.|p\.m\.)))\b", re.I)),
    ("yesterday", re.compile(r"\byesterday\b", re.I)),
    ("ago", re.compile(r"\b(?P<n>\w+)\s+days?\s+ago\b", re.I)),
    ("weekday", re.compile(r"\b(?:(?P<rel>last|this|on|early|late)\s+)?(?P<weekday>monday|tuesday|wednesday|thursday|"
                           r"friday|saturday|sunday)(?:'s|’s)?\b", re.I)),
    ("week", re.compile(r"\b(?P<rel>last|this|past|previous)\s+week\b", re.I)),
]

_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "a": 1, "few": 3}


@dataclass(frozen=True)
class Reference:
    """What relative expressions are read against."""

    time: dt.datetime
    uncertain: bool = False  # the reference date was itself only a lower bound


def _month_day(m: re.Match[str], ref: Reference) -> TimeInterval | None:
    month = m.group("month")
    mon = MONTHS.get(month.lower().rstrip(".")) if not month.isdigit() else int(month)
    if not mon:
        return None
    day = int(m.group("day"))
    day2 = int(m.group("day2")) if "day2" in m.groupdict() and m.group("day2") else None
    year = int(m.group("year")) if m.group("year") else None
    uncertain = False
    if year is None:
        year = ref.time.year
        uncertain = ref.uncertain and False  # a day-month is pinned by the document's year
        try:
            if dt.date(year, mon, day) > ref.time.date() + dt.timedelta(days=7):
                year -= 1  # news reports the past: "December 30" read in January
        except ValueError:
            return None
    try:
        start = dt.date(year, mon, day)
        end = dt.date(year, mon, day2) if day2 and day2 > day else start
    except ValueError:
        return None
    return TimeInterval(start=start, end=end, precision=1, uncertain=uncertain, text=m.group(0))


def normalize(kind: str, m: re.Match[str], ref: Reference | None) -> TimeInterval | None:
    """One matched expression as an interval, or None when it cannot be placed."""
    text = m.group(0)
    if kind in ("dm", "md", "iso"):
        if ref is None and not m.group("year"):
            return None
        return _month_day(m, ref or Reference(dt.datetime(int(m.group("year")), 1, 1)))
    if kind == "my":
        mon = MONTHS[m.group("month").lower().rstrip(".")]
        year = int(m.group("year"))
        last = calendar.monthrange(year, mon)[1]
        return TimeInterval(start=dt.date(year, mon, 1), end=dt.date(year, mon, last), precision=3, text=text)
    if kind == "y":
        year = int(m.group("year"))
        return TimeInterval(start=dt.date(year, 1, 1), end=dt.date(year, 12, 31), precision=3, text=text)
    if ref is None:
        return None
    day = ref.time.date()
    if kind == "night":
        # a night report read in the morning or later: the night that ended that day
        return TimeInterval(start=day - dt.timedelta(days=1), end=day, precision=1, uncertain=ref.uncertain, text=text)
    if kind == "today":
        return TimeInterval(start=day, end=day, precision=1, uncertain=ref.uncertain, text=text)
    if kind == "yesterday":
        d = day - dt.timedelta(days=1)
        return TimeInterval(start=d, end=d, precision=1, uncertain=ref.uncertain, text=text)
    if kind == "ago":
        n = m.group("n").lower()
        k = int(n) if n.isdigit() else _NUMBERS.get(n)
        if k is None:
            return None
        d = day - dt.timedelta(days=k)
        return TimeInterval(start=d, end=d, precision=1, uncertain=ref.uncertain, text=text)
    if kind == "weekday":
        wd = WEEKDAYS[m.group("weekday").lower()]
        back = (day.weekday() - wd) % 7
        if (m.group("rel") or "").lower() == "last" and back == 0:
            back = 7
        d = day - dt.timedelta(days=back)
        return TimeInterval(start=d, end=d, precision=1, uncertain=ref.uncertain, text=text)
    if kind == "week":
        rel = m.group("rel").lower()
        monday = day - dt.timedelta(days=day.weekday())
        if rel in ("last", "previous"):
            monday -= dt.timedelta(days=7)
        if rel == "past":
            return TimeInterval(start=day - dt.timedelta(days=7), end=day, precision=2, uncertain=ref.uncertain, text=text)
        return TimeInterval(start=monday, end=monday + dt.timedelta(days=6), precision=2, uncertain=ref.uncertain, text=text)
    return None


def find_times(text: str, ref: Reference | None, *, offset: int = 0) -> list[TimeInterval]:
    """Time expressions in ``text`` (a sentence), normalised against ``ref``.

    Args:
        text: the text to search.
        ref: the reference time, None when unknown (then only absolute dates).
        offset: added to match offsets, so spans point into the document text.

    Returns:
        Non-overlapping intervals, each with its span, in text order.
    """
    found: list[tuple[int, int, TimeInterval]] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            if kind == "weekday" and (m.group("rel") or "").lower() in ("early", "late"):
                pass
            interval = normalize(kind, m, ref)
            if interval is None:
                continue
            span = Span(start=offset + m.start(), end=offset + m.end(), text=m.group(0))
            found.append((m.start(), m.end(), interval.model_copy(update={"span": span})))
            taken.append((m.start(), m.end()))
    found.sort(key=lambda x: x[0])
    return [t for _, _, t in found]


def merge_day(intervals: Iterable[TimeInterval]) -> TimeInterval | None:
    """The most specific interval consistent with all given ones (their intersection), else the first."""
    items = list(intervals)
    if not items:
        return None
    dated = [i for i in items if i.precision == 1] or items
    start = max(i.start for i in dated)
    end = min(i.end for i in dated)
    if start <= end:
        return TimeInterval(start=start, end=end, precision=max(1, min(i.precision for i in dated)),
                            uncertain=all(i.uncertain for i in dated), text=dated[0].text)
    return dated[0]
