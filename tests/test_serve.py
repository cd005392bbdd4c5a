"""`claimlink serve` with no Prefect server configured: it starts a real `prefect server
start` on loopback, serves the nightly deployment on the cron schedule from the settings,
and a *scheduled* run fires (the cron comes due every minute here) and fills the store.
Slow (the server takes a while to start, then up to a minute to the next cron tick), so it
is marked."""

import os
import subprocess
import sys
import time

import httpx
import pytest

from claimlink.flows.demo import DemoSite
from tests.conftest import ROOT, free_port, linked_speakers, stop
from tests.proctree import EXITING, Watched

pytestmark = [pytest.mark.prefect, pytest.mark.model, pytest.mark.server]



def test_serve_fires_a_scheduled_run_through_a_real_prefect_server(tmp_path):
    port = free_port()
    db = tmp_path / "served.db"
    with DemoSite(port=0) as site:
        sources = tmp_path / "sources.toml"
        sources.write_text(site.sources_toml())
        env = {**os.environ, "CLAIMLINK_DATABASE_URL": f"sqlite:///{db}", "CLAIMLINK_ALLOW_HOSTS": "127.0.0.1",
               "CLAIMLINK_HOST_DELAY": "0", "PREFECT_HOME": str(tmp_path / "prefect"),
               "CLAIMLINK_SCHEDULE_CRON": "* * * * *", "CLAIMLINK_SCHEDULE_TIMEZONE": "Europe/Berlin"}
        env.pop("PREFECT_API_URL", None)
        subprocess.run([sys.executable, "-m", "claimlink.flows.cli", "db", "upgrade"], cwd=ROOT, env=env, check=True,
                       capture_output=True)
        log = tmp_path / "serve.log"
        with open(log, "w") as out:
            served = Watched([sys.executable, "-m", "claimlink.flows.cli", "serve", "--sources", str(sources),
                              "--port", str(port), "--server-log", str(tmp_path / "server.log")],
                             cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        proc = served.proc
        api = f"http://127.0.0.1:{port}/api"
        try:
            deployment = None
            deadline = time.time() + 420
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
            schedule = deployment["schedules"][0]["schedule"]
            assert (schedule["cron"], schedule["timezone"]) == ("* * * * *", "Europe/Berlin")
            # Nobody triggers a run: the server's scheduler creates it from the cron, and
            # the served deployment (the runner) executes it.
            state = None
            while time.time() < deadline:
                assert proc.poll() is None, log.read_text()
                runs = httpx.post(f"{api}/flow_runs/filter", timeout=10, json={
                    "deployments": {"id": {"any_": [deployment["id"]]}}}).json()
                done = [r for r in runs if r["state"]["type"] in ("COMPLETED", "FAILED", "CRASHED", "CANCELLED")]
                if done:
                    run = done[0]
                    state = run["state"]["type"]
                    break
                time.sleep(2)
            assert state == "COMPLETED", log.read_text()
            assert run["auto_scheduled"], "the run was not created by the schedule"
        finally:
            stop(proc)
        # SIGTERM: the runner stops, then the server; no process started by serve is left
        assert served.survivors(EXITING) == [], log.read_text()
    assert ("Valery Gerasimov", "general staff of Ukraine") in linked_speakers(db)
