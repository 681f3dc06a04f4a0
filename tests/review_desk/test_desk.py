"""The review desk through its HTTP interface: login, CSRF, expiry, and decisions as new revisions."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from command_line.main import build_parser
from review_desk.__main__ import main as desk_main
from review_desk.app import SESSION_COOKIE
from review_desk.auth import read_users, verify_password
from tests.review_desk.desk_client import Desk, open_desk
from tests.review_desk.desk_data import (
    CASE,
    IIN,
    LATER,
    NAME,
    PASSWORD,
    USER,
    csrf_from,
    history,
)


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    with open_desk(tmp_path) as opened:
        yield opened


IMAGE = f"/case/{CASE}/image?file=diploma.pdf&page=1"
PROTECTED_GET = ["/", f"/case/{CASE}", IMAGE, f"/?decided={CASE}"]


def _no_data(body: str) -> None:
    for secret in (CASE, LATER, NAME, IIN[:6], "diploma.pdf", "Серікова"):
        assert secret not in body


def test_anonymous_gets_nothing(desk: Desk) -> None:
    for path in PROTECTED_GET:
        response = desk.client.get(path)
        assert response.status_code in (303, 401), path
        if response.status_code == 303:
            assert response.headers["location"] == "/login"
        _no_data(response.text)
        assert not response.headers.get("content-type", "").startswith("image/")
    response = desk.client.post(f"/case/{CASE}/decide", data={"action": "accept", "revision": "1"})
    assert response.status_code == 401
    _no_data(response.text)
    assert len(history(desk.root, CASE)) == 1


def test_wrong_password_and_unknown_user_fail(desk: Desk) -> None:
    assert desk.login(password="wrong") == 401
    assert desk.login(user="nobody") == 401
    assert SESSION_COOKIE not in desk.client.cookies
    assert desk.client.get("/").status_code == 303


def test_login_without_form_token_fails(desk: Desk) -> None:
    response = desk.client.post("/login", data={"username": USER, "password": PASSWORD})
    assert response.status_code == 403
    assert SESSION_COOKIE not in desk.client.cookies


def test_queue_and_case_page(desk: Desk) -> None:
    assert desk.login() == 303
    queue = desk.client.get("/").text
    assert queue.index(CASE) < queue.index(LATER)  # oldest due_by first
    assert "Документ выдан другому лицу" in queue  # the check's name, not its code
    assert "identity.name_mismatch" not in queue
    case = desk.client.get(f"/case/{CASE}")
    assert case.status_code == 200
    html = case.text
    assert NAME in html
    assert "девичья" in html
    assert "Серікова Гүлнар Серікқызы" in html and "уверенность 91%" in html
    assert "52.3" in html  # the low-confidence figures, shown as details
    assert 'value="identity.name_mismatch"' in html  # a refusable check of this case, as a checkbox
    assert "image?file=diploma.pdf&amp;page=1&amp;finding=0" in html
    assert case.headers["cache-control"] == "no-store"
    assert "frame-ancestors 'none'" in case.headers["content-security-policy"]


def test_reviewer_sees_the_full_iin(desk: Desk) -> None:
    """The IIN can be the thing to review (identity.iin_invalid): a logged-in reviewer reads it whole."""
    assert desk.login() == 303
    html = desk.client.get(f"/case/{CASE}").text
    assert f'<dd class="iin">{IIN}</dd>' in html
    assert "870412******" not in html


def test_page_images(desk: Desk) -> None:
    assert desk.login() == 303
    for url in (IMAGE, f"/case/{CASE}/image?file=course.png&page=1"):
        response = desk.client.get(url)
        assert response.status_code == 200, url
        image = Image.open(io.BytesIO(response.content))
        assert image.format == "PNG" and 0 < image.width <= 1000
    cropped = desk.client.get(IMAGE + "&crop=0.1,0.1,0.5,0.3")
    assert cropped.status_code == 200
    # Only the documents of the case: not the manifest, not another key, not a page that is not there.
    assert desk.client.get(f"/case/{CASE}/image?file=manifest.json&page=1").status_code == 404
    assert desk.client.get(f"/case/{CASE}/image?file=../../verdicts/{CASE}.json").status_code == 404
    assert desk.client.get(f"/case/{CASE}/image?file=diploma.pdf&page=7").status_code == 422
    assert desk.client.get("/case/..%2F/image?file=diploma.pdf&page=1").status_code == 404


@pytest.mark.parametrize("token", [None, "", "forged-token"])
def test_decision_without_the_right_csrf_token_is_refused(desk: Desk, token: str | None) -> None:
    assert desk.login() == 303
    data = {"action": "accept", "revision": "1", "note": "ok"}
    if token is not None:
        data["csrf"] = token
    response = desk.client.post(f"/case/{CASE}/decide", data=data)
    assert response.status_code == 403
    assert len(history(desk.root, CASE)) == 1
    assert json.loads((desk.root / "verdicts" / f"{CASE}.json").read_text())["decision"] == "needs_review"


def test_logout_needs_csrf_and_ends_the_session(desk: Desk) -> None:
    assert desk.login() == 303
    assert desk.client.post("/logout", data={}).status_code == 403
    csrf = csrf_from(desk.client.get("/").text)
    assert desk.client.post("/logout", data={"csrf": csrf}).status_code == 303
    assert desk.client.get("/").status_code == 303


def test_accept_records_an_operator_revision(desk: Desk) -> None:
    assert desk.login() == 303
    csrf, revision = desk.case_form()
    response = desk.client.post(
        f"/case/{CASE}/decide",
        data={"csrf": csrf, "revision": revision, "action": "accept", "note": "Maiden name: marriage certificate seen"},
    )
    assert response.status_code == 303 and response.headers["location"] == f"/?decided={CASE}"
    revisions = history(desk.root, CASE)
    assert [v.revision for v in revisions] == [1, 2]
    latest = revisions[-1]
    assert latest.decision == "accepted"
    assert latest.decided_by.kind == "operator" and latest.decided_by.name == USER
    assert latest.decided_by.note == "Maiden name: marriage certificate seen"
    queue = desk.client.get(response.headers["location"]).text
    assert f"{CASE}: редакция 2 — принято ({USER})" in queue
    assert f'href="/case/{CASE}"' not in queue  # out of the queue
    # The case page no longer offers a decision; a replayed form is stale.
    again = desk.client.post(f"/case/{CASE}/decide", data={"csrf": csrf, "revision": "1", "action": "accept"})
    assert again.status_code == 409
    assert len(history(desk.root, CASE)) == 2


def test_refuse_names_the_failing_checks(desk: Desk) -> None:
    assert desk.login() == 303
    csrf, revision = desk.case_form()
    response = desk.client.post(
        f"/case/{CASE}/decide",
        data={
            "csrf": csrf,
            "revision": revision,
            "action": "refuse",
            "refuse": ["identity.name_mismatch", "dates.inconsistent"],
            "note": "Another person's diploma",
        },
    )
    assert response.status_code == 303
    latest = history(desk.root, CASE)[-1]
    assert latest.revision == 2 and latest.decision == "refused"
    assert latest.grounds == (1,)
    assert latest.decided_by.name == USER and latest.decided_by.note == "Another person's diploma"
    failing = {f.check for f in latest.findings if f.status == "fail"}
    assert failing == {"identity.name_mismatch", "dates.inconsistent"}


def test_refuse_without_a_check_or_with_an_unknown_one_writes_nothing(desk: Desk) -> None:
    assert desk.login() == 303
    csrf, revision = desk.case_form()
    for refuse in ([], ["extraction.low_confidence"], ["no.such_check"]):
        response = desk.client.post(
            f"/case/{CASE}/decide",
            data={"csrf": csrf, "revision": revision, "action": "refuse", "refuse": refuse},
        )
        assert response.status_code == 400
    accept_with_ticks = desk.client.post(
        f"/case/{CASE}/decide",
        data={"csrf": csrf, "revision": revision, "action": "accept", "refuse": ["dates.inconsistent"]},
    )
    assert accept_with_ticks.status_code == 400
    assert len(history(desk.root, CASE)) == 1


def test_expired_session_is_rejected(desk: Desk) -> None:
    assert desk.login() == 303
    csrf, revision = desk.case_form()
    desk.clock.now += 8 * 3600 + 1
    assert desk.client.get("/").status_code == 303
    assert desk.client.get(IMAGE).status_code == 401
    response = desk.client.post(f"/case/{CASE}/decide", data={"csrf": csrf, "revision": revision, "action": "accept"})
    assert response.status_code == 401
    assert len(history(desk.root, CASE)) == 1


def test_tampered_cookie_is_rejected(desk: Desk) -> None:
    assert desk.login() == 303
    token = desk.client.cookies[SESSION_COOKIE]
    desk.client.cookies.set(SESSION_COOKIE, token[:-2] + ("AA" if not token.endswith("AA") else "BB"))
    assert desk.client.get("/").status_code == 303


def test_removing_a_user_ends_their_session(desk: Desk, tmp_path: Path) -> None:
    assert desk.login() == 303
    (tmp_path / "users.json").write_text(json.dumps({"users": {}}, indent=4))
    assert desk.client.get("/").status_code == 303


def test_add_user_writes_a_verifiable_hash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "users.json"
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret pass\n"))
    assert desk_main(["add-user", "--users", str(path), "dana.k"]) == 0
    users = read_users(path)
    assert verify_password("s3cret pass", users["dana.k"])
    assert not verify_password("s3cret pas", users["dana.k"])
    assert path.stat().st_mode & 0o077 == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("x\n"))
    assert desk_main(["add-user", "--users", str(path), "bad name"]) == 2


def test_review_serve_arguments() -> None:
    args = build_parser().parse_args(
        ["review", "serve", "--storage", "d", "--users", "u.json", "--port", "9000", "--session-hours", "2"]
    )
    assert (args.review_command, args.storage, args.users, args.port, args.session_hours) == (
        "serve",
        "d",
        Path("u.json"),
        9000,
        2.0,
    )
    assert build_parser().parse_args(["review", "serve"]).host == "127.0.0.1"
