"""The checks that rest on reading the documents, as a table the registry includes."""

from validators.application_form import check_application_incomplete
from validators.category import check_category_declared_mismatch, check_category_expired
from validators.confidence import check_low_confidence
from validators.dates_check import check_dates_inconsistent
from validators.findings import Check
from validators.identity import check_iin_mismatch, check_name_mismatch
from validators.kind import check_kind_mismatch

READING_CHECKS: tuple[tuple[str, Check], ...] = (
    ("document.kind_mismatch", check_kind_mismatch),
    ("application.incomplete", check_application_incomplete),
    ("identity.iin_mismatch", check_iin_mismatch),
    ("identity.name_mismatch", check_name_mismatch),
    ("dates.inconsistent", check_dates_inconsistent),
    ("category.declared_mismatch", check_category_declared_mismatch),
    ("category.expired", check_category_expired),
    ("extraction.low_confidence", check_low_confidence),
)
