"""Alembic migrations of the incident store's schema (run by ``rashomon.store.migrate``)."""
