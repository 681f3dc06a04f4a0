"""The order of a night's work: the biggest reading first, each assessment as soon as it is safe.

Reading: the cores stay busy to the end only if the long jobs (multi-page scans) start first and
the short ones (a one-page born-digital form) fill the gaps at the end; started in submission
order, a scan drawn last leaves every other core idle while it is read. The cost of a submission
is estimated from the listing alone (the bytes of its listed files: a scanned page weighs tens of
born-digital pages; an image file is a page to OCR however small), so nothing is read to plan it.
A submission whose files are all unchanged and cached is read by the flow itself, without a task.

Assessment: a verdict depends on the reading of its own files and on the verdicts of the same
applicant's earlier submissions (repeat detection), nothing else. So a submission is assessed
as soon as its reading is done and every earlier submission of the same applicant has been
assessed: the flow's own work overlaps the reading instead of piling up after it, and every
verdict is the one the strict `submitted_at` order would give.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from typing import Protocol, TypeVar

from models.listing import file_cost
from models.verdict import Verdict
from validators.assessment import Parsed

_F = TypeVar("_F")


class _Done(Protocol[_F]):
    def __call__(self, futures: list[_F]) -> Iterable[_F]: ...


def reading_cost(parsed: Parsed) -> float:
    """The estimated cost of reading the submission's listed files, from the listing."""
    if parsed.manifest is None:
        return 0.0
    prefix = f"submissions/{parsed.submission_id}/"
    listed = {d.file for d in parsed.manifest.documents}
    return sum(file_cost(f.key, f.size) for f in parsed.folder.files if f.key.removeprefix(prefix) in listed)


def reading_order(todo: list[Parsed]) -> list[Parsed]:
    """Most expensive first (longest-processing-time first); ties keep `submitted_at` order."""
    return sorted(todo, key=lambda p: -reading_cost(p))


def _applicant(parsed: Parsed) -> str:
    return f"iin:{parsed.manifest.applicant.iin}" if parsed.manifest else f"id:{parsed.submission_id}"


def assessment_order(
    todo: list[Parsed], futures: Mapping[str, _F], as_completed: _Done[_F], ready: Iterable[str] = ()
) -> Iterator[Parsed]:
    """The submissions of `todo` (in `submitted_at` order) as their readings complete (`ready`: read
    already; the others as their futures complete), each only after every earlier submission of the
    same applicant."""
    queues: dict[str, deque[Parsed]] = {}
    for parsed in todo:
        queues.setdefault(_applicant(parsed), deque()).append(parsed)
    by_future = {id(future): sid for sid, future in futures.items()}
    by_id = {p.submission_id: p for p in todo}
    done: set[str] = set()

    def release(sid: str) -> Iterator[Parsed]:
        done.add(sid)
        queue = queues[_applicant(by_id[sid])]
        while queue and queue[0].submission_id in done:
            yield queue.popleft()

    for sid in ready:
        yield from release(sid)
    for future in as_completed(list(futures.values())):
        yield from release(by_future[id(future)])


def known_digests(parsed: Parsed, current: Verdict | None) -> dict[str, str]:
    """The files' sha256 as the current verdict recorded them, when the listing (names, sizes, times)
    is the one that verdict was made from: a reprocess of unchanged files then reads no file to
    hash it, only the cached readings. Any change in the listing gives nothing: every file is read."""
    if current is None or current.input_fingerprint != parsed.folder.fingerprint:
        return {}
    return {d.file: d.sha256 for d in current.documents if d.sha256}
