"""`application.repeat`: attestation is held once per academic year (item 10 of the standard)."""

from datetime import datetime

from models.astana_time import to_astana
from models.context import CheckContext
from models.verdict import Finding
from validators.findings import finding
from validators.messages import Bilingual, fmt_date

CODE = "application.repeat"

# {year}: the academic year, e.g. 2026–2027; {on}: the other submission's date; {other}: its id.
MESSAGES: dict[str, Bilingual] = {
    "repeat": Bilingual(
        "Осы {year} оқу жылында сіздің {on} күні берілген № {other} өтінішіңіз қабылданған. Аттестаттау оқу "
        "жылында бір рет өткізіледі (стандарттың 10-тармағы), сондықтан қайталама өтініш қабылданбайды.",
        "В {year} учебном году уже принято ваше заявление № {other}, поданное {on}. Аттестация проводится один "
        "раз в учебный год (пункт 10 стандарта), поэтому повторное заявление не принимается.",
    ),
}


def academic_year(moment: datetime) -> int:
    """The calendar year the academic year starts in: 1 September - 31 August, in Astana time."""
    local = to_astana(moment)
    return local.year if local.month >= 9 else local.year - 1


def check_application_repeat(ctx: CheckContext) -> list[Finding]:
    """Fail for each strictly earlier submission of the same IIN, same academic year, currently accepted.

    `ctx.others` already holds only the applicant's other submissions; this submission itself is
    skipped should the caller include it. A later submission, or one at the same instant, does not
    count: the first application of the year is the one that stands.
    """
    manifest = ctx.manifest
    year = academic_year(manifest.submitted_at)
    label = f"{year}–{year + 1}"
    out: list[Finding] = []
    for other in sorted(ctx.others, key=lambda o: o.submitted_at):
        if other.submission_id == manifest.submission_id or other.decision != "accepted":
            continue
        if other.submitted_at >= manifest.submitted_at or academic_year(other.submitted_at) != year:
            continue
        on = fmt_date(to_astana(other.submitted_at))
        out.append(
            finding(
                CODE,
                "fail",
                message=MESSAGES["repeat"].format(year=label, on=on, other=other.submission_id),
                evidence={
                    "other_submission_id": other.submission_id,
                    "other_submitted_at": other.submitted_at.isoformat(),
                    "academic_year": label,
                },
            )
        )
    return out
