"""`consent.missing`: no consent to access restricted personal data is ground 3 of item 9."""

from models.context import CheckContext
from models.verdict import Finding
from validators.findings import finding
from validators.messages import Bilingual

CODE = "consent.missing"

MESSAGES: dict[str, Bilingual] = {
    "missing": Bilingual(
        "Мемлекеттік қызмет көрсету үшін талап етілетін қолжетімділігі шектеулі дербес деректерге "
        "қол жеткізуге келісім берілмеген («Дербес деректер және оларды қорғау туралы» Қазақстан "
        "Республикасы Заңының 8-бабы). Өтінішті дербес деректерге қол жеткізуге келісім белгісімен "
        "қайта беріңіз.",
        "Не дано согласие на доступ к персональным данным ограниченного доступа, необходимым для "
        "оказания государственной услуги (статья 8 Закона Республики Казахстан «О персональных "
        "данных и их защите»). Подайте заявление повторно, отметив согласие на доступ к "
        "персональным данным.",
    ),
}


def check_consent_missing(ctx: CheckContext) -> list[Finding]:
    """Fail unless `consent_personal_data` is exactly true (absent counts as not given)."""
    if ctx.manifest.consent_personal_data is True:
        return []
    return [
        finding(
            CODE,
            "fail",
            message=MESSAGES["missing"],
            evidence={"consent_personal_data": ctx.manifest.consent_personal_data},
        )
    ]
