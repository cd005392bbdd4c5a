"""Whole runs on two Dask workers: the per-host spacing holds across the workers' processes,
and neither ``claimlink run`` nor ``claimlink bench pipeline`` prints a traceback when its
cluster shuts down."""

import functools
import gzip
import json
import os
import subprocess
import sys
import threading
import time

import psutil
import pytest

from claimlink.flows.demo import DemoSite
from tests.conftest import ROOT
from tests.proctree import EXITING, Watched
from tests.test_resume import _env, _run

#: Seconds between two requests to one host in the politeness run.
DELAY = 1.0
#: What a gap may fall short of DELAY: the time between a fetcher's turn being granted and
#: its request reaching the site differs a little between two processes on a busy machine.
#: Unpaced workers would send requests at once: gaps near 0.
SLACK = 0.3

pytestmark = [pytest.mark.dask, pytest.mark.prefect, pytest.mark.model]


class _RecordingSite(DemoSite):
    """The demo site, recording (time, path, id of the requesting process) for every request."""

    def __init__(self):
        super().__init__(port=0)
        self.requests: list[tuple[float, str, int | None]] = []
        lock = threading.Lock()
        requests = self.requests
        base = self.server.RequestHandlerClass  # functools.partial(handler class, directory=...)

        class Recording(base.func):
            def parse_request(self):
                when = time.monotonic()
                ok = super().parse_request()
                pid = _client_pid(self.client_address)
                with lock:
                    requests.append((when, self.path, pid))
                return ok

        self.server.RequestHandlerClass = functools.partial(Recording, *base.args, **base.keywords)


def _client_pid(address) -> int | None:
    """The process that owns the client end of a loopback connection (the tests run as root,
    or as the user who started the run, so its sockets are visible)."""
    for conn in psutil.net_connections(kind="tcp4"):
        if conn.laddr and (conn.laddr.ip, conn.laddr.port) == tuple(address) and conn.pid != os.getpid():
            return conn.pid
    return None


@pytest.fixture(scope="module")
def paced_run(tmp_path_factory):
    """``claimlink run`` on a local cluster of two Dask workers, one article per batch, hosts
    paced at DELAY seconds: (the site's requests, the run's pid, stdout, stderr)."""
    tmp = tmp_path_factory.mktemp("paced")
    with _RecordingSite() as site:
        sources = tmp / "sources.toml"
        sources.write_text(site.sources_toml())
        with _run(tmp, sources, f"sqlite:///{tmp / 'paced.db'}", "paced", CLAIMLINK_WORKERS="2",
                  CLAIMLINK_BATCH_SIZE="1", CLAIMLINK_HOST_DELAY=str(DELAY)) as run:
            out, err = run.proc.communicate(timeout=900)
            assert run.proc.returncode == 0, out + err
            assert run.survivors(EXITING) == []
        return sorted(site.requests), run.proc.pid, out, err


def test_two_workers_fetching_from_one_host_keep_its_spacing(paced_run):
    requests, flow_pid, _, _ = paced_run
    pages = [(when, pid) for when, path, pid in requests if path.endswith(".html")]
    assert len(pages) == 5
    workers = {pid for _, pid in pages}
    # the articles were fetched by two processes other than the flow's: the Dask workers
    assert len(workers) == 2 and None not in workers and flow_pid not in workers
    times = [when for when, _, _ in requests]  # every request to the host: feed, robots.txt, pages
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert min(gaps) >= DELAY - SLACK, [round(g, 2) for g in gaps]


def test_a_run_on_two_workers_shuts_down_without_a_traceback(paced_run):
    _, _, out, err = paced_run
    assert "Traceback" not in err and "CommClosedError" not in err, err
    assert "5 articles" in out


def _aeb_folder(root):
    """A small folder in the AEB layout (``html/<key>.html.gz``, ``ground-truth.json``) made
    of the demo site's pages, which are AEB pages (demo/site/AEB-LICENSE)."""
    site = ROOT / "demo" / "site"
    (root / "html").mkdir(parents=True)
    truth = {}
    for n, page in enumerate(sorted(site.glob("*.html"))):
        key = f"{n:04d}"
        (root / "html" / f"{key}.html.gz").write_bytes(gzip.compress(page.read_bytes()))
        truth[key] = {"url": f"https://example.org/{page.stem}", "articleBody": ""}
    (root / "ground-truth.json").write_text(json.dumps(truth))
    return root


def test_the_pipeline_bench_on_two_workers_prints_its_figures_without_a_traceback(tmp_path):
    env = _env(tmp_path, f"sqlite:///{tmp_path / 'unused.db'}", "bench", CLAIMLINK_BATCH_SIZE="3")
    with Watched([sys.executable, "-m", "claimlink.flows.cli", "bench", "pipeline", "--aeb",
                  str(_aeb_folder(tmp_path / "aeb")), "--pages", "12", "--json"], cwd=ROOT, env=env,
                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as run:
        out, err = run.proc.communicate(timeout=900)
        assert run.proc.returncode == 0, out + err
        assert run.survivors(EXITING) == []
    assert "Traceback" not in err and "CommClosedError" not in err, err
    assert "distributed." not in err, err  # the scheduler runs in the bench's process: its logs stay quiet
    figures = json.loads(out)
    assert figures["1_worker_articles_stored"] == figures["2_workers_articles_stored"] == 12
    assert figures["1_worker_claims_stored"] == figures["2_workers_claims_stored"] > 0
    assert len(figures["2_workers_peak_memory_mb_per_worker"].split(", ")) == 2
    assert len(figures["2_workers_load_average"].split(", ")) == 3
