"""Verdict history: the current verdict, every revision ever issued, and publishing a new one.

`verdict-history/<id>/<revision>.json` is created, never replaced; the current verdict is written
after it, so a run cut short between the two is completed by the next (`repair_current`).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from datetime import datetime

from pydantic import ValidationError

from models.astana_time import ASTANA
from models.errors import NotFoundError
from models.manifest import Manifest
from models.verdict import NoticeRef, Verdict
from storage.fingerprint_index import journal
from storage.objects import Storage

log = logging.getLogger("attest")


def read_current(storage: Storage, submission_id: str) -> Verdict | None:
    """The current verdict, or None. An unreadable verdict file is logged and treated as none."""
    try:
        raw = storage.read(f"verdicts/{submission_id}.json")
    except NotFoundError:
        return None
    try:
        return Verdict.model_validate_json(raw)
    except ValidationError:
        log.warning("%s: current verdict unreadable, a new one will be issued", submission_id)
        return None


def operator_decision_of(verdict: Verdict) -> str | None:
    """Whose decision a verdict is, in words, when an operator made it: "operator NAME's refused of DATE"."""
    who = verdict.decided_by
    if who.kind != "operator":
        return None
    when = verdict.decided_at.astimezone(ASTANA).strftime("%Y-%m-%d %H:%M")
    return f"operator {who.name or '(unnamed)'}'s decision ({verdict.decision}, revision {verdict.revision}, {when})"


def history_revisions(storage: Storage, submission_id: str) -> list[int]:
    revs = []
    for name in storage.children(f"verdict-history/{submission_id}/"):
        stem = name.removesuffix(".json")
        if name.endswith(".json") and stem.isdigit():
            revs.append(int(stem))
    return sorted(revs)


def repair_current(storage: Storage, submission_id: str, current: Verdict | None) -> Verdict | None:
    """Finish a publish that a crash cut short: history has a newer revision than verdicts/."""
    revs = history_revisions(storage, submission_id)
    if not revs or (current is not None and current.revision >= revs[-1]):
        return current
    raw = storage.read(f"verdict-history/{submission_id}/{revs[-1]:04d}.json")
    latest = Verdict.model_validate_json(raw)
    storage.write(f"verdicts/{submission_id}.json", raw)
    log.info("%s: restored revision %d as current after an interrupted run", submission_id, latest.revision)
    return latest


def publish(
    storage: Storage,
    verdict: Verdict,
    manifest: Manifest | None = None,
    make_notice: Callable[[Verdict, Manifest | None, datetime], bytes] | None = None,
) -> Verdict:
    """Notice, journal (`storage.fingerprint_index`), then history (created, never replaced: a taken
    revision moves us on), then current."""
    sid = verdict.submission_id
    revision = max(history_revisions(storage, sid), default=0) + 1
    while True:
        numbered = verdict.model_copy(update={"revision": revision, "notice": None})
        if make_notice is not None:
            numbered = numbered.model_copy(update={"notice": _issue(storage, numbered, manifest, make_notice)})
        journal(storage, sid, revision)  # before the history: a run killed between the two is seen
        if storage.create(f"verdict-history/{sid}/{revision:04d}.json", numbered.to_json()):
            break
        revision += 1
    storage.write(f"verdicts/{sid}.json", numbered.to_json())
    _converge(storage, sid, revision)
    return numbered


def _converge(storage: Storage, sid: str, ours: int) -> None:
    """Two runs publishing at once (the night and an operator) may write `verdicts/` out of order;
    whoever writes last writes the newest revision in the history, so the current one converges."""
    for _ in range(5):
        latest = max(history_revisions(storage, sid), default=ours)
        if latest <= ours:
            return
        storage.write(f"verdicts/{sid}.json", storage.read(f"verdict-history/{sid}/{latest:04d}.json"))
        ours = latest


def _issue(
    storage: Storage,
    verdict: Verdict,
    manifest: Manifest | None,
    make_notice: Callable[[Verdict, Manifest | None, datetime], bytes],
) -> NoticeRef:
    key = f"notices/{verdict.submission_id}/{verdict.revision:04d}.pdf"
    pdf = make_notice(verdict, manifest, verdict.decided_at)
    if not storage.create(key, pdf):
        # Left by an attempt at this revision that stopped before its history: notices are never
        # replaced, so the one already issued under this number is the one referenced.
        log.warning("%s: notice %s already existed; referencing it", verdict.submission_id, key)
        pdf = storage.read(key)
    return NoticeRef(key=key, sha256=hashlib.sha256(pdf).hexdigest())
