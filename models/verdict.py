"""The verdict (contract §4): what downstream systems read."""

import json
from datetime import date, datetime
from typing import Any, Literal

from pydantic import Field

from models.base import Frozen, Kind
from models.cross_submission import PdfSignature

Status = Literal["pass", "fail", "review"]
Decision = Literal["accepted", "refused", "needs_review"]
Ground = Literal[1, 2, 3]
TextSource = Literal["text_layer", "ocr", "none"]


class Message(Frozen):
    kk: str = Field(min_length=1)
    ru: str = Field(min_length=1)


class Finding(Frozen):
    check: str
    status: Status
    ground: Ground | None = None
    document: str | None = None
    message: Message
    evidence: dict[str, Any] = Field(default_factory=dict)


class VerdictDocument(Frozen):
    file: str
    declared_kind: Kind | None
    detected_kind: Kind | None = None
    text_source: TextSource = "none"
    pages: int | None = None
    sha256: str | None = None
    signatures: tuple[PdfSignature, ...] = ()  # a PDF's own electronic signatures as validated (GOST: not checkable)


class DecidedBy(Frozen):
    kind: Literal["pipeline", "operator"]
    name: str | None = None
    note: str | None = None


class NoticeRef(Frozen):
    key: str
    sha256: str


class Verdict(Frozen):
    schema_version: Literal[1] = 1
    submission_id: str
    revision: int = Field(ge=1)
    decision: Decision
    grounds: tuple[Ground, ...]
    findings: tuple[Finding, ...]
    documents: tuple[VerdictDocument, ...]
    essay_word_count: int | None = None
    submitted_at: str | None
    registered_on: date | None
    due_by: date | None
    decided_at: datetime
    decided_by: DecidedBy = DecidedBy(kind="pipeline")
    input_sha256: str | None = None
    input_fingerprint: str | None = None  # names, sizes and times of the files: a cheap change detector
    applicant_iin: str | None = None
    notice: NoticeRef | None = None

    def to_json(self) -> bytes:
        """The contract's required fields stay even when null; optional extras are left out when empty."""
        data = self.model_dump(mode="json")
        for key in ("notice", "input_sha256", "input_fingerprint", "applicant_iin"):
            if data.get(key) is None:
                data.pop(key, None)
        data["decided_by"] = {k: v for k, v in data["decided_by"].items() if v is not None}
        for document in data["documents"]:
            if not document.get("signatures"):
                document.pop("signatures", None)
        return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode()
