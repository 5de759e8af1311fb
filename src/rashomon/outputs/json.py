"""JSON in the output contract's shape (DESIGN.md); more fields than the contract are added."""

from __future__ import annotations

import json
from typing import Any

from rashomon.model import Analysis, AttributeVerdict, Claim, Count, Document, Incident
from rashomon.outputs.schema import SCHEMA_ID, SCHEMA_VERSION


def _count_or_str(value: object) -> Any:
    if isinstance(value, Count):
        return {"min": value.min, "max": value.max, "text": value.text}
    return value


def document_dict(d: Document) -> dict[str, Any]:
    return {
        "id": d.id,
        "source": d.source,
        "outlet": d.outlet,
        "title": d.title,
        "published": d.published.isoformat() if d.published else None,
        "published_inferred": d.published_inferred,
        "published_basis": d.published_basis.value,
        "relays": list(d.relays),
        "relay_of": d.relay_of,
        "segments": [
            {"heading": s.heading, "time": s.time.isoformat() if s.time else None, "start": s.start, "end": s.end,
             "order": s.order}
            for s in d.segments
        ],
        "removed": [{"reason": r.reason, "text": r.text} for r in d.removed],
        "language": d.language,
        "text": d.text,
    }


def claim_dict(c: Claim) -> dict[str, Any]:
    return {
        "id": c.id,
        "document": c.document,
        "start": c.start,
        "end": c.end,
        "quote": c.quote,
        "claimant": {
            "name": c.claimant.name,
            "actor": c.claimant.actor,
            "side": c.claimant.side,
            "kind": c.claimant.kind,
            "start": c.claimant.span.start if c.claimant.span else None,
            "end": c.claimant.span.end if c.claimant.span else None,
        },
        "cue": c.cue.text if c.cue else None,
        "cue_span": {"start": c.cue.start, "end": c.cue.end} if c.cue else None,
        "mode": c.mode.value,
        "relays": list(c.relays),
        "segment": c.segment,
        "statement_time": c.statement_time.isoformat() if c.statement_time else None,
        "denies": list(c.denies),
    }


def verdict_dict(v: AttributeVerdict) -> dict[str, Any]:
    return {
        "status": v.status,
        "estimate": _count_or_str(v.estimate),
        "sources": v.sources,
        "reasons": list(v.reasons),
        "claims": [
            {"claim": c.claim, "claimant": c.claimant, "side": c.side, "value": _count_or_str(c.value),
             "quote": c.quote, "start": c.start, "end": c.end, "document": c.document, "superseded": c.superseded}
            for c in v.claims
        ],
    }


def incident_dict(i: Incident) -> dict[str, Any]:
    return {
        "id": i.id,
        "date": {
            "start": i.date.start.isoformat() if i.date.start else None,
            "end": i.date.end.isoformat() if i.date.end else None,
            "precision": i.date.precision,
            "uncertain": i.date.uncertain,
        },
        "event_type": i.event_type,
        "sub_event_type": i.sub_event_type,
        "summary": i.summary,
        "places": [
            {"name": p.name, "lat": p.lat, "lon": p.lon, "country": p.country, "admin1": p.admin1,
             "geonameid": p.geonameid, "feature": p.feature}
            for p in i.places
        ],
        "documents": list(i.documents),
        "mentions": list(i.mentions),
        "denials": list(i.denials),
        "neutral_claimants": list(i.neutral_claimants),
        "attributes": {name: verdict_dict(v) for name, v in i.attributes.items()},
    }


def to_contract(analysis: Analysis) -> dict[str, Any]:
    """The Analysis as a JSON-ready dict in the output contract's shape."""
    return {
        "rashomon_version": analysis.rashomon_version,
        "schema_version": SCHEMA_VERSION,
        "schema": SCHEMA_ID,
        "credits": list(analysis.credits),
        "documents": [document_dict(d) for d in analysis.documents],
        "claims": [claim_dict(c) for c in analysis.claims],
        "incidents": [incident_dict(i) for i in analysis.incidents],
        "errors": [{"source": e.source, "message": e.message} for e in analysis.errors],
    }


def to_json(analysis: Analysis, *, indent: int | None = 2) -> str:
    """The contract JSON as text."""
    return json.dumps(to_contract(analysis), ensure_ascii=False, indent=indent)
