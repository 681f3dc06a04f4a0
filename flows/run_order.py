"""The order of a night's work: the biggest reading first, each assessment as soon as it is safe.

Reading: the cores stay busy to the end only if the long jobs (multi-page scans) start first and
the short ones (a one-page born-digital form) fill the gaps at the end; started in submission
order, a scan drawn last leaves every other core idle while it is read. The cost of a submission
is estimated from the listing alone (the bytes of its listed files: a scanned page weighs tens of
born-digital pages; an image file is a page to OCR however small), so nothing is read to plan it.

Assessment: a verdict depends on the reading of its own files and on the verdicts of the same
applicant's earlier submissions (repeat detection), nothing else. So a submission is handed to a
worker as soon as every earlier submission of the same applicant is settled: the workers assess
and publish side by side, and every verdict is the one the strict `submitted_at` order would give.
"""

from __future__ import annotations

import heapq
from collections import deque
from typing import Generic, Protocol, TypeVar

from models.listing import file_cost
from validators.assessment import Parsed


class _Queued(Protocol):
    @property
    def submission_id(self) -> str: ...
    @property
    def applicant(self) -> str: ...
    @property
    def cost(self) -> float: ...
    @property
    def sort_key(self) -> tuple[float, str]: ...


_T = TypeVar("_T", bound=_Queued)


def reading_cost(parsed: Parsed) -> float:
    """The estimated cost of reading the submission's listed files, from the listing."""
    if parsed.manifest is None:
        return 0.0
    prefix = f"submissions/{parsed.submission_id}/"
    listed = {d.file for d in parsed.manifest.documents}
    return sum(file_cost(f.key, f.size) for f in parsed.folder.files if f.key.removeprefix(prefix) in listed)


class ApplicantOrder(Generic[_T]):
    """The submissions of a night (given in `submitted_at` order) as they may be settled: each only
    when every earlier submission of its applicant is settled, the most expensive first among those
    that may go (longest-processing-time first; ties keep `submitted_at` order)."""

    def __init__(self, todo: list[_T]) -> None:
        self._ready: list[tuple[float, tuple[float, str], _T]] = []
        self._waiting: dict[str, deque[_T]] = {}  # only applicants with a submission waiting: a few
        heads: set[str] = set()
        for item in todo:
            if item.applicant in heads:
                self._waiting.setdefault(item.applicant, deque()).append(item)
            else:
                heads.add(item.applicant)
                self._ready.append(self._key(item))
        heapq.heapify(self._ready)

    @staticmethod
    def _key(item: _T) -> tuple[float, tuple[float, str], _T]:
        return (-item.cost, item.sort_key, item)

    def __len__(self) -> int:
        """How many may go now."""
        return len(self._ready)

    def next(self) -> _T:
        """The most expensive of those that may go now."""
        return heapq.heappop(self._ready)[2]

    def settled(self, item: _T) -> None:
        """`item` is settled (or given up): the applicant's next submission may go."""
        queue = self._waiting.get(item.applicant)
        if queue:
            heapq.heappush(self._ready, self._key(queue.popleft()))
            if not queue:
                del self._waiting[item.applicant]
