"""`python -m review_desk add-user --users FILE NAME`: add or replace an operator's password hash.

The password is asked twice on a terminal, or read as one line from standard input otherwise
(for scripts: `printf '%s\n' "$PASSWORD" | python -m review_desk add-user ...`).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Sequence
from pathlib import Path

from models.errors import AttestError
from review_desk.auth import add_user


def _password() -> str:
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Again: "):
        raise SystemExit("the passwords differ")
    return first


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m review_desk")
    sub = parser.add_subparsers(dest="command", required=True)
    add = sub.add_parser("add-user", help="add or replace a user in a JSON users file")
    add.add_argument("--users", required=True, type=Path)
    add.add_argument("name")
    args = parser.parse_args(argv)
    try:
        add_user(args.users, args.name, _password())
    except AttestError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    print(f"{args.name} saved in {args.users}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
