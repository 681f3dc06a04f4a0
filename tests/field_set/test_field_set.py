"""The field set: valid manifests, files that open, consistent labels, same bytes for the same seed,
and no code borrowed from sample_set (only its label models)."""

from __future__ import annotations

import ast
import hashlib
import io
import json
import random
import re
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import jsonschema
import pypdfium2 as pdfium
import pytest
from PIL import Image

from field_set import build_field_set
from field_set.build import build_case
from field_set.people import Name, kk_dative, ru_case
from field_set.records import count_words, essay_text
from field_set.scenarios import plans
from sample_set.labels import SampleCase
from tests.paths import ROOT

NOW = datetime(2026, 10, 20, 11, 0, tzinfo=timezone(timedelta(hours=5)))
SEED = 4242
CASES = 8  # two per capture kind, one clean and one defective each
SCHEMA = json.loads((ROOT / "models" / "schemas" / "manifest.schema.json").read_text(encoding="utf-8"))
CAPTURES = {"born_digital", "scan", "turned_scan", "photo"}
Built = tuple[Path, tuple[SampleCase, ...]]
_PRINTED_DATES = {  # how many dates the checks read each kind prints (the form: its date, and a held category's end)
    "application": (1, 2), "diploma": (1,), "course_certificate": (3,), "category_certificate": (2,),
    "category_order": (1,), "professional_achievements": (1,),
}  # fmt: skip


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("field")
    return root, build_field_set(root, seed=SEED, now=NOW, cases=CASES)


def _iin_ok(iin: str) -> bool:
    d = [int(c) for c in iin]
    r = sum((i + 1) * d[i] for i in range(11)) % 11
    if r == 10:
        r = sum(((i + 2) % 11 + 1) * d[i] for i in range(11)) % 11
    return len(iin) == 12 and r != 10 and r == d[11]


def test_manifests_match_the_schema_and_the_labels(built: Built) -> None:
    root, cases = built
    validator = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    assert len(cases) == CASES
    for case in cases:
        assert re.fullmatch(r"\d{4}-9\d{5}", case.submission_id)
        manifest = json.loads((root / "submissions" / case.folder / "manifest.json").read_text(encoding="utf-8"))
        validator.validate(manifest)
        assert manifest["submission_id"] == case.submission_id == case.folder
        assert manifest["submitted_at"] == case.submitted_at
        assert manifest["applicant"]["iin"] == case.applicant_iin and _iin_ok(case.applicant_iin)
        assert [d["file"] for d in manifest["documents"]] == [d.file for d in case.documents]
        assert datetime.fromisoformat(manifest["submitted_at"]) < NOW


def test_every_listed_file_exists_and_opens(built: Built) -> None:
    root, cases = built
    for case in cases:
        for doc in case.documents:
            data = (root / "submissions" / case.folder / doc.file).read_bytes()
            if doc.rendering in ("pdf", "scan_pdf"):
                assert data.startswith(b"%PDF")
                pdf = pdfium.PdfDocument(data)
                assert len(pdf) >= 1
                assert pdf[0].render(scale=0.2).to_pil().size[0] > 10
                has_text = bool(pdf[0].get_textpage().get_text_range().strip())
                assert has_text == (doc.rendering == "pdf"), doc.file
                pdf.close()
            else:
                with Image.open(io.BytesIO(data)) as img:
                    assert img.format == {"jpeg": "JPEG", "png": "PNG", "tiff": "TIFF"}[doc.rendering]
                    img.load()


def test_labels_are_consistent(built: Built) -> None:
    _, cases = built
    for case in cases:
        assert case.profile == "field"
        assert len(case.tags & CAPTURES) == 1, case.tags
        assert len(case.languages) == 1 and case.languages <= {"kk", "ru"}
        if case.expected_decision == "accepted":
            assert not case.expected_checks and not case.expected_grounds and "clean" in case.tags
            assert case.essay_word_count is not None and 250 < case.essay_word_count < 300
        elif case.expected_decision == "refused":
            assert case.expected_grounds and all(s == "fail" for _, s in case.expected_checks)
        else:
            assert case.expected_decision == "needs_review" and not case.expected_grounds
            assert all(s == "review" for _, s in case.expected_checks)
        for doc in case.documents:
            assert doc.content_kind == doc.declared_kind and doc.language in ("kk", "ru")
            # what a reader ought to find: a holder's name wherever one is printed, the applicant's IIN
            # on the form and the egov record, the dates the checks read (a course: start, end, issue)
            assert bool(doc.holder_names) == (doc.holder_text is not None)
            assert doc.iin == (
                case.applicant_iin if doc.declared_kind in ("application", "employment_record") else None
            )
            assert all(date.fromisoformat(d) for d in doc.dates)
            assert len(doc.dates) in _PRINTED_DATES.get(doc.declared_kind, (0,)), doc
        if "born_digital" in case.tags:
            assert all(d.rendering == "pdf" for d in case.documents)
    captured = {c.expected_decision for c in cases}
    assert "accepted" in captured and captured - {"accepted"}


def test_same_seed_gives_same_bytes(built: Built, tmp_path: Path) -> None:
    """Rebuilding two of the cases (a photo and a turned scan, the costly ones) gives the same files."""
    root, cases = built
    moment = NOW.replace(microsecond=0)
    picked = [p for p in plans(SEED, CASES) if p.capture in ("photo", "turned_scan")][:2]
    for plan in picked:
        again = build_case(plan, tmp_path, seed=SEED, now=moment)
        assert again in cases
        first, second = root / "submissions" / again.folder, tmp_path / "submissions" / again.folder
        names = sorted(p.name for p in first.iterdir())
        assert names == sorted(p.name for p in second.iterdir())
        for name in names:
            digest = hashlib.sha256((first / name).read_bytes()).hexdigest()
            assert hashlib.sha256((second / name).read_bytes()).hexdigest() == digest, name


def test_names_take_their_case_forms() -> None:
    kk = Name("Өтегенов", "Ерлан", "Мұратұлы")
    ru = Name("Утегенов", "Ерлан", "Муратович")
    assert kk_dative(kk) == "Өтегенов Ерлан Мұратұлына"
    assert kk_dative(Name("Петрова", "Елена", "Николаевна")) == "Петрова Елена Николаевнаға"
    assert ru_case(ru, False, "dat") == "Утегенову Ерлану Муратовичу"
    assert ru_case(ru, False, "gen") == "Утегенова Ерлана Муратовича"
    assert ru_case(Name("Сарсенбаева", "Динара", "Болатовна"), True, "dat") == "Сарсенбаевой Динаре Болатовне"
    assert ru_case(Name("Сарсенбаева", "Гульнар", "Болатовна"), True, "gen") == "Сарсенбаевой Гульнар Болатовны"


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_essays_hold_the_words_asked_for(lang: str) -> None:
    for words in (200, 256, 294, 340):
        title, body = essay_text(random.Random(words), lang, words, "Өтегенов Ерлан Мұратұлы")
        assert count_words(title) + 3 + count_words(body) == words


def test_field_set_borrows_nothing_from_sample_set_but_the_labels() -> None:
    wrong = []
    for path in sorted((ROOT / "field_set").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            wrong += [
                f"{path.name}: {n}" for n in names if n.split(".")[0] == "sample_set" and n != "sample_set.labels"
            ]
        text = path.read_text(encoding="utf-8")
        wrong += [f"{path.name}: {m}" for m in re.findall(r"sample_set\.(?!labels\b)\w+", text)]
    assert not wrong, wrong


def test_a_paper_of_two_sheets_photographed_is_one_pdf_of_two_photos() -> None:
    """A phone photo holds one sheet: a paper of two is photographed sheet by sheet and joined into one
    PDF, as a phone's scanning app does (drawing such a paper as a photo used to stop the build)."""
    from reportlab.pdfgen import canvas

    from field_set.capture import capture

    out = io.BytesIO()
    sheet = canvas.Canvas(out)
    for text in ("first sheet", "second sheet"):
        sheet.drawString(100, 700, text)
        sheet.showPage()
    sheet.save()
    got = capture(random.Random(1), out.getvalue(), "photo")
    doc = pdfium.PdfDocument(got.data)
    try:
        assert got.extension == "pdf" and got.quality == "photo" and len(doc) == 2
        assert all(not doc[i].get_textpage().get_text_range().strip() for i in range(2))  # pictures, no text layer
    finally:
        doc.close()


def test_a_held_category_valid_until_29_february_was_granted_five_years_before() -> None:
    """Field seeds 9140-9141 would not build: a validity ending on 29 February 2028 has no day five years
    before it. Such a category was granted on 28 February."""
    from field_set.facts import make_facts
    from field_set.people import make_person

    submitted = datetime(2025, 1, 10, 12, tzinfo=UTC)  # validity ends drawn up to 2029
    leap_ends = 0
    for n in range(20000):
        rng = random.Random(f"leap:{n}")
        facts = make_facts(rng, make_person(rng, female=True), "kk", submitted, "pedagog_moderator", "confirm")
        held = facts.held
        assert held is not None and held.issued < held.valid_until
        assert held.valid_until.year - held.issued.year == 5
        leap_ends += (held.valid_until.month, held.valid_until.day) == (2, 29)
        if leap_ends:
            break
    assert leap_ends  # the draw reached the leap day
