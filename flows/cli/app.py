"""The root ``claimlink`` group, its error handling and the helpers every command shares.

Domain errors (bad URL, missing file, unmigrated store, unknown model) all derive from
:class:`claimlink.errors.ClaimlinkError`; the root group catches that one class around
every command and prints ``Error: <message> [<code>]``, exit status 1 (click's own usage
errors exit with 2). A traceback is never the answer to a user mistake.
"""

from __future__ import annotations

import json
import logging
import sys
from dataclasses import dataclass

import click
from rich.console import Console
from rich.table import Table
from sqlalchemy.exc import SQLAlchemyError

from claimlink import __version__
from claimlink.errors import ClaimlinkError
from claimlink.settings import Settings


class CliError(ClaimlinkError):
    """A mistake the command line finds itself (a bad input line, a bad schedule)."""

    code = "E001"


@dataclass(frozen=True)
class CliState:
    """What the root group hands every command (``@click.pass_obj``)."""

    settings: Settings
    verbose: int


class RootGroup(click.Group):
    """The root group: any domain error or OS error of a command becomes one line."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ClaimlinkError as exc:
            raise click.ClickException(f"{exc} [{exc.code}]") from None
        except SQLAlchemyError as exc:  # a store that changed under the command, or lost its connection
            reason = str(getattr(exc, "orig", None) or exc).strip().splitlines() or [type(exc).__name__]
            raise click.ClickException(f"store error: {reason[0]}") from None
        except OSError as exc:
            raise click.ClickException(f"{exc.strerror or exc}: {exc.filename}" if exc.filename
                                       else str(exc)) from None


#: The ``--model`` option of every command that parses text.
model_option = click.option("--model", help="spaCy model name or path.")


def json_option(what: str = "scores"):
    """The ``--json`` option of every command that prints figures."""
    return click.option("--json", "as_json", is_flag=True, help=f"Print the {what} as JSON.")


@click.group(cls=RootGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
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
    settings = Settings.from_env(database_url=database_url)
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
    from claimlink.flows.watchdog import exit_on_sigterm

    exit_on_sigterm()  # clean up (stop the Prefect servers started) on SIGTERM as on Ctrl-C
    # Not click's standalone mode: it turns Ctrl-C into "Aborted!" and exit status 1, where a
    # shell (and a scheduler reading the status) expects 130 for an interrupted command.
    try:
        status = cli.main(args=argv, prog_name="claimlink", standalone_mode=False)
    except click.exceptions.Abort as exc:
        interrupted = isinstance(exc.__cause__, (KeyboardInterrupt, EOFError))
        click.echo("interrupted" if interrupted else "Aborted!", err=True)
        sys.exit(130 if interrupted else 1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
    sys.exit(status if isinstance(status, int) else 0)
