"""`application.outside_window`: applications are taken in the periods the authorised body sets (item 10)."""

from models.astana_time import to_astana
from models.context import CheckContext
from models.verdict import Finding
from validators.findings import finding
from validators.messages import Bilingual, fmt_date

CODE = "application.outside_window"

# {day}: the Astana date of submission; {periods}: the windows, "dd.mm.yyyy–dd.mm.yyyy; ...".
MESSAGES: dict[str, Bilingual] = {
    "outside": Bilingual(
        "Өтініш {day} күні берілген, бұл білім беру саласындағы уәкілетті орган белгілеген өтініштерді "
        "қабылдау мерзімдерінен тыс ({periods}). Өтінішті белгіленген мерзімде беріңіз.",
        "Заявление подано {day}, вне сроков приёма заявлений, установленных уполномоченным органом в области "
        "образования ({periods}). Подайте заявление в установленный срок.",
    ),
}


def check_outside_window(ctx: CheckContext) -> list[Finding]:
    """Fail when the Astana date of `submitted_at` is in no configured window; none configured: open."""
    windows = ctx.application_windows
    if not windows:
        return []
    day = to_astana(ctx.manifest.submitted_at).date()
    if any(w.start <= day <= w.end for w in windows):
        return []
    periods = "; ".join(f"{fmt_date(w.start)}–{fmt_date(w.end)}" for w in sorted(windows, key=lambda w: w.start))
    return [
        finding(
            CODE,
            "fail",
            message=MESSAGES["outside"].format(day=fmt_date(day), periods=periods),
            evidence={
                "submitted_on": day.isoformat(),
                "windows": [{"start": w.start.isoformat(), "end": w.end.isoformat()} for w in windows],
            },
        )
    ]
