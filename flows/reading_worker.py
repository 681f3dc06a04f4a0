"""The start of a reading worker process, in a module that imports nothing.

A spawned worker imports the module of every function it is handed; the pool's initializer lives
here, and the reading itself in `extractors.interpret`, so a worker loads the readers and nothing
of the flow (Prefect, storage, validators).
"""

import os


def start_worker() -> None:
    """The worker is an edge process of ours: Tesseract must not spawn threads per core."""
    os.environ["OMP_THREAD_LIMIT"] = "1"
