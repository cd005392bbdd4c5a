"""Login throttling for the review desk: back-off per account and per address, and a bound
on the argon2 computations running at once.

Each failed login counts against the account name and against the client address. The
first ``free`` failures of a key cost nothing; every further one locks the key for
``base`` seconds doubled per failure, up to ``cap``. While a key is locked, a login
attempt is refused before any password is hashed. A success clears the account's count
(not the address's: one valid account must not reset an attacker's address). A key with
no failure for ``forget`` seconds starts afresh; at most ``max_keys`` keys are kept, the
stalest dropped first, so a flood of names cannot grow memory without bound.

An argon2 hash costs about 64 MiB: ``hash_slots`` of them run at once, and a login that
waits longer than ``hash_wait`` seconds for a slot is told the desk is busy.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable, Iterator

from claimlink.errors import ClaimlinkError


@dataclass(frozen=True)
class ThrottleOptions:
    free: int = 5            # failures per key before back-off starts
    base: float = 1.0        # seconds of the first lock; doubled per further failure
    cap: float = 900.0       # longest lock, seconds
    forget: float = 3600.0   # seconds without failure after which a key starts afresh
    max_keys: int = 10_000
    hash_slots: int = 2      # argon2 computations at once
    hash_wait: float = 10.0  # seconds a login waits for a slot


class Busy(ClaimlinkError):
    """Every hash slot stayed taken for ``hash_wait`` seconds."""

    code = "E621"


@dataclass
class _Record:
    failures: int
    last: float
    locked_until: float


class LoginThrottle:
    def __init__(self, options: ThrottleOptions = ThrottleOptions(),
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.options = options
        self.clock = clock
        self._records: OrderedDict[tuple[str, str], _Record] = OrderedDict()
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(options.hash_slots)

    def __len__(self) -> int:
        """Keys (accounts and addresses) with failures held."""
        return len(self._records)

    def retry_after(self, account: str, address: str) -> float:
        """Seconds until a login for ``account`` from ``address`` is accepted again (0: now)."""
        now = self.clock()
        with self._lock:
            waits = [rec.locked_until - now for rec in map(self._records.get, _keys(account, address))
                     if rec is not None and now - rec.last < self.options.forget]
        return max([0.0, *waits])

    def failed(self, account: str, address: str) -> None:
        now, o = self.clock(), self.options
        with self._lock:
            for key in _keys(account, address):
                rec = self._records.pop(key, None)
                if rec is None or now - rec.last >= o.forget:
                    rec = _Record(0, now, now)
                rec.failures += 1
                rec.last = now
                if rec.failures > o.free:
                    rec.locked_until = now + min(o.cap, o.base * 2 ** (rec.failures - o.free - 1))
                self._records[key] = rec
            while len(self._records) > o.max_keys:
                self._records.popitem(last=False)

    def succeeded(self, account: str) -> None:
        with self._lock:
            self._records.pop(("account", account), None)

    @contextmanager
    def hash_slot(self) -> Iterator[None]:
        """Hold one of the ``hash_slots`` while an argon2 hash is computed."""
        if not self._slots.acquire(timeout=self.options.hash_wait):
            raise Busy
        try:
            yield
        finally:
            self._slots.release()


def _keys(account: str, address: str) -> tuple[tuple[str, str], ...]:
    return ("account", account), ("address", address)
