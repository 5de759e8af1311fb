"""Schema versions: Alembic migrations shipped in ``rashomon/migrations``."""

from __future__ import annotations

import logging
from importlib import resources

from sqlalchemy import Engine

logger = logging.getLogger(__name__)


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
    processes at once on PostgreSQL (DDL is transactional; a loser fails and
    the store is opened again). A database newer than this rashomon is left as it is.
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
    with engine.begin() as conn:
        command.upgrade(_config(conn), revision)
    after = current_revision(engine)
    logger.info("store schema %s -> %s", before, after)
    return before, after
