"""The review desk in a real browser: log in, look at the evidence picture, refuse, see the new revision.

Chromium comes from Debian (`make setup` installs it); Playwright's own browser download is not used.
Without /usr/bin/chromium the test skips, except in CI (CI=true), where a missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import uvicorn

from models.settings import Settings
from review_desk.app import DeskConfig, create_app
from tests.review_desk.desk_data import CASE, PASSWORD, USER, history, write_storage, write_users

CHROMIUM = Path("/usr/bin/chromium")
PROJECT = Path(__file__).resolve().parents[2]
SCREENSHOT = PROJECT / "test-output" / "review-desk-case.png"
DOCS_SCREENSHOT = PROJECT / "docs" / "review-desk.png"
SCREENSHOT_DAY = date(2026, 9, 15)  # fixed dates: the committed screenshot does not change from day to day
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


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """The desk under uvicorn on a free loopback port, in a thread of this process."""
    root = tmp_path / "data"
    write_storage(root, SCREENSHOT_DAY)
    users = tmp_path / "users.json"
    write_users(users)
    app = create_app(
        DeskConfig(
            settings=Settings(storage=str(root), notice_pkcs12=None),
            users_file=users,
            secret="browser-test-secret-0123456789",
        )
    )
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the review desk did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}", root
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def test_operator_refuses_in_a_browser(served: tuple[str, Path]) -> None:
    _require_browser()
    from playwright.sync_api import sync_playwright

    base, root = served
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.set_default_timeout(15_000)
            page.goto(f"{base}/")
            assert page.url == f"{base}/login"
            page.fill("input[name=username]", USER)
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_url(f"{base}/")
            page.click(f"a[href='/case/{CASE}']")
            page.wait_for_url(f"{base}/case/{CASE}")

            images = page.locator(".finding img")
            assert images.count() == 2
            for i in range(images.count()):
                images.nth(i).scroll_into_view_if_needed()
                page.wait_for_function(
                    "img => img.complete && img.naturalWidth > 0", arg=images.nth(i).element_handle()
                )
            page.evaluate("window.scrollTo(0, 0)")
            SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOT))
            if os.environ.get("UPDATE_SCREENSHOT") == "1":  # on purpose only, like the golden files
                DOCS_SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(SCREENSHOT, DOCS_SCREENSHOT)

            page.check("input[name=refuse][value='identity.name_mismatch']")
            page.fill("textarea[name=note]", "The diploma belongs to another person")
            page.click("button[value=refuse]")
            page.wait_for_url(f"{base}/?decided={CASE}")
            assert f"{CASE}: revision 2 refused by {USER}" in page.inner_text(".flash")
        finally:
            browser.close()

    latest = history(root, CASE)[-1]
    assert latest.revision == 2 and latest.decision == "refused"
    assert latest.decided_by.kind == "operator" and latest.decided_by.name == USER
    assert latest.decided_by.note == "The diploma belongs to another person"
