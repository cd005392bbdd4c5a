"""Prefect's environment: the one module that reads or sets ``PREFECT_*`` variables.

Prefect reads them once, at its import, so everything here runs before prefect is imported.

- The first flow run starts a temporary local server; on a brand-new PREFECT_HOME that can
  take longer than Prefect's 20 s default, so the timeout is raised.
- That server is a child process that Prefect stops only from ``atexit``: it would outlive
  a claimlink killed with SIGKILL. :func:`guard_temporary_server` gives it a watchdog
  (it imports prefect, so it is called only where prefect may be imported: not by
  ``claimlink serve``, which sets ``PREFECT_API_URL`` first).
- No analytics (no network here). Prefect's own logs stay silent unless -v: the CLI
  reports failures itself, in one line.
"""

from __future__ import annotations

import os

DEFAULTS = {
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_LOGGING_LEVEL": "CRITICAL",
    "PREFECT_LOGGING_SERVER_LEVEL": "ERROR",
    "PREFECT_SERVER_LOGGING_LEVEL": "ERROR",
    "PREFECT_UI_ENABLED": "false",
    "PREFECT_LOGGING_TO_API_ENABLED": "false",
    "PREFECT_RESULTS_PERSIST_BY_DEFAULT": "false",
    "PREFECT_TASKS_REFRESH_CACHE": "false",
}


def configure(verbose: bool = False) -> None:
    for key, value in DEFAULTS.items():
        os.environ.setdefault(key, value)
    if verbose:
        os.environ["PREFECT_LOGGING_LEVEL"] = "INFO"
        os.environ["PREFECT_LOGGING_SERVER_LEVEL"] = "WARNING"


def api_url() -> str | None:
    """The Prefect server the user chose (``PREFECT_API_URL``), if any."""
    return os.environ.get("PREFECT_API_URL") or None


def use_api_url(url: str) -> None:
    """Point Prefect, when it is imported later in this process, at the server at ``url``."""
    os.environ["PREFECT_API_URL"] = url


def in_flow_run_process() -> bool:
    """True in a deployment's flow run that a Prefect runner (``claimlink serve``) or worker
    started as a child process: Prefect sets ``PREFECT__DEPLOYMENT_NAME`` for it (a
    multiprocessing child for a served flow, ``python -m prefect.engine`` for a worker)."""
    return bool(os.environ.get("PREFECT__DEPLOYMENT_NAME") or os.environ.get("PREFECT__FLOW_RUN_ID"))


def guard_temporary_server() -> None:
    """Start every temporary server that Prefect starts in this process in a session of its
    own, with a watchdog, and reap the watchdog when Prefect stops the server.

    - Its own session: Ctrl-C in a terminal reaches this process only, which stops the flow
      while the server still records it, then stops the server (sharing the group, both
      would stop at once and the flow would retry against a dead server for a minute).
    - The watchdog (:mod:`claimlink.flows.watchdog`) stops it if this process dies without
      stopping it (SIGKILL).

    Prefect (3.x) starts the server with ``subprocess.Popen`` in
    ``SubprocessASGIServer._run_uvicorn_command`` and offers no setting or hook for it, so
    that module's ``subprocess`` is replaced by :class:`_GuardedSubprocess` and ``stop`` is
    wrapped, once. tests/test_no_orphans.py fails if a Prefect upgrade breaks this."""
    import prefect.server.api.server as server_module

    from .watchdog import reap_watchdog

    servers = server_module.SubprocessASGIServer
    if isinstance(server_module.subprocess, _GuardedSubprocess):
        return
    guarded = server_module.subprocess = _GuardedSubprocess()
    stop = servers.stop

    def stop_and_reap(self):
        try:
            stop(self)
        finally:
            while guarded.watchdogs:
                reap_watchdog(guarded.watchdogs.pop())

    servers.stop = stop_and_reap


class _GuardedSubprocess:
    """The ``subprocess`` module, but ``Popen`` starts a new session and a watchdog."""

    def __init__(self):
        self.watchdogs: list = []

    def __getattr__(self, name):
        import subprocess

        return getattr(subprocess, name)

    def Popen(self, *args, **kwargs):  # noqa: N802 - the name Prefect calls
        import subprocess

        from .watchdog import spawn_watchdog

        proc = subprocess.Popen(*args, start_new_session=True, **kwargs)
        self.watchdogs.append(spawn_watchdog(proc.pid))
        return proc
