"""No process outlives the claimlink command that started it (issue 18): not Prefect's
temporary server of `claimlink run`, not the `prefect server start` of `claimlink serve`,
not their watchdogs, extraction workers or scheduled flow runs.

Each command runs in a new session; every process it starts is recorded by pid and start
time while it runs (tests/proctree.py), and after it has ended none may be alive: after a
normal exit (tests/test_flow.py, tests/test_serve.py), a failure, Ctrl-C (SIGINT to the
process group, as a terminal sends it), SIGTERM, and SIGKILL of the command alone - then
its orphans must go by themselves, within the watchdog's poll and grace periods.
"""

import os
import signal
import subprocess
import sys
import time

import httpx
import pytest

from claimlink.flows.demo import DemoSite
from tests.conftest import ROOT, free_port
from tests.proctree import EXITING, ORPHANED, Watched

pytestmark = [pytest.mark.prefect, pytest.mark.model]

def _env(tmp_path, **extra):
    env = {**os.environ, "CLAIMLINK_DATABASE_URL": f"sqlite:///{tmp_path / 'claimlink.db'}",
           "CLAIMLINK_DEMO_PORT": str(free_port()), "PREFECT_HOME": str(tmp_path / "prefect"),
           "CLAIMLINK_ALLOW_HOSTS": "127.0.0.1", "CLAIMLINK_HOST_DELAY": "0"}
    env.pop("PREFECT_API_URL", None)
    env.update(extra)
    return env


def _claimlink(tmp_path, *args, **env) -> Watched:
    log = open(tmp_path / "claimlink.log", "w")  # noqa: SIM115 - the child holds it
    return Watched([sys.executable, "-m", "claimlink.flows.cli", *args], cwd=ROOT, env=_env(tmp_path, **env),
                   stdout=log, stderr=subprocess.STDOUT)


def _log(tmp_path) -> str:
    return (tmp_path / "claimlink.log").read_text(errors="replace")[-3000:]


def _own_session(watched: Watched):
    """The Prefect server is the child that runs in a session of its own."""
    return lambda procs: any(p.sid != watched.proc.pid for p in procs)


def _extracting(procs) -> bool:
    """The flow is mid-run: its extraction worker (a multiprocessing child) is up."""
    return any("spawn_main" in p.args() for p in procs)


def test_run_that_fails_leaves_no_process(tmp_path):
    with _claimlink(tmp_path, "run", "--demo") as run:
        run.wait_for(_own_session(run), 300, "Prefect server")
        # the flow checks the store again once the server is up: take the store away
        os.remove(tmp_path / "claimlink.db")
        assert run.survivors(EXITING) == []
    assert run.proc.returncode == 1, _log(tmp_path)
    assert "Error: the store has no schema yet" in _log(tmp_path)
    assert "Traceback" not in _log(tmp_path)  # one line, not Prefect's report of the failure


@pytest.mark.parametrize("how", ["ctrl-c", "sigterm", "sigkill"])
def test_run_stopped_mid_flow_leaves_no_process(tmp_path, how):
    with _claimlink(tmp_path, "run", "--demo") as run:
        run.wait_for(_extracting, 300, "extraction worker")
        if how == "ctrl-c":
            run.signal(signal.SIGINT, group=True)
        else:
            run.signal(signal.SIGTERM if how == "sigterm" else signal.SIGKILL)
        assert run.survivors(ORPHANED if how == "sigkill" else EXITING) == [], _log(tmp_path)
    expected = {"ctrl-c": (130,), "sigterm": (143,), "sigkill": (-signal.SIGKILL,)}[how]
    assert run.proc.returncode in expected, _log(tmp_path)


def _serve(tmp_path, site, cron="0 2 * * *"):
    port = free_port()
    sources = tmp_path / "sources.toml"
    sources.write_text(site.sources_toml())
    env = _env(tmp_path, CLAIMLINK_SCHEDULE_CRON=cron)
    subprocess.run([sys.executable, "-m", "claimlink.flows.cli", "db", "upgrade"], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    serve = _claimlink(tmp_path, "serve", "--sources", str(sources), "--port", str(port),
                       CLAIMLINK_SCHEDULE_CRON=cron)
    return serve, f"http://127.0.0.1:{port}/api"


def _wait_deployment(serve: Watched, api: str, tmp_path) -> dict:
    deadline = time.monotonic() + 420
    while time.monotonic() < deadline:
        assert serve.proc.poll() is None, _log(tmp_path)
        serve.sample()
        try:
            r = httpx.get(f"{api}/deployments/name/claimlink-nightly/claimlink-nightly", timeout=5)
            if r.status_code == 200:
                return r.json()
        except httpx.HTTPError:
            pass
        time.sleep(1)
    raise AssertionError("no deployment:\n" + _log(tmp_path))


@pytest.mark.server
def test_serve_stopped_with_ctrl_c_leaves_no_process(tmp_path):
    with DemoSite(port=0) as site:
        serve, api = _serve(tmp_path, site)
        with serve:
            _wait_deployment(serve, api, tmp_path)
            serve.signal(signal.SIGINT, group=True)
            assert serve.survivors(EXITING) == [], _log(tmp_path)
    assert serve.proc.returncode == 0, _log(tmp_path)


@pytest.mark.server
def test_serve_killed_during_a_scheduled_run_leaves_no_process(tmp_path):
    """SIGKILL while the runner's child process executes a scheduled run: the server (through
    its watchdog) and the flow run (through its parent watch) end by themselves."""
    with DemoSite(port=0) as site:
        serve, api = _serve(tmp_path, site, cron="* * * * *")
        with serve:
            deployment = _wait_deployment(serve, api, tmp_path)
            deadline = time.monotonic() + 180
            while time.monotonic() < deadline:
                assert serve.proc.poll() is None, _log(tmp_path)
                serve.sample()
                runs = httpx.post(f"{api}/flow_runs/filter", timeout=10, json={
                    "deployments": {"id": {"any_": [deployment["id"]]}}}).json()
                if any(r["state"]["type"] == "RUNNING" for r in runs):
                    break
                time.sleep(1)
            else:
                raise AssertionError("no scheduled run started:\n" + _log(tmp_path))
            # the run executes in a child process of serve (a multiprocessing child of the runner)
            serve.wait_for(lambda procs: any(p.ppid == serve.proc.pid and "spawn_main" in p.args()
                                             for p in procs), 60, "flow-run process")
            serve.signal(signal.SIGKILL)
            assert serve.survivors(ORPHANED) == [], _log(tmp_path)

