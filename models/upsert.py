"""Inserts that skip rows violating a unique constraint, on SQLite and PostgreSQL alike.

Its own module so that every store module can use it without importing the others.
"""

from __future__ import annotations

from sqlalchemy.orm import Session


def insert_ignore(session: Session, model, rows: list[dict]) -> None:
    """Insert ``rows``, skipping any that would violate a unique constraint.

    The rows go as one executemany of a single cached statement (SQLAlchemy batches it
    into multi-row INSERTs), so every row must carry the same keys."""
    if not rows:
        return
    session.execute(_insert(session)(model.__table__).on_conflict_do_nothing(), rows)


def insert_ignore_one(session: Session, model, row: dict) -> int | None:
    """Insert one row unless it violates a unique constraint. Returns its ``id`` when it
    was inserted, None when it was skipped (RETURNING: a driver's rowcount is not exact)."""
    table = model.__table__
    stmt = _insert(session)(table).values(row).on_conflict_do_nothing().returning(table.c.id)
    return session.execute(stmt).scalar()


def _insert(session: Session):
    dialect = session.get_bind().dialect.name
    # Lazy: only the dialect in use is imported; every CLI command imports this module
    # (see the note on Alembic in models/db.py).
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    elif dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    else:  # pragma: no cover - other backends are not supported
        raise NotImplementedError(f"no upsert for {dialect}")
    return insert
