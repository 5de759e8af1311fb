"""The incident store: a database (SQLite file or PostgreSQL) that grows run after run.

Example:
    >>> from rashomon.store import Store
    >>> with Store("sqlite:///rashomon.db") as store:      # doctest: +SKIP
    ...     store.add(["reports/"])
    ...     page = store.incidents(IncidentFilter(country="AM"))
"""

from __future__ import annotations

from rashomon.store.core import AddResult, IncidentFilter, Page, Store, content_hash, incident_status
from rashomon.store.engine import DEFAULT_URL, default_url, normalize_url
from rashomon.store.errors import NotFound, StoreError

__all__ = [
    "DEFAULT_URL",
    "AddResult",
    "IncidentFilter",
    "NotFound",
    "Page",
    "Store",
    "StoreError",
    "content_hash",
    "default_url",
    "incident_status",
    "normalize_url",
]
