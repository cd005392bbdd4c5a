"""``claimlink review`` (the fact-checkers' desk) and ``claimlink users ...`` (its accounts)."""

from __future__ import annotations

import click
from sqlalchemy.orm import Session

from claimlink.models import check_store, make_engine

from .app import CliState, cli


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.pass_obj
def review(state: CliState, host, port) -> None:
    """Serve the fact-checkers' review desk (log in with an account from `claimlink users add`).

    Sessions are signed with CLAIMLINK_SECRET_KEY; without it, a random key is used and
    sessions end when the server stops.
    """
    # Lazy: FastAPI, Starlette and uvicorn take about a second to import; only this
    # command needs them.
    import uvicorn

    from claimlink.review.app import create_app

    url = state.settings.database_url
    engine = make_engine(url)
    check_store(engine)
    engine.dispose()
    click.echo(f"review desk on http://{host}:{port}/ (Ctrl-C stops it)")
    app = create_app(url, secret_key=state.settings.secret_key or None)
    uvicorn.run(app, host=host, port=port, log_level="warning")


@cli.group()
def users() -> None:
    """Manage the review desk's reviewer accounts."""


@users.command("add")
@click.argument("name")
@click.option("--password", help="The password (prompted for when not given; or env CLAIMLINK_NEW_PASSWORD).")
@click.pass_obj
def users_add(state: CliState, name, password) -> None:
    """Create reviewer NAME with a password (stored as an argon2 hash)."""
    # Lazy: user management still lives in the web app, which imports FastAPI.
    from claimlink.review.app import add_user

    password = password or state.settings.new_password or click.prompt("Password", hide_input=True,
                                                                         confirmation_prompt=True)
    engine = make_engine(state.settings.database_url)
    check_store(engine)
    try:
        with Session(engine) as s, s.begin():
            add_user(s, name, password)
    finally:
        engine.dispose()
    click.echo(f"user {name} added")
