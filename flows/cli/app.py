"""The root ``claimlink`` group, its error handling and the helpers every command shares.

Domain errors (bad URL, missing file, unmigrated store, unknown model) become a one-line
message and exit status 1 or 2; a traceback is never the answer to a user mistake.
"""

from __future__ import annotations

import functools
import json
import logging
import sys
from dataclasses import dataclass

import click
from rich.console import Console
from rich.table import Table

from claimlink import __version__
from claimlink.settings import Settings, SettingsError


class CliError(click.ClickException):
    """A user-facing error: printed as ``Error: <message>``, exit status 1."""


@dataclass(frozen=True)
class CliState:
    """What the root group hands every command (``@click.pass_obj``)."""

    settings: Settings
    verbose: int


def domain_errors(fn):
    """Turn library errors into CliError with their message."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        # Lazy: claimlink.extractors loads spaCy when imported, and claimlink.evaluation
        # must not cost every command its import.
        from claimlink.evaluation import EvalDataError
        from claimlink.extractors.errors import ClaimlinkError
        from claimlink.models.db import StoreError

        try:
            return fn(*args, **kwargs)
        except (ClaimlinkError, StoreError, SettingsError, EvalDataError) as exc:
            raise CliError(str(exc)) from None
        except OSError as exc:
            raise CliError(f"{exc.strerror or exc}: {exc.filename}" if exc.filename else str(exc)) from None
    return wrapper


#: The ``--model`` option of every command that parses text.
model_option = click.option("--model", help="spaCy model name or path.")


def json_option(what: str = "scores"):
    """The ``--json`` option of every command that prints figures."""
    return click.option("--json", "as_json", is_flag=True, help=f"Print the {what} as JSON.")


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="claimlink")
@click.option("--database-url", metavar="URL",
              help="SQLAlchemy URL of the store [env CLAIMLINK_DATABASE_URL; default sqlite:///claimlink.db].")
@click.option("-v", "--verbose", count=True, help="Show progress logs (-vv for debug logs).")
@click.pass_context
def cli(ctx: click.Context, database_url: str | None, verbose: int) -> None:
    """claimlink: find attributed claims in the news and the claims that contradict them.

    Typical use: `claimlink db upgrade` once, then `claimlink run` nightly (or
    `claimlink run --demo` to try it on the bundled demo site).
    """
    try:
        settings = Settings.from_env(database_url=database_url)
    except SettingsError as exc:
        raise CliError(str(exc)) from None
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    for noisy in ("httpx", "httpcore", "trafilatura", "htmldate", "courlan"):
        logging.getLogger(noisy).setLevel(max(level, logging.WARNING) if verbose < 2 else logging.DEBUG)
    ctx.obj = CliState(settings=settings, verbose=verbose)


def print_scores(scores: dict, as_json: bool, title: str) -> None:
    """Print a flat dict of figures as JSON or as a two-column table."""
    if as_json:
        click.echo(json.dumps(scores, indent=1))
        return
    table = Table("metric", "value", title=title)
    for k, v in scores.items():
        table.add_row(k, f"{v:.4f}" if isinstance(v, float) else str(v))
    Console().print(table)


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``claimlink`` script."""
    try:
        cli.main(args=argv, prog_name="claimlink", standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
