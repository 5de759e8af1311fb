"""Publication dates inferred from the text, and their resolution across a batch.

Entry functions: :func:`infer_date` (one text) and :func:`resolve_batch_dates`
(a batch of documents, called by :func:`rashomon.ingest.ingest` at the end).

Scraped text often carries no date line. What it does carry:

- full dates ("25 February 2017", "February 25, 2017", "2017-02-25"): the latest one
  not clearly in the future ("will ... on", "to mark on") is the date; PINNED when
  the text states it as today's (a date stamp opening the text, a dateline,
  "published"/"today"), else LOWER_BOUND (publication may be later);
- day-month mentions without a year ("February 25", "on 26 February"). The year is
  then narrowed down from ``[1990, today]``: years mentioned as past ("in 1992",
  "the April 2016 offensive") bound it from below; a weekday paired with a day-month
  admits only the years whose calendar agrees ("Saturday (25 February)", "Saturday,
  February 25", "on Saturday ... February 25" in one sentence, "Saturday's attack" in
  a text whose only date is February 25); an anniversary pins it ("the 25th
  anniversary of ... in 1992" -> 2017, "marks 30 years since ... 1994" -> 2024).
  One surviving year: PINNED; several: LOWER_BOUND with the most recent, until
  :func:`resolve_batch_dates` picks the one another document of the batch pins (BATCH).

The date is the latest non-future day-month mentioned, in the year found.
"""

from __future__ import annotations

import bisect
import datetime as dt
import logging
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from rashomon.ingest.segments import newest_time, with_times
from rashomon.model import DateBasis, Document

logger = logging.getLogger(__name__)

# --------------------------------------------------------------------------- thresholds

# Candidate years start here: the reports this tool reads are online news, which
# starts in the 1990s; older dates in such a text are history, not publication.
MIN_YEAR = 1990

# A future cue ("will", "to mark", "scheduled for") marks a date as future when it
# stands before the date in the same sentence within this many characters: close
# enough to govern it ("will be held on 3 March"), far enough from a later clause.
FUTURE_CUE_WINDOW = 80

# A "today" cue ("today", "published", "updated") within this many characters before
# a full date, or up to TODAY_AFTER after it ("25 February 2017 (today)").
TODAY_CUE_BEFORE = 40
TODAY_CUE_AFTER = 15

# A date opening one of the first two paragraphs (the title and the first body
# paragraph) as a stamp or dateline ("MOSCOW, April 8, 2017 (Reuters)") is the
# date of the report itself.
OPENING_PARAGRAPHS = 2

# An anniversary carries the weekday it falls on when the weekday stands at most this
# many characters before it ("on Sunday the 25th anniversary").
ANNIVERSARY_WEEKDAY_WINDOW = 30

# --------------------------------------------------------------------------- patterns

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("January", "Jan"), ("February", "Feb"), ("March", "Mar"), ("April", "Apr"), ("May",),
            ("June", "Jun"), ("July", "Jul"), ("August", "Aug"), ("September", "Sept", "Sep"),
            ("October", "Oct"), ("November", "Nov"), ("December", "Dec"),
        ),
        start=1,
    )
    for name in names
}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?P<wd>" + "|".join(WEEKDAYS) + r")"
_YEAR = r"(?P<year>(?:19|20)\d{2})(?!\d)"
_DAY_MONTH = re.compile(rf"(?<![\d.,])(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b(?:,?\s+{_YEAR})?")
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\d,.]\d)\b(?:,?\s+{_YEAR})?")
_ISO = re.compile(r"(?<![\d-])(?P<year>(?:19|20)\d{2})-(?P<month>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])(?![\d])")
_WEEKDAY_BEFORE = re.compile(rf"\b{_WEEKDAY}\s*[,(]?\s*(?:the\s+)?$")
_WEEKDAY_AFTER = re.compile(rf"^\s*[,(]\s*{_WEEKDAY}\b")
_WEEKDAY_ANY = re.compile(rf"\b{_WEEKDAY}\b(?P<poss>['’]s\b)?")
_YEAR_MENTION = re.compile(
    r"(?<![\d,.$£€#])(?P<year>(?:19|20)\d{2})(?!\d|[,.]\d|\s*(?:%|per\s?cent|[A-Z]{3}\b|hrs?\b|hours\b|h\b|GMT|UTC))"
)
_FUTURE_CUE = re.compile(
    r"\b(?:will|shall|is\s+to|are\s+to|is\s+due|are\s+due|scheduled|planned\s+for|plans?\s+to|"
    r"upcoming|to\s+mark|is\s+expected\s+to|are\s+expected\s+to|would\s+be\s+held|going\s+to)\b",
    re.IGNORECASE,
)
_TODAY_CUE = re.compile(
    r"\b(?:today|tonight|this\s+(?:morning|afternoon|evening)|published|posted|updated|dated)\b", re.IGNORECASE
)
_DATELINE_PREFIX = re.compile(r"^(?:[A-Z][A-Za-z.'’ -]*,\s*)?(?:" + "|".join(WEEKDAYS) + r")?,?\s*$")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“(]?[A-Z0-9])|\n+")
_LAST_WORD = re.compile(r"([\w.]+)\.[\"”’)]?$")
_ABBREVIATIONS = frozenset(
    {name for name in MONTHS if len(name) <= 4}
    | {"Mr", "Mrs", "Ms", "Dr", "St", "Gen", "Lt", "Col", "Maj", "Capt", "Sgt", "Gov", "Sen", "Rep", "Pres", "No",
       "U.S", "U.N", "U.K", "E.U", "vs", "approx", "Jr", "Sr", "Prof", "Rev", "Adm", "Cpl", "Pte"}
)

_UNITS = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_ORDINAL_UNITS = "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth".split()
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_ORDINAL_TENS = {"twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90}
# Possessive quantifiers: a word that is not followed by "anniversary" fails at once
# instead of being retried letter by letter (which made long texts slow).
_NUMBER_WORD = r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ])?[a-z]++"
_ANNIVERSARY = re.compile(rf"\b(?P<n>\d{{1,3}}(?:st|nd|rd|th)|{_NUMBER_WORD})\s+anniversary\b", re.IGNORECASE)
_YEARS_SINCE = re.compile(rf"\b(?P<n>\d{{1,3}}|{_NUMBER_WORD})\s+years?\s+(?:since|ago)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Mention:
    """A date mentioned in the text."""

    start: int
    end: int
    month: int
    day: int
    year: int | None
    future: bool
    today: bool


@dataclass(frozen=True)
class DateInfo:
    """What the text says about its publication date."""

    published: dt.date | None
    basis: DateBasis
    year_candidates: tuple[int, ...] = ()

    @property
    def inferred(self) -> bool:
        return self.basis in INFERRED


INFERRED = frozenset({DateBasis.PINNED, DateBasis.BATCH, DateBasis.LOWER_BOUND})


def infer_date(text: str, *, today: dt.date | None = None) -> DateInfo:
    """Infer the publication date of a news text from the dates it mentions.

    Args:
        text: the title and the cleaned body.
        today: the reference "now" (defaults to the current date); nothing later counts.

    Returns:
        A :class:`DateInfo`; basis NONE and no date when the text mentions no day and month.

    Notes:
        Does not read relative expressions ("yesterday", "last night") or
        time-of-day; a text that spans New Year with year-less dates may get the
        December date.
    """
    today = today or dt.date.today()
    sentences = _sentence_starts(text)
    mentions = _mentions(text, sentences, today)
    full = [m for m in mentions if m.year is not None and not m.future and _date(m, m.year) <= today]
    stamped = [_date(m, m.year) for m in full if m.today]
    if stamped:
        return DateInfo(max(stamped), DateBasis.PINNED, (max(stamped).year,))

    yearless = [m for m in mentions if m.year is None]
    candidates, strict = _candidate_years(text, sentences, mentions, yearless, today)
    if full:
        latest_full = max(_date(m, m.year) for m in full)
        year = latest_full.year
        if not strict or year in candidates:
            dates = [latest_full] + [d for m in yearless if not m.future and (d := _date(m, year)) and d <= today]
            return DateInfo(max(dates), DateBasis.LOWER_BOUND, (year,))
        logger.debug("full dates (%s) disagree with the weekdays of year-less dates", year)
    if not yearless:
        return DateInfo(None, DateBasis.NONE, candidates if strict else ())
    current = [m for m in yearless if not m.future] or yearless
    candidates = tuple(y for y in candidates if _latest(current, y, today) is not None)
    if not candidates:
        return DateInfo(None, DateBasis.NONE)
    published = _latest(current, candidates[-1], today)
    basis = DateBasis.PINNED if len(candidates) == 1 else DateBasis.LOWER_BOUND
    return DateInfo(published, basis, candidates)


def resolve_batch_dates(docs: Sequence[Document]) -> tuple[Document, ...]:
    """Settle ambiguous years with the years other documents of the batch pin.

    A document whose year is ambiguous (basis LOWER_BOUND with several candidates)
    takes the year pinned by another document (PINNED, GIVEN or METADATA) when it is
    among its candidates — basis BATCH; several such years: the most common, then
    the most recent. Otherwise it keeps its most recent candidate (LOWER_BOUND).
    Segment times are refilled for the date found.

    Args:
        docs: the documents of one batch.

    Returns:
        The documents in the same order, those resolved replaced by updated copies.
    """
    anchors = (DateBasis.PINNED, DateBasis.GIVEN, DateBasis.METADATA)
    pinned = [(i, d.published.year) for i, d in enumerate(docs) if d.published and d.published_basis in anchors]
    out = []
    for i, doc in enumerate(docs):
        ambiguous = doc.published_basis is DateBasis.LOWER_BOUND and len(doc.year_candidates) > 1 and doc.published
        years = Counter(y for j, y in pinned if j != i and y in doc.year_candidates) if ambiguous else Counter()
        if not years:
            out.append(doc)
            continue
        year = max(years, key=lambda y: (years[y], y))
        published = doc.published.replace(year=year)
        segments = with_times(doc.segments, published)
        logger.info("%s: year %d taken from the batch", doc.source, year)
        out.append(
            doc.model_copy(
                update={
                    "published": published,
                    "published_basis": DateBasis.BATCH,
                    "published_inferred": True,
                    "segments": segments,
                    "published_time": newest_time(segments) if segments else doc.published_time,
                }
            )
        )
    return tuple(out)


# --------------------------------------------------------------------------- mentions


def _mentions(text: str, sentences: list[int], today: dt.date) -> list[Mention]:
    found: list[tuple[int, int, int, int, int | None]] = []
    for pattern in (_ISO, _DAY_MONTH, _MONTH_DAY):
        for m in pattern.finditer(text):
            month = m.group("month")
            month = int(month) if month.isdigit() else MONTHS[month.rstrip(".")]
            year = int(m.group("year")) if m.group("year") else None
            found.append((m.start(), m.end(), month, int(m.group("day")), year))
    opening_end = 0
    for _ in range(OPENING_PARAGRAPHS):
        opening_end = text.find("\n\n", opening_end + 1)
        if opening_end < 0:
            opening_end = len(text)
            break
    kept: list[Mention] = []
    for start, end, month, day, year in sorted(found, key=lambda f: (f[0], -(f[4] is not None), -f[1])):
        if not 1 <= day <= 31 or (kept and start < kept[-1].end):  # overlaps the one kept before
            continue
        if _date_of(year or 2000, month, day) is None:  # 2000 is a leap year: admits 29 February
            continue
        kept.append(
            Mention(
                start, end, month, day, year,
                _is_future(text, sentences, start),
                _is_today(text, sentences, start, end, opening_end),
            )
        )
    return kept


def _is_future(text: str, sentences: list[int], start: int) -> bool:
    window = text[max(_sentence_start(sentences, start), start - FUTURE_CUE_WINDOW) : start]
    return bool(_FUTURE_CUE.search(window))


def _is_today(text: str, sentences: list[int], start: int, end: int, opening_end: int) -> bool:
    if start < opening_end:
        paragraph = text.rfind("\n\n", 0, start) + 1
        if _DATELINE_PREFIX.match(text[paragraph:start].strip()):
            return True  # a date stamp or dateline opening the title or the first paragraph
    before = text[max(_sentence_start(sentences, start), start - TODAY_CUE_BEFORE) : start]
    after = text[end : end + TODAY_CUE_AFTER]
    return bool(_TODAY_CUE.search(before) or _TODAY_CUE.search(after.split(".")[0]))


# --------------------------------------------------------------------------- years


def _candidate_years(
    text: str, sentences: list[int], mentions: list[Mention], yearless: list[Mention], today: dt.date
) -> tuple[tuple[int, ...], bool]:
    """Surviving candidate years, and whether weekdays or anniversaries constrained them."""
    past = [y for y in _past_years(text, sentences) if y <= today.year]
    lower = max([MIN_YEAR, *past])
    years = set(range(lower, today.year + 1))
    years = {y for y in years if all(_date(m, y) for m in yearless)}
    constrained = False
    strict, loose = _weekday_pairs(text, sentences, mentions, yearless)
    if strict:
        narrowed = {y for y in years if all(_weekday_fits(p, y) for p in strict)}
        if narrowed:
            years, constrained = narrowed, True
        else:
            logger.debug("weekday pairs disagree with each other; ignored")
    for pair in loose:
        narrowed = {y for y in years if _weekday_fits(pair, y)}
        if narrowed:
            years, constrained = narrowed, True
    for anchor, weekday in _anniversaries(text, sentences, mentions):
        if anchor in years and (weekday is None or _weekday_fits(weekday, anchor)):
            years, constrained = {anchor}, True
        else:
            logger.debug("anniversary year %d is not a candidate or its weekday disagrees; ignored", anchor)
    return tuple(sorted(years)), constrained


def _past_years(text: str, sentences: list[int]) -> list[int]:
    return [int(m.group("year")) for m in _YEAR_MENTION.finditer(text) if not _is_future(text, sentences, m.start())]


def _weekday_pairs(
    text: str, sentences: list[int], mentions: list[Mention], yearless: list[Mention]
) -> tuple[list[tuple[int, int, int]], list[tuple[int, int, int]]]:
    """(weekday, month, day) pairs: strict (adjacent) and loose (same sentence / possessive)."""
    adjacent = _adjacent_pairs(text, yearless)
    strict, used = list(adjacent.values()), set(adjacent)
    spans = [(m.start, m.end) for m in mentions]  # sorted, not overlapping
    weekdays = [w for w in _WEEKDAY_ANY.finditer(text) if w.start() not in used and not _inside(w.start(), spans)]
    days_by_sentence: dict[int, set[tuple[int, int]]] = defaultdict(set)
    for m in yearless:
        days_by_sentence[_sentence_start(sentences, m.start)].add((m.month, m.day))
    weekdays_by_sentence: dict[int, list[re.Match[str]]] = defaultdict(list)
    for w in weekdays:
        weekdays_by_sentence[_sentence_start(sentences, w.start())].append(w)
    loose = []
    for sentence, found in weekdays_by_sentence.items():
        days = days_by_sentence.get(sentence, set())
        if len(days) == 1 and len({w.group("wd") for w in found}) == 1:
            loose.append((WEEKDAYS.index(found[0].group("wd")), *next(iter(days))))
    all_days = {(m.month, m.day) for m in mentions}
    if len(all_days) == 1 and not any(m.year for m in mentions):
        possessive = {w.group("wd") for w in weekdays if w.group("poss")}
        if len(possessive) == 1:
            loose.append((WEEKDAYS.index(possessive.pop()), *next(iter(all_days))))
    return strict, sorted(set(loose))


def _adjacent_pairs(text: str, yearless: list[Mention]) -> dict[int, tuple[int, int, int]]:
    """Weekdays written next to a day-month: {weekday position: (weekday, month, day)}."""
    pairs = {}
    for m in yearless:
        window = max(0, m.start - 25)
        before = _WEEKDAY_BEFORE.search(text[window : m.start])
        after = _WEEKDAY_AFTER.match(text[m.end : m.end + 25])
        if before:
            pairs[window + before.start("wd")] = (WEEKDAYS.index(before.group("wd")), m.month, m.day)
        elif after:
            pairs[m.end + after.start("wd")] = (WEEKDAYS.index(after.group("wd")), m.month, m.day)
    return pairs


def _weekday_fits(pair: tuple[int, int, int], year: int) -> bool:
    weekday, month, day = pair
    date = _date_of(year, month, day)
    return date is not None and date.weekday() == weekday


def _anniversaries(
    text: str, sentences: list[int], mentions: list[Mention]
) -> list[tuple[int, tuple[int, int, int] | None]]:
    """Anchor years of "Nth anniversary of ... YEAR" / "N years since YEAR".

    With each, the (weekday, month, day) it must agree with when the sentence attaches
    a weekday written next to a year-less day ("on Sunday, 26 February, the 25th anniversary").
    """
    pairs = _adjacent_pairs(text, [m for m in mentions if m.year is None])
    out = []
    for pattern in (_ANNIVERSARY, _YEARS_SINCE):
        for m in pattern.finditer(text):
            n = _number(m.group("n"))
            if not n:
                continue
            start = _sentence_start(sentences, m.start())
            end = _sentence_end(sentences, m.start(), len(text))
            after = [int(y.group("year")) for y in _YEAR_MENTION.finditer(text, m.end(), end)]
            before = [int(y.group("year")) for y in _YEAR_MENTION.finditer(text, start, m.start())]
            base = after[0] if after else (before[-1] if before else None)
            if base is None:
                continue
            window = max(start, m.start() - ANNIVERSARY_WEEKDAY_WINDOW)
            near = _WEEKDAY_ANY.search(text, window, m.start())
            out.append((base + n, pairs.get(near.start()) if near else None))
    return out


def _number(word: str) -> int | None:
    """'25th' -> 25, 'twenty-fifth' -> 25, 'thirty' -> 30, 'first' -> 1; else None."""
    word = word.lower()
    digits = re.match(r"\d+", word)
    if digits:
        return int(digits.group())
    total = 0
    for part in re.split(r"[- ]", word):
        if part in _TENS:
            total += _TENS[part]
        elif part in _ORDINAL_TENS:
            total += _ORDINAL_TENS[part]
        elif part in _UNITS:
            total += _UNITS.index(part) + 1
        elif part in _ORDINAL_UNITS:
            total += _ORDINAL_UNITS.index(part) + 1
        else:
            return None
    return total or None


# --------------------------------------------------------------------------- small helpers


def _sentence_starts(text: str) -> list[int]:
    """Sentence start offsets; no break after abbreviations ("Feb. 25", "St. Petersburg") or initials."""
    starts = [0]
    for m in _SENTENCE_BREAK.finditer(text):
        word = _LAST_WORD.search(text, max(0, m.start() - 30), m.start())
        if m.group().startswith("\n") or not word or (word.group(1) not in _ABBREVIATIONS and len(word.group(1)) > 1):
            starts.append(m.end())
    return starts


def _sentence_start(sentences: list[int], position: int) -> int:
    return sentences[bisect.bisect_right(sentences, position) - 1]


def _sentence_end(sentences: list[int], position: int, length: int) -> int:
    i = bisect.bisect_right(sentences, position)
    return sentences[i] if i < len(sentences) else length


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    i = bisect.bisect_right(spans, (position, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= position < spans[i][1]


def _date_of(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _date(m: Mention, year: int) -> dt.date | None:
    return _date_of(year, m.month, m.day)


def _latest(mentions: list[Mention], year: int, today: dt.date) -> dt.date | None:
    """The latest of the mentions in ``year``; None when one is invalid or after today."""
    dates = [_date(m, year) for m in mentions]
    if not dates or any(d is None for d in dates):
        return None
    latest = max(dates)
    return latest if latest <= today else None
