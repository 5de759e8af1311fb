"""What the API and the pages show, computed from model records: claims matrix, spans, highlights."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rashomon.model import Claim, Count, Document, Incident

#: Column heading for claimants whose side the actor base does not know.
NO_SIDE = "unattributed"


def display(value: object) -> str:
    """A value as people read it: counts as "3", "2-5", ">=4"."""
    if isinstance(value, Count):
        if value.max is None:
            return f">={value.min}"
        return str(value.min) if value.min == value.max else f"{value.min}-{value.max}"
    return "" if value is None else str(value)


def claims_matrix(incident: Incident) -> dict:
    """Attributes x claimants, claimants grouped by side (sides in name order, unattributed last).

    Each cell holds the values that claimant gives for that attribute, with the
    quote and its offsets; empty cells mean the claimant says nothing about it.
    """
    by_side: dict[str, list[str]] = {}
    for verdict in incident.attributes.values():
        for c in verdict.claims:
            names = by_side.setdefault(c.side or NO_SIDE, [])
            if c.claimant not in names:
                names.append(c.claimant)
    sides = sorted(by_side, key=lambda s: (s == NO_SIDE, s == "neutral", s))
    columns = [(side, name) for side in sides for name in by_side[side]]
    rows = []
    for attribute, verdict in incident.attributes.items():
        cells = []
        for side, name in columns:
            values = [
                {"value": display(c.value), "claim": c.claim, "document": c.document, "start": c.start,
                 "end": c.end, "quote": c.quote, "superseded": c.superseded}
                for c in verdict.claims if c.claimant == name and (c.side or NO_SIDE) == side
            ]
            cells.append({"claimant": name, "side": side, "values": values})
        rows.append({"attribute": attribute, "status": verdict.status, "estimate": display(verdict.estimate),
                     "cells": cells})
    return {"sides": [{"side": s, "claimants": by_side[s]} for s in sides], "rows": rows}


def claim_spans(claims: Sequence[Claim]) -> list[dict]:
    """The stretches of text each claim rests on: content, claimant and cue, with offsets."""
    spans = []
    for c in claims:
        spans.append({"kind": "content", "start": c.start, "end": c.end, "claim": c.id, "side": c.claimant.side})
        if c.claimant.span is not None:
            spans.append({"kind": "claimant", "start": c.claimant.span.start, "end": c.claimant.span.end,
                          "claim": c.id, "side": c.claimant.side})
        if c.cue is not None:
            spans.append({"kind": "cue", "start": c.cue.start, "end": c.cue.end, "claim": c.id,
                          "side": c.claimant.side})
    return sorted(spans, key=lambda s: (s["start"], -s["end"]))


@dataclass(frozen=True)
class Piece:
    """A run of document text and the span kinds and claims covering it (for highlighting)."""

    text: str
    kinds: tuple[str, ...]
    claims: tuple[str, ...]
    sides: tuple[str, ...]
    anchors: tuple[str, ...] = ()  # claims whose content starts here


def highlight(document: Document, spans: Sequence[dict]) -> list[Piece]:
    """Cut the text at every span boundary; each piece knows what covers it.

    Overlapping and nested spans need no nesting of tags: each piece is marked
    with every kind covering it. The pieces joined are the text, unchanged.
    """
    text = document.text
    cuts = sorted({0, len(text), *(max(0, min(len(text), s["start"])) for s in spans),
                   *(max(0, min(len(text), s["end"])) for s in spans)})
    pieces = []
    for a, b in zip(cuts, cuts[1:]):
        if a == b:
            continue
        cover = [s for s in spans if s["start"] <= a and s["end"] >= b]
        pieces.append(Piece(
            text=text[a:b],
            kinds=tuple(sorted({s["kind"] for s in cover})),
            claims=tuple(dict.fromkeys(s["claim"] for s in cover)),
            sides=tuple(sorted({s["side"] or NO_SIDE for s in cover})),
            anchors=tuple(s["claim"] for s in spans if s["kind"] == "content" and s["start"] == a),
        ))
    return pieces
