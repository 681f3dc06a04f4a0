"""Prefect's temporary API server ends with the run that started it, however the run ends.

A command-line run with no `PREFECT_API_URL` has Prefect start a temporary server (uvicorn, in a
child process) and stop it when the run exits. A run killed outright (`kill -9` by an operator, the
OOM killer, a scheduler's hard stop) cannot stop it: the server lived on, an orphan of 200 MB using
~1.5 % of a core, one more for each killed run, and the CPU it takes comes out of the next runs'.
So each such server gets a guard: a small process holding pidfds on the run and on the server,
which stops the server (SIGTERM, then SIGKILL after 5 s, as Prefect's own stop does) once the run
is gone and the server is not, and exits when the server ends first. A pidfd names the process
itself, so a reused pid can never be signalled.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys

from runtime.processes import children, cmdline

log = logging.getLogger("attest")

GUARD_MARK = "attest-temporary-server-guard"
_SERVER_MARK = b"prefect.server.api.server:create_app"

_GUARD = """
import select, signal, sys
run, server = int(sys.argv[2]), int(sys.argv[3])
if server not in select.select([run, server], [], [])[0]:
    try:
        signal.pidfd_send_signal(server, signal.SIGTERM)
        if not select.select([server], [], [], 5)[0]:
            signal.pidfd_send_signal(server, signal.SIGKILL)
    except ProcessLookupError:
        pass
"""

_guards: dict[int, subprocess.Popen[bytes]] = {}  # server pid -> its guard, kept while the run lives


def temporary_servers(pid: int) -> list[int]:
    """The children of `pid` that are Prefect temporary API servers."""
    return [child for child in children(pid) if _SERVER_MARK in cmdline(child)]


def guard_temporary_server() -> None:
    """Give each temporary server this process started a guard (once). Idempotent; a no-op when
    the run talks to a standing server, or where Linux pidfds are missing."""
    for server in temporary_servers(os.getpid()):
        if server in _guards:
            continue
        try:
            run_fd = os.pidfd_open(os.getpid())
        except (AttributeError, OSError) as exc:
            log.debug("no guard for the temporary Prefect server: %s", exc)
            return
        try:
            server_fd = os.pidfd_open(server)  # our child, not yet reaped: the pid is still its
        except OSError as exc:  # it ended between the listing and now
            os.close(run_fd)
            log.debug("no guard for the temporary Prefect server: %s", exc)
            continue
        try:
            _guards[server] = subprocess.Popen(
                [sys.executable, "-I", "-c", _GUARD, GUARD_MARK, str(run_fd), str(server_fd)],
                pass_fds=(run_fd, server_fd),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,  # outside the terminal's group: a Ctrl-C stops the run, not the guard
            )
        finally:
            os.close(run_fd)
            os.close(server_fd)
