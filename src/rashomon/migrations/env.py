"""Alembic environment: runs migrations on the connection the store hands over.

``rashomon.store.migrate.upgrade`` passes an open connection in
``config.attributes["connection"]``; with ``alembic -x url=...`` (developers
writing a new migration) an engine is made from that URL instead.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from rashomon.store.schema import metadata

config = context.config


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("no database: pass -x url=sqlite:///rashomon.db")
    from rashomon.store.engine import normalize_url

    engine = create_engine(normalize_url(url))
    with engine.connect() as conn:
        _run(conn)
        conn.commit()
