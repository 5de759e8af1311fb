"""Incremental linking: new mentions merge into stored incidents without re-running everything.

Blocking by date. Each stored mention keeps its linking window (the days the
event can have happened: its time expression, else the statement's day minus
``incidents.REPORT_LAG_DAYS``; ``incidents.Linker.window``). Two mentions whose
windows miss each other by more than ``incidents.TIME_SLACK_DAYS`` can never be
linked, so a new mention only needs the stored mentions whose windows overlap
its own. For the documents not linked yet:

1. their mentions' windows are merged into disjoint date ranges (padded by the slack);
2. per range, in one transaction: the stored mentions whose window meets the
   range are loaded, closed under incident membership (every mention of an
   incident they belong to), with the documents and claims they come from;
3. ``link_incidents`` and ``reconcile`` run on that subset;
4. the incidents found replace the ones the subset touched.

Mentions without any window (an undated document with no time expression)
can only be blocked by their document: a document's undated mentions go with
its first dated range; those of a document with no dated mention at all are
linked with every stored undated mention.

Incident ids. Incidents are numbered ``i1``, ``i2``, ... in order of creation
(a counter in ``store_meta``; numbers are never reused). A new incident keeps
the id of an old one whose mentions it all contains (its membership only grew);
when it contains several, the oldest id is kept and the others become aliases
(reason ``merged``). Any other old incident (it lost mentions, or was split)
is retired and its id aliased to the new incident holding most of its old
mentions (reason ``split``), or to nothing if none. ``Store.incident`` follows aliases.

Concurrency. Each range is re-linked in one transaction that first updates the
``next_incident`` row, which serialises re-linking across processes on both
SQLite (the write lock) and PostgreSQL (the row lock).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, and_, delete, select, update

from rashomon.incidents import TIME_SLACK_DAYS, link_incidents
from rashomon.model import Claim, Document, EventMention, Incident
from rashomon.reconcile import reconcile
from rashomon.store.engine import write_transaction
from rashomon.store.schema import claims as claims_t
from rashomon.store.schema import documents as documents_t
from rashomon.store.schema import incident_aliases as aliases_t
from rashomon.store.schema import incident_tags as tags_t
from rashomon.store.schema import incidents as incidents_t
from rashomon.store.schema import mentions as mentions_t
from rashomon.store.schema import store_meta

logger = logging.getLogger(__name__)

#: Windows closer than this are linked together (the linker's own slack: two
#: windows that miss each other by more can never share an incident).
PAD = dt.timedelta(days=TIME_SLACK_DAYS)
IN_CHUNK = 500


@dataclass
class _Range:
    start: dt.date | None  # None: the undated group
    end: dt.date | None
    undated_docs: set[str]


def _chunks(items: Sequence, size: int = IN_CHUNK):
    for k in range(0, len(items), size):
        yield items[k:k + size]


def pending_ranges(rows: Sequence[tuple[str, dt.date | None, dt.date | None]]) -> list[_Range]:
    """Disjoint date ranges covering the windows of (document id, start, end) rows.

    Windows closer than :data:`PAD` share a range. A document's undated
    mentions go with the range of its earliest dated window; documents with no
    dated mention form one last range with no dates.
    """
    dated = sorted((s, e, d) for d, s, e in rows if s is not None)
    ranges: list[_Range] = []
    for start, end, _doc in dated:
        if ranges and start - PAD <= ranges[-1].end:
            ranges[-1].end = max(ranges[-1].end, end)
        else:
            ranges.append(_Range(start, end, set()))
    first: dict[str, dt.date] = {}
    for start, _end, doc in dated:
        first.setdefault(doc, start)
    undated = {d for d, s, _e in rows if s is None}
    leftover: set[str] = set()
    for doc in undated:
        if doc in first:
            rng = next(r for r in ranges if r.start <= first[doc] <= r.end)
            rng.undated_docs.add(doc)
        else:
            leftover.add(doc)
    if leftover:
        ranges.append(_Range(None, None, leftover))
    return ranges


def relink_pending(engine: Engine, *, similarity: str = "lexical") -> tuple[list[str], list[tuple[str, str]]]:
    """Link the documents marked ``linked = false`` into the stored incidents.

    ``similarity="embeddings"`` joins sentence embeddings to the linker's TF-IDF similarity
    (optional extra). A document's embedding depends on its text alone, so relinking a
    subset gives the same vectors as a whole batch.

    Returns:
        (ids of incidents created or changed, (retired id, successor id) pairs).
    """
    with engine.connect() as conn:
        pending = [r[0] for r in conn.execute(select(documents_t.c.id).where(documents_t.c.linked.is_(False)))]
        rows: list[tuple[str, dt.date | None, dt.date | None]] = []
        for chunk in _chunks(pending):
            rows.extend(conn.execute(select(mentions_t.c.document_id, mentions_t.c.window_start,
                                            mentions_t.c.window_end)
                                     .where(mentions_t.c.document_id.in_(chunk))))
    if not pending:
        return [], []
    changed: list[str] = []
    retired: list[tuple[str, str]] = []
    for rng in pending_ranges(rows):
        with write_transaction(engine) as conn:
            c, r = _relink_range(conn, rng, similarity)
        changed.extend(c)
        retired.extend(r)
    with write_transaction(engine) as conn:
        for chunk in _chunks(pending):
            conn.execute(update(documents_t).where(documents_t.c.id.in_(chunk)).values(linked=True))
    changed = list(dict.fromkeys(i for i in changed if i not in {old for old, _ in retired}))
    logger.info("linked %d document(s): %d incident(s) created or changed, %d retired",
                len(pending), len(changed), len(retired))
    return changed, retired


def _lock(conn: Connection) -> int:
    """Take the re-linking lock (first write of the transaction) and read the incident counter."""
    conn.execute(update(store_meta).where(store_meta.c.key == "next_incident")
                 .values(value=store_meta.c.value))
    return int(conn.execute(select(store_meta.c.value).where(store_meta.c.key == "next_incident")).scalar_one())


def _load_subset(conn: Connection, rng: _Range) -> tuple[dict[str, tuple[EventMention, str | None]], set[str]]:
    """Mentions of the range, closed under incident membership: id -> (mention, stored incident id)."""
    m = mentions_t.c
    cols = (m.id, m.incident_id, m.data)
    found: dict[str, tuple[EventMention, str | None]] = {}

    def take(rows) -> None:
        for mid, inc, data in rows:
            if mid not in found:
                found[mid] = (EventMention.model_validate_json(data), inc)

    if rng.start is not None:
        take(conn.execute(select(*cols).where(and_(m.window_start <= rng.end + PAD,
                                                   m.window_end >= rng.start - PAD))))
        for chunk in _chunks(sorted(rng.undated_docs)):
            take(conn.execute(select(*cols).where(and_(m.document_id.in_(chunk), m.window_start.is_(None)))))
    else:
        take(conn.execute(select(*cols).where(m.window_start.is_(None))))
    # closure: every mention of every incident touched (one step suffices: a mention is in one incident)
    touched = {inc for _m, inc in found.values() if inc is not None}
    for chunk in _chunks(sorted(touched)):
        take(conn.execute(select(*cols).where(m.incident_id.in_(chunk))))
        for (data,) in conn.execute(select(incidents_t.c.data).where(incidents_t.c.id.in_(chunk))):
            members = json.loads(data).get("event_mentions", [])
            missing = [x for x in members if x not in found]
            for sub in _chunks(missing):
                take(conn.execute(select(*cols).where(m.id.in_(sub))))
    return found, touched


def _relink_range(conn: Connection, rng: _Range,
                  similarity: str = "lexical") -> tuple[list[str], list[tuple[str, str]]]:
    counter = _lock(conn)
    found, touched = _load_subset(conn, rng)
    if not found:
        return [], []
    doc_ids = sorted({mention.document for mention, _ in found.values()})
    documents: list[tuple[int, Document]] = []
    claims: list[Claim] = []
    for chunk in _chunks(doc_ids):
        documents.extend((seq, Document.model_validate_json(data)) for seq, data in conn.execute(
            select(documents_t.c.seq, documents_t.c.data).where(documents_t.c.id.in_(chunk))))
        claims.extend(Claim.model_validate_json(data) for (data,) in conn.execute(
            select(claims_t.c.data).where(claims_t.c.document_id.in_(chunk))))
    docs = [d for _seq, d in sorted(documents, key=lambda x: x[0])]
    mentions = sorted((mention for mention, _ in found.values()), key=lambda x: (x.document, x.start))
    embeddings = None
    if similarity == "embeddings" and docs:
        from rashomon.embeddings import document_map

        embeddings = document_map(docs)
    drafts = reconcile(link_incidents(docs, claims, mentions, embeddings), mentions, claims, documents=docs)

    old_members: dict[str, set[str]] = defaultdict(set)
    for mid, (_mention, inc) in found.items():
        if inc is not None:
            old_members[inc].add(mid)
    old_numbers = {}
    old_data = {}
    for chunk in _chunks(sorted(touched)):
        for iid, number, data in conn.execute(select(incidents_t.c.id, incidents_t.c.number, incidents_t.c.data)
                                              .where(incidents_t.c.id.in_(chunk))):
            old_numbers[iid] = number
            old_data[iid] = data
    for iid in old_data:
        old_members[iid] |= set(json.loads(old_data[iid]).get("event_mentions", []))

    final, counter, aliases = assign_ids(drafts, dict(old_members), old_numbers, counter)
    conn.execute(update(store_meta).where(store_meta.c.key == "next_incident").values(value=str(counter)))

    now = dt.datetime.now(dt.timezone.utc)
    keep = {inc.id for inc, _n in final}
    changed: list[str] = []
    for chunk in _chunks(sorted(touched - keep)):
        conn.execute(delete(tags_t).where(tags_t.c.incident_id.in_(chunk)))
        conn.execute(delete(incidents_t).where(incidents_t.c.id.in_(chunk)))
    for inc, number in final:
        data = inc.model_dump_json()
        if old_data.get(inc.id) == data:
            continue  # unchanged
        changed.append(inc.id)
        values = _incident_row(inc, number, data, now)
        if inc.id in old_data:
            conn.execute(update(incidents_t).where(incidents_t.c.id == inc.id).values(**values))
            conn.execute(delete(tags_t).where(tags_t.c.incident_id == inc.id))
        else:
            conn.execute(incidents_t.insert().values(id=inc.id, **values))
        tags = {("country", p.country.upper()) for p in inc.places if p.country}
        if tags:
            conn.execute(tags_t.insert(), [{"incident_id": inc.id, "key": k, "value": v} for k, v in sorted(tags)])
    # mention -> incident
    member_of = {mid: inc.id for inc, _n in final for mid in inc.event_mentions}
    by_target: dict[str | None, list[str]] = defaultdict(list)
    for mid, (_mention, old) in found.items():
        new = member_of.get(mid)
        if new != old:
            by_target[new].append(mid)
    for target, mids in by_target.items():
        for chunk in _chunks(sorted(mids)):
            conn.execute(update(mentions_t).where(mentions_t.c.id.in_(chunk)).values(incident_id=target))
    for old, new, reason in aliases:
        conn.execute(delete(aliases_t).where(aliases_t.c.old_id == old))
        conn.execute(aliases_t.insert().values(old_id=old, new_id=new, reason=reason, at=now))
    return changed, [(old, new) for old, new, _r in aliases]


def _incident_row(inc: Incident, number: int, data: str, now: dt.datetime) -> dict:
    from rashomon.store.core import incident_status

    return {
        "number": number,
        "date_start": inc.date.start,
        "date_end": inc.date.end,
        "event_type": inc.event_type,
        "sub_event_type": inc.sub_event_type,
        "status": incident_status(inc),
        "n_documents": len(inc.documents),
        "updated_at": now,
        "data": data,
    }


def assign_ids(drafts: Sequence[Incident], old_members: dict[str, set[str]], old_numbers: dict[str, int],
               counter: int) -> tuple[list[tuple[Incident, int]], int, list[tuple[str, str, str]]]:
    """Ids for freshly linked incidents, kept from the old ones where membership only grew.

    Args:
        drafts: the incidents just linked (ids are throwaway).
        old_members: stored incident id -> ids of its event mentions.
        old_numbers: stored incident id -> its number.
        counter: the next unused incident number.

    Returns:
        ([(incident with its id, number)], next counter, [(old id, new id, reason)]).
    """
    used: set[str] = set()
    out: list[tuple[Incident, int]] = []
    aliases: list[tuple[str, str, str]] = []
    # the drafts holding most mentions choose first, so a grown incident keeps its id
    order = sorted(range(len(drafts)), key=lambda k: -len(drafts[k].event_mentions))
    chosen: dict[int, tuple[str, int]] = {}
    for k in order:
        members = set(drafts[k].event_mentions)
        contained = sorted((old_numbers.get(o, 0), o) for o, ms in old_members.items()
                           if o not in used and ms and ms <= members)
        if contained:
            number, oid = contained[0]
            used.add(oid)
            chosen[k] = (oid, number)
            for _n, other in contained[1:]:
                used.add(other)
                aliases.append((other, oid, "merged"))
    for k, draft in enumerate(drafts):  # new numbers in the drafts' (date) order
        if k not in chosen:
            chosen[k] = (f"i{counter}", counter)
            counter += 1
        iid, number = chosen[k]
        out.append((draft.model_copy(update={"id": iid}), number))
    for oid, ms in old_members.items():
        if oid in used:
            continue
        overlap = Counter()
        for inc, _n in out:
            overlap[inc.id] = len(ms & set(inc.event_mentions))
        best = max(overlap.items(), key=lambda kv: (kv[1], kv[0]), default=None)
        if best is not None and best[1] > 0:
            aliases.append((oid, best[0], "split"))
        else:
            aliases.append((oid, "", "split"))
    return out, counter, [a for a in aliases if a[1]]
