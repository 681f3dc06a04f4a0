"""One settings object: environment over an optional TOML file; secrets never from the file."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest

from models.errors import InputError
from models.settings import load_settings
from tests.flows.cli import attest


def test_file_values_apply_and_environment_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "attest.toml"
    config.write_text(
        'storage = "s3://intake/2026"\nocr_dpi = 250\nwork_end = "18:00"\n'
        'extra_days_off = ["2026-12-31"]\n[[application_windows]]\nstart = "2026-09-01"\nend = "2026-10-15"\n'
    )
    monkeypatch.setenv("ATTEST_OCR_DPI", "300")
    settings = load_settings(config)
    assert settings.storage == "s3://intake/2026"
    assert settings.ocr_dpi == 300  # the environment wins
    assert settings.work_end == time(18, 0)
    assert settings.extra_days_off == (date(2026, 12, 31),)
    assert settings.application_windows[0].end == date(2026, 10, 15)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('s3_secret_key = "x"', "holds secrets"),
        ("ocr_dpii = 300", "unknown settings"),
        ("ocr_dpi = ", "config file"),
    ],
)
def test_bad_files_are_refused(tmp_path: Path, text: str, message: str) -> None:
    config = tmp_path / "attest.toml"
    config.write_text(text)
    with pytest.raises(InputError, match=message):
        load_settings(config)


def test_cli_reports_a_bad_config_in_one_line(tmp_path: Path) -> None:
    config = tmp_path / "attest.toml"
    config.write_text("ocr_dpi = 'many'\n")
    result = attest("--config", str(config), "show", "x")
    assert result.code == 2
    assert result.err.count("\n") == 1 and "ocr_dpi" in result.err
    missing = attest("--config", str(tmp_path / "nope.toml"), "show", "x")
    assert missing.code == 2 and "not found" in missing.err
