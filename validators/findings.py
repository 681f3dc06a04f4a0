"""How a check builds a finding. Every check is `Check`: a pure function of the context."""

from collections.abc import Callable
from typing import Any

from models.context import CheckContext
from models.verdict import Finding, Ground, Message, Status

Check = Callable[[CheckContext], list[Finding]]


def finding(
    check: str,
    status: Status,
    *,
    kk: str,
    ru: str,
    ground: Ground | None = None,
    document: str | None = None,
    evidence: dict[str, Any] | None = None,
) -> Finding:
    """A finding; the ground is kept only on a failure, as the verdict schema requires."""
    return Finding(
        check=check,
        status=status,
        ground=ground if status == "fail" else None,
        document=document,
        message=Message(kk=kk, ru=ru),
        evidence=evidence or {},
    )
