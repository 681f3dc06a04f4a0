"""The review desk: a small server-rendered Starlette app over the operators' review functions.

Every route but /login needs a session; an anonymous GET is sent to /login and anything else gets
401, in both cases without a byte of submission data. Every POST carries the session's CSRF token.
Decisions go through `record_decision`, the same path as `attest review decide`; replacing another
operator's decision needs that operator's name ticked in a confirmation. Pages are drawn by bounded
worker processes (`review_desk.page_images`), never in the server's own threads.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qs, urlencode

from anyio import CapacityLimiter, to_thread
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from models.astana_time import ASTANA
from models.errors import AttestError, InputError, NotFoundError
from models.settings import Settings
from review_desk.auth import Session, SessionCodec, UserDirectory, csrf_ok, wall_clock
from review_desk.case_data import image_url, listed_files, load_case, marks_of, open_findings, viewer_url
from review_desk.labels import label, language, ui
from review_desk.login_guard import LoginBusy
from review_desk.operator_decisions import record_decision, review_queue
from review_desk.page_images import PageRenderer, PageUnavailable, RenderBusy, RenderLimits
from review_desk.request_values import decision_problem, int_or, parse_crop
from review_desk.security_headers import SecurityHeaders
from review_desk.session_epochs import SessionEpochs
from review_desk.side_by_side import comparison, marks_from
from review_desk.templates import render
from storage.objects import Storage, open_storage
from storage.verdicts import read_current
from validators.catalogue import GROUNDS
from validators.manifest import is_valid_submission_id

SESSION_COOKIE = "attest_review"
LOGIN_COOKIE = "attest_review_login"
LANG_COOKIE = "attest_lang"
MAX_FORM_BYTES = 64 * 1024
IMAGE_THREADS = 8  # image requests at once (each waits for one of the page workers)
LOGIN_THREADS = 4  # password checks waiting at once; more logins wait without a thread (see login_guard)


@dataclass(frozen=True)
class DeskConfig:
    """Everything the desk needs, decided at the edge (the `review serve` command or a test)."""

    settings: Settings
    users_file: Path
    secret: str
    session_hours: float = 8.0
    secure_cookies: bool = False  # set behind HTTPS; plain http on loopback cannot carry Secure cookies
    clock: Callable[[], float] = field(default=wall_clock)
    render_limits: RenderLimits = field(default_factory=RenderLimits)
    sessions_file: Path | None = None  # the users' session epochs; beside the users file when not given


Handler = Callable[[Request], Awaitable[Response]]


class Desk:
    def __init__(self, config: DeskConfig) -> None:
        self.config = config
        self.users = UserDirectory(config.users_file)
        self.codec = SessionCodec(config.secret, config.session_hours * 3600)
        self.epochs = SessionEpochs(
            config.sessions_file or config.users_file.with_name(f"{config.users_file.name}.sessions.json")
        )
        self.images = PageRenderer(config.render_limits, config.settings.ocr_languages)
        # Logins and images in threads of their own: a flood of either leaves the pages their threads.
        self.login_threads = CapacityLimiter(LOGIN_THREADS)
        self.image_threads = CapacityLimiter(IMAGE_THREADS)

    # -- plumbing ---------------------------------------------------------------------------

    def session(self, request: Request) -> Session | None:
        session = self.codec.read(request.cookies.get(SESSION_COOKIE), self.config.clock())
        if session is None or not self.users.exists(session.user):
            return None  # removing a user from the file ends their sessions
        if session.epoch != self.epochs.current(session.user):
            return None  # the user logged out since this cookie was issued
        return session

    def page(self, request: Request, template: str, status: int = 200, **context: object) -> HTMLResponse:
        lang = language(request.cookies.get(LANG_COOKIE))
        here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return HTMLResponse(render(template, lang, here=here, **context), status_code=status)

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

    def login_page(self, request: Request, error: str | None = None, status: int = 200) -> Response:
        token = self.codec.login_token(self.config.clock())
        lang = language(request.cookies.get(LANG_COOKIE))
        shown = ui(error, lang) if error else None
        response = self.page(request, "login.html", status, user=None, error=shown, login_csrf=token)
        self._set_cookie(response, LOGIN_COOKIE, token, 3600)
        return response

    async def get_login(self, request: Request) -> Response:
        if self.session(request):
            return RedirectResponse("/", 303)
        return self.login_page(request)

    async def post_login(self, request: Request) -> Response:
        data = await self.form(request)
        now = self.config.clock()
        token = (data.get("csrf") or [""])[0]
        if not self.codec.login_token_ok(token, request.cookies.get(LOGIN_COOKIE), now):
            return self.login_page(request, "form_expired", 403)
        name = (data.get("username") or [""])[0].strip()
        password = (data.get("password") or [""])[0]
        address = request.client.host if request.client else "unknown"
        try:
            ok = await to_thread.run_sync(
                self.users.authenticate, name, password, now, address, limiter=self.login_threads
            )
        except LoginBusy:
            return self.login_page(request, "login_busy", 503)
        if not ok:
            return self.login_page(request, "wrong_login", 401)
        cookie, _ = self.codec.issue(name, now, self.epochs.current(name))
        response = RedirectResponse("/", 303)
        self._set_cookie(response, SESSION_COOKIE, cookie, int(self.codec.lifetime_s))
        response.delete_cookie(LOGIN_COOKIE)
        return response

    async def post_logout(self, request: Request) -> Response:
        session = self.session(request)
        data = await self.form(request)
        if session is not None:
            if not csrf_ok(session, (data.get("csrf") or [""])[0]):
                return PlainTextResponse("CSRF token missing or wrong", 403)
            await run_in_threadpool(self.epochs.end_sessions, session.user)
        response = RedirectResponse("/login", 303)
        response.delete_cookie(SESSION_COOKIE)
        return response

    async def get_language(self, request: Request) -> Response:
        """Switches the interface's language and goes back where the switch was pressed."""
        lang = language(request.path_params["lang"])
        target = request.query_params.get("next", "/")
        if not target.startswith("/") or target.startswith("//") or "\\" in target:
            target = "/"  # only a path of this desk: never a way out to another site
        response = RedirectResponse(target, 303)
        response.set_cookie(LANG_COOKIE, lang, max_age=365 * 24 * 3600, samesite="strict", httponly=True)
        return response

    # -- pages -------------------------------------------------------------------------------

    def get_queue(self, request: Request, session: Session) -> Response:
        items = review_queue(self.config.settings, self.today().date())
        flash = None
        decided = request.query_params.get("decided", "")
        if is_valid_submission_id(decided):
            verdict = read_current(open_storage(self.config.settings), decided)
            if verdict is not None and verdict.decided_by.kind == "operator":
                lang = language(request.cookies.get(LANG_COOKIE))
                decision = label("decision", verdict.decision, lang)
                name = verdict.decided_by.name
                flash = ui("decided_flash", lang, sid=decided, revision=verdict.revision, decision=decision, name=name)
        return self.page(request, "queue.html", user=session.user, csrf=session.csrf, items=items, flash=flash)

    def not_found(self, request: Request, session: Session) -> Response:
        lang = language(request.cookies.get(LANG_COOKIE))
        heading, text = ui("not_found", lang), ui("no_such_case", lang)
        return self.page(request, "message.html", 404, user=session.user, csrf=session.csrf, heading=heading, text=text)

    def case_page(
        self, request: Request, session: Session, submission_id: str, error: str | None = None, status: int = 200
    ) -> Response:
        case = load_case(open_storage(self.config.settings), submission_id)
        if case is None:
            return self.not_found(request, session)
        v = case.verdict
        replaces = v.decided_by.name if v.decided_by.kind == "operator" and v.decided_by.name != session.user else None
        overdue = (self.today().date() - v.due_by).days if v.due_by and case.open else 0
        return self.page(
            request,
            "case.html",
            status,
            user=session.user,
            csrf=session.csrf,
            case=case,
            v=v,
            m=case.manifest,
            grounds=GROUNDS,
            error=error,
            replaces=replaces,
            overdue=max(0, overdue),
            viewer=lambda file, page, finding=None: viewer_url(submission_id, file, page, finding),
        )

    def get_case(self, request: Request, session: Session) -> Response:
        return self.case_page(request, session, request.path_params["submission_id"])

    def get_viewer(self, request: Request, session: Session) -> Response:
        """One page of one document of the case, at the size the browser allows, with links to the others."""
        submission_id = request.path_params["submission_id"]
        file = request.query_params.get("file", "")
        page = int_or(request.query_params.get("page"), 1)
        finding = int_or(request.query_params.get("finding"), -1)
        case = load_case(open_storage(self.config.settings), submission_id)
        if case is None or page < 1 or not any(d.file == file and d.present for d in case.documents):
            return self.not_found(request, session)
        total = next((d.pages for d in case.documents if d.file == file), None)
        marked = 0 <= finding < len(case.findings) and case.findings[finding].document in (file, None)
        src = image_url(submission_id, file, page, finding=finding if marked else None)
        viewer = lambda name, number, finding=None: viewer_url(submission_id, name, number, finding)  # noqa: E731
        return self.page(
            request,
            "viewer.html",
            user=session.user,
            csrf=session.csrf,
            case=case,
            file=file,
            page=page,
            total=total,
            src=src,
            viewer=viewer,
        )

    def get_compare(self, request: Request, session: Session) -> Response:
        """A cross-submission finding's two documents side by side, the shared passage marked on both."""
        submission_id = request.path_params["submission_id"]
        finding = int_or(request.query_params.get("finding"), -1)
        found = comparison(
            open_storage(self.config.settings), submission_id, finding, int_or(request.query_params.get("match"), -1)
        )
        if found is None:
            return self.not_found(request, session)
        return self.page(request, "compare.html", user=session.user, csrf=session.csrf, c=found, case_id=submission_id)

    def get_image(self, request: Request, session: Session) -> Response:
        submission_id = request.path_params["submission_id"]
        file = request.query_params.get("file", "")
        page = int_or(request.query_params.get("page", "1"), 0)
        crop = parse_crop(request.query_params.get("crop"))
        if page < 1 or page > self.config.settings.max_pages:
            return PlainTextResponse("bad page", 400)
        storage = open_storage(self.config.settings)
        if file not in listed_files(storage, submission_id):
            return PlainTextResponse("no such document", 404)
        marks = marks_from(storage, request.query_params.get("marks_from"))
        if marks is None:
            marks = self._marks(storage, submission_id, file, int_or(request.query_params.get("finding"), -1))
        try:
            data = storage.read(f"submissions/{submission_id}/{file}")
            rendered = self.images.render(data, page, crop, marks)
        except NotFoundError:
            return PlainTextResponse("no such document", 404)
        except PageUnavailable as exc:
            return PlainTextResponse(f"cannot show this page: {exc}", 422)
        except RenderBusy as exc:
            return PlainTextResponse(str(exc), 503, headers={"Retry-After": "5"})
        return Response(rendered.png, media_type="image/png", headers={"Cache-Control": "private, max-age=600"})

    @staticmethod
    def _marks(storage: Storage, submission_id: str, file: str, finding: int) -> tuple[str, ...]:
        """The words of finding number `finding` of the case, when it is about this file."""
        verdict = read_current(storage, submission_id) if finding >= 0 else None
        shown = open_findings(verdict) if verdict else []
        if not 0 <= finding < len(shown) or shown[finding].document not in (file, None):
            return ()  # a finding about another file; one about no file may be seen on any (an IIN)
        return marks_of(shown[finding].evidence)

    async def post_decide(self, request: Request) -> Response:
        session = self.session(request)
        if session is None:
            return PlainTextResponse("login required", 401)
        submission_id = request.path_params["submission_id"]
        data = await self.form(request)
        if not csrf_ok(session, (data.get("csrf") or [""])[0]):
            return PlainTextResponse("CSRF token missing or wrong", 403)
        lang = language(request.cookies.get(LANG_COOKIE))
        action = (data.get("action") or [""])[0]
        refuse = tuple(dict.fromkeys(c for c in data.get("refuse", []) if c))
        note = (data.get("note") or [""])[0].strip() or None
        problem = decision_problem(action, refuse, note, lang)
        if problem:
            return await run_in_threadpool(self.case_page, request, session, submission_id, problem, 400)
        current = await run_in_threadpool(read_current, open_storage(self.config.settings), submission_id)
        if current is None or not is_valid_submission_id(submission_id):
            return PlainTextResponse("no such case", 404)
        if str(current.revision) != (data.get("revision") or [""])[0]:
            decision = label("decision", current.decision, lang)
            msg = ui("stale", lang, revision=current.revision, decision=decision)
            return await run_in_threadpool(self.case_page, request, session, submission_id, msg, 409)
        previous = current.decided_by
        replacing = previous.kind == "operator" and previous.name != session.user
        if replacing and (data.get("confirm_replace") or [""])[0] != previous.name:
            msg = ui("must_confirm", lang, name=previous.name)
            return await run_in_threadpool(self.case_page, request, session, submission_id, msg, 409)
        try:
            await run_in_threadpool(
                lambda: record_decision(
                    self.config.settings,
                    submission_id,
                    accept=action == "accept",
                    refuse=refuse if action == "refuse" else (),
                    operator=session.user,
                    note=note,
                    force=True,  # another operator's decision was confirmed above; one's own is one's to change
                )
            )
        except InputError as exc:
            return await run_in_threadpool(self.case_page, request, session, submission_id, str(exc), 400)
        return RedirectResponse(f"/?{urlencode({'decided': submission_id})}", 303)

    # -- routing -----------------------------------------------------------------------------

    def guarded(self, view: Callable[[Request, Session], Response], limiter: CapacityLimiter | None = None) -> Handler:
        """A GET view behind the login: anonymous pages go to /login, images get 401. Views given a
        `limiter` run in threads of their own, so images waiting for a page worker never take the
        threads the queue and case pages need."""

        async def endpoint(request: Request) -> Response:
            session = self.session(request)
            if session is None:
                if request.url.path.endswith("/image"):
                    return PlainTextResponse("login required", 401)
                return RedirectResponse("/login", 303)
            try:
                return await to_thread.run_sync(view, request, session, limiter=limiter)
            except AttestError as exc:
                return PlainTextResponse(f"storage problem: {exc}", 503)

        return endpoint


def create_app(config: DeskConfig) -> Starlette:
    """The ASGI app; uvicorn serves it (`attest review serve`), tests drive it with TestClient."""
    desk = Desk(config)
    routes = [
        Route("/login", desk.get_login, methods=["GET"]),
        Route("/login", desk.post_login, methods=["POST"]),
        Route("/logout", desk.post_logout, methods=["POST"]),
        Route("/", desk.guarded(desk.get_queue), methods=["GET"]),
        Route("/case/{submission_id}", desk.guarded(desk.get_case), methods=["GET"]),
        Route("/case/{submission_id}/page", desk.guarded(desk.get_viewer), methods=["GET"]),
        Route("/case/{submission_id}/compare", desk.guarded(desk.get_compare), methods=["GET"]),
        Route(
            "/case/{submission_id}/image",
            desk.guarded(desk.get_image, desk.image_threads),
            methods=["GET"],
        ),
        Route("/lang/{lang}", desk.get_language, methods=["GET"]),
        Route("/case/{submission_id}/decide", desk.post_decide, methods=["POST"]),
    ]
    return Starlette(routes=routes, middleware=[Middleware(SecurityHeaders)])
