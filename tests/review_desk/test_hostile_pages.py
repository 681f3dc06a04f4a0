"""Hostile documents on the desk: no page blocks other operators, costs unbounded memory, speaks in
the desk's log or turns text around on screen; every response carries the security headers."""

from __future__ import annotations

import io
import threading
import time
import warnings
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from PIL import Image

from models.verdict import Verdict, VerdictDocument
from review_desk.app import create_app
from review_desk.page_images import PageRenderer, PageUnavailable, RenderLimits
from tests.review_desk.desk_client import Desk, open_desk
from tests.review_desk.desk_data import CASE, LATER, PASSWORD, USER, csrf_from
from tests.review_desk.hostile_files import flat_png, million_lines_pdf
from tests.review_desk.serving import serving

RENDER_LIMIT_S = 4.0


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    with open_desk(tmp_path, render_limits=RenderLimits(timeout_s=RENDER_LIMIT_S)) as opened:
        yield opened


def _peak_rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:")) / 1024


def _reset_peak_rss() -> None:
    with open("/proc/self/clear_refs", "w", encoding="ascii") as fh:
        fh.write("5")  # resets VmHWM to the current resident size


@pytest.mark.slow
def test_a_page_that_draws_for_minutes_blocks_no_other_operator(desk: Desk) -> None:
    """A 44 KB PDF drawing one line a million times (106 s under the old global pdfium lock) is
    stopped at the render limit, and another page is drawn meanwhile."""
    (desk.root / "submissions" / LATER / "diploma.pdf").write_bytes(million_lines_pdf())
    with serving(create_app(desk.config)) as base, httpx.Client(base_url=base, timeout=60) as client:
        page = client.get("/login")
        form = {"csrf": csrf_from(page.text), "username": USER, "password": PASSWORD}
        assert client.post("/login", data=form).status_code == 303
        hostile: list[tuple[int, float]] = []

        def draw_hostile() -> None:
            started = time.monotonic()
            status = client.get(f"/case/{LATER}/image?file=diploma.pdf&page=1").status_code
            hostile.append((status, time.monotonic() - started))

        # Two operators open the hostile page at once: it is drawn once, in one of the two worker slots.
        threads = [threading.Thread(target=draw_hostile) for _ in range(2)]
        for thread in threads:
            thread.start()
        time.sleep(0.5)  # the hostile page is being drawn
        started = time.monotonic()
        other = client.get(f"/case/{CASE}/image?file=diploma.pdf&page=1")
        other_s = time.monotonic() - started
        queue_s = time.monotonic()
        assert client.get("/").status_code == 200
        queue_s = time.monotonic() - queue_s
        assert other.status_code == 200 and other.headers["content-type"] == "image/png"
        assert other_s < RENDER_LIMIT_S - 0.5, f"another operator's page waited {other_s:.1f} s"
        assert queue_s < 2, f"the queue waited {queue_s:.1f} s"
        assert any(thread.is_alive() for thread in threads), "the hostile page was drawn before the other one"
        for thread in threads:
            thread.join(timeout=RENDER_LIMIT_S + 20)
        assert [status for status, _ in hostile] == [422, 422]
        assert all(seconds < RENDER_LIMIT_S + 5 for _, seconds in hostile)
        # Asked again, the page is not drawn again: its failure is remembered.
        started = time.monotonic()
        assert client.get(f"/case/{LATER}/image?file=diploma.pdf&page=1").status_code == 422
        assert time.monotonic() - started < 1.0


@pytest.mark.slow
def test_crops_of_a_huge_image_stay_within_the_memory_bounds() -> None:
    """A 10000 x 11000 RGBA PNG (a few hundred KB, inside max_page_pixels): four concurrent crops
    took 3.9 GB in the desk. Now the desk's own memory does not grow with it, and each worker
    stays under 650 MB."""
    data = flat_png(10_000, 11_000, rgba=True)
    assert len(data) < 1_000_000
    renderer = PageRenderer(RenderLimits(timeout_s=60, concurrent=2))
    crops = [(0.1 * i, 0.1, 0.1 * i + 0.3, 0.5) for i in range(4)]
    _reset_peak_rss()
    before = _peak_rss_mb()
    with ThreadPoolExecutor(4) as pool:
        pages = list(pool.map(lambda crop: renderer.render(data, 1, crop), crops))
    grown = _peak_rss_mb() - before
    assert grown < 150, f"the desk process grew by {grown:.0f} MB"
    for page in pages:
        assert 0 < page.peak_kb / 1024 < 650, f"a worker peaked at {page.peak_kb / 1024:.0f} MB"
        assert Image.open(io.BytesIO(page.png)).width > 0


def test_a_page_beyond_the_memory_limit_fails_alone() -> None:
    """A worker that would need more than its address-space limit says so; the desk carries on."""
    renderer = PageRenderer(RenderLimits(timeout_s=30, memory_bytes=250 * 1024 * 1024))
    with pytest.raises(PageUnavailable, match="more memory"):
        renderer.render(flat_png(6_000, 6_000, rgba=True), 1)  # 144 MB decoded, beside the worker's own
    assert renderer.render(flat_png(1_000, 1_000, rgba=True), 1).png  # a page within the limit is drawn


def test_pillow_warnings_stay_out_of_the_desk(desk: Desk, capfd: pytest.CaptureFixture[str]) -> None:
    """A 90-megapixel page makes Pillow warn of a decompression bomb; the warning is the worker's affair."""
    (desk.root / "submissions" / CASE / "course.png").write_bytes(flat_png(10_000, 9_000, rgba=False))
    assert desk.login() == 303
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        response = desk.client.get(f"/case/{CASE}/image?file=course.png&page=1")
    assert response.status_code == 200
    out, err = capfd.readouterr()
    assert not [w for w in caught if "PIL" in w.filename or "pixels" in str(w.message)]
    assert "DecompressionBomb" not in out + err and "pixels" not in out + err


def test_bidi_controls_are_shown_as_escapes(desk: Desk) -> None:
    path = desk.root / "verdicts" / f"{CASE}.json"
    verdict = Verdict.model_validate_json(path.read_bytes())
    spoof = "invoice\u202egpj.exe"
    doc = VerdictDocument(file=spoof, declared_kind="essay", detected_kind=None, text_source="none", pages=None)
    path.write_bytes(verdict.model_copy(update={"documents": (*verdict.documents, doc)}).to_json())
    assert desk.login() == 303
    html = desk.client.get(f"/case/{CASE}").text
    assert "\u202e" not in html
    assert "invoice\\u202egpj.exe" in html


def test_every_response_carries_the_security_headers(desk: Desk) -> None:
    anonymous = {
        "/login": 200,
        "/": 303,
        f"/case/{CASE}/image?file=diploma.pdf&page=1": 401,
        "/no/such/route": 404,
    }
    responses = [(path, desk.client.get(path), status) for path, status in anonymous.items()]
    assert desk.login() == 303
    forbidden = desk.client.post(f"/case/{CASE}/decide", data={"action": "accept", "revision": "1"})
    responses += [
        ("decide without csrf", forbidden, 403),
        ("unknown case", desk.client.get("/case/2026-999999"), 404),
        ("bad page", desk.client.get(f"/case/{CASE}/image?file=diploma.pdf&page=0"), 400),
    ]
    for what, response, status in responses:
        assert response.status_code == status, what
        assert "frame-ancestors 'none'" in response.headers.get("content-security-policy", ""), what
        assert response.headers.get("x-content-type-options") == "nosniff", what
        assert response.headers.get("referrer-policy") == "no-referrer", what
        assert response.headers.get("cache-control") == "no-store", what
