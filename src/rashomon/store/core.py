"""The incident store: documents, claims and mentions kept in a database, incidents kept up to date.

:meth:`Store.add` runs, for new documents only:

1. ingest (``rashomon.ingest.ingest``), and drop what is already stored
   (same cleaned text, i.e. same SHA-256 of ``Document.text``);
2-4. language, claims, events (``pipeline.extract_documents``), one database
   transaction per document: the document, its claims and its mentions are
   committed together or not at all;
5-6. re-link (``rashomon.store.relink``): the stored mentions in the date
   window of the new ones are linked and reconciled again, and the incidents
   they form replace the affected ones.

A document whose stages 1-4 were committed but whose process died before
re-linking stays marked ``linked = false`` and is linked by the next ``add``
(or :meth:`Store.relink`).

Reads (:meth:`Store.incidents`, :meth:`Store.claims`, :meth:`Store.analysis`, ...)
rebuild the model records from their stored JSON.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, and_, exists, func, or_, select, update
from sqlalchemy.exc import IntegrityError

from rashomon import __version__
from rashomon.incidents import Linker
from rashomon.model import Analysis, Claim, Document, EventMention, Incident, InputError
from rashomon.store import migrate
from rashomon.store.engine import default_url, make_engine, redact, write_transaction
from rashomon.store.errors import NotFound, StoreError
from rashomon.ingest.dedup import Fingerprint, fingerprint, is_copy, older
from rashomon.store.schema import claims as claims_t
from rashomon.store.schema import document_keys as keys_t
from rashomon.store.schema import documents as documents_t
from rashomon.store.schema import incident_aliases as aliases_t
from rashomon.store.schema import incident_tags as tags_t
from rashomon.store.schema import incidents as incidents_t
from rashomon.store.schema import mentions as mentions_t

if TYPE_CHECKING:
    from spacy.language import Language

    from rashomon.knowledge.actors import ActorBase
    from rashomon.knowledge.gazetteer import Gazetteer

logger = logging.getLogger(__name__)

#: Rows fetched per ``IN (...)`` query; SQLite's default limit on bound
#: variables is 32,766 (older builds 999), PostgreSQL's 65,535.
IN_CHUNK = 500
#: Most rows one page of a listing returns.
MAX_PAGE = 500

STATUSES = ("agreed", "corroborated", "contested", "single_source", "denied")


def content_hash(document: Document) -> str:
    """SHA-256 of the cleaned text: two documents with the same text are one document."""
    return hashlib.sha256(document.text.encode("utf-8")).hexdigest()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _age_key(doc: Document) -> tuple:
    """Publication order: dated before undated, then date and time, then id."""
    return (doc.published is None, doc.published or dt.date.max,
            doc.published_time.replace(tzinfo=None) if doc.published_time else dt.datetime.max, doc.id)


def _chunks(items: Sequence, size: int = IN_CHUNK) -> Iterator[Sequence]:
    for k in range(0, len(items), size):
        yield items[k:k + size]


@dataclass
class AddResult:
    """What one :meth:`Store.add` did."""

    added: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (source, id of the stored copy)
    errors: list[InputError] = field(default_factory=list)
    incidents: list[str] = field(default_factory=list)  # created or changed
    retired: list[tuple[str, str]] = field(default_factory=list)  # (old id, id it now lives on in)


@dataclass(frozen=True)
class IncidentFilter:
    """Which incidents a listing or an export covers; every field narrows it."""

    country: str | None = None  # ISO 3166-1 alpha-2 code of one of its places
    since: dt.date | None = None  # its date reaches on or after this day
    until: dt.date | None = None  # its date starts on or before this day
    status: str | None = None  # its least settled attribute status (see incident_status)
    event_type: str | None = None  # ACLED event type or sub-event type, exact, case-insensitive


@dataclass(frozen=True)
class Page:
    """One page of a listing and the total number of matches."""

    total: int
    limit: int
    offset: int
    items: list


def incident_status(incident: Incident) -> str | None:
    """The least settled status among an incident's attributes.

    An incident is as settled as its least settled attribute: contested, then
    denied, then single_source, then corroborated, then agreed. None when it has
    no attribute at all.
    """
    order = ("contested", "denied", "single_source", "corroborated", "agreed")
    found = {v.status for v in incident.attributes.values()}
    return next((s for s in order if s in found), None)


class Store:
    """An incident store at a database URL (SQLite file or PostgreSQL).

    Args:
        url: ``sqlite:///path.db``, a bare path, or ``postgresql://user:pw@host/db``;
            default ``RASHOMON_DB`` or ``sqlite:///rashomon.db``.
        upgrade: bring the schema to this version's head on open (default).

    Raises:
        StoreError: the database cannot be reached, or its schema is of a newer rashomon.

    Example:
        >>> store = Store("sqlite:///rashomon.db")        # doctest: +SKIP
        >>> store.add(["reports/"]).incidents               # doctest: +SKIP
        ['i1', 'i2']
    """

    def __init__(self, url: str | None = None, *, upgrade: bool = True, similarity: str = "lexical"):
        if similarity not in ("lexical", "embeddings"):
            raise ValueError(f"similarity must be lexical or embeddings, not {similarity!r}")
        self.similarity = similarity  # document similarity when linking: see rashomon.embeddings
        self.url = url or default_url()
        self.engine: Engine = make_engine(self.url)
        try:
            if upgrade:
                migrate.upgrade(self.engine)
            elif migrate.current_revision(self.engine) != migrate.head_revision():
                raise StoreError(f"store {redact(self.url)} is not at schema {migrate.head_revision()}: "
                                 "run `rashomon db upgrade`")
        except StoreError:
            self.engine.dispose()
            raise
        except Exception as exc:  # driver errors: unreachable server, bad credentials, not a database
            self.engine.dispose()
            raise StoreError(f"cannot open store {redact(self.url)}: {exc}") from exc

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------------ writing
    def add(self, inputs: Sequence[str | Path], *, published: dt.date | None = None,
            nlp: Language | None = None, actors: ActorBase | None = None, gazetteer: Gazetteer | None = None,
            on_document: Callable[[str], None] | None = None, **ingest_options) -> AddResult:
        """Ingest inputs and merge them into the stored incidents.

        Args:
            inputs: files, folders, globs, URLs, feeds, archives, dumps or ``"-"`` for
                stdin, as for ``rashomon analyze`` (:func:`rashomon.ingest.ingest`).
            published: publication date of every input, when known.
            nlp, actors, gazetteer: injected heavy objects (defaults load once).
            on_document: called with each document id once it is committed.
            **ingest_options: passed to :func:`rashomon.ingest.ingest` (``allow_private``,
                ``timeout``, ``max_bytes``, ``fetch``, ``english_only``, ``dedup``, ...).

        Returns:
            An :class:`AddResult`. Inputs that could not be read are in ``errors``.

        Notes:
            Near-duplicates are marked as relays (``relay_of``) within the batch and
            against the documents stored before (see :meth:`add_documents`).
        """
        from rashomon.ingest import ingest

        result = ingest(list(inputs), published=published, **ingest_options)
        return self.add_documents(result.documents, errors=result.errors, nlp=nlp, actors=actors,
                                  gazetteer=gazetteer, on_document=on_document)

    def add_documents(self, documents: Sequence[Document], *, errors: Sequence[InputError] = (),
                      nlp: Language | None = None, actors: ActorBase | None = None,
                      gazetteer: Gazetteer | None = None,
                      on_document: Callable[[str], None] | None = None) -> AddResult:
        """Store ingested documents (stages 2-4, one transaction each), then re-link.

        Documents already stored (same cleaned text) are skipped, so adding the
        same batch twice changes nothing. A document whose id is taken by a
        different text (a 40-bit hash clash) is stored under a suffixed id.

        Copies across batches: a document that is a near-duplicate of a stored one
        (``ingest.dedup``: LSH band keys looked up in ``document_keys``, then the
        containment check on the texts) becomes a relay of the stored group's
        original, so a wire story added again under another outlet's name next week
        still counts as one source. When the new document is older than the stored
        original (an archive added after the copies), it becomes the original: the
        stored copies are re-pointed to it and re-linked in the same transaction.
        Two writers adding copies of one story at the same moment may miss each
        other; the next add of either group joins them.
        """
        from rashomon.pipeline import extract_documents

        result = AddResult(errors=list(errors))
        fresh = self._fresh(documents, result)
        fresh, prints, reroot = self._stored_copies(fresh)
        if fresh:
            for extraction in extract_documents(fresh, nlp=nlp, actors=actors, gazetteer=gazetteer):
                doc_id = extraction.document.id
                stored = self._commit(extraction.document, extraction.claims, extraction.mentions,
                                      prints.get(doc_id), reroot.get(doc_id, ()))
                if stored is None:
                    result.added.append(extraction.document.id)
                    if on_document is not None:
                        on_document(extraction.document.id)
                else:
                    result.skipped.append((extraction.document.source, stored))
        changed, retired = self.relink()
        result.incidents, result.retired = changed, retired
        return result

    def _fresh(self, documents: Sequence[Document], result: AddResult) -> list[Document]:
        """The documents not yet stored, ids made unique against the store."""
        hashes = {content_hash(d): d for d in documents}
        known: dict[str, str] = {}
        with self.engine.connect() as conn:
            for chunk in _chunks(list(hashes)):
                rows = conn.execute(select(documents_t.c.content_hash, documents_t.c.id)
                                    .where(documents_t.c.content_hash.in_(chunk)))
                known.update({h: i for h, i in rows})
            fresh: list[Document] = []
            seen: dict[str, str] = {}
            for doc in documents:
                h = content_hash(doc)
                if h in known or h in seen:
                    result.skipped.append((doc.source, known.get(h) or seen[h]))
                    continue
                base, n, new_id = doc.id.split("-")[0], 1, doc.id
                while conn.execute(select(documents_t.c.seq).where(documents_t.c.id == new_id)).first() \
                        or new_id in seen.values():
                    n += 1
                    new_id = f"{base}-{n}"
                if new_id != doc.id:
                    doc = doc.model_copy(update={"id": new_id})
                seen[h] = doc.id
                fresh.append(doc)
        return fresh

    def _stored_copies(self, fresh: Sequence[Document]
                       ) -> tuple[list[Document], dict[str, Fingerprint], dict[str, list[str]]]:
        """Join the batch's copy groups to the stored ones.

        Returns:
            The documents with ``relay_of`` pointing at their group's original; each
            document's fingerprint; and, per new original, the stored documents to
            re-point to it (the ids of every stored member of the groups it joins).
        """
        prints = {d.id: fp for d in fresh if (fp := fingerprint(d.text)) is not None}
        out = list(fresh)
        reroot: dict[str, list[str]] = {}
        moved: dict[str, str] = {}  # batch original -> the stored original it now relays
        with self.engine.connect() as conn:
            for k, doc in enumerate(out):
                fp = prints.get(doc.id)
                if fp is None or doc.relay_of is not None:
                    continue
                candidates: set[str] = set()
                for chunk in _chunks(list(fp.keys)):
                    candidates.update(r[0] for r in conn.execute(
                        select(keys_t.c.document_id).where(keys_t.c.key.in_(chunk)).distinct()))
                if not candidates:
                    continue
                matches = [d for d in self._load_documents(conn, candidates)
                           if (other := fingerprint(d.text)) is not None and is_copy(fp, other)]
                if not matches:
                    continue
                roots = self._load_documents(conn, {d.relay_of or d.id for d in matches})
                oldest = min(roots, key=_age_key)
                if older(doc, oldest):
                    joined = [r.id for r in roots]
                    logger.info("%s is older than its stored copies: it becomes their original", doc.id)
                else:
                    out[k] = doc.model_copy(update={"relay_of": oldest.id})
                    moved[doc.id] = oldest.id
                    joined = [r.id for r in roots if r.id != oldest.id]
                    logger.info("%s is a copy of stored %s", doc.id, oldest.id)
                if joined:
                    reroot[doc.id] = sorted(set(joined) | self._relays_of(conn, joined))
        if moved:  # the batch's own copies follow their original to the stored one
            out = [d.model_copy(update={"relay_of": moved[d.relay_of]}) if d.relay_of in moved else d
                   for d in out]
        return out, prints, reroot

    @staticmethod
    def _relays_of(conn, root_ids: Sequence[str]) -> set[str]:
        """Ids of the stored documents that are relays of one of ``root_ids``."""
        found: set[str] = set()
        for chunk in _chunks(list(root_ids)):
            found.update(r[0] for r in conn.execute(
                select(documents_t.c.id).where(documents_t.c.relay_of.in_(chunk))))
        return found

    @staticmethod
    def _load_documents(conn, ids: Iterable[str]) -> list[Document]:
        docs: list[Document] = []
        for chunk in _chunks(sorted(ids)):
            docs.extend(Document.model_validate_json(data) for (data,) in conn.execute(
                select(documents_t.c.data).where(documents_t.c.id.in_(chunk))))
        return docs

    def _commit(self, document: Document, doc_claims: Sequence[Claim],
                doc_mentions: Sequence[EventMention], fp: Fingerprint | None = None,
                reroot: Sequence[str] = ()) -> str | None:
        """Write one document with its claims and mentions in one transaction.

        Args:
            fp: the document's near-duplicate fingerprint (its keys are stored).
            reroot: stored documents that become relays of this one (re-linked later).

        Returns None when written, else the id of the copy another writer stored first.
        """
        linker = Linker([document], doc_claims)
        try:
            with write_transaction(self.engine) as conn:
                conn.execute(documents_t.insert().values(
                    id=document.id, content_hash=content_hash(document), source=document.source,
                    relay_of=document.relay_of,
                    outlet=document.outlet, title=document.title, published=document.published,
                    added_at=_now(), linked=False, n_claims=len(doc_claims), n_mentions=len(doc_mentions),
                    data=document.model_dump_json()))
                if doc_claims:
                    conn.execute(claims_t.insert(), [
                        {"id": c.id, "document_id": document.id, "side": c.claimant.side, "start": c.start,
                         "data": c.model_dump_json()} for c in doc_claims])
                if doc_mentions:
                    rows = []
                    for m in doc_mentions:
                        window = linker.window(m)
                        rows.append({"id": m.id, "claim_id": m.claim, "document_id": document.id,
                                     "incident_id": None,
                                     "window_start": window[0] if window else None,
                                     "window_end": window[1] if window else None,
                                     "data": m.model_dump_json()})
                    conn.execute(mentions_t.insert(), rows)
                if fp is not None:
                    conn.execute(keys_t.insert(), [{"document_id": document.id, "key": k} for k in fp.keys])
                root = document.relay_of or document.id
                for stored in self._load_documents(conn, reroot):
                    if stored.relay_of != root and stored.id != root:
                        conn.execute(update(documents_t).where(documents_t.c.id == stored.id).values(
                            linked=False, relay_of=root, data=stored.model_copy(update={"relay_of": root}).model_dump_json()))
        except IntegrityError:
            # a concurrent writer stored the same text (or took the id) in the meantime
            with self.engine.connect() as conn:
                row = conn.execute(select(documents_t.c.id)
                                   .where(documents_t.c.content_hash == content_hash(document))).first()
            if row is None:
                raise StoreError(f"document id {document.id} is taken by another text") from None
            return row[0]
        logger.info("stored %s (%d claims, %d mentions)", document.id, len(doc_claims), len(doc_mentions))
        return None

    def relink(self) -> tuple[list[str], list[tuple[str, str]]]:
        """Link every document not linked yet into the stored incidents.

        Returns:
            (ids of incidents created or changed, (retired id, successor id) pairs).
        """
        from rashomon.store.relink import relink_pending

        return relink_pending(self.engine, similarity=self.similarity)

    # ------------------------------------------------------------------ reading
    def resolve_incident_id(self, incident_id: str) -> str | None:
        """The current id of an incident: itself, or where a merge or split moved it."""
        with self.engine.connect() as conn:
            for _ in range(100):  # alias chains are short; bounded against a cycle
                if conn.execute(select(incidents_t.c.id).where(incidents_t.c.id == incident_id)).first():
                    return incident_id
                row = conn.execute(select(aliases_t.c.new_id).where(aliases_t.c.old_id == incident_id)).first()
                if row is None:
                    return None
                incident_id = row[0]
        return None

    def incident(self, incident_id: str) -> Incident:
        """One incident by id (following merges and splits).

        Raises:
            NotFound: no incident has or had that id.
        """
        current = self.resolve_incident_id(incident_id)
        if current is None:
            raise NotFound(f"no incident {incident_id!r}")
        with self.engine.connect() as conn:
            row = conn.execute(select(incidents_t.c.data).where(incidents_t.c.id == current)).first()
        if row is None:  # removed in between
            raise NotFound(f"no incident {incident_id!r}")
        return Incident.model_validate_json(row[0])

    def _incident_where(self, flt: IncidentFilter) -> list:
        conds = []
        if flt.country:
            conds.append(exists().where(and_(tags_t.c.incident_id == incidents_t.c.id, tags_t.c.key == "country",
                                             tags_t.c.value == flt.country.upper())))
        if flt.since:
            conds.append(func.coalesce(incidents_t.c.date_end, incidents_t.c.date_start) >= flt.since)
        if flt.until:
            conds.append(incidents_t.c.date_start <= flt.until)
        if flt.status:
            conds.append(incidents_t.c.status == flt.status)
        if flt.event_type:
            wanted = flt.event_type.lower()
            conds.append(or_(func.lower(incidents_t.c.event_type) == wanted,
                             func.lower(incidents_t.c.sub_event_type) == wanted))
        return conds

    def incidents(self, flt: IncidentFilter = IncidentFilter(), *, limit: int | None = 50, offset: int = 0,
                  newest_first: bool = True) -> Page:
        """Incidents matching a filter, a page at a time.

        Args:
            flt: the filter (default: all).
            limit: page size (None: all; at most :data:`MAX_PAGE` otherwise).
            offset: matches to skip.
            newest_first: order by date descending (else ascending); undated last.

        Returns:
            A :class:`Page` of :class:`~rashomon.model.Incident`.
        """
        conds = self._incident_where(flt)
        order_date = incidents_t.c.date_start.desc() if newest_first else incidents_t.c.date_start.asc()
        order_num = incidents_t.c.number.desc() if newest_first else incidents_t.c.number.asc()
        query = select(incidents_t.c.data).where(*conds).order_by(order_date.nulls_last(), order_num)
        if limit is not None:
            query = query.limit(min(limit, MAX_PAGE))
        query = query.offset(offset)
        with self.engine.connect() as conn:
            total = conn.execute(select(func.count()).select_from(incidents_t).where(*conds)).scalar_one()
            items = [Incident.model_validate_json(r[0]) for r in conn.execute(query)]
        return Page(total=total, limit=limit if limit is not None else total, offset=offset, items=items)

    def document(self, document_id: str) -> Document:
        """One stored document.

        Raises:
            NotFound: no document has that id.
        """
        with self.engine.connect() as conn:
            row = conn.execute(select(documents_t.c.data).where(documents_t.c.id == document_id)).first()
        if row is None:
            raise NotFound(f"no document {document_id!r}")
        return Document.model_validate_json(row[0])

    def incidents_of_document(self, document_id: str) -> list[str]:
        """Ids of the incidents a document's mentions belong to."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(mentions_t.c.incident_id).distinct()
                                .where(mentions_t.c.document_id == document_id, mentions_t.c.incident_id.is_not(None)))
            return sorted((r[0] for r in rows), key=lambda i: (len(i), i))

    def documents(self, ids: Iterable[str] | None = None) -> list[Document]:
        """Stored documents in order of arrival: all, or those with the given ids."""
        return [Document.model_validate_json(d) for d in self._rows(documents_t, documents_t.c.id, ids,
                                                                     order=documents_t.c.seq)]

    def claims(self, *, document: str | None = None, side: str | None = None, incident: str | None = None,
               limit: int | None = 100, offset: int = 0) -> Page:
        """Claims, filtered by document, claimant side or incident, a page at a time.

        Raises:
            NotFound: ``incident`` names no incident.
        """
        conds = []
        if document:
            conds.append(claims_t.c.document_id == document)
        if side:
            conds.append(claims_t.c.side == side)
        if incident:
            ids = list(self.incident(incident).mentions)
            conds.append(claims_t.c.id.in_(ids) if ids else claims_t.c.id.is_(None))
        query = select(claims_t.c.data).where(*conds).order_by(claims_t.c.document_id, claims_t.c.start,
                                                               claims_t.c.id)
        if limit is not None:
            query = query.limit(min(limit, MAX_PAGE))
        with self.engine.connect() as conn:
            total = conn.execute(select(func.count()).select_from(claims_t).where(*conds)).scalar_one()
            items = [Claim.model_validate_json(r[0]) for r in conn.execute(query.offset(offset))]
        return Page(total=total, limit=limit if limit is not None else total, offset=offset, items=items)

    def claims_of(self, document_ids: Iterable[str]) -> list[Claim]:
        """Every claim of the given documents, in text order."""
        out = [Claim.model_validate_json(d) for d in self._rows(claims_t, claims_t.c.document_id, document_ids)]
        return sorted(out, key=lambda c: (c.document, c.start))

    def mentions_of(self, document_ids: Iterable[str]) -> list[EventMention]:
        """Every event mention of the given documents."""
        out = [EventMention.model_validate_json(d)
               for d in self._rows(mentions_t, mentions_t.c.document_id, document_ids)]
        return sorted(out, key=lambda m: (m.document, m.start))

    def _rows(self, table, column, values: Iterable[str] | None, order=None) -> list[str]:
        with self.engine.connect() as conn:
            if values is None:
                query = select(table.c.data)
                if order is not None:
                    query = query.order_by(order)
                return [r[0] for r in conn.execute(query)]
            values = list(dict.fromkeys(values))
            out: list[tuple] = []
            for chunk in _chunks(values):
                query = select(table.c.data, *( [order] if order is not None else [])).where(column.in_(chunk))
                out.extend(conn.execute(query))
        if order is not None:
            out.sort(key=lambda r: r[1])
        return [r[0] for r in out]

    def analysis(self, flt: IncidentFilter | None = None) -> Analysis:
        """The store (or the incidents matching a filter) as an :class:`~rashomon.model.Analysis`.

        With no filter every document, claim, mention and incident is included;
        with one, the matching incidents and the documents they rest on with all
        their claims and mentions. Incidents are in date order.
        """
        from rashomon.knowledge.gazetteer import CREDIT as GEONAMES_CREDIT

        incidents = self.incidents(flt or IncidentFilter(), limit=None, newest_first=False).items
        if flt is None or flt == IncidentFilter():
            documents = self.documents()
        else:
            documents = self.documents(d for i in incidents for d in i.documents)
        doc_ids = [d.id for d in documents]
        doc_rank = {d: k for k, d in enumerate(doc_ids)}
        claims = sorted(self.claims_of(doc_ids), key=lambda c: (doc_rank[c.document], c.start))
        mentions = sorted(self.mentions_of(doc_ids), key=lambda m: (doc_rank[m.document], m.start))
        return Analysis(
            rashomon_version=__version__,
            documents=tuple(documents),
            claims=tuple(claims),
            mentions=tuple(mentions),
            incidents=tuple(incidents),
            credits=(GEONAMES_CREDIT,) if any(i.places for i in incidents) else (),
        )

    def stats(self) -> dict[str, int]:
        """Counts of stored documents, claims, mentions, incidents, and documents not yet linked."""
        with self.engine.connect() as conn:
            count = lambda t: conn.execute(select(func.count()).select_from(t)).scalar_one()  # noqa: E731
            unlinked = conn.execute(select(func.count()).select_from(documents_t)
                                    .where(documents_t.c.linked.is_(False))).scalar_one()
            return {"documents": count(documents_t), "claims": count(claims_t), "mentions": count(mentions_t),
                    "incidents": count(incidents_t), "unlinked_documents": unlinked}
