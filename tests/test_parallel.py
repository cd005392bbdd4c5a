"""The nightly flow on Dask: which path a run takes, the settings a cluster refuses, the
model loaded once per worker process, and a run that loses a worker to kill -9 still
ending with exactly the rows of a sequential run, on a local cluster (SQLite) and on a
scheduler and two workers started as separate processes (PostgreSQL)."""

import os
import signal
import subprocess
import sys
import time

import pytest

from claimlink.flows.parallel import check_cluster, task_runner, worker_count
from claimlink.settings import Settings, SettingsError
from tests.conftest import ROOT, free_port, stop
from tests.test_resume import _articles, _run, natural_rows, reference, site  # noqa: F401 (fixtures)


# -- which path, which settings ------------------------------------------------------------------
def test_one_worker_or_one_batch_stays_in_process():
    assert task_runner(Settings(workers=1), batches=10) is None
    assert task_runner(Settings(workers=4), batches=1) is None
    assert worker_count(Settings(workers=0)) >= 1  # one per core


def test_several_workers_and_batches_get_a_local_cluster_of_that_size():
    runner = task_runner(Settings(workers=3), batches=2)
    assert runner.cluster_kwargs["n_workers"] == 2  # never more workers than batches
    assert runner.cluster_kwargs["threads_per_worker"] == 1


def test_an_address_uses_that_cluster():
    runner = task_runner(Settings(dask_address="tcp://127.0.0.1:8786", workers=1), batches=1)
    assert runner.address == "tcp://127.0.0.1:8786"


@pytest.mark.parametrize("address", ["tcp://10.0.0.5:8786", "tcp://dask.example.org:8786"])
def test_sqlite_with_a_remote_scheduler_is_refused(address):
    with pytest.raises(SettingsError, match="needs a PostgreSQL store"):
        check_cluster(Settings(database_url="sqlite:///x.db", dask_address=address))
    check_cluster(Settings(database_url="postgresql+psycopg://u:p@db/claimlink", dask_address=address))


@pytest.mark.parametrize("address", ["tcp://localhost:8786", "tcp://127.0.0.1:8786"])
def test_sqlite_with_a_scheduler_on_this_machine_is_allowed(address):
    check_cluster(Settings(database_url="sqlite:///x.db", dask_address=address))


@pytest.mark.parametrize("address", ["http://10.0.0.5:8786", "tcp://host", "tcp://:99"])
def test_a_malformed_address_is_refused(address):
    with pytest.raises(SettingsError, match="not a scheduler address"):
        check_cluster(Settings(dask_address=address))


def test_the_cli_refuses_sqlite_with_a_remote_scheduler_in_one_line(tmp_path):
    env = {**os.environ, "CLAIMLINK_DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}",
           "CLAIMLINK_DASK_ADDRESS": "tcp://10.1.2.3:8786", "PREFECT_HOME": str(tmp_path / "prefect")}
    out = subprocess.run([sys.executable, "-m", "claimlink.flows.cli", "run", "--no-progress"], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode != 0
    assert "needs a PostgreSQL store" in out.stderr and "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


# -- on real Dask workers --------------------------------------------------------------------------
def _load_in_worker():
    from claimlink.extractors.nlp import load_pipeline

    load_pipeline()
    return os.getpid(), load_pipeline.cache_info().misses


@pytest.mark.dask
@pytest.mark.model
def test_the_model_loads_once_per_worker_process():
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      host="127.0.0.1") as cluster, Client(cluster) as client:
        results = client.gather([client.submit(_load_in_worker, pure=False) for _ in range(8)])
        workers = client.run(lambda: (os.getpid(), __import__("claimlink.extractors.nlp", fromlist=["x"])
                                      .load_pipeline.cache_info().misses))
    assert all(misses == 1 for _, misses in results)  # every task found the model loaded, or loaded it once
    assert sorted(misses for _, misses in workers.values()) in ([0, 1], [1, 1])
    assert {pid for pid, _ in results} <= {pid for pid, _ in workers.values()}
    assert os.getpid() not in {pid for pid, _ in results}  # really in other processes


def _dask_workers(pid: int) -> list[int]:
    """The Dask worker processes under the flow's process (spawned by its LocalCluster)."""
    import psutil

    out = []
    for child in psutil.Process(pid).children(recursive=True):
        try:
            if "from multiprocessing.spawn import spawn_main" in " ".join(child.cmdline()):
                out.append(child.pid)
        except psutil.NoSuchProcess:
            pass
    return out


def _kill_one_worker_once_a_batch_is_stored(proc, url, workers) -> int | None:
    """kill -9 one Dask worker (the first pid ``workers()`` gives) once the store holds an
    article but not all five; returns the articles stored then, None if it never came to that."""
    deadline = time.time() + 480
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.3)
        n = _articles(url)
        if n is not None and 1 <= n < 5:
            victims = workers()
            if victims:
                os.kill(victims[0], signal.SIGKILL)
                return n
    return None


def _run_losing_a_worker(tmp_path, sources, url, name, workers, **env) -> None:
    """``claimlink run`` in batches of one article, paced so a run takes a while; kill -9
    one Dask worker (the first pid ``workers(flow pid)`` gives) midway; the run must finish."""
    with _run(tmp_path, sources, url, name, CLAIMLINK_BATCH_SIZE="1", CLAIMLINK_HOST_DELAY="1.5", **env) as run:
        proc = run.proc  # anything still running when the block ends is killed
        killed_with = _kill_one_worker_once_a_batch_is_stored(proc, url, lambda: workers(proc.pid))
        out, err = proc.communicate(timeout=600)
    assert killed_with is not None, "the run finished before a worker could be killed"
    assert proc.returncode == 0, out + err


@pytest.mark.dask
@pytest.mark.prefect
@pytest.mark.model
def test_a_local_cluster_that_loses_a_worker_stores_the_rows_of_a_sequential_run(reference, tmp_path):
    sources, expected = reference
    url = f"sqlite:///{tmp_path / 'par.db'}"
    _run_losing_a_worker(tmp_path, sources, url, "par", _dask_workers, CLAIMLINK_WORKERS="2")
    assert natural_rows(url) == expected


@pytest.fixture
def dask_cluster(tmp_path):
    """A ``dask scheduler`` and two ``dask worker`` processes on 127.0.0.1, started as an
    operator would start them on three machines; all stopped at the end, whatever happens."""
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    dask = [sys.executable, "-m", "distributed.cli.dask_scheduler"]
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect-workers")}
    procs = [subprocess.Popen([*dask, "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"], env=env,
                              stdout=subprocess.DEVNULL, stderr=open(tmp_path / "scheduler.log", "w"))]
    try:
        for n in range(2):
            procs.append(subprocess.Popen(
                [sys.executable, "-m", "distributed.cli.dask_worker", address, "--nthreads", "1", "--nworkers", "1",
                 "--no-nanny", "--no-dashboard", "--host", "127.0.0.1", "--name", f"w{n}"], env=env, cwd=tmp_path,
                stdout=subprocess.DEVNULL, stderr=open(tmp_path / f"worker{n}.log", "w")))
        from distributed import Client

        with Client(address, timeout=120) as client:
            client.wait_for_workers(2, timeout=180)
        yield address, procs[1:]
    finally:
        for p in reversed(procs):
            if p.poll() is None:
                stop(p)


@pytest.mark.dask
@pytest.mark.postgres
@pytest.mark.prefect
@pytest.mark.model
def test_separate_scheduler_and_workers_on_postgresql_lose_a_worker_and_store_the_rows_of_a_sequential_run(
        reference, dask_cluster, tmp_path):
    from claimlink.models.db import downgrade, upgrade

    if not os.environ.get("CLAIMLINK_TEST_POSTGRES_URL"):
        pytest.skip("CLAIMLINK_TEST_POSTGRES_URL is not set")
    sources, expected = reference
    address, workers = dask_cluster
    url = os.environ["CLAIMLINK_TEST_POSTGRES_URL"]
    downgrade(url, "base")
    upgrade(url)
    try:
        _run_losing_a_worker(tmp_path, sources, url, "cluster", lambda _: [workers[0].pid],
                             CLAIMLINK_DASK_ADDRESS=address)
        assert natural_rows(url) == expected
    finally:
        downgrade(url, "base")
