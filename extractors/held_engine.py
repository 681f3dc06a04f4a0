"""A Tesseract engine held in the reading process through its C API (tesserocr), made on first use.

A `tesseract` command costs about 0.17 s to start and load its data, whatever it then reads; an engine
held in the process pays that once, and the fork server the workers come from loads it before it forks
them (`workers.bounded.warm_readers`), so no worker or file's reading child loads it again. The
language data is the installed Tesseract's, found by asking the `tesseract` command.
"""

from __future__ import annotations

import functools
import re
import subprocess
import threading

import tesserocr

from models.errors import InternalError


@functools.cache
def _installed() -> tuple[str | None, frozenset[str]]:
    """The installed Tesseract's language-data folder and languages, as `tesseract --list-langs` names them."""
    try:
        listing = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise InternalError(f"tesseract is not installed or not on PATH: {exc}") from exc
    found = re.search(r'"([^"]+)"', listing.stdout + listing.stderr)
    return (found.group(1) if found else None), frozenset(listing.stdout.split())


def tessdata_folder(language: str) -> str:
    """The folder of the installed Tesseract's language data, which must hold `language`."""
    folder, languages = _installed()
    if folder is None or language not in languages:
        raise InternalError(f"tesseract lacks language data {language!r} (install tesseract-ocr-{language})")
    return folder


class HeldEngine:
    """One engine for `language`, set up by `_configure`; a lock, because a process may read in threads."""

    language = "eng"

    def __init__(self) -> None:
        self._api: tesserocr.PyTessBaseAPI | None = None
        self._lock = threading.Lock()

    def _configure(self, api: tesserocr.PyTessBaseAPI) -> None:
        """Variables set once on the new engine."""

    def _engine(self) -> tesserocr.PyTessBaseAPI:
        if self._api is None:
            api = tesserocr.PyTessBaseAPI(path=tessdata_folder(self.language), lang=self.language)
            self._configure(api)
            self._api = api
        return self._api

    @property
    def loaded(self) -> bool:
        return self._api is not None

    def warm(self) -> None:
        """Load the data now (the fork server does, before it forks the workers)."""
        with self._lock:
            self._engine()
