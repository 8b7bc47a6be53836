"""Alembic migrations of the journal; applied programmatically by Journal.open()."""
