"""Writes a report folder: every export of one run, side by side (what ``rashomon analyze --out`` makes)."""

from __future__ import annotations

import logging
from pathlib import Path

from rashomon.knowledge.actors import ActorBase
from rashomon.model import Analysis
from rashomon.outputs.csv import claims_csv, incidents_csv
from rashomon.outputs.geojson import to_geojson
from rashomon.outputs.html import render_report
from rashomon.outputs.json import to_json

logger = logging.getLogger(__name__)


def write_folder(analysis: Analysis, directory: str | Path, *, parquet: bool = False,
                 actors: ActorBase | None = None, timestamp: int | None = None) -> list[Path]:
    """Write ``incidents.json``, ``incidents.csv``, ``claims.csv``, ``incidents.geojson`` and ``report.html``.

    Args:
        analysis: the run's result.
        directory: created if missing; files of these names are replaced.
        parquet: also write the Parquet tables (needs ``rashomon[parquet]``).
        actors: the actor base that names the sides in the CSV and the report (default: the shipped one).
        timestamp: the ACLED ``timestamp`` column, Unix time (default: now).

    Returns:
        The paths written.

    Raises:
        OSError: the folder or a file cannot be written.
        ImportError: ``parquet=True`` without pyarrow.
    """
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    texts = {
        "incidents.json": to_json(analysis),
        "incidents.csv": incidents_csv(analysis, actors=actors, timestamp=timestamp),
        "claims.csv": claims_csv(analysis),
        "incidents.geojson": to_geojson(analysis),
        "report.html": render_report(analysis, actors=actors),
    }
    written = []
    for name, text in texts.items():
        path = out / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    if parquet:
        from rashomon.outputs.parquet import write_parquet

        written += write_parquet(analysis, out, actors=actors, timestamp=timestamp)
    logger.debug("wrote %d files to %s", len(written), out)
    return written
