"""Who may use the review desk: password hashes in a users file, signed session cookies, CSRF tokens.

Hashes are scrypt from the standard library (no extra dependency): `scrypt$N$r$p$salt$hash`, salt and
hash in URL-safe base64. The session is a signed cookie (itsdangerous) carrying the user, its own
expiry, a per-session CSRF token and the user's session epoch. Logging out raises the user's epoch
(kept in a small file beside the users file, so a restart keeps it), which ends every session of
that user issued before, copies of the cookie included; sessions also end when the secret changes
(a restart without ATTEST_REVIEW_SECRET) or when they expire.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import json
import re
import secrets
import threading
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from itsdangerous import BadSignature, URLSafeSerializer

from models.errors import InputError
from review_desk.login_guard import LoginGuard

SCRYPT_N = 2**15  # about 0.1 s and 32 MiB per hash: slow for a guesser, fine for a login
SCRYPT_R = 8
SCRYPT_P = 1
_MAXMEM = 256 * 1024 * 1024
USER_NAME = re.compile(r"^[\w.@-]{1,64}$")  # the name goes into decided_by: keep it a plain word


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def hash_password(password: str, *, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P) -> str:
    """A new salted scrypt hash; the parameters travel with it so they can be raised later."""
    if not password:
        raise InputError("an empty password is not allowed")
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=n, r=r, p=p, maxmem=_MAXMEM, dklen=32)
    return f"scrypt${n}${r}${p}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, stored: str) -> bool:
    """Constant-time comparison; a malformed stored hash never matches."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = _unb64(digest)
        got = hashlib.scrypt(
            password.encode(), salt=_unb64(salt), n=int(n), r=int(r), p=int(p), maxmem=_MAXMEM, dklen=len(expected)
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, expected)


@functools.cache
def _dummy_hash() -> str:
    """Verified against when the user is unknown, so a wrong name costs as long as a wrong password."""
    return hash_password(secrets.token_urlsafe(16))


def _parse_users(data: Any, path: Path) -> dict[str, str]:
    users = data.get("users") if isinstance(data, dict) else None
    if not isinstance(users, dict):
        raise InputError(f'{path}: expected {{"users": {{"name": "scrypt$..."}}}}')
    out: dict[str, str] = {}
    for name, hashed in users.items():
        if not isinstance(name, str) or not USER_NAME.match(name):
            raise InputError(f"{path}: bad user name {name!r} (letters, digits, . _ @ -; at most 64)")
        if not isinstance(hashed, str) or not hashed.startswith("scrypt$"):
            raise InputError(f"{path}: user {name!r} has no scrypt hash")
        out[name] = hashed
    return out


def read_users(path: Path) -> dict[str, str]:
    """The users file: JSON, or TOML when the name ends in .toml (`[users]` table)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read users file {path}: {exc.strerror}") from exc
    try:
        data = tomllib.loads(raw.decode()) if path.suffix == ".toml" else json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputError(f"users file {path} is not valid {'TOML' if path.suffix == '.toml' else 'JSON'}") from exc
    return _parse_users(data, path)


def add_user(path: Path, name: str, password: str) -> None:
    """Create or replace one user's hash in a JSON users file (TOML files are edited by hand)."""
    if path.suffix == ".toml":
        raise InputError("add-user writes JSON users files; put the hash into the TOML file by hand")
    if not USER_NAME.match(name):
        raise InputError(f"bad user name {name!r} (letters, digits, . _ @ -; at most 64)")
    users = read_users(path) if path.exists() else {}
    users[name] = hash_password(password)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps({"users": users}, ensure_ascii=False, indent=2) + "\n")
    tmp.chmod(0o600)
    tmp.replace(path)


class UserDirectory:
    """The users file, re-read when it changes, so adding or removing an operator needs no restart."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._stamp: tuple[int, int] | None = None
        self._users: dict[str, str] = {}
        self.guard = LoginGuard()
        self.users()  # a bad file stops the server at start, not at the first login

    def users(self) -> dict[str, str]:
        with self._lock:
            try:
                st = self.path.stat()
            except OSError as exc:
                if self._stamp is None:
                    raise InputError(f"cannot read users file {self.path}: {exc.strerror}") from exc
                return self._users  # a moment without the file (an editor's save) keeps the last good list
            stamp = (st.st_mtime_ns, st.st_size)
            if stamp != self._stamp:
                self._users = read_users(self.path)
                self._stamp = stamp
            return self._users

    def exists(self, name: str) -> bool:
        return name in self.users()

    def authenticate(self, name: str, password: str, now: float, address: str) -> bool:
        """True for the right password. After too many wrong ones from `address` (for this user, or in
        all) it is False without checking, for that address only; LoginBusy when no hashing slot frees."""
        if self.guard.locked(address, name, now):
            return False
        stored = self.users().get(name)
        with self.guard.hashing():
            ok = verify_password(password, stored or _dummy_hash()) and stored is not None
        if ok:
            self.guard.succeeded(address, name)
        else:
            self.guard.failed(address, name, now)
        return ok


@dataclass(frozen=True)
class Session:
    user: str
    csrf: str
    expires: float
    epoch: int = 0  # the user's logout count when the session began (see SessionEpochs)


class SessionCodec:
    """Signs and checks the session cookie; expiry is inside the signed payload, checked against our clock."""

    def __init__(self, secret: str, lifetime_s: float) -> None:
        if len(secret) < 16:
            raise InputError("the review desk secret must be at least 16 characters")
        self._serializer = URLSafeSerializer(secret, salt="attest-review-session")
        self._login_serializer = URLSafeSerializer(secret, salt="attest-review-login")
        self.lifetime_s = lifetime_s

    def issue(self, user: str, now: float, epoch: int = 0) -> tuple[str, Session]:
        session = Session(user=user, csrf=secrets.token_urlsafe(24), expires=now + self.lifetime_s, epoch=epoch)
        token = self._serializer.dumps({"u": session.user, "c": session.csrf, "e": session.expires, "g": epoch})
        return token, session

    def read(self, token: str | None, now: float) -> Session | None:
        if not token:
            return None
        try:
            data = self._serializer.loads(token)
        except BadSignature:
            return None
        if not isinstance(data, dict):
            return None
        user, csrf, expires, epoch = data.get("u"), data.get("c"), data.get("e"), data.get("g", 0)
        if not isinstance(user, str) or not isinstance(csrf, str) or not isinstance(expires, int | float):
            return None
        if not isinstance(epoch, int) or isinstance(epoch, bool) or now >= expires:
            return None
        return Session(user=user, csrf=csrf, expires=float(expires), epoch=epoch)

    def login_token(self, now: float) -> str:
        """The login form's CSRF token, for a visitor who has no session yet (double-submit cookie)."""
        return self._login_serializer.dumps({"n": secrets.token_urlsafe(16), "t": now})

    def login_token_ok(self, token: str | None, cookie: str | None, now: float) -> bool:
        if not token or not cookie or not hmac.compare_digest(token, cookie):
            return False
        try:
            data = self._login_serializer.loads(token)
        except BadSignature:
            return False
        issued = data.get("t") if isinstance(data, dict) else None
        return isinstance(issued, int | float) and 0 <= now - issued < 3600


def csrf_ok(session: Session, submitted: str | None) -> bool:
    return bool(submitted) and hmac.compare_digest(session.csrf, submitted or "")


def wall_clock() -> float:
    return time.time()
