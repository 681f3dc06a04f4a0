"""IINs shown to people who need only to recognise one: logs, notices, the review desk's lists.

Two meanings, two names: `masked_iin` shows one known IIN; `mask_iins` finds every 12-digit run in
free text (a log line, a finding's message) and masks each.
"""

import re

_IIN_RUN = re.compile(r"(?<!\d)(\d{6})\d{6}(?!\d)")


def masked_iin(iin: str) -> str:
    """First six digits (the birth date) then ******: enough to recognise, not enough to reuse."""
    digits = iin.strip()
    return f"{digits[:6]}******" if len(digits) > 6 else "******"


def mask_iins(text: str) -> str:
    """`870412400412` -> `870412******` wherever a 12-digit run stands in the text."""
    return _IIN_RUN.sub(r"\1******", text)
