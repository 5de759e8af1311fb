"""CSV exports: one row per claim, and incidents in ACLED's columns."""

from __future__ import annotations

import csv
import io

from rashomon.model import Analysis, Count

#: ACLED's current export columns, in ACLED's order.
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)

CLAIM_COLUMNS = ("claim", "document", "outlet", "start", "end", "claimant", "actor", "side", "mode", "cue",
                 "statement_time", "relays", "quote")


def claims_csv(analysis: Analysis) -> str:
    """One row per claim with its claimant, side, mode and quote (offsets into the document text)."""
    outlets = {d.id: d.outlet or "" for d in analysis.documents}
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(CLAIM_COLUMNS)
    for c in analysis.claims:
        w.writerow([c.id, c.document, outlets.get(c.document, ""), c.start, c.end, c.claimant.name,
                    c.claimant.actor or "", c.claimant.side or "", c.mode.value, c.cue.text if c.cue else "",
                    c.statement_time.isoformat() if c.statement_time else "", " > ".join(c.relays), c.quote])
    return buf.getvalue()


def _fatalities(estimates: list[Count]) -> int:
    return sum(e.min for e in estimates)


def incidents_csv(analysis: Analysis) -> str:
    """Incidents in ACLED's columns, filled where known; ``notes`` say who claimed what."""
    outlets = {d.id: d.outlet or d.source for d in analysis.documents}
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=ACLED_COLUMNS)
    w.writeheader()
    for inc in analysis.incidents:
        place = inc.places[0] if inc.places else None
        killed = [v.estimate for k, v in inc.attributes.items() if k.startswith("killed.") and isinstance(v.estimate, Count)]
        initiator = inc.attributes.get("initiator")
        target = inc.attributes.get("target")
        notes = [inc.summary]
        for name, v in inc.attributes.items():
            notes.append(f"{name} [{v.status}]: " + "; ".join(v.reasons[: max(1, len(v.claims))]))
        w.writerow({
            "event_id_cnty": f"RSH-{inc.id}",
            "event_date": inc.date.start.isoformat() if inc.date.start else "",
            "year": inc.date.start.year if inc.date.start else "",
            "time_precision": inc.date.precision,
            "disorder_type": "Political violence" if inc.event_type in ("Battles", "Explosions/Remote violence",
                                                                        "Violence against civilians") else "",
            "event_type": inc.event_type or "",
            "sub_event_type": inc.sub_event_type or "",
            "actor1": initiator.estimate if initiator and isinstance(initiator.estimate, str) else "",
            "actor2": target.estimate if target and isinstance(target.estimate, str) else "",
            "iso": "",
            "country": place.country if place else "",
            "admin1": place.admin1 if place and place.admin1 else "",
            "location": place.name if place else "",
            "latitude": place.lat if place and place.lat is not None else "",
            "longitude": place.lon if place and place.lon is not None else "",
            "geo_precision": (1 if place.feature == "place" else 2) if place else "",
            "source": "; ".join(dict.fromkeys(outlets.get(d, d) for d in inc.documents)),
            "notes": " | ".join(notes),
            "fatalities": _fatalities(killed) if killed else 0,
            "tags": "disputed" if any(v.status in ("contested", "denied") for v in inc.attributes.values()) else "",
        })
    return buf.getvalue()
