"""Field accuracy: each printed name, IIN and date is scored found-and-right, found-but-wrong or not found."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from benchmarks.field_accuracy import (
    FieldScore,
    Pair,
    cached_readings,
    document_capture,
    field_report,
    score_document,
)
from extractors import fields, form_entries
from models.extraction import DocumentReading, Evidence, ExtractedDocument, FieldValue
from models.settings import Settings
from models.verdict import Verdict
from sample_set.labels import SampleCase, SampleDocument
from tests.submissions import SUBMISSION_ID, documents, manifest_dict, write_folder
from workers.pool import reading_key

HOLDER = ("Өтегенов Ерлан Мұратұлы", "Утегенов Ерлан Муратович")
IIN = "900101300017"


def _value(text: str) -> FieldValue:
    return FieldValue(value=text, evidence=Evidence(page=1, text=text, confidence=90))


def _reading(names: tuple[str, ...] = (), found: dict[str, str] | None = None) -> DocumentReading:
    extracted = ExtractedDocument(file="a.pdf", sha256=None, size=1, media_type="application/pdf")
    return DocumentReading(
        file="a.pdf",
        declared_kind="course_certificate",
        extracted=extracted,
        fields={k: _value(v) for k, v in (found or {}).items()},
        names=tuple(_value(n) for n in names),
    )


def _label(**truth: object) -> SampleDocument:
    return SampleDocument.model_validate(
        {"file": "a.pdf", "declared_kind": "course_certificate", "content_kind": "course_certificate"}
        | {"language": "kk", "rendering": "pdf"}
        | truth
    )


def _counts(s: FieldScore) -> tuple[tuple[int, int, int], ...]:
    return tuple((t.right, t.wrong, t.missing) for t in (s.names, s.iins, s.dates))


def test_right_wrong_and_missing_are_told_apart() -> None:
    label = _label(holder_names=HOLDER, iin=IIN, dates=("2025-02-03", "2025-02-14", "2025-02-20"))
    period = {fields.COURSE_START: "2025-02-03", fields.COURSE_END: "2025-02-14", fields.COURSE_HOURS: "72"}
    right = _reading(("Өтегенов Ерлан Мұратұлы",), {fields.IIN: IIN, **period, fields.ISSUE_DATE: "2025-02-20"})
    assert _counts(score_document(label, right)) == ((1, 0, 0), (1, 0, 0), (3, 0, 0))
    # another person named, another IIN, the end read as another day and the issue date not read
    misread = {fields.IIN: "900101300025", fields.COURSE_START: "2025-02-03", fields.COURSE_END: "2025-02-11"}
    wrong = _reading(("Сейітова Айгүл Бекболатқызы",), misread)
    assert _counts(score_document(label, wrong)) == ((0, 1, 0), (0, 1, 0), (1, 1, 1))
    assert _counts(score_document(label, _reading())) == ((0, 0, 1), (0, 0, 1), (0, 0, 3))
    assert _counts(score_document(label, None)) == ((0, 0, 1), (0, 0, 1), (0, 0, 3))


def test_the_iin_is_found_under_any_of_its_keys_and_names_among_many() -> None:
    label = _label(holder_names=HOLDER, iin=IIN)
    form = _reading(("Иванов Пётр Сергеевич", "Утегенов Ерлан Муратович"), {form_entries.IIN: IIN})
    assert _counts(score_document(label, form))[:2] == ((1, 0, 0), (1, 0, 0))
    second = _reading(found={fields.IIN: "123456789012", f"{fields.IIN}.2": IIN})
    assert _counts(score_document(label, second))[1] == (1, 0, 0)


def test_documents_without_truth_are_not_scored() -> None:
    unknown = _label()
    assert score_document(unknown, _reading(("Утегенов Ерлан Муратович",), {fields.IIN: IIN})).documents == 0
    case = SampleCase(
        submission_id="2026-900001", folder="2026-900001", title="t", profile="eval", expected_decision="accepted",
        expected_checks=frozenset(), expected_grounds=(), languages=frozenset({"kk"}), scanned=False,
    )  # fmt: skip
    assert field_report([(case, unknown, None)]) == []


def test_the_report_groups_by_how_each_document_was_captured() -> None:
    case = SampleCase(
        submission_id="2026-900001", folder="2026-900001", title="t", profile="field", expected_decision="accepted",
        expected_checks=frozenset(), expected_grounds=(), languages=frozenset({"ru"}), scanned=True,
        tags=frozenset({"photo", "clean"}),
    )  # fmt: skip
    photo = _label(holder_names=HOLDER, rendering="jpeg", language="ru")
    digital = _label(iin=IIN)  # the egov record stays born digital in a photographed submission
    assert (document_capture(case, photo), document_capture(case, digital)) == ("photo", "born_digital")
    pairs: list[Pair] = [(case, photo, _reading(("Утегенов Ерлан Муратович",))), (case, digital, _reading())]
    text = "\n".join(field_report(pairs))
    assert "names:                  1/1 (100%) · 0 wrong · 0 not found" in text
    assert "IINs:                   0/1 (0%) · 0 wrong · 1 not found" in text
    assert "| photo | 1 | 1/1 (100%) · 0 wrong · 0 not found | - | - |" in text
    assert "| born_digital | 1 | - | 0/1 (0%) · 0 wrong · 1 not found | - |" in text
    assert "| kk | 1 |" in text and "| ru | 1 |" in text
    assert text.endswith(f"field misses (submission, file: printed, read):\n  2026-900001 a.pdf: IIN {IIN} read []")
    # two seeds' sets reuse their submission ids: with each pair's seed, the misses say which set
    seeded = "\n".join(field_report(pairs, seeds=[9130, 9131]))
    assert seeded.endswith(f"\n  seed 9131 2026-900001 a.pdf: IIN {IIN} read []")


def test_the_runs_readings_come_from_the_readers_cache(tmp_path: Path) -> None:
    """Every listed document's cached reading under the name the submission lists it by; when one has
    none (an unreadable file is not cached), the others still."""
    files = {"kurs.pdf": b"course bytes", "diplom.pdf": b"diploma bytes"}
    listed = documents(("kurs.pdf", "course_certificate"), ("diplom.pdf", "diploma"))
    write_folder(tmp_path, manifest_dict(documents=listed), files)
    settings = Settings(storage=str(tmp_path), notices=False)
    digests = {name: hashlib.sha256(data).hexdigest() for name, data in files.items()}
    keys = {d["file"]: reading_key(digests[d["file"]], d["kind"], settings) for d in listed}  # type: ignore[arg-type]
    for name, key in keys.items():
        path = tmp_path / key
        path.parent.mkdir(parents=True, exist_ok=True)
        cached = _reading((f"Holder of {name}",)).model_copy(update={"file": "named-when-first-read.pdf"})
        path.write_text(cached.model_dump_json())
    golden = json.loads((Path(__file__).parents[1] / "golden" / "2026-000101.json").read_text())
    verdict = Verdict.model_validate(
        golden
        | {"submission_id": SUBMISSION_ID, "decided_at": "2026-09-15T02:00:00+05:00"}
        | {"documents": [{"file": d["file"], "declared_kind": d["kind"], "sha256": digests[d["file"]]} for d in listed]}
    )
    both = cached_readings(settings, verdict)
    assert {f: [n.value for n in r.names] for f, r in both.items()} == {
        "kurs.pdf": ["Holder of kurs.pdf"],
        "diplom.pdf": ["Holder of diplom.pdf"],
    }
    (tmp_path / keys["diplom.pdf"]).unlink()
    assert list(cached_readings(settings, verdict)) == ["kurs.pdf"]
