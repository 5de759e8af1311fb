"""Incidents stage: event mentions from all documents are linked into incidents.

Linking runs in two passes so that a mention is judged by the strongest
evidence available:

1. Located mentions (a resolved place with coordinates) are clustered by place
   distance and time overlap. A mention marked "another"/"a second" attack may
   not join a cluster that holds earlier mentions of its own document.
2. Mentions without a place join the cluster of their nearest already-linked
   neighbour in the same document and segment (a report names the place once
   and then keeps telling), else a cluster compatible in time and parties; a
   strong mention with nothing compatible starts its own incident.

Weak mentions ("the incidents", "a provocation") never start an incident.
Mentions flagged negated, hypothetical, forecast or historical are left out.

Cost: each mention is compared with the clusters open in its date window, so
cost grows with mentions x clusters-per-window, near-linear for news streams.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from rashomon.knowledge.gazetteer import distance_km
from rashomon.model import Claim, Document, EventMention, Incident, IncidentDate, Place
from rashomon.similarity import EMBEDDING_WEIGHT, cosine, document_features, tfidf_vectors

logger = logging.getLogger(__name__)

# ----------------------------------------------------------------- calibrated constants
#: Two located mentions are the same incident only if some pair of their places
#: lies within this distance. 80 km spans one front sector (the Nagorno-Karabakh
#: line of contact is ~200 km long, its sectors ~40-60 km apart) while keeping
#: a border village in another province apart. Set by reading, not fitted.
PLACE_MAX_KM = 80.0
#: Places this close count as the same place (strong evidence).
PLACE_SAME_KM = 30.0
#: A statement without a time expression is taken to report events of the
#: statement's day or up to this many days before.
REPORT_LAG_DAYS = 2
#: Time intervals that miss each other by this many days still match (time
#: zones, "overnight" read on either side of midnight).
TIME_SLACK_DAYS = 1
#: Weight of document similarity (cosine, 0-1) when a placeless mention chooses among
#: compatible incidents of other documents; a mention's own document outweighs any
#: similarity (5 points), and incident size only breaks ties.
SIMILARITY_WEIGHT = 4.0
#: A placeless mention follows a neighbour at most this many characters away
#: in the same document and segment (about three news paragraphs).
NEIGHBOUR_CHARS = 1500
#: Days per bucket of the time index of clusters. Only a cost setting (the index returns a
#: superset of the clusters whose days can match, which are then checked one by one): one
#: day was 2x faster than a week on the synthetic stream of benchmarks/linking.py (100
#: reports a day), since most windows are a few days long.
BUCKET_DAYS = 1
#: A window spanning more buckets than this (over a year) is indexed as "any time".
MAX_BUCKETS = 400


@dataclass
class _Cluster:
    id: int
    mentions: list[EventMention] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    days: list[tuple[dt.date, dt.date]] = field(default_factory=list)
    first_offset: dict[str, int] = field(default_factory=dict)
    sides: set[str] = field(default_factory=set)
    _place_keys: set[tuple] = field(default_factory=set, repr=False)

    def add(self, m: EventMention, window: tuple[dt.date, dt.date] | None) -> None:
        self.mentions.append(m)
        for p in m.places:
            # the same point again cannot change the smallest distance: kept once, so that a
            # cluster of many reports of one town costs one comparison, not one per report
            key = (p.lat, p.lon, p.feature, p.country, p.admin1)
            if p.lat is not None and key not in self._place_keys:
                self._place_keys.add(key)
                self.places.append(p)
        if window is not None:
            self.days.append(window)
        self.first_offset[m.document] = min(self.first_offset.get(m.document, m.start), m.start)
        for party in (m.initiator, m.target):
            if party is not None and party.side:
                self.sides.add(party.side)


def _is_area(p: Place) -> bool:
    """A country or first-level region: a container, not a point."""
    return p.feature in ("country", "admin1")


def eligible(m: EventMention) -> bool:
    """Whether a mention may take part in an incident."""
    f = m.flags
    if f.denial:
        return False  # a rejection joins an incident as a denial, never as a report of it
    if not m.violent and m.event_type is not None:
        return False  # agreements, arrests and the like are not part of a violent incident
    return not (f.negated or f.hypothetical or f.forecast or f.historical)


def ordered_denials(mentions: Sequence[EventMention]) -> list[EventMention]:
    f = [m for m in mentions if m.flags.denial and not (m.flags.hypothetical or m.flags.forecast or m.flags.historical)]
    return f


def is_strong(m: EventMention) -> bool:
    return m.violent and (m.event_type is not None or bool(m.casualties))


class Linker:
    def __init__(self, documents: Sequence[Document], claims: Sequence[Claim],
                 embeddings: Mapping[str, Sequence[float]] | None = None):
        self.docs = {d.id: d for d in documents}
        self.embeddings = embeddings or {}
        self.claims = {c.id: c for c in claims}
        self.clusters: list[_Cluster] = []
        self.assigned: dict[str, _Cluster] = {}
        self._vectors: dict[str, dict[str, float]] | None = None
        # Cost indexes only; each returns a superset of what the full scans kept, in the same order.
        self._by_bucket: dict[int, set[int]] = defaultdict(set)  # week bucket -> ids of clusters with days there
        self._any_time: set[int] = set()  # clusters with no day yet, or a day too wide to index
        self._clustered_docs: set[str] = set()
        self._local: tuple[int, dict[tuple[str, int | None], list[EventMention]]] | None = None

    def similarity(self, a: str, b: str) -> float:
        """Similarity of two documents (0-1), computed once per run.

        TF-IDF cosine over the run's documents; where both documents have sentence
        embeddings (the optional extra), the cosine of their joined rows as in
        :func:`rashomon.similarity.document_rows`: for unit blocks that is the weighted
        mean of the two cosines.
        """
        if a == b:
            return 1.0
        if self._vectors is None:
            ids = list(self.docs)
            bags = [document_features(self.docs[i].text) for i in ids]
            self._vectors = dict(zip(ids, tfidf_vectors(bags)))
        va, vb = self._vectors.get(a), self._vectors.get(b)
        lexical = cosine(va, vb) if va is not None and vb is not None else 0.0
        ea, eb = self.embeddings.get(a), self.embeddings.get(b)
        if ea is None or eb is None:
            return lexical
        w2 = EMBEDDING_WEIGHT ** 2
        meaning = max(0.0, sum(x * y for x, y in zip(ea, eb)))
        return (lexical + w2 * meaning) / (1 + w2)

    # ------------------------------------------------------------------ evidence
    def window(self, m: EventMention) -> tuple[dt.date, dt.date] | None:
        if m.time is not None and not m.time.uncertain:
            return m.time.start, m.time.end
        claim = self.claims.get(m.claim)
        if claim is None or claim.statement_time is None:
            return None
        day = claim.statement_time.date()
        if m.time is not None:  # uncertain: widen to the report lag
            return min(m.time.start, day - dt.timedelta(days=REPORT_LAG_DAYS)), max(m.time.end, day)
        return day - dt.timedelta(days=REPORT_LAG_DAYS), day

    def certain_statement_day(self, m: EventMention) -> dt.date | None:
        """The day a mention was stated, where that day is known (not a guessed lower bound)."""
        claim = self.claims.get(m.claim)
        doc = self.docs.get(m.document)
        if claim is None or claim.statement_time is None or doc is None:
            return None
        timed = claim.segment is not None and doc.segments[claim.segment].time is not None
        if timed or doc.published_basis.value in ("given", "metadata", "pinned"):
            return claim.statement_time.date()
        return None

    @staticmethod
    def _overlap(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> bool:
        slack = dt.timedelta(days=TIME_SLACK_DAYS)
        return a[0] - slack <= b[1] and b[0] - slack <= a[1]

    def time_ok(self, m: EventMention, c: _Cluster) -> bool:
        w = self.window(m)
        if w is None or not c.days:
            return True
        return any(self._overlap(w, d) for d in c.days)

    def place_distance(self, m: EventMention, c: _Cluster) -> float | None:
        """Smallest distance between the mention's places and the cluster's.

        A country or first-level region contains its places: "in Pakistan" and "near
        Balakot" are compatible (distance 0 to anything inside it, never evidence of a
        different place), and its centroid is never used as a point.
        """
        pts = [p for p in m.places if p.lat is not None]
        if not pts or not c.places:
            return None
        best: float | None = None
        for p in pts:
            for q in c.places:
                if _is_area(p) or _is_area(q):
                    if p.country and p.country == q.country and (_is_area(p) and p.feature == "country"
                                                                  or _is_area(q) and q.feature == "country"
                                                                  or p.admin1 == q.admin1):
                        d = PLACE_MAX_KM  # compatible, but weak evidence: a whole country or region
                    elif (p.feature == "country" and not q.country and not _is_area(q)) or (
                            q.feature == "country" and not p.country and not _is_area(p)):
                        # a place of no one country ("Kashmir", "the Line of Control"): a country
                        # can neither contain it for sure nor rule it out
                        d = PLACE_MAX_KM
                    else:
                        continue
                else:
                    d = distance_km((p.lat, p.lon), (q.lat, q.lon))  # type: ignore[arg-type]
                best = d if best is None else min(best, d)
        if best is None and all(_is_area(p) for p in pts) and all(_is_area(q) for q in c.places):
            return None
        return best if best is not None else PLACE_MAX_KM * 10

    def blocked(self, m: EventMention, c: _Cluster) -> bool:
        """"Another attack": not the incident its own document told of before."""
        return m.flags.another and c.first_offset.get(m.document, m.start) < m.start

    def _segment(self, m: EventMention) -> int | None:
        claim = self.claims.get(m.claim)
        return claim.segment if claim is not None else None

    # ------------------------------------------------------------------ passes
    def _order(self, mentions: Sequence[EventMention]) -> list[EventMention]:
        doc_rank = {d: i for i, d in enumerate(self.docs)}

        def key(m: EventMention) -> tuple[int, int, int]:
            doc = self.docs.get(m.document)
            seg = self._segment(m)
            order = doc.segments[seg].order if doc is not None and seg is not None else 0
            return doc_rank.get(m.document, 0), order, m.start

        return sorted(mentions, key=key)

    def _new(self, m: EventMention) -> _Cluster:
        c = _Cluster(id=len(self.clusters))
        self.clusters.append(c)
        self._any_time.add(c.id)
        self._join(m, c)
        return c

    def _join(self, m: EventMention, c: _Cluster) -> None:
        window = self.window(m)
        c.add(m, window)
        self.assigned[m.id] = c
        self._clustered_docs.add(m.document)
        if window is not None:
            self._index(c, window)

    # ------------------------------------------------------------------ cost indexes
    @staticmethod
    def _buckets(a: dt.date, b: dt.date) -> range:
        return range(a.toordinal() // BUCKET_DAYS, b.toordinal() // BUCKET_DAYS + 1)

    def _index(self, c: _Cluster, window: tuple[dt.date, dt.date]) -> None:
        """Register a day window of a cluster in the time index."""
        buckets = self._buckets(*window)
        if len(buckets) > MAX_BUCKETS:
            self._any_time.add(c.id)
            return
        if len(c.days) == 1 and c.id in self._any_time:
            self._any_time.discard(c.id)  # its first day: from now on only matching days pass time_ok
        for k in buckets:
            self._by_bucket[k].add(c.id)

    def _candidates(self, m: EventMention) -> list[_Cluster]:
        """The clusters that can pass :meth:`time_ok` for ``m``, in creation order.

        Linking compares a mention only with the clusters open in its date window
        (plus those with no date), so its cost grows with mentions x clusters per
        window rather than with mentions x all clusters.
        """
        w = self.window(m)
        if w is None:
            return self.clusters
        slack = dt.timedelta(days=TIME_SLACK_DAYS)
        buckets = self._buckets(w[0] - slack, w[1] + slack)
        if len(buckets) > MAX_BUCKETS:
            return self.clusters
        ids = set(self._any_time)
        for k in buckets:
            ids |= self._by_bucket.get(k, set())
        return [self.clusters[i] for i in sorted(ids)]

    def _same_segment(self, m: EventMention, linked: Sequence[EventMention]) -> list[EventMention]:
        """The mentions of ``linked`` in ``m``'s document and segment, in ``linked``'s order."""
        if self._local is None or self._local[0] != id(linked):
            groups: dict[tuple[str, int | None], list[EventMention]] = defaultdict(list)
            for o in linked:
                groups[(o.document, self._segment(o))].append(o)
            self._local = (id(linked), groups)
        return self._local[1].get((m.document, self._segment(m)), [])

    def link_located(self, mentions: Sequence[EventMention]) -> None:
        for m in mentions:
            best: tuple[float, _Cluster] | None = None
            for c in self._candidates(m):
                if self.blocked(m, c) or not self.time_ok(m, c):
                    continue
                d = self.place_distance(m, c)
                if d is None or d > PLACE_MAX_KM:
                    continue
                score = 2.0 if d <= PLACE_SAME_KM else 1.0
                if m.document in c.first_offset:
                    score += 0.5
                if best is None or score > best[0]:
                    best = (score, c)
            if best is not None:
                self._join(m, best[1])
            elif is_strong(m):
                self._new(m)

    def neighbour(self, m: EventMention, linked: Sequence[EventMention]) -> _Cluster | None:
        seg = self._segment(m)
        best: tuple[int, _Cluster] | None = None
        for o in self._same_segment(m, linked):
            if o.document != m.document or self._segment(o) != seg or o.id not in self.assigned:
                continue
            gap = m.start - o.end if o.end <= m.start else o.start - m.end
            gap = max(gap, 0)
            if o.start > m.start:
                gap += 200  # a report names the place first and then tells: prefer what came before
            if gap > NEIGHBOUR_CHARS:
                continue
            c = self.assigned[o.id]
            if self.blocked(m, c) or not self.time_ok(m, c):
                continue
            if best is None or gap < best[0]:
                best = (gap, c)
        return best[1] if best else None

    def link_unlocated(self, mentions: Sequence[EventMention], all_ordered: Sequence[EventMention]) -> None:
        for m in mentions:
            if m.flags.another and is_strong(m):
                if m.document in self._clustered_docs:  # some cluster already holds this document
                    self._new(m)
                    continue
            c = self.neighbour(m, all_ordered)
            if c is None:
                c = self._compatible(m)
            if c is not None:
                self._join(m, c)
            elif is_strong(m) and (m.initiator is not None or m.casualties):
                self._new(m)

    def _compatible(self, m: EventMention) -> _Cluster | None:
        sides = {p.side for p in (m.initiator, m.target) if p is not None and p.side}
        sides |= {c.party for c in m.casualties if c.party not in ("civilians", "unknown")}
        best: tuple[float, _Cluster] | None = None
        for c in self._candidates(m):
            if self.blocked(m, c) or not self.time_ok(m, c) or not c.days:
                continue
            if sides and c.sides and not (sides & c.sides):
                continue
            if not sides and not c.sides:
                continue
            # the same document first, then the reports most alike in words, then the larger incident
            sim = max(self.similarity(m.document, d) for d in c.first_offset)
            score = (5 if m.document in c.first_offset else 0) + SIMILARITY_WEIGHT * sim + 0.01 * len(c.mentions)
            if best is None or score > best[0]:
                best = (score, c)
        return best[1] if best else None

    def run(self, mentions: Sequence[EventMention]) -> list[list[EventMention]]:
        ordered = self._order([m for m in mentions if eligible(m)])
        located = [m for m in ordered if any(p.lat is not None for p in m.places)]
        self.link_located(located)
        located_ids = {m.id for m in located}
        self.link_unlocated([m for m in ordered if m.id not in self.assigned and m.id not in located_ids], ordered)
        kept = [c for c in self.clusters if any(is_strong(m) for m in c.mentions)]
        # denials ("Russia denied carrying out the strike") join the incident they reject
        for m in ordered_denials(self._order(mentions)):
            c = self.neighbour(m, ordered) or self._compatible(m) or self._by_place(m)
            if c is not None and c in kept:
                c.mentions.append(m)
        return [c.mentions for c in kept]

    def _by_place(self, m: EventMention) -> _Cluster | None:
        for c in self._candidates(m):
            d = self.place_distance(m, c)
            if d is not None and d <= PLACE_SAME_KM and self.time_ok(m, c):
                return c
        return None


def incident_date(mentions: Sequence[EventMention], statement_days: Sequence[dt.date] = ()) -> IncidentDate:
    """The incident's day: the most reported precise day, else the narrowest interval, else the report day."""
    precise = [m.time for m in mentions if m.time is not None and not m.time.uncertain]
    days = Counter(t.start for t in precise if t.precision == 1 and t.start == t.end)
    if days:
        day, _ = days.most_common(1)[0]
        return IncidentDate(start=day, end=day, precision=1)
    if precise:
        start = max(t.start for t in precise)
        end = min(t.end for t in precise)
        if start <= end:
            return IncidentDate(start=start, end=end, precision=1 if start == end else 2)
        t = min(precise, key=lambda x: (x.end - x.start))
        return IncidentDate(start=t.start, end=t.end, precision=t.precision)
    uncertain = [m.time for m in mentions if m.time is not None]
    if statement_days and not uncertain:
        # no time expression at all: the reports' first day, the event that day or shortly before
        day = min(statement_days)
        return IncidentDate(start=day, end=day, precision=2)
    if uncertain:
        t = uncertain[0]
        return IncidentDate(start=t.start, end=t.end, precision=max(2, t.precision), uncertain=True)
    return IncidentDate(precision=3, uncertain=True)


def _unique_places(mentions: Sequence[EventMention]) -> tuple[Place, ...]:
    seen: dict[tuple, Place] = {}
    for m in mentions:
        for p in m.places:
            key = (p.geonameid, p.name.lower()) if p.geonameid else (None, p.name.lower())
            seen.setdefault(key, p)
    return tuple(seen.values())


def _type(mentions: Sequence[EventMention]) -> tuple[str | None, str | None]:
    counts = Counter((m.event_type, m.sub_event_type) for m in mentions if m.event_type and m.violent)
    if not counts:
        return None, None
    return counts.most_common(1)[0][0]


def link_incidents(documents: Sequence[Document], claims: Sequence[Claim],
                   mentions: Sequence[EventMention],
                   embeddings: Mapping[str, Sequence[float]] | None = None) -> list[Incident]:
    """Link mentions from all documents into incidents (attributes are filled by reconcile).

    Args:
        documents: every document of the run, in input order.
        claims: their claims.
        mentions: their event mentions.
        embeddings: document id -> unit sentence-embedding vector (optional extra); when
            given, document similarity uses them beside TF-IDF.

    Returns:
        Incidents ordered by date then first appearance, ids ``i1``, ``i2``, ...
    """
    linker = Linker(documents, claims, embeddings)
    groups = linker.run(mentions)
    drafts = []
    for group in groups:
        days = [linker.certain_statement_day(m) for m in group]
        date = incident_date(group, [d for d in days if d is not None])
        event_type, sub_type = _type(group)
        docs = tuple(dict.fromkeys(m.document for m in group))
        drafts.append(Incident(
            id="",
            date=date,
            event_type=event_type,
            sub_event_type=sub_type,
            places=_unique_places(group),
            documents=docs,
            mentions=tuple(dict.fromkeys(m.claim for m in group)),
            event_mentions=tuple(m.id for m in group),
        ))
    drafts.sort(key=lambda i: (i.date.start or dt.date.max))
    return [d.model_copy(update={"id": f"i{k + 1}"}) for k, d in enumerate(drafts)]
