"""The cross-submission index: every submission's essay and personal documents of one academic year, so
that one submission is compared with the whole year without reading the year again.

Layout, under the storage root (contract §1 leaves `cross-index/` to the pipeline):

    cross-index/<year>/log/<YYYY-MM-DD>/<UTC stamp>-<id>-<input digest>.json   one entry per reading
    cross-index/<year>/snapshot/<n>.json                                       the log folded, now and then

Both are *created*, never replaced (`Storage.create`: `If-None-Match: *` on S3, a hard link on a
folder), so two runs at once can never overwrite each other's entries: each adds its own, and a
snapshot number taken by another run just means that run folded the log first. A reader takes the
newest snapshot and the log's entries since (the snapshot lists the entries of its last two days
it holds; older days are wholly inside it, as an entry is named by the clock of the run that
creates it at once). Nothing is kept between processes: a worker process opens the index from its
storage and refreshes its copy on every call (one listing of the last days).

Races: each submission is recorded, and the log listed again, *before* it is compared, so of two
duplicates assessed at the same moment by two runs (or two workers of one night), the later
comparison sees the other's record; the earlier one is flagged when it is next assessed.

If the index is lost (or cross-checks are switched on mid-year), `workers.cross_checks` builds it again
from the current verdicts and the readings cached for them.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import numpy as np

from models.cross_submission import CrossMatches, DocumentMatch, EssayMatch
from models.errors import NotFoundError
from storage.cross_entries import Entry, IndexedDocument, IndexedEssay, pack, unpack
from storage.lsh_bands import BandTable
from storage.objects import Storage
from validators.duplicate_essays import THRESHOLD
from validators.shingles import NUM_PERM, jaccard, shared_passage

log = logging.getLogger("attest.storage")

PREFIX = "cross-index"
# MinHash LSH (storage.lsh_bands): 64 bands of 2 rows; a pair at Jaccard 0.2 is a candidate 93 % of the
# time, at 0.3 99.8 %, at 0.05 (two distinct essays) 15 %, and such candidates are dropped by their signatures.
LSH_BANDS = (64, 2)
ESTIMATE_MARGIN = 0.1  # candidates whose signatures estimate this far below the threshold are not read
# Of 64 bits: a re-scan differs by ~6, a phone photo by 10-12, an unrelated page by ~32; but another
# teacher's certificate on the same template by 10-14 too, so an image match needs a shared number.
MAX_IMAGE_BITS = 14
FOLD_AFTER = 1000  # log entries beyond the snapshot before a run folds them into a new one


def _year_root(year: int) -> str:
    return f"{PREFIX}/{year}"


@dataclass
class Row:
    key: str  # the log entry, which alone holds the essay's shingles (read only for a likely match)
    number: int  # the row's number in the band table and in `YearIndex.signatures`
    entry: Entry  # the entry without its essay
    has_essay: bool

    @property
    def applicant(self) -> str:
        return self.entry.applicant

    def light(self, signatures: np.ndarray) -> Entry:
        """What a snapshot keeps: the entry with its signature, without its shingles."""
        if not self.has_essay:
            return self.entry
        essay = IndexedEssay(shingles="", signature=pack(signatures[self.number]))
        return self.entry.model_copy(update={"essay": essay})


@dataclass
class YearIndex:
    """One academic year's index in memory: rows by submission, LSH bands over the essays' signatures,
    and the documents by digest, by number and by page hash."""

    year: int
    rows: dict[str, Row] = field(default_factory=dict)
    seen: set[str] = field(default_factory=set)  # log keys held
    snapshot_number: int = 0
    since_snapshot: int = 0
    bands: BandTable = field(default_factory=lambda: BandTable(*LSH_BANDS))
    names: list[str] = field(default_factory=list)  # band-table row -> submission id
    by_digest: dict[str, set[str]] = field(default_factory=dict)
    by_number: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    images: list[tuple[int, str]] = field(default_factory=list)  # (page hash, submission id)
    _image_array: np.ndarray | None = None
    # every row's signature, one row each (zeros without an essay): candidates are estimated at once
    signatures: np.ndarray = field(default_factory=lambda: np.zeros((1024, NUM_PERM), dtype=np.uint32))

    def add(self, key: str, entry: Entry) -> None:
        self.seen.add(key)
        old = self.rows.get(entry.submission_id)
        if old is not None and old.key > key:
            return  # an older reading of a submission already held in a newer one
        if old is not None:
            self.bands.remove(old.number)
        signature = unpack(entry.essay.signature) if entry.essay else None
        number = len(self.names)
        self.names.append(entry.submission_id)
        if number >= len(self.signatures):
            self.signatures = np.concatenate([self.signatures, np.zeros_like(self.signatures)])
        if signature is not None:
            self.signatures[number] = signature
        self.rows[entry.submission_id] = Row(
            key, number, entry.model_copy(update={"essay": None}), signature is not None
        )
        if signature is not None:
            self.bands.add(number, signature)
        for doc in entry.documents:
            if doc.sha256:
                self.by_digest.setdefault(doc.sha256, set()).add(entry.submission_id)
            if doc.number:
                self.by_number.setdefault((doc.kind, doc.number), set()).add(entry.submission_id)
            if doc.page_hash:
                self.images.append((int(doc.page_hash, 16), entry.submission_id))
                self._image_array = None

    # -- what the checks are told -------------------------------------------------------------

    def essay_matches(self, storage: Storage, entry: Entry, essay: str | None = None) -> tuple[EssayMatch, ...]:
        """Other applicants' essays at or above the threshold, with the passage shared with each (from
        `essay`, this essay's text, when given)."""
        if entry.essay is None:
            return ()
        sig = unpack(entry.essay.signature)
        ours = unpack(entry.essay.shingles)
        out: list[EssayMatch] = []
        numbers = self.bands.query(sig)
        if numbers.size:  # estimated by their signatures at once; only the likely ones are read
            numbers = numbers[(self.signatures[numbers] == sig).mean(axis=1) >= THRESHOLD - ESTIMATE_MARGIN]
        for number in numbers.tolist():
            sid = self.names[number]
            row = self.rows.get(sid)
            if row is None or row.number != number or sid == entry.submission_id or row.applicant == entry.applicant:
                continue
            other = _read_entry(storage, row.key)
            if other is None or other.essay is None:
                continue
            theirs = unpack(other.essay.shingles)
            similarity = jaccard(ours, theirs)
            if similarity >= THRESHOLD:
                passage = shared_passage(essay, theirs) if essay is not None else ""
                out.append(EssayMatch(submission_id=sid, similarity=round(similarity, 4), shared_passage=passage))
        return tuple(sorted(out, key=lambda m: -m.similarity))

    def _image_candidates(self, page_hash: str) -> set[str]:
        if not self.images:
            return set()
        if self._image_array is None:
            self._image_array = np.array([h for h, _ in self.images], dtype=np.uint64)
        differing = np.bitwise_xor(self._image_array, np.uint64(int(page_hash, 16)))
        bits = np.unpackbits(differing.view(np.uint8).reshape(-1, 8), axis=1).sum(axis=1)
        return {self.images[i][1] for i in np.nonzero(bits <= MAX_IMAGE_BITS)[0].tolist()}

    def document_matches(self, entry: Entry) -> tuple[DocumentMatch, ...]:
        """Other applicants' documents that are ours: looked up by digest, number and page hash."""
        candidates: set[str] = set()
        for doc in entry.documents:
            candidates |= self.by_digest.get(doc.sha256 or "", set())
            candidates |= self.by_number.get((doc.kind, doc.number or ""), set())
            if doc.page_hash:
                candidates |= self._image_candidates(doc.page_hash)
        out: list[DocumentMatch] = []
        for sid in sorted(candidates):
            row = self.rows.get(sid)
            if row is None or sid == entry.submission_id or row.applicant == entry.applicant:
                continue
            for ours in entry.documents:
                for theirs in row.entry.documents:
                    match = _same_document(ours, theirs, sid)
                    if match is not None:
                        out.append(match)
        return tuple(out)


def _not_a_year(number: str) -> bool:
    return not (len(number) == 4 and number[:2] in ("19", "20"))


def _same_document(ours: IndexedDocument, theirs: IndexedDocument, other: str) -> DocumentMatch | None:
    def match(reason: str, **extra: object) -> DocumentMatch:
        return DocumentMatch.model_validate(
            {"file": ours.file, "other_submission_id": other, "other_file": theirs.file, "reason": reason, **extra}
        )

    if ours.sha256 is not None and ours.sha256 == theirs.sha256:
        return match("same_file")
    if ours.kind != theirs.kind:
        return None
    if ours.number is not None and ours.number == theirs.number:
        return match("same_number", number=ours.number)
    if ours.page_hash and theirs.page_hash:
        distance = (int(ours.page_hash, 16) ^ int(theirs.page_hash, 16)).bit_count()
        shared = {n for n in set(ours.numbers) & set(theirs.numbers) if _not_a_year(n)}
        if distance <= MAX_IMAGE_BITS and shared:  # one template hashes alike: the numbers must agree too
            return match("same_image", distance=distance, number=min(shared))
    return None


def _read_entry(storage: Storage, key: str) -> Entry | None:
    try:
        return Entry.model_validate_json(storage.read(key))
    except NotFoundError:
        return None
    except ValueError:
        log.warning("cross-index entry %s unreadable; left out", key)
        return None


# -- loading and refreshing --------------------------------------------------------------------

_OPEN: dict[tuple[str, int], YearIndex] = {}  # this process's copies, refreshed on every call


def _snapshot_numbers(storage: Storage, year: int) -> list[int]:
    names = storage.children(f"{_year_root(year)}/snapshot/")
    return sorted(int(n.removesuffix(".json")) for n in names if n.endswith(".json") and n[:-5].isdigit())


def _load_snapshot(storage: Storage, year: int, number: int) -> YearIndex:
    index = YearIndex(year, snapshot_number=number)
    data = json.loads(storage.read(f"{_year_root(year)}/snapshot/{number:08d}.json"))
    for row in data["rows"]:
        index.add(row["key"], Entry.model_validate(row["entry"]))
    index.seen.update(data["recent"])
    return index


def _recent_days(storage: Storage, year: int, index: YearIndex) -> list[str]:
    days = sorted(d for d in storage.children(f"{_year_root(year)}/log/") if len(d) == 10)
    if not index.rows:
        return days
    newest = max((k.split("/")[3] for k in index.seen), default=None)
    if newest is None:
        return days
    start = (date.fromisoformat(newest) - timedelta(days=1)).isoformat()
    return [d for d in days if d >= start]


def open_year(storage: Storage, year: int) -> YearIndex:
    """The year's index as storage holds it now: this process's copy brought up to date."""
    cache_key = (storage.describe(), year)
    index = _OPEN.get(cache_key)
    if index is None:  # a copy, once loaded, follows the log: the entries are the truth, snapshots a shortcut
        numbers = _snapshot_numbers(storage, year)
        index = _load_snapshot(storage, year, numbers[-1]) if numbers else YearIndex(year)
        _OPEN[cache_key] = index
    for day in _recent_days(storage, year, index):
        for obj in storage.iter_objects(f"{_year_root(year)}/log/{day}/"):
            if obj.key in index.seen or not obj.key.endswith(".json"):
                continue
            entry = _read_entry(storage, obj.key)
            if entry is not None:
                index.add(obj.key, entry)
                index.since_snapshot += 1
    return index


def forget_open_indexes() -> None:
    """Drop this process's copies (tests that replace a storage root under one name)."""
    _OPEN.clear()


def year_is_empty(storage: Storage, year: int) -> bool:
    """No log and no snapshot: a year not begun, or an index lost (`workers.cross_checks` rebuilds it)."""
    return not storage.children(f"{_year_root(year)}/log/") and not _snapshot_numbers(storage, year)


def record(storage: Storage, year: int, entry: Entry, now: datetime) -> None:
    """This reading of a submission in its year's index (nothing when the index holds it already)."""
    _record(storage, open_year(storage, year), entry, now)


def _record(storage: Storage, index: YearIndex, entry: Entry, now: datetime) -> None:
    row = index.rows.get(entry.submission_id)
    if row is not None and row.entry.input_sha256 == entry.input_sha256:
        return  # this reading of the submission is already in the index
    stamp = now.astimezone(UTC)
    key = (
        f"{_year_root(index.year)}/log/{stamp.date().isoformat()}/"
        f"{stamp.strftime('%Y%m%dT%H%M%S%fZ')}-{entry.submission_id}-{entry.input_sha256[:12]}.json"
    )
    if storage.create(key, entry.model_dump_json().encode()):
        index.add(key, entry)
        index.since_snapshot += 1


def fold(storage: Storage, index: YearIndex) -> bool:
    """Write the index as a new snapshot (created: if another run took the number, its snapshot stands)."""
    rows = [
        {"key": row.key, "entry": row.light(index.signatures).model_dump(mode="json")}
        for _, row in sorted(index.rows.items())
    ]
    newest = max((k.split("/")[3] for k in index.seen), default=None)
    recent = sorted(k for k in index.seen if newest and k.split("/")[3] >= _day_before(newest))
    number = index.snapshot_number + 1
    body = json.dumps({"year": index.year, "rows": rows, "recent": recent}, separators=(",", ":")).encode()
    taken = not storage.create(f"{_year_root(index.year)}/snapshot/{number:08d}.json", body)
    # Taken: another run folded at the same moment; the next fold takes the number after the newest.
    index.snapshot_number = max(_snapshot_numbers(storage, index.year), default=number) if taken else number
    index.since_snapshot = 0
    return not taken


def _day_before(day: str) -> str:
    return (date.fromisoformat(day) - timedelta(days=1)).isoformat()


def cross_check(
    storage: Storage, year: int, entry: Entry, essay: str | None, now: datetime, fold_after: int = FOLD_AFTER
) -> CrossMatches:
    """Record this submission in its year's index, then what the index holds of other applicants that
    repeats its essay or its documents. `essay` is this essay's text, for the shared passage."""
    _record(storage, open_year(storage, year), entry, now)
    index = open_year(storage, year)  # listed again after recording: what another run recorded meanwhile
    essays = index.essay_matches(storage, entry, essay)
    if index.since_snapshot >= fold_after:
        fold(storage, index)
    return CrossMatches(essays=essays, documents=index.document_matches(entry))
