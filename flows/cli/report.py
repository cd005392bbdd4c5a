"""``claimlink report``: the built-in reports over the SQL views, as table, CSV, JSON or PNG."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from decimal import Decimal

import click
from rich.console import Console
from rich.table import Table

from claimlink.models import check_store, make_engine
from claimlink.models.reports import REPORTS, plot_png, run_report

from .app import CliError, CliState, cli


@cli.command()
@click.argument("name", type=click.Choice(list(REPORTS)), required=False)
@click.option("--since", help="Only what was flagged or published since: 7d, 24h, 2w, 3m or a date.")
@click.option("--speaker", help="Speaker's canonical name (report 'speaker').")
@click.option("--limit", type=click.IntRange(1, 100_000), default=50, show_default=True, help="Rows at most.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "png"]), default="table",
              show_default=True, help="Output format; png draws a chart (contradictions-per-day).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write to this file (default: stdout; png needs a file, default report.png).")
@click.pass_obj
def report(state: CliState, name, since, speaker, limit, fmt, output) -> None:
    """Run a built-in report over the SQL views (see docs/REPORTING.md).

    Without NAME, list the reports.
    """
    if name is None:
        for r in REPORTS.values():
            click.echo(f"{r.name:24} {r.description}")
        return
    if fmt == "png" and REPORTS[name].plot is None:
        raise CliError(f"report {name!r} has no chart; png works for: "
                       + ", ".join(r.name for r in REPORTS.values() if r.plot))
    engine = make_engine(state.settings.database_url)
    check_store(engine)
    try:
        with engine.connect() as conn:
            columns, rows = run_report(conn, name, since=since, limit=limit, speaker=speaker)
    finally:
        engine.dispose()
    if fmt == "png":
        path = output or "report.png"
        plot_png(columns, rows, path, REPORTS[name].description)
        click.echo(f"wrote {path} ({len(rows)} rows)")
        return
    if fmt == "table":
        table = Table(*columns, title=REPORTS[name].description)
        for r in rows:
            table.add_row(*["" if v is None else str(_plain(v))[:120] for v in r])
        if output:
            with open(output, "w", encoding="utf-8") as fh:
                Console(file=fh, width=200).print(table)
        else:
            Console().print(table)
        return
    if fmt == "json":
        out = json.dumps([dict(zip(columns, [_plain(v) for v in r])) for r in rows], indent=1, ensure_ascii=False)
    else:
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(columns)
        writer.writerows([[_plain(v) for v in r] for r in rows])
        out = buf.getvalue()
    if output:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(out)
    else:
        click.echo(out)


def _plain(v):
    """A value from the database as JSON and CSV want it."""
    if isinstance(v, (datetime, date)):
        return v.isoformat(sep=" ") if isinstance(v, datetime) else v.isoformat()
    if isinstance(v, Decimal):
        return int(v) if v == int(v) else float(v)
    return v
