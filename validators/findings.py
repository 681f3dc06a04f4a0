"""How a check builds a finding. Every check is `Check`: a pure function of the context."""

from collections.abc import Callable
from typing import Any

from models.context import CheckContext
from models.verdict import Finding, Message, Status
from validators.catalogue import GROUNDS, REVIEW_ONLY
from validators.messages import Bilingual

Check = Callable[[CheckContext], list[Finding]]


def finding(
    check: str,
    status: Status,
    *,
    message: Bilingual,
    document: str | None = None,
    evidence: dict[str, Any] | None = None,
) -> Finding:
    """A finding with its text from the check's table of messages. A failure refuses on the ground
    the catalogue gives its check; a check without one cannot refuse, and asking it to is a defect."""
    ground = None
    if status == "fail" and check in REVIEW_ONLY:
        raise ValueError(f"{check} asks a person: only an operator refuses on it")
    if status == "fail":
        ground = GROUNDS.get(check)
        if ground is None:
            raise ValueError(f"{check} has no ground in the catalogue: it can ask for review, never refuse")
    return Finding(
        check=check,
        status=status,
        ground=ground,
        document=document,
        message=Message(kk=message.kk, ru=message.ru),
        evidence=evidence or {},
    )
