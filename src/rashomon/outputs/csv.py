"""CSV exports: one row per claim, and incidents in ACLED's columns (:mod:`rashomon.outputs.acled`)."""

from __future__ import annotations

import csv
import io

from rashomon.knowledge.actors import ActorBase
from rashomon.model import Analysis
from rashomon.outputs.acled import ACLED_COLUMNS, acled_rows

CLAIM_COLUMNS = ("claim", "document", "outlet", "start", "end", "claimant", "actor", "side", "mode", "cue",
                 "statement_time", "relays", "quote")

__all__ = ["ACLED_COLUMNS", "CLAIM_COLUMNS", "claim_rows", "claims_csv", "incidents_csv"]


def claim_rows(analysis: Analysis) -> list[dict[str, object]]:
    """One dict per claim, keyed by :data:`CLAIM_COLUMNS` (offsets are into the document's text)."""
    outlets = {d.id: d.outlet or "" for d in analysis.documents}
    return [
        {"claim": c.id, "document": c.document, "outlet": outlets.get(c.document, ""), "start": c.start,
         "end": c.end, "claimant": c.claimant.name, "actor": c.claimant.actor or "", "side": c.claimant.side or "",
         "mode": c.mode.value, "cue": c.cue.text if c.cue else "",
         "statement_time": c.statement_time.isoformat() if c.statement_time else "",
         "relays": " > ".join(c.relays), "quote": c.quote}
        for c in analysis.claims
    ]


def claims_csv(analysis: Analysis) -> str:
    """One row per claim with its claimant, side, mode and quote (offsets into the document text)."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=CLAIM_COLUMNS)
    w.writeheader()
    w.writerows(claim_rows(analysis))
    return buf.getvalue()


def incidents_csv(analysis: Analysis, *, actors: ActorBase | None = None, timestamp: int | None = None) -> str:
    """Incidents in ACLED's current columns and order, filled where known; ``notes`` say who claimed what.

    Args:
        analysis: the run's result.
        actors: the actor base that names the sides (default: the shipped one).
        timestamp: the ``timestamp`` column, Unix time (default: now).

    See :mod:`rashomon.outputs.acled` for how each column is filled and how a contested initiator is coded.
    """
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=ACLED_COLUMNS)
    w.writeheader()
    w.writerows(acled_rows(analysis, actors=actors, timestamp=timestamp))
    return buf.getvalue()
