"""``claimlink review`` (the fact-checkers' desk) and ``claimlink users ...`` (its accounts)."""

from __future__ import annotations

import click
from sqlalchemy.orm import Session

from claimlink.models import check_store, make_engine
from claimlink.models.users import ROLES, add_user, disable_user, remove_user, set_role

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
    from claimlink.review.throttle import LoginThrottle, ThrottleOptions

    settings = state.settings
    engine = make_engine(settings.database_url)
    check_store(engine)
    engine.dispose()
    click.echo(f"review desk on http://{host}:{port}/ (Ctrl-C stops it)")
    throttle = LoginThrottle(ThrottleOptions(hash_slots=max(1, settings.login_hash_slots)))
    app = create_app(settings.database_url, secret_key=settings.secret_key or None,
                     secure_cookies=settings.secure_cookies, throttle=throttle)
    uvicorn.run(app, host=host, port=port, log_level="warning")


@cli.group()
def users() -> None:
    """Manage the review desk's accounts (roles: admin, reviewer)."""


def _user_change(state: CliState, change, *args) -> None:
    """Run one change from claimlink.models.users in a transaction of its own."""
    engine = make_engine(state.settings.database_url)
    check_store(engine)
    try:
        with Session(engine) as s, s.begin():
            change(s, *args)
    finally:
        engine.dispose()


@users.command("add")
@click.argument("name")
@click.option("--password", help="The password (prompted for when not given; or env CLAIMLINK_NEW_PASSWORD).")
@click.option("--role", type=click.Choice(ROLES), default="reviewer", show_default=True,
              help="admin: also bulk actions, reopening decided pairs and the accounts page.")
@click.pass_obj
def users_add(state: CliState, name, password, role) -> None:
    """Create account NAME with a password (stored as an argon2 hash)."""
    password = password or state.settings.new_password or click.prompt("Password", hide_input=True,
                                                                         confirmation_prompt=True)
    _user_change(state, add_user, name, password, role)
    click.echo(f"user {name} added ({role})")


@users.command("role")
@click.argument("name")
@click.argument("role", type=click.Choice(ROLES))
@click.pass_obj
def users_role(state: CliState, name, role) -> None:
    """Give account NAME the role ROLE (ends its sessions)."""
    _user_change(state, set_role, name, role)
    click.echo(f"user {name} is now {role}")


def _name_command(verb: str, change, help_text: str) -> None:
    """``claimlink users VERB NAME``: one change to one account, then "user NAME VERBd"."""
    @users.command(verb, help=help_text)
    @click.argument("name")
    @click.pass_obj
    def command(state: CliState, name) -> None:
        _user_change(state, change, name)
        click.echo(f"user {name} {verb}d")


_name_command("disable", disable_user,
              "Refuse logins by NAME and end its sessions; its decisions stay in the audit log.")
_name_command("remove", remove_user, "Delete account NAME (its sessions end; the audit log keeps its name).")
