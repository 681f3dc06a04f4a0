"""`request.inconsistent`: a confirmation is only of the category the teacher holds or last held."""

from models.context import CheckContext
from models.verdict import Finding
from validators.findings import finding
from validators.messages import CATEGORY_NAMES, Bilingual

CODE = "request.inconsistent"

# {asked}: the category to confirm; {held}: the current category.
MESSAGES: dict[str, Bilingual] = {
    "no_current": Bilingual(
        "«{asked}» біліктілік санатын растау сұралған, бірақ қазіргі біліктілік санаты "
        "көрсетілмеген. Тек бұрын берілген санатты растауға болады: санат беруді сұраңыз немесе "
        "қазіргі санатыңызды көрсетіп, өтінішті қайта беріңіз.",
        "Запрошено подтверждение квалификационной категории «{asked}», но текущая категория "
        "не указана. Подтвердить можно только ранее присвоенную категорию: запросите присвоение "
        "категории или укажите текущую категорию и подайте заявление повторно.",
    ),
    "other_than_current": Bilingual(
        "«{asked}» біліктілік санатын растау сұралған, ал қазіргі санатыңыз — «{held}». "
        "Тек қазіргі санатты растауға болады; басқа санат үшін санат беруді сұрап, өтінішті қайта "
        "беріңіз.",
        "Запрошено подтверждение квалификационной категории «{asked}», тогда как текущая "
        "категория — «{held}». Подтвердить можно только текущую категорию; для другой "
        "категории запросите её присвоение и подайте заявление повторно.",
    ),
}


def check_request_inconsistent(ctx: CheckContext) -> list[Finding]:
    """Fail on `confirm` with no current category, or confirming another category than the current one.

    An `assign` of the category already held is not flagged: the contract does not forbid it (the
    category may have lapsed), and `category.*` checks judge the dates.
    """
    request = ctx.manifest.request
    if request.action != "confirm":
        return []
    asked = CATEGORY_NAMES[request.category]
    current = request.current_category
    if current is None:
        return [
            finding(
                CODE,
                "fail",
                message=MESSAGES["no_current"].format(asked=asked),
                evidence={"action": "confirm", "category": request.category, "current_category": None},
            )
        ]
    if current.category == request.category:
        return []
    return [
        finding(
            CODE,
            "fail",
            message=MESSAGES["other_than_current"].format(asked=asked, held=CATEGORY_NAMES[current.category]),
            evidence={
                "action": "confirm",
                "category": request.category,
                "current_category": current.category,
            },
        )
    ]
