"""The nightly flow end to end, as a user runs it: `claimlink run --demo`, twice."""

import os
import sqlite3
import subprocess
import sys

import pytest

from tests.conftest import ROOT, free_port
from tests.proctree import EXITING, Watched

pytestmark = [pytest.mark.prefect, pytest.mark.model]


def _counts(db):
    con = sqlite3.connect(db)
    try:
        return {t: con.execute(f"select count(*) from {t}").fetchone()[0]
                for t in ("articles", "claims", "claim_links", "speakers", "article_urls", "claim_keys")}
    finally:
        con.close()


def _run_demo(env) -> subprocess.CompletedProcess:
    """`claimlink run --demo`; once it has exited, no process that it started is alive
    (Prefect's temporary server, its watchdog, the extraction worker: issue 18)."""
    run = Watched([sys.executable, "-m", "claimlink.flows.cli", "run", "--demo"], cwd=ROOT, env=env,
                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out, err = run.proc.communicate(timeout=600)
    assert run.survivors(EXITING) == []
    return subprocess.CompletedProcess(run.proc.args, run.proc.returncode, out, err)


def test_demo_run_twice_gives_the_same_store(tmp_path):
    db = tmp_path / "claimlink.db"
    env = {**os.environ, "CLAIMLINK_DATABASE_URL": f"sqlite:///{db}", "CLAIMLINK_DEMO_PORT": str(free_port()),
           "PREFECT_HOME": str(tmp_path / "prefect"), "COLUMNS": "250"}
    first = _run_demo(env)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "Traceback" not in first.stdout + first.stderr
    assert "Valery Gerasimov" in first.stdout and "general staff of Ukraine" in first.stdout
    assert "control of Kupiansk: Russia vs Ukraine" in first.stdout
    after_first = _counts(db)
    assert after_first["articles"] == 5 and after_first["claims"] > 50 and after_first["claim_links"] >= 1

    second = _run_demo(env)
    assert second.returncode == 0, second.stdout + second.stderr
    assert "Traceback" not in second.stdout + second.stderr
    assert _counts(db) == after_first

    con = sqlite3.connect(db)
    rows = con.execute("""
        select a.speaker_name, b.speaker_name, l.reasons from claim_links l
        join claims a on a.id = l.claim_a_id join claims b on b.id = l.claim_b_id""").fetchall()
    con.close()
    assert any(a == "Valery Gerasimov" and b == "general staff of Ukraine" and "Kupiansk" in r for a, b, r in rows)
