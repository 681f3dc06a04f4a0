"""The reading pool never makes the night wait for a worker stuck past its time limit."""

from __future__ import annotations

import time
from concurrent.futures import TimeoutError as FutureTimeout

import pytest

from flows.document_reading import close_pool, make_pool
from models.settings import Settings


def test_close_pool_stops_a_stuck_worker() -> None:
    pool = make_pool(Settings(workers=1))
    future = pool.submit(time.sleep, 120)
    with pytest.raises(FutureTimeout):
        future.result(timeout=2)
    processes = list(pool._processes.values())  # type: ignore[attr-defined]
    assert processes and all(p.is_alive() for p in processes)
    started = time.monotonic()
    close_pool(pool)
    assert time.monotonic() - started < 15
    for process in processes:
        process.join(timeout=5)
        assert not process.is_alive()
