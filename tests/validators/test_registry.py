"""decide(), the registry, and that every finding fits the verdict schema."""

import importlib
import re

import pytest

from models.context import CheckContext
from models.verdict import Finding, Ground, Message, Status
from tests.paths import CONTRACT, ROOT
from tests.submissions import make_manifest, without_kinds
from tests.validators.builders import make_ctx, verdict_schema_errors
from validators.catalogue import BY_CODE, CATALOGUE, CheckEntry
from validators.decision import decide
from validators.findings import finding
from validators.messages import Bilingual
from validators.registry import CHECKS, FUNCTIONS, run_checks


def f(status: Status, ground: Ground | None = None, check: str = "x.y") -> Finding:
    return Finding(check=check, status=status, ground=ground, message=Message(kk="к", ru="р"))


@pytest.mark.parametrize(
    ("findings", "decision", "grounds"),
    [
        ([], "accepted", ()),
        ([f("pass")], "accepted", ()),
        ([f("review")], "needs_review", ()),
        ([f("pass"), f("review")], "needs_review", ()),
        ([f("fail", 2)], "refused", (2,)),
        ([f("review"), f("fail", 3), f("fail", 1), f("fail", 3)], "refused", (1, 3)),
        ([f("fail", 2), f("fail", 2)], "refused", (2,)),
    ],
)
def test_decide(findings: list[Finding], decision: str, grounds: tuple[int, ...]) -> None:
    assert decide(findings) == (decision, grounds)
    assert verdict_schema_errors(findings) == []


def test_decide_refuses_a_fail_without_ground() -> None:
    bad = Finding(check="x.y", status="fail", message=Message(kk="к", ru="р"))
    with pytest.raises(ValueError, match=r"x\.y"):
        decide([bad])


def test_a_finding_takes_its_ground_from_the_catalogue() -> None:
    text = Bilingual("к", "р")
    assert finding("consent.missing", "fail", message=text).ground == 3
    assert finding("identity.name_mismatch", "fail", message=text).ground == 1
    assert finding("consent.missing", "review", message=text).ground is None
    with pytest.raises(ValueError, match=r"identity\.iin_invalid"):
        finding("identity.iin_invalid", "fail", message=text)  # review only: it has no ground


def test_registry_runs_every_catalogued_check_but_the_manifest_one_in_catalogue_order() -> None:
    codes = [code for code, _ in CHECKS]
    assert len(codes) == len(set(codes))
    assert codes == [entry.code for entry in CATALOGUE if entry.code != "submission.malformed"]
    assert set(FUNCTIONS) == set(codes)


@pytest.mark.parametrize("entry", CATALOGUE, ids=lambda e: e.code)
def test_each_catalogue_entry_leads_to_its_function_messages_and_tests(entry: CheckEntry) -> None:
    """From the catalogue a newcomer finds a check's function (in `module`) and its tests (in `tests`)."""
    module = importlib.import_module(entry.module)
    if entry.code in FUNCTIONS:
        assert FUNCTIONS[entry.code].__module__ == entry.module
    tests = (ROOT / entry.tests).read_text(encoding="utf-8")
    assert f'"{entry.code}"' in tests or any(
        name in tests for name, value in vars(module).items() if name.startswith("check_") and callable(value)
    ), f"{entry.tests} does not test {entry.code}"
    assert entry.name.kk and entry.name.ru and entry.name.kk != entry.name.ru


def test_catalogue_grounds_are_the_contracts() -> None:
    """The contract's table of checks (docs/contract, §3): the same codes, each with the same ground."""
    rows = re.findall(r"^\| `([a-z_]+\.[a-z_]+)` \| ([123]|—)", (CONTRACT / "README.md").read_text(), re.M)
    contract = {code: (None if ground == "—" else int(ground)) for code, ground in rows}
    assert contract == {entry.code: entry.ground for entry in CATALOGUE}


# The builders' readings carry no text: the reading checks are tested in tests/interpretation.
MANIFEST_CHECKS = tuple((code, check) for code, check in CHECKS if not BY_CODE[code].reads_documents)


def test_clean_submission_has_no_findings() -> None:
    findings = run_checks(make_ctx(), MANIFEST_CHECKS)
    assert findings == []
    assert decide(findings) == ("accepted", ())


def test_findings_carry_their_registry_code() -> None:
    manifest = make_manifest(
        consent_personal_data=False,
        documents=without_kinds("diploma"),
        request={"action": "confirm", "category": "pedagog", "current_category": None},
        applicant={"iin": "123", "full_name": "Тест"},
    )
    findings = run_checks(make_ctx(manifest), MANIFEST_CHECKS)
    codes = {x.check for x in findings}
    assert codes == {"consent.missing", "documents.missing", "request.inconsistent", "identity.iin_invalid"}
    assert decide(findings) == ("refused", (2, 3))
    assert verdict_schema_errors(findings) == []


def test_a_crashing_check_becomes_review() -> None:
    def broken(ctx: CheckContext) -> list[Finding]:
        raise RuntimeError("defect")

    findings = run_checks(make_ctx(), checks=(("essay.word_count", broken),))
    assert [(x.check, x.status) for x in findings] == [("essay.word_count", "review")]
    assert findings[0].evidence == {"internal_error": "RuntimeError"}
    assert verdict_schema_errors(findings) == []
