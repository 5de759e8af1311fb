"""ACLED coding: the whole pipeline on each event's ``notes`` against ACLED's own coding.

Layout: an ACLED CSV export with a ``notes`` column and any subset of ACLED's
other columns, with or without the HXL tag row (``#event+code``, ...) that HDX
exports carry as their second row. Each row's notes are analysed alone, as a
document published on ``event_date`` when that column exists, with
:func:`rashomon.pipeline.analyze_documents` and the default gazetteer.

The prediction for a row is its first incident; when the pipeline made none,
the first mention that may form an incident (:func:`rashomon.incidents.eligible`);
else the first mention with an event type (non-violent events such as
protests and arrests never form incidents). A metric is computed only where
its columns exist, over the rows where they are filled:

- ``event_type_accuracy``, ``sub_event_type_accuracy``: same type as ACLED;
- ``date_exact``: the predicted start date equals ``event_date``;
- ``location_within_25km``: a predicted place lies within 25 km of
  ``latitude``/``longitude``;
- ``fatalities_exact``: the sum, over the ``killed.<party>`` attributes, of
  each estimate's minimum equals ``fatalities`` (no prediction counts as 0).
"""

from __future__ import annotations

import csv
import datetime as dt
import logging
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from rashomon.errors import EvaluationDataError
from rashomon.evaluation import EvalResult
from rashomon.incidents import eligible
from rashomon.knowledge.actors import ActorBase
from rashomon.knowledge.gazetteer import Gazetteer, distance_km
from rashomon.language import load_nlp
from rashomon.model import Analysis, Count, DateBasis, Document, Place
from rashomon.pipeline import analyze_documents

logger = logging.getLogger(__name__)

LAYOUT = "an ACLED CSV export with a notes column (other ACLED columns optional, HXL tag row allowed)"

#: A prediction is "at the place" within this distance. Fixed by the evaluation
#: contract, not calibrated: ACLED's geo_precision 2 already means "near a town",
#: so a tighter radius would punish the right town for ACLED's own rounding.
LOCATION_KM = 25.0

_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%d-%B-%Y", "%d-%b-%Y", "%d/%m/%Y")


@dataclass
class Prediction:
    """What the pipeline says about one row."""

    basis: str = "none"  # incident | eligible mention | typed mention | none | pipeline error
    event_type: str | None = None
    sub_event_type: str | None = None
    date: dt.date | None = None
    places: tuple[Place, ...] = ()
    fatalities: int = 0


def parse_date(value: str) -> dt.date | None:
    """An ACLED event date (ISO, or "01 April 2025" and similar), or None."""
    value = (value or "").strip()
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def load_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """The header and the rows with notes, the HXL tag row skipped.

    Raises:
        EvaluationDataError: not a CSV file with a ``notes`` column.
    """
    if not path.is_file():
        raise EvaluationDataError(f"{path}: not a file; expected {LAYOUT}")
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    try:
        with path.open(encoding="utf-8-sig", errors="replace", newline="") as fh:
            reader = csv.DictReader(fh)
            header = [h.strip() for h in (reader.fieldnames or [])]
            reader.fieldnames = header
            if "notes" not in header:
                raise EvaluationDataError(f"{path}: no notes column (columns: {', '.join(header[:8])}); "
                                          f"expected {LAYOUT}")
            rows = []
            for row in reader:
                values = [v for v in row.values() if isinstance(v, str) and v.strip()]
                if values and all(v.strip().startswith("#") for v in values):
                    continue  # the HXL tag row
                if (row.get("notes") or "").strip():
                    rows.append(row)
    except (csv.Error, UnicodeError) as exc:
        raise EvaluationDataError(f"{path}: unreadable CSV ({exc}); expected {LAYOUT}") from None
    return header, rows


def sample(rows: list, limit: int | None) -> list:
    """Every k-th row (k = n // limit) up to ``limit`` rows: spread over the whole file, deterministic."""
    if limit is None or limit >= len(rows):
        return rows
    step = max(1, len(rows) // max(1, limit))
    return rows[::step][:limit]


def _killed(analysis: Analysis) -> int:
    incident = analysis.incidents[0]
    total = 0
    for name, verdict in incident.attributes.items():
        if name.startswith("killed.") and isinstance(verdict.estimate, Count):
            total += verdict.estimate.min
    return total


def predict(analysis: Analysis) -> Prediction:
    """The row's prediction: first incident, else first eligible mention, else first typed mention."""
    if analysis.incidents:
        inc = analysis.incidents[0]
        return Prediction("incident", inc.event_type, inc.sub_event_type, inc.date.start, inc.places,
                          _killed(analysis))
    mention = next((m for m in analysis.mentions if eligible(m)), None)
    basis = "eligible mention"
    if mention is None:
        mention = next((m for m in analysis.mentions if m.event_type), None)
        basis = "typed mention"
    if mention is None:
        return Prediction()
    killed = sum(c.count.min for c in mention.casualties if c.kind == "killed")
    return Prediction(basis, mention.event_type, mention.sub_event_type,
                      mention.time.start if mention.time else None, mention.places, killed)


def _row_document(row: dict[str, str], k: int, path: Path) -> Document:
    published = parse_date(row.get("event_date", ""))
    ident = (row.get("event_id_cnty") or "").strip() or f"row{k}"
    return Document(id=ident, source=f"{path}#{ident}", text=row["notes"].strip(), published=published,
                    published_basis=DateBasis.GIVEN if published else DateBasis.NONE)


def _near(places: tuple[Place, ...], lat: float, lon: float) -> bool:
    return any(p.lat is not None and p.lon is not None and distance_km((p.lat, p.lon), (lat, lon)) <= LOCATION_KM
               for p in places)


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def evaluate(path: Path, *, limit: int | None = None) -> EvalResult:
    """Run the pipeline on each row's notes (a spread sample of ``limit`` rows) and score its coding."""
    path = Path(path)
    header, all_rows = load_rows(path)
    rows = sample(all_rows, limit)
    nlp, actors, gazetteer = load_nlp(), ActorBase.default(), Gazetteer.default()
    hits: dict[str, list[int]] = {}  # metric -> [correct, counted]

    def tally(metric: str, ok: bool) -> None:
        c = hits.setdefault(metric, [0, 0])
        c[0] += int(ok)
        c[1] += 1

    bases: Counter[str] = Counter()
    for k, row in enumerate(rows):
        document = _row_document(row, k, path)
        try:
            pred = predict(analyze_documents([document], nlp=nlp, actors=actors, gazetteer=gazetteer))
        except ValueError as exc:  # a pipeline failure on one row is that row's miss, not the run's end
            logger.warning("acled: the pipeline failed on %s: %s", document.id, str(exc).splitlines()[0])
            pred = Prediction("pipeline error")
        bases[pred.basis] += 1
        for column, value in (("event_type", pred.event_type), ("sub_event_type", pred.sub_event_type)):
            if column in header and (row.get(column) or "").strip():
                tally(f"{column}_accuracy", value == row[column].strip())
        if "event_date" in header and document.published is not None:
            tally("date_exact", pred.date == document.published)
        lat, lon = _float(row.get("latitude")), _float(row.get("longitude"))
        if lat is not None and lon is not None:
            tally("location_within_25km", _near(pred.places, lat, lon))
        fatalities = _float(row.get("fatalities"))
        if "fatalities" in header and fatalities is not None:
            tally("fatalities_exact", pred.fatalities == int(fatalities))
        if (k + 1) % 50 == 0:
            logger.info("acled: %d/%d rows", k + 1, len(rows))
    order = ("event_type_accuracy", "sub_event_type_accuracy", "date_exact", "location_within_25km",
             "fatalities_exact")
    metrics = {m: round(hits[m][0] / hits[m][1], 4) for m in order if m in hits and hits[m][1]}
    notes = [
        f"rows analysed: {len(rows)} of {len(all_rows)} with notes"
        + (f" (one row in every {max(1, len(all_rows) // max(1, limit))}, from the first)"
           if limit is not None and limit < len(all_rows) else ""),
        "prediction basis: " + ", ".join(f"{b} {n}" for b, n in bases.most_common()),
        "each row's notes analysed alone, published = event_date; no prediction counts as 0 fatalities",
        f"location: any predicted place within {LOCATION_KM:g} km of latitude/longitude",
    ]
    return EvalResult("acled", data=str(path), n=len(rows), metrics=metrics, notes=notes)
