"""Never lose or duplicate data: a run killed with kill -9 and re-run, and two runs at
once, end with exactly the rows of one clean run (compared on natural keys)."""

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from flows.demo import DemoSite
from tests.conftest import ROOT

pytestmark = [pytest.mark.prefect, pytest.mark.model]


def natural_rows(db) -> dict:
    con = sqlite3.connect(db)
    try:
        return {
            "articles": sorted(con.execute("select content_hash, title from articles")),
            "claims": sorted(con.execute("""select a.content_hash, c.cue_start, c.content_start, c.speaker_name,
                                            c.content, c.stance from claims c join articles a on a.id = c.article_id""")),
            "links": sorted(con.execute("""select aa.content_hash, ca.cue_start, ab.content_hash, cb.cue_start,
                                           l.score, l.reasons from claim_links l
                                           join claims ca on ca.id = l.claim_a_id join claims cb on cb.id = l.claim_b_id
                                           join articles aa on aa.id = ca.article_id
                                           join articles ab on ab.id = cb.article_id""")),
            "speakers": sorted(con.execute("select key, name from speakers")),
        }
    finally:
        con.close()


def _env(tmp_path, db, name, **extra):
    env = {**os.environ, "CLAIMLINK_DATABASE_URL": f"sqlite:///{db}", "CLAIMLINK_ALLOW_HOSTS": "127.0.0.1",
           "CLAIMLINK_HOST_DELAY": "0", "PREFECT_HOME": str(tmp_path / f"prefect-{name}"), "COLUMNS": "200"}
    env.update(extra)
    return env


def _run(tmp_path, sources, db, name, **extra):
    return subprocess.Popen([sys.executable, "-m", "flows.cli", "run", "--migrate", "--sources", str(sources),
                             "--no-progress"], cwd=ROOT, env=_env(tmp_path, db, name, **extra),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.fixture(scope="module")
def site():
    with DemoSite(port=0) as s:
        yield s


@pytest.fixture(scope="module")
def reference(site, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("ref")
    sources = tmp / "sources.toml"
    sources.write_text(site.sources_toml())
    db = tmp / "ref.db"
    proc = _run(tmp, sources, db, "ref")
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, out + err
    rows = natural_rows(db)
    assert len(rows["articles"]) == 5 and rows["links"]
    return sources, rows


def test_kill_9_mid_run_then_rerun_gives_the_same_rows(reference, tmp_path):
    sources, expected = reference
    db = tmp_path / "killed.db"
    # small batches and a host delay make the run long enough to kill between two commits
    proc = _run(tmp_path, sources, db, "killed", CLAIMLINK_BATCH_SIZE="1", CLAIMLINK_HOST_DELAY="1.5")
    deadline = time.time() + 300
    killed_with = None
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.2)
        try:
            con = sqlite3.connect(db)
            n = con.execute("select count(*) from articles").fetchone()[0]
            con.close()
        except sqlite3.Error:
            continue
        if 1 <= n < 5:
            os.kill(proc.pid, signal.SIGKILL)
            killed_with = n
            break
    proc.wait(timeout=60)
    assert killed_with is not None, "the run finished before it could be killed"
    partial = natural_rows(db)
    assert 0 < len(partial["articles"]) < 5 and not partial["links"]

    rerun = _run(tmp_path, sources, db, "rerun")
    out, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, out + err
    assert natural_rows(db) == expected


def test_two_runs_at_once_duplicate_nothing(reference, tmp_path):
    sources, expected = reference
    db = tmp_path / "twice.db"
    # migrate once first: two processes racing to create the schema is not what this tests
    subprocess.run([sys.executable, "-m", "flows.cli", "db", "upgrade"], cwd=ROOT, check=True,
                   env=_env(tmp_path, db, "migrate"), capture_output=True)
    a = _run(tmp_path, sources, db, "a")
    b = _run(tmp_path, sources, db, "b")
    for proc in (a, b):
        out, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, out + err
        assert "Traceback" not in out + err
    assert natural_rows(db) == expected
