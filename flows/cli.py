"""The ``claimlink`` command line: a thin layer over the library and the flows.

Domain errors (bad URL, missing file, unmigrated store, unknown model) become a one-line
message and exit status 1 or 2; a traceback is never the answer to a user mistake.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import tempfile
from pathlib import Path

import click

from claimlink import __version__
from claimlink.settings import Settings, SettingsError


class CliError(click.ClickException):
    """A user-facing error: printed as ``Error: <message>``, exit status 1."""


def _settings(ctx: click.Context) -> Settings:
    return ctx.obj["settings"]


def _domain_errors(fn):
    """Turn library errors into CliError with their message."""
    import functools

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
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


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="claimlink")
@click.option("--database-url", envvar="CLAIMLINK_DATABASE_URL", metavar="URL",
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
    ctx.obj = {"settings": settings, "verbose": verbose}


# -- db --------------------------------------------------------------------------------------
@cli.group()
def db() -> None:
    """Create and migrate the store's schema (Alembic)."""


@db.command("upgrade")
@click.option("--revision", default="head", show_default=True, help="Target revision.")
@click.pass_context
@_domain_errors
def db_upgrade(ctx, revision: str) -> None:
    """Create or migrate the schema up to REVISION."""
    from claimlink.models.db import current_revision, upgrade

    url = _settings(ctx).database_url
    upgrade(url, revision)
    click.echo(f"store at {_redact(url)} is at revision {current_revision(url)}")


@db.command("downgrade")
@click.option("--revision", default="base", show_default=True, help="Target revision (base drops everything).")
@click.confirmation_option(prompt="This drops tables and their data. Continue?")
@click.pass_context
@_domain_errors
def db_downgrade(ctx, revision: str) -> None:
    """Migrate the schema down to REVISION."""
    from claimlink.models.db import downgrade

    downgrade(_settings(ctx).database_url, revision)
    click.echo(f"downgraded to {revision}")


@db.command("current")
@click.pass_context
@_domain_errors
def db_current(ctx) -> None:
    """Print the store's schema revision."""
    from claimlink.models.db import current_revision

    click.echo(current_revision(_settings(ctx).database_url) or "(empty: run `claimlink db upgrade`)")


def _redact(url: str) -> str:
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return url


# -- run -------------------------------------------------------------------------------------
@cli.command()
@click.option("--sources", "sources_file", type=click.Path(dir_okay=False), envvar="CLAIMLINK_SOURCES_FILE",
              help="Sources file [env CLAIMLINK_SOURCES_FILE; default sources.toml].")
@click.option("--demo", is_flag=True, help="Serve the bundled demo site on 127.0.0.1 and run against it.")
@click.option("--batch-size", type=click.IntRange(1, 10_000), help="Articles per batch task [default 50].")
@click.option("--no-progress", is_flag=True, help="No progress bars (they are off anyway when not on a terminal).")
@click.option("--migrate/--no-migrate", default=None,
              help="Migrate the store first [default: only with --demo].")
@click.pass_context
@_domain_errors
def run(ctx, sources_file, demo, batch_size, no_progress, migrate) -> None:
    """Run the nightly flow once: fetch, extract, store, link, and print a summary."""
    settings = _settings(ctx)
    if migrate or (migrate is None and demo):
        from claimlink.models.db import upgrade

        upgrade(settings.database_url)
    if demo:
        from .demo import DemoSite

        with DemoSite(port=int(os.environ.get("CLAIMLINK_DEMO_PORT", "8765"))) as site, \
                tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "sources.toml"
            path.write_text(site.sources_toml(), encoding="utf-8")
            demo_settings = settings.with_(allow_hosts=tuple(settings.allow_hosts) + ("127.0.0.1",), host_delay=0.0,
                                           sources_file=str(path))
            summary = _run_flow(ctx, demo_settings, batch_size, no_progress)
    else:
        summary = _run_flow(ctx, settings.with_(sources_file=sources_file or settings.sources_file), batch_size,
                            no_progress)
    from .summary import print_summary

    print_summary(summary)


def _run_flow(ctx, settings: Settings, batch_size, no_progress):
    from .prefect_env import configure

    configure(verbose=ctx.obj["verbose"] > 0)
    from .progress import StageProgress
    from .runner import run_quietly

    show = not no_progress and sys.stderr.isatty()
    with StageProgress(enabled=show) as progress:
        return run_quietly(settings, batch_size=batch_size, progress=progress, verbose=ctx.obj["verbose"] > 0)


@cli.command()
@click.option("--sources", "sources_file", type=click.Path(dir_okay=False), envvar="CLAIMLINK_SOURCES_FILE",
              help="Sources file [env CLAIMLINK_SOURCES_FILE; default sources.toml].")
@click.option("--cron", envvar="CLAIMLINK_SCHEDULE_CRON",
              help="Cron schedule [env CLAIMLINK_SCHEDULE_CRON; default '0 2 * * *'].")
@click.option("--timezone", "tz", envvar="CLAIMLINK_SCHEDULE_TIMEZONE",
              help="Time zone of the schedule [env CLAIMLINK_SCHEDULE_TIMEZONE; default UTC].")
@click.option("--port", type=click.IntRange(1, 65535), default=4200, show_default=True,
              help="Port of the local Prefect server started when PREFECT_API_URL is not set.")
@click.option("--server-log", type=click.Path(dir_okay=False), help="Write the local Prefect server's log here.")
@click.option("--run-now", is_flag=True, help="Also run once at start-up.")
@click.pass_context
@_domain_errors
def serve(ctx, sources_file, cron, tz, port, server_log, run_now) -> None:
    """Run the nightly flow on its schedule, until stopped (Ctrl-C).

    Without PREFECT_API_URL a local Prefect server is started on 127.0.0.1 and
    supervised; with it, that server is used. See README, "Scheduling".
    """
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from claimlink.extractors.sources import load_sources
    from claimlink.models import check_store, make_engine

    settings = _settings(ctx)
    settings = settings.with_(**{k: v for k, v in dict(sources_file=sources_file, schedule_cron=cron,
                                                       schedule_timezone=tz).items() if v})
    # Validate without importing prefect: it reads PREFECT_API_URL once, at import, and
    # serve may still have to start the local server and set it.
    from datetime import datetime

    from cronsim import CronSim, CronSimError

    try:
        CronSim(settings.schedule_cron, datetime.now(ZoneInfo(settings.schedule_timezone)))
    except (CronSimError, ValueError, ZoneInfoNotFoundError) as exc:
        raise CliError(f"bad schedule {settings.schedule_cron!r} / {settings.schedule_timezone!r}: {exc}") from None
    load_sources(settings.sources_file)
    engine = make_engine(settings.database_url)
    check_store(engine)
    engine.dispose()
    from .prefect_env import configure

    configure(verbose=ctx.obj["verbose"] > 0)
    from .serve import serve as serve_flow

    try:
        serve_flow(settings, port=port, log_path=server_log, run_now=run_now)
    except RuntimeError as exc:
        raise CliError(str(exc)) from None
    except KeyboardInterrupt:
        click.echo("stopped", err=True)


# -- review desk -------------------------------------------------------------------------------
@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.pass_context
@_domain_errors
def review(ctx, host, port) -> None:
    """Serve the fact-checkers' review desk (log in with an account from `claimlink users add`).

    Sessions are signed with CLAIMLINK_SECRET_KEY; without it, a random key is used and
    sessions end when the server stops.
    """
    import uvicorn

    from claimlink.models import check_store, make_engine
    from claimlink.review.app import create_app

    url = _settings(ctx).database_url
    engine = make_engine(url)
    check_store(engine)
    engine.dispose()
    click.echo(f"review desk on http://{host}:{port}/ (Ctrl-C stops it)")
    uvicorn.run(create_app(url), host=host, port=port, log_level="warning")


@cli.group()
def users() -> None:
    """Manage the review desk's reviewer accounts."""


@users.command("add")
@click.argument("name")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True, envvar="CLAIMLINK_NEW_PASSWORD",
              help="The password (prompted for when not given; or env CLAIMLINK_NEW_PASSWORD).")
@click.pass_context
@_domain_errors
def users_add(ctx, name, password) -> None:
    """Create reviewer NAME with a password (stored as an argon2 hash)."""
    from sqlalchemy.orm import Session

    from claimlink.models import check_store, make_engine
    from claimlink.review.app import UserError, add_user

    engine = make_engine(_settings(ctx).database_url)
    check_store(engine)
    try:
        with Session(engine) as s, s.begin():
            add_user(s, name, password)
    except UserError as exc:
        raise CliError(str(exc)) from None
    finally:
        engine.dispose()
    click.echo(f"user {name} added")


# -- sources -----------------------------------------------------------------------------------
@cli.command()
@click.option("--sources", "sources_file", type=click.Path(dir_okay=False), envvar="CLAIMLINK_SOURCES_FILE",
              help="Sources file [default sources.toml].")
@click.pass_context
@_domain_errors
def sources(ctx, sources_file) -> None:
    """List the configured sources with the outcome of their last fetch."""
    from rich.console import Console
    from rich.table import Table
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from claimlink.extractors.sources import load_sources
    from claimlink.models import Source, check_store, make_engine

    settings = _settings(ctx)
    configured = load_sources(sources_file or settings.sources_file)
    engine = make_engine(settings.database_url)
    check_store(engine)
    with Session(engine) as session:
        known = {s.name: s for s in session.scalars(select(Source))}
    table = Table("name", "kind", "url", "last fetched", "outcome", "items", "error")
    for cfg in configured:
        s = known.get(cfg.name)
        table.add_row(cfg.name, cfg.kind, cfg.url or f"{len(cfg.urls)} URLs",
                      s.last_fetched_at.strftime("%Y-%m-%d %H:%M") if s and s.last_fetched_at else "never",
                      (s.last_outcome or "") if s else "", str(s.last_items or "") if s else "",
                      (s.last_error or "")[:60] if s else "")
    Console().print(table)


# -- extract / compare ---------------------------------------------------------------------------
@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--model", envvar="CLAIMLINK_SPACY_MODEL", help="spaCy model name or path.")
@click.pass_context
@_domain_errors
def extract(ctx, files, model) -> None:
    """Print the attributed claims of UTF-8 text FILES, one JSON line per file.

    Offsets are Python string offsets into the text exactly as read.
    """
    from claimlink.extractors import extract_claims, load_pipeline

    nlp = load_pipeline(model or _settings(ctx).spacy_model or None)
    texts = []
    for f in files:
        try:
            texts.append(Path(f).read_text(encoding="utf-8"))
        except UnicodeDecodeError as exc:
            raise CliError(f"{f}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    for f, doc in zip(files, nlp.pipe(texts, batch_size=16)):
        record = {"doc_id": Path(f).stem, "claims": [c.to_dict() for c in extract_claims(doc)]}
        click.echo(json.dumps(record, ensure_ascii=False))


@cli.command()
@click.argument("pairs", type=click.File("r", encoding="utf-8"))
@click.option("--model", envvar="CLAIMLINK_SPACY_MODEL", help="spaCy model name or path.")
@click.pass_context
@_domain_errors
def compare(ctx, pairs, model) -> None:
    """Say whether two short texts contradict each other, for each line of PAIRS.jsonl.

    Input lines: {"id", "a", "b"}. Output lines: {"id", "relation", "score", "reasons"}.
    The same extraction and linker as the pipeline run on both texts. Use - for stdin.
    """
    from claimlink.extractors import load_pipeline
    from claimlink.linker.compare import compare_texts

    nlp = load_pipeline(model or _settings(ctx).spacy_model or None)
    rows = []
    for n, line in enumerate(pairs, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            rows.append((row["id"], str(row["a"]), str(row["b"])))
        except (ValueError, KeyError, TypeError):
            raise CliError(f"line {n}: expected a JSON object with id, a and b") from None
    for (pid, _, _), verdict in zip(rows, compare_texts(nlp, [(a, b) for _, a, b in rows])):
        click.echo(json.dumps({"id": pid, "relation": verdict.relation, "score": verdict.score,
                               "reasons": [r.text for r in verdict.reasons]}, ensure_ascii=False))


# -- report -------------------------------------------------------------------------------------
def _report_names() -> list[str]:
    from claimlink.models.reports import REPORTS

    return list(REPORTS)


@cli.command()
@click.argument("name", type=click.Choice(_report_names()), required=False)
@click.option("--since", help="Only what was flagged or published since: 7d, 24h, 2w, 3m or a date.")
@click.option("--speaker", help="Speaker's canonical name (report 'speaker').")
@click.option("--limit", type=click.IntRange(1, 100_000), default=50, show_default=True, help="Rows at most.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "png"]), default="table",
              show_default=True, help="Output format; png draws a chart (contradictions-per-day).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write to this file (default: stdout; png needs a file, default report.png).")
@click.pass_context
@_domain_errors
def report(ctx, name, since, speaker, limit, fmt, output) -> None:
    """Run a built-in report over the SQL views (see docs/REPORTING.md).

    Without NAME, list the reports.
    """
    import csv
    import io

    from claimlink.models import check_store, make_engine
    from claimlink.models.reports import REPORTS, ReportError, plot_png, run_report

    if name is None:
        for r in REPORTS.values():
            click.echo(f"{r.name:24} {r.description}")
        return
    if fmt == "png" and REPORTS[name].plot is None:
        raise CliError(f"report {name!r} has no chart; png works for: "
                       + ", ".join(r.name for r in REPORTS.values() if r.plot))
    engine = make_engine(_settings(ctx).database_url)
    check_store(engine)
    try:
        with engine.connect() as conn:
            columns, rows = run_report(conn, name, since=since, limit=limit, speaker=speaker)
    except ReportError as exc:
        raise CliError(str(exc)) from None
    finally:
        engine.dispose()
    if fmt == "png":
        path = output or "report.png"
        plot_png(columns, rows, path, REPORTS[name].description)
        click.echo(f"wrote {path} ({len(rows)} rows)")
        return
    if fmt == "json":
        out = json.dumps([dict(zip(columns, [_plain(v) for v in r])) for r in rows], indent=1, ensure_ascii=False)
    elif fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(columns)
        writer.writerows([[_plain(v) for v in r] for r in rows])
        out = buf.getvalue()
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(*columns, title=REPORTS[name].description)
        for r in rows:
            table.add_row(*["" if v is None else str(_plain(v))[:120] for v in r])
        if output:
            with open(output, "w", encoding="utf-8") as fh:
                Console(file=fh, width=200).print(table)
        else:
            Console().print(table)
        return
    if output:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(out)
    else:
        click.echo(out)


def _plain(v):
    from datetime import date, datetime
    from decimal import Decimal

    if isinstance(v, (datetime, date)):
        return v.isoformat(sep=" ") if isinstance(v, datetime) else v.isoformat()
    if isinstance(v, Decimal):
        return int(v) if v == int(v) else float(v)
    return v


# -- eval ---------------------------------------------------------------------------------------
@cli.group("eval")
def eval_() -> None:
    """Score the library against gold data (kept outside the repository)."""


@eval_.command("attribution")
@click.option("--polnear", required=True, type=click.Path(exists=True, dir_okay=False),
              help="PolNeAR jsonl, e.g. ../shared/data/polnear/dev.jsonl.")
@click.option("--limit", type=click.IntRange(1), help="Only the first N articles.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--model", envvar="CLAIMLINK_SPACY_MODEL", help="spaCy model name or path.")
@click.pass_context
@_domain_errors
def eval_attribution(ctx, polnear, limit, as_json, model) -> None:
    """Content, speaker, cue and triple scores of claim extraction on PolNeAR."""
    from claimlink.evaluation.attribution import evaluate, load_polnear
    from claimlink.extractors import extract_claims, load_pipeline

    docs = load_polnear(polnear, limit)
    nlp = load_pipeline(model or _settings(ctx).spacy_model or None)

    def predict(texts):
        return [[c.to_dict() for c in extract_claims(d)] for d in nlp.pipe(texts, batch_size=16)]

    scores, _ = evaluate(docs, predict)
    _print_scores(scores.as_dict(), as_json, f"PolNeAR attribution ({polnear})")


@eval_.command("stance")
@click.option("--emergent", required=True, type=click.Path(exists=True, dir_okay=False),
              help="Emergent pairs CSV (claim,article_headline,stance), e.g. ../shared/data/emergent/dev_pairs.csv.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--errors", "show_errors", type=click.IntRange(0), default=0, help="Also list N wrong pairs.")
@click.option("--model", envvar="CLAIMLINK_SPACY_MODEL", help="spaCy model name or path.")
@click.pass_context
@_domain_errors
def eval_stance(ctx, emergent, as_json, show_errors, model) -> None:
    """Precision and recall of `compare` on Emergent `against` pairs; false flags on `for`."""
    from claimlink.evaluation.stance import evaluate, load_emergent
    from claimlink.extractors import load_pipeline

    pairs = load_emergent(emergent)
    nlp = load_pipeline(model or _settings(ctx).spacy_model or None)
    scores, wrong = evaluate(nlp, pairs)
    _print_scores(scores, as_json, f"Emergent stance ({emergent})")
    for p, verdict in wrong[:show_errors]:
        click.echo(f"[{p['stance']} -> {verdict.relation} {verdict.score:.2f}] {p['claim']} || {p['headline']}")


@eval_.command("extraction")
@click.option("--aeb", required=True, type=click.Path(exists=True, file_okay=False),
              help="Article-extraction-benchmark folder with html/ and ground-truth.json.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@_domain_errors
def eval_extraction(aeb, as_json) -> None:
    """Main-text extraction on the ScrapingHub benchmark (4-gram shingles)."""
    from claimlink.evaluation.extraction import evaluate_aeb

    scores = evaluate_aeb(aeb)
    _print_scores(scores, as_json, f"AEB main-text extraction ({aeb})")


# -- bench --------------------------------------------------------------------------------------
@cli.group()
def bench() -> None:
    """Benchmarks that print figures (throughput, memory, growth)."""


@bench.command("extraction")
@click.option("--polnear", required=True, type=click.Path(exists=True, dir_okay=False),
              help="PolNeAR jsonl whose texts are parsed, e.g. ../shared/data/polnear/dev.jsonl.")
@click.option("--rounds", type=click.IntRange(1, 10), default=2, show_default=True,
              help="Timed rounds per variant, alternating order; the best of each counts.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--model", envvar="CLAIMLINK_SPACY_MODEL", help="spaCy model name or path.")
@click.pass_context
@_domain_errors
def bench_extraction(ctx, polnear, rounds, as_json, model) -> None:
    """Claim extraction throughput against bare nlp.pipe of the same model, same texts, same run."""
    from claimlink.evaluation.attribution import load_polnear
    from claimlink.evaluation.bench import extraction_throughput

    docs = load_polnear(polnear)
    figures = extraction_throughput([d["text"] for d in docs], model or _settings(ctx).spacy_model or None, rounds)
    _print_scores(figures, as_json, "Extraction throughput")


@bench.command("linker")
@click.option("-n", "sizes", type=click.IntRange(1000), multiple=True, default=[100_000, 1_000_000],
              show_default=True, help="Numbers of synthetic claims; give -n several times.")
@click.option("--k", type=click.IntRange(1, 1000), default=50, show_default=True,
              help="Candidates kept per blocking key.")
@click.option("--seed", type=int, default=7, show_default=True, help="Random seed of the generator.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def bench_linker(sizes, k, seed, as_json) -> None:
    """Link n synthetic claims with planted contradictions: time, peak memory, recall.

    Each size runs in a fresh process, so its peak memory is its own.
    """
    from claimlink.evaluation.scale import run_sizes

    results = run_sizes(list(sizes), k=k, seed=seed)
    if as_json:
        click.echo(json.dumps(results, indent=1))
        return
    for r in results:
        _print_scores(r, False, f"Linker at n = {r['n']:,}")
    if len(results) >= 2:
        a, b = results[0], results[-1]
        click.echo(f"growth {a['n']:,} -> {b['n']:,}: time x{b['seconds'] / a['seconds']:.2f} "
                   f"for x{b['n'] / a['n']:.0f} claims")


@bench.command("pipeline")
@click.option("--aeb", required=True, type=click.Path(exists=True, file_okay=False),
              help="Article-extraction-benchmark folder, e.g. ../shared/data/aeb.")
@click.option("--pages", type=click.IntRange(10, 100_000), default=500, show_default=True,
              help="Article pages on the loopback site.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@_domain_errors
def bench_pipeline(aeb, pages, as_json) -> None:
    """Nightly flow throughput against bare fetch + extract + nlp.pipe, same pages, same run."""
    from .prefect_env import configure

    configure()
    from claimlink.evaluation.pipeline_bench import run

    _print_scores(run(aeb, pages), as_json, f"Pipeline on {pages} pages")


@bench.command("reports")
@click.option("--claims", "n_claims", type=click.IntRange(1000), default=1_000_000, show_default=True,
              help="Synthetic claims to put in the store.")
@click.option("--store", "url", metavar="URL",
              help="An EMPTY database to fill (e.g. PostgreSQL); default: a temporary SQLite file.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@_domain_errors
def bench_reports(n_claims, url, as_json) -> None:
    """Time every built-in report on a synthetic store of N claims.

    Never uses CLAIMLINK_DATABASE_URL: synthetic data goes only where --store says, and
    a store that already holds claims is refused.
    """
    import os
    import tempfile

    from claimlink.evaluation.bench import reports_on_synthetic_store
    from claimlink.models.db import upgrade

    with tempfile.TemporaryDirectory() as tmp:
        url = url or f"sqlite:///{os.path.join(tmp, 'bench.db')}"
        upgrade(url)
        try:
            figures = reports_on_synthetic_store(url, n_claims)
        except ValueError as exc:
            raise CliError(str(exc)) from None
    _print_scores(figures, as_json, f"Reports on {n_claims:,} claims")


@bench.command("review")
@click.option("--links", "n_links", type=click.IntRange(100), default=100_000, show_default=True,
              help="Flagged pairs in the synthetic store.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@_domain_errors
def bench_review(n_links, as_json) -> None:
    """Render time of the review queue page on a SQLite store with N flagged pairs."""
    import os
    import tempfile

    from claimlink.evaluation.bench import review_queue
    from claimlink.models.db import upgrade

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{os.path.join(tmp, 'review.db')}"
        upgrade(url)
        figures = review_queue(url, n_links)
    _print_scores(figures, as_json, f"Review queue with {n_links:,} flagged pairs")


def _print_scores(scores: dict, as_json: bool, title: str) -> None:
    if as_json:
        click.echo(json.dumps(scores, indent=1))
        return
    from rich.console import Console
    from rich.table import Table

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


if __name__ == "__main__":  # pragma: no cover
    main()
