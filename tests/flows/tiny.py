"""A tiny born-digital submission for tests that exercise orchestration, not reading."""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from tests.submissions import ASSIGN_MODERATOR, IIN, NAME, applicant, manifest_dict, write_folder

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def pdf(lines: list[str]) -> bytes:
    if "DejaVu" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVu", FONT))
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.setFont("DejaVu", 10)
    y = 800
    for line in lines:
        c.drawString(40, y, line)
        y -= 14
    c.save()
    return buf.getvalue()


def essay_lines(words: int) -> list[str]:
    base = [
        "Мұғалім",
        "оқушылардың",
        "білімге",
        "деген",
        "қызығушылығын",
        "арттыру",
        "үшін",
        "жаңа",
        "әдістерді",
        "қолданады",
    ]
    tokens = [base[i % len(base)] for i in range(words)]
    return [" ".join(tokens[i : i + 12]) for i in range(0, words, 12)]


def write_submission(
    root: Path, sid: str, *, submitted_at: str = "2026-09-14T10:05:00+05:00", essay_words: int = 270
) -> None:
    docs = {
        "application.pdf": ("application", ["ӨТІНІШ", f"Т.А.Ә.: {NAME}", f"ЖСН: {IIN}"]),
        "essay.pdf": ("essay", essay_lines(essay_words)),
    }
    manifest = manifest_dict(
        submission_id=sid,
        submitted_at=submitted_at,
        applicant=applicant(),
        request=ASSIGN_MODERATOR,
        state_records={"diploma": True, "employment": True},
        documents=[{"file": name, "kind": kind} for name, (kind, _) in docs.items()],
    )
    del manifest["provider"]
    write_folder(root, manifest, {name: pdf(lines) for name, (_, lines) in docs.items()})
