"""The path for teams with their own Prefect server: `prefect deploy` from the shipped
prefect.yaml, a process work pool, and `prefect worker start` on this machine, against a
real `prefect server start`. The worker runs the deployment and fills the store.
Slow (a server, a deploy and a worker), so it is marked."""

import json
import os
import subprocess
import sys
import time

import httpx
import pytest

from claimlink.flows.demo import DemoSite
from claimlink.flows.serve import LocalPrefectServer
from tests.conftest import ROOT, free_port, linked_speakers, stop
from tests.proctree import EXITING, Watched, own_descendants, still_alive

pytestmark = [pytest.mark.prefect, pytest.mark.model, pytest.mark.server]

POOL = "claimlink-process"



def _prefect(env, *args, timeout=300):
    proc = subprocess.run([sys.executable, "-m", "prefect", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=timeout)
    assert proc.returncode == 0, f"prefect {' '.join(args)}:\n{proc.stdout}\n{proc.stderr}"
    return proc.stdout


def test_prefect_deploy_and_a_process_worker_run_the_nightly_flow(tmp_path, monkeypatch):
    port = free_port()
    db = tmp_path / "worker.db"
    # the server (started from this process's environment) keeps its database here, not in
    # the user's ~/.prefect: every run of this test starts from an empty server
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "prefect"))
    server = LocalPrefectServer(port, str(tmp_path / "server.log"))
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect"), "PREFECT_API_URL": server.api_url,
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_CLI_PROMPT": "false",
           "CLAIMLINK_HOME": str(ROOT), "CLAIMLINK_DATABASE_URL": f"sqlite:///{db}",
           "CLAIMLINK_ALLOW_HOSTS": "127.0.0.1", "CLAIMLINK_HOST_DELAY": "0"}
    subprocess.run([sys.executable, "-m", "claimlink.flows.cli", "db", "upgrade"], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    before = own_descendants()
    server.start()
    started = own_descendants() - before  # the server and its watchdog
    worker = None
    try:
        with DemoSite(port=0) as site:
            sources = tmp_path / "sources.toml"
            sources.write_text(site.sources_toml())
            _prefect(env, "work-pool", "create", POOL, "--type", "process")
            _prefect(env, "deploy", "--all")
            deployment = httpx.get(f"{server.api_url}/deployments/name/claimlink-nightly/claimlink-nightly",
                                   timeout=10).json()
            assert deployment["work_pool_name"] == POOL
            assert deployment["schedules"][0]["schedule"]["cron"] == "0 2 * * *"
            run = httpx.post(f"{server.api_url}/deployments/{deployment['id']}/create_flow_run",
                             json={"parameters": {"sources_file": str(sources)}}, timeout=10).json()
            log = tmp_path / "worker.log"
            with open(log, "w") as out:
                watched = Watched([sys.executable, "-m", "prefect", "worker", "start", "--pool", POOL],
                                  cwd=tmp_path, env=env, stdout=out, stderr=subprocess.STDOUT)
            worker = watched.proc
            state = None
            deadline = time.time() + 400
            while time.time() < deadline:
                assert worker.poll() is None, log.read_text()
                state = httpx.get(f"{server.api_url}/flow_runs/{run['id']}", timeout=10).json()["state"]
                if state["type"] in ("COMPLETED", "FAILED", "CRASHED", "CANCELLED"):
                    break
                time.sleep(2)
            assert state is not None and state["type"] == "COMPLETED", json.dumps(state) + log.read_text()
    finally:
        if worker is not None:
            stop(worker)
        server.stop()
    # nothing that the worker (its flow run) or the server started is left
    assert watched.survivors(EXITING) == []
    assert len(started) >= 2 and still_alive(started) == []
    assert ("Valery Gerasimov", "general staff of Ukraine") in linked_speakers(db)
