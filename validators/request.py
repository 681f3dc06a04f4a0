"""`request.inconsistent`: a confirmation is only of the category the teacher holds or last held."""

from models.context import CheckContext
from models.verdict import Finding
from validators.findings import finding
from validators.messages import CATEGORY_NAMES

CODE = "request.inconsistent"


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
                ground=2,
                kk=(
                    f"«{asked.kk}» біліктілік санатын растау сұралған, бірақ қазіргі біліктілік санаты "
                    "көрсетілмеген. Тек бұрын берілген санатты растауға болады: санат беруді сұраңыз немесе "
                    "қазіргі санатыңызды көрсетіп, өтінішті қайта беріңіз."
                ),
                ru=(
                    f"Запрошено подтверждение квалификационной категории «{asked.ru}», но текущая категория "
                    "не указана. Подтвердить можно только ранее присвоенную категорию: запросите присвоение "
                    "категории или укажите текущую категорию и подайте заявление повторно."
                ),
                evidence={"action": "confirm", "category": request.category, "current_category": None},
            )
        ]
    if current.category == request.category:
        return []
    held = CATEGORY_NAMES[current.category]
    return [
        finding(
            CODE,
            "fail",
            ground=2,
            kk=(
                f"«{asked.kk}» біліктілік санатын растау сұралған, ал қазіргі санатыңыз — «{held.kk}». "
                "Тек қазіргі санатты растауға болады; басқа санат үшін санат беруді сұрап, өтінішті қайта "
                "беріңіз."
            ),
            ru=(
                f"Запрошено подтверждение квалификационной категории «{asked.ru}», тогда как текущая "
                f"категория — «{held.ru}». Подтвердить можно только текущую категорию; для другой "
                "категории запросите её присвоение и подайте заявление повторно."
            ),
            evidence={
                "action": "confirm",
                "category": request.category,
                "current_category": current.category,
            },
        )
    ]
