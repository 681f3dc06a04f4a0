"""Reading spread over a Dask cluster: the path beyond one machine.

The nightly flow hands documents to an executor; on one machine that is a process pool, with
`ATTEST_DASK_ADDRESS` set it is a Dask cluster's executor, so OCR runs on every worker of the
cluster while checks and writes stay with the flow. Each Dask worker should run one thread per
process (`--nthreads 1`) with `OMP_THREAD_LIMIT=1`, as Tesseract wants.
"""

from __future__ import annotations

from concurrent.futures import Executor
from typing import Any

from workers.in_flight import InFlight


class DaskExecutor(Executor):
    """A concurrent.futures view of a Dask client that also closes the client on shutdown."""

    def __init__(self, address: str) -> None:
        from distributed import Client

        self._client = Client(address, set_as_default=False, timeout="30s")
        self._executor = self._client.get_executor(pure=False)
        self.in_flight = InFlight()  # the bytes the flow holds for the cluster (`workers.in_flight`)

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Any:
        return self._executor.submit(fn, *args, **kwargs)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self._executor.shutdown(wait=wait)
        self._client.close()
