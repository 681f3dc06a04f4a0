"""A desk app over a written storage folder, driven through Starlette's TestClient."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from models.astana_time import ASTANA
from models.settings import Settings
from review_desk.app import DeskConfig, create_app
from tests.review_desk.desk_data import CASE, PASSWORD, USER, csrf_from, write_storage, write_users

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette 1.x suggests httpx2 for its TestClient; httpx still works
    from starlette.testclient import TestClient

SECRET = "test-secret-of-sufficient-length"


class Clock:
    """A settable clock, so a session can be made to expire without waiting eight hours."""

    def __init__(self) -> None:
        self.now = datetime.now(ASTANA).timestamp()

    def __call__(self) -> float:
        return self.now


@dataclass
class Desk:
    root: Path
    client: TestClient
    clock: Clock
    config: DeskConfig

    def login(self, user: str = USER, password: str = PASSWORD) -> int:
        page = self.client.get("/login")
        response = self.client.post(
            "/login", data={"csrf": csrf_from(page.text), "username": user, "password": password}
        )
        return response.status_code

    def case_form(self, case: str = CASE) -> tuple[str, str]:
        html = self.client.get(f"/case/{case}").text
        return csrf_from(html), "1"

    @contextmanager
    def another_client(self, address: str = "testclient") -> Iterator[Desk]:
        """A second browser on the same desk (the same app and clock), from `address`."""
        with TestClient(create_app(self.config), follow_redirects=False, client=(address, 50000)) as client:
            yield replace(self, client=client)


@contextmanager
def open_desk(tmp_path: Path, **overrides: object) -> Iterator[Desk]:
    """The desk over two waiting cases (and one overdue), as `review serve` would start it."""
    clock = Clock()
    root = tmp_path / "data"
    write_storage(root, datetime.fromtimestamp(clock.now, ASTANA).date())
    users = tmp_path / "users.json"
    write_users(users)
    settings = Settings(storage=str(root), notice_pkcs12=None)
    config = DeskConfig(settings=settings, users_file=users, secret=SECRET, clock=clock)
    config = replace(config, **overrides)  # type: ignore[arg-type]
    with TestClient(create_app(config), follow_redirects=False) as client:
        yield Desk(root, client, clock, config)
