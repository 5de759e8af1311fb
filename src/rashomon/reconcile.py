"""Reconcile stage: per incident and attribute, who claims what, and a verdict.

Statuses (DESIGN.md):
- ``agreed``: independent claimants of different sides concur (sides known from the
  actor base: the parties and ``neutral``; claimants of unknown side are not a side);
- ``corroborated``: independent claimants concur, all of one side or of unknown side;
- ``contested``: values that cannot both hold (different initiators; count
  intervals that do not intersect; places or times that cannot both hold);
- ``denied``: the only opposition is an explicit rejection by another side;
- ``single_source``: one independent source.

Relays count once: a claim's source is its origin claimant, whoever passed it
on. A side's figure that changes over time (a toll rising from 2 to 5 in later
statements) is an update: the earlier, incompatible figure is kept but marked
``superseded`` and does not make the attribute contested.

Estimates follow ACLED's conservative practice: for counts, the lowest figure
consistent with every current claim, or, when they conflict, the lowest
figure any claimant gives, with the dispute noted in the reasons.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rashomon.knowledge.gazetteer import distance_km
from rashomon.knowledge.lexicons import Lexicons, default_lexicons
from rashomon.model import (
    AttributeClaim, AttributeVerdict, Claim, Count, Document, EventMention, Incident, Place,
)

logger = logging.getLogger(__name__)

#: Places named for one incident farther apart than this cannot both be where it
#: happened (same reading as incidents.PLACE_MAX_KM).
LOCATION_CONFLICT_KM = 80.0
_FAR_FUTURE = dt.datetime.max.replace(tzinfo=None)


@dataclass(frozen=True)
class _Value:
    claim: Claim
    value: object  # str | Count | Place | (date, date)
    text: str
    start: int
    end: int


def _source_key(claim: Claim, origin: dict[str, str] | None = None) -> str:
    """Who stands behind a claim: its origin claimant.

    An outlet's own voice in a syndicated copy or rewrite (``Document.relay_of``) is the
    original's voice: ``origin`` maps a copy's document id to the original's.
    """
    c = claim.claimant
    if claim.mode.value in ("narrator", "continued") and c.kind == "outlet":
        return f"outlet-of:{(origin or {}).get(claim.document, claim.document)}"
    return (c.actor or c.name).lower()


def _time_key(claim: Claim) -> tuple[dt.datetime, int]:
    """When a claim was made; within one document at one time, later in the text is later."""
    t = claim.statement_time
    if t is None:
        return _FAR_FUTURE, claim.start
    return t.replace(tzinfo=None) - (t.utcoffset() or dt.timedelta(0)), claim.start


def _counts_compatible(a: object, b: object) -> bool:
    return isinstance(a, Count) and isinstance(b, Count) and a.compatible(b)


def _equal(a: object, b: object) -> bool:
    return a == b


def _places_compatible(a: object, b: object) -> bool:
    if not (isinstance(a, Place) and isinstance(b, Place)):
        return True
    if a.lat is None or b.lat is None:
        return True
    return distance_km((a.lat, a.lon), (b.lat, b.lon)) <= LOCATION_CONFLICT_KM  # type: ignore[arg-type]


def _times_compatible(a: object, b: object) -> bool:
    (s1, e1), (s2, e2) = a, b  # type: ignore[misc]
    slack = dt.timedelta(days=1)
    return s1 - slack <= e2 and s2 - slack <= e1


def _display(value: object) -> str | Count | None:
    if isinstance(value, Count) or value is None:
        return value
    if isinstance(value, Place):
        return value.name
    if isinstance(value, tuple):
        s, e = value
        return s.isoformat() if s == e else f"{s.isoformat()}/{e.isoformat()}"
    return str(value)


def _describe(value: object) -> str:
    if isinstance(value, Count):
        if value.max is None:
            return "a number, no figure" if value.min <= 1 else f"at least {value.min}"
        return str(value.min) if value.min == value.max else f"{value.min}-{value.max}"
    return str(_display(value))


def verdict(values: Sequence[_Value], compatible: Callable[[object, object], bool], *, counts: bool,
            denied_by: Sequence[Claim] = (), origin: dict[str, str] | None = None) -> AttributeVerdict:
    """Status, estimate and reasons for one attribute of one incident."""
    # updates: a side's later figure replaces its earlier incompatible one (counts only: a toll
    # rises over a day; a side naming another initiator or place is a contradiction, not an update)
    superseded: set[int] = set()
    by_side: dict[str | None, list[int]] = defaultdict(list)
    for i, v in enumerate(values):
        by_side[v.claim.claimant.side].append(i)
    for side, idx in by_side.items():
        if side is None or not counts:
            continue
        idx.sort(key=lambda i: _time_key(values[i].claim))
        for a_pos, a in enumerate(idx):
            for b in idx[a_pos + 1:]:
                if _time_key(values[b].claim) > _time_key(values[a].claim) and not compatible(values[a].value, values[b].value):
                    superseded.add(a)
    current = [v for i, v in enumerate(values) if i not in superseded]
    sources = len({_source_key(v.claim, origin) for v in current})
    # two outlets of unknown alignment agreeing corroborate each other; they are not
    # two sides of the conflict agreeing
    sides = {v.claim.claimant.side for v in current if v.claim.claimant.side}
    conflict = [(a, b) for i, a in enumerate(current) for b in current[i + 1:]
                if _source_key(a.claim, origin) != _source_key(b.claim, origin) and not compatible(a.value, b.value)]
    reasons: list[str] = []
    for v in current:
        reasons.append(f"{v.claim.claimant.name} ({v.claim.claimant.side or 'side unknown'}): {_describe(v.value)}")
    for i in sorted(superseded):
        reasons.append(f"superseded by a later statement of the same side: {values[i].claim.claimant.name}: "
                       f"{_describe(values[i].value)}")
    estimate: str | Count | None
    if conflict:
        status = "contested"
        if counts:
            low = min(current, key=lambda v: v.value.min)  # type: ignore[union-attr]
            estimate = Count(min=low.value.min, max=low.value.min, text=low.text)  # type: ignore[union-attr]
            reasons.append(f"claims conflict; lowest figure given ({low.value.min}) is "  # type: ignore[union-attr]
                           f"{low.claim.claimant.name}'s")
        else:
            estimate = None
            reasons.append("claimants disagree; no value is taken")
    else:
        deniers = {d.claimant.side for d in denied_by} - {v.claim.claimant.side for v in current}
        if deniers and len(sides) <= 1:
            status = "denied"
            reasons.append("rejected by " + ", ".join(d.claimant.name for d in denied_by))
        elif len(sides) >= 2:
            status = "agreed"
        elif sources >= 2:
            status = "corroborated"
        else:
            status = "single_source"
        if counts:
            lo = max(v.value.min for v in current)  # type: ignore[union-attr]
            his = [v.value.max for v in current if v.value.max is not None]  # type: ignore[union-attr]
            hi = min(his) if his else None
            specific = [v for v in current if v.value.max is not None]  # type: ignore[union-attr]
            text = (min(specific, key=lambda v: v.value.min).text if specific else current[0].text)  # type: ignore[union-attr]
            if hi is not None and hi < lo:
                # one source's own figures cannot both hold (no later statement to prefer): the lowest
                low = min(current, key=lambda v: v.value.min)  # type: ignore[union-attr]
                estimate = Count(min=low.value.min, max=low.value.min, text=low.text)  # type: ignore[union-attr]
                reasons.append("a source gives figures that cannot both hold; lowest taken")
            else:
                estimate = Count(min=lo, max=hi, text=text)
            if len(current) > 1:
                reasons.append(f"lowest figure consistent with every claim: {_describe(estimate)}")
        else:
            estimate = _display(current[0].value) if current else None
    claims = tuple(
        AttributeClaim(
            claim=v.claim.id,
            claimant=v.claim.claimant.name,
            side=v.claim.claimant.side,
            value=_display(v.value),
            document=v.claim.document,
            start=v.start,
            end=v.end,
            quote=v.text,
            superseded=i in superseded,
        )
        for i, v in enumerate(values)
    )
    return AttributeVerdict(status=status, estimate=estimate, claims=claims, sources=sources,  # type: ignore[arg-type]
                            reasons=tuple(reasons))


def _outcome(m: EventMention, lex: Lexicons) -> str | None:
    low = m.text.lower()
    for label, phrases in lex.outcome_phrases.items():
        for p in phrases:
            if p in low:
                return label
    return None


def reconcile_incident(incident: Incident, mentions: Sequence[EventMention], claims: dict[str, Claim],
                       all_claims: Sequence[Claim], lexicons: Lexicons | None = None,
                       origin: dict[str, str] | None = None) -> Incident:
    """Fill an incident's attributes from its mentions' claims."""
    lex = lexicons or default_lexicons()
    values: dict[str, list[_Value]] = defaultdict(list)
    denial_mentions = [m for m in mentions if m.flags.denial]
    for m in mentions:
        if m.flags.denial:
            continue
        claim = claims[m.claim]
        for role in ("initiator", "target"):
            party = getattr(m, role)
            if party is not None and party.side and party.span is not None:
                values[role].append(_Value(claim, party.side, party.span.text, party.span.start, party.span.end))
        # casualties whose side the text does not tell ("13 militants were killed") are still
        # casualties: they become ``killed.unknown`` (etc.), so that a total is not lost
        for c in m.casualties:
            values[f"{c.kind}.{c.party}"].append(_Value(claim, c.count, c.span.text, c.span.start, c.span.end))
        for p in m.places:
            if p.span is not None:
                values["location"].append(_Value(claim, p, p.span.text, p.span.start, p.span.end))
        if m.time is not None and m.time.span is not None:
            values["time"].append(_Value(claim, (m.time.start, m.time.end), m.time.span.text,
                                         m.time.span.start, m.time.span.end))
        for w in m.weapons:
            values["weapon"].append(_Value(claim, lex.weapons.get(w.text.lower(), w.text.lower()), w.text,
                                           w.start, w.end))
        outcome = _outcome(m, lex)
        if outcome:
            values["outcome"].append(_Value(claim, outcome, m.text, m.start, m.end))
    member_claims = {m.claim for m in mentions}
    denials = [c for c in all_claims if set(c.denies) & member_claims]
    denials += [claims[m.claim] for m in denial_mentions if claims[m.claim] not in denials]
    attributes: dict[str, AttributeVerdict] = {}
    for name, vals in values.items():
        # one claim stating one value twice counts once
        unique: dict[tuple, _Value] = {}
        for v in vals:
            unique.setdefault((v.claim.id, repr(v.value)), v)
        vals = list(unique.values())
        if name.split(".")[0] in ("killed", "wounded", "captured", "missing"):
            compat, counts = _counts_compatible, True
        elif name == "location":
            compat, counts = _places_compatible, False
        elif name == "time":
            compat, counts = _times_compatible, False
        elif name in ("weapon", "outcome"):
            compat, counts = (lambda a, b: True), False  # several means or outcomes can all hold
        else:
            compat, counts = _equal, False
        denied_by = [d for d in denials if any(v.claim.id in d.denies for v in vals)
                     or (name == "initiator" and any(v.value == d.claimant.side for v in vals))]
        attributes[name] = verdict(vals, compat, counts=counts, denied_by=denied_by, origin=origin)
    neutral = tuple(dict.fromkeys(
        claims[m.claim].claimant.name for m in mentions
        if claims[m.claim].claimant.side == "neutral" and claims[m.claim].claimant.kind != "outlet"
    ))
    mention_claims = tuple(dict.fromkeys((*incident.mentions, *(d.id for d in denials))))
    return incident.model_copy(update={
        "attributes": dict(sorted(attributes.items())),
        "denials": tuple(d.id for d in denials),
        "neutral_claimants": neutral,
        "mentions": mention_claims,
        "summary": summarize(incident, attributes),
    })


def summarize(incident: Incident, attributes: dict[str, AttributeVerdict]) -> str:
    """One line in words: type, place, date and the disputed attributes."""
    where = ", ".join(p.name for p in incident.places[:3]) or "place not given"
    when = incident.date.start.isoformat() if incident.date.start else "date unknown"
    what = incident.sub_event_type or incident.event_type or "violent incident"
    disputed = [k for k, v in attributes.items() if v.status in ("contested", "denied")]
    tail = f"; disputed: {', '.join(disputed)}" if disputed else ""
    return f"{what} at {where} on {when}{tail}"


def reconcile(incidents: Sequence[Incident], mentions: Sequence[EventMention],
              claims: Sequence[Claim], lexicons: Lexicons | None = None,
              documents: Sequence[Document] = ()) -> list[Incident]:
    """Attributes, statuses and estimates for every incident.

    Args:
        documents: the run's documents; a copy (``relay_of``) and its original count as one source.
    """
    origin = {d.id: d.relay_of for d in documents if d.relay_of}
    by_id = {m.id: m for m in mentions}
    claim_map = {c.id: c for c in claims}
    return [
        reconcile_incident(inc, [by_id[i] for i in inc.event_mentions], claim_map, claims, lexicons, origin)
        for inc in incidents
    ]
