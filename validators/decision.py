"""The one place the decision is computed from the findings (contract §4)."""

from collections.abc import Sequence

from models.verdict import Decision, Finding, Ground


def decide(findings: Sequence[Finding]) -> tuple[Decision, tuple[Ground, ...]]:
    """Refused on any fail (grounds: the sorted distinct grounds of the fails), else needs_review on
    any review, else accepted.

    Raises ValueError for a fail without a ground: a refusal must name its ground (item 9, and the
    verdict schema), so such a finding is a defect in a check, not something to guess around.
    """
    fails = [f for f in findings if f.status == "fail"]
    if fails:
        groundless = sorted({f.check for f in fails if f.ground is None})
        if groundless:
            raise ValueError(f"failing findings without a ground: {groundless}")
        return "refused", tuple(sorted({f.ground for f in fails if f.ground is not None}))
    if any(f.status == "review" for f in findings):
        return "needs_review", ()
    return "accepted", ()
