"""The review desk: a small server-rendered Starlette app over the operators' review functions.

Every route but /login needs a session; an anonymous GET is sent to /login and anything else gets
401, in both cases without a byte of submission data. Every POST carries the session's CSRF token.
Decisions go through `record_decision`, the same path as `attest review decide`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qs, urlencode

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from models.astana_time import ASTANA
from models.errors import AttestError, InputError, NotFoundError
from models.settings import Settings
from review_desk.auth import Session, SessionCodec, UserDirectory, csrf_ok, wall_clock
from review_desk.case_data import listed_files, load_case
from review_desk.operator_decisions import record_decision, review_queue
from review_desk.page_images import Crop, PageUnavailable, RenderCache
from review_desk.templates import render
from storage.objects import open_storage
from storage.verdicts import read_current
from validators.catalogue import GROUNDS
from validators.manifest import is_valid_submission_id

SESSION_COOKIE = "attest_review"
LOGIN_COOKIE = "attest_review_login"
MAX_FORM_BYTES = 64 * 1024
MAX_NOTE = 2000

_SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


@dataclass(frozen=True)
class DeskConfig:
    """Everything the desk needs, decided at the edge (the `review serve` command or a test)."""

    settings: Settings
    users_file: Path
    secret: str
    session_hours: float = 8.0
    secure_cookies: bool = False  # set behind HTTPS; plain http on loopback cannot carry Secure cookies
    clock: Callable[[], float] = field(default=wall_clock)


Handler = Callable[[Request], Awaitable[Response]]


class Desk:
    def __init__(self, config: DeskConfig) -> None:
        self.config = config
        self.users = UserDirectory(config.users_file)
        self.codec = SessionCodec(config.secret, config.session_hours * 3600)
        self.images = RenderCache()

    # -- plumbing ---------------------------------------------------------------------------

    def session(self, request: Request) -> Session | None:
        session = self.codec.read(request.cookies.get(SESSION_COOKIE), self.config.clock())
        if session is None or not self.users.exists(session.user):
            return None  # removing a user from the file ends their sessions
        return session

    def page(self, template: str, status: int = 200, **context: object) -> HTMLResponse:
        return HTMLResponse(render(template, **context), status_code=status, headers=_SECURITY_HEADERS)

    def today(self) -> datetime:
        return datetime.fromtimestamp(self.config.clock(), UTC).astimezone(ASTANA)

    def _set_cookie(self, response: Response, name: str, value: str, max_age: int) -> None:
        response.set_cookie(
            name, value, max_age=max_age, httponly=True, samesite="strict", secure=self.config.secure_cookies
        )

    @staticmethod
    async def form(request: Request) -> dict[str, list[str]]:
        """An urlencoded form body (all our forms are), parsed without python-multipart."""
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_FORM_BYTES:
                return {}
        try:
            return parse_qs(body.decode(), keep_blank_values=True, max_num_fields=200)
        except (UnicodeDecodeError, ValueError):
            return {}

    # -- login -------------------------------------------------------------------------------

    def login_page(self, error: str | None = None, status: int = 200) -> Response:
        token = self.codec.login_token(self.config.clock())
        response = self.page("login.html", status, user=None, error=error, login_csrf=token)
        self._set_cookie(response, LOGIN_COOKIE, token, 3600)
        return response

    async def get_login(self, request: Request) -> Response:
        if self.session(request):
            return RedirectResponse("/", 303)
        return self.login_page()

    async def post_login(self, request: Request) -> Response:
        data = await self.form(request)
        now = self.config.clock()
        token = (data.get("csrf") or [""])[0]
        if not self.codec.login_token_ok(token, request.cookies.get(LOGIN_COOKIE), now):
            return self.login_page("The form expired; please try again.", 403)
        name = (data.get("username") or [""])[0].strip()
        password = (data.get("password") or [""])[0]
        ok = await run_in_threadpool(self.users.authenticate, name, password, now)
        if not ok:
            return self.login_page("Wrong user name or password.", 401)
        cookie, _ = self.codec.issue(name, now)
        response = RedirectResponse("/", 303)
        self._set_cookie(response, SESSION_COOKIE, cookie, int(self.codec.lifetime_s))
        response.delete_cookie(LOGIN_COOKIE)
        return response

    async def post_logout(self, request: Request) -> Response:
        session = self.session(request)
        data = await self.form(request)
        if session is not None and not csrf_ok(session, (data.get("csrf") or [""])[0]):
            return PlainTextResponse("CSRF token missing or wrong", 403)
        response = RedirectResponse("/login", 303)
        response.delete_cookie(SESSION_COOKIE)
        return response

    # -- pages -------------------------------------------------------------------------------

    def get_queue(self, request: Request, session: Session) -> Response:
        items = review_queue(self.config.settings, self.today().date())
        flash = None
        decided = request.query_params.get("decided", "")
        if is_valid_submission_id(decided):
            verdict = read_current(open_storage(self.config.settings), decided)
            if verdict is not None and verdict.decided_by.kind == "operator":
                flash = f"{decided}: revision {verdict.revision} {verdict.decision} by {verdict.decided_by.name}."
        return self.page("queue.html", user=session.user, csrf=session.csrf, items=items, flash=flash)

    def case_page(self, session: Session, submission_id: str, error: str | None = None, status: int = 200) -> Response:
        case = load_case(open_storage(self.config.settings), submission_id)
        if case is None:
            return self.page(
                "message.html", 404, user=session.user, csrf=session.csrf, heading="Not found", text="No such case."
            )
        return self.page(
            "case.html",
            status,
            user=session.user,
            csrf=session.csrf,
            case=case,
            v=case.verdict,
            m=case.manifest,
            grounds=GROUNDS,
            error=error,
        )

    def get_case(self, request: Request, session: Session) -> Response:
        return self.case_page(session, request.path_params["submission_id"])

    def get_image(self, request: Request, session: Session) -> Response:
        submission_id = request.path_params["submission_id"]
        file = request.query_params.get("file", "")
        try:
            page = int(request.query_params.get("page", "1"))
        except ValueError:
            return PlainTextResponse("bad page", 400)
        crop = _parse_crop(request.query_params.get("crop"))
        if page < 1 or page > self.config.settings.max_pages:
            return PlainTextResponse("bad page", 400)
        storage = open_storage(self.config.settings)
        if file not in listed_files(storage, submission_id):
            return PlainTextResponse("no such document", 404)
        try:
            data = storage.read(f"submissions/{submission_id}/{file}")
            png = self.images.render(data, page, crop)
        except NotFoundError:
            return PlainTextResponse("no such document", 404)
        except PageUnavailable as exc:
            return PlainTextResponse(f"cannot show this page: {exc}", 422)
        headers = {**_SECURITY_HEADERS, "Cache-Control": "private, max-age=600"}
        return Response(png, media_type="image/png", headers=headers)

    async def post_decide(self, request: Request) -> Response:
        session = self.session(request)
        if session is None:
            return PlainTextResponse("login required", 401)
        submission_id = request.path_params["submission_id"]
        data = await self.form(request)
        if not csrf_ok(session, (data.get("csrf") or [""])[0]):
            return PlainTextResponse("CSRF token missing or wrong", 403)
        action = (data.get("action") or [""])[0]
        refuse = tuple(dict.fromkeys(c for c in data.get("refuse", []) if c))
        note = (data.get("note") or [""])[0].strip() or None
        problem = _decision_problem(action, refuse, note)
        if problem:
            return await run_in_threadpool(self.case_page, session, submission_id, problem, 400)
        current = await run_in_threadpool(read_current, open_storage(self.config.settings), submission_id)
        if current is None or not is_valid_submission_id(submission_id):
            return PlainTextResponse("no such case", 404)
        if current.decision != "needs_review" or str(current.revision) != (data.get("revision") or [""])[0]:
            msg = f"Revision {current.revision} ({current.decision}) was written meanwhile; nothing was recorded. Look again."
            return await run_in_threadpool(self.case_page, session, submission_id, msg, 409)
        try:
            await run_in_threadpool(
                lambda: record_decision(
                    self.config.settings,
                    submission_id,
                    accept=action == "accept",
                    refuse=refuse if action == "refuse" else (),
                    operator=session.user,
                    note=note,
                )
            )
        except InputError as exc:
            return await run_in_threadpool(self.case_page, session, submission_id, str(exc), 400)
        return RedirectResponse(f"/?{urlencode({'decided': submission_id})}", 303)

    # -- routing -----------------------------------------------------------------------------

    def guarded(self, view: Callable[[Request, Session], Response]) -> Handler:
        """A GET view behind the login: anonymous pages go to /login, images get 401."""

        async def endpoint(request: Request) -> Response:
            session = self.session(request)
            if session is None:
                if request.url.path.endswith("/image"):
                    return PlainTextResponse("login required", 401)
                return RedirectResponse("/login", 303)
            try:
                return await run_in_threadpool(view, request, session)
            except AttestError as exc:
                return PlainTextResponse(f"storage problem: {exc}", 503)

        return endpoint


def _parse_crop(text: str | None) -> Crop | None:
    if not text:
        return None
    try:
        left, top, right, bottom = (float(v) for v in text.split(","))
    except ValueError:
        return None
    if not (0 <= left < right <= 1 and 0 <= top < bottom <= 1):
        return None
    return (left, top, right, bottom)


def _decision_problem(action: str, refuse: tuple[str, ...], note: str | None) -> str | None:
    if action not in ("accept", "refuse"):
        return "Choose Accept or Refuse."
    if action == "accept" and refuse:
        return "Failing checks are ticked: untick them to accept, or refuse."
    if action == "refuse" and not refuse:
        return "Tick at least one failing check to refuse."
    unknown = [c for c in refuse if c not in GROUNDS]
    if unknown:
        return f"Not a check with a ground for refusal: {', '.join(unknown)}."
    if note and len(note) > MAX_NOTE:
        return f"The note is longer than {MAX_NOTE} characters."
    return None


def create_app(config: DeskConfig) -> Starlette:
    """The ASGI app; uvicorn serves it (`attest review serve`), tests drive it with TestClient."""
    desk = Desk(config)
    routes = [
        Route("/login", desk.get_login, methods=["GET"]),
        Route("/login", desk.post_login, methods=["POST"]),
        Route("/logout", desk.post_logout, methods=["POST"]),
        Route("/", desk.guarded(desk.get_queue), methods=["GET"]),
        Route("/case/{submission_id}", desk.guarded(desk.get_case), methods=["GET"]),
        Route("/case/{submission_id}/image", desk.guarded(desk.get_image), methods=["GET"]),
        Route("/case/{submission_id}/decide", desk.post_decide, methods=["POST"]),
    ]
    return Starlette(routes=routes)
