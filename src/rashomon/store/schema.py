"""The store's tables (SQLAlchemy Core), the same on SQLite and PostgreSQL.

Every record is kept whole as its pydantic JSON (``data``: ``model_dump_json``,
read back with ``model_validate_json``); the other columns are copies of the
fields that queries filter, join or sort on, with indexes on them.

The schema is created and changed only by the Alembic migrations shipped in
``rashomon/migrations`` (``rashomon db upgrade``; a store upgrades itself when
opened). A change here needs a new migration; the test suite checks that the
migrated schema and these tables agree.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger, Boolean, Column, Date, DateTime, ForeignKey, Index, Integer, MetaData, String, Table, Text,
)

metadata = MetaData()

documents = Table(
    "documents", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("id", String(80), nullable=False, unique=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("source", Text, nullable=False),
    Column("outlet", String(200)),
    Column("title", Text),
    Column("published", Date, index=True),
    # the original this document copies (ingest.dedup); a copy of its group's original
    Column("relay_of", String(80), index=True),
    Column("added_at", DateTime(timezone=True), nullable=False),
    Column("linked", Boolean, nullable=False, default=False, index=True),
    Column("n_claims", Integer, nullable=False),
    Column("n_mentions", Integer, nullable=False),
    Column("data", Text, nullable=False),
)

# LSH band keys of each stored document (``ingest.dedup.fingerprint``): a copy
# added in a later batch finds its original through the key index.
document_keys = Table(
    "document_keys", metadata,
    Column("document_id", String(80), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("key", BigInteger, primary_key=True),
    Index("ix_document_keys_key", "key"),
)

claims = Table(
    "claims", metadata,
    Column("id", String(120), primary_key=True),
    Column("document_id", String(80), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("side", String(80), index=True),
    Column("start", Integer, nullable=False),  # offset in the document: listings follow the text
    Column("data", Text, nullable=False),
)

mentions = Table(
    "mentions", metadata,
    Column("id", String(160), primary_key=True),
    Column("claim_id", String(120), nullable=False),
    Column("document_id", String(80), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("incident_id", String(40), index=True),
    Column("window_start", Date),
    Column("window_end", Date),
    Column("data", Text, nullable=False),
    Index("ix_mentions_window", "window_start", "window_end"),
)

incidents = Table(
    "incidents", metadata,
    Column("id", String(40), primary_key=True),
    Column("number", Integer, nullable=False, unique=True),
    Column("date_start", Date, index=True),
    Column("date_end", Date, index=True),
    Column("event_type", String(80), index=True),
    Column("sub_event_type", String(80), index=True),
    Column("status", String(20), index=True),
    Column("n_documents", Integer, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("data", Text, nullable=False),
)

incident_tags = Table(
    "incident_tags", metadata,
    Column("incident_id", String(40), ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True),
    Column("key", String(20), primary_key=True),
    Column("value", String(80), primary_key=True),
    Index("ix_incident_tags_key_value", "key", "value"),
)

incident_aliases = Table(
    "incident_aliases", metadata,
    Column("old_id", String(40), primary_key=True),
    Column("new_id", String(40), nullable=False, index=True),
    Column("reason", String(20), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)

store_meta = Table(
    "store_meta", metadata,
    Column("key", String(40), primary_key=True),
    Column("value", Text, nullable=False),
)
