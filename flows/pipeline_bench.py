"""Pipeline throughput against the bare work, in one run.

A loopback site serves ``pages`` article pages built from the English pages of the AEB
benchmark: each copy under its own URL, with its canonical link removed and a line that
makes its text distinct (so deduplication does not shortcut the pipeline), plus a feed.
The site runs in a process of its own, as a real site would.

Bare work: fetch every page, extract its main text, then ``nlp.pipe`` the texts with the
plain model, one after the other in one process. The parser is warmed on 20 pages
first, and its loading is not timed.

Pipeline: the nightly Prefect flow over the same site into a fresh SQLite store, twice:
with one worker (the in-process path) and with two Dask worker processes. Prefect's
temporary server is started before timing, as a served deployment's server would
already be running; everything else (starting the Dask cluster, loading the model in
each process, the extraction worker, discovery, storing, linking, the summary) is timed.
Peak memory is reported for the flow's process (which also did the bare work) and for
each Dask worker.

It lives with the flows, not in :mod:`claimlink.evaluation`, because it runs the flow:
evaluation scores the library and imports nothing from flows.
"""

from __future__ import annotations

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
from claimlink.extractors.nlp import resolve_model_name
from claimlink.models.db import upgrade
from claimlink.settings import Settings

from .bench_site import Routes, Site
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
    # warm-up texts: both sides are timed warm (the pipeline's Prefect server is started
    # before its timer; the bare parser has parsed a few pages before its timer)
    warm_texts = [main_text(h.decode("utf-8"), "") for h in html[:20]]
    del html
    urls = [f"{server.base}/p/{i}" for i in range(pages)]
    model = resolve_model_name(None)
    try:
        # bare work
        bare_nlp = spacy.load(model)
        for _ in bare_nlp.pipe(warm_texts, batch_size=16):
            pass
        t = time.perf_counter()
        with Fetcher(FetchOptions(allow_hosts=("127.0.0.1",), host_delay=0.0)) as f:
            texts = [main_text(f.fetch(u).text, u) for u in urls]
        bare_fetch_s = time.perf_counter() - t
        words = sum(len(x.split()) for x in texts)
        for _ in bare_nlp.pipe(texts, batch_size=16):
            pass
        bare_s = time.perf_counter() - t

        runs = {}
        for workers in (1, 2):
            _warm_prefect()  # run_quietly stops Prefect's server after each run
            with tempfile.TemporaryDirectory() as tmp:
                url = f"sqlite:///{tmp}/bench.db"
                upgrade(url)
                sources = Path(tmp) / "sources.toml"
                sources.write_text(f'[[source]]\nname = "bench"\nurl = "{server.base}/feed.xml"\n')
                settings = Settings.from_env().on_loopback(database_url=url, sources_file=str(sources), workers=workers,
                                                          dask_address="")
                t = time.perf_counter()
                summary = run_quietly(settings)
                runs[workers] = (time.perf_counter() - t, summary.stats)
    finally:
        server.close()
    out = {"pages": pages, "words": words, "bare_seconds": round(bare_s, 1),
           "bare_fetch_seconds": round(bare_fetch_s, 1), "bare_parse_seconds": round(bare_s - bare_fetch_s, 1),
           "bare_articles_per_s": round(pages / bare_s, 2)}
    for workers, (seconds, stats) in runs.items():
        name = f"{workers}_worker" + ("s" if workers > 1 else "")
        out.update({f"{name}_seconds": round(seconds, 1), f"{name}_articles_per_s": round(pages / seconds, 2),
                    f"{name}_ratio_vs_bare": round(bare_s / seconds, 3), f"{name}_articles_stored": stats.get("articles"),
                    f"{name}_claims_stored": stats.get("claims")})
        if stats.get("worker_memory"):
            out[f"{name}_peak_memory_mb_per_worker"] = ", ".join(f"{mb:.0f}" for mb in stats["worker_memory"].values())
    out["pages_skipped"] = runs[1][1].get("skipped")
    out["peak_memory_mb_flow_process"] = round(peak_rss_mb())
    return out


def _warm_prefect() -> None:
    configure()
    # Lazy, after configure(): prefect reads its settings once, at import.
    from prefect import flow

    @flow(name="claimlink-warm-up")
    def warm() -> None:
        return None

    warm()
