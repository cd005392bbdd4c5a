"""``claimlink serve``: run the nightly flow on its schedule.

Prefect's temporary server runs no schedules, so:

- with no ``PREFECT_API_URL``, a local ``prefect server start`` is started on loopback and
  supervised (restarted if it dies, stopped on exit);
- with ``PREFECT_API_URL`` set, that server is used.

The flow is then served (``Flow.serve``) with the cron schedule and time zone from the
settings: the serving process is the runner that executes each scheduled run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

import httpx

from claimlink.errors import ClaimlinkError

from . import prefect_env
from .watchdog import reap_watchdog, spawn_watchdog

#: Seconds to wait for a local Prefect server to answer its health check.
SERVER_START_TIMEOUT = 180


class PrefectServerError(ClaimlinkError):
    """The local Prefect server did not start or did not answer."""

    code = "E800"


class LocalPrefectServer:
    """A supervised ``prefect server start`` on 127.0.0.1, in a session of its own.

    It is stopped by :meth:`stop`, and by its watchdog (:mod:`claimlink.flows.watchdog`)
    if the process that started it dies without stopping it."""

    def __init__(self, port: int = 4200, log_path: str | None = None):
        self.port = port
        self.api_url = f"http://127.0.0.1:{port}/api"
        self.log_path = log_path
        self._proc: subprocess.Popen | None = None
        self._watchdog: subprocess.Popen | None = None
        self._lock = threading.Lock()  # no (re)start while stopping
        self._stop = threading.Event()
        self._watcher: threading.Thread | None = None

    def _spawn(self) -> None:
        env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_UI_ENABLED": "false"}
        env.pop("PREFECT_API_URL", None)
        with self._lock:
            if self._stop.is_set():
                return
            if self._watchdog is not None:  # the last server's: it has exited with it
                reap_watchdog(self._watchdog)
            log = open(self.log_path, "ab") if self.log_path else subprocess.DEVNULL  # noqa: SIM115
            try:
                self._proc = subprocess.Popen(
                    [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1",
                     "--port", str(self.port)], stdout=log, stderr=subprocess.STDOUT, env=env,
                    start_new_session=True)  # Ctrl-C is for `claimlink serve`, which then stops it
            finally:
                if log is not subprocess.DEVNULL:
                    log.close()
            self._watchdog = spawn_watchdog(self._proc.pid)

    def wait_healthy(self, timeout: float = SERVER_START_TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and not self._stop.is_set():
            if self._proc is not None and self._proc.poll() is not None:
                raise PrefectServerError(f"prefect server exited with status {self._proc.returncode}"
                                   + (f"; see {self.log_path}" if self.log_path else ""))
            try:
                if httpx.get(f"{self.api_url}/health", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(1)
        if not self._stop.is_set():
            raise PrefectServerError(f"prefect server did not answer on {self.api_url} within {timeout:.0f}s")

    def start(self) -> "LocalPrefectServer":
        self._spawn()
        try:
            self.wait_healthy()
        except BaseException:  # a server that never came up, or Ctrl-C while waiting
            self.stop()
            raise
        self._watcher = threading.Thread(target=self._supervise, name="prefect-server-supervisor", daemon=True)
        self._watcher.start()
        return self

    def _supervise(self) -> None:
        backoff = 1.0
        while not self._stop.wait(2.0):
            if self._proc is not None and self._proc.poll() is not None:
                print(f"claimlink: prefect server stopped (status {self._proc.returncode}); restarting",
                      file=sys.stderr)
                if self._stop.wait(backoff):
                    return
                backoff = min(backoff * 2, 60)
                self._spawn()
                try:
                    self.wait_healthy()
                    backoff = 1.0
                except PrefectServerError as exc:
                    print(f"claimlink: {exc}", file=sys.stderr)

    def stop(self) -> None:
        with self._lock:
            self._stop.set()
        if self._proc is not None and self._proc.poll() is None:
            self._proc.terminate()
            try:
                self._proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
        if self._watchdog is not None:
            reap_watchdog(self._watchdog)
            self._watchdog = None


def serve(settings, *, port: int = 4200, log_path: str | None = None, run_now: bool = False) -> None:
    """Serve the nightly flow on ``settings.schedule_cron`` in ``settings.schedule_timezone``."""
    server = None
    if not prefect_env.api_url():
        server = LocalPrefectServer(port, log_path).start()
        prefect_env.use_api_url(server.api_url)
    try:
        from prefect.schedules import Cron

        from claimlink.flows.nightly import nightly

        params = {"sources_file": settings.sources_file, "database_url": settings.database_url}
        if run_now:
            # one run at start-up as well as on the schedule (useful after a long outage)
            nightly(**params)
        nightly.serve(name="claimlink-nightly", schedules=[Cron(settings.schedule_cron,
                                                                timezone=settings.schedule_timezone)],
                      parameters=params, global_limit=1, print_starting_message=True)
    finally:
        if server is not None:
            server.stop()
