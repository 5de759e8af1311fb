"""Schema versions: Alembic migrations shipped in ``rashomon/migrations``."""

from __future__ import annotations

import logging
import threading
from importlib import resources

from sqlalchemy import Engine, text

logger = logging.getLogger(__name__)

#: Alembic keeps its migration context in module globals: one migration at a time per process.
_LOCK = threading.Lock()
#: PostgreSQL advisory lock id held while migrating (any constant unlikely to clash: "rshm").
MIGRATION_LOCK_KEY = 0x7273686D


def _config(connection=None):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("rashomon") / "migrations"))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    """The newest schema version this rashomon knows."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The schema version of the database (None for an empty database)."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> tuple[str | None, str]:
    """Bring the database's schema to ``revision``; returns (before, after).

    Safe to run on an up-to-date database (nothing is done) and by several
    processes at once (DDL is transactional on PostgreSQL and SQLite: the loser's
    transaction fails, and that is fine when the winner reached the head).

    Raises:
        StoreError: the database's version is unknown (a newer rashomon made it).
    """
    from alembic import command

    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    from rashomon.store.errors import StoreError

    before = current_revision(engine)
    head = head_revision()
    if before == head and revision == "head":
        return before, before
    if before is not None:
        try:
            ScriptDirectory.from_config(_config()).get_revision(before)
        except CommandError:
            raise StoreError(f"the store's schema version {before!r} is unknown to this rashomon "
                             f"(newest known: {head}); upgrade rashomon") from None
    try:
        with _LOCK, engine.connect() as conn:
            # one migrator at a time: the others wait, then find the schema at the head
            conn = conn.execution_options(sqlite_begin="BEGIN IMMEDIATE")
            with conn.begin():
                if conn.dialect.name == "postgresql":
                    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": MIGRATION_LOCK_KEY})
                command.upgrade(_config(conn), revision)
    except Exception:
        # another process migrated the same database at the same moment: fine if it reached the head
        if revision == "head" and current_revision(engine) == head:
            logger.info("store schema brought to %s by another process", head)
            return before, head
        raise
    after = current_revision(engine)
    logger.info("store schema %s -> %s", before, after)
    return before, after
