"""The nightly pipeline as plain functions: the Prefect flow in :mod:`claimlink.flows.nightly`
wraps them in coarse tasks, and tests call them directly.

discover (per source) -> fetch_batch (fetch, article; per batch of URLs) -> store_batch
(nlp.pipe, claims, store; per batch) -> link_pending (new claims against the store) ->
summarise. The flow fetches the next batch while the current one is parsed.
Every write is an idempotent upsert, so a run killed at any point and run again ends
with the same rows.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone

from sqlalchemy import select
from sqlalchemy.orm import Session

from claimlink.extractors import errors
from claimlink.extractors.article import content_hash, extract_article, normalise_url
from claimlink.extractors.claims import EXTRACTOR_VERSION
from claimlink.extractors.fetch import FEED_TYPES, HTML_TYPES, Fetcher, FetchOptions
from claimlink.extractors.sitemaps import expand_sitemaps, listing_payload
from claimlink.extractors.sources import PARSERS, Item, SourceConfig
from claimlink.linker import (LINKER_VERSION, BlockingIndex, ClaimRecord, index_keys, link_new, lookup_keys,
                              paused_gc)
from claimlink.linker.blocking import long_key
from claimlink.linker.features import analyse
from claimlink.models import schema as m
from claimlink.models import store
from claimlink.models.clusters import cluster_outlets, one_flag_per_cluster_pair
from claimlink.settings import Settings

from .watchdog import worker_process

log = logging.getLogger("claimlink")
#: Candidates per blocking key and the time window used by the nightly linker.
LINK_K = 50
LINK_WINDOW_DAYS = 30


@dataclass
class BatchStats:
    fetched: int = 0
    not_modified: int = 0
    skipped: int = 0
    errors: int = 0
    articles: int = 0
    claims: int = 0
    error_classes: Counter = field(default_factory=Counter)
    #: seconds spent per phase: fetch (incl. article extraction), parse, claims, store
    timings: Counter = field(default_factory=Counter)
    #: peak resident memory (MiB) of each Dask worker process that prepared a batch, by pid
    worker_memory: dict = field(default_factory=dict)

    def add(self, other: "BatchStats") -> None:
        for name in ("fetched", "not_modified", "skipped", "errors", "articles", "claims"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.error_classes.update(other.error_classes)
        self.timings.update(other.timings)
        for pid, mb in other.worker_memory.items():
            self.worker_memory[pid] = max(mb, self.worker_memory.get(pid, 0.0))


def make_fetcher(settings: Settings, pacer=None, visited: set[str] | None = None) -> Fetcher:
    """A fetcher for ``settings``; ``visited`` is the run's set of hosts requested so far
    (see :class:`~claimlink.extractors.fetch.Fetcher`)."""
    return Fetcher(FetchOptions.from_settings(settings), pacer=pacer, visited=visited)


def discover(session: Session, fetcher: Fetcher, cfg: SourceConfig, run_id: str,
             raise_transient: bool = False,
             budget: float = float("inf")) -> tuple[list[Item], int, BatchStats]:
    """Read one source's listing (conditionally) and return the items not yet stored.

    Returns (items due, source id, stats). A failed listing is logged, not raised; with
    ``raise_transient``, a transient fetch error of the listing is raised instead, so
    the caller (a task) can retry it. Child sitemaps not fetched within ``budget``
    seconds are deferred to the next run; ``stats.timings["discover"]`` is the time spent.
    """
    stats = BatchStats()
    clock = time.monotonic()
    src = store.upsert_source(session, cfg.name, cfg.kind, cfg.url or "(inline list)")
    src.last_fetched_at = store.utcnow()
    items: list[Item] = []
    if cfg.url:
        try:
            res = fetcher.fetch(cfg.url, etag=src.etag, last_modified=src.last_modified,
                                accept=None if cfg.kind != "feed" else FEED_TYPES + HTML_TYPES,
                                gunzip=cfg.kind == "sitemap")
        except errors.FetchError as exc:
            if raise_transient and exc.transient:
                raise
            store.record_attempt(session, run_id=run_id, url=cfg.url, source_id=src.id, outcome="error",
                                 error=exc, track=False)
            src.last_outcome, src.last_error = type(exc).__name__, str(exc)
            stats.errors += 1
            stats.error_classes[type(exc).__name__] += 1
            return [], src.id, stats
        if res.not_modified:
            store.record_attempt(session, run_id=run_id, url=cfg.url, source_id=src.id, outcome="not_modified",
                                 status=304, elapsed=res.elapsed, track=False)
            src.last_outcome, src.last_error = "not_modified", None
        else:
            try:
                listing = PARSERS[cfg.kind](listing_payload(cfg.kind, res), res.final_url)
            except errors.FeedError as exc:
                store.record_attempt(session, run_id=run_id, url=cfg.url, source_id=src.id, outcome="error",
                                     status=res.status, error=exc, nbytes=res.nbytes, elapsed=res.elapsed,
                                     track=False)
                src.last_outcome, src.last_error = "FeedError", str(exc)
                stats.errors += 1
                stats.error_classes["FeedError"] += 1
                return [], src.id, stats
            problems = expand_sitemaps(fetcher, listing, clock + budget)
            for error in problems:
                store.record_attempt(session, run_id=run_id, url=error.url or cfg.url, source_id=src.id, track=False,
                                     outcome="deferred" if isinstance(error, errors.Deferred) else "error",
                                     error=error)
            failed = len(problems)
            items = listing.items
            # a listing that yields nothing is reported, not passed off as "ok"
            outcome = "ok" if items else "empty"
            message = f"{len(items)} items" + (f"; {failed} child sitemaps failed or deferred" if failed else "")
            store.record_attempt(session, run_id=run_id, url=cfg.url, source_id=src.id, outcome=outcome,
                                 status=res.status, nbytes=res.nbytes, elapsed=res.elapsed, etag=res.etag,
                                 last_modified=res.last_modified, message=message, track=False)
            src.etag, src.last_modified = res.etag, res.last_modified
            src.last_outcome, src.last_error, src.last_items = outcome, (None if items else message), len(items)
    items += [Item(url=u) for u in cfg.urls]
    # Every discovered URL is remembered at once, so a run killed before fetching it (or a
    # feed that answers 304 next time) does not lose it.
    seen: dict[str, Item] = {}
    for it in items:
        seen.setdefault(normalise_url(it.url), it)
    store.remember_urls(session, list(seen), src.id)
    # Due: discovered but not yet fetched, or failed and not given up, for this source.
    # Stored articles are not fetched again.
    due = [Item(url=u, title=seen[u].title if u in seen else None, published=seen[u].published if u in seen else None)
           for u in store.due_urls(session, src.id)]
    stats.timings["discover"] += time.monotonic() - clock
    return due, src.id, stats


@dataclass
class FetchedBatch:
    """One batch after fetching: the articles extracted, every attempt to record, and the
    counts so far. Nothing is written until :func:`store_batch`."""
    articles: list[tuple[Item, object, object]] = field(default_factory=list)  # (item, FetchResult, Article)
    attempts: list[dict] = field(default_factory=list)
    stats: BatchStats = field(default_factory=BatchStats)


class ExtractionPool:
    """Article extraction (lxml, trafilatura, metadata) in worker processes.

    Turning HTML into an article is CPU work that holds the GIL; run in the flow's
    process it would slow down the parser working beside it. ``workers=0`` extracts
    in-process. If a worker dies, the pool falls back to in-process extraction for the
    rest of the run rather than losing the batch. Use as a context manager.
    """

    def __init__(self, workers: int = 1):
        self._executor = None
        if workers > 0:
            # spawn: the flow's process has threads (Prefect), which fork does not mix with.
            # A worker leaves Ctrl-C to the flow's process, and exits when that process is
            # gone, even after a kill -9.
            self._executor = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                                 initializer=worker_process, initargs=(os.getpid(),))

    def submit(self, html: str, url: str):
        """A future of :func:`extract_article` (or None: extract in-process on ``result``)."""
        if self._executor is not None:
            try:
                return self._executor.submit(extract_article, html, url)
            except (BrokenProcessPool, RuntimeError):
                self._broken()
        return None

    def result(self, future, html: str, url: str):
        if future is not None:
            try:
                return future.result()
            except BrokenProcessPool:
                self._broken()
        return extract_article(html, url)

    def _broken(self) -> None:
        log.warning("article extraction worker died; extracting in-process for the rest of the run")
        executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def __enter__(self) -> "ExtractionPool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


_INLINE = ExtractionPool(0)


def fetch_batch(engine, fetcher: Fetcher, items: list[Item], pool: ExtractionPool | None = None,
                budget: float = float("inf")) -> FetchedBatch:
    """Fetch one batch of article URLs (conditionally) and extract their articles.

    Reads the store (validators from earlier fetches) but writes nothing, so the next
    batch can be fetched while this one is parsed. Fetch and page errors are counted and
    kept as attempts, not raised. Pages are handed to ``pool`` for extraction as they
    arrive. URLs not reached within ``budget`` seconds, and those of a host whose
    Crawl-delay is over the cap, are logged as deferred and stay due for the next run."""
    pool = pool or _INLINE
    out = FetchedBatch()
    stats = out.stats
    clock = time.perf_counter()
    with Session(engine) as session:
        states = store.url_states(session, [i.url for i in items])
    pages = []  # (item, FetchResult, future of the article)
    for item in items:
        st = states.get(item.url)
        try:
            if time.perf_counter() - clock > budget:
                raise errors.Deferred("the source's time budget for this run is spent", url=item.url)
            res = fetcher.fetch(item.url, etag=st.etag if st else None, last_modified=st.last_modified if st else None)
        except errors.Deferred as exc:
            stats.error_classes[type(exc).__name__] += 1
            out.attempts.append(dict(url=item.url, outcome="deferred", error=exc))
            continue
        except errors.FetchError as exc:
            stats.errors += 1
            stats.error_classes[type(exc).__name__] += 1
            out.attempts.append(dict(url=item.url, outcome="error", error=exc, status=getattr(exc, "status", None)))
            continue
        if res.not_modified:
            stats.not_modified += 1
            out.attempts.append(dict(url=item.url, outcome="not_modified", status=304, elapsed=res.elapsed))
            continue
        stats.fetched += 1
        pages.append((item, res, pool.submit(res.text, res.final_url)))
    for item, res, future in pages:
        try:
            art = pool.result(future, res.text, res.final_url)
        except errors.ArticleError as exc:
            stats.skipped += 1
            stats.error_classes[type(exc).__name__] += 1
            out.attempts.append(dict(url=item.url, outcome="skipped", status=res.status, nbytes=res.nbytes,
                                     elapsed=res.elapsed, message=f"{type(exc).__name__}: {exc}"))
            continue
        if art.published is None and item.published is not None:
            art.published = item.published
        out.articles.append((item, res, art))
    stats.timings["fetch"] += time.perf_counter() - clock
    return out


@dataclass
class PreparedBatch:
    """One batch parsed, its claims extracted: plain data only (no spaCy objects), so a Dask
    worker can prepare it and the flow's process write it. Nothing is written yet."""
    articles: list[tuple[Item, object, object, list[dict], list[list[str]]]] = field(default_factory=list)
    attempts: list[dict] = field(default_factory=list)
    stats: BatchStats = field(default_factory=BatchStats)


def prepare_batch(nlp, batch: FetchedBatch) -> PreparedBatch:
    """Parse a fetched batch and extract its claims as rows: (item, fetch result without its
    body, article, claim rows, blocking keys) per article."""
    out = PreparedBatch(attempts=list(batch.attempts))
    out.stats.add(batch.stats)
    fetched = batch.articles
    clock = time.perf_counter()
    docs = list(nlp.pipe([a.text for _, _, a in fetched], batch_size=16)) if fetched else []
    out.stats.timings["parse"] += time.perf_counter() - clock
    clock = time.perf_counter()
    for (item, res, art), doc in zip(fetched, docs):
        claims, feats = analyse(doc)
        keys = [index_keys(_record(0, c, f, art.published)) for c, f in zip(claims, feats)]
        out.articles.append((item, replace(res, text=""), art, store.claim_rows(claims, feats), keys))
    out.stats.timings["claims"] += time.perf_counter() - clock
    return out


def write_batch(engine, batch: PreparedBatch, source_id: int | None, run_id: str, settings: Settings) -> BatchStats:
    """Store a prepared batch's articles, claims and every fetch attempt in one
    transaction. Returns the batch's counts."""
    stats = BatchStats()
    stats.add(batch.stats)
    attempts = list(batch.attempts)
    clock = time.perf_counter()
    with Session(engine) as session, session.begin():
        for item, res, art, rows, keys in batch.articles:
            row, needs_claims = store.store_article(
                session, canonical_url=art.canonical_url, url=normalise_url(res.final_url), text=art.text,
                content_hash=content_hash(art.text), title=art.title, outlet=art.outlet, published=art.published,
                authors=art.authors, language=art.language, source_id=source_id)
            if needs_claims and row.text == art.text:
                stats.claims += store.write_claims(session, row, rows, keys, EXTRACTOR_VERSION)
                stats.articles += 1
            attempts.append(dict(url=item.url, outcome="ok", status=res.status, nbytes=res.nbytes,
                                 elapsed=res.elapsed, etag=res.etag, last_modified=res.last_modified,
                                 article_id=row.id))
        for a in attempts:
            store.record_attempt(session, run_id=run_id, source_id=source_id, max_attempts=settings.max_attempts, **a)
    stats.timings["store"] += time.perf_counter() - clock
    return stats


def store_batch(engine, nlp, batch: FetchedBatch, source_id: int | None, run_id: str,
                settings: Settings) -> BatchStats:
    """Parse a fetched batch, extract its claims, and store articles, claims and every
    fetch attempt in one transaction: :func:`prepare_batch`, then :func:`write_batch`."""
    return write_batch(engine, prepare_batch(nlp, batch), source_id, run_id, settings)


def process_batch(engine, fetcher: Fetcher, nlp, items: list[Item], source_id: int | None, run_id: str,
                  settings: Settings, pool: ExtractionPool | None = None) -> BatchStats:
    """Fetch, extract and store one batch of article URLs: :func:`fetch_batch`, then
    :func:`store_batch`."""
    return store_batch(engine, nlp, fetch_batch(engine, fetcher, items, pool), source_id, run_id, settings)


def _record(cid: int, claim, feats: dict, published: datetime | None, article_id: int | None = None) -> ClaimRecord:
    sp = claim.speaker
    return ClaimRecord(id=cid, speaker_name=sp.name if sp else None, speaker_key=sp.key if sp else None,
                       stance=claim.stance, content=claim.content_text, features=feats,
                       target_speaker=claim.target_speaker, published=published, article_id=article_id,
                       sentence_start=claim.sentence.start if claim.sentence else None)


def record_from_row(row: m.Claim, published: datetime | None) -> ClaimRecord:
    return ClaimRecord(id=row.id, speaker_name=row.speaker_name,
                       speaker_key=row.speaker.key if row.speaker is not None else None,
                       stance=row.stance, content=row.content, features=row.features or {},
                       target_speaker=row.target_speaker, published=_aware(published) if published else None,
                       article_id=row.article_id, sentence_start=row.sentence_start)


def link_pending(engine, *, k: int = LINK_K, window_days: int = LINK_WINDOW_DAYS, batch: int = 2000) -> int:
    """Link claims not yet linked against earlier claims in the store. Returns new links."""
    created = 0
    while True:
        with Session(engine) as session, session.begin():
            pending = store.unlinked_claims(session, limit=batch)
            if not pending:
                return created
            pub = dict(session.execute(select(m.Article.id, m.Article.published)
                                       .where(m.Article.id.in_({c.article_id for c in pending}))).all())
            skip = store.boilerplate_claims(session, pending)
            new = [record_from_row(c, pub.get(c.article_id)) for c in pending if c.id not in skip]
            cluster_of = {c.id: c.cluster_id for c in pending if c.cluster_id is not None}
            if not new:
                store.mark_linked(session, [c.id for c in pending])
                continue
            index = BlockingIndex(k=k, window_days=window_days)
            first_new = min(r.id for r in new)
            # Earlier claims from the store that share a key with the batch (one chunked
            # query for all keys), kept when inside the window of some new claim.
            wanted = {r.id: lookup_keys(r) for r in new}
            by_key = store.candidates_by_key(session, [key for ks in wanted.values() for key in ks],
                                             before_id=first_new, k=k)
            cand_ids: set[int] = set()
            for r in new:
                for key in wanted[r.id]:
                    window = index.long_window if long_key(key) else index.window
                    for cid, published in by_key.get(key, ()):
                        if r.published is None or published is None or abs(_aware(published) - r.published) <= window:
                            cand_ids.add(cid)
            if cand_ids:
                rows = list(session.scalars(select(m.Claim).where(m.Claim.id.in_(cand_ids)).order_by(m.Claim.id)))
                skip_old = store.boilerplate_claims(session, rows)
                rows = [row for row in rows if row.id not in skip_old]
                cluster_of.update({c.id: c.cluster_id for c in rows if c.cluster_id is not None})
                pub_old = dict(session.execute(select(m.Article.id, m.Article.published)
                                               .where(m.Article.id.in_({c.article_id for c in rows}))).all())
                for row in rows:
                    index.add(record_from_row(row, pub_old.get(row.article_id)))
            recs = new + [r for rs in index.buckets.values() for r in rs]
            stats = store.term_stats(session, {t for r in recs for t in r.features.terms})
            with paused_gc():
                links = one_flag_per_cluster_pair(link_new(new, index, stats), cluster_of)
            for link in links:
                created += store.save_link(session, link.a.id, link.b.id, link.verdict.relation, link.verdict.score,
                                           [r.to_dict() for r in link.verdict.reasons], LINKER_VERSION)
            store.mark_linked(session, [c.id for c in pending])


def _aware(when: datetime) -> datetime:
    """SQLite hands back naive datetimes (stored as UTC)."""
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


def flagged_pairs(session: Session, limit: int = 20) -> list[dict]:
    """Flagged pairs, one per pair of claim clusters, highest score first, as plain dicts
    for summaries; each side lists the outlets that carried it."""
    a, b = m.Claim.__table__.alias("a"), m.Claim.__table__.alias("b")
    rows = session.execute(
        select(m.ClaimLink.id, m.ClaimLink.score, m.ClaimLink.reasons, m.ClaimLink.status,
               a.c.speaker_name, a.c.cue, a.c.content, b.c.speaker_name, b.c.cue, b.c.content,
               m.ClaimLink.cluster_a_id, m.ClaimLink.cluster_b_id)
        .join(a, a.c.id == m.ClaimLink.claim_a_id).join(b, b.c.id == m.ClaimLink.claim_b_id)
        .where(m.ClaimLink.relation == "contradicts", m.ClaimLink.cluster_pair.is_not(None))
        .order_by(m.ClaimLink.score.desc(), m.ClaimLink.id).limit(limit)).all()
    outlets = cluster_outlets(session, [c for r in rows for c in r[10:12]])
    return [{"id": r[0], "score": r[1], "reasons": [x["text"] for x in r[2]], "status": r[3],
             "a": {"speaker": r[4], "cue": r[5], "content": r[6], "outlets": outlets.get(r[10], [])},
             "b": {"speaker": r[7], "cue": r[8], "content": r[9], "outlets": outlets.get(r[11], [])}} for r in rows]
