"""What a case page shows, gathered from storage: the declared data, the doubts, and where they were read.

Evidence dictionaries differ from check to check (`page`/`line`/`confidence` for identity checks,
one nested entry per form field for the application form, `pages` lists for low confidence). This
module turns any of them into readings a person can compare with the page image, and names the
words the page image marks (`marks_of`). The people who see a case page are logged-in reviewers
deciding it, and the IIN can be the thing to review: it is shown in full here. The desk writes no
case data to its log; logs and notices mask IINs as before.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from models.manifest import Manifest
from models.verdict import Finding, Verdict
from storage.objects import Storage
from storage.verdicts import read_current
from validators.catalogue import GROUNDS
from validators.manifest import is_valid_submission_id, parse_manifest

_TEXT_KEYS = ("text", "line", "shared_passage")
# Not repeated as details: the text and place become a reading, the reason is the message's own words.
_SKIP_DETAIL = {"text", "line", "page", "bbox", "reason"}
_DETAIL_LIMIT = 300


@dataclass(frozen=True)
class Reading:
    """One piece of text the pipeline read, with how sure it was."""

    label: str
    text: str
    confidence: float | None
    page: int | None


@dataclass(frozen=True)
class FindingView:
    check: str
    status: str
    document: str | None
    message_kk: str
    message_ru: str
    readings: tuple[Reading, ...]
    details: tuple[tuple[str, str], ...]
    page: int
    image_url: str | None
    marks: tuple[str, ...]  # the words the page image marks
    compare: tuple[
        tuple[str, str], ...
    ] = ()  # (other submission, side-by-side address): essay.duplicate, document.reused


@dataclass(frozen=True)
class DocumentRow:
    file: str
    declared_kind: str | None
    detected_kind: str | None
    text_source: str | None
    pages: int | None
    present: bool

    def page_numbers(self) -> range:
        """The pages to offer: all of those read, or the first when the count is not known."""
        return range(1, (self.pages or 1) + 1)


@dataclass(frozen=True)
class CaseView:
    submission_id: str
    verdict: Verdict
    manifest: Manifest | None
    manifest_problem: str | None
    applicant_name: str | None
    iin: str | None
    documents: tuple[DocumentRow, ...]
    findings: tuple[FindingView, ...]
    refusable: tuple[str, ...]  # checks of this case's review/fail findings that can ground a refusal
    other_checks: tuple[str, ...]  # the remaining checks with a ground, for the select

    @property
    def open(self) -> bool:
        return self.verdict.decision == "needs_review"


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _page(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 1 else None


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= _DETAIL_LIMIT else text[: _DETAIL_LIMIT - 1] + "…"


def readings_of(evidence: dict[str, Any]) -> list[Reading]:
    """The texts read, wherever the check put them: top level, one entry per field, or a `found` list."""
    out: list[Reading] = []

    def take(label: str, entry: dict[str, Any]) -> None:
        text = next((entry[k] for k in _TEXT_KEYS if isinstance(entry.get(k), str)), None)
        if text is None and isinstance(entry.get("name"), str):
            text = entry["name"]
        if text is not None:
            out.append(Reading(label, text, _number(entry.get("confidence")), _page(entry.get("page"))))

    take("read", evidence)
    for key, value in evidence.items():
        if isinstance(value, dict):
            take(key, value)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, dict):
                    take(key, item)
    return out


def page_of(evidence: dict[str, Any], readings: list[Reading]) -> int:
    """The page the evidence points at: its `page`, the first of its `pages`, a reading's page, or 1."""
    page = _page(evidence.get("page"))
    if page is None and isinstance(evidence.get("pages"), list):
        page = next((p for p in map(_page, evidence["pages"]) if p), None)
    if page is None:
        page = next((r.page for r in readings if r.page), None)
    return page or 1


def crop_of(evidence: dict[str, Any]) -> tuple[float, float, float, float] | None:
    """A bounding box as page fractions (left, top, right, bottom), if the check recorded one."""
    box = evidence.get("bbox")
    if not isinstance(box, list | tuple) or len(box) != 4:
        return None
    values = [_number(v) for v in box]
    if any(v is None or not 0 <= v <= 1 for v in values):
        return None
    left, top, right, bottom = (float(v or 0) for v in values)
    return (left, top, right, bottom) if left < right and top < bottom else None


def marks_of(evidence: dict[str, Any]) -> tuple[str, ...]:
    """The words a finding rests on, to be found and marked on the page: what it read, and an IIN."""
    texts = [r.text for r in readings_of(evidence)]
    if isinstance(evidence.get("iin"), str):
        texts.append(evidence["iin"])
    return tuple(dict.fromkeys(t.strip()[:_DETAIL_LIMIT] for t in texts if t.strip()))


def image_url(
    submission_id: str,
    file: str,
    page: int,
    crop: tuple[float, float, float, float] | None = None,
    finding: int | None = None,
) -> str:
    """The page picture's address. Marks are named by the finding's index, never by their text: the
    address may reach a log, and the text may hold an IIN."""
    query: dict[str, str | int] = {"file": file, "page": page}
    if crop:
        query["crop"] = ",".join(f"{v:.4f}" for v in crop)
    if finding is not None:
        query["finding"] = finding
    return f"/case/{submission_id}/image?{urlencode(query)}"


def viewer_url(submission_id: str, file: str, page: int, finding: int | None = None) -> str:
    """The page viewer's address: one page of one document, the finding's words marked when given."""
    query: dict[str, str | int] = {"file": file, "page": page}
    if finding is not None:
        query["finding"] = finding
    return f"/case/{submission_id}/page?{urlencode(query)}"


COMPARED = frozenset({"essay.duplicate", "document.reused"})  # findings shown side by side with the other submission


def compare_url(submission_id: str, finding: int, match: int) -> str:
    return f"/case/{submission_id}/compare?{urlencode({'finding': finding, 'match': match})}"


def compare_links(submission_id: str, index: int, f: Finding) -> tuple[tuple[str, str], ...]:
    """(other submission, address) for each match a cross-submission finding names."""
    if f.check not in COMPARED:
        return ()
    matches = f.evidence.get("matches")
    if not isinstance(matches, list):
        return ()
    return tuple(
        (str(m.get("submission_id") or m.get("other_submission_id")), compare_url(submission_id, index, k))
        for k, m in enumerate(matches)
        if isinstance(m, dict)
    )


def open_findings(verdict: Verdict) -> list[Finding]:
    """The findings a reviewer looks at, in the order the page and the image addresses number them."""
    return [f for f in verdict.findings if f.status in ("review", "fail") or "operator_resolved" in f.evidence]


def _finding_view(
    submission_id: str,
    index: int,
    f: Finding,
    showable: set[str],
    page_counts: dict[str, int | None],
    application: str | None,
) -> FindingView:
    """`application`: the application form's file, shown for a finding about the submission's data
    (an IIN that fails its checksum) with the words it rests on, which the form repeats."""
    readings = readings_of(f.evidence)
    marks = marks_of(f.evidence)
    if f.document is None and marks and application:
        f = f.model_copy(update={"document": application})
    page = page_of(f.evidence, readings)
    pages = page_counts.get(f.document or "")
    if pages and page > pages:
        page = 1
    shown = _SKIP_DETAIL | {r.label for r in readings}  # what became a reading is not repeated as a detail
    if readings and readings[0].label == "read":
        shown |= {"confidence"}
    details = tuple((k, _short(v)) for k, v in f.evidence.items() if k not in shown and v is not None)
    url = (
        image_url(submission_id, f.document, page, crop_of(f.evidence), index)
        if f.document and f.document in showable
        else None
    )
    return FindingView(
        check=f.check,
        status=f.status,
        document=f.document,
        message_kk=f.message.kk,
        message_ru=f.message.ru,
        readings=tuple(readings),
        details=details,
        page=page,
        image_url=url,
        marks=marks,
        compare=compare_links(submission_id, index, f),
    )


def _showable(storage: Storage, submission_id: str, manifest: Manifest | None, verdict: Verdict | None) -> set[str]:
    names = {d.file for d in manifest.documents} if manifest else set()
    if verdict is not None:
        names.update(d.file for d in verdict.documents)
    return {n for n in names if storage.exists(f"submissions/{submission_id}/{n}")}


def listed_files(storage: Storage, submission_id: str) -> set[str]:
    """The files the case may show: named in the manifest (or the verdict) and present in storage.

    The image endpoint serves only these, so a logged-in user still cannot read arbitrary keys.
    """
    if not is_valid_submission_id(submission_id):
        return set()
    return _showable(
        storage, submission_id, load_manifest(storage, submission_id)[0], read_current(storage, submission_id)
    )


def load_manifest(storage: Storage, submission_id: str) -> tuple[Manifest | None, str | None]:
    key = f"submissions/{submission_id}/manifest.json"
    if not storage.exists(key):
        return None, "no manifest.json"
    parsed = parse_manifest(storage.read(key), submission_id)
    if isinstance(parsed, Manifest):
        return parsed, None
    return None, parsed.message.ru


def load_case(storage: Storage, submission_id: str) -> CaseView | None:
    """The case page's data, or None when there is no such submission or verdict."""
    if not is_valid_submission_id(submission_id):
        return None
    verdict = read_current(storage, submission_id)
    if verdict is None:
        return None
    manifest, problem = load_manifest(storage, submission_id)
    showable = _showable(storage, submission_id, manifest, verdict)
    by_file = {d.file: d for d in verdict.documents}
    rows: list[DocumentRow] = []
    declared: list[tuple[str, str | None]] = [(d.file, d.kind) for d in manifest.documents] if manifest else []
    declared += [(d.file, d.declared_kind) for d in verdict.documents if d.file not in {f for f, _ in declared}]
    for file, kind in declared:
        vd = by_file.get(file)
        rows.append(
            DocumentRow(
                file=file,
                declared_kind=kind,
                detected_kind=vd.detected_kind if vd else None,
                text_source=vd.text_source if vd else None,
                pages=vd.pages if vd else None,
                present=file in showable,
            )
        )
    page_counts = {d.file: d.pages for d in verdict.documents}
    shown = open_findings(verdict)
    application = next((r.file for r in rows if r.present and r.declared_kind == "application"), None)
    refusable = tuple(dict.fromkeys(f.check for f in shown if f.check in GROUNDS))
    iin = manifest.applicant.iin if manifest else verdict.applicant_iin
    return CaseView(
        submission_id=submission_id,
        verdict=verdict,
        manifest=manifest,
        manifest_problem=problem,
        applicant_name=manifest.applicant.full_name if manifest else None,
        iin=iin or None,
        documents=tuple(rows),
        findings=tuple(
            _finding_view(submission_id, i, f, showable, page_counts, application) for i, f in enumerate(shown)
        ),
        refusable=refusable,
        other_checks=tuple(c for c in GROUNDS if c not in refusable),
    )
