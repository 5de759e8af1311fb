"""Database URLs and engines: SQLite (one file, WAL) or PostgreSQL (psycopg 3), same code."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event

from rashomon.store.errors import StoreError

logger = logging.getLogger(__name__)

#: The store used when neither ``--db`` nor ``RASHOMON_DB`` names one: a file in the current directory.
DEFAULT_URL = "sqlite:///rashomon.db"
ENV_VAR = "RASHOMON_DB"
#: How long a writer waits for another one to finish before SQLite gives up
#: ("database is locked"). Relinking a date window of a few thousand mentions
#: takes seconds; 60 s leaves room for a concurrent ``rashomon add`` batch.
SQLITE_BUSY_TIMEOUT_S = 60


def default_url() -> str:
    """The store URL from ``RASHOMON_DB``, else :data:`DEFAULT_URL`."""
    return os.environ.get(ENV_VAR) or DEFAULT_URL


def normalize_url(url: str) -> str:
    """A SQLAlchemy URL for what the user typed.

    ``postgresql://`` and ``postgres://`` select the psycopg 3 driver; a bare
    path (no ``://``) is a SQLite file.

    Raises:
        StoreError: a scheme other than sqlite or postgresql.
    """
    url = url.strip()
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser()}"
    scheme, rest = url.split("://", 1)
    if scheme in ("postgresql", "postgres", "postgresql+psycopg"):
        return f"postgresql+psycopg://{rest}"
    if scheme in ("sqlite", "sqlite+pysqlite"):
        return f"sqlite://{rest}"
    raise StoreError(f"unsupported database URL scheme {scheme!r}: use sqlite:///FILE or postgresql://USER@HOST/DB")


def redact(url: str) -> str:
    """The URL with its password hidden, for messages."""
    if "://" in url and "@" in url:
        scheme, rest = url.split("://", 1)
        creds, host = rest.rsplit("@", 1)
        if ":" in creds:
            creds = creds.split(":", 1)[0] + ":***"
        return f"{scheme}://{creds}@{host}"
    return url


def make_engine(url: str) -> Engine:
    """An engine for the store at ``url`` (see :func:`normalize_url`).

    SQLite connections use WAL (readers never block the writer), ``synchronous=NORMAL``
    (a committed transaction survives the process being killed; only a power
    loss may lose the last ones), foreign keys on, a busy timeout, and real
    transactions around DDL too (migrations are all or nothing).
    """
    full = normalize_url(url)
    if full.startswith("sqlite"):
        path = full.split(":///", 1)[1] if ":///" in full else ""
        if path and path != ":memory:":
            parent = Path(path).parent
            if not parent.is_dir():
                raise StoreError(f"cannot create the store {path}: folder {parent} does not exist")
        engine = create_engine(full, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record) -> None:
            # the driver's own transaction handling leaves DDL outside transactions
            # (a migration half done would be visible); SQLAlchemy's BEGIN below replaces it
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()

        @event.listens_for(engine, "begin")
        def _begin(conn) -> None:
            # "BEGIN IMMEDIATE" (execution option sqlite_begin) takes the write lock at once
            conn.exec_driver_sql(conn.get_execution_options().get("sqlite_begin", "BEGIN"))

        return engine
    return create_engine(full, pool_pre_ping=True)


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """A transaction that writes: committed on success, rolled back on error.

    On SQLite it takes the write lock at its start (``BEGIN IMMEDIATE``), waiting
    up to :data:`SQLITE_BUSY_TIMEOUT_S` for another writer, so that it never fails
    half-way on a read snapshot gone stale.
    """
    with engine.connect() as conn:
        conn = conn.execution_options(sqlite_begin="BEGIN IMMEDIATE")
        with conn.begin():
            yield conn
