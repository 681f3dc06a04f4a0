"""`extraction.low_confidence` (review): text too uncertain to decide on, or reading cut short.

Every listed document feeds some decision (kind, holder, dates, category, words), so a page read
below the configured confidence is reported wherever it is. A file that opens but yields no real
words is reported here too: it is not `document.unreadable` (contract §3).
"""

from typing import Any

from models.context import CheckContext
from models.verdict import Finding
from validators.findings import finding
from validators.kind_mismatch import usable_pages
from validators.messages import Bilingual, printable

CODE = "extraction.low_confidence"

# {name}: the file; {pages}: page numbers, comma-separated; {lowest}: the lowest page confidence (a float).
MESSAGES: dict[str, Bilingual] = {
    "limit_hit": Bilingual(
        "«{name}» файлын оқу уақыт немесе көлем шегіне байланысты толық аяқталмады ({pages}-бет). Маман тексереді.",
        "Чтение файла «{name}» остановлено по ограничению времени или размера (стр. {pages}). Проверит специалист.",
    ),
    "no_text": Bilingual(
        "«{name}» файлы ашылды, бірақ одан оқылатын мәтін алынбады. Маман тексереді.",
        "Файл «{name}» открывается, но читаемый текст из него не получен. Проверит специалист.",
    ),
    "low_confidence": Bilingual(
        "«{name}» файлының мәтіні сенімсіз танылды (ең төменгі сенімділік {lowest:.0f}%). Маман тексереді.",
        "Текст файла «{name}» распознан неуверенно (наименьшая уверенность {lowest:.0f}%). Проверит специалист.",
    ),
}


def check_low_confidence(ctx: CheckContext) -> list[Finding]:
    """One review per document read below the threshold, cut at a limit, or without usable text."""
    out: list[Finding] = []
    for doc in ctx.documents:
        if doc.extracted.unreadable is not None:
            continue
        name = printable(doc.file)
        limited = [p for p in doc.extracted.pages if p.limit_hit]
        if limited:
            out.append(
                finding(
                    CODE,
                    "review",
                    document=doc.file,
                    message=MESSAGES["limit_hit"].format(name=name, pages=", ".join(str(p.number) for p in limited)),
                    evidence={
                        "limit": sorted({p.limit_hit for p in limited if p.limit_hit}),
                        "pages": [p.number for p in limited],
                    },
                )
            )
        usable = usable_pages(doc)
        if not usable:
            if limited:
                continue  # the limit already explains the missing text
            out.append(
                finding(
                    CODE,
                    "review",
                    document=doc.file,
                    message=MESSAGES["no_text"].format(name=name),
                    evidence={"pages": len(doc.extracted.pages), "usable_pages": 0},
                )
            )
            continue
        low = [p for p in usable if p.confidence < ctx.ocr_min_confidence]
        if low:
            evidence: dict[str, Any] = {
                "pages": [p.number for p in low],
                "confidence": [round(p.confidence, 1) for p in low],
                "min_confidence": ctx.ocr_min_confidence,
            }
            out.append(
                finding(
                    CODE,
                    "review",
                    document=doc.file,
                    message=MESSAGES["low_confidence"].format(name=name, lowest=min(p.confidence for p in low)),
                    evidence=evidence,
                )
            )
    return out
