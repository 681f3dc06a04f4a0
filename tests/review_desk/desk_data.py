"""A storage folder with cases waiting for an operator, written directly (no pipeline run needed)."""

from __future__ import annotations

import io
import json
import re
from datetime import date, datetime, timedelta
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from models.astana_time import ASTANA
from models.verdict import Finding, Message, Verdict, VerdictDocument
from review_desk.auth import hash_password
from tests.submissions import CONFIRM_EXPERT, IIN, NAME, ORGANIZATION, POSITION, applicant, documents, manifest_dict

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
CASE = "2026-000321"
LATER = "2026-000322"
OVERDUE = "2026-000320"
USER = "aigerim"
OTHER_USER = "dana"
PASSWORD = "correct horse battery staple"
MAIDEN = "Серікова Гүлнар Серікқызы"


def _dejavu() -> None:
    if "DejaVu" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVu", FONT))


def text_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with a text layer: one line of 14 pt text each."""
    _dejavu()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setFont("DejaVu", 14)
    for i, line in enumerate(lines):
        c.drawString(80, A4[1] - 120 - 26 * i, line)
    c.save()
    return buf.getvalue()


def diploma_pdf() -> bytes:
    """A diploma-like document with the maiden name the check doubted, and an appendix page after it."""
    _dejavu()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    width, height = A4
    c.setLineWidth(3)
    c.rect(30, 30, width - 60, height - 60)
    c.setFont("DejaVu", 22)
    c.drawCentredString(width / 2, height - 120, "ДИПЛОМ")
    c.setFont("DejaVu", 13)
    lines = [
        "Осы диплом",
        MAIDEN,
        "2009 жылы Павлодар мемлекеттік педагогикалық университетін",
        "«Математика» мамандығы бойынша бітіргенін куәландырады.",
        "",
        "Настоящий диплом выдан",
        "Сериковой Гульнар Сериковне",
        "в том, что она окончила Павлодарский",
        "государственный педагогический университет.",
        "",
        "Тіркеу нөмірі / Регистрационный номер: ЖБ-Б 0412345",
        "Берілген күні / Дата выдачи: 26.06.2009",
    ]
    y = height - 190
    for line in lines:
        c.drawCentredString(width / 2, y, line)
        y -= 24
    c.showPage()
    c.setFont("DejaVu", 16)
    c.drawCentredString(width / 2, height - 120, "Дипломға қосымша / Приложение к диплому")
    c.setFont("DejaVu", 12)
    for i, subject in enumerate(("Математикалық талдау — 5", "Алгебра — 5", "Педагогика — 4")):
        c.drawString(90, height - 190 - 22 * i, subject)
    c.save()
    return buf.getvalue()


def course_png() -> bytes:
    """A small scanned-looking certificate (an image file), for the Pillow rendering path."""
    image = Image.new("RGB", (900, 640), "#f7f3e8")
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 26)
    draw.rectangle((12, 12, 888, 628), outline="#6b5b2e", width=4)
    draw.text((250, 80), "СЕРТИФИКАТ", font=font, fill="#222")
    draw.text((90, 200), NAME, font=font, fill="#222")
    draw.text((90, 260), "Біліктілікті арттыру курсы, 72 сағат", font=font, fill="#444")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def manifest(sid: str, submitted_at: datetime) -> dict[str, object]:
    data = manifest_dict(
        submission_id=sid,
        submitted_at=submitted_at.isoformat(),
        applicant=applicant(position=POSITION, organization=ORGANIZATION),
        request=CONFIRM_EXPERT,
        state_records={"diploma": False, "employment": True},
        documents=documents(("diploma.pdf", "diploma"), ("course.png", "course_certificate")),
    )
    del data["provider"]
    return data


def review_verdict(sid: str, submitted_at: datetime, due_by: date) -> Verdict:
    findings = (
        Finding(
            check="identity.name_mismatch",
            status="review",
            document="diploma.pdf",
            message=Message(
                kk="«diploma.pdf» құжатында басқа тегі бар (бұрынғы тегі болуы мүмкін). Маман тексереді.",
                ru="В документе «diploma.pdf» другая фамилия (возможно, девичья). Проверит специалист.",
            ),
            evidence={
                "reason": "maiden",
                "expected": NAME,
                "found": [{"name": MAIDEN, "result": "maiden", "confidence": 91.4}],
                "page": 1,
                "line": f"Осы диплом {MAIDEN}",
                "confidence": 91.4,
            },
        ),
        Finding(
            check="extraction.low_confidence",
            status="review",
            document="course.png",
            message=Message(
                kk="«course.png» файлының мәтіні сенімсіз танылды (ең төменгі сенімділік 52%). Маман тексереді.",
                ru="Текст файла «course.png» распознан неуверенно (наименьшая уверенность 52%). Проверит специалист.",
            ),
            evidence={"pages": [1], "confidence": [52.3], "min_confidence": 70.0},
        ),
        Finding(
            check="consent.missing",
            status="pass",
            message=Message(kk="Келісім берілген.", ru="Согласие дано."),
        ),
    )
    return Verdict(
        submission_id=sid,
        revision=1,
        decision="needs_review",
        grounds=(),
        findings=findings,
        documents=(
            VerdictDocument(
                file="diploma.pdf", declared_kind="diploma", detected_kind="diploma", text_source="text_layer", pages=2
            ),
            VerdictDocument(
                file="course.png",
                declared_kind="course_certificate",
                detected_kind="course_certificate",
                text_source="ocr",
                pages=1,
            ),
        ),
        submitted_at=submitted_at.isoformat(),
        registered_on=due_by - timedelta(days=1),
        due_by=due_by,
        decided_at=submitted_at + timedelta(hours=6),
        applicant_iin=IIN,
    )


def write_case(root: Path, sid: str, due_by: date) -> None:
    submitted = datetime.combine(due_by - timedelta(days=2), datetime.min.time(), ASTANA).replace(hour=11)
    folder = root / "submissions" / sid
    folder.mkdir(parents=True)
    (folder / "diploma.pdf").write_bytes(diploma_pdf())
    (folder / "course.png").write_bytes(course_png())
    (folder / "manifest.json").write_text(json.dumps(manifest(sid, submitted), ensure_ascii=False, indent=2))
    raw = review_verdict(sid, submitted, due_by).to_json()
    (root / "verdicts").mkdir(exist_ok=True)
    (root / "verdicts" / f"{sid}.json").write_bytes(raw)
    (root / "verdict-history" / sid).mkdir(parents=True)
    (root / "verdict-history" / sid / "0001.json").write_bytes(raw)


def write_storage(root: Path, today: date) -> None:
    """Three cases: OVERDUE two days past its due date, CASE due tomorrow, LATER due in three days."""
    write_case(root, LATER, today + timedelta(days=3))
    write_case(root, CASE, today + timedelta(days=1))
    write_case(root, OVERDUE, today - timedelta(days=2))


def write_users(path: Path) -> None:
    # A cheaper scrypt cost than production: the parameters travel with the hash, tests stay fast.
    users = {name: hash_password(PASSWORD, n=2**12) for name in (USER, OTHER_USER)}
    path.write_text(json.dumps({"users": users}))


def history(root: Path, sid: str) -> list[Verdict]:
    folder = root / "verdict-history" / sid
    return [Verdict.model_validate_json(p.read_bytes()) for p in sorted(folder.glob("*.json"))]


def csrf_from(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    if match is None:
        raise LookupError("no CSRF field in the page")
    return match.group(1)
