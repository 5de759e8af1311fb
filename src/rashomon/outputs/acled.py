"""Incidents as ACLED rows: ACLED's current export columns, filled where the analysis knows them.

One row per incident, in the column order of ACLED's current exports (the ``acled`` evaluation set has the same
header). What is filled, and how:

- ``actor1`` / ``actor2``: ACLED-style names from the initiator and target sides. A side that is a country's (the
  actor base maps countries to sides) gives "Military Forces of <Country>" — without ACLED's regime years, which
  rashomon cannot know; a non-state party named in the claims gives its own name ("Hamas"); civilians give
  "Civilians (<Country of the place>)".
- A **contested initiator** is never resolved in favour of one side. In a battle whose initiator is disputed
  between exactly two sides, both took part by every account, so they are ``actor1`` and ``actor2`` in
  alphabetical order (the order then carries no meaning; the notes say who blames whom). Otherwise ``actor1`` is
  "Unidentified Military Forces" when every accused party is a state's forces, else
  "Unidentified Armed Group (<Country>)"; the notes name both accusations.
- ``actor2`` is the civilians when the event is violence against civilians, when civilians are the target, or
  when civilians are the only casualties claimed (ACLED codes the victims); ``civilian_targeting`` is then
  "Civilian targeting".
- ``inter1`` / ``inter2`` use ACLED's current labels: a state's forces are "State forces" in their own country
  and "External/Other forces" elsewhere; unidentified armed groups are "Political militia"; civilians
  "Civilians". Non-state parties' and unidentified forces' codes are left empty: the claims do not say whether a
  group is a rebel group or a militia. ``interaction`` joins both in ACLED's code order, or "<inter1> only".
- ``iso``, ``country``, ``region`` from the place's country code (:mod:`rashomon.outputs.countries`);
  ``admin1`` from the gazetteer's names of first-order divisions (GeoNames codes -> names);
  ``geo_precision`` 1 for a town, 2 for a named feature (a border, a line of contact), 3 for a province or a
  country.
- ``notes``: who said what, side by side, then denials, the disputed attributes and how fatalities were coded.
- ``fatalities``: the conservative estimate (the sum of the lower bounds of each party's estimated deaths).
- ``tags``: "disputed" when any attribute is contested, "denied" when a claim is denied; ``timestamp``: the
  run's Unix time.

Reference: ACLED Codebook (2024), sections "Actor Names, Types, and 'Inter' Codes", "Spatial precision codes",
"Time precision codes", "Reported Fatalities" and "Notes".
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rashomon.knowledge.actors import ActorBase
from rashomon.model import Analysis, AttributeClaim, Claim, Count, EventMention, Incident, Place
from rashomon.outputs.countries import countries, country

logger = logging.getLogger(__name__)

#: ACLED's current export columns, in ACLED's order.
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)

#: ACLED's actor types ("inter" labels) in the order of their former numeric codes 1-8; interactions list the
#: lower code first ("State forces-Rebel group").
INTER_ORDER = ("State forces", "Rebel group", "Political militia", "Identity militia", "Rioters", "Protesters",
               "Civilians", "External/Other forces")
STATE, MILITIA, CIVILIANS, EXTERNAL = INTER_ORDER[0], INTER_ORDER[2], INTER_ORDER[6], INTER_ORDER[7]

_DISORDER = {
    "Battles": "Political violence", "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence", "Protests": "Demonstrations", "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
#: How notes name each ACLED sub-event type.
_EVENT_WORDS = {
    "Armed clash": "an armed clash", "Government regains territory": "a government recapture of territory",
    "Non-state actor overtakes territory": "a takeover of territory by a non-state group",
    "Shelling/artillery/missile attack": "shelling, artillery or missile fire",
    "Air/drone strike": "an air or drone strike", "Suicide bomb": "a suicide bombing",
    "Remote explosive/landmine/IED": "an explosive device or mine blast", "Grenade": "a grenade attack",
    "Chemical weapon": "a chemical weapon attack", "Attack": "an attack on civilians",
    "Abduction/forced disappearance": "an abduction", "Sexual violence": "sexual violence",
}
#: Country names that ACLED writes with "the" ("Military Forces of the United States").
_WITH_ARTICLE_PREFIXES = ("United ", "Democratic Republic", "Republic of", "Central African", "Czech Republic",
                          "Dominican Republic")
_WITH_ARTICLE = frozenset({"Netherlands", "Philippines", "Gambia", "Bahamas", "Comoros", "Maldives",
                           "Seychelles", "Solomon Islands", "Marshall Islands", "Cayman Islands"})
_COUNT_KINDS = ("killed", "wounded", "captured", "missing")
_NON_STATE_KINDS = frozenset({"group", "armed_force"})


@dataclass(frozen=True)
class Party:
    """An ACLED actor: its name, its inter label ('' when unknown) and, for a state's forces, the country."""

    name: str
    inter: str = ""
    state: str | None = None


def _country_name(iso2: str, actors: ActorBase) -> str:
    try:
        return actors.get(iso2).name
    except KeyError:
        c = country(iso2)
        return c.name if c else iso2


def _article(name: str) -> str:
    return f"the {name}" if name.startswith(_WITH_ARTICLE_PREFIXES) or name in _WITH_ARTICLE else name


def side_label(side: str | None, actors: ActorBase) -> str:
    """A side id in words: "Armenian side", "al-Shabaab"; "unattributed" for None."""
    if not side:
        return "unattributed"
    if side == "neutral":
        return "neutral"
    try:
        return actors.get(f"side.{side}").name
    except KeyError:
        return side.replace("_", " ").title()


def side_adjective(side: str, actors: ActorBase) -> str:
    """A side as an adjective for notes: "Armenian", "al-Shabaab"."""
    label = side_label(side, actors)
    for tail in (" federal side", " government side", " side"):
        if label.endswith(tail):
            return label[: -len(tail)]
    return label


class _Sides:
    """Side id to country code(s), inverted from the actor base's country table once per base."""

    def __init__(self, actors: ActorBase) -> None:
        codes: set[str] = set(countries())
        by_side: dict[str, list[str]] = {}
        for iso2 in sorted(codes):
            side = actors.side_of_country(iso2)
            if side:
                by_side.setdefault(side, []).append(iso2)
        self.by_side = by_side

    def country_of(self, side: str) -> str | None:
        found = self.by_side.get(side, [])
        return found[0] if len(found) == 1 else None


class AcledCoder:
    """Turns an :class:`~rashomon.model.Analysis` into ACLED rows; build once per actor base."""

    def __init__(self, actors: ActorBase | None = None) -> None:
        self.actors = actors or ActorBase.default()
        self.sides = _Sides(self.actors)

    # ------------------------------------------------------------------ actors

    def party(self, side: str, named: Iterable[str], event_country: str | None) -> Party:
        """The ACLED actor for a side, preferring a non-state group that the claims name for it."""
        if side == "civilians":
            return self.civilians(event_country)
        actor_objs = []
        for actor_id in named:
            try:
                actor_objs.append(self.actors.get(actor_id))
            except KeyError:
                continue
        groups = Counter(a.name for a in actor_objs if a.side == side and a.kind in _NON_STATE_KINDS
                         and not a.id.startswith("side.") and "." not in a.id)
        if groups:
            return Party(groups.most_common(1)[0][0])
        states = [a.country for a in actor_objs if a.side == side and a.country]
        iso2 = Counter(states).most_common(1)[0][0] if states else self.sides.country_of(side)
        if iso2 and self.actors.side_of_country(iso2) == side:
            inter = "" if event_country is None else STATE if iso2 == event_country else EXTERNAL
            return Party(f"Military Forces of {_article(_country_name(iso2, self.actors))}", inter, iso2)
        return Party(side_label(side, self.actors))

    def civilians(self, event_country: str | None) -> Party:
        where = _country_name(event_country, self.actors) if event_country else ""
        return Party(f"Civilians ({where})" if where else "Civilians", CIVILIANS)

    # ------------------------------------------------------------------ rows

    def rows(self, analysis: Analysis, *, timestamp: int | None = None) -> list[dict[str, Any]]:
        """One dict per incident, keyed by :data:`ACLED_COLUMNS`."""
        stamp = int(time.time()) if timestamp is None else int(timestamp)
        claims = {c.id: c for c in analysis.claims}
        mentions = {m.id: m for m in analysis.mentions}
        outlets = {d.id: d.outlet or d.source for d in analysis.documents}
        return [self.row(inc, claims, mentions, outlets, stamp) for inc in analysis.incidents]

    def row(self, inc: Incident, claims: dict[str, Claim], mentions: dict[str, EventMention],
            outlets: dict[str, str], timestamp: int) -> dict[str, Any]:
        place = primary_place(inc)
        iso2 = place.country if place else None
        info = country(iso2)
        named = self._named_actors(inc, mentions)
        actor1, actor2, civilian_targeting = self._actors(inc, named, iso2)
        inter1, inter2 = (actor1.inter if actor1 else ""), (actor2.inter if actor2 else "")
        if inter1 and actor2 and inter2:
            interaction = "-".join(sorted((inter1, inter2), key=INTER_ORDER.index))
        elif inter1 and actor2 is None:
            interaction = f"{inter1} only"
        else:
            interaction = ""
        start = inc.date.start
        return {
            "event_id_cnty": f"RSH-{inc.id}",
            "event_date": start.isoformat() if start else "",
            "year": start.year if start else "",
            "time_precision": inc.date.precision,
            "disorder_type": _DISORDER.get(inc.event_type or "", ""),
            "event_type": inc.event_type or "",
            "sub_event_type": inc.sub_event_type or "",
            "actor1": actor1.name if actor1 else "",
            "assoc_actor_1": "",
            "inter1": inter1,
            "actor2": actor2.name if actor2 else "",
            "assoc_actor_2": self._assoc2(inc, actor2, iso2),
            "inter2": inter2,
            "interaction": interaction,
            "civilian_targeting": "Civilian targeting" if civilian_targeting else "",
            "iso": info.numeric if info and info.numeric is not None else "",
            "region": info.region if info else "",
            "country": _country_name(iso2, self.actors) if iso2 else "",
            "admin1": self._admin1(place),
            "admin2": "",
            "admin3": "",
            "location": place.name if place else "",
            "latitude": round(place.lat, 4) if place and place.lat is not None else "",
            "longitude": round(place.lon, 4) if place and place.lon is not None else "",
            "geo_precision": _GEO_PRECISION.get(place.feature, 3) if place else "",
            "source": "; ".join(dict.fromkeys(outlets.get(d, d) for d in inc.documents)),
            "source_scale": "",
            "notes": self.notes(inc, claims),
            "fatalities": fatalities(inc),
            "tags": "; ".join(tags(inc)),
            "timestamp": timestamp,
        }

    def _named_actors(self, inc: Incident, mentions: dict[str, EventMention]) -> list[str]:
        out = []
        for mid in inc.event_mentions:
            m = mentions.get(mid)
            for ref in (m.initiator, m.target) if m else ():
                if ref is not None and ref.actor:
                    out.append(ref.actor)
        return out

    def _actors(self, inc: Incident, named: list[str], iso2: str | None) -> tuple[Party | None, Party | None, bool]:
        initiator, target = inc.attributes.get("initiator"), inc.attributes.get("target")
        actor1: Party | None = None
        actor2: Party | None = None
        if initiator is not None and initiator.status == "contested":
            accused = sorted({c.value for c in initiator.claims if isinstance(c.value, str) and not c.superseded})
            parties = [self.party(s, named, iso2) for s in accused]
            if inc.event_type == "Battles" and len(parties) == 2:
                actor1, actor2 = sorted(parties, key=lambda p: p.name)
            elif parties and all(p.state for p in parties):
                actor1 = Party("Unidentified Military Forces")
            else:
                where = _country_name(iso2, self.actors) if iso2 else ""
                actor1 = Party(f"Unidentified Armed Group ({where})" if where else "Unidentified Armed Group",
                               MILITIA)
        elif initiator is not None and isinstance(initiator.estimate, str):
            actor1 = self.party(initiator.estimate, named, iso2)
        target_side = target.estimate if target is not None and isinstance(target.estimate, str) else None
        civ = (inc.event_type == "Violence against civilians" or target_side == "civilians"
               or _only_civilian_casualties(inc))
        if actor2 is None:
            if civ:
                actor2 = self.civilians(iso2)
            elif target_side and (actor1 is None or target_side != (initiator.estimate if initiator else None)):
                actor2 = self.party(target_side, named, iso2)
        return actor1, actor2, civ

    @staticmethod
    def _admin1(place) -> str:
        """The first-level division's name: the place itself, or the one its admin1 code names."""
        if place is None:
            return ""
        if place.feature == "admin1":
            return place.name
        if not place.admin1 or not place.country:
            return ""
        try:
            from rashomon.knowledge.gazetteer import Gazetteer

            return Gazetteer.default().admin1_name(place.country, place.admin1) or ""
        except Exception:  # noqa: BLE001 - the column stays empty rather than failing an export
            return ""

    def _assoc2(self, inc: Incident, actor2: Party | None, iso2: str | None) -> str:
        if actor2 is None or actor2.inter == CIVILIANS:
            return ""
        civ = [v.estimate for k, v in inc.attributes.items()
               if k in ("killed.civilians", "wounded.civilians") and isinstance(v.estimate, Count) and v.estimate.min]
        return self.civilians(iso2).name if civ else ""

    # ------------------------------------------------------------------ notes

    def notes(self, inc: Incident, claims: dict[str, Claim]) -> str:
        """The notes column: what happened by whose account, denials, disputes and the fatality coding."""
        parts = [_opening(inc, self.actors)]
        by_claimant: dict[tuple[str, str | None], list[tuple[int, str]]] = {}
        order: list[tuple[str, str | None]] = []
        for name, verdict in inc.attributes.items():
            for ac in verdict.claims:
                clause = self._clause(name, ac)
                if clause is None:
                    continue
                key = (ac.claimant, ac.side)
                if key not in by_claimant:
                    by_claimant[key] = []
                    order.append(key)
                if clause not in by_claimant[key]:
                    by_claimant[key].append(clause)
        rank = _side_rank(order)
        for key in sorted(order, key=lambda k: (rank[k[1]], order.index(k))):
            claimant, side = key
            label = side_label(side, self.actors)
            clauses = [text for _, text in sorted(by_claimant[key], key=lambda c: c[0])]
            parts.append(f"{_cap(claimant)} ({label}): {'; '.join(clauses)}.")
        for cid in inc.denials:
            denial = claims.get(cid)
            if denial is not None:
                parts.append(f"{_cap(denial.claimant.name)} ({side_label(denial.claimant.side, self.actors)}) "
                             f"denied: \"{_trim(denial.quote)}\".")
        disputed = [k for k, v in inc.attributes.items() if v.status == "contested"]
        denied = [k for k, v in inc.attributes.items() if v.status == "denied"]
        if disputed:
            parts.append(f"Disputed: {', '.join(disputed)}.")
        if denied:
            parts.append(f"Denied: {', '.join(denied)}.")
        killed = [k for k in inc.attributes if k.startswith("killed.")]
        if killed:
            parts.append(f"Fatalities coded as {fatalities(inc)}, the lowest figure consistent with the claims.")
        return " ".join(parts)

    def _clause(self, name: str, ac: AttributeClaim) -> tuple[int, str] | None:
        kind, _, party = name.partition(".")
        value = ac.value
        later = " (later revised)" if ac.superseded else ""
        if kind in _COUNT_KINDS and isinstance(value, Count):
            n = count_words(value)
            if party == "civilians":
                return 2, f"civilians {kind}: {'none' if n == 'no' else n}{later}"
            who = "of unknown side" if party == "unknown" else f"on the {side_adjective(party, self.actors)} side"
            return 2, f"{kind} {who}: {'none' if n == 'no' else n}{later}"
        if not isinstance(value, str) or not value:
            return None
        if kind == "initiator":
            return 0, f"attack by {side_adjective(value, self.actors)} forces{later}"
        if kind == "target":
            return 1, f"against {side_adjective(value, self.actors)} forces{later}"
        if kind == "weapon":
            return 3, f"using {value}{later}"
        if kind == "outcome":
            return 4, f"outcome: {value}{later}"
        return None  # location and time are in the opening sentence and in the disputed list


_GEO_PRECISION = {"place": 1, "feature": 2, "admin1": 3, "country": 3, "unresolved": 3}
_PLACE_RANK = {"place": 0, "feature": 1, "admin1": 2, "country": 3, "unresolved": 4}


def primary_place(inc: Incident) -> Place | None:
    """The incident's most precise place.

    The agreed location when there is one; else, among the places in the country most of the incident's places
    are in (a stray homonym elsewhere does not win), the most precise kind (town, feature, province, country),
    then the most often claimed, then the first named.
    """
    located = [p for p in inc.places if p.lat is not None and p.lon is not None] or list(inc.places)
    if not located:
        return None
    verdict = inc.attributes.get("location")
    if verdict is not None and isinstance(verdict.estimate, str):
        for p in located:
            if p.name == verdict.estimate:
                return p
    claimed = Counter(c.value for c in verdict.claims if isinstance(c.value, str)) if verdict else Counter()
    votes = Counter(p.country for p in located if p.country)
    if votes:
        top = votes.most_common(1)[0][0]
        located = [p for p in located if p.country in (top, None)]
    return min(located, key=lambda p: (_PLACE_RANK.get(p.feature, 4), -claimed.get(p.name, 0),
                                       located.index(p)))


def fatalities(inc: Incident) -> int:
    """The conservative death toll: the lower bounds of each party's estimated deaths, added up."""
    return sum(v.estimate.min for k, v in inc.attributes.items()
               if k.startswith("killed.") and isinstance(v.estimate, Count))


def tags(inc: Incident) -> list[str]:
    """ACLED-style tags: "disputed" when an attribute is contested, "denied" when a claim is denied."""
    out = []
    if any(v.status == "contested" for v in inc.attributes.values()):
        out.append("disputed")
    if inc.denials or any(v.status == "denied" for v in inc.attributes.values()):
        out.append("denied")
    return out


def count_words(c: Count) -> str:
    """A count in words: "no", "5", "at least 2", "45-56"."""
    if c.max is None:
        return f"at least {c.min}"
    if c.min == c.max:
        return "no" if c.min == 0 else str(c.min)
    return f"{c.min}-{c.max}"


def date_words(inc: Incident) -> str:
    """The incident's date as the notes open: "On 25 February 2017", "Around ...", "In February 2017"."""
    start, end, precision = inc.date.start, inc.date.end, inc.date.precision
    if start is None:
        return "On an unknown date"
    day = f"{start.day} {start:%B %Y}"
    if precision >= 3:
        text = f"In {start:%B %Y}"
    elif precision == 2 or (end is not None and end != start):
        text = f"Around {day}"
    else:
        text = f"On {day}"
    return text + (" (date uncertain)" if inc.date.uncertain else "")


def _opening(inc: Incident, actors: ActorBase) -> str:
    what = _EVENT_WORDS.get(inc.sub_event_type or "") or (
        f"an event of type {inc.event_type}" if inc.event_type else "a violent incident")
    primary = primary_place(inc)
    where = ""
    if primary is not None:
        same = [p for p in sorted(inc.places, key=lambda p: _PLACE_RANK.get(p.feature, 4))
                if p is not primary and p.feature in ("place", "feature", "admin1")
                and p.country in (primary.country, None)]
        names = list(dict.fromkeys([primary.name] + [p.name for p in same]))[:3]
        where = f" at {', '.join(names)}"
        if primary.country:
            where += f" ({_country_name(primary.country, actors)})"
    return f"{date_words(inc)}, {what} was reported{where}."


def _side_rank(keys: list[tuple[str, str | None]]) -> dict[str | None, int]:
    rank: dict[str | None, int] = {}
    for _, side in keys:
        if side not in rank:
            rank[side] = len(rank)
    for late in ("neutral", None):  # neutral and unattributed claimants after the parties
        if late in rank:
            rank[late] = 1000 + (late is None)
    return rank


def _only_civilian_casualties(inc: Incident) -> bool:
    civ = [v for k, v in inc.attributes.items() if k.endswith(".civilians") and k.split(".")[0] in _COUNT_KINDS]
    others = [k for k in inc.attributes if k.split(".")[0] in ("killed", "wounded") and not k.endswith(".civilians")]
    return bool(civ) and not others and any(isinstance(v.estimate, Count) and v.estimate.min > 0 for v in civ)


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _trim(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def acled_rows(analysis: Analysis, *, actors: ActorBase | None = None,
               timestamp: int | None = None) -> list[dict[str, Any]]:
    """One ACLED row (a dict keyed by :data:`ACLED_COLUMNS`) per incident.

    Args:
        analysis: the run's result.
        actors: the actor base used to name the sides (default: the shipped one).
        timestamp: the ``timestamp`` column (default: now, as Unix time).
    """
    return AcledCoder(actors).rows(analysis, timestamp=timestamp)

