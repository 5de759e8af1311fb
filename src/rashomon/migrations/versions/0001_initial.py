"""The initial store: documents, claims, mentions, incidents, tags, aliases, meta.

Revision ID: 0001
Revises:
Create Date: 2026-05-20
"""

from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(80), nullable=False, unique=True),
        sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("outlet", sa.String(200)),
        sa.Column("title", sa.Text),
        sa.Column("published", sa.Date),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("linked", sa.Boolean, nullable=False),
        sa.Column("n_claims", sa.Integer, nullable=False),
        sa.Column("n_mentions", sa.Integer, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
    )
    op.create_index("ix_documents_published", "documents", ["published"])
    op.create_index("ix_documents_linked", "documents", ["linked"])

    op.create_table(
        "claims",
        sa.Column("id", sa.String(120), primary_key=True),
        sa.Column("document_id", sa.String(80), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("side", sa.String(80)),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
    )
    op.create_index("ix_claims_document_id", "claims", ["document_id"])
    op.create_index("ix_claims_side", "claims", ["side"])

    op.create_table(
        "mentions",
        sa.Column("id", sa.String(160), primary_key=True),
        sa.Column("claim_id", sa.String(120), nullable=False),
        sa.Column("document_id", sa.String(80), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("incident_id", sa.String(40)),
        sa.Column("window_start", sa.Date),
        sa.Column("window_end", sa.Date),
        sa.Column("data", sa.Text, nullable=False),
    )
    op.create_index("ix_mentions_document_id", "mentions", ["document_id"])
    op.create_index("ix_mentions_incident_id", "mentions", ["incident_id"])
    op.create_index("ix_mentions_window", "mentions", ["window_start", "window_end"])

    op.create_table(
        "incidents",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("number", sa.Integer, nullable=False, unique=True),
        sa.Column("date_start", sa.Date),
        sa.Column("date_end", sa.Date),
        sa.Column("event_type", sa.String(80)),
        sa.Column("sub_event_type", sa.String(80)),
        sa.Column("status", sa.String(20)),
        sa.Column("n_documents", sa.Integer, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("data", sa.Text, nullable=False),
    )
    for column in ("date_start", "date_end", "event_type", "sub_event_type", "status"):
        op.create_index(f"ix_incidents_{column}", "incidents", [column])

    op.create_table(
        "incident_tags",
        sa.Column("incident_id", sa.String(40), sa.ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("key", sa.String(20), primary_key=True),
        sa.Column("value", sa.String(80), primary_key=True),
    )
    op.create_index("ix_incident_tags_key_value", "incident_tags", ["key", "value"])

    op.create_table(
        "incident_aliases",
        sa.Column("old_id", sa.String(40), primary_key=True),
        sa.Column("new_id", sa.String(40), nullable=False),
        sa.Column("reason", sa.String(20), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_incident_aliases_new_id", "incident_aliases", ["new_id"])

    op.create_table(
        "store_meta",
        sa.Column("key", sa.String(40), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.bulk_insert(
        sa.table("store_meta", sa.column("key", sa.String), sa.column("value", sa.Text)),
        [{"key": "next_incident", "value": "1"}],
    )


def downgrade() -> None:
    for name in ("store_meta", "incident_aliases", "incident_tags", "incidents", "mentions", "claims", "documents"):
        op.drop_table(name)
