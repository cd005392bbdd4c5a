"""Running the nightly flow in-process without a Prefect server, quietly.

Prefect starts a temporary server for the first flow run and stops it at interpreter
exit; the stop prints ``CancelledError`` tracebacks that are noise to a user. The runner
stops that server itself, with stderr filtered, once the flow is done.
"""

from __future__ import annotations

import contextlib
import gc
import io
import logging
import sys

from claimlink.models import check_store, make_engine
from claimlink.settings import Settings

from .prefect_env import api_url, configure, guard_temporary_server


class _FilteredStderr(io.TextIOBase):
    """Drop Prefect's shutdown tracebacks; pass every other line through."""

    NOISE = ("CancelledError", "asyncio.exceptions", "Traceback (most recent call last)", "anyio", "uvicorn",
             "starlette", "  File ", "    ", "^^^", "During handling", "The above exception",
             "Exception during reset or similar")

    def __init__(self, target):
        self.target = target

    def write(self, text: str) -> int:
        for line in text.splitlines(keepends=True):
            if line.startswith("Traceback") or any(line.startswith(n) for n in self.NOISE):
                continue
            self.target.write(line)
        return len(text)

    def flush(self) -> None:
        self.target.flush()


def run_quietly(settings: Settings, *, batch_size: int | None = None, verbose: bool = False):
    """Run :func:`claimlink.flows.nightly.nightly` once and return its summary.

    Progress goes to the :class:`~claimlink.flows.progress.StageProgress` the caller
    entered, if any (a context variable, not an argument: Prefect would serialise it).

    User mistakes (missing sources file, unmigrated or unreachable store, no model) are
    found before the flow starts, so they come back as one clear error.
    """
    # Lazy: claimlink.extractors loads spaCy when imported, and the CLI imports this module
    # for every command.
    from claimlink.extractors.nlp import resolve_model_name
    from claimlink.extractors.sources import load_sources

    from .parallel import check_cluster

    check_cluster(settings)
    load_sources(settings.sources_file)
    engine = make_engine(settings.database_url)
    try:
        check_store(engine)
    finally:
        engine.dispose()
    resolve_model_name(settings.spacy_model or None)

    configure(verbose)
    if not api_url():
        guard_temporary_server()  # Prefect's temporary server dies with this process
    # Lazy, after configure(): the flow module imports prefect, which reads its settings
    # once, at import.
    from .nightly import nightly

    if not verbose:
        # Prefect logs a failed flow or task at ERROR with the whole traceback; the CLI
        # reports that failure itself, in one line (-v shows Prefect's logs).
        logging.getLogger("prefect").setLevel(logging.CRITICAL)
        logging.getLogger("distributed").setLevel(logging.ERROR)
    try:
        return nightly(settings=settings, batch_size=batch_size)
    finally:
        stop_ephemeral_server()


def stop_ephemeral_server() -> None:
    """Stop Prefect's temporary server now, so its shutdown noise is filtered.

    Database connections that the flow's tasks left to the garbage collector are
    finalised here too (a rollback), rather than at interpreter exit in a Prefect thread
    that is being cancelled, where SQLAlchemy would print the failed reset."""
    real = sys.stderr
    sys.stderr = _FilteredStderr(real)
    try:
        gc.collect()
        with contextlib.suppress(Exception):
            # Lazy: only a process that ran a flow (and so imported prefect) gets here.
            from prefect.server.api.server import SubprocessASGIServer

            server = SubprocessASGIServer._instances.get(None) if hasattr(SubprocessASGIServer, "_instances") else None
            if server is None:
                for inst in list(getattr(SubprocessASGIServer, "_instances", {}).values()):
                    inst.stop()
            else:
                server.stop()
    finally:
        sys.stderr = real
