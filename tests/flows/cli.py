"""Running the installed `attest` command as an operator would, in a child process."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ATTEST = Path(sys.executable).with_name("attest")


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str


def attest(*args: str, env: dict[str, str] | None = None, unset: tuple[str, ...] = (), timeout: float = 600) -> Result:
    """`unset`: variables of this process's environment the child does not get."""
    inherited = {k: v for k, v in os.environ.items() if k not in unset}
    proc = subprocess.run(
        [str(ATTEST), *args],
        env={**inherited, "OMP_THREAD_LIMIT": "1", **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


def tree_digest(root: Path) -> dict[str, tuple[int, int]]:
    """Every file below root with its size and mtime (ns): a change anywhere shows."""
    return {
        p.relative_to(root).as_posix(): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def file_bytes(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
