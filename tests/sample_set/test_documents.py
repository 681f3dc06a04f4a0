"""The documents say what their labels claim: names in the text layer, exact essay lengths, legible scans."""

import difflib
import functools
import re
from pathlib import Path

import pdfplumber
import pytesseract
import pytest
from PIL import Image

from sample_set import SampleCase

Built = tuple[Path, tuple[SampleCase, ...]]
_PAGE_NUMBER = re.compile(r"^\s*[-–—]?\s*\d{1,3}\s*[-–—]?\s*$")


@functools.cache
def _pages(path: Path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def _rule_count(pages: list[str]) -> int:
    """The contract's rule, written apart from the generator: no page numbers, re-joined hyphens,
    tokens split at white space and en/em dashes that hold a letter or a digit."""
    kept: list[str] = []
    for text in pages:
        lines = text.splitlines()
        while lines and _PAGE_NUMBER.match(lines[-1]):
            lines.pop()
        while lines and _PAGE_NUMBER.match(lines[0]):
            lines.pop(0)
        kept.append("\n".join(lines))
    joined = re.sub(r"(\w)-\n(\w)", r"\1\2", "\n".join(kept))
    return len([t for t in re.split(r"[\s\u2013\u2014]+", joined) if any(ch.isalnum() for ch in t)])


def _born_digital(built: Built) -> list[tuple[SampleCase, Path, int]]:
    root, cases = built
    out = []
    for c in cases:
        for i, d in enumerate(c.documents):
            if d.rendering == "pdf":
                out.append((c, root / "submissions" / c.folder / d.file, i))
    return out


@pytest.mark.parametrize("which", ["test_set", "eval_set"])
def test_essays_have_the_claimed_word_count(which: str, request: pytest.FixtureRequest) -> None:
    built: Built = request.getfixturevalue(which)
    essays = 0
    for case, path, i in _born_digital(built):
        doc = case.documents[i]
        if doc.content_kind != "essay":
            continue
        assert _rule_count(_pages(path)) == doc.words == case.essay_word_count, case.title
        if "essay_tricky" in case.tags:
            assert doc.office_words is not None and doc.words is not None and doc.office_words > doc.words
        elif "231" in case.title or "320" in case.title:
            assert doc.words == int(re.findall(r"\d{3}", case.title)[0])
        elif case.expected_decision == "accepted":
            assert doc.words is not None and 250 <= doc.words <= 300
        essays += 1
    assert essays >= 15


@pytest.mark.parametrize("which", ["test_set", "eval_set"])
def test_born_digital_pdfs_name_their_holder(which: str, request: pytest.FixtureRequest) -> None:
    built: Built = request.getfixturevalue(which)
    named = 0
    for case, path, i in _born_digital(built):
        doc = case.documents[i]
        if not doc.holder_text:
            continue
        text = " ".join(" ".join(_pages(path)).split())
        if doc.holder_text and doc.content_kind == "category_order":
            # a table cell may wrap a long name, and extraction interleaves the row's other cells
            assert all(w in text for w in doc.holder_text.split()), (case.title, doc.holder_text)
        elif doc.holder_text:
            assert doc.holder_text in text, (case.title, doc.file, doc.holder_text)
            named += 1
    assert named >= 50


def test_scans_have_no_text_layer(test_set: Built) -> None:
    root, cases = test_set
    scans = [(c, d) for c in cases for d in c.documents if d.rendering == "scan_pdf"]
    assert scans
    for c, d in scans:
        assert not "".join(_pages(root / "submissions" / c.folder / d.file)).strip()


def test_kazakh_letters_survive_the_text_layer(test_set: Built) -> None:
    root, cases = test_set
    case = next(c for c in cases if c.title.startswith("clean, Kazakh"))
    app = next(d for d in case.documents if d.content_kind == "application")
    text = " ".join(_pages(root / "submissions" / case.folder / app.file))
    assert "Педагогтің аттестаттау рәсіміне қатысуға өтініші" in text
    assert re.search(r"ЖСН:\s*\d{12}", text)


@pytest.mark.slow
def test_a_photographed_diploma_is_legible_to_tesseract(test_set: Built) -> None:
    """One OCR pass (about a second): the scans are degraded, not destroyed."""
    root, cases = test_set
    case = next(c for c in cases if c.scanned and c.expected_decision == "accepted")
    doc = next(d for d in case.documents if d.rendering == "jpeg" and d.content_kind == "diploma")
    assert doc.holder_text is not None
    with Image.open(root / "submissions" / case.folder / doc.file) as img:
        text = pytesseract.image_to_string(img, lang="kaz+rus")
    printed_surname = doc.holder_text.split()[0]
    words = re.findall(r"\w+", text)
    best = max(difflib.SequenceMatcher(None, printed_surname.lower(), w.lower()).ratio() for w in words)
    assert best >= 0.85, (printed_surname, text[:300])
