"""The one builder of test submissions: the contract's example manifest, varied per test, and a folder.

Every test folder builds its manifests here, so that a change to the manifest's shape is made once.
`manifest_dict` replaces whole top-level entries (`applicant=...` replaces the applicant), which keeps
a test's manifest exactly what the test says.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from models.base import Kind
from models.manifest import Manifest

SUBMISSION_ID = "2026-000123"
IIN = "870412400412"  # the contract's example number; a valid IIN (tests/validators/test_iin.py)
NAME = "Әбілқасымова Гүлнар Серікқызы"
POSITION = "математика пәнінің мұғалімі"
ORGANIZATION = "№ 12 жалпы білім беретін мектеп, Павлодар қ."

FULL_DOCUMENTS: tuple[tuple[str, Kind], ...] = (
    ("application.pdf", "application"),
    ("diploma.jpg", "diploma"),
    ("employment.pdf", "employment_record"),
    ("course-2025.pdf", "course_certificate"),
    ("category.pdf", "category_certificate"),
    ("category-order.pdf", "category_order"),
    ("achievements-1.pdf", "professional_achievements"),
    ("olympiad.png", "student_achievements"),
    ("essay.pdf", "essay"),
)

# Requests as tests use them: confirming a held category, or assigning a first one.
CONFIRM_MASTER = {
    "action": "confirm",
    "category": "pedagog_master",
    "current_category": {"category": "pedagog_master", "valid_until": "2026-12-25"},
}
CONFIRM_EXPERT = {
    "action": "confirm",
    "category": "pedagog_expert",
    "current_category": {"category": "pedagog_expert", "valid_until": "2026-12-25"},
}
ASSIGN_MODERATOR = {"action": "assign", "category": "pedagog_moderator", "current_category": None}


def documents(*pairs: tuple[str, Kind]) -> list[dict[str, str]]:
    return [{"file": f, "kind": k} for f, k in pairs]


def without_kinds(*kinds: Kind) -> list[dict[str, str]]:
    """The full document list minus the given kinds."""
    return documents(*[(f, k) for f, k in FULL_DOCUMENTS if k not in kinds])


def applicant(*, iin: str = IIN, full_name: str = NAME, email: str | None = None, **more: str) -> dict[str, str]:
    """An applicant entry: the name and IIN, and whichever of email, position, organization a test gives."""
    return {"iin": iin, "full_name": full_name, **({"email": email} if email else {}), **more}


def manifest_dict(**overrides: Any) -> dict[str, Any]:
    """The contract's example manifest as JSON data; top-level entries replaced by `overrides`."""
    data: dict[str, Any] = {
        "schema_version": 1,
        "submission_id": SUBMISSION_ID,
        "submitted_at": "2026-09-14T21:05:00+05:00",
        "channel": "ustaz",
        "applicant": applicant(email="g.abilkassymova@example.kz", position=POSITION, organization=ORGANIZATION),
        "request": CONFIRM_MASTER,
        "consent_personal_data": True,
        "state_records": {"diploma": False, "employment": False},
        "provider": {"name": "Павлодар облысы білім басқармасы", "bin": "000000000000"},
        "documents": documents(*FULL_DOCUMENTS),
    }
    data.update(overrides)
    return copy.deepcopy(data)


def manifest_bytes(**overrides: Any) -> bytes:
    return json.dumps(manifest_dict(**overrides), ensure_ascii=False).encode("utf-8")


def make_manifest(**overrides: Any) -> Manifest:
    return Manifest.model_validate(manifest_dict(**overrides))


def write_folder(root: Path, manifest: dict[str, Any], files: dict[str, bytes]) -> Path:
    """A submission folder in the contract's storage layout: its files, then its manifest."""
    folder = root / "submissions" / str(manifest["submission_id"])
    folder.mkdir(parents=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False))
    return folder
