"""The IIN checksum and identity.iin_invalid."""

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from tests.submissions import IIN as VALID_IIN
from tests.submissions import make_manifest
from tests.validators.builders import make_ctx, valid_iin, verdict_schema_errors
from validators.iin import check_iin_invalid, iin_check_digit, iin_is_valid

_WEIGHTS_1 = range(1, 12)

eleven_digits = st.text(alphabet="0123456789", min_size=11, max_size=11)


def first_remainder(iin: str) -> int:
    return sum(int(d) * w for d, w in zip(iin[:11], _WEIGHTS_1, strict=True)) % 11


def test_contract_example_is_valid() -> None:
    assert iin_is_valid(VALID_IIN)


def test_second_pass_is_used_when_first_remainder_is_10() -> None:
    # A 1 in the tenth place (first-pass weight 10) gives remainder 10; its second-pass weight is 1,
    # so the check digit is 1.
    prefix = "0000000001" + "0"
    assert first_remainder(prefix + "0") == 10
    assert iin_check_digit(prefix) == 1
    assert iin_is_valid(prefix + "1")
    assert not iin_is_valid(prefix + "0")


def test_no_valid_iin_when_both_passes_give_10() -> None:
    # Find a prefix where both passes give 10, by brute force over a small space.
    for n in range(10**6):
        prefix = f"{n:011d}"
        if iin_check_digit(prefix) is None:
            break
    else:
        pytest.fail("no prefix without a check digit found")
    assert not any(iin_is_valid(prefix + str(d)) for d in range(10))


@pytest.mark.parametrize(
    "iin",
    ["", "87041240041", "8704124004120", "87041240041a", "８７０４１２４００４１２", " 870412400412", "870412400413"],
)
def test_invalid_forms(iin: str) -> None:
    assert not iin_is_valid(iin)


def test_check_digit_refuses_non_digits() -> None:
    with pytest.raises(ValueError):
        iin_check_digit("12345")


@given(eleven_digits)
def test_at_most_one_check_digit_and_none_only_on_double_ten(prefix: str) -> None:
    valid = [d for d in range(10) if iin_is_valid(prefix + str(d))]
    digit = iin_check_digit(prefix)
    assert valid == ([] if digit is None else [digit])


@given(eleven_digits, st.integers(1, 9))
def test_changing_the_check_digit_invalidates(prefix: str, delta: int) -> None:
    iin = valid_iin(prefix)
    assume(iin is not None)
    assert iin is not None
    changed = iin[:11] + str((int(iin[11]) + delta) % 10)
    assert not iin_is_valid(changed)


@given(eleven_digits, st.integers(0, 9), st.integers(1, 9))
def test_single_digit_change_in_first_ten(prefix: str, position: int, delta: int) -> None:
    """Weights 1..10 are invertible mod 11, so the first-pass remainder always moves; if it moves to a
    value other than 10 the old check digit cannot match. (Landing on 10 switches to the second pass,
    which may coincide: not a property.)"""
    iin = valid_iin(prefix)
    assume(iin is not None and first_remainder(iin) != 10)
    assert iin is not None
    changed = iin[:position] + str((int(iin[position]) + delta) % 10) + iin[position + 1 :]
    assume(first_remainder(changed) != 10)
    assert not iin_is_valid(changed)


@given(eleven_digits, st.integers(1, 9))
def test_eleventh_digit_has_weight_11(prefix: str, delta: int) -> None:
    """Weight 11 is 0 mod 11: changing digit 11 keeps a first-pass IIN valid, and breaks a second-pass one."""
    iin = valid_iin(prefix)
    assume(iin is not None)
    assert iin is not None
    changed = iin[:10] + str((int(iin[10]) + delta) % 10) + iin[11]
    assert iin_is_valid(changed) == (first_remainder(iin) != 10)


def test_check_passes_on_valid_iin() -> None:
    assert check_iin_invalid(make_ctx()) == []


@pytest.mark.parametrize("iin", ["870412400413", "87041240041", "ЖСН жоқ", ""])
def test_check_reviews_invalid_iin(iin: str) -> None:
    applicant = {"iin": iin, "full_name": "Тест Тестов"}
    findings = check_iin_invalid(make_ctx(make_manifest(applicant=applicant)))
    assert len(findings) == 1
    (f,) = findings
    assert f.check == "identity.iin_invalid"
    assert f.status == "review"
    assert f.ground is None
    assert f.evidence == {"iin": iin}
    assert verdict_schema_errors(findings) == []
