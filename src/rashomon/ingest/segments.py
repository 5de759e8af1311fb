"""Live blogs: the updates of a page, each with its own time.

Entry function: :func:`find_segments`; :func:`with_times` puts dates on the
segments once the document's date is known.

An update marker stands at the start of its own line, in the forms outlets use:
"Update 5 1800 CET", "UPDATE 2 - 09.15 CET", "Update 3: 14:30", "Updated at 14:05",
"Last updated 14:05 GMT", "10:42 GMT", "14:05 BST: Russia says ...", "2.15pm: ...".
A segment runs from its marker line to the next marker. Text before the first marker
is a "lead" segment; so is the text after a separator line ("....", "***", "---",
"…") in the oldest update of a newest-first blog: the original story left at the
bottom. ``order`` is 0 for the earliest written segment (the leads, then the updates
from the oldest). A text without markers has no segments.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

from rashomon.model import Segment

logger = logging.getLogger(__name__)

# --------------------------------------------------------------------------- thresholds

# A bare marker line ("Update 5 1800 CET", "Last updated 14:05 GMT, 25 February")
# is short; a longer line that merely starts like one is a sentence.
MAX_MARKER_CHARS = 60

# Time zones as outlets write them after update times. Ambiguous abbreviations are
# read as in the regions this tool is about (AMT = Armenia, not Amazon; IST = India;
# CST is left out: US Central and China Standard are both common).
ZONES: dict[str, dt.timedelta] = {
    "UTC": dt.timedelta(0),
    "GMT": dt.timedelta(0),
    "Z": dt.timedelta(0),
    "WET": dt.timedelta(0),
    "WEST": dt.timedelta(hours=1),
    "BST": dt.timedelta(hours=1),
    "CET": dt.timedelta(hours=1),
    "CEST": dt.timedelta(hours=2),
    "EET": dt.timedelta(hours=2),
    "EEST": dt.timedelta(hours=3),
    "MSK": dt.timedelta(hours=3),
    "TRT": dt.timedelta(hours=3),
    "IRST": dt.timedelta(hours=3, minutes=30),
    "AMT": dt.timedelta(hours=4),
    "AZT": dt.timedelta(hours=4),
    "GET": dt.timedelta(hours=4),
    "GST": dt.timedelta(hours=4),
    "PKT": dt.timedelta(hours=5),
    "IST": dt.timedelta(hours=5, minutes=30),
    "JST": dt.timedelta(hours=9),
    "KST": dt.timedelta(hours=9),
    "AEST": dt.timedelta(hours=10),
    "AEDT": dt.timedelta(hours=11),
    "EST": dt.timedelta(hours=-5),
    "EDT": dt.timedelta(hours=-4),
    "PST": dt.timedelta(hours=-8),
    "PDT": dt.timedelta(hours=-7),
}

# --------------------------------------------------------------------------- patterns

_ZONE = r"(?:(?:" + "|".join(sorted(ZONES, key=len, reverse=True)) + r")\b(?:\s*[+-]\d{1,2}(?::?\d{2})?)?)"
_SEP_TIME = r"(?:[01]?\d|2[0-3])[:.h][0-5]\d"  # 14:30, 09.15, 9h15
_AMPM_TIME = r"(?:1[0-2]|0?[1-9])(?:[:.][0-5]\d)?\s*[ap]\.?\s?m\b\.?"  # 2pm, 2.15 p.m.
_COMPACT_TIME = r"(?:[01]\d|2[0-3])[0-5]\d"  # 1800: only after "Update N" or before a zone
_ANY_TIME = rf"(?:{_AMPM_TIME}|{_SEP_TIME}|{_COMPACT_TIME})"

_UPDATE = re.compile(
    rf"""(?P<head>(?:live\s+)?update[ds]?
        (?:\s*(?:no\.?|\#)?\s*(?P<num>\d{{1,3}})(?!\d|[:.h]\d))?
        (?:\s*[-–—:,]?\s*(?:at\s+)?(?P<time>{_ANY_TIME})(?:\s*(?P<zone>{_ZONE}))?)?)
      \s*(?:[-–—:]\s*(?P<rest>\S.*))?""",
    re.IGNORECASE | re.VERBOSE,
)
_LAST_UPDATED = re.compile(r"(?P<head>last\s+updated?\b.*)", re.IGNORECASE)
_TIME_FIRST = re.compile(
    rf"""(?P<head>(?P<time>{_AMPM_TIME}|{_SEP_TIME}|{_COMPACT_TIME}(?=\s*{_ZONE}))(?:\s*(?P<zone>{_ZONE}))?)
      (?:\s*[-–—:|]\s*(?P<rest>\S.*))?""",
    re.IGNORECASE | re.VERBOSE,
)
_TIME_IN = re.compile(rf"(?P<time>{_AMPM_TIME}|{_SEP_TIME})(?:\s*(?P<zone>{_ZONE}))?", re.IGNORECASE)
_MERIDIEM = re.compile(r"([ap])\.?\s?m", re.IGNORECASE)
_SEPARATOR = re.compile(r"(?:[.…·•*_=~—–-]\s*){3,}|…")


@dataclass(frozen=True)
class Marker:
    """An update marker line: the marker as written and what it says."""

    heading: str
    start: int  # line start in the text
    end: int  # line end in the text
    number: int | None
    time: dt.time | None
    tz: dt.tzinfo | None


def find_segments(text: str) -> tuple[Segment, ...]:
    """Split a live blog into segments at its update markers.

    Args:
        text: the cleaned body (``Document.text``).

    Returns:
        The segments in text order, offsets into ``text``, no overlaps, ``time`` None
        (see :func:`with_times`); empty when the text has no marker.
    """
    markers = [m for m in (_marker_at(text, start, end) for start, end in _lines(text)) if m]
    if not markers:
        return ()
    newest_first = _newest_first(markers)
    parts: list[tuple[str, int, int, Marker | None]] = []
    lead_end = _rstrip_end(text, 0, markers[0].start)
    if lead_end > 0:
        parts.append(("lead", 0, lead_end, None))
    for i, marker in enumerate(markers):
        end = _rstrip_end(text, marker.start, markers[i + 1].start if i + 1 < len(markers) else len(text))
        parts.append((marker.heading, marker.start, end, marker))
    bottom = _bottom_lead(text, parts[-1]) if newest_first else None
    if bottom:
        heading, start, _, marker = parts[-1]
        parts[-1] = (heading, start, _rstrip_end(text, start, bottom[0]), marker)
        parts.append(("lead", bottom[0], bottom[1], None))

    # Written order: the leads (bottom one first: it is the original story), then the updates.
    leads = [i for i, p in enumerate(parts) if p[3] is None]
    updates = [i for i, p in enumerate(parts) if p[3] is not None]
    written = sorted(leads, key=lambda i: -parts[i][1]) + (updates[::-1] if newest_first else updates)
    order = {index: rank for rank, index in enumerate(written)}
    return tuple(
        Segment(heading=heading, start=start, end=end, order=order[i])
        for i, (heading, start, end, _) in enumerate(parts)
    )


def with_times(segments: Sequence[Segment], day: dt.date | None) -> tuple[Segment, ...]:
    """Give each update segment its marker's time on ``day``.

    The newest update is put on ``day`` (the document's date: the latest date it
    mentions, or its publication date); going back in written order, a marker time
    later than the one written after it means the previous day (the blog crossed
    midnight). Times are timezone-aware when the marker names a zone. Leads and
    markers without a time get None.
    """
    if day is None:
        return tuple(s.model_copy(update={"time": None}) for s in segments)
    timed = {}
    current = day
    later: dt.time | None = None
    for seg in sorted(segments, key=lambda s: -s.order):
        parsed = parse_marker(seg.heading) if seg.heading != "lead" else None
        if parsed is None or parsed.time is None:
            continue
        if later is not None and parsed.time > later:
            current -= dt.timedelta(days=1)
        later = parsed.time
        timed[seg.order] = dt.datetime.combine(current, parsed.time, tzinfo=parsed.tz)
    return tuple(s.model_copy(update={"time": timed.get(s.order)}) for s in segments)


def newest_time(segments: Sequence[Segment]) -> dt.datetime | None:
    """The time of the newest timed segment (the document's ``published_time``)."""
    timed = [s for s in segments if s.time is not None]
    return max(timed, key=lambda s: s.order).time if timed else None


def is_marker(line: str) -> bool:
    """True when ``line`` (one line) is an update marker."""
    return parse_marker(line) is not None


def parse_marker(line: str) -> Marker | None:
    """Read one line as an update marker, or None."""
    return _marker_at(line.strip(), 0, len(line.strip()))


# --------------------------------------------------------------------------- helpers


def _lines(text: str):
    start = 0
    for line in text.split("\n"):
        yield start, start + len(line)
        start += len(line) + 1


def _marker_at(text: str, start: int, end: int) -> Marker | None:
    line = text[start:end].strip()
    if not line:
        return None
    for pattern in (_UPDATE, _TIME_FIRST, _LAST_UPDATED):
        m = pattern.fullmatch(line)
        if not m:
            continue
        groups = m.groupdict()
        head = m.group("head").strip().rstrip(":-–—,").strip()
        rest = groups.get("rest")
        if rest is None and len(head) > MAX_MARKER_CHARS:
            continue
        if pattern is _TIME_FIRST and rest and not (groups.get("zone") or _MERIDIEM.search(groups["time"])):
            continue  # "14:05: text" without a zone or am/pm is too weak a marker
        time_text, zone_text = groups.get("time"), groups.get("zone")
        if pattern is _LAST_UPDATED:
            found = _TIME_IN.search(head)
            time_text, zone_text = (found.group("time"), found.group("zone")) if found else (None, None)
        number = groups.get("num")
        return Marker(
            heading=head,
            start=start,
            end=end,
            number=int(number) if number else None,
            time=_parse_time(time_text),
            tz=_parse_zone(zone_text),
        )
    return None


def _parse_time(value: str | None) -> dt.time | None:
    if not value:
        return None
    digits = re.findall(r"\d+", value)
    if len(digits) == 1 and len(digits[0]) == 4:
        hour, minute = int(digits[0][:2]), int(digits[0][2:])
    else:
        hour, minute = int(digits[0]), int(digits[1]) if len(digits) > 1 else 0
    meridiem = _MERIDIEM.search(value)
    if meridiem:
        hour = hour % 12 + (12 if meridiem.group(1).lower() == "p" else 0)
    return dt.time(hour, minute)


def _parse_zone(value: str | None) -> dt.tzinfo | None:
    if not value:
        return None
    m = re.match(r"([A-Za-z]+)\s*(?:([+-])(\d{1,2})(?::?(\d{2}))?)?", value.strip())
    if not m or m.group(1).upper() not in ZONES:
        return None
    offset = ZONES[m.group(1).upper()]
    if m.group(2):
        sign = 1 if m.group(2) == "+" else -1
        offset += sign * dt.timedelta(hours=int(m.group(3)), minutes=int(m.group(4) or 0))
    return dt.timezone(offset, m.group(0).upper().replace(" ", ""))


def _newest_first(markers: Sequence[Marker]) -> bool:
    """Whether the blog runs newest first: from update numbers, else from times."""
    numbers = [m.number for m in markers if m.number is not None]
    if len(numbers) >= 2 and numbers[0] != numbers[-1]:
        return numbers[0] > numbers[-1]
    times = [m.time for m in markers if m.time is not None]
    if len(times) >= 2:
        down = sum(1 for a, b in zip(times, times[1:]) if b < a)
        up = sum(1 for a, b in zip(times, times[1:]) if b > a)
        return down >= up
    return True  # the usual live-blog layout


def _bottom_lead(text: str, last: tuple[str, int, int, Marker | None]) -> tuple[int, int] | None:
    """(start, end) of the story under a separator line inside the oldest update."""
    _, start, end, marker = last
    if marker is None:
        return None
    for line_start, line_end in _lines(text[marker.end : end]):
        line = text[marker.end + line_start : marker.end + line_end].strip()
        if line and _SEPARATOR.fullmatch(line):
            lead_start = marker.end + line_start
            if text[marker.end + line_end : end].strip():
                return lead_start, end
    return None


def _rstrip_end(text: str, start: int, end: int) -> int:
    return start + len(text[start:end].rstrip())
