"""``claimlink bench ...``: benchmarks that print figures (throughput, memory, growth)."""

from __future__ import annotations

import json
import os
import tempfile

import click

from claimlink.evaluation.attribution import load_polnear
from claimlink.evaluation.bench import extraction_throughput, reports_on_synthetic_store, review_queue
from claimlink.models.db import upgrade

from .app import CliState, cli, json_option, model_option, print_scores


@cli.group()
def bench() -> None:
    """Benchmarks that print figures (throughput, memory, growth)."""


@bench.command("extraction")
@click.option("--polnear", required=True, type=click.Path(exists=True, dir_okay=False),
              help="PolNeAR jsonl whose texts are parsed, e.g. ../shared/data/polnear/dev.jsonl.")
@click.option("--rounds", type=click.IntRange(1, 10), default=2, show_default=True,
              help="Timed rounds per variant, alternating order; the best of each counts.")
@json_option("figures")
@model_option
@click.pass_obj
def bench_extraction(state: CliState, polnear, rounds, as_json, model) -> None:
    """Claim extraction throughput against bare nlp.pipe of the same model, same texts, same run."""
    docs = load_polnear(polnear)
    figures = extraction_throughput([d["text"] for d in docs], model or state.settings.spacy_model or None, rounds)
    print_scores(figures, as_json, "Extraction throughput")


@bench.command("linker")
@click.option("-n", "sizes", type=click.IntRange(1000), multiple=True, default=[100_000, 1_000_000],
              show_default=True, help="Numbers of synthetic claims; give -n several times.")
@click.option("--k", type=click.IntRange(1, 1000), default=50, show_default=True,
              help="Candidates kept per blocking key.")
@click.option("--seed", type=int, default=7, show_default=True, help="Random seed of the generator.")
@json_option("figures")
def bench_linker(sizes, k, seed, as_json) -> None:
    """Link n synthetic claims with planted contradictions: time, peak memory, recall.

    Each size runs in a fresh process, so its peak memory is its own.
    """
    # Lazy: the linker loads spaCy when imported.
    from claimlink.evaluation.scale import run_sizes

    results = run_sizes(list(sizes), k=k, seed=seed)
    if as_json:
        click.echo(json.dumps(results, indent=1))
        return
    for r in results:
        print_scores(r, False, f"Linker at n = {r['n']:,}")
    if len(results) >= 2:
        a, b = results[0], results[-1]
        click.echo(f"growth {a['n']:,} -> {b['n']:,}: time x{b['seconds'] / a['seconds']:.2f} "
                   f"for x{b['n'] / a['n']:.0f} claims")


@bench.command("pipeline")
@click.option("--aeb", required=True, type=click.Path(exists=True, file_okay=False),
              help="Article-extraction-benchmark folder, e.g. ../shared/data/aeb.")
@click.option("--pages", type=click.IntRange(10, 100_000), default=500, show_default=True,
              help="Article pages on the loopback site.")
@json_option("figures")
def bench_pipeline(aeb, pages, as_json) -> None:
    """Nightly flow throughput against bare fetch + extract + nlp.pipe, same pages, same run."""
    # Lazy: the benchmark loads spaCy and trafilatura when imported; it configures
    # Prefect itself before importing it.
    from ..pipeline_bench import run

    print_scores(run(aeb, pages), as_json, f"Pipeline on {pages} pages")


@bench.command("reports")
@click.option("--claims", "n_claims", type=click.IntRange(1000), default=1_000_000, show_default=True,
              help="Synthetic claims to put in the store.")
@click.option("--store", "url", metavar="URL",
              help="An EMPTY database to fill (e.g. PostgreSQL); default: a temporary SQLite file.")
@json_option("figures")
def bench_reports(n_claims, url, as_json) -> None:
    """Time every built-in report on a synthetic store of N claims.

    Never uses CLAIMLINK_DATABASE_URL: synthetic data goes only where --store says, and
    a store that already holds claims is refused.
    """
    with tempfile.TemporaryDirectory() as tmp:
        url = url or f"sqlite:///{os.path.join(tmp, 'bench.db')}"
        upgrade(url)
        figures = reports_on_synthetic_store(url, n_claims)
    print_scores(figures, as_json, f"Reports on {n_claims:,} claims")


@bench.command("review")
@click.option("--links", "n_links", type=click.IntRange(100), default=100_000, show_default=True,
              help="Flagged pairs in the synthetic store.")
@json_option("figures")
def bench_review(n_links, as_json) -> None:
    """Render time of the review queue page on a SQLite store with N flagged pairs."""
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{os.path.join(tmp, 'review.db')}"
        upgrade(url)
        figures = review_queue(url, n_links)
    print_scores(figures, as_json, f"Review queue with {n_links:,} flagged pairs")
