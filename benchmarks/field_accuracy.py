"""Field accuracy: did the readers find the names, IINs and dates printed on each document, and right?

Decisions can come out right for the wrong reasons (a name not found sends a clean case to review,
which an expected review hides), so the evaluation also scores what was read, document by
document, against what the generator printed (`SampleDocument.holder_names`, `iin`, `dates`).
The readings are those the run cached, loaded the way a worker assessing the submission loads
them; no file is read again. Only documents whose truth is recorded are scored (the field set).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from extractors import fields, form_entries
from extractors.name_matching import compare_names
from models.errors import NotFoundError
from models.extraction import DocumentReading
from models.listing import Folder
from models.settings import Settings
from models.verdict import Verdict
from sample_set.labels import SampleCase, SampleDocument

CAPTURE_KINDS = ("born_digital", "scan", "turned_scan", "photo")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass
class Tally:
    """One kind of field over many documents: found and right, found but wrong, not found."""

    right: int = 0
    wrong: int = 0
    missing: int = 0

    @property
    def total(self) -> int:
        return self.right + self.wrong + self.missing

    def add(self, other: Tally) -> None:
        self.right += other.right
        self.wrong += other.wrong
        self.missing += other.missing

    def cell(self) -> str:
        if not self.total:
            return "-"
        return (
            f"{self.right}/{self.total} ({self.right / self.total:.0%}) · {self.wrong} wrong · {self.missing} not found"
        )


@dataclass
class FieldScore:
    """Names, IINs and dates of one document or of a group of documents."""

    documents: int = 0
    names: Tally = field(default_factory=Tally)
    iins: Tally = field(default_factory=Tally)
    dates: Tally = field(default_factory=Tally)

    def add(self, other: FieldScore) -> None:
        self.documents += other.documents
        self.names.add(other.names)
        self.iins.add(other.iins)
        self.dates.add(other.dates)


def _iins(reading: DocumentReading) -> set[str]:
    """Every IIN the reading holds: the labelled numbers and the application form's entry."""
    return {
        v.value
        for k, v in reading.fields.items()
        if k in (fields.IIN, form_entries.IIN) or k.startswith(f"{fields.IIN}.")
    }


def _dates(reading: DocumentReading) -> set[str]:
    return {v.value for v in reading.fields.values() if _ISO_DATE.fullmatch(v.value)}


def score_document(label: SampleDocument, reading: DocumentReading | None) -> FieldScore:
    """One document's fields against what was printed on it. Dates count once each however often
    printed (a course may end on its issue day); a read date that is not among the printed ones
    counts as one printed date read wrong, printed dates beyond those as not found."""
    s = FieldScore()
    if not (label.holder_names or label.iin or label.dates):
        return s
    s.documents = 1
    if label.holder_names:
        found = [n.value for n in reading.names] if reading else []
        if not found:
            s.names.missing = 1
        elif any(compare_names(printed, n) == "same" for printed in label.holder_names for n in found):
            s.names.right = 1
        else:
            s.names.wrong = 1
    if label.iin:
        iins = _iins(reading) if reading else set()
        s.iins.right, s.iins.wrong, s.iins.missing = (
            (1, 0, 0) if label.iin in iins else (0, 1, 0) if iins else (0, 0, 1)
        )
    printed = set(label.dates)
    read = _dates(reading) if reading else set()
    s.dates.right = len(printed & read)
    s.dates.wrong = min(len(printed - read), len(read - printed))
    s.dates.missing = len(printed - read) - s.dates.wrong
    return s


def document_capture(case: SampleCase, doc: SampleDocument) -> str:
    """How this document was captured: a PDF drawn as such is born digital whatever the case's paper
    capture (the egov record and the letters stay digital in a photographed submission)."""
    if doc.rendering == "pdf":
        return "born_digital"
    return next((t for t in CAPTURE_KINDS if t in case.tags and t != "born_digital"), "untagged")


def document_language(case: SampleCase, doc: SampleDocument) -> str:
    return doc.language or "+".join(sorted(case.languages)) or "none"


Pair = tuple[SampleCase, SampleDocument, DocumentReading | None]


def field_breakdown(pairs: Iterable[Pair], key: Callable[[SampleCase, SampleDocument], str]) -> dict[str, FieldScore]:
    groups: dict[str, FieldScore] = {}
    for case, doc, reading in pairs:
        groups.setdefault(key(case, doc), FieldScore()).add(score_document(doc, reading))
    return {k: g for k, g in groups.items() if g.documents}


def field_table(title: str, groups: Mapping[str, FieldScore], order: Sequence[str] = ()) -> list[str]:
    """Markdown: per group, each field's found-and-right count out of those printed."""
    names = [n for n in order if n in groups] + sorted(n for n in groups if n not in order)
    lines = [f"| {title} | documents | names right | IINs right | dates right |", "|---|---|---|---|---|"]
    for n in names:
        g = groups[n]
        lines.append(f"| {n} | {g.documents} | {g.names.cell()} | {g.iins.cell()} | {g.dates.cell()} |")
    return lines


def field_misses(pairs: Iterable[Pair], seeds: Sequence[int] | None = None) -> list[str]:
    """One line per document with a field not found or read wrong: what was printed, what was read; with
    `seeds` (each pair's), the seed first, since two seeds' sets reuse their submission ids."""
    lines = []
    for n, (case, doc, reading) in enumerate(pairs):
        s = score_document(doc, reading)
        parts = []
        if s.names.right < s.names.total:
            found = "; ".join(n.value for n in reading.names) if reading else ""
            parts.append(f"name {doc.holder_names[0]!r} read [{found}]")
        if s.iins.right < s.iins.total:
            parts.append(f"IIN {doc.iin} read [{', '.join(sorted(_iins(reading))) if reading else ''}]")
        if s.dates.right < s.dates.total:
            read = sorted(_dates(reading)) if reading else []
            parts.append(f"dates {', '.join(sorted(set(doc.dates)))} read [{', '.join(read)}]")
        if parts:
            seed = f"seed {seeds[n]} " if seeds is not None else ""
            lines.append(f"  {seed}{case.submission_id} {doc.file}: {'; '.join(parts)}")
    return lines


def field_report(pairs: Sequence[Pair], seeds: Sequence[int] | None = None) -> list[str]:
    """The field-accuracy section: totals, tables per capture kind and per document language, misses
    (`seeds`: each pair's seed, for the misses)."""
    total = FieldScore()
    for _, doc, reading in pairs:
        total.add(score_document(doc, reading))
    if not total.documents:
        return []
    return [
        "",
        f"field accuracy ({total.documents} documents with printed truth; found and right / printed):",
        f"  names:                  {total.names.cell()}",
        f"  IINs:                   {total.iins.cell()}",
        f"  dates:                  {total.dates.cell()}",
        "",
        *field_table("capture (document)", field_breakdown(pairs, document_capture), CAPTURE_KINDS),
        "",
        *field_table("language (document)", field_breakdown(pairs, document_language), ("kk", "ru")),
        *(
            ["", "field misses (submission, file: printed, read):", *misses]
            if (misses := field_misses(pairs, seeds))
            else []
        ),
    ]


def cached_readings(settings: Settings, verdict: Verdict) -> dict[str, DocumentReading]:
    """The run's readings of one submission, by file, from the readers' cache: every listed document
    at once as a worker assessing it loads them, else (a file had no reading worth caching, e.g. an
    unreadable one) each cached document by its key."""
    from storage.objects import open_storage
    from validators.assessment import parse
    from workers.pool import read_from_caches, reading_key

    storage = open_storage(settings)
    sid = verdict.submission_id
    parsed = parse(Folder(sid, (), storage.read(f"submissions/{sid}/manifest.json")))
    known = {d.file: d.sha256 for d in verdict.documents if d.sha256}
    found = read_from_caches(storage, parsed, settings, known) if parsed.manifest is not None else {}
    if isinstance(found, tuple):
        return {r.file: r for r in found[0]}
    out: dict[str, DocumentReading] = {}
    for d in verdict.documents:
        if d.sha256 and d.declared_kind:
            try:
                raw = storage.read(reading_key(d.sha256, d.declared_kind, settings))
            except NotFoundError:
                continue
            out[d.file] = DocumentReading.model_validate_json(raw)
    return out
