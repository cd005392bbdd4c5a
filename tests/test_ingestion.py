"""The fault site through the real nightly flow: every fault in the fetch log, no crash,
no good article lost; the second run fetches only what changed or failed."""

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from claimlink.settings import Settings
from claimlink.flows.runner import run_quietly
from claimlink.models import make_engine
from claimlink.models import schema as m
from tests.faultsite import FAULTS, GOOD, TOLERATED, FaultSite

pytestmark = [pytest.mark.prefect, pytest.mark.model]


def test_fault_site_through_the_nightly_flow(db_url, tmp_path):
    with FaultSite() as site:
        sources = tmp_path / "sources.toml"
        sources.write_text(site.sources_toml())
        settings = Settings(database_url=db_url, sources_file=str(sources), allow_hosts=("127.0.0.1",),
                            host_delay=0.0, timeout=3.0, retries=1, max_bytes=1_000_000, max_attempts=3,
                            batch_size=200)
        first = run_quietly(settings)
        engine = make_engine(db_url)
        with Session(engine) as s:
            log = {}
            for url, outcome, cls in s.execute(select(m.FetchLog.url, m.FetchLog.outcome, m.FetchLog.error_class)):
                log.setdefault(url.removeprefix(site.base), []).append((outcome, cls))
            titles = set(s.scalars(select(m.Article.title)))
            articles = s.scalar(select(func.count()).select_from(m.Article))
            sources = {x.name: x for x in s.scalars(select(m.Source))}
        # every fault is in the fetch log with its named error
        for path, cls in FAULTS.items():
            outcomes = log.get(path)
            assert outcomes, f"{path} missing from fetch_log"
            if cls == "NotAnArticle":
                assert outcomes[0][0] == "skipped"
            else:
                assert outcomes[0] == ("error", cls), (path, outcomes)
        # the feeds' own faults: empty, malformed, dead host
        assert sources["empty"].last_outcome == "empty" and sources["empty"].last_items == 0
        assert sources["malformed"].last_outcome == "FeedError"
        assert sources["dead-host"].last_outcome == "ConnectFailed"
        assert sources["many"].last_items == 1000
        assert sum(1 for p in log if p.startswith("/many/")) == 1000
        # no good article lost, including the ones served badly
        assert articles == len(GOOD) + len(TOLERATED)
        assert any("Café owners" in (t or "") for t in titles) or any("Caf" in (t or "") for t in titles)
        assert first.stats["articles"] == len(GOOD) + len(TOLERATED)

        hits_after_first = dict(site.hits)
        second = run_quietly(settings)
        fetched_again = {p for p, n in site.hits.items() if n > hits_after_first.get(p, 0)}
        # good pages and permanent failures are not fetched again; transient failures are
        for g in GOOD:
            assert f"/good/{g}" not in fetched_again
        for permanent in ("/missing", "/loop-a", "/to-private", "/binary", "/huge", "/not-article"):
            assert permanent not in fetched_again, permanent
        assert {"/error500", "/ratelimited", "/slow"} <= fetched_again
        assert "/many/1" not in fetched_again
        # the rate-limited page now answers, and its article is stored
        assert second.stats["articles"] == 1
        with Session(engine) as s:
            assert s.scalar(select(func.count()).select_from(m.Article)) == len(GOOD) + len(TOLERATED) + 1
        engine.dispose()


def test_host_pacing_holds_through_prefect_global_limits():
    """The per-host limit lives on the Prefect server (so it holds across workers): three
    requests to one host with a 0.5 s delay take at least a second."""
    import time as _time

    from claimlink.flows.prefect_env import configure, guard_temporary_server

    configure()
    guard_temporary_server()
    from prefect import flow
    from prefect.client.orchestration import get_client

    from claimlink.flows.nightly import host_pacer

    @flow(name="claimlink-pacing-check")
    def paced() -> float:
        pace = host_pacer(Settings(host_delay=0.5))
        t = _time.monotonic()
        for _ in range(3):
            pace("example.test")
        return _time.monotonic() - t

    elapsed = paced()
    assert elapsed >= 0.9
    with get_client(sync_client=True) as client:
        limit = client.read_global_concurrency_limit_by_name("claimlink-host-example.test")
    assert limit.limit == 1 and abs(limit.slot_decay_per_second - 2.0) < 1e-6

    # a changed CLAIMLINK_HOST_DELAY updates the existing limit
    @flow(name="claimlink-pacing-change")
    def repaced() -> None:
        host_pacer(Settings(host_delay=0.25))("example.test")

    repaced()
    with get_client(sync_client=True) as client:
        limit = client.read_global_concurrency_limit_by_name("claimlink-host-example.test")
    assert abs(limit.slot_decay_per_second - 4.0) < 1e-6


def test_a_listing_that_fails_once_is_retried_by_the_task(web, tmp_path):
    """The fetcher does not retry here (retries=0), so the feed's 503 reaches the
    discover task, which raises it and is retried by Prefect; the same run then stores the
    article. A listing that never answers is recorded on the last attempt, not raised."""
    from tests.conftest import send
    from tests.faultsite import DEMO

    page = (DEMO / GOOD[0]).read_bytes()
    calls = []

    def feed(req):
        calls.append(1)
        if len(calls) == 1:
            return send(req, 503, b"busy", "text/plain")
        items = f"<item><link>{web.base}/a</link></item>"
        send(req, 200, f'<rss version="2.0"><channel><title>t</title>{items}</channel></rss>'.encode(),
             "application/rss+xml")

    web.routes.update({"/feed.xml": feed, "/a": lambda req: send(req, 200, page),
                       "/down.xml": lambda req: send(req, 503, b"busy", "text/plain")})
    sources = tmp_path / "sources.toml"
    sources.write_text(f'[[source]]\nname = "flaky"\nurl = "{web.base}/feed.xml"\n'
                       f'[[source]]\nname = "down"\nurl = "{web.base}/down.xml"\n')
    db = f"sqlite:///{tmp_path / 'retry.db'}"
    from claimlink.models.db import upgrade

    upgrade(db)
    summary = run_quietly(Settings(database_url=db, sources_file=str(sources), allow_hosts=("127.0.0.1",),
                                   host_delay=0.0, retries=0))
    assert len(calls) == 2
    assert summary.stats["articles"] == 1
    assert web.hits.count("/down.xml") == 3  # the first attempt and two task retries
    engine = make_engine(db)
    with Session(engine) as s:
        down = s.scalars(select(m.Source).where(m.Source.name == "down")).one()
        assert down.last_outcome == "HTTPStatusError"
        assert s.scalar(select(func.count()).select_from(m.FetchLog).where(m.FetchLog.url.endswith("/down.xml"))) == 1
    engine.dispose()
