"""Builders for readings and contexts from hand-written texts."""

from datetime import datetime
from typing import Any

from extractors.interpret import interpret
from models.base import Kind
from models.context import CheckContext
from models.extraction import DocumentReading, ExtractedDocument, PageText
from models.manifest import Manifest
from tests.submissions import CONFIRM_EXPERT, applicant, manifest_dict


def extracted(file: str, *pages: str, confidence: float = 100.0, limit_hit: str | None = None) -> ExtractedDocument:
    source = "text_layer" if confidence >= 100 else "ocr"
    return ExtractedDocument(
        file=file,
        sha256=None,
        size=1000,
        media_type="application/pdf",
        pages=tuple(
            PageText(number=i, text=t, source=source, confidence=confidence, limit_hit=limit_hit)
            for i, t in enumerate(pages, 1)
        ),
    )


def reading(kind: Kind, text: str, confidence: float = 100.0, file: str | None = None) -> DocumentReading:
    return interpret(extracted(file or f"{kind}.pdf", text, confidence=confidence), kind)


def manifest(**request: Any) -> Manifest:
    data = manifest_dict(applicant=applicant(), request=CONFIRM_EXPERT | request, documents=[])
    del data["provider"]
    return Manifest.model_validate(data)


def context(*docs: DocumentReading, submitted_at: str | None = None, **request: Any) -> CheckContext:
    m = manifest(**request)
    refs = [{"file": d.file, "kind": d.declared_kind} for d in docs]
    update: dict[str, Any] = {
        "documents": tuple(Manifest.model_validate({**m.model_dump(), "documents": refs}).documents)
    }
    if submitted_at:
        update["submitted_at"] = datetime.fromisoformat(submitted_at)
    return CheckContext(manifest=m.model_copy(update=update), documents=docs)
