"""The IIN (ЖСН/ИИН) checksum and the `identity.iin_invalid` check.

The IIN comes from eGov authentication, so a bad checksum is a data defect for a person to
resolve, never the teacher's fault: the check reports `review`. Birth-date digits are not judged
(IINs issued after 2013 need not encode the birth date).
"""

import re

from models.context import CheckContext
from models.verdict import Finding
from validators.findings import finding
from validators.messages import Bilingual, printable

CODE = "identity.iin_invalid"

_IIN = re.compile(r"[0-9]{12}")
_FIRST_WEIGHTS = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
_SECOND_WEIGHTS = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)

# {iin}: the applicant's IIN as shown.
MESSAGES: dict[str, Bilingual] = {
    "checksum": Bilingual(
        "Өтініш берушінің ЖСН-і ({iin}) бақылау разрядын тексеруден өтпеді. ЖСН электрондық "
        "үкімет арқылы алынады, сондықтан бұл өтініш берушінің қатесі емес, деректер ақауы. "
        "Маман тексереді.",
        "ИИН заявителя ({iin}) не прошёл проверку контрольного разряда. ИИН получен через "
        "электронное правительство, поэтому это дефект данных, а не ошибка заявителя. "
        "Проверит специалист.",
    ),
}


def iin_check_digit(first_eleven: str) -> int | None:
    """The control digit for 11 leading digits, or None when both passes give 10 (no valid IIN).

    Raises ValueError when the input is not 11 ASCII digits.
    """
    if not re.fullmatch(r"[0-9]{11}", first_eleven):
        raise ValueError("an IIN prefix is 11 ASCII digits")
    digits = [int(c) for c in first_eleven]
    remainder = sum(d * w for d, w in zip(digits, _FIRST_WEIGHTS, strict=True)) % 11
    if remainder == 10:
        remainder = sum(d * w for d, w in zip(digits, _SECOND_WEIGHTS, strict=True)) % 11
    return None if remainder == 10 else remainder


def iin_is_valid(iin: str) -> bool:
    """True for 12 ASCII digits whose last digit is the checksum of the first 11."""
    if not _IIN.fullmatch(iin):
        return False
    return iin_check_digit(iin[:11]) == int(iin[11])


def check_iin_invalid(ctx: CheckContext) -> list[Finding]:
    """`identity.iin_invalid`: review when the applicant's IIN fails the checksum."""
    iin = ctx.manifest.applicant.iin
    if iin_is_valid(iin):
        return []
    return [finding(CODE, "review", message=MESSAGES["checksum"].format(iin=printable(iin, 40)), evidence={"iin": iin})]
