"""The review desk in a real browser, in Russian and Kazakh: log in, see the overdue case, open every
page, see the doubted words marked, refuse, watch the queue update, and replace another operator's
decision only after confirming it.

Chromium comes from Debian (`make setup` installs it); Playwright's own browser download is not used.
Without /usr/bin/chromium the test skips, except in CI (CI=true), where a missing browser is a failure.
The screenshots in docs/ are made here on purpose only: `UPDATE_SCREENSHOT=1`.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest

from models.astana_time import ASTANA
from models.settings import Settings
from review_desk.app import DeskConfig, create_app
from tests.review_desk.desk_data import (
    CASE,
    OTHER_USER,
    OVERDUE,
    PASSWORD,
    USER,
    history,
    write_storage,
    write_users,
)
from tests.review_desk.serving import serving

CHROMIUM = Path("/usr/bin/chromium")
PROJECT = Path(__file__).resolve().parents[2]
OUTPUT = PROJECT / "test-output"
DOCS = PROJECT / "docs"
SCREENSHOT_DAY = date(2026, 9, 15)  # fixed dates: the committed screenshots do not change from day to day
SCREENSHOT_CLOCK = datetime.combine(SCREENSHOT_DAY, time(10, 0), ASTANA).timestamp()
WINDOW = {"width": 1280, "height": 900}
CHROMIUM_ARGS = [
    "--no-sandbox",  # tests run as root in containers
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

pytestmark = pytest.mark.slow


def _require_browser() -> None:
    if CHROMIUM.exists():
        return
    reason = f"{CHROMIUM} is missing (make setup installs the Debian chromium package)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason}; CI must run the browser test")
    pytest.skip(reason)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    root = tmp_path / "data"
    write_storage(root, SCREENSHOT_DAY)
    users = tmp_path / "users.json"
    write_users(users)
    config = DeskConfig(
        settings=Settings(storage=str(root), notice_pkcs12=None),
        users_file=users,
        secret="browser-test-secret-0123456789",
        clock=lambda: SCREENSHOT_CLOCK,
    )
    with serving(create_app(config)) as base:
        yield base, root


def _log_in(page: Any, base: str, user: str) -> None:
    page.goto(f"{base}/")
    assert page.url == f"{base}/login"
    page.fill("input[name=username]", user)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")


def _images_loaded(page: Any, selector: str) -> int:
    images = page.locator(selector)
    for i in range(images.count()):
        images.nth(i).scroll_into_view_if_needed()
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=images.nth(i).element_handle())
    page.evaluate("window.scrollTo(0, 0)")
    return int(images.count())


def _screenshot(page: Any, lang: str) -> None:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    shot = OUTPUT / f"review-desk-{lang}.png"
    page.screenshot(path=str(shot))
    if os.environ.get("UPDATE_SCREENSHOT") == "1":  # on purpose only, like the golden files
        shutil.copyfile(shot, DOCS / f"review-desk-{lang}.png")


def _fits_the_window(page: Any) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= WINDOW["width"], f"the page is {width} px wide in a {WINDOW['width']} px window"


def test_operator_decides_in_a_browser(served: tuple[str, Path]) -> None:
    _require_browser()
    from playwright.sync_api import sync_playwright

    base, root = served
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport=WINDOW)
            page.set_default_timeout(20_000)
            _log_in(page, base, USER)
            # The queue, in Russian: the overdue case stands out with its days past due_by.
            late = page.locator("tr.overdue")
            assert late.count() == 1 and OVERDUE in late.inner_text() and "просрочено на 2 дн." in late.inner_text()
            assert late.locator("td").first.evaluate("td => getComputedStyle(td).backgroundColor") != "rgba(0, 0, 0, 0)"
            _fits_the_window(page)

            page.click(f"a[href='/case/{CASE}']")
            page.wait_for_url(f"{base}/case/{CASE}")
            assert _images_loaded(page, ".finding img") == 2
            _fits_the_window(page)
            text = page.inner_text("main")
            for raw in ("assign pedagog_expert", "confirm pedagog_expert", "State records", "identity.name_mismatch"):
                assert raw not in text
            assert "подтверждение категории: педагог-эксперт" in text
            refuse = page.locator("button[value=refuse]")
            assert not refuse.is_visible()  # nothing ticked: nothing to refuse on
            _screenshot(page, "ru")

            page.click("a[hreflang=kk]")
            page.wait_for_url(f"{base}/case/{CASE}")
            assert _images_loaded(page, ".finding img") == 2
            assert "санатты растау: педагог-сарапшы" in page.inner_text("main")
            _fits_the_window(page)
            _screenshot(page, "kk")
            page.click("a[hreflang=ru]")
            page.wait_for_url(f"{base}/case/{CASE}")

            # Every page of every document: the diploma's second page, from the documents table.
            page.click("td.pagelinks a[href*='file=diploma.pdf'][href*='page=2']")
            assert _images_loaded(page, ".viewer img") == 1
            assert "стр. 2 из 2" in page.inner_text("main")
            _fits_the_window(page)
            page.click("a[rel=prev]")
            assert _images_loaded(page, ".viewer img") == 1
            page.go_back()
            page.go_back()
            page.wait_for_url(f"{base}/case/{CASE}")

            page.check("input[name=refuse][value='identity.name_mismatch']")
            assert refuse.is_visible()
            page.fill("textarea[name=note]", "The diploma belongs to another person")
            refuse.click()
            page.wait_for_url(f"{base}/?decided={CASE}")
            assert f"{CASE}: редакция 2 — отказано ({USER})" in page.inner_text(".flash")
            assert page.locator(f"a[href='/case/{CASE}']").count() == 0  # the queue has updated

            # Another operator replaces that refusal only after confirming whose decision it is.
            page.click("header button")
            page.wait_for_url(f"{base}/login")
            _log_in(page, base, OTHER_USER)
            page.goto(f"{base}/case/{CASE}")
            assert f"Это заменит решение специалиста {USER}" in page.inner_text(".replace")
            page.click("button[value=accept]")
            assert f"Решение специалиста {USER} не заменено" in page.inner_text(".error")
            page.check(f"input[name=confirm_replace][value='{USER}']")
            page.click("button[value=accept]")
            page.wait_for_url(f"{base}/?decided={CASE}")
            assert f"{CASE}: редакция 3 — принято ({OTHER_USER})" in page.inner_text(".flash")
        finally:
            browser.close()

    revisions = history(root, CASE)
    assert [(v.revision, v.decision) for v in revisions] == [(1, "needs_review"), (2, "refused"), (3, "accepted")]
    assert (
        revisions[1].decided_by.name == USER and revisions[1].decided_by.note == "The diploma belongs to another person"
    )
    assert revisions[2].decided_by.name == OTHER_USER
