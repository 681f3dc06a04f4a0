"""Server-side logout: each user's session epoch, raised at every logout.

A session cookie carries the epoch its user had when it was issued; the desk accepts it only while
that is still the user's epoch, so a cookie copied before a logout opens nothing after it. The
epochs live in a JSON file (`{"epochs": {"user": 3}}`), written atomically, so a restart with the
same secret does not bring logged-out cookies back. Logging out ends all of that user's sessions,
on every browser: the price of keeping no list of sessions.
"""

from __future__ import annotations

import json
import logging
import threading
from pathlib import Path

from models.errors import InputError

log = logging.getLogger("attest")  # a masked logger (runtime.log_masking.LOGGERS)


class SessionEpochs:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._epochs: dict[str, int] = self._read()

    def _read(self) -> dict[str, int]:
        try:
            data = json.loads(self.path.read_bytes())
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            raise InputError(f"cannot read the desk's session file {self.path}: {exc}") from exc
        epochs = data.get("epochs") if isinstance(data, dict) else None
        if not isinstance(epochs, dict):
            raise InputError(f'{self.path}: expected {{"epochs": {{"user": number}}}}')
        return {k: v for k, v in epochs.items() if isinstance(k, str) and isinstance(v, int)}

    def current(self, user: str) -> int:
        with self._lock:
            return self._epochs.get(user, 0)

    def end_sessions(self, user: str) -> None:
        """Every session of `user` issued so far stops working, here and (when the file can be written)
        after a restart too."""
        with self._lock:
            self._epochs[user] = self._epochs.get(user, 0) + 1
            tmp = self.path.with_name(f".{self.path.name}.tmp")
            try:
                tmp.write_text(json.dumps({"epochs": self._epochs}, indent=2) + "\n")
                tmp.chmod(0o600)
                tmp.replace(self.path)
            except OSError as exc:  # a read-only folder: the logout holds until the desk restarts
                log.warning("cannot keep the logout of %s in %s: %s", user, self.path, exc.strerror)
