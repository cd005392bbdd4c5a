"""Shared fixtures: a migrated throwaway store, a loopback web server, the seed text."""

from __future__ import annotations

import http.server
import os
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = FIXTURES / "ap-2025-11-20-ukraine-peace-plan.txt"

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
# Runs stay in the flow's process (the path the suite is built around) unless a test asks
# for Dask workers (tests/test_parallel.py): a local cluster per run would cost CI minutes.
os.environ.setdefault("CLAIMLINK_WORKERS", "1")


@pytest.fixture(scope="session", autouse=True)
def no_process_left_behind():
    """The suite stops every process it starts (issue 18): at the end of the session none of
    them is alive - not a child of pytest, not an orphan of its process group. Any that is
    left is killed, and the session fails."""
    import sys
    from multiprocessing import resource_tracker

    from tests import proctree

    me = proctree.read(os.getpid())
    yield
    if "prefect.server.api.server" in sys.modules:
        # the temporary server of the flows run in this process; Prefect would stop it at exit
        from claimlink.flows.runner import stop_ephemeral_server

        stop_ephemeral_server()
    # this process's own multiprocessing helper: it ends when pytest exits
    tracker = getattr(resource_tracker._resource_tracker, "_pid", None)
    left = proctree.left_behind(me, exclude={tracker}, timeout=proctree.ORPHANED)
    if left:
        described = [f"{p.pid} (parent {p.ppid}): {p.args()}" for p in left]
        proctree.kill(left)
        pytest.fail("processes started by the tests were still alive (now killed):\n" + "\n".join(described))


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def nlp():
    from claimlink.extractors import load_pipeline

    return load_pipeline()


def _database_urls() -> list[str]:
    urls = ["sqlite"]
    if os.environ.get("CLAIMLINK_TEST_POSTGRES_URL"):
        urls.append("postgresql")
    return urls


@pytest.fixture(params=_database_urls())
def db_url(request, tmp_path) -> str:
    """A migrated, empty store: SQLite always, PostgreSQL when CLAIMLINK_TEST_POSTGRES_URL is set."""
    from claimlink.models.db import downgrade, upgrade

    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'test.db'}"
        upgrade(url)
        yield url
    else:
        url = os.environ["CLAIMLINK_TEST_POSTGRES_URL"]
        downgrade(url, "base")
        upgrade(url)
        yield url
        downgrade(url, "base")


@pytest.fixture
def engine(db_url):
    from claimlink.models import make_engine

    eng = make_engine(db_url)
    yield eng
    eng.dispose()


class Routes(http.server.BaseHTTPRequestHandler):
    """A loopback server whose answers tests set: ``server.routes[path] = handler``,
    where handler(request_handler) writes the answer."""

    def do_GET(self):  # noqa: N802
        self.server.hits.append(self.path)
        handler = self.server.routes.get(self.path.split("?")[0])
        if handler is None:
            self.send_response(404)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(b"not found")
            return
        try:
            handler(self)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args):
        pass


def send(req, status=200, body=b"", ctype="text/html; charset=utf-8", headers=None):
    req.send_response(status)
    if ctype:
        req.send_header("Content-Type", ctype)
    req.send_header("Content-Length", str(len(body)))
    for k, v in (headers or {}).items():
        req.send_header(k, v)
    req.end_headers()
    if body:
        req.wfile.write(body)


def stream(req, chunk: bytes, times: int, pause: float = 0.0, length: int | None = None) -> None:
    """Answer 200 text/html by writing ``chunk`` ``times`` times, ``pause`` seconds apart:
    a slow drip, or a body without end. ``length`` is a Content-Length to claim."""
    import time

    req.send_response(200)
    req.send_header("Content-Type", "text/html")
    if length is not None:
        req.send_header("Content-Length", str(length))
    req.end_headers()
    for _ in range(times):
        req.wfile.write(chunk)
        if pause:
            req.wfile.flush()
            time.sleep(pause)


@pytest.fixture
def web():
    """A loopback HTTP server on 127.0.0.1 with settable routes."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Routes)
    server.daemon_threads = True
    server.routes = {}
    server.hits = []
    server.base = f"http://127.0.0.1:{server.server_address[1]}"
    t = threading.Thread(target=server.serve_forever, daemon=True)
    t.start()
    yield server
    server.shutdown()
    server.server_close()


# -- helpers for the tests that start servers, workers and runs -----------------------------
def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop(proc) -> None:
    """Terminate a child process, and kill it if it does not go within 30 s."""
    import subprocess

    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()


def linked_speakers(db) -> list[tuple[str, str]]:
    """(speaker a, speaker b) of every link in the SQLite store at path ``db``."""
    import sqlite3

    con = sqlite3.connect(db)
    try:
        return con.execute("""select a.speaker_name, b.speaker_name from claim_links l
                              join claims a on a.id = l.claim_a_id join claims b on b.id = l.claim_b_id""").fetchall()
    finally:
        con.close()
