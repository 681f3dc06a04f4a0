"""What one run did: `runs/<run-id>.json` for operators and the summary the CLI prints."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from models.verdict import Verdict
from storage.objects import Storage
from workers.pool import ReadStats


class VerdictRow(NamedTuple):
    """One verdict of the run (a tuple: a first night of a year's submissions keeps 50,000 of them)."""

    submission_id: str
    revision: int
    decision: str
    grounds: tuple[int, ...]
    checks: tuple[str, ...]
    seconds: float


@dataclass
class RunReport:
    run_id: str
    mode: str
    started_at: datetime
    storage: str
    notices: str = "signed"  # "signed", or "off" when switched off on purpose
    notices_made: int = 0
    seconds: float = 0.0
    unchanged: int = 0
    skipped: list[str] = field(default_factory=list)
    unknown_ids: list[str] = field(default_factory=list)
    operator_kept: list[str] = field(default_factory=list)
    operator_replaced: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    by_decision: Counter[str] = field(default_factory=Counter)
    by_check: Counter[str] = field(default_factory=Counter)
    verdicts: list[VerdictRow] = field(default_factory=list)
    documents: int = 0
    cached_documents: int = 0
    ocr_pages: int = 0
    text_pages: int = 0
    reading_peak_bytes: int = 0  # the most resident memory one file's reading process reached

    def add(self, submission_id: str, verdict: Verdict | None, stats: ReadStats, seconds: float) -> None:
        self.documents += stats.documents
        self.cached_documents += stats.cached
        self.ocr_pages += stats.ocr_pages
        self.text_pages += stats.text_pages
        self.reading_peak_bytes = max(self.reading_peak_bytes, stats.peak_bytes)
        if verdict is None:
            self.unchanged += 1
            return
        self.by_decision[verdict.decision] += 1
        self.notices_made += verdict.notice is not None
        for f in verdict.findings:
            if f.status != "pass":
                self.by_check[f"{f.check}:{f.status}"] += 1
        checks = tuple(sorted({f.check for f in verdict.findings if f.status != "pass"}))
        self.verdicts.append(
            VerdictRow(submission_id, verdict.revision, verdict.decision, verdict.grounds, checks, round(seconds, 3))
        )

    def summary(self, with_verdicts: bool = True) -> dict[str, object]:
        return {
            "run_id": self.run_id,
            "mode": self.mode,
            "storage": self.storage,
            "started_at": self.started_at.isoformat(),
            "seconds": self.seconds,
            "verdicts_written": sum(self.by_decision.values()),
            "notices": self.notices,
            "notices_made": self.notices_made,
            "by_decision": dict(sorted(self.by_decision.items())),
            "by_check": dict(sorted(self.by_check.items())),
            "unchanged": self.unchanged,
            "skipped": self.skipped,
            "unknown_ids": self.unknown_ids,
            "operator_decisions_kept": self.operator_kept,
            "operator_decisions_replaced": self.operator_replaced,
            "failures": self.failures,
            "documents_read": self.documents,
            "documents_from_cache": self.cached_documents,
            "ocr_pages": self.ocr_pages,
            "text_layer_pages": self.text_pages,
            "reading_peak_mb": round(self.reading_peak_bytes / 2**20, 1),
        } | ({"verdicts": [_row(v) for v in self.verdicts]} if with_verdicts else {})


def readable(value: object) -> str:
    """A report cell for a person: lists as "a, b" (or "-"), never a Python repr."""
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value) or "-"
    return "-" if value is None else str(value)


def notices_line(report: RunReport) -> str:
    """Whether the teachers got notices, said in every summary: a night without them is never silent."""
    if report.notices == "off":
        return "notices: OFF (switched off on purpose, none made)"
    return f"notices: {report.notices_made} signed"


def summary_line(report: RunReport) -> str:
    """The run in one line: what the command line prints at the end, and `attest serve` per flow run."""
    decided = ", ".join(f"{k} {v}" for k, v in sorted(report.by_decision.items())) or "none"
    return (
        f"{report.mode}: {sum(report.by_decision.values())} verdicts ({decided}); unchanged {report.unchanged}; "
        f"skipped {len(report.skipped)}; failures {len(report.failures)}; "
        f"{report.ocr_pages} OCR pages, {report.text_pages} text-layer pages, "
        f"{report.cached_documents} documents from cache; {notices_line(report)}; {report.seconds:.1f} s; "
        f"report runs/{report.run_id}.json"
    )


def _row(row: VerdictRow) -> dict[str, object]:
    return row._asdict() | {"grounds": list(row.grounds), "checks": list(row.checks)}


def write_report(storage: Storage, report: RunReport) -> None:
    """The summary, then one line per verdict (not one object of a year's rows built first)."""
    head = json.dumps(report.summary(with_verdicts=False), ensure_ascii=False, indent=2)[:-2]
    rows = ",\n".join("    " + json.dumps(_row(v), ensure_ascii=False) for v in report.verdicts)
    body = f'{head},\n  "verdicts": [\n{rows}\n  ]\n}}\n' if rows else f'{head},\n  "verdicts": []\n}}\n'
    storage.write(f"runs/{report.run_id}.json", body.encode())
