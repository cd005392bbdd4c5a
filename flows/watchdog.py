"""Child processes that do not outlive claimlink.

A process killed with SIGKILL (or SIGTERM under Python's default handler) runs no
``finally`` and no ``atexit``: the Prefect servers it started - Prefect's temporary
server, or the ``prefect server start`` of ``claimlink serve`` - would be adopted by PID 1
and keep their port and their memory. Two guards, for the two kinds of children:

- :func:`spawn_watchdog`: for a child whose code is not ours (a Prefect server), a small
  watchdog process, started beside it, that stops it (SIGTERM, then SIGKILL after
  :data:`GRACE` seconds) as soon as the parent that started both is gone, and exits by
  itself when the child exits first;
- :func:`exit_with_parent`: for a process running our code (an extraction worker, the
  flow run of a served deployment), a thread that ends the process when its parent is gone.

Both notice the parent's death by their parent process id changing (the orphan is
re-parented), polled every :data:`POLL` seconds: unlike ``PR_SET_PDEATHSIG``, this does
not fire when the *thread* that started the child ends, and it needs no Linux-only call.

Run as ``python -m claimlink.flows.watchdog PARENT_PID CHILD_PID``.
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import threading
import time

#: Seconds between two looks at the parent.
POLL = 0.5
#: Seconds a Prefect server gets to shut down on SIGTERM (uvicorn finishes its requests and
#: its lifespan) before SIGKILL.
GRACE = 5.0


def spawn_watchdog(child_pid: int) -> subprocess.Popen:
    """Start a watchdog that stops ``child_pid`` when this process dies. The caller waits for
    it with :func:`reap_watchdog` after stopping the child itself."""
    return subprocess.Popen([sys.executable, "-m", "claimlink.flows.watchdog", str(os.getpid()), str(child_pid)],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)


def reap_watchdog(proc: subprocess.Popen, timeout: float = POLL * 4) -> None:
    """Wait for a watchdog whose child has exited (it then exits by itself), else kill it."""
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def exit_with_parent(parent: int, *, poll: float = POLL) -> None:
    """In a child process: end it with ``os._exit`` as soon as ``parent`` is no longer its
    parent, even if the parent was killed with ``kill -9`` and could not stop it."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(poll)
        os._exit(0)

    threading.Thread(target=watch, name="claimlink-parent-watch", daemon=True).start()


def original_parent() -> int:
    """The process that started this one: for a multiprocessing child, the pid its parent
    recorded (right even if that parent is already dead); else the current parent."""
    import multiprocessing

    parent = multiprocessing.parent_process()
    return parent.pid if parent is not None else os.getppid()


def worker_process(parent: int) -> None:
    """Initializer of a worker process (an extraction worker): Ctrl-C is for the parent,
    which shuts its pool down, and the worker ends with the parent (:func:`exit_with_parent`)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    exit_with_parent(parent)


def exit_on_sigterm() -> None:
    """Make SIGTERM end this process with ``SystemExit(143)``, so that ``finally`` blocks
    and ``atexit`` run (and stop the servers it started) as they do on Ctrl-C; Python's
    default SIGTERM ends the process at once. Call from the main thread."""

    def handler(signum, frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, handler)


class _Child:
    """The watched process: through a pidfd where the system has them (no pid reuse, and
    its exit wakes the watchdog at once), else through its pid."""

    def __init__(self, pid: int):
        self.pid = pid
        self.fd = None
        try:
            self.fd = os.pidfd_open(pid)
        except ProcessLookupError:
            raise
        except (AttributeError, OSError):  # not Linux, or an old kernel
            os.kill(pid, 0)  # ProcessLookupError if it is gone already

    def wait(self, timeout: float) -> bool:
        """True once the child has exited; waits up to ``timeout`` seconds."""
        if self.fd is not None:
            return bool(select.select([self.fd], [], [], timeout)[0])
        deadline = time.monotonic() + timeout
        while True:
            try:
                os.kill(self.pid, 0)
            except ProcessLookupError:
                return True
            if time.monotonic() >= deadline:
                return False
            time.sleep(min(0.1, timeout))

    def signal(self, signum: int) -> None:
        try:
            if self.fd is not None:
                signal.pidfd_send_signal(self.fd, signum)
            else:
                os.kill(self.pid, signum)
        except ProcessLookupError:
            pass


def main(argv: list[str]) -> int:
    parent, child_pid = int(argv[0]), int(argv[1])
    # Ctrl-C and a group-wide SIGTERM reach the watchdog too; it must outlive them to guard
    # against the parent dying in the middle of its own clean-up.
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_IGN)
    try:
        child = _Child(child_pid)
    except ProcessLookupError:
        return 0
    while os.getppid() == parent:
        if child.wait(POLL):
            return 0
    child.signal(signal.SIGTERM)
    if not child.wait(GRACE):
        child.signal(signal.SIGKILL)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
