"""``claimlink db ...`` (the store's schema) and ``claimlink sources`` (what it knows of them)."""

from __future__ import annotations

import click
from rich.console import Console
from rich.table import Table
from sqlalchemy import select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from claimlink.models import Source, check_store, make_engine
from claimlink.models.db import current_revision, downgrade, upgrade

from .app import CliState, cli


@cli.group()
def db() -> None:
    """Create and migrate the store's schema (Alembic)."""


@db.command("upgrade")
@click.option("--revision", default="head", show_default=True, help="Target revision.")
@click.pass_obj
def db_upgrade(state: CliState, revision: str) -> None:
    """Create or migrate the schema up to REVISION."""
    url = state.settings.database_url
    upgrade(url, revision)
    click.echo(f"store at {redact(url)} is at revision {current_revision(url)}")


@db.command("downgrade")
@click.option("--revision", default="base", show_default=True, help="Target revision (base drops everything).")
@click.confirmation_option(prompt="This drops tables and their data. Continue?")
@click.pass_obj
def db_downgrade(state: CliState, revision: str) -> None:
    """Migrate the schema down to REVISION."""
    downgrade(state.settings.database_url, revision)
    click.echo(f"downgraded to {revision}")


@db.command("current")
@click.pass_obj
def db_current(state: CliState) -> None:
    """Print the store's schema revision."""
    click.echo(current_revision(state.settings.database_url) or "(empty: run `claimlink db upgrade`)")


def redact(url: str) -> str:
    """The URL with its password hidden, for printing."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return url


@cli.command()
@click.option("--sources", "sources_file", type=click.Path(dir_okay=False), help="Sources file [default sources.toml].")
@click.pass_obj
def sources(state: CliState, sources_file) -> None:
    """List the configured sources with the outcome of their last fetch."""
    # Lazy: claimlink.extractors loads spaCy when imported.
    from claimlink.extractors.sources import load_sources

    settings = state.settings
    configured = load_sources(sources_file or settings.sources_file)
    engine = make_engine(settings.database_url)
    try:
        check_store(engine)
        with Session(engine) as session:
            known = {s.name: s for s in session.scalars(select(Source))}
    finally:
        engine.dispose()
    table = Table("name", "kind", "url", "last fetched", "outcome", "items", "error")
    for cfg in configured:
        s = known.get(cfg.name)
        table.add_row(cfg.name, cfg.kind, cfg.url or f"{len(cfg.urls)} URLs",
                      s.last_fetched_at.strftime("%Y-%m-%d %H:%M") if s and s.last_fetched_at else "never",
                      (s.last_outcome or "") if s else "", str(s.last_items or "") if s else "",
                      (s.last_error or "")[:60] if s else "")
    Console().print(table)
