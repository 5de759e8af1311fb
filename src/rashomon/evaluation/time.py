"""Time expressions: :func:`rashomon.timex.find_times` against TimeML TIMEX3 (TempEval-3).

Layout: a folder searched recursively for ``.tml`` files (or one ``.tml``
file). The text is the content of each file's ``TEXT`` element with the tags
removed; every ``TIMEX3`` in it keeps its character span, ``type`` and
``value``. The anchor is the document creation time (the TIMEX3 with
``functionInDocument="CREATION_TIME"``).

Only ``DATE`` and ``TIME`` expressions are scored: rashomon finds days, weeks,
months and years, not durations or sets. A prediction that overlaps only a
gold ``DURATION`` or ``SET`` is left out of the counts rather than called
false.

A prediction's value comes from its interval: one day ``YYYY-MM-DD``, a whole
month ``YYYY-MM``, a whole year ``YYYY``, a Monday-Sunday week ``YYYY-Www``,
else the start day. Gold values lose their time of day and unknown parts
(``1998-11-20T19:30`` is compared as ``1998-11-20``, ``1968-XX`` as ``1968``,
``199X`` as ``199``).
Predictions and gold are paired one to one by largest overlap;
``recognition_f1`` counts overlapping pairs (TempEval-3's relaxed match),
``value_f1`` pairs whose values are equal.

Notes:
    UzZaman et al. (2013), "SemEval-2013 Task 1: TempEval-3".
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from rashomon.errors import EvaluationDataError
from rashomon.evaluation import EvalResult
from rashomon.evaluation.metrics import prf
from rashomon.model import TimeInterval
from rashomon.timex import Reference, find_times

logger = logging.getLogger(__name__)

LAYOUT = "a folder of TimeML .tml files (TEXT with TIMEX3, a CREATION_TIME TIMEX3 as anchor)"
SCORED_TYPES = ("DATE", "TIME")
_TIME_OF_DAY = re.compile(r"^(\d{4}-\d\d-\d\d)T")
_UNKNOWN_TAIL = re.compile(r"(?:-XX)+$")
#: a decade or century with its unknown digits written out: "199X" is TIMEX3's "199"
_UNKNOWN_DIGITS = re.compile(r"^(\d{2,3})X+$")
_WEEK = re.compile(r"^(\d{4})-W(\d{1,2})$")
_DCT = re.compile(r"^(\d{4})-?(\d\d)-?(\d\d)")


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    type: str
    value: str


@dataclass(frozen=True)
class TimeMLDoc:
    name: str
    text: str
    dct: dt.datetime
    timexes: tuple[Timex, ...]


def _flatten(element, parts: list[str], found: list[Timex], at: int) -> int:
    """Append the element's text to ``parts``; record TIMEX3 spans; return the new offset."""
    if element.text:
        parts.append(element.text)
        at += len(element.text)
    for child in element:
        if isinstance(child.tag, str):
            start = at
            at = _flatten(child, parts, found, at)
            if etree.QName(child).localname == "TIMEX3":
                found.append(Timex(start, at, child.get("type", ""), child.get("value", "")))
        if child.tail:
            parts.append(child.tail)
            at += len(child.tail)
    return at


def read_tml(path: Path) -> TimeMLDoc:
    """One TimeML file.

    Raises:
        EvaluationDataError: not XML, no TEXT element, or no usable creation time.
    """
    try:
        root = etree.parse(str(path), etree.XMLParser(resolve_entities=False)).getroot()
    except (etree.XMLSyntaxError, OSError) as exc:
        raise EvaluationDataError(f"{path}: not a TimeML file ({exc}); expected {LAYOUT}") from None
    text_el = next((e for e in root.iter() if isinstance(e.tag, str) and etree.QName(e).localname == "TEXT"), None)
    dct_el = next((e for e in root.iter() if isinstance(e.tag, str) and etree.QName(e).localname == "TIMEX3"
                   and e.get("functionInDocument") == "CREATION_TIME"), None)
    m = _DCT.match(dct_el.get("value", "")) if dct_el is not None else None
    if text_el is None or m is None:
        raise EvaluationDataError(f"{path}: no TEXT element or no CREATION_TIME TIMEX3 with a date; "
                                  f"expected {LAYOUT}")
    parts: list[str] = []
    found: list[Timex] = []
    _flatten(text_el, parts, found, 0)
    dct = dt.datetime(int(m[1]), int(m[2]), int(m[3]), 12, 0)
    return TimeMLDoc(path.name, "".join(parts), dct, tuple(found))


def interval_value(t: TimeInterval) -> str:
    """The TIMEX3-style value of an interval (see the module docstring)."""
    if t.value:
        return t.value
    s, e = t.start, t.end
    if s == e:
        return s.isoformat()
    if (s.month, s.day, e.month, e.day) == (1, 1, 12, 31) and s.year == e.year:
        return f"{s.year:04d}"
    if s.day == 1 and (s.year, s.month) == (e.year, e.month) and e.day == calendar.monthrange(s.year, s.month)[1]:
        return f"{s.year:04d}-{s.month:02d}"
    if s.weekday() == 0 and (e - s).days == 6:
        year, week, _ = s.isocalendar()
        return f"{year:04d}-W{week:02d}"
    return s.isoformat()


def gold_value(value: str) -> str:
    """A gold value in the predictions' notation: no time of day, no unknown parts, two-digit weeks.

    ``1998-11-20T19:30`` -> ``1998-11-20``; ``1968-XX`` -> ``1968``; ``199X`` -> ``199`` (the
    annotators wrote decades both ways); ``2000-W7`` -> ``2000-W07``.
    """
    m = _TIME_OF_DAY.match(value)
    value = m[1] if m else value
    value = _UNKNOWN_TAIL.sub("", value)
    value = _UNKNOWN_DIGITS.sub(r"\1", value)
    return _WEEK.sub(lambda w: f"{w[1]}-W{int(w[2]):02d}", value)


def _pairs(pred: list[tuple[int, int, str]], gold: list[Timex]) -> list[tuple[int, int]]:
    """One-to-one (prediction index, gold index) pairs of overlapping spans, largest overlap first."""
    cands = []
    for i, (ps, pe, _) in enumerate(pred):
        for j, g in enumerate(gold):
            overlap = min(pe, g.end) - max(ps, g.start)
            if overlap > 0:
                cands.append((-overlap, i, j))
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for _, i, j in sorted(cands):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            out.append((i, j))
    return out


def score_document(doc: TimeMLDoc) -> tuple[int, int, int, int]:
    """(counted predictions, gold, overlapping pairs, pairs with equal values) for one document."""
    scored = [t for t in doc.timexes if t.type in SCORED_TYPES]
    other = [t for t in doc.timexes if t.type not in SCORED_TYPES]
    pred = [(t.span.start, t.span.end, interval_value(t))
            for t in find_times(doc.text, Reference(doc.dct)) if t.span is not None]
    pairs = _pairs(pred, scored)
    paired = {i for i, _ in pairs}
    # a prediction on a duration or set only ("two weeks") is outside the task, not wrong
    ignored = {i for i, (s, e, _) in enumerate(pred)
               if i not in paired and any(s < o.end and o.start < e for o in other)}
    same = sum(pred[i][2] == gold_value(scored[j].value) for i, j in pairs)
    return len(pred) - len(ignored), len(scored), len(pairs), same


def tml_files(path: Path) -> list[Path]:
    if path.is_file() and path.suffix == ".tml":
        return [path]
    files = sorted(path.rglob("*.tml")) if path.is_dir() else []
    if not files:
        raise EvaluationDataError(f"{path}: no .tml files; expected {LAYOUT}")
    return files


def evaluate(path: Path, *, limit: int | None = None) -> EvalResult:
    """Score time expressions on every .tml file under ``path`` (the first ``limit`` in sorted order)."""
    path = Path(path)
    files = tml_files(path)
    if limit is not None:
        files = files[:limit]
    n_pred = n_gold = n_pairs = n_same = 0
    for f in files:
        p, g, pairs, same = score_document(read_tml(f))
        n_pred, n_gold, n_pairs, n_same = n_pred + p, n_gold + g, n_pairs + pairs, n_same + same
    metrics = {
        "recognition_f1": round(prf(n_pairs, n_pred, n_gold).f1, 4),
        "value_f1": round(prf(n_same, n_pred, n_gold).f1, 4),
    }
    notes = [
        "DATE and TIME expressions only; predictions overlapping only a DURATION/SET are not counted",
        "one-to-one pairing by largest overlap; gold values compared without time of day or -XX parts",
        f"gold {n_gold}, predicted {n_pred}, overlapping {n_pairs}, same value {n_same}",
        "anchor: the CREATION_TIME TIMEX3 (date part, noon); find_times over the whole TEXT",
    ]
    return EvalResult("time", data=str(path), n=len(files), metrics=metrics, notes=notes)
