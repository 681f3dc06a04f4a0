"""How a check builds a finding. Every check is `Check`: a pure function of the context."""

from collections.abc import Callable
from typing import Any

from models.context import CheckContext
from models.verdict import Finding, Ground, Message, Status
from validators.messages import Bilingual

Check = Callable[[CheckContext], list[Finding]]


def finding(
    check: str,
    status: Status,
    *,
    message: Bilingual | None = None,
    kk: str | None = None,
    ru: str | None = None,
    ground: Ground | None = None,
    document: str | None = None,
    evidence: dict[str, Any] | None = None,
) -> Finding:
    """A finding; the ground is kept only on a failure, as the verdict schema requires.

    The text is `message` (what every check passes, taken from its table of messages), or `kk` and
    `ru` given apart (kept for callers outside the checks, such as tests).
    """
    if message is None:
        if kk is None or ru is None:
            raise TypeError("a finding needs message=, or both kk= and ru=")
        message = Bilingual(kk, ru)
    elif kk is not None or ru is not None:
        raise TypeError("a finding takes message= or kk= and ru=, not both")
    return Finding(
        check=check,
        status=status,
        ground=ground if status == "fail" else None,
        document=document,
        message=Message(kk=message.kk, ru=message.ru),
        evidence=evidence or {},
    )
