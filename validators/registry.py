"""The explicit table of checks and the loop that runs them.

Only `fail` and `review` findings are emitted; a check that finds nothing returns no finding, which
keeps verdicts short (the contract asks for at least every fail and review). `submission.malformed`
is not here: it is decided by `validators.manifest.parse_manifest` before there is a context.
"""

import logging
from collections.abc import Sequence

from models.context import CheckContext
from models.verdict import Finding
from validators.consent import check_consent_missing
from validators.documents import check_document_unreadable, check_documents_missing
from validators.essay import check_essay_word_count
from validators.findings import Check, finding
from validators.iin import check_iin_invalid
from validators.messages import Bilingual
from validators.reading_checks import READING_CHECKS
from validators.repeat import check_application_repeat
from validators.request import check_request_inconsistent
from validators.window import check_outside_window

log = logging.getLogger("attest.checks")

MESSAGES: dict[str, Bilingual] = {
    "internal_error": Bilingual(
        "Автоматты тексеру ішкі қатеге байланысты аяқталмады. Маман тексереді.",
        "Автоматическая проверка не завершилась из-за внутренней ошибки. Проверит специалист.",
    ),
}

CHECKS: tuple[tuple[str, Check], ...] = (
    ("consent.missing", check_consent_missing),
    ("documents.missing", check_documents_missing),
    ("document.unreadable", check_document_unreadable),
    ("request.inconsistent", check_request_inconsistent),
    ("application.outside_window", check_outside_window),
    ("identity.iin_invalid", check_iin_invalid),
    ("essay.word_count", check_essay_word_count),
    ("application.repeat", check_application_repeat),
    *READING_CHECKS,
)


def run_checks(ctx: CheckContext, checks: Sequence[tuple[str, Check]] = CHECKS) -> list[Finding]:
    """Every check's findings, in table order.

    A check that raises is a defect of ours, not the teacher's: it is logged and becomes a `review`
    finding under its own code, so a person looks instead of the teacher being refused or the whole
    run stopping.
    """
    out: list[Finding] = []
    for code, check in checks:
        try:
            out.extend(check(ctx))
        except Exception as exc:
            log.exception("check %s failed on submission %s", code, ctx.manifest.submission_id)
            out.append(
                finding(
                    code,
                    "review",
                    message=MESSAGES["internal_error"],
                    evidence={"internal_error": type(exc).__name__},
                )
            )
    return out
