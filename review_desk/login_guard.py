"""What a login may cost the desk, and who can be locked out by whom.

Each password check is scrypt at 32 MiB: at most `HASH_SLOTS` run at once, so thirty concurrent
wrong logins cost the memory of two, and a login that finds no slot within `HASH_WAIT_S` is told to
try again. Failed logins are counted per client address and user, and per address: five wrong
passwords from one address lock that address out of that user, never the user out of the desk, so
an anonymous caller cannot lock a named operator out from elsewhere. Counters are bounded: long
user names are counted by their hash, and the table keeps at most `MAX_KEYS` entries (expired ones
first, then the oldest go).
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict

HASH_SLOTS = 2
HASH_WAIT_S = 10.0
MAX_FAILURES = 5  # per address and user, in the window
MAX_ADDRESS_FAILURES = 30  # per address, whatever the user names
FAILURE_WINDOW_S = 15 * 60
MAX_KEYS = 10_000
_MAX_KEY_PART = 64


class LoginBusy(Exception):
    """Every password-check slot stayed taken for the whole wait."""


def _part(text: str) -> str:
    """A key part of bounded size: long text (a 64 KB "user name") is counted by its hash."""
    return text if len(text) <= _MAX_KEY_PART else "sha256:" + hashlib.sha256(text.encode()).hexdigest()


class FailureLog:
    """Recent failures per key, in a table of bounded size."""

    def __init__(self, window_s: float = FAILURE_WINDOW_S, max_keys: int = MAX_KEYS) -> None:
        self.window_s = window_s
        self.max_keys = max_keys
        self._times: OrderedDict[tuple[str, ...], list[float]] = OrderedDict()
        self._lock = threading.Lock()

    def count(self, key: tuple[str, ...], now: float) -> int:
        with self._lock:
            return len(self._recent(key, now))

    def add(self, key: tuple[str, ...], now: float) -> None:
        with self._lock:
            self._times[key] = [*self._recent(key, now), now]
            self._times.move_to_end(key)
            if len(self._times) > self.max_keys:
                for old in [k for k, times in self._times.items() if not any(now - t < self.window_s for t in times)]:
                    del self._times[old]
            while len(self._times) > self.max_keys:
                self._times.popitem(last=False)

    def clear(self, key: tuple[str, ...]) -> None:
        with self._lock:
            self._times.pop(key, None)

    def __len__(self) -> int:
        return len(self._times)

    def _recent(self, key: tuple[str, ...], now: float) -> list[float]:
        return [t for t in self._times.get(key, []) if now - t < self.window_s]


class LoginGuard:
    """Counts failures by address, and bounds how many password checks run at once."""

    def __init__(self, hash_slots: int = HASH_SLOTS, hash_wait_s: float = HASH_WAIT_S) -> None:
        self.failures = FailureLog()
        self.hash_wait_s = hash_wait_s
        self._slots = threading.BoundedSemaphore(hash_slots)

    @staticmethod
    def keys(address: str, user: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        return ("user", _part(address), _part(user)), ("address", _part(address))

    def locked(self, address: str, user: str, now: float) -> bool:
        pair, whole = self.keys(address, user)
        return self.failures.count(pair, now) >= MAX_FAILURES or self.failures.count(whole, now) >= MAX_ADDRESS_FAILURES

    def failed(self, address: str, user: str, now: float) -> None:
        for key in self.keys(address, user):
            self.failures.add(key, now)

    def succeeded(self, address: str, user: str) -> None:
        self.failures.clear(self.keys(address, user)[0])

    def hashing(self) -> _Slot:
        return _Slot(self._slots, self.hash_wait_s)


class _Slot:
    def __init__(self, slots: threading.BoundedSemaphore, wait_s: float) -> None:
        self._slots = slots
        self._wait_s = wait_s

    def __enter__(self) -> None:
        if not self._slots.acquire(timeout=self._wait_s):
            raise LoginBusy("too many logins at once; try again in a moment")

    def __exit__(self, *exc: object) -> None:
        self._slots.release()
