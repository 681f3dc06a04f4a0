"""Reading a notice back the way a teacher's viewer would: text per column, per page."""

import io
import re
from dataclasses import dataclass

import pdfplumber


@dataclass(frozen=True)
class PageText:
    whole: str
    kk: str  # the left column (and anything full-width above the table, left half)
    ru: str  # the right column


def flat(text: str) -> str:
    """Lines joined with spaces: wrapping happens at spaces, so this restores the written text."""
    return re.sub(r"\s+", " ", text).strip()


def pages(pdf: bytes) -> list[PageText]:
    out = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            mid = page.width / 2
            left = page.crop((0, 0, mid, page.height)).extract_text() or ""
            right = page.crop((mid, 0, page.width, page.height)).extract_text() or ""
            out.append(PageText(flat(page.extract_text() or ""), flat(left), flat(right)))
    return out


def in_order(text: str, parts: list[str]) -> bool:
    """Every part occurs in `text`, each after the one before it."""
    at = 0
    for part in parts:
        found = text.find(part, at)
        if found < 0:
            return False
        at = found + len(part)
    return True
