"""The fingerprint index: what each current verdict was made from, so that a night need not read them all.

An unchanged submission costs the night a listing entry: its listing's fingerprint is compared with
the one the index recorded for its current verdict, and its verdict is read only when they differ.
Two objects in the storage root:

- `index/verdicts.json`, the snapshot: per submission the fingerprint, revision, decision, who
  decided, the applicant's IIN and `submitted_at` of its current verdict, and the `mark`, a time
  before which every publication is reflected in it. A run writes it at its end (atomically, the
  last writer wins); each snapshot is true as of its own mark, so a lost race loses nothing.
- `index/journal/<day>/<time>.<revision>.<id>.<random>`, empty objects created by `publish`
  *before* each history revision is created (so a run killed between the two is seen), by every
  writer: the night, a reprocess, an operator's decision. A night takes the slow way (the verdict
  read, an interrupted publication completed) for every submission journalled since the mark at a
  revision newer than its snapshot entry's.

The mark is the start of the run that wrote the snapshot, less an hour for clocks that disagree.
A snapshot that is missing, unreadable or of another version is rebuilt from the verdicts (every
verdict read once, as every night did before the index). Deleting `index/` is always safe. Every
run prunes the journal at its end (`prune_journal`): the days a week and more before its mark go.
"""

from __future__ import annotations

import json
import logging
import re
import secrets
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

from models.errors import NotFoundError, StorageError
from models.verdict import Decision, Verdict
from storage.objects import Storage

log = logging.getLogger("attest")

SNAPSHOT = "index/verdicts.json"
JOURNAL = "index/journal/"
_VERSION = 1
CLOCK_MARGIN = timedelta(hours=1)  # publishers' clocks may be behind the run's by this much
KEPT = timedelta(days=7)  # the journal before a mark less this is pruned: no run lasts as long
PRUNED_AT_MOST = 10_000  # journal entries a run deletes; a neglected root is caught up over a few nights
_DAY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


class Entry(NamedTuple):
    """One submission's current verdict as the night needs it (a tuple: a year of them stays small)."""

    fingerprint: str | None
    revision: int
    decision: Decision | None
    operator: bool  # decided by an operator (a reprocess keeps it unless forced)
    iin: str | None
    submitted_at: str | None  # ISO, as the verdict has it


NO_VERDICT = Entry(None, 0, None, False, None, None)


def entry_of(verdict: Verdict) -> Entry:
    return Entry(
        verdict.input_fingerprint,
        verdict.revision,
        verdict.decision,
        verdict.decided_by.kind == "operator",
        verdict.applicant_iin,
        verdict.submitted_at,
    )


@dataclass
class Snapshot:
    entries: dict[str, Entry]
    mark: datetime | None  # None: no usable snapshot, every submission takes the slow way


def load_snapshot(storage: Storage) -> Snapshot:
    """The snapshot, or an empty one (mark None) when missing, unreadable or of another version."""
    try:
        raw = storage.read(SNAPSHOT)
    except NotFoundError:
        return Snapshot({}, None)
    try:
        data = json.loads(raw)
        if data.get("version") != _VERSION:
            raise ValueError(f"version {data.get('version')!r}")
        mark = datetime.fromisoformat(data["mark"])
        entries = {sid: Entry(*row) for sid, row in data["entries"].items()}
    except (ValueError, KeyError, TypeError) as exc:
        log.warning("verdict index unreadable (%s); rebuilding it from the verdicts", exc)
        return Snapshot({}, None)
    return Snapshot(entries, mark)


def save_snapshot(storage: Storage, entries: Iterable[tuple[str, Entry]], started: datetime) -> datetime:
    """Write the snapshot of a run that started at `started` (its publications are in `entries`); its mark."""
    rows = {sid: list(e) for sid, e in entries if e.revision > 0}
    mark = (started - CLOCK_MARGIN).astimezone(UTC)
    body = json.dumps(
        {"version": _VERSION, "mark": mark.isoformat(), "entries": rows}, ensure_ascii=False, separators=(",", ":")
    )
    storage.write(SNAPSHOT, body.encode())
    return mark


def journal(storage: Storage, submission_id: str, revision: int, now: datetime | None = None) -> None:
    """Say, before history revision `revision` is created, that it is about to be."""
    when = (now or datetime.now(UTC)).astimezone(UTC)
    name = f"{when:%H%M%S%f}.{revision:06d}.{submission_id}.{secrets.token_hex(3)}"
    storage.create(f"{JOURNAL}{when:%Y-%m-%d}/{name}", b"")


def journalled_since(storage: Storage, mark: datetime) -> Iterator[tuple[str, int]]:
    """(submission id, revision) of every publication journalled at or after `mark`."""
    mark = mark.astimezone(UTC)
    first_day, first_time = f"{mark:%Y-%m-%d}", f"{mark:%H%M%S%f}"
    for day in storage.children(JOURNAL):
        if day < first_day:
            continue
        for name in storage.children(f"{JOURNAL}{day}/"):
            parts = name.split(".")
            if len(parts) != 4 or not parts[1].isdigit() or (day == first_day and parts[0] < first_time):
                continue
            yield parts[2], int(parts[1])


def to_recheck(storage: Storage, snapshot: Snapshot) -> set[str]:
    """The submissions whose snapshot entry may be behind their history (empty without a snapshot:
    then every submission is rechecked anyway)."""
    if snapshot.mark is None:
        return set()
    return {
        sid
        for sid, revision in journalled_since(storage, snapshot.mark)
        if revision > snapshot.entries.get(sid, NO_VERDICT).revision
    }


def prune_journal(storage: Storage, mark: datetime, at_most: int = PRUNED_AT_MOST) -> int:
    """Delete the journal's day folders that end before `mark` less `KEPT`, oldest first, at most
    `at_most` entries; how many went. `mark` is that of a snapshot in storage (written or loaded by
    this run). A failure to delete is a warning: the journal waits for the next night.

    Why it is safe, with any number of runs at once: `to_recheck` ignores every entry before the mark
    of the snapshot it loads (whatever was published before a mark is in that snapshot), so deleting
    entries before every mark a snapshot may yet have is invisible. The snapshot in storage has `mark`,
    or is replaced by another run's: one that starts later has a later mark; one already running may
    write last and win with an earlier mark, but it started less than a week ago (no run lasts a week),
    so its mark is after now less `KEPT` and an hour, and so after `mark` less `KEPT` (a mark is its
    run's start less an hour, never after now). A missing snapshot has every submission rechecked.
    """
    before = f"{(mark - KEPT).astimezone(UTC):%Y-%m-%d}"  # a day before this one ends before mark - KEPT
    keys: list[str] = []
    try:
        for day in storage.children(JOURNAL):
            if day >= before or len(keys) >= at_most:
                break  # the names are sorted: the rest are later
            if not _DAY.match(day):
                continue  # not one of ours: left alone
            for info in storage.iter_objects(f"{JOURNAL}{day}/"):
                keys.append(info.key)
                if len(keys) >= at_most:
                    break
        storage.delete(keys)
    except StorageError as exc:  # unreachable, refused (permissions): not a night's failure
        log.warning("the verdict index's journal was not pruned (%s); the next run tries again", exc)
        return 0
    if keys:
        log.info("pruned %d journal entries of the verdict index before %s", len(keys), before)
    return len(keys)
