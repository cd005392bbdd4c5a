"""Progress bars per stage (rich), shown in a terminal for a one-off `claimlink run`.

The flow reports through the context variable :data:`current`, so no progress object
travels as a flow parameter (Prefect would try to serialise it).
"""

from __future__ import annotations

import contextvars
import sys
import time

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

current: contextvars.ContextVar["StageProgress | None"] = contextvars.ContextVar("claimlink_progress", default=None)

LABELS = {"sources": "Reading sources", "articles": "Fetching and extracting articles", "linking": "Linking claims"}


class StageProgress:
    def __init__(self, enabled: bool = True):
        self.enabled = enabled
        self._progress = Progress(TextColumn("{task.description:<34}"), BarColumn(), MofNCompleteColumn(),
                                  TimeElapsedColumn(), transient=False) if enabled else None
        self._tasks: dict[str, int] = {}
        self._token = None

    def __enter__(self) -> "StageProgress":
        if self._progress is not None:
            self._progress.start()
        self._token = current.set(self)
        return self

    def __exit__(self, *exc) -> None:
        current.reset(self._token)
        if self._progress is not None:
            self._progress.stop()

    def start(self, stage: str, total: int) -> None:
        if self._progress is not None:
            self._tasks[stage] = self._progress.add_task(LABELS.get(stage, stage), total=max(total, 0))

    def advance(self, stage: str, n: int = 1) -> None:
        if self._progress is not None and stage in self._tasks:
            self._progress.advance(self._tasks[stage], n)


class LineProgress(StageProgress):
    """Progress as plain lines on stderr, for long work whose stderr is not a terminal
    (a CI log): one line when a stage starts, then at most one every ``every`` seconds,
    and one when it completes."""

    def __init__(self, every: float = 30.0, stream=None):
        super().__init__(enabled=False)
        self.every = every
        self.stream = stream
        self._counts: dict[str, list] = {}

    def start(self, stage: str, total: int) -> None:
        self._counts[stage] = [0, max(total, 0), time.monotonic(), time.monotonic()]
        self._line(stage)

    def advance(self, stage: str, n: int = 1) -> None:
        c = self._counts.get(stage)
        if c is None:
            return
        c[0] += n
        now = time.monotonic()
        if c[0] >= c[1] or now - c[3] >= self.every:
            c[3] = now
            self._line(stage)

    def _line(self, stage: str) -> None:
        done, total, began, _ = self._counts[stage]
        print(f"{LABELS.get(stage, stage)}: {done}/{total} ({time.monotonic() - began:.0f} s)",
              file=self.stream or sys.stderr, flush=True)


class NoProgress:
    def start(self, stage: str, total: int) -> None:
        pass

    def advance(self, stage: str, n: int = 1) -> None:
        pass


def get() -> "StageProgress | NoProgress":
    return current.get() or NoProgress()
