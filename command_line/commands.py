"""What the command line shows a person: progress, a summary, verdicts, the review queue."""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from flows.run_plan import Planned, Selection, plan_run, save_index, start_report
from flows.run_report import RunReport, summary_line, write_report
from models.astana_time import ASTANA
from models.errors import InputError
from models.settings import Settings
from models.verdict import Decision, Verdict, VerdictDocument
from notices.maker import require_notice_key
from runtime.log_masking import mask_our_logs
from storage.objects import Storage, open_storage
from storage.verdicts import operator_decision_of, read_current

log = logging.getLogger("attest")


def setup_logging(verbose: bool = False) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s attest %(levelname)s %(message)s", "%H:%M:%S"))
    mask_our_logs()
    root = logging.getLogger("attest")
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO if verbose else logging.WARNING)
    root.propagate = False


def _progress(i: int, total: int, verdict: Verdict) -> None:
    checks = sorted({f.check for f in verdict.findings if f.status != "pass"})
    extra = f" ({', '.join(checks)})" if checks else ""
    print(
        f"[{i}/{total}] {verdict.submission_id} r{verdict.revision} {verdict.decision}{extra}",
        file=sys.stderr,
    )


def run_batch(settings: Settings, mode: str, **selection: object) -> int:
    # Storage and the chosen ids are checked before Prefect starts (its temporary server takes seconds):
    # a wrong root or an unknown id is said at once, and nothing runs.
    storage = open_storage(settings)
    require_notice_key(settings)
    ids = selection.get("submission_ids") or ()
    unknown = [sid for sid in ids if not storage.children(f"submissions/{sid}/")]  # type: ignore[attr-defined]
    if unknown:
        raise InputError(f"no such submission: {', '.join(unknown)} (nothing was reprocessed)")
    if not selection.get("force"):
        decided = [f"{sid} has {who}" for sid in ids if (who := _operator_decision(storage, sid))]  # type: ignore[attr-defined]
        if decided:
            raise InputError(f"{'; '.join(decided)}: add --force to replace it (nothing was reprocessed)")
    chosen = Selection(mode=mode, **selection)  # type: ignore[arg-type]
    planned = plan_run(storage, settings, chosen, datetime.now(UTC))
    if not planned[0].todo and not os.environ.get("PREFECT_API_URL"):
        report = _idle_run(storage, settings, chosen, planned)
    else:
        from flows.nightly import run_in_flow

        report = run_in_flow(settings, chosen, _progress, planned)
    print(summary_line(report))
    for line in report.skipped:
        print(f"  skipped {line}")
    for sid in report.unknown_ids:
        print(f"  no such submission: {sid}")
    for line in report.operator_kept:
        print(f"  kept {line} (reprocess --force replaces it)")
    for line in report.operator_replaced:
        print(f"  replaced {line}")
    for line in report.failures:
        print(f"  failed {line}")
    return 0


def _idle_run(storage: Storage, settings: Settings, selection: Selection, planned: Planned) -> RunReport:
    """Nothing to read or decide, and no Prefect server to record it: the run report alone, without starting
    Prefect's temporary server (8-12 s, and its records go with it when the command ends)."""
    started = time.monotonic()
    report = start_report(storage, settings, selection, datetime.now(UTC), planned)
    save_index(storage, planned[0])
    report.seconds = round(time.monotonic() - started, 3)
    write_report(storage, report)
    return report


def _operator_decision(storage: Storage, submission_id: str) -> str | None:
    current = read_current(storage, submission_id)
    return operator_decision_of(current) if current is not None else None


def show(settings: Settings, submission_id: str, *, as_json: bool) -> int:
    verdict = read_current(open_storage(settings), submission_id)
    if verdict is None:
        raise InputError(f"no verdict for {submission_id}")
    if as_json:
        print(verdict.to_json().decode(), end="")
        return 0
    print(f"{verdict.submission_id}  revision {verdict.revision}  {verdict.decision.upper()}")
    if verdict.grounds:
        print(f"grounds: {', '.join(str(g) for g in verdict.grounds)} (item 9 of the standard)")
    print(
        f"submitted {_known(verdict.submitted_at)}  registered {_known(verdict.registered_on)}  "
        f"due {_known(verdict.due_by)}"
    )
    who = verdict.decided_by
    print(f"decided {verdict.decided_at.isoformat()} by {who.kind}{' ' + who.name if who.name else ''}")
    if who.note:
        print(f"note: {who.note}")
    for i, f in enumerate((f for f in verdict.findings if f.status != "pass"), start=1):
        ground = f" ground {f.ground}" if f.ground else ""
        doc = f" [{f.document}]" if f.document else ""
        print(f"{i}. {f.status}{ground} {f.check}{doc}\n   kk: {f.message.kk}\n   ru: {f.message.ru}")
    print("documents:")
    for d in verdict.documents:
        print(f"  {d.file}: {_document_line(d)}")
    notice = verdict.notice.key if verdict.notice else "none"
    print(f"notice: {notice}")
    if verdict.decision == "needs_review":
        print(
            f"next: an operator decides, in the review desk (attest review serve) or with\n"
            f"  attest review decide --storage {settings.storage} {verdict.submission_id} "
            f"(--accept | --refuse CHECK ...) --operator NAME [--note TEXT]"
        )
    return 0


def _known(value: object) -> str:
    return "unknown" if value is None else str(value)


def _document_line(d: VerdictDocument) -> str:
    """A verdict's document for a person: what was declared, what was read, from where, how many pages."""
    declared = f"declared {d.declared_kind}" if d.declared_kind else "not in the manifest"
    if d.text_source == "none":
        return f"{declared}, not read"
    read_as = f"read as {d.detected_kind}" if d.detected_kind else "kind not recognised"
    source = "from the text layer" if d.text_source == "text_layer" else "by OCR"
    pages = f", {d.pages} p." if d.pages is not None else ""
    return f"{declared}, {read_as} {source}{pages}"


def review_list(settings: Settings) -> int:
    from review_desk.operator_decisions import review_queue

    queue = review_queue(settings, today=datetime.now(ASTANA).date())
    if not queue:
        print("no submissions need review")
        return 0
    print(f"{'due_by':<11} {'days':>4}  {'submission':<20} checks")
    for item in queue:
        print(f"{item.due_by!s:<11} {item.days_left:>4}  {item.submission_id:<20} {', '.join(item.checks)}")
    return 0


def review_decide(
    settings: Settings,
    submission_id: str,
    *,
    accept: bool,
    refuse: Sequence[str],
    operator: str,
    note: str | None,
    force: bool = False,
) -> int:
    from review_desk.operator_decisions import record_decision

    require_notice_key(settings)
    replaced = _operator_decision(open_storage(settings), submission_id)
    verdict = record_decision(
        settings, submission_id, accept=accept, refuse=tuple(refuse), operator=operator, note=note, force=force
    )
    print(f"{submission_id}: revision {verdict.revision} {verdict.decision} by operator {operator}")
    if replaced:
        print(f"  replaced {replaced}")
    return 0


def review_add_user(users: Path, name: str) -> int:
    """The desk's users from the `attest` command itself (the same as `python -m review_desk add-user`)."""
    from review_desk.__main__ import main as desk_main

    return desk_main(["add-user", "--users", str(users), name])


def review_serve(settings: Settings, *, users: Path | None, host: str, port: int, session_hours: float) -> int:
    """The desk's edge: the secret and cookie policy come from the environment here, nowhere else."""
    import secrets

    import uvicorn

    from review_desk.app import DeskConfig, create_app

    users = users or getattr(settings, "review_users_file", None)
    if users is None:
        raise InputError("--users FILE is required; create one with: python -m review_desk add-user --users FILE NAME")
    if session_hours <= 0:
        raise InputError("--session-hours must be positive")
    open_storage(settings)  # a wrong root is said at the start, not as an error page to the first reviewer
    require_notice_key(settings)  # nor a missing signing key, at the first decision
    secret = os.environ.get("ATTEST_REVIEW_SECRET") or secrets.token_urlsafe(32)
    secure = os.environ.get("ATTEST_REVIEW_SECURE_COOKIES", "").lower() in ("1", "true", "yes")
    app = create_app(
        DeskConfig(
            settings=settings, users_file=users, secret=secret, session_hours=session_hours, secure_cookies=secure
        )
    )
    print(f"review desk on http://{host}:{port}/ (storage {settings.storage}; users {users})", file=sys.stderr)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
    return 0


def serve(settings: Settings) -> int:
    """`attest serve`: settings and the signing key are checked before Prefect starts; the flow runs
    it serves read the same environment, so `--no-notices` reaches them through it."""
    open_storage(settings)
    require_notice_key(settings)
    if not settings.notices:
        os.environ["ATTEST_NOTICES"] = "off"
    from flows.deployments import serve_all

    serve_all()
    return 0


def demo(settings: Settings, folder: Path) -> int:
    from sample_set import build_sample_set

    started = time.monotonic()
    if folder.exists() and any(folder.iterdir()):
        raise InputError(f"{folder} is not empty; remove it or give another --dir")
    cases = build_sample_set(folder, profile="demo", now=datetime.now(UTC))
    print(f"demo: {len(cases)} sample submissions written to {folder} in {time.monotonic() - started:.1f} s")
    demo_settings = settings.model_copy(update={"storage": str(folder)})
    if settings.notices and settings.notice_pkcs12 is None:
        demo_settings = demo_settings.model_copy(update=_demo_key(folder))
    run_batch(demo_settings, "nightly")
    from storage.objects import open_storage

    storage = open_storage(demo_settings)
    print(f"\n{'submission':<14} {'expected':<13} {'decision':<13} checks  — case")
    wrong = 0
    for case in cases:
        verdict = read_current(storage, case.submission_id) if case.expected_decision else None
        got: Decision | str = verdict.decision if verdict else "skipped"
        want = case.expected_decision or "skipped"
        mark = "" if got == want else "  <-- differs"
        wrong += bool(mark)
        checks = ",".join(sorted({f.check for f in verdict.findings if f.status != "pass"})) if verdict else ""
        print(f"{case.submission_id:<14} {want:<13} {got:<13} {checks or '-'}  — {case.title}{mark}")
    print(f"\n{len(cases) - wrong}/{len(cases)} as expected; `attest show --storage {folder} ID` explains one")
    return 0


def _demo_key(folder: Path) -> dict[str, object]:
    """A self-signed provider key for the demo only: notices verify against it, not against НУЦ РК."""
    from pydantic import SecretStr

    from notices import make_self_signed_p12

    path = folder / "demo-keys" / "demo-provider.p12"
    path.parent.mkdir(parents=True, exist_ok=True)
    make_self_signed_p12(path, common_name="Demo provider (self-signed)", organization="attest demo", password=b"demo")
    return {"notice_pkcs12": path, "notice_pkcs12_password": SecretStr("demo")}
