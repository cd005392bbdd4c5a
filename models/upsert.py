"""Inserts that skip rows violating a unique constraint, on SQLite and PostgreSQL alike.

Its own module so that every store module can use it without importing the others.
"""

from __future__ import annotations

from sqlalchemy.orm import Session


def insert_ignore(session: Session, model, rows: list[dict]):
    """Insert ``rows``, skipping any that would violate a unique constraint.

    The rows go as one executemany of a single cached statement (SQLAlchemy batches it
    into multi-row INSERTs), so every row must carry the same keys. Returns the result
    (its ``rowcount`` is the rows inserted), or None when there was nothing to insert."""
    if not rows:
        return None
    dialect = session.get_bind().dialect.name
    # Lazy: only the dialect in use is imported; every CLI command imports this module
    # (see the note on Alembic in models/db.py).
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    elif dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    else:  # pragma: no cover - other backends are not supported
        raise NotImplementedError(f"no upsert for {dialect}")
    return session.execute(insert(model.__table__).on_conflict_do_nothing(), rows)
