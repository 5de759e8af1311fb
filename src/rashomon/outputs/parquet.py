"""Parquet export: incidents (ACLED columns, typed), claims, and one row per attribute claim.

Needs ``pyarrow`` (``pip install 'rashomon[parquet]'``); it is imported only when this export is asked for.
Three files are written:

- ``incidents.parquet``: the ACLED columns of :mod:`rashomon.outputs.acled` with proper types (dates, integers,
  floats; nulls where unknown), plus ``incident``, ``date_end``, ``date_uncertain``, ``summary`` and
  ``statuses`` (a map from attribute to status);
- ``claims.parquet``: every claim, as ``claims.csv``;
- ``attribute_claims.parquet``: one row per incident, attribute and claim — status, estimate and each
  claimant's value (counts as ``min``/``max`` integers, ``max`` null for "at least"), with the quote's offsets.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

from rashomon.knowledge.actors import ActorBase
from rashomon.model import Analysis, Count
from rashomon.outputs.acled import ACLED_COLUMNS, acled_rows
from rashomon.outputs.csv import CLAIM_COLUMNS, claim_rows

logger = logging.getLogger(__name__)

_INT_COLUMNS = {"year": "int16", "time_precision": "int8", "iso": "int16", "geo_precision": "int8",
                "fatalities": "int32", "timestamp": "int64"}
_FLOAT_COLUMNS = ("latitude", "longitude")


def _pa() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet  # noqa: F401  (registers the submodule)
    except ImportError as exc:
        raise ImportError("the Parquet export needs pyarrow: pip install 'rashomon[parquet]'") from exc
    return pyarrow


def _none_if_blank(value: Any) -> Any:
    return None if value == "" else value


def incidents_table(analysis: Analysis, *, actors: ActorBase | None = None, timestamp: int | None = None) -> Any:
    """The incidents as a ``pyarrow.Table`` (see the module docstring)."""
    pa = _pa()
    rows = acled_rows(analysis, actors=actors, timestamp=timestamp)
    columns: dict[str, Any] = {}
    fields = [pa.field("incident", pa.string())]
    columns["incident"] = [inc.id for inc in analysis.incidents]
    for name in ACLED_COLUMNS:
        values = [_none_if_blank(r[name]) for r in rows]
        if name == "event_date":
            typ = pa.date32()
            values = [dt.date.fromisoformat(v) if v else None for v in values]
        elif name in _INT_COLUMNS:
            typ = getattr(pa, _INT_COLUMNS[name])()
        elif name in _FLOAT_COLUMNS:
            typ = pa.float64()
        else:
            typ = pa.string()
            values = [None if v is None else str(v) for v in values]
        fields.append(pa.field(name, typ))
        columns[name] = values
    extra = {
        "date_end": (pa.date32(), [inc.date.end for inc in analysis.incidents]),
        "date_uncertain": (pa.bool_(), [inc.date.uncertain for inc in analysis.incidents]),
        "summary": (pa.string(), [inc.summary for inc in analysis.incidents]),
        "statuses": (pa.map_(pa.string(), pa.string()),
                     [[(k, v.status) for k, v in inc.attributes.items()] for inc in analysis.incidents]),
    }
    for name, (typ, values) in extra.items():
        fields.append(pa.field(name, typ))
        columns[name] = values
    schema = pa.schema(fields)
    return pa.Table.from_pydict(columns, schema=schema)


def claims_table(analysis: Analysis) -> Any:
    """The claims as a ``pyarrow.Table`` (the columns of ``claims.csv``; offsets as integers)."""
    pa = _pa()
    rows = claim_rows(analysis)
    types = {"start": pa.int64(), "end": pa.int64()}
    schema = pa.schema([pa.field(c, types.get(c, pa.string())) for c in CLAIM_COLUMNS])
    return pa.Table.from_pydict({c: [r[c] if c in types else (_none_if_blank(r[c])) for r in rows]
                                 for c in CLAIM_COLUMNS}, schema=schema)


def _split(value: object) -> tuple[str | None, int | None, int | None]:
    if isinstance(value, Count):
        return value.text, value.min, value.max
    return (None if value is None else str(value)), None, None


def attribute_claims_table(analysis: Analysis) -> Any:
    """One row per incident, attribute and claim, as a ``pyarrow.Table``."""
    pa = _pa()
    spec = [("incident", pa.string()), ("attribute", pa.string()), ("status", pa.string()),
            ("sources", pa.int32()), ("estimate", pa.string()), ("estimate_min", pa.int64()),
            ("estimate_max", pa.int64()), ("claim", pa.string()), ("claimant", pa.string()),
            ("side", pa.string()), ("value", pa.string()), ("value_min", pa.int64()), ("value_max", pa.int64()),
            ("superseded", pa.bool_()), ("document", pa.string()), ("start", pa.int64()), ("end", pa.int64()),
            ("quote", pa.string())]
    cols: dict[str, list[Any]] = {name: [] for name, _ in spec}
    for inc in analysis.incidents:
        for name, verdict in inc.attributes.items():
            est, est_min, est_max = _split(verdict.estimate)
            for ac in verdict.claims:
                val, val_min, val_max = _split(ac.value)
                row = (inc.id, name, verdict.status, verdict.sources, est, est_min, est_max, ac.claim, ac.claimant,
                       ac.side, val, val_min, val_max, ac.superseded, ac.document, ac.start, ac.end, ac.quote)
                for (col, _), v in zip(spec, row):
                    cols[col].append(v)
    return pa.Table.from_pydict(cols, schema=pa.schema([pa.field(n, t) for n, t in spec]))


def write_parquet(analysis: Analysis, directory: str | Path, *, actors: ActorBase | None = None,
                  timestamp: int | None = None) -> list[Path]:
    """Write ``incidents.parquet``, ``claims.parquet`` and ``attribute_claims.parquet`` into ``directory``.

    Args:
        analysis: the run's result.
        directory: created if missing; existing files of these names are replaced.
        actors: the actor base that names the sides in the ACLED columns (default: the shipped one).
        timestamp: the ``timestamp`` column, Unix time (default: now).

    Returns:
        The paths written, in that order.

    Raises:
        ImportError: pyarrow is not installed (``pip install 'rashomon[parquet]'``).
    """
    pa = _pa()
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    tables = {
        "incidents.parquet": incidents_table(analysis, actors=actors, timestamp=timestamp),
        "claims.parquet": claims_table(analysis),
        "attribute_claims.parquet": attribute_claims_table(analysis),
    }
    written = []
    for name, table in tables.items():
        path = out / name
        pa.parquet.write_table(table, path)
        written.append(path)
    logger.debug("wrote %s", ", ".join(str(p) for p in written))
    return written
