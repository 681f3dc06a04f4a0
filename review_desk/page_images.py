"""Page pictures for the desk, drawn out of the server process: a bounded worker per page.

pdfium holds no lock here and runs in no thread of the desk: each page is drawn by a process of its
own (`review_desk.render_worker`) with a time limit (its process group is killed when it passes), an
address-space limit, and at most `concurrent` of them at once, so a hostile page costs one slot for
`timeout_s` and the memory of one worker, and other operators' pages are drawn meanwhile in the
other slots. Results are kept in a small cache keyed by the file's hash, page, crop and marks; a page
that cannot be shown is remembered too, so a hostile file is not drawn again at every request, and
requests for a page being drawn wait for that drawing instead of starting another.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from review_desk.page_render import Crop, PageUnavailable, RenderedPage

__all__ = ["Crop", "PageRenderer", "PageUnavailable", "RenderBusy", "RenderLimits", "RenderedPage"]

_PROJECT = str(Path(__file__).resolve().parents[1])


class RenderBusy(Exception):
    """Every render slot stayed taken for the whole wait: the operator is asked to try again."""


@dataclass(frozen=True)
class RenderLimits:
    timeout_s: float = 20.0  # one page, drawing and reading its words included
    memory_bytes: int = 900 * 1024 * 1024  # address space of one worker (its resident peak stays well below)
    concurrent: int = 2  # workers at once: the desk's rendering memory is at most this many times the above
    wait_s: float = 30.0  # how long a request waits for a free slot before the desk answers "busy"


@dataclass(frozen=True)
class _Failed:
    reason: str


_Key = tuple[str, int, Crop | None, tuple[str, ...]]


class PageRenderer:
    """Draws pages in bounded worker processes and keeps the last few results."""

    def __init__(self, limits: RenderLimits | None = None, ocr_languages: str = "kaz+rus+eng", capacity: int = 64):
        self.limits = limits or RenderLimits()
        self.ocr_languages = ocr_languages
        self.capacity = capacity
        self._slots = threading.BoundedSemaphore(self.limits.concurrent)
        self._items: OrderedDict[_Key, RenderedPage | _Failed] = OrderedDict()
        self._drawing: dict[_Key, threading.Event] = {}  # pages being drawn now, for the requests that wait
        self._lock = threading.Lock()

    def render(
        self, data: bytes, page_number: int, crop: Crop | None = None, marks: tuple[str, ...] = ()
    ) -> RenderedPage:
        key = (hashlib.sha256(data).hexdigest(), page_number, crop, marks)
        while True:
            with self._lock:
                known = self._items.get(key)
                if known is not None:
                    self._items.move_to_end(key)
                    break
                drawing = self._drawing.get(key)
                if drawing is None:  # nobody draws this page: this request does
                    self._drawing[key] = threading.Event()
                    break
            # The same page is being drawn for another request: wait for it instead of drawing it twice.
            if not drawing.wait(self.limits.timeout_s + self.limits.wait_s):
                raise RenderBusy("the page is still being drawn; try again in a moment")
        if known is None:
            try:
                known = self._draw(key, data, page_number, crop, marks)
            finally:
                with self._lock:
                    self._drawing.pop(key).set()
        if isinstance(known, _Failed):
            raise PageUnavailable(known.reason)
        return known

    def _draw(
        self, key: _Key, data: bytes, page_number: int, crop: Crop | None, marks: tuple[str, ...]
    ) -> RenderedPage | _Failed:
        if not self._slots.acquire(timeout=self.limits.wait_s):
            raise RenderBusy("every page worker is busy; try again in a moment")
        try:
            result = self._run(data, page_number, crop, marks)
        finally:
            self._slots.release()
        with self._lock:
            self._items[key] = result
            while len(self._items) > self.capacity:
                self._items.popitem(last=False)
        return result

    def _run(self, data: bytes, page_number: int, crop: Crop | None, marks: tuple[str, ...]) -> RenderedPage | _Failed:
        header = {
            "page": page_number,
            "crop": list(crop) if crop else None,
            "marks": list(marks),
            "lang": self.ocr_languages,
            "memory_bytes": self.limits.memory_bytes,
        }
        with tempfile.TemporaryDirectory(prefix="attest-desk-render-") as temp:
            env = {
                **os.environ,
                "TMPDIR": temp,  # pytesseract's files go where they are removed even after a kill
                "PYTHONPATH": os.pathsep.join(p for p in (_PROJECT, os.environ.get("PYTHONPATH", "")) if p),
            }
            proc = subprocess.Popen(
                [sys.executable, "-m", "review_desk.render_worker"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,  # the worker's warnings stay out of the desk's log
                start_new_session=True,  # its own process group: a kill takes Tesseract with it
                env=env,
            )
            try:
                out, _ = proc.communicate(json.dumps(header).encode() + b"\n" + data, timeout=self.limits.timeout_s)
            except subprocess.TimeoutExpired:
                _kill_group(proc)
                return _Failed(f"drawing the page took longer than {self.limits.timeout_s:g} s")
        line, _, png = out.partition(b"\n")
        try:
            result = json.loads(line)
        except ValueError:
            return _Failed("the page could not be drawn within the desk's limits")
        if not result.get("ok"):
            return _Failed(str(result.get("reason", "the page could not be drawn")))
        return RenderedPage(png, int(result["pages"]), int(result["marked"]), int(result.get("peak_kb", 0)))


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    """The worker and its Tesseract child; called before the worker is reaped, so its pid is still its own."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
