"""The nightly Prefect flow: thin tasks over :mod:`claimlink.flows.pipeline`.

Work is batched: one task per source (discovery), two per batch of articles (fetch and
extract; parse and store, with the next batch fetched while this one is parsed), one for
linking. Library code raises; the tasks retry on database errors, and discovery also on
a transient fetch error of the source's listing. At the end the flow publishes a
markdown artifact.
"""

from __future__ import annotations

import os
import time
import uuid
from dataclasses import asdict, dataclass, field

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.client.orchestration import get_client
from prefect.client.schemas.actions import GlobalConcurrencyLimitCreate, GlobalConcurrencyLimitUpdate
from prefect.concurrency.sync import rate_limit
from prefect.runtime import task_run
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.utilities.annotations import quote
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from claimlink.extractors import errors
from claimlink.extractors.nlp import load_pipeline
from claimlink.extractors.sources import load_sources
from claimlink.models import check_store, make_engine, store
from claimlink.settings import Settings

# absolute imports: Prefect may load this file by path (prefect.yaml's entrypoint)
from claimlink.flows import parallel, pipeline
from claimlink.flows import progress as progress_mod
from claimlink.flows.pipeline import BatchStats, FetchedBatch
from claimlink.flows import prefect_env
from claimlink.flows.watchdog import exit_with_parent, original_parent


def _retryable(task, task_run, state) -> bool:
    """Retry when the store was busy or the connection dropped, or a fetch failed
    transiently (only a source's listing raises one: articles' fetch errors are recorded);
    not on logic errors."""
    try:
        state.result()
    except OperationalError:
        return True
    except errors.FetchError as exc:
        return exc.transient
    except Exception:
        return False
    return False


#: Task-level retries of a source's listing (the fetcher has already retried within one
#: attempt); the last attempt records the failure instead of raising.
DISCOVER_RETRIES = 2


@dataclass
class RunSummary:
    run_id: str
    sources: int = 0
    urls_due: int = 0
    stats: dict = field(default_factory=dict)
    links_new: int = 0
    totals: dict = field(default_factory=dict)
    flagged: list = field(default_factory=list)


def host_pacer(settings: Settings):
    """A per-host rate limit that holds across workers: a Prefect global concurrency
    limit per host, whose slots decay at one per ``host_delay`` seconds. Returns None when
    hosts are not paced (host_delay 0) or the Prefect API cannot be reached."""
    if settings.host_delay <= 0:
        return None
    known: set[str] = set()

    def pace(host: str) -> None:
        name = f"claimlink-host-{host}"
        if name not in known:
            decay = 1.0 / settings.host_delay
            with get_client(sync_client=True) as client:
                try:
                    limit = client.read_global_concurrency_limit_by_name(name)
                except Exception:  # not found: create it
                    client.create_global_concurrency_limit(GlobalConcurrencyLimitCreate(
                        name=name, limit=1, slot_decay_per_second=decay))
                else:
                    if abs((limit.slot_decay_per_second or 0.0) - decay) > 1e-9 or limit.limit != 1:
                        # CLAIMLINK_HOST_DELAY changed since the limit was made
                        client.update_global_concurrency_limit(name, GlobalConcurrencyLimitUpdate(
                            limit=1, slot_decay_per_second=decay))
            known.add(name)
        rate_limit(name, occupy=1)

    return pace


@task(name="discover-source", cache_policy=NO_CACHE, retries=DISCOVER_RETRIES, retry_delay_seconds=[2, 10],
      retry_condition_fn=_retryable)
def discover_task(settings: Settings, cfg, run_id: str):
    last_attempt = task_run.run_count > DISCOVER_RETRIES
    engine = make_engine(settings.database_url)
    try:
        with pipeline.make_fetcher(settings, host_pacer(settings)) as fetcher, Session(engine) as session, \
                session.begin():
            return pipeline.discover(session, fetcher, cfg, run_id, raise_transient=not last_attempt,
                                     budget=settings.source_budget)
    finally:
        engine.dispose()


@task(name="fetch-batch", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=[2, 10], retry_condition_fn=_retryable)
def fetch_task(settings: Settings, items, pool: pipeline.ExtractionPool | None = None,
               budget: float = float("inf"), visited: set[str] | None = None) -> FetchedBatch:
    engine = make_engine(settings.database_url)
    try:
        with pipeline.make_fetcher(settings, host_pacer(settings), visited) as fetcher:
            return pipeline.fetch_batch(engine, fetcher, items, pool, budget)
    finally:
        engine.dispose()


@task(name="store-batch", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=[2, 10], retry_condition_fn=_retryable)
def store_task(settings: Settings, batch: FetchedBatch, source_id, run_id: str) -> BatchStats:
    engine = make_engine(settings.database_url)
    try:
        return pipeline.store_batch(engine, load_pipeline(settings.spacy_model or None), batch, source_id, run_id,
                                    settings)
    finally:
        engine.dispose()


@task(name="prepare-batch", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=[2, 10],
      retry_condition_fn=_retryable)
def prepare_task(settings: Settings, items) -> pipeline.PreparedBatch:
    """On a Dask worker: fetch, extract and parse one batch; write nothing. The model is
    loaded once per worker process (``load_pipeline`` is a process-level cache)."""
    engine = make_engine(settings.database_url)
    try:
        with pipeline.make_fetcher(settings, host_pacer(settings)) as fetcher:
            fetched = pipeline.fetch_batch(engine, fetcher, items)
        prepared = pipeline.prepare_batch(load_pipeline(settings.spacy_model or None), fetched)
        prepared.stats.worker_memory[os.getpid()] = parallel.peak_memory_mb()
        return prepared
    finally:
        engine.dispose()


@task(name="write-batch", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=[2, 10], retry_condition_fn=_retryable)
def write_task(settings: Settings, batch: pipeline.PreparedBatch, source_id, run_id: str) -> BatchStats:
    engine = make_engine(settings.database_url)
    try:
        return pipeline.write_batch(engine, batch, source_id, run_id, settings)
    finally:
        engine.dispose()


@task(name="link-claims", cache_policy=NO_CACHE, retries=3, retry_delay_seconds=[1, 5, 15], retry_condition_fn=_retryable)
def link_task(settings: Settings) -> int:
    engine = make_engine(settings.database_url)
    try:
        return pipeline.link_pending(engine)
    finally:
        engine.dispose()


@flow(name="claimlink-nightly", log_prints=False, task_runner=ThreadPoolTaskRunner(max_workers=1))
def nightly(sources_file: str | None = None, database_url: str | None = None, batch_size: int | None = None,
            settings: Settings | None = None) -> RunSummary:
    """Fetch every source, extract articles and claims, link contradictions, summarise."""
    if prefect_env.in_flow_run_process():
        # a scheduled run ends with the `claimlink serve` (or Prefect worker) that started it
        exit_with_parent(original_parent())
    settings = (settings or Settings.from_env()).with_(
        **{k: v for k, v in dict(sources_file=sources_file, database_url=database_url,
                                 batch_size=batch_size).items() if v is not None})
    logger = get_run_logger()
    run_id = uuid.uuid4().hex[:12]
    engine = make_engine(settings.database_url)
    check_store(engine)
    sources = load_sources(settings.sources_file)
    summary = RunSummary(run_id=run_id, sources=len(sources))
    total = BatchStats()
    progress = progress_mod.get()
    progress.start("sources", len(sources))
    discovered = []
    budget_left: dict = {}  # seconds of its time budget each source has left in this run
    for cfg in sources:
        items, source_id, stats = discover_task(settings, cfg, run_id)
        total.add(stats)
        discovered.append((items, source_id))
        budget_left[source_id] = settings.source_budget - stats.timings.get("discover", 0.0)
        progress.advance("sources")
    summary.urls_due = sum(len(i) for i, _ in discovered)
    progress.start("articles", summary.urls_due)
    batches = [(items[i:i + settings.batch_size], source_id) for items, source_id in discovered
               for i in range(0, len(items), settings.batch_size)]
    runner = parallel.task_runner(settings, len(batches)) if batches else None
    if runner is not None:
        total.add(_on_dask(runner, settings, batches, run_id, progress))
    elif batches:
        # Batch n+1 is fetched (network waits, host delays) in a worker thread, and its pages
        # are turned into articles in a worker process, while batch n is parsed and stored
        # here: the parser does not wait on the network or compete with HTML parsing.
        with pipeline.ExtractionPool(settings.extract_workers) as pool:
            visited: set[str] = set()  # hosts requested in this run (Crawl-delay over the cap)
            ahead = fetch_task.submit(settings, batches[0][0], pool, budget_left[batches[0][1]], visited)
            load_pipeline(settings.spacy_model or None)  # (cached) while the first batch is fetched
            for n, (chunk, source_id) in enumerate(batches):
                fetched = ahead.result()
                budget_left[source_id] -= fetched.stats.timings.get("fetch", 0.0)
                if n + 1 < len(batches):
                    nxt = batches[n + 1]
                    ahead = fetch_task.submit(settings, nxt[0], pool, budget_left[nxt[1]], visited)
                total.add(store_task(settings, quote(fetched), source_id, run_id))
                progress.advance("articles", len(chunk))
    # Linking starts once every batch of the run is stored.
    progress.start("linking", 1)
    clock = time.perf_counter()
    summary.links_new = link_task(settings)
    total.timings["link"] += time.perf_counter() - clock
    progress.advance("linking")
    with Session(engine) as session:
        summary.totals = store.counts(session)
        summary.flagged = pipeline.flagged_pairs(session)
    engine.dispose()
    summary.stats = {**{k: v for k, v in asdict(total).items() if k not in ("error_classes", "timings", "worker_memory")},
                     "error_classes": dict(total.error_classes), "timings": dict(total.timings),
                     "worker_memory": dict(total.worker_memory)}
    logger.info("run %s: %s", run_id, summary.stats)
    create_markdown_artifact(key="claimlink-run-summary", markdown=summary_markdown(summary),
                             description=f"claimlink nightly run {run_id}")
    return summary


def _on_dask(runner, settings: Settings, batches, run_id: str, progress) -> BatchStats:
    """Every batch prepared on the Dask cluster, and written here in the order of the
    batches (so rows and ids are those of a sequential run) as each one's turn comes.

    A batch goes to its write task ``quote``d: Prefect would otherwise walk every article,
    claim row and key of it looking for futures to wait on (there are none), which cost
    the flow's process about as much CPU as the writing itself."""
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    total = BatchStats()
    # The flow's API URL (Prefect's temporary server's, when none is configured) travels
    # with every task, so workers report to it rather than each starting a server of its own.
    with get_client(sync_client=True) as client:
        api_url = str(client.api_url)
    with temporary_settings({PREFECT_API_URL: api_url}), runner:
        futures = [runner.submit(prepare_task, parameters={"settings": settings, "items": chunk})
                   for chunk, _ in batches]
        for future, (chunk, source_id) in zip(futures, batches):
            total.add(write_task(settings, quote(future.result(raise_on_failure=True)), source_id, run_id))
            progress.advance("articles", len(chunk))
    return total


def summary_markdown(s: RunSummary) -> str:
    st = s.stats
    lines = [f"# claimlink run {s.run_id}", "",
             f"| sources | URLs due | fetched | unchanged | skipped | errors | new articles | new claims | new links |",
             "|---|---|---|---|---|---|---|---|---|",
             f"| {s.sources} | {s.urls_due} | {st.get('fetched', 0)} | {st.get('not_modified', 0)} | "
             f"{st.get('skipped', 0)} | {st.get('errors', 0)} | {st.get('articles', 0)} | {st.get('claims', 0)} | "
             f"{s.links_new} |", "",
             f"Store: {s.totals.get('articles', 0)} articles, {s.totals.get('claims', 0)} claims, "
             f"{s.totals.get('links', 0)} flagged pairs.", ""]
    for p in s.flagged[:10]:
        lines += [f"## Flag {p['id']} (score {p['score']:.2f})",
                  f"- **{p['a']['speaker']}** {p['a']['cue']}: {p['a']['content']}{_carried(p['a'])}",
                  f"- **{p['b']['speaker']}** {p['b']['cue']}: {p['b']['content']}{_carried(p['b'])}",
                  "- Why: " + "; ".join(p["reasons"]), ""]
    return "\n".join(lines)


def _carried(side: dict) -> str:
    outlets = side.get("outlets") or []
    return f" (carried by {', '.join(outlets)})" if len(outlets) > 1 else ""
