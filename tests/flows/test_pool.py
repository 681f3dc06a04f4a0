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


def test_a_reading_worker_loads_the_readers_and_nothing_of_the_flow() -> None:
    """Each worker pays its own imports: Prefect, storage or the validators there would be waste."""
    from extractors.interpret import read_and_interpret

    pool = make_pool(Settings(workers=1))
    try:
        reading = pool.submit(read_and_interpret, "a.pdf", "essay", b"%PDF-1.4 not really", Settings()).result(60)
        assert reading.extracted.unreadable is not None
        loaded = pool.submit(eval, "sorted(__import__('sys').modules)").result(60)
        assert "extractors.pdf" in loaded and "extractors.interpret" in loaded
        assert not [m for m in loaded if m.split(".")[0] in ("prefect", "validators", "jsonschema", "minio")]
        assert not [m for m in loaded if m.startswith("flows.") and m != "flows.reading_worker"]
    finally:
        close_pool(pool)
