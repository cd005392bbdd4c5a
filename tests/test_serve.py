"""`claimlink serve` against a real `prefect server start` on this machine: the served
deployment (the runner) picks up a run triggered through the server's API and fills the
store. Slow (the server takes a while to start), so it is marked."""

import os
import socket
import sqlite3
import subprocess
import sys
import time

import httpx
import pytest

from flows.demo import DemoSite
from tests.conftest import ROOT

pytestmark = [pytest.mark.prefect, pytest.mark.model, pytest.mark.server]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_runs_the_flow_through_a_real_prefect_server(tmp_path):
    port = _free_port()
    db = tmp_path / "served.db"
    with DemoSite(port=0) as site:
        sources = tmp_path / "sources.toml"
        sources.write_text(site.sources_toml())
        env = {**os.environ, "CLAIMLINK_DATABASE_URL": f"sqlite:///{db}", "CLAIMLINK_ALLOW_HOSTS": "127.0.0.1",
               "CLAIMLINK_HOST_DELAY": "0", "PREFECT_HOME": str(tmp_path / "prefect")}
        env.pop("PREFECT_API_URL", None)
        subprocess.run([sys.executable, "-m", "flows.cli", "db", "upgrade"], cwd=ROOT, env=env, check=True,
                       capture_output=True)
        log = tmp_path / "serve.log"
        with open(log, "w") as out:
            proc = subprocess.Popen([sys.executable, "-m", "flows.cli", "serve", "--sources", str(sources),
                                     "--port", str(port), "--server-log", str(tmp_path / "server.log")],
                                    cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        api = f"http://127.0.0.1:{port}/api"
        try:
            deployment = None
            deadline = time.time() + 300
            while time.time() < deadline and deployment is None:
                assert proc.poll() is None, log.read_text()
                try:
                    r = httpx.get(f"{api}/deployments/name/claimlink-nightly/claimlink-nightly", timeout=5)
                    if r.status_code == 200:
                        deployment = r.json()
                except httpx.HTTPError:
                    pass
                time.sleep(2)
            assert deployment is not None, log.read_text()
            assert deployment["schedules"] and deployment["schedules"][0]["schedule"]["cron"] == "0 2 * * *"
            run = httpx.post(f"{api}/deployments/{deployment['id']}/create_flow_run", json={}, timeout=10).json()
            state = None
            while time.time() < deadline:
                state = httpx.get(f"{api}/flow_runs/{run['id']}", timeout=5).json()["state"]["type"]
                if state in ("COMPLETED", "FAILED", "CRASHED", "CANCELLED"):
                    break
                time.sleep(2)
            assert state == "COMPLETED", log.read_text()
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
    con = sqlite3.connect(db)
    links = con.execute("""select a.speaker_name, b.speaker_name from claim_links l join claims a on a.id = l.claim_a_id
                           join claims b on b.id = l.claim_b_id""").fetchall()
    con.close()
    assert ("Valery Gerasimov", "general staff of Ukraine") in links
