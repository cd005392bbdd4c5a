"""Never lose or duplicate data: a run killed with kill -9 and re-run, and two runs at
once, end with exactly the rows of one clean run (compared on natural keys)."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import func, select

from claimlink.flows.demo import DemoSite
from claimlink.models import make_engine
from claimlink.models import schema as m
from tests.conftest import ROOT
from tests.proctree import EXITING, ORPHANED, Watched

pytestmark = [pytest.mark.prefect, pytest.mark.model]


def natural_rows(url: str) -> dict:
    """Every row of the store that matters, keyed on natural keys (not on generated ids)."""
    ca, cb = m.Claim.__table__.alias("ca"), m.Claim.__table__.alias("cb")
    aa, ab = m.Article.__table__.alias("aa"), m.Article.__table__.alias("ab")
    engine = make_engine(url)
    try:
        with engine.connect() as con:
            return {
                "articles": sorted(con.execute(select(m.Article.content_hash, m.Article.title)).all()),
                "claims": sorted(con.execute(
                    select(m.Article.content_hash, m.Claim.cue_start, m.Claim.content_start, m.Claim.speaker_name,
                           m.Claim.content, m.Claim.stance).join(m.Article, m.Article.id == m.Claim.article_id)).all()),
                "links": sorted((r[0], r[1], r[2], r[3], r[4], json.dumps(r[5], sort_keys=True)) for r in con.execute(
                    select(aa.c.content_hash, ca.c.cue_start, ab.c.content_hash, cb.c.cue_start, m.ClaimLink.score,
                           m.ClaimLink.reasons)
                    .join(ca, ca.c.id == m.ClaimLink.claim_a_id).join(cb, cb.c.id == m.ClaimLink.claim_b_id)
                    .join(aa, aa.c.id == ca.c.article_id).join(ab, ab.c.id == cb.c.article_id))),
                "speakers": sorted(con.execute(select(m.Speaker.key, m.Speaker.name)).all()),
            }
    finally:
        engine.dispose()


def _articles(url: str) -> int | None:
    engine = make_engine(url)
    try:
        with engine.connect() as con:
            return con.execute(select(func.count()).select_from(m.Article)).scalar_one()
    except Exception:  # the store is busy or half-created: ask again
        return None
    finally:
        engine.dispose()


def _env(tmp_path, url, name, **extra):
    env = {**os.environ, "CLAIMLINK_DATABASE_URL": url, "CLAIMLINK_ALLOW_HOSTS": "127.0.0.1",
           "CLAIMLINK_HOST_DELAY": "0", "PREFECT_HOME": str(tmp_path / f"prefect-{name}"), "COLUMNS": "200"}
    env.update(extra)
    return env


def _run(tmp_path, sources, url, name, **extra) -> Watched:
    return Watched([sys.executable, "-m", "claimlink.flows.cli", "run", "--migrate", "--sources", str(sources),
                    "--no-progress"], cwd=ROOT, env=_env(tmp_path, url, name, **extra),
                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.fixture(scope="module")
def site():
    with DemoSite(port=0) as s:
        yield s


@pytest.fixture(scope="module")
def reference(site, tmp_path_factory):
    """One uninterrupted run (on SQLite): the rows every other run must end with."""
    tmp = tmp_path_factory.mktemp("ref")
    sources = tmp / "sources.toml"
    sources.write_text(site.sources_toml())
    url = f"sqlite:///{tmp / 'ref.db'}"
    run = _run(tmp, sources, url, "ref")
    out, err = run.proc.communicate(timeout=600)
    assert run.proc.returncode == 0, out + err
    assert run.survivors(EXITING) == []
    rows = natural_rows(url)
    assert len(rows["articles"]) == 5 and rows["links"]
    return sources, rows


def test_kill_9_mid_run_then_rerun_gives_the_same_rows(reference, db_url, tmp_path):
    sources, expected = reference
    # small batches and a host delay make the run long enough to kill between two commits
    killed = _run(tmp_path, sources, db_url, "killed", CLAIMLINK_BATCH_SIZE="1", CLAIMLINK_HOST_DELAY="1.5")
    proc = killed.proc
    deadline = time.time() + 300
    killed_with = None
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.2)
        n = _articles(db_url)
        if n is not None and 1 <= n < 5:
            killed.sample()
            os.kill(proc.pid, signal.SIGKILL)
            killed_with = n
            break
    proc.wait(timeout=60)
    # its temporary server and extraction worker go by themselves (issue 18)
    assert killed.survivors(ORPHANED) == []
    assert killed_with is not None, "the run finished before it could be killed"
    partial = natural_rows(db_url)
    assert 0 < len(partial["articles"]) < 5 and not partial["links"]

    rerun = _run(tmp_path, sources, db_url, "rerun")
    out, err = rerun.proc.communicate(timeout=600)
    assert rerun.proc.returncode == 0, out + err
    assert rerun.survivors(EXITING) == []
    assert natural_rows(db_url) == expected


def test_two_runs_at_once_duplicate_nothing(reference, db_url, tmp_path):
    sources, expected = reference
    a = _run(tmp_path, sources, db_url, "a")
    b = _run(tmp_path, sources, db_url, "b")
    for run in (a, b):
        out, err = run.proc.communicate(timeout=600)
        assert run.proc.returncode == 0, out + err
        assert "Traceback" not in out + err
        assert run.survivors(EXITING) == []
    assert natural_rows(db_url) == expected
