"""What a reviewer needs to decide from the desk: every page of every document, the finding's words
marked on the page, the interface in Kazakh and Russian with names for codes, overdue cases, and a
confirmation before another operator's decision is replaced."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from models.verdict import Finding, Message, Verdict
from tests.review_desk.desk_client import Desk, open_desk
from tests.review_desk.desk_data import CASE, IIN, NAME, OTHER_USER, OVERDUE, USER, csrf_from, history, text_pdf


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    with open_desk(tmp_path) as opened:
        yield opened


def _png(desk: Desk, url: str) -> Image.Image:
    response = desk.client.get(url.replace("&amp;", "&"))
    assert response.status_code == 200, (url, response.text[:200])
    assert response.headers["content-type"] == "image/png"
    return Image.open(io.BytesIO(response.content)).convert("RGB")


def _marked_pixels(image: Image.Image) -> int:
    """Pixels of the marks' yellow (a page of black text on white has none)."""
    return sum(1 for r, g, b in image.getdata() if r > 230 and 190 < g < 245 and b < 190)


def test_every_page_of_every_document_can_be_opened(desk: Desk) -> None:
    assert desk.login() == 303
    html = desk.client.get(f"/case/{CASE}").text
    links = re.findall(r'href="(/case/[^"]+/page\?file=[^"]+)"', html)
    pages = {link.replace("&amp;", "&") for link in links}
    assert {f"/case/{CASE}/page?file=diploma.pdf&page={n}" for n in (1, 2)} <= pages
    assert f"/case/{CASE}/page?file=course.png&page=1" in pages
    viewer = desk.client.get(f"/case/{CASE}/page?file=diploma.pdf&page=2")
    assert viewer.status_code == 200
    assert "стр. 2 из 2" in viewer.text and 'rel="prev"' in viewer.text and 'rel="next"' not in viewer.text
    source = re.search(r'<img src="([^"]+)"', viewer.text)
    assert source is not None
    appendix = _png(desk, source.group(1))
    assert appendix.width > 500
    first = _png(desk, f"/case/{CASE}/image?file=diploma.pdf&page=1")
    assert list(first.getdata()) != list(appendix.getdata())  # another page, not the first again
    # A file of another case, or one the case does not list, is not shown through the viewer.
    assert desk.client.get(f"/case/{CASE}/page?file=manifest.json&page=1").status_code == 404


def test_the_words_a_finding_rests_on_are_marked_on_the_page(desk: Desk) -> None:
    """The maiden name the check doubted is found in the PDF's text layer; the name on the scanned
    certificate (a PNG) by Tesseract on the desk's side."""
    assert desk.login() == 303
    html = desk.client.get(f"/case/{CASE}").text
    assert "image?file=diploma.pdf&amp;page=1&amp;finding=0" in html
    plain = _png(desk, f"/case/{CASE}/image?file=diploma.pdf&page=1")
    marked = _png(desk, f"/case/{CASE}/image?file=diploma.pdf&page=1&finding=0")
    assert _marked_pixels(plain) == 0
    assert _marked_pixels(marked) > 2000
    # The mark lies on the line of the name (the second line of text, in the upper third of the page).
    rows = [
        y for y in range(marked.height) if any(_is_mark(marked.getpixel((x, y))) for x in range(0, marked.width, 4))
    ]
    assert rows and 0.2 < rows[0] / marked.height < 0.3
    # A finding about another file marks nothing on this one; an unknown finding number neither.
    assert _marked_pixels(_png(desk, f"/case/{CASE}/image?file=diploma.pdf&page=1&finding=1")) == 0
    assert _marked_pixels(_png(desk, f"/case/{CASE}/image?file=diploma.pdf&page=1&finding=99")) == 0


def _is_mark(pixel: tuple[int, int, int]) -> bool:
    r, g, b = pixel
    return r > 230 and 190 < g < 245 and b < 190


def test_ocr_words_are_marked_on_a_scan(desk: Desk, tmp_path: Path) -> None:
    assert desk.login() == 303
    verdict_path = desk.root / "verdicts" / f"{CASE}.json"
    text = verdict_path.read_text()
    # The low-confidence finding on the certificate, with the holder's name it read.
    text = text.replace('"min_confidence": 70.0', '"min_confidence": 70.0, "text": "Серікқызы"')
    verdict_path.write_text(text)
    marked = _png(desk, f"/case/{CASE}/image?file=course.png&page=1&finding=1")
    assert _marked_pixels(marked) > 300


def test_interface_in_kazakh_and_russian_with_names_for_codes(desk: Desk) -> None:
    assert desk.login() == 303
    russian = desk.client.get(f"/case/{CASE}").text
    assert "подтверждение категории: педагог-эксперт" in russian
    assert "Государственные базы" in russian and "диплом: нет" in russian
    for raw in ("assign pedagog_expert", "confirm pedagog_expert", "State records", "diploma no", ">review<"):
        assert raw not in russian
    switched = desk.client.get(f"/lang/kk?next=/case/{CASE}")
    assert switched.status_code == 303 and switched.headers["location"] == f"/case/{CASE}"
    kazakh = desk.client.get(f"/case/{CASE}").text
    assert '<html lang="kk">' in kazakh
    assert "санатты растау: педагог-сарапшы" in kazakh and "Мемлекеттік дерекқорлар" in kazakh
    assert "бұрынғы тегі" in kazakh  # the finding's message in the chosen language
    assert "Стол проверки" not in kazakh and "Тексеру үстелі" in kazakh
    # The switch goes back only to a path of this desk.
    assert desk.client.get("/lang/ru?next=//evil.example/").headers["location"] == "/"
    assert desk.client.get("/lang/ru?next=https://evil.example/").headers["location"] == "/"


def test_overdue_cases_stand_out_in_the_queue(desk: Desk) -> None:
    assert desk.login() == 303
    queue = desk.client.get("/").text
    row = re.search(rf'<tr class="overdue">\s*<td><a href="/case/{OVERDUE}">', queue)
    assert row is not None
    assert "просрочено на 2 дн." in queue
    assert queue.count('class="overdue"') == 1  # the others are not late
    assert "просрочено на 2 дн." in desk.client.get(f"/case/{OVERDUE}").text


def test_replacing_another_operators_decision_asks_for_confirmation(desk: Desk) -> None:
    assert desk.login() == 303
    csrf, revision = desk.case_form()
    accepted = desk.client.post(
        f"/case/{CASE}/decide", data={"csrf": csrf, "revision": revision, "action": "accept", "note": "ok"}
    )
    assert accepted.status_code == 303
    with desk.another_client() as other:
        assert other.login(user=OTHER_USER) == 303
        page = other.client.get(f"/case/{CASE}").text
        assert f"Это заменит решение специалиста {USER}" in page
        assert f'name="confirm_replace" value="{USER}"' in page
        form = {"csrf": csrf_from(page), "revision": "2", "action": "refuse", "refuse": ["identity.name_mismatch"]}
        unconfirmed = other.client.post(f"/case/{CASE}/decide", data=form)
        assert unconfirmed.status_code == 409
        assert f"Решение специалиста {USER} не заменено" in unconfirmed.text
        assert len(history(desk.root, CASE)) == 2
        confirmed = other.client.post(f"/case/{CASE}/decide", data={**form, "confirm_replace": USER})
        assert confirmed.status_code == 303
    latest = history(desk.root, CASE)[-1]
    assert latest.revision == 3 and latest.decision == "refused" and latest.decided_by.name == OTHER_USER
    # The operator who decided may change their own decision without being asked.
    page = desk.client.get(f"/case/{CASE}").text
    assert f"Это заменит решение специалиста {OTHER_USER}" in page
    with desk.another_client() as again:
        assert again.login(user=OTHER_USER) == 303
        own = again.client.get(f"/case/{CASE}").text
        assert "confirm_replace" not in own


def test_a_finding_about_the_submissions_data_is_shown_on_the_application_form(desk: Desk) -> None:
    """An IIN that fails its checksum is about no file; the form that repeats it is shown, the IIN marked."""
    folder = desk.root / "submissions" / CASE
    (folder / "application.pdf").write_bytes(text_pdf(["Өтініш", f"ЖСН: {IIN}", NAME]))
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["documents"].append({"file": "application.pdf", "kind": "application"})
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False))
    path = desk.root / "verdicts" / f"{CASE}.json"
    verdict = Verdict.model_validate_json(path.read_bytes())
    iin = Finding(
        check="identity.iin_invalid",
        status="review",
        message=Message(kk="ЖСН бақылау санына сәйкес емес.", ru="ИИН не проходит проверку."),
        evidence={"iin": IIN},
    )
    path.write_bytes(verdict.model_copy(update={"findings": (*verdict.findings, iin)}).to_json())
    assert desk.login() == 303
    html = desk.client.get(f"/case/{CASE}").text
    url = f"/case/{CASE}/image?file=application.pdf&amp;page=1&amp;finding=2"
    assert url in html
    assert _marked_pixels(_png(desk, url)) > 500
