"""Mistakes an operator makes get a one-line error and a non-zero exit at once, never a green run that did
nothing: a mistyped storage root, an unknown submission id, a reprocess with nothing chosen."""

from __future__ import annotations

import json
import os
import subprocess
import time
from datetime import datetime
from pathlib import Path

import pytest

from models.astana_time import ASTANA
from models.errors import InputError
from tests.flows.cli import ATTEST, Result, attest, tree_digest
from tests.flows.tiny import write_submission
from tests.review_desk.desk_data import CASE, LATER, history, write_storage, write_users

KEY_SETTINGS = ("ATTEST_NOTICE_PKCS12", "ATTEST_NOTICE_PKCS12_PASSWORD")


def test_a_mistyped_storage_root_stops_the_run_before_anything_starts(tmp_path: Path) -> None:
    typo = tmp_path / "demo-dta"
    started = time.monotonic()
    result = attest("run", "--storage", str(typo))
    assert result.code == 3, result
    assert result.err.startswith("attest: error: storage root") and str(typo) in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert not typo.exists()  # no folder made, no run report in it
    assert time.monotonic() - started < 8  # said before Prefect's server starts
    shown = attest("show", "--storage", str(typo), "2026-000001")
    assert shown.code == 3 and "is not a folder" in shown.err
    users = tmp_path / "users.json"
    users.write_text('{"users": {}}')
    desk = attest("review", "serve", "--storage", str(typo), "--users", str(users), "--port", "1")
    assert desk.code == 3 and "is not a folder" in desk.err


def test_an_unknown_submission_id_is_an_error_and_nothing_is_reprocessed(tmp_path: Path) -> None:
    root = tmp_path / "data"
    write_submission(root, "2026-000117")
    result = attest("reprocess", "--storage", str(root), "--submission", "2026-00117")
    assert result.code == 2, result
    assert "no such submission: 2026-00117" in result.err
    assert not (root / "runs").exists() and not (root / "verdicts").exists()


@pytest.mark.slow
def test_the_reprocess_deployment_fails_on_unknown_ids_and_on_no_selection(tmp_path: Path, prefect_api: str) -> None:
    """Through Prefect (the operators' deployment): the known id is reprocessed, the flow run still fails,
    naming the unknown one; a run with nothing chosen fails before it reads anything."""
    from flows.nightly import reprocess_flow

    root = tmp_path / "data"
    write_submission(root, "2026-000118")
    os.environ["OMP_THREAD_LIMIT"] = "1"
    with pytest.raises(InputError, match="no such submission: 2026-000999"):
        reprocess_flow(storage=str(root), submission_ids=["2026-000118", "2026-000999"])
    assert json.loads((root / "verdicts" / "2026-000118.json").read_text())["revision"] == 1
    with pytest.raises(InputError, match="needs a selection"):
        reprocess_flow(storage=str(root))


def no_key(*args: str, **env: str) -> Result:
    """`attest` with notices on (the default) and no signing key in its environment."""
    return attest(*args, env={"ATTEST_NOTICES": "on", **env}, unset=KEY_SETTINGS)


def one_line_error(result: Result, *words: str) -> None:
    assert result.code == 2, result
    assert result.err.startswith("attest: error:") and len(result.err.strip().splitlines()) == 1, result.err
    for word in words:
        assert word in result.err, result.err


def test_without_a_signing_key_nothing_publishes_unless_notices_are_switched_off(tmp_path: Path) -> None:
    """A refusal must reach the teacher signed: no key and notices on stops every command that publishes, at
    the start (before Prefect), with the fix in the one line; switched off on purpose, verdicts flow."""
    root = tmp_path / "data"
    write_storage(root, datetime.now(ASTANA).date())
    users = tmp_path / "users.json"
    write_users(users)
    before = tree_digest(root)
    home = tmp_path / "prefect-home"
    for args in (
        ("run", "--storage", str(root)),
        ("reprocess", "--storage", str(root), "--submission", CASE),
        ("review", "decide", "--storage", str(root), CASE, "--accept", "--operator", "aigerim"),
        ("review", "serve", "--storage", str(root), "--users", str(users), "--port", "1"),
        ("serve",),
    ):
        one_line_error(
            no_key(*args, ATTEST_STORAGE=str(root), PREFECT_HOME=str(home), PREFECT_API_URL=""),
            "ATTEST_NOTICE_PKCS12",
            "--no-notices",
            "ATTEST_NOTICES=off",
        )
    assert not (home / "prefect.db").exists()  # said before Prefect's temporary server was started
    assert tree_digest(root) == before  # nothing written: no revision, no run report

    decide = ("review", "decide", "--storage", str(root))
    assert no_key(*decide, CASE, "--accept", "--operator", "aigerim", "--no-notices").code == 0
    assert no_key(*decide, LATER, "--accept", "--operator", "aigerim", ATTEST_NOTICES="off").code == 0
    for sid in (CASE, LATER):
        assert [v.revision for v in history(root, sid)] == [1, 2]
        assert history(root, sid)[-1].notice is None
    assert not (root / "notices").exists()


@pytest.mark.slow
def test_every_run_says_whether_notices_were_made(tmp_path: Path) -> None:
    """The summary and the run report say "OFF" when switched off, and how many were signed when on."""
    from notices import make_self_signed_p12

    root = tmp_path / "data"
    write_submission(root, "2026-000131")
    off = no_key("run", "--storage", str(root), "--no-notices")
    assert off.code == 0, off
    assert "notices: OFF (switched off on purpose" in off.out
    key = tmp_path / "provider.p12"
    make_self_signed_p12(key, common_name="Test provider", organization="Test", password=b"pw")
    on = attest(
        "reprocess",
        "--storage",
        str(root),
        "--submission",
        "2026-000131",
        env={"ATTEST_NOTICES": "on", "ATTEST_NOTICE_PKCS12": str(key), "ATTEST_NOTICE_PKCS12_PASSWORD": "pw"},
    )
    assert on.code == 0, on
    assert "notices: 1 signed" in on.out
    reports = [json.loads(p.read_text()) for p in sorted((root / "runs").glob("*.json"))]
    assert sorted((r["mode"], r["notices"], r["notices_made"]) for r in reports) == [
        ("nightly", "off", 0),
        ("reprocess", "signed", 1),
    ]
    assert (root / "notices" / "2026-000131" / "0002.pdf").is_file()


def test_an_operator_never_silently_replaces_another_operators_decision(tmp_path: Path) -> None:
    """`review decide` and `reprocess` ask for --force and say whose decision it would replace."""
    root = tmp_path / "data"
    write_storage(root, datetime.now(ASTANA).date())
    decide = ("review", "decide", "--storage", str(root), CASE, "--no-notices")
    first = attest(*decide, "--refuse", "identity.name_mismatch", "--operator", "aigerim")
    assert first.code == 0, first
    second = attest(*decide, "--accept", "--operator", "bolat")
    one_line_error(second, "operator aigerim's decision (refused, revision 2", "--force")
    assert [v.revision for v in history(root, CASE)] == [1, 2]
    again = attest("reprocess", "--storage", str(root), "--submission", CASE, "--no-notices")
    one_line_error(again, "operator aigerim's decision (refused", "--force", "nothing was reprocessed")
    assert not (root / "runs").exists()
    forced = attest(*decide, "--accept", "--operator", "bolat", "--force")
    assert forced.code == 0, forced
    assert "replaced operator aigerim's decision (refused, revision 2" in forced.out
    latest = history(root, CASE)[-1]
    assert (latest.revision, latest.decision, latest.decided_by.name) == (3, "accepted", "bolat")


@pytest.mark.parametrize(
    ("variable", "value"),
    [("ATTEST_APPLICATION_WINDOWS", "["), ("ATTEST_EXTRA_DAYS_OFF", "notjson"), ("ATTEST_NOTICE_PROVIDER_PKCS12", "{")],
)
def test_a_malformed_json_setting_is_one_line_naming_it(tmp_path: Path, variable: str, value: str) -> None:
    result = attest("show", "--storage", str(tmp_path), "2026-000001", env={variable: value})
    one_line_error(result, f"bad setting {variable}", "not valid JSON", "e.g. ")


def test_show_speaks_plainly_says_what_comes_next_and_survives_a_closed_pipe(tmp_path: Path) -> None:
    """No Python None or reprs for a verdict made without a manifest, a next step for a needs_review case,
    and `attest show ID | head` ends quietly."""
    from models.verdict import VerdictDocument
    from tests.review_desk.desk_data import review_verdict

    root = tmp_path / "data"
    write_storage(root, datetime.now(ASTANA).date())
    bare = review_verdict(CASE, datetime.now(ASTANA), datetime.now(ASTANA).date()).model_copy(
        update={
            "submitted_at": None,
            "registered_on": None,
            "due_by": None,
            "documents": (VerdictDocument(file="scan.png", declared_kind=None),),
        }
    )
    (root / "verdicts" / f"{CASE}.json").write_bytes(bare.to_json())
    shown = attest("show", "--storage", str(root), CASE)
    assert shown.code == 0, shown
    assert "None" not in shown.out and "['" not in shown.out, shown.out
    assert "submitted unknown  registered unknown  due unknown" in shown.out
    assert "scan.png: not in the manifest, not read" in shown.out
    assert f"attest review decide --storage {root} {CASE} (--accept | --refuse CHECK ...)" in shown.out

    proc = subprocess.Popen(
        [str(ATTEST), "show", "--storage", str(root), LATER],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "OMP_THREAD_LIMIT": "1"},
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # as `| head` does once it has its lines, before attest writes them
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0
    assert "Traceback" not in err and "BrokenPipe" not in err, err


def test_an_idle_night_with_no_prefect_server_does_not_start_one(tmp_path: Path) -> None:
    """Nothing new and no PREFECT_API_URL: the run report is written and Prefect's temporary server (8-12 s,
    its records gone when the command ends) is never started."""
    root = tmp_path / "data"
    write_submission(root, "2026-000141")
    first = attest("run", "--storage", str(root))  # through the tests' Prefect server
    assert first.code == 0, first
    home = tmp_path / "prefect-home"
    idle = attest("run", "--storage", str(root), env={"PREFECT_HOME": str(home)}, unset=("PREFECT_API_URL",))
    assert idle.code == 0, idle
    assert "nightly: 0 verdicts (none); unchanged 1;" in idle.out
    assert len(list((root / "runs").glob("*.json"))) == 2
    assert not (home / "prefect.db").exists()  # where a temporary server keeps its database


def test_a_desk_user_is_added_with_the_attest_command(tmp_path: Path) -> None:
    from review_desk.auth import read_users, verify_password

    users = tmp_path / "users.json"
    done = subprocess.run(
        [str(ATTEST), "review", "add-user", "--users", str(users), "aigerim"],
        input="a long pass phrase\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert verify_password("a long pass phrase", read_users(users)["aigerim"])
