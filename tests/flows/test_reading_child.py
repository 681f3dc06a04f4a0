"""The worker's reading child (`workers.reading_child`): kept from file to file, replaced after a file
that failed, and after its share of files."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from models.settings import Settings
from sample_set.essays import KK_BODY
from sample_set.page import Doc, Text
from sample_set.render_pdf import Style, render_pdf
from tests.flows.processes import gone
from tests.hostile.inputs import million_lines_pdf
from workers import reading_child
from workers.bounded import read_bounded


@pytest.fixture()
def essay() -> bytes:
    return render_pdf(Doc("essay", "kk", tuple(Text(s) for s in KK_BODY[:8])), Style(), 1)


@pytest.fixture(autouse=True)
def _no_child_left() -> Iterator[None]:
    yield
    child = getattr(reading_child._local, "child", None)
    if child is not None:
        reading_child.retire(child, kill=True)


def test_files_one_after_another_are_read_by_one_child(essay: bytes) -> None:
    first = read_bounded("e1.pdf", "essay", essay, Settings())
    pid = reading_child.current_pid()
    second = read_bounded("e2.pdf", "essay", essay, Settings())
    assert pid is not None and pid != os.getpid() and reading_child.current_pid() == pid
    assert first.reading.extracted.pages[0].source == "text_layer"
    assert second.reading.extracted.pages[0].text == first.reading.extracted.pages[0].text
    assert second.peak_bytes > 0


def test_after_a_file_past_its_limit_the_next_is_read_by_a_new_child(essay: bytes) -> None:
    read_bounded("e1.pdf", "essay", essay, Settings())
    before = reading_child.current_pid()
    stopped = read_bounded("lines.pdf", "professional_achievements", million_lines_pdf(), Settings(file_timeout_s=1))
    assert [p.limit_hit for p in stopped.reading.extracted.pages] == ["reader_failed"]
    assert before is not None and gone(before) and reading_child.current_pid() is None
    after = read_bounded("e2.pdf", "essay", essay, Settings())
    assert after.reading.extracted.pages[0].source == "text_layer"
    assert reading_child.current_pid() not in (None, before)


def test_a_child_is_replaced_after_its_share_of_files(essay: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading_child, "_MAX_FILES", 2)
    read_bounded("e1.pdf", "essay", essay, Settings())
    first = reading_child.current_pid()
    read_bounded("e2.pdf", "essay", essay, Settings())
    assert first is not None and gone(first) and reading_child.current_pid() is None
    read_bounded("e3.pdf", "essay", essay, Settings())
    assert reading_child.current_pid() not in (None, first)


def test_a_child_grown_past_its_share_of_the_cap_is_replaced(essay: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    read_bounded("e1.pdf", "essay", essay, Settings())
    child = reading_child._local.child
    monkeypatch.setattr(child, "data_at_fork_kb", child.data_at_fork_kb - 60 * 1024)  # as if it grew by 60 MB
    read_bounded("e2.pdf", "essay", essay, Settings(reading_memory_mb=400))  # 1/8 of 400 MB is 50 MB
    assert gone(child.pid) and reading_child.current_pid() is None


def test_another_memory_cap_gets_another_child(essay: bytes) -> None:
    read_bounded("e1.pdf", "essay", essay, Settings(reading_memory_mb=400))
    first = reading_child.current_pid()
    read_bounded("e2.pdf", "essay", essay, Settings(reading_memory_mb=300))
    assert first is not None and gone(first) and reading_child.current_pid() not in (None, first)
