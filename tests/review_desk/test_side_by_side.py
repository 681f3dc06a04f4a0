"""The duplicate side by side: a cross-submission finding's two documents, the shared words marked on both."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from models.verdict import Finding, Message, Verdict
from tests.review_desk.desk_client import Desk, open_desk
from tests.review_desk.desk_data import CASE, LATER

REUSED = Finding(
    check="document.reused",
    status="review",
    document="diploma.pdf",
    message=Message(kk="«diploma.pdf» құжаты басқа өтініште де бар.", ru="Документ «diploma.pdf» есть и в другом заявлении."),
    evidence={
        "other_submission_ids": [LATER],
        "matches": [
            {"file": "diploma.pdf", "other_submission_id": LATER, "other_file": "diploma.pdf",
             "reason": "same_number", "number": "0412345"},
        ],
    },
)  # fmt: skip


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    with open_desk(tmp_path) as opened:
        current = opened.root / "verdicts" / f"{CASE}.json"
        verdict = Verdict.model_validate_json(current.read_bytes())
        current.write_bytes(verdict.model_copy(update={"findings": (*verdict.findings, REUSED)}).to_json())
        yield opened


def _yellow(desk: Desk, url: str) -> int:
    response = desk.client.get(url.replace("&amp;", "&"))
    assert response.status_code == 200 and response.headers["content-type"] == "image/png"
    image = Image.open(io.BytesIO(response.content)).convert("RGB")
    return sum(1 for r, g, b in image.getdata() if r > 230 and 190 < g < 245 and b < 190)


def test_a_reused_document_opens_side_by_side_with_the_number_marked_on_both(desk: Desk) -> None:
    assert desk.login() == 303
    case = desk.client.get(f"/case/{CASE}").text
    link = re.search(r'href="(/case/[^"]+/compare\?[^"]+)" class="compare"', case)
    assert link is not None and LATER in case
    page = desk.client.get(link.group(1).replace("&amp;", "&"))
    assert page.status_code == 200
    assert CASE in page.text and LATER in page.text and "<mark>0412345</mark>" in page.text
    images = re.findall(r'<img src="([^"]+)"', page.text)
    assert len(images) == 2 and f"/case/{LATER}/image" in images[1]
    assert all(_yellow(desk, url) > 300 for url in images)
    plain = f"/case/{LATER}/image?file=diploma.pdf&page=1"
    assert _yellow(desk, plain) == 0


def test_only_cross_submission_findings_compare(desk: Desk) -> None:
    assert desk.login() == 303
    assert desk.client.get(f"/case/{CASE}/compare?finding=0&match=0").status_code == 404  # a name finding
    assert desk.client.get(f"/case/{CASE}/compare?finding=2&match=7").status_code == 404  # no such match
