"""The checks' functions, run in catalogue order (`validators.catalogue`), and the loop that runs them.

Only `fail` and `review` findings are emitted; a check that finds nothing returns no finding, which
keeps verdicts short (the contract asks for at least every fail and review). `submission.malformed`
is not here: it is decided by `validators.manifest.parse_manifest` before there is a context.
"""

import logging
from collections.abc import Sequence

from models.context import CheckContext
from models.verdict import Finding
from validators.application_form import check_application_incomplete
from validators.catalogue import CATALOGUE
from validators.category import check_category_declared_mismatch, check_category_expired
from validators.confidence import check_low_confidence
from validators.consent import check_consent_missing
from validators.documents import check_document_unreadable, check_documents_missing
from validators.duplicate_essays import check_essay_duplicate
from validators.essay import check_essay_word_count
from validators.findings import Check, finding
from validators.identity import check_iin_mismatch, check_name_mismatch
from validators.iin import check_iin_invalid
from validators.inconsistent_dates import check_dates_inconsistent
from validators.kind_mismatch import check_kind_mismatch
from validators.messages import Bilingual
from validators.qr_mismatch import check_qr_mismatch
from validators.repeat import check_application_repeat
from validators.request import check_request_inconsistent
from validators.reused_documents import check_document_reused
from validators.signature_broken import check_signature_broken
from validators.window import check_outside_window

log = logging.getLogger("attest.checks")

MESSAGES: dict[str, Bilingual] = {
    "internal_error": Bilingual(
        "Автоматты тексеру ішкі қатеге байланысты аяқталмады. Маман тексереді.",
        "Автоматическая проверка не завершилась из-за внутренней ошибки. Проверит специалист.",
    ),
}

# The function of each check the registry runs (the catalogue says what each is).
FUNCTIONS: dict[str, Check] = {
    "consent.missing": check_consent_missing,
    "documents.missing": check_documents_missing,
    "document.unreadable": check_document_unreadable,
    "request.inconsistent": check_request_inconsistent,
    "application.outside_window": check_outside_window,
    "identity.iin_invalid": check_iin_invalid,
    "essay.word_count": check_essay_word_count,
    "application.repeat": check_application_repeat,
    "document.kind_mismatch": check_kind_mismatch,
    "application.incomplete": check_application_incomplete,
    "identity.iin_mismatch": check_iin_mismatch,
    "identity.name_mismatch": check_name_mismatch,
    "dates.inconsistent": check_dates_inconsistent,
    "category.declared_mismatch": check_category_declared_mismatch,
    "category.expired": check_category_expired,
    "extraction.low_confidence": check_low_confidence,
    "essay.duplicate": check_essay_duplicate,
    "document.reused": check_document_reused,
    "document.qr_mismatch": check_qr_mismatch,
    "document.signature_broken": check_signature_broken,
}

# In catalogue order, which is the order of a verdict's findings.
CHECKS: tuple[tuple[str, Check], ...] = tuple(
    (entry.code, FUNCTIONS[entry.code]) for entry in CATALOGUE if entry.code in FUNCTIONS
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
