"""Errors of the incident store."""

from __future__ import annotations

from rashomon.errors import RashomonError


class StoreError(RashomonError):
    """The store cannot be opened, migrated or written."""


class NotFound(StoreError):
    """No record with that id."""
