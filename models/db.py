"""Engines and migrations. The URL is one setting: ``CLAIMLINK_DATABASE_URL``."""

from __future__ import annotations

import fcntl
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError, SQLAlchemyError
from sqlalchemy.pool import NullPool

from claimlink.errors import ClaimlinkError

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
#: Milliseconds a SQLite writer waits for another writer before giving up.
SQLITE_BUSY_TIMEOUT_MS = 30_000


class StoreError(ClaimlinkError, RuntimeError):
    """The store cannot be used: bad URL, unreachable server, schema not migrated."""

    code = "E600"


def make_engine(url: str, **kwargs) -> Engine:
    """An engine for ``url``. SQLite gets WAL, a busy timeout and enforced foreign keys,
    so two runs at once wait for each other instead of failing or corrupting."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(f"not a database URL: {url!r} (expected e.g. sqlite:///claimlink.db "
                         "or postgresql+psycopg://user:password@host/dbname)") from None
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    try:
        if parsed.get_backend_name() == "sqlite":
            engine = create_engine(parsed, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}, **kwargs)
            event.listen(engine, "connect", _sqlite_pragmas)
        else:
            engine = create_engine(parsed, pool_pre_ping=True, **kwargs)
    except (NoSuchModuleError, ImportError) as exc:
        raise StoreError(f"no driver for {parsed.drivername!r}: {exc}") from None
    return engine


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _first_line(exc: Exception) -> str:
    """The driver's own message, first line only (psycopg adds hints on more lines)."""
    reason = getattr(exc, "orig", None) or exc
    lines = str(reason).strip().splitlines()
    return lines[0] if lines else type(reason).__name__


def _cannot_open(engine: Engine, exc: Exception) -> StoreError:
    url = engine.url.render_as_string(hide_password=True)
    return StoreError(f"cannot open the store at {url}: {_first_line(exc)}")


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def check_store(engine: Engine) -> None:
    """Raise :class:`StoreError` with a clear message unless the store is reachable and
    migrated to the current head (a store migrated only partway is refused too)."""
    from alembic.runtime.migration import MigrationContext

    try:
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            revision = MigrationContext.configure(conn).get_current_revision()
    except SQLAlchemyError as exc:
        raise _cannot_open(engine, exc) from None
    if "claims" not in tables:
        raise StoreError("the store has no schema yet; run `claimlink db upgrade` first")
    head = head_revision()
    if revision != head:
        raise StoreError(f"the store's schema is at revision {revision or '(none)'}, this claimlink needs {head}; "
                         "run `claimlink db upgrade`")


def _memory_only(url: str) -> bool:
    parsed = make_url(url)
    return parsed.get_backend_name() == "sqlite" and (
        parsed.database in (None, "", ":memory:") or parsed.query.get("mode") == "memory")


# Alembic is imported inside the functions that migrate: every CLI command imports this
# module, and at module level Alembic (with the PostgreSQL dialect below in store.py)
# took the CLI's import from 0.62 to 0.82 s of CPU.


def alembic_config(url: str):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(url: str, revision: str = "head") -> None:
    """Migrate the store at ``url`` up to ``revision``; the only way the schema is made.

    Concurrent upgrades of one store (two runs started with ``--migrate`` at once) take
    turns: the second finds the schema made and does nothing."""
    from alembic import command
    from alembic.util import CommandError

    make_engine(url).dispose()  # validates the URL with a clear error
    if _memory_only(url):
        raise StoreError(f"{url!r} is an in-memory SQLite database, lost as soon as the command ends; "
                         "give a file, e.g. sqlite:///claimlink.db")
    try:
        with _migration_lock(url):
            command.upgrade(alembic_config(url), revision)
    except CommandError as exc:
        raise StoreError(f"cannot migrate the store to {revision!r}: {exc}") from None
    except OperationalError as exc:
        raise StoreError(f"cannot migrate the store: {_first_line(exc)}") from None
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot migrate the store: {type(exc).__name__}: {_first_line(exc)}") from None


#: Key of the PostgreSQL advisory lock held while the store is migrated.
MIGRATION_LOCK_KEY = 0x636C6D6C  # "clml"


@contextmanager
def _migration_lock(url: str):
    """Hold an exclusive lock on the store while it is migrated: a PostgreSQL advisory
    lock, or for SQLite an ``flock`` on the database file (independent of SQLite's own
    locks). In-memory databases need none."""
    engine = make_engine(url, poolclass=NullPool)
    try:
        if engine.dialect.name == "postgresql":
            with engine.connect() as conn:
                conn.execute(text("select pg_advisory_lock(:k)"), {"k": MIGRATION_LOCK_KEY})
                try:
                    yield
                finally:
                    conn.execute(text("select pg_advisory_unlock(:k)"), {"k": MIGRATION_LOCK_KEY})
                    conn.commit()
            return
        database = engine.url.database
        if engine.dialect.name != "sqlite" or not database or database == ":memory:":
            yield
            return
        with engine.connect():
            pass  # creates the file if it is new
        with open(database, "rb") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)
    finally:
        engine.dispose()


def downgrade(url: str, revision: str = "base") -> None:
    from alembic import command
    from alembic.util import CommandError

    engine = make_engine(url)  # validates the URL with a clear error
    try:
        with engine.connect():
            pass
    except SQLAlchemyError as exc:
        raise _cannot_open(engine, exc) from None
    finally:
        engine.dispose()
    try:
        command.downgrade(alembic_config(url), revision)
    except CommandError as exc:
        raise StoreError(f"cannot migrate the store down to {revision!r}: {exc}") from None
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot migrate the store down: {type(exc).__name__}: {_first_line(exc)}") from None


def current_revision(url: str) -> str | None:
    from alembic.runtime.migration import MigrationContext

    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    except SQLAlchemyError as exc:
        raise _cannot_open(engine, exc) from None
    finally:
        engine.dispose()
