"""Where the nightly flow's batches run: in the flow's own process, on a local Dask cluster
of one worker process per core, or on an existing Dask cluster (``prefect-dask``).

Dask workers only fetch, extract and parse (:func:`claimlink.flows.pipeline.prepare_batch`):
they send plain rows back, and the flow's process writes each batch, in the order of the
batches, as a sequential run would. So a parallel run stores the same rows with the same
ids as a sequential one, and the linker, which runs after every batch is stored, sees the
same claims in the same order. A worker killed mid-batch has written nothing; Dask runs
its batch again on another worker.

Nothing here imports Prefect or Dask at import time: :func:`check_cluster` runs before
Prefect is configured.
"""

from __future__ import annotations

import ipaddress
import logging
import os
from urllib.parse import urlsplit

from sqlalchemy.engine import make_url

from claimlink.settings import Settings, SettingsError


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def peak_memory_mb() -> float:
    """Peak resident memory of this process, in MiB. From ``VmHWM`` in /proc: unlike
    ``getrusage``'s ru_maxrss, it starts afresh in a spawned worker instead of carrying
    the peak of the process that spawned it."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker_count(settings: Settings) -> int:
    """Local Dask worker processes: ``CLAIMLINK_WORKERS``, or one per core when it is 0."""
    return settings.workers if settings.workers > 0 else cores()


def _loopback(host: str) -> bool:
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_cluster(settings: Settings) -> None:
    """Refuse settings a cluster cannot run with, in one line: a negative worker count, a
    malformed scheduler address, or a SQLite store with a scheduler on another machine
    (its workers could not open the file, and SQLite is not for writers on several hosts)."""
    if settings.workers < 0:
        raise SettingsError(f"CLAIMLINK_WORKERS={settings.workers}: give a number of worker processes (0: one per core)")
    if not settings.dask_address:
        return
    parts = urlsplit(settings.dask_address if "://" in settings.dask_address else f"tcp://{settings.dask_address}")
    try:
        port = parts.port
    except ValueError:
        port = None
    if parts.scheme not in ("tcp", "tls", "ws", "wss") or not parts.hostname or port is None:
        raise SettingsError(f"CLAIMLINK_DASK_ADDRESS={settings.dask_address!r} is not a scheduler address "
                            "(expected tcp://host:8786)")
    if make_url(settings.database_url).get_backend_name() == "sqlite" and not _loopback(parts.hostname):
        raise SettingsError(f"a Dask cluster at {settings.dask_address} needs a PostgreSQL store, not SQLite "
                            f"({settings.database_url}): set CLAIMLINK_DATABASE_URL=postgresql+psycopg://...")


def task_runner(settings: Settings, batches: int):
    """The ``DaskTaskRunner`` for a run of ``batches`` batches, or None for the in-process
    path: one worker, or a single batch on a local cluster (starting worker processes,
    each loading the model, costs more than one batch gains)."""
    workers = min(worker_count(settings), batches)
    if not settings.dask_address and workers <= 1:
        return None
    from prefect_dask import DaskTaskRunner

    # as quiet as Prefect's (``run_quietly`` silences those unless --verbose)
    quiet_distributed(logging.getLogger("prefect").getEffectiveLevel())
    if settings.dask_address:
        return DaskTaskRunner(address=settings.dask_address)
    return DaskTaskRunner(cluster_class="distributed.LocalCluster", cluster_kwargs=local_cluster_kwargs(workers))


def quiet_distributed(level: int) -> None:
    """Set distributed's loggers in this process to ``level``. It sets their levels when
    imported, some apart from their parent (``distributed.client`` at WARNING, which logs a
    heartbeat that meets a closing scheduler with its whole traceback), so each is set."""
    import distributed  # noqa: F401 - its import configures the loggers set here

    names = [n for n in logging.root.manager.loggerDict if n.startswith("distributed.")]
    for name in ("distributed", *names):
        logging.getLogger(name).setLevel(level)


def local_cluster_kwargs(workers: int) -> dict:
    """``LocalCluster`` arguments of the flow's own cluster: ``workers`` processes of one
    thread each (parsing holds the GIL), on loopback, no dashboard, worker logs as quiet as
    Prefect's and never below ERROR: at CRITICAL unless -v, since a worker whose heartbeat
    meets the scheduler shutting down logs an ERROR with its whole traceback.

    Without a dashboard the scheduler still serves its health check over HTTP, on port 8787
    unless told otherwise, and warns on stderr when that port is taken (another cluster on
    the machine): it gets a free loopback port instead."""
    return {"n_workers": workers, "threads_per_worker": 1, "processes": True, "dashboard_address": None,
            "host": "127.0.0.1", "silence_logs": max(logging.ERROR, logging.getLogger("prefect").getEffectiveLevel()),
            "scheduler_kwargs": {"dashboard_address": "127.0.0.1:0"}}
