"""Which processes a command started, and which of them are still alive: read from /proc
(Linux), by process id, parent, session and start time - never by name.

A process is known by (pid, start time), so a recycled pid is not mistaken for it.
:class:`Watched` starts a command in a new session (so it is its own process group) and
records every descendant it sees, several times a second: a process that was orphaned
(re-parented to PID 1) is still known by its recorded id, and by its session.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import threading
import time
from dataclasses import dataclass

from claimlink.flows.watchdog import GRACE, POLL

#: Seconds that a command's children get to exit after it has exited by itself.
EXITING = 5
#: ... and after it was killed with SIGKILL: the watchdog's poll, the server's grace
#: period before its SIGKILL, and a margin for a loaded machine.
ORPHANED = POLL + GRACE + 10


@dataclass(frozen=True)
class Proc:
    pid: int
    ppid: int
    pgid: int
    sid: int
    state: str
    start: int  # clock ticks after boot

    @property
    def key(self) -> tuple[int, int]:
        return self.pid, self.start

    @property
    def alive(self) -> bool:
        return self.state not in ("Z", "X")  # a zombie has exited; its parent has not reaped it yet

    def args(self) -> str:
        try:
            with open(f"/proc/{self.pid}/cmdline", "rb") as f:
                return f.read().replace(b"\0", b" ").decode(errors="replace").strip()
        except OSError:
            return "?"


def read(pid: int) -> Proc | None:
    try:
        with open(f"/proc/{pid}/stat") as f:
            stat = f.read()
    except OSError:
        return None
    # the name (field 2) is in parentheses and may hold spaces: split after its last ')'
    fields = stat[stat.rindex(")") + 2:].split()
    return Proc(pid, int(fields[1]), int(fields[2]), int(fields[3]), fields[0], int(fields[19]))


def snapshot() -> dict[int, Proc]:
    procs = {}
    for name in os.listdir("/proc"):
        if name.isdigit() and (p := read(int(name))) is not None:
            procs[p.pid] = p
    return procs


def descendants(root: int, procs: dict[int, Proc]) -> list[Proc]:
    children: dict[int, list[Proc]] = {}
    for p in procs.values():
        children.setdefault(p.ppid, []).append(p)
    found, todo = [], [root]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child.pid)
    return found


def still_alive(keys) -> list[Proc]:
    """The processes of ``keys`` ((pid, start) pairs) that are alive now."""
    alive = []
    for pid, start in keys:
        p = read(pid)
        if p is not None and p.start == start and p.alive:
            alive.append(p)
    return alive


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class Watched:
    """``subprocess.Popen(cmd, start_new_session=True, ...)`` whose descendants are recorded
    until :meth:`survivors` is asked."""

    def __init__(self, cmd: list[str], *, interval: float = 0.2, **popen):
        # SIGINT back to its default, as for a command typed at a terminal: a shell that
        # starts a job in the background (`make test &`, some CI runners) ignores SIGINT
        # in it, the ignore is inherited, and Python then installs no Ctrl-C handler.
        self.proc = subprocess.Popen(cmd, start_new_session=True, preexec_fn=_default_sigint, **popen)
        self.root = read(self.proc.pid)
        self.seen: dict[tuple[int, int], Proc] = {}
        self._interval = interval
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._record, daemon=True)
        self._thread.start()

    def __enter__(self) -> "Watched":
        return self

    def __exit__(self, *exc) -> None:
        """A test that failed half-way leaves nothing running either."""
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        self._done.set()
        kill(still_alive(self.seen))

    def _record(self) -> None:
        while True:
            self.sample()
            if self._done.wait(self._interval):
                return

    def sample(self) -> list[Proc]:
        """Record the descendants and session members alive now, and return them."""
        procs = snapshot()
        now = [p for p in descendants(self.proc.pid, procs) if p.alive]
        now += [p for p in procs.values() if p.sid == self.proc.pid and p.pid != self.proc.pid and p.alive
                and p not in now]
        for p in now:
            self.seen.setdefault(p.key, p)
        return now

    def wait_for(self, predicate, timeout: float, what: str) -> list[Proc]:
        """Wait until ``predicate(descendants alive now)`` holds (the command must not end)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, f"the command ended ({self.proc.returncode}) before {what}"
            now = self.sample()
            if predicate(now):
                return now
            time.sleep(self._interval)
        raise AssertionError(f"no {what} within {timeout:.0f}s")

    def signal(self, signum: int, *, group: bool = False) -> None:
        """Send ``signum`` to the command (or to its whole process group, as Ctrl-C does)."""
        if group:
            os.killpg(self.proc.pid, signum)
        else:
            self.proc.send_signal(signum)

    def survivors(self, timeout: float) -> list[Proc]:
        """After the command has ended: every process it started that is still alive after
        ``timeout`` seconds (an empty list once they are all gone). Survivors are then killed,
        so a failing test leaves nothing behind either."""
        self.proc.wait(timeout=600)
        self.sample()  # anything started in the last interval
        self._done.set()
        self._thread.join()
        deadline = time.monotonic() + timeout
        while True:
            session = [p for p in snapshot().values() if p.sid == self.proc.pid and p.alive]
            alive = {p.key: p for p in still_alive(self.seen) + session}
            if not alive or time.monotonic() >= deadline:
                break
            time.sleep(0.2)
        described = [f"{p.pid} (parent {p.ppid}): {p.args()}" for p in alive.values()]
        kill(alive.values())
        return described


def kill(procs) -> None:
    """SIGKILL each of ``procs`` that is still the same process (same pid and start time)."""
    for p in procs:
        now = read(p.pid)
        if now is not None and now.start == p.start:
            with contextlib.suppress(ProcessLookupError):
                os.kill(p.pid, signal.SIGKILL)


def own_descendants() -> set[tuple[int, int]]:
    """Keys of the live descendants of this process."""
    return {p.key for p in descendants(os.getpid(), snapshot()) if p.alive}


def left_behind(me: Proc, *, exclude=(), timeout: float) -> list[Proc]:
    """Processes that ``me`` (this process) started and that are alive ``timeout`` seconds from
    now (or sooner, once there are none): its descendants, and the orphans of its process
    group started after it (re-parented to PID 1; a process of the group whose parent is one
    of ``me``'s ancestors, like the ``tee`` of ``pytest | tee``, is not ``me``'s)."""
    deadline = time.monotonic() + timeout
    while True:
        procs = snapshot()
        ancestors, p = set(), procs.get(me.ppid)
        while p is not None and p.pid > 1 and p.pid not in ancestors:
            ancestors.add(p.pid)
            p = procs.get(p.ppid)
        mine = {p.key: p for p in descendants(me.pid, procs)}
        mine.update((p.key, p) for p in procs.values()
                    if p.pgid == me.pgid and p.start >= me.start and p.pid != me.pid and p.ppid not in ancestors)
        alive = [p for p in mine.values() if p.alive and p.pid not in exclude]
        if not alive or time.monotonic() >= deadline:
            return alive
        time.sleep(0.5)
