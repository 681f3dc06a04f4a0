"""The duplicate side by side: this submission's essay or certificate next to the other applicant's, the
passage they share marked on both pages (`essay.duplicate`, `document.reused`).

The other submission's page is marked with *this* case's finding (`marks_from`): the words a person
compares are the ones the finding found shared, whichever page they are printed on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from review_desk.case_data import COMPARED, load_manifest, marks_of, open_findings
from storage.objects import Storage
from storage.verdicts import read_current


@dataclass(frozen=True)
class Side:
    submission_id: str
    file: str
    image: str  # the first page's picture, the shared words marked


@dataclass(frozen=True)
class Comparison:
    check: str
    passage: str
    similarity: float | None
    reason: str | None
    ours: Side
    theirs: Side


def _image(submission_id: str, file: str, marks_from: tuple[str, int]) -> str:
    query = {"file": file, "page": 1, "marks_from": f"{marks_from[0]}:{marks_from[1]}"}
    return f"/case/{submission_id}/image?{urlencode(query)}"


def _essay_file(storage: Storage, submission_id: str) -> str | None:
    manifest, _ = load_manifest(storage, submission_id)
    if manifest is None:
        return None
    return next((d.file for d in manifest.documents if d.kind == "essay"), None)


def comparison(storage: Storage, submission_id: str, finding: int, match: int) -> Comparison | None:
    """The two documents of match `match` of finding `finding` of this case; None when there is none."""
    verdict = read_current(storage, submission_id)
    shown = open_findings(verdict) if verdict else []
    if not 0 <= finding < len(shown) or shown[finding].check not in COMPARED:
        return None
    f = shown[finding]
    matches: list[Any] = f.evidence.get("matches") or []
    if not 0 <= match < len(matches) or not isinstance(matches[match], dict):
        return None
    m = matches[match]
    source = (submission_id, finding)
    if f.check == "essay.duplicate":
        other = str(m.get("submission_id"))
        ours_file, theirs_file = f.document or _essay_file(storage, submission_id), _essay_file(storage, other)
        passage = str(m.get("shared_passage") or "")
    else:
        other = str(m.get("other_submission_id"))
        ours_file, theirs_file = str(m.get("file")), str(m.get("other_file"))
        passage = str(m.get("number") or "")
    if ours_file is None or theirs_file is None:
        return None
    similarity = m.get("similarity")
    return Comparison(
        check=f.check,
        passage=passage,
        similarity=float(similarity) if isinstance(similarity, int | float) else None,
        reason=str(m["reason"]) if m.get("reason") else None,
        ours=Side(submission_id, ours_file, _image(submission_id, ours_file, source)),
        theirs=Side(other, theirs_file, _image(other, theirs_file, source)),
    )


def marks_from(storage: Storage, value: str | None) -> tuple[str, ...] | None:
    """The words to mark named by `case:finding` of a cross-submission finding; None when not given."""
    if not value or ":" not in value:
        return None
    case, _, number = value.rpartition(":")
    verdict = read_current(storage, case) if number.isdigit() else None
    shown = open_findings(verdict) if verdict else []
    index = int(number) if number.isdigit() else -1
    if not 0 <= index < len(shown) or shown[index].check not in COMPARED:
        return ()
    evidence = shown[index].evidence
    words = [
        str(m.get("shared_passage") or m.get("number") or "")
        for m in evidence.get("matches") or []
        if isinstance(m, dict)
    ]
    return tuple(dict.fromkeys(w for w in [*marks_of(evidence), *words] if w))
