"""`attest`: the contract's command line (§5). One handler maps errors to exit codes."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from pydantic import ValidationError

from models.errors import AttestError, InputError
from models.settings import Settings, load_settings

# Prefect's task-run recorder writes each task-run event in a transaction of its own by default
# (batch size 1): 18 ms of the server's CPU per task (Prefect 3.9, SQLite), more than the rest of a
# task's cost, client and server, together, taken from the cores that read the night's scans. In
# batches of up to 100 (or every 5 s) it costs ~3 ms. Task runs then show in the UI up to 5 s late,
# and the batch still queued when a run ends is written as the server shuts down. The temporary
# server of a run with no PREFECT_API_URL inherits this; the real one has it in infra/'s compose file.
PREFECT_SERVER_TUNING = {"PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_BATCH_SIZE": "100"}

# Set for Prefect, unless already set, before it is imported.
PREFECT_DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_SERVER_LOGGING_LEVEL": "CRITICAL",
    "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL": "CRITICAL",  # our own one-line errors say what failed
    "PREFECT_LOGGING_LOGGERS_PREFECT_SERVER_LEVEL": "CRITICAL",
    "PREFECT_LOGGING_LOGGERS_UVICORN_LEVEL": "CRITICAL",
    "PREFECT_CLI_COLORS": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_LOGGING_EXTRA_LOGGERS": "attest",
    "OMP_THREAD_LIMIT": "1",
    **PREFECT_SERVER_TUNING,
}


def prefect_environment() -> None:
    """Prefect configured for a run of ours, before Prefect is imported: the command line's, and the
    benchmarks' (whose figures are the command line's)."""
    for key, value in PREFECT_DEFAULTS.items():
        os.environ.setdefault(key, value)
    if "PREFECT_API_URL" in os.environ and not os.environ["PREFECT_API_URL"].strip():
        # An empty PREFECT_API_URL (an env file's `PREFECT_API_URL=`) means no server, as unset does.
        # Prefect 3.9 starts its temporary server for such a run but sends the run's events to "",
        # so no task run is recorded and 'EventsWorker failed' errors end the run's output.
        del os.environ["PREFECT_API_URL"]


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="attest", description="Document intake for teacher attestation.")
    p.add_argument("-v", "--verbose", action="store_true", help="log each step (IINs masked)")
    p.add_argument("--config", type=Path, default=None, help="a TOML settings file (default: $ATTEST_CONFIG)")
    sub = p.add_subparsers(dest="command", required=True)

    def storage_arg(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--storage", default=None, help="a folder or s3://bucket[/prefix] (default ./data)")

    run = sub.add_parser("run", help="the nightly batch: every new or changed submission")
    storage_arg(run)

    rep = sub.add_parser("reprocess", help="a new verdict for chosen submissions")
    storage_arg(rep)
    group = rep.add_mutually_exclusive_group(required=True)
    group.add_argument("--submission", action="append", dest="submissions", metavar="ID")
    group.add_argument("--all", action="store_true")
    group.add_argument("--decision", choices=["accepted", "refused", "needs_review"])
    group.add_argument("--since", type=date.fromisoformat, metavar="DATE")
    rep.add_argument("--force", action="store_true", help="also override operators' decisions")

    show = sub.add_parser("show", help="the current verdict, for a person")
    storage_arg(show)
    show.add_argument("submission_id")
    show.add_argument("--json", action="store_true")

    demo = sub.add_parser("demo", help="write a sample set to a local folder and run the batch on it")
    demo.add_argument("--dir", default="demo-data", type=Path)

    sub.add_parser("serve", help="serve the Prefect deployments (nightly schedule, reprocess)")

    review = sub.add_parser("review", help="operators: needs_review submissions")
    rsub = review.add_subparsers(dest="review_command", required=True)
    rl = rsub.add_parser("list")
    storage_arg(rl)
    rd = rsub.add_parser("decide")
    storage_arg(rd)
    rd.add_argument("submission_id")
    how = rd.add_mutually_exclusive_group(required=True)
    how.add_argument("--accept", action="store_true")
    how.add_argument("--refuse", nargs="+", metavar="CHECK")
    rd.add_argument("--operator", required=True)
    rd.add_argument("--note", default=None)
    rs = rsub.add_parser("serve", help="the review desk: a web page for operators (login required)")
    storage_arg(rs)
    rs.add_argument("--host", default="127.0.0.1")
    rs.add_argument("--port", type=int, default=8080)
    rs.add_argument("--users", type=Path, default=None, help='users file: {"users": {"name": "scrypt$..."}}')
    rs.add_argument("--session-hours", type=float, default=8.0, help="a login lasts this long (default 8)")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    prefect_environment()
    args = build_parser().parse_args(argv)
    from flows.console import setup_logging

    setup_logging(verbose=args.verbose)
    try:
        return dispatch(args)
    except AttestError as exc:
        print(f"attest: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("attest: interrupted", file=sys.stderr)
        return 130


def settings_for(args: argparse.Namespace) -> Settings:
    config = args.config or (Path(os.environ["ATTEST_CONFIG"]) if os.environ.get("ATTEST_CONFIG") else None)
    try:
        settings = load_settings(config)
    except ValidationError as exc:
        raise InputError(f"bad setting: {_first_error(exc)}") from exc
    storage = getattr(args, "storage", None)
    return settings.model_copy(update={"storage": storage}) if storage else settings


def dispatch(args: argparse.Namespace) -> int:
    from flows import console

    if args.command == "run":
        return console.run_batch(settings_for(args), "nightly")
    if args.command == "reprocess":
        return console.run_batch(
            settings_for(args),
            "reprocess",
            submission_ids=tuple(args.submissions or ()),
            all=args.all,
            decision=args.decision,
            since=args.since,
            force=args.force,
        )
    if args.command == "show":
        return console.show(settings_for(args), args.submission_id, as_json=args.json)
    if args.command == "demo":
        return console.demo(settings_for(args), args.dir)
    if args.command == "serve":
        from flows.deployments import serve_all

        serve_all()
        return 0
    if args.command == "review":
        if args.review_command == "list":
            return console.review_list(settings_for(args))
        if args.review_command == "serve":
            return console.review_serve(
                settings_for(args), users=args.users, host=args.host, port=args.port, session_hours=args.session_hours
            )
        return console.review_decide(
            settings_for(args),
            args.submission_id,
            accept=args.accept,
            refuse=tuple(args.refuse or ()),
            operator=args.operator,
            note=args.note,
        )
    raise InputError(f"unknown command {args.command}")


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    return f"{'.'.join(str(x) for x in err['loc'])}: {err['msg']}"


if __name__ == "__main__":
    raise SystemExit(main())
