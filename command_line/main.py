"""`attest`: the contract's command line (§5). One handler maps errors to exit codes."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from models.errors import AttestError, InputError
from models.settings import Settings, load_settings
from runtime.prefect_environment import prefect_environment


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="attest", description="Document intake for teacher attestation.")
    p.add_argument("-v", "--verbose", action="store_true", help="log each step (IINs masked)")
    p.add_argument("--config", type=Path, default=None, help="a TOML settings file (default: $ATTEST_CONFIG)")
    sub = p.add_subparsers(dest="command", required=True)

    def storage_arg(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--storage", default=None, help="a folder or s3://bucket[/prefix] (default ./data)")

    def notices_arg(sp: argparse.ArgumentParser) -> None:
        sp.add_argument(
            "--no-notices",
            action="store_true",
            help="publish verdicts without signed notices, on purpose (as ATTEST_NOTICES=off)",
        )

    run = sub.add_parser("run", help="the nightly batch: every new or changed submission")
    storage_arg(run)
    notices_arg(run)

    rep = sub.add_parser("reprocess", help="a new verdict for chosen submissions")
    storage_arg(rep)
    notices_arg(rep)
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
    notices_arg(demo)

    notices_arg(sub.add_parser("serve", help="serve the Prefect deployments (nightly schedule, reprocess)"))

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
    rd.add_argument("--force", action="store_true", help="replace a decision another operator already made")
    notices_arg(rd)
    rs = rsub.add_parser("serve", help="the review desk: a web page for operators (login required)")
    storage_arg(rs)
    notices_arg(rs)
    rs.add_argument("--host", default="127.0.0.1")
    rs.add_argument("--port", type=int, default=8080)
    rs.add_argument("--users", type=Path, default=None, help='users file: {"users": {"name": "scrypt$..."}}')
    rs.add_argument("--session-hours", type=float, default=8.0, help="a login lasts this long (default 8)")
    au = rsub.add_parser("add-user", help="add or replace a desk user (asks for the password; or one line on stdin)")
    au.add_argument("--users", required=True, type=Path, help="the users file (created if missing)")
    au.add_argument("name")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    prefect_environment()
    args = build_parser().parse_args(argv)
    from command_line.commands import setup_logging

    setup_logging(verbose=args.verbose)
    try:
        code = dispatch(args)
        sys.stdout.flush()  # here, where a closed pipe can still be told apart from a failure
        return code
    except BrokenPipeError:
        # `attest show ID | head`: the reader has what it wanted. Python's flush at exit must not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except AttestError as exc:
        print(f"attest: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("attest: interrupted", file=sys.stderr)
        return 130


def settings_for(args: argparse.Namespace) -> Settings:
    config = args.config or (Path(os.environ["ATTEST_CONFIG"]) if os.environ.get("ATTEST_CONFIG") else None)
    settings = load_settings(config)  # a bad value is an InputError naming the setting
    update: dict[str, object] = {}
    if getattr(args, "storage", None):
        update["storage"] = args.storage
    if getattr(args, "no_notices", False):
        update["notices"] = False
    return settings.model_copy(update=update)


def dispatch(args: argparse.Namespace) -> int:
    from command_line import commands

    if args.command == "run":
        return commands.run_batch(settings_for(args), "nightly")
    if args.command == "reprocess":
        return commands.run_batch(
            settings_for(args),
            "reprocess",
            submission_ids=tuple(args.submissions or ()),
            all=args.all,
            decision=args.decision,
            since=args.since,
            force=args.force,
        )
    if args.command == "show":
        return commands.show(settings_for(args), args.submission_id, as_json=args.json)
    if args.command == "demo":
        return commands.demo(settings_for(args), args.dir)
    if args.command == "serve":
        return commands.serve(settings_for(args))
    if args.command == "review":
        if args.review_command == "list":
            return commands.review_list(settings_for(args))
        if args.review_command == "add-user":
            return commands.review_add_user(args.users, args.name)
        if args.review_command == "serve":
            return commands.review_serve(
                settings_for(args), users=args.users, host=args.host, port=args.port, session_hours=args.session_hours
            )
        return commands.review_decide(
            settings_for(args),
            args.submission_id,
            accept=args.accept,
            refuse=tuple(args.refuse or ()),
            operator=args.operator,
            note=args.note,
            force=args.force,
        )
    raise InputError(f"unknown command {args.command}")


if __name__ == "__main__":
    raise SystemExit(main())
