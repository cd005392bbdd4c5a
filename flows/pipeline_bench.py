"""Pipeline throughput against the bare work, in one run.

A loopback site serves ``pages`` article pages built from the English pages of the AEB
benchmark: each copy under its own URL, with its canonical link removed and a line that
makes its text distinct (so deduplication does not shortcut the pipeline), plus a feed.
The site runs in a process of its own, as a real site would.

Bare work: fetch every page, extract its main text, then ``nlp.pipe`` the texts with the
plain model, one after the other in one process.

Pipeline: the nightly Prefect flow over the same site into a fresh SQLite store, twice:
with one worker (the in-process path) and on a local cluster of two Dask worker processes
(which the flow uses as any existing cluster, through ``CLAIMLINK_DASK_ADDRESS``).

What is timed is the same on every side: loading the model and parsing 20 warm-up pages
come before every timer (the bare parser's, the flow process's for the one-worker run,
each Dask worker's, which also imports the flow's tasks), as they would in a served
deployment whose workers are already up; so does starting Prefect's temporary server and
the Dask cluster, whose start (with the model loads) is printed on its own
(``2_workers_cluster_start_seconds``). Everything else (the extraction worker, discovery,
fetching, parsing, claims, storing, linking, the summary, Prefect's task runs) is timed.
The load average is printed beside each figure: on a shared machine the ratios move with
it. Peak memory is reported for the flow's process (which also did the bare work) and for
each Dask worker.

It lives with the flows, not in :mod:`claimlink.evaluation`, because it runs the flow:
evaluation scores the library and imports nothing from flows.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
import time
from pathlib import Path

import spacy

from claimlink.evaluation.memory import peak_rss_mb
from claimlink.evaluation.extraction import aeb_pages
from claimlink.extractors.article import extract_article, main_text
from claimlink.extractors.errors import ArticleError
from claimlink.extractors.fetch import Fetcher, FetchOptions
from claimlink.extractors.nlp import load_pipeline, resolve_model_name
from claimlink.models.db import upgrade
from claimlink.settings import Settings

from .bench_site import Routes, Site
from .parallel import local_cluster_kwargs, quiet_distributed
from .prefect_env import configure
from .runner import run_quietly


def build_pages(aeb: Path, pages: int) -> list[bytes]:
    english = []
    for url, _, html in aeb_pages(aeb):
        try:
            extract_article(html, url)
        except ArticleError:
            continue
        html = re.sub(r"<link[^>]+rel=[\"']?canonical[^>]*>", "", html, flags=re.I)
        html = re.sub(r"<meta[^>]+property=[\"']og:url[^>]*>", "", html, flags=re.I)
        english.append(html)
    out = []
    for i in range(pages):
        html = english[i % len(english)]
        # distinct paragraphs: every copy is its own article, not a duplicate the store skips
        html = re.sub(r"<p(\s[^>]*)?>", lambda m: f"{m.group(0)}Copy {i}: ", html)
        out.append(html.encode("utf-8"))
    return out


def routes(pages: list[bytes]) -> Routes:
    """The site: a feed listing every page (relative links) and the pages at ``/p/<n>``."""
    items = "".join(f"<item><link>/p/{i}</link></item>" for i in range(len(pages)))
    feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>b</title>{items}</channel></rss>'
    out: Routes = {"/feed.xml": (feed.encode(), "application/rss+xml")}
    out.update({f"/p/{i}": (page, "text/html; charset=utf-8") for i, page in enumerate(pages)})
    return out


def run(aeb: str, pages: int = 500) -> dict:
    html = build_pages(Path(aeb), pages)
    server = Site(routes(html))
    # warm-up texts: every side parses them before its timer (see the module's docstring)
    warm_texts = [main_text(h.decode("utf-8"), "") for h in html[:WARM_PAGES]]
    del html
    urls = [f"{server.base}/p/{i}" for i in range(pages)]
    base = Settings.from_env()
    model = resolve_model_name(base.spacy_model or None)
    out: dict = {"pages": pages, "load_average_at_start": _load_average()}
    try:
        # bare work
        bare_nlp = spacy.load(model)
        _parse(bare_nlp, warm_texts)
        t = time.perf_counter()
        with Fetcher(FetchOptions(allow_hosts=("127.0.0.1",), host_delay=0.0)) as f:
            texts = [main_text(f.fetch(u).text, u) for u in urls]
        bare_fetch_s = time.perf_counter() - t
        words = sum(len(x.split()) for x in texts)
        _parse(bare_nlp, texts)
        bare_s = time.perf_counter() - t
        out.update({"words": words, "bare_seconds": round(bare_s, 1), "bare_fetch_seconds": round(bare_fetch_s, 1),
                    "bare_parse_seconds": round(bare_s - bare_fetch_s, 1),
                    "bare_articles_per_s": round(pages / bare_s, 2), "bare_load_average": _load_average()})
        del bare_nlp, texts

        # one worker, the in-process path: its model loaded and warmed before the timer, as bare's
        _parse(load_pipeline(base.spacy_model or None), warm_texts)
        one = _flow_run(base, server, workers=1, address="")
        out.update(_figures("1_worker", one, pages, bare_s))
        # two workers: a local cluster started, and each worker's model loaded and warmed, before
        # the timer; the flow runs on it as on any existing cluster (CLAIMLINK_DASK_ADDRESS)
        from distributed import Client, LocalCluster

        quiet_distributed(logging.ERROR)  # the scheduler runs in this process: no INFO lines on stderr
        t = time.perf_counter()
        with LocalCluster(**local_cluster_kwargs(2)) as cluster, Client(cluster) as client:
            client.wait_for_workers(2)
            client.run(_warm_worker, base.spacy_model or None, warm_texts)
            out["2_workers_cluster_start_seconds"] = round(time.perf_counter() - t, 1)
            two = _flow_run(base, server, workers=2, address=cluster.scheduler_address)
        # (the client closes before its cluster: nothing is left talking to a closed scheduler)
        out.update(_figures("2_workers", two, pages, bare_s))
        out["pages_skipped"] = one[1].get("skipped")
    finally:
        server.close()
    out["peak_memory_mb_flow_process"] = round(peak_rss_mb())
    return out


#: Pages every side parses before its timer starts (first-batch allocations, lazy tables).
WARM_PAGES = 20


def _parse(nlp, texts: list[str]) -> None:
    for _ in nlp.pipe(texts, batch_size=16):
        pass


def _warm_worker(model: str | None, texts: list[str]) -> None:
    """On each Dask worker before the timer: import the flow's tasks (and Prefect) and load
    and warm the model, as the bench's own process has before the one-worker run."""
    import claimlink.flows.nightly  # noqa: F401

    _parse(load_pipeline(model), texts)


def _flow_run(base: Settings, server: Site, *, workers: int, address: str) -> tuple[float, dict, str]:
    """One timed nightly run over the site into a fresh SQLite store: (seconds, stats, load average)."""
    _warm_prefect()  # run_quietly stops Prefect's server after each run
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        upgrade(url)
        sources = Path(tmp) / "sources.toml"
        sources.write_text(f'[[source]]\nname = "bench"\nurl = "{server.base}/feed.xml"\n')
        settings = base.on_loopback(database_url=url, sources_file=str(sources), workers=workers, dask_address=address)
        t = time.perf_counter()
        summary = run_quietly(settings)
        return time.perf_counter() - t, summary.stats, _load_average()


def _figures(name: str, run: tuple[float, dict, str], pages: int, bare_s: float) -> dict:
    seconds, stats, load = run
    out = {f"{name}_seconds": round(seconds, 1), f"{name}_articles_per_s": round(pages / seconds, 2),
           f"{name}_ratio_vs_bare": round(bare_s / seconds, 3), f"{name}_articles_stored": stats.get("articles"),
           f"{name}_claims_stored": stats.get("claims"), f"{name}_load_average": load}
    if stats.get("worker_memory"):
        out[f"{name}_peak_memory_mb_per_worker"] = ", ".join(f"{mb:.0f}" for mb in stats["worker_memory"].values())
    return out


def _load_average() -> str:
    """The machine's load average (1, 5, 15 minutes): a figure means little on a busy machine."""
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def _warm_prefect() -> None:
    configure()
    # Lazy, after configure(): prefect reads its settings once, at import.
    from prefect import flow

    @flow(name="claimlink-warm-up")
    def warm() -> None:
        return None

    warm()
