"""Copies across adds: LSH band keys per document and a ``relay_of`` column.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22

Documents stored before this revision get their keys and ``relay_of`` here, from
their stored JSON.
"""

import json

from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

BATCH = 500


def upgrade() -> None:
    op.create_table(
        "document_keys",
        sa.Column("document_id", sa.String(80), sa.ForeignKey("documents.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("key", sa.BigInteger, primary_key=True),
    )
    op.create_index("ix_document_keys_key", "document_keys", ["key"])
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("relay_of", sa.String(80)))
        batch.create_index("ix_documents_relay_of", ["relay_of"])

    from rashomon.ingest.dedup import fingerprint

    conn = op.get_bind()
    keys_t = sa.table("document_keys", sa.column("document_id", sa.String), sa.column("key", sa.BigInteger))
    last = 0
    while True:
        rows = conn.execute(sa.text("SELECT seq, id, data FROM documents WHERE seq > :last ORDER BY seq LIMIT :n"),
                            {"last": last, "n": BATCH}).all()
        if not rows:
            break
        values = []
        for seq, doc_id, data in rows:
            last = seq
            record = json.loads(data)
            if record.get("relay_of"):
                conn.execute(sa.text("UPDATE documents SET relay_of = :r WHERE id = :i"),
                             {"r": record["relay_of"], "i": doc_id})
            fp = fingerprint(record.get("text", ""))
            if fp is not None:
                values.extend({"document_id": doc_id, "key": k} for k in fp.keys)
        if values:
            conn.execute(keys_t.insert(), values)


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_index("ix_documents_relay_of")
        batch.drop_column("relay_of")
    op.drop_index("ix_document_keys_key", table_name="document_keys")
    op.drop_table("document_keys")
