"""``claimlink run`` (the nightly flow once) and ``claimlink serve`` (on its schedule).

Prefect itself is imported only by :mod:`claimlink.flows.runner` and
:mod:`claimlink.flows.serve`, inside the functions that run a flow: it reads its settings
(``PREFECT_API_URL``, logging levels) once, at import, so :func:`configure` and, for
``serve``, the local server must come first.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import click
from cronsim import CronSim, CronSimError

from claimlink.models import check_store, make_engine
from claimlink.models.db import upgrade
from claimlink.settings import Settings

from ..demo import DemoSite
from ..prefect_env import configure
from ..progress import StageProgress
from ..runner import run_quietly
from ..serve import serve as serve_flow
from ..summary import print_summary
from .app import CliError, CliState, cli

SOURCES_HELP = "Sources file [env CLAIMLINK_SOURCES_FILE; default sources.toml]."


@cli.command()
@click.option("--sources", "sources_file", type=click.Path(dir_okay=False), help=SOURCES_HELP)
@click.option("--demo", is_flag=True, help="Serve the bundled demo site on 127.0.0.1 and run against it.")
@click.option("--batch-size", type=click.IntRange(1, 10_000), help="Articles per batch task [default 50].")
@click.option("--no-progress", is_flag=True, help="No progress bars (they are off anyway when not on a terminal).")
@click.option("--migrate/--no-migrate", default=None,
              help="Migrate the store first [default: only with --demo].")
@click.pass_obj
def run(state: CliState, sources_file, demo, batch_size, no_progress, migrate) -> None:
    """Run the nightly flow once: fetch, extract, store, link, and print a summary."""
    settings = state.settings
    if migrate or (migrate is None and demo):
        upgrade(settings.database_url)
    if demo:
        with DemoSite(port=settings.demo_port) as site, tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "sources.toml"
            path.write_text(site.sources_toml(), encoding="utf-8")
            demo_settings = settings.on_loopback(sources_file=str(path))
            summary = _run_flow(state, demo_settings, batch_size, no_progress)
    else:
        summary = _run_flow(state, settings.with_(sources_file=sources_file or settings.sources_file), batch_size,
                            no_progress)
    print_summary(summary)


def _run_flow(state: CliState, settings: Settings, batch_size, no_progress):
    configure(verbose=state.verbose > 0)
    show = not no_progress and sys.stderr.isatty()
    with StageProgress(enabled=show):
        return run_quietly(settings, batch_size=batch_size, verbose=state.verbose > 0)


@cli.command()
@click.option("--sources", "sources_file", type=click.Path(dir_okay=False), help=SOURCES_HELP)
@click.option("--cron", help="Cron schedule [env CLAIMLINK_SCHEDULE_CRON; default '0 2 * * *'].")
@click.option("--timezone", "tz", help="Time zone of the schedule [env CLAIMLINK_SCHEDULE_TIMEZONE; default UTC].")
@click.option("--port", type=click.IntRange(1, 65535), default=4200, show_default=True,
              help="Port of the local Prefect server started when PREFECT_API_URL is not set.")
@click.option("--server-log", type=click.Path(dir_okay=False), help="Write the local Prefect server's log here.")
@click.option("--run-now", is_flag=True, help="Also run once at start-up.")
@click.pass_obj
def serve(state: CliState, sources_file, cron, tz, port, server_log, run_now) -> None:
    """Run the nightly flow on its schedule, until stopped (Ctrl-C).

    Without PREFECT_API_URL a local Prefect server is started on 127.0.0.1 and
    supervised; with it, that server is used. See README, "Scheduling".
    """
    # Lazy: claimlink.extractors loads spaCy when imported.
    from claimlink.extractors.sources import load_sources

    settings = state.settings.with_(**{k: v for k, v in dict(sources_file=sources_file, schedule_cron=cron,
                                                             schedule_timezone=tz).items() if v})
    # Validated here with cronsim, not prefect: serve may still have to start the local
    # server and set PREFECT_API_URL before prefect is imported.
    try:
        CronSim(settings.schedule_cron, datetime.now(ZoneInfo(settings.schedule_timezone)))
    except (CronSimError, ValueError, ZoneInfoNotFoundError) as exc:
        raise CliError(f"bad schedule {settings.schedule_cron!r} / {settings.schedule_timezone!r}: {exc}") from None
    load_sources(settings.sources_file)
    engine = make_engine(settings.database_url)
    check_store(engine)
    engine.dispose()
    configure(verbose=state.verbose > 0)
    try:
        serve_flow(settings, port=port, log_path=server_log, run_now=run_now)
    except KeyboardInterrupt:
        click.echo("stopped", err=True)
