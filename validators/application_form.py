"""`application.incomplete` (ground 2): a required entry of the Annex 2 form left blank.

Fail only when the form was read clearly (a text layer, or OCR well enough to refuse on: `validators.evidence`) and the
entry's label was found with nothing after it. An entry whose label was not found, or a page read
with low confidence, is `review`: the blank may be our misreading.
"""

import re

from extractors import form_entries
from extractors.text_folding import letter_words
from models.context import CheckContext
from models.extraction import DocumentReading, FieldValue
from models.verdict import Finding
from validators.evidence import sure_blank
from validators.findings import finding
from validators.kind_mismatch import effective_kind, usable_pages
from validators.messages import Bilingual, printable

CODE = "application.incomplete"

ENTRY_NAMES: dict[str, Bilingual] = {
    form_entries.NAME: Bilingual("тегі мен аты", "фамилия и имя"),
    form_entries.IIN: Bilingual("ЖСН", "ИИН"),
    form_entries.POSITION: Bilingual("лауазымы", "должность"),
    form_entries.WORKPLACE: Bilingual("жұмыс орны", "место работы"),
    form_entries.DATE: Bilingual("өтініштің күні", "дата заявления"),
}

# {name}: the file; {entries}: the entries' names, comma-separated.
MESSAGES: dict[str, Bilingual] = {
    "blank": Bilingual(
        "«{name}» өтінішінде міндетті жолдар толтырылмаған: {entries}. Өтініш нысанын толық толтырып, "
        "өтінішті қайта беріңіз.",
        "В заявлении «{name}» не заполнены обязательные строки: {entries}. Заполните форму заявления "
        "полностью и подайте заявление повторно.",
    ),
    "unsure": Bilingual(
        "«{name}» өтінішінен мына жолдар табылмады немесе сенімсіз оқылды: {entries}. Маман тексереді.",
        "В заявлении «{name}» не найдены или прочитаны неуверенно строки: {entries}. Проверит специалист.",
    ),
}


def _blank(key: str, fv: FieldValue) -> bool:
    """Blank, or (for the name) without both a surname and a first name."""
    if not fv.value:
        return True
    if key == form_entries.NAME:
        words = [w for w in letter_words(fv.value) if not re.fullmatch(r"[A-ZА-ЯӘҒҚҢӨҰҮҺІ]", w)]
        return len(words) < 2
    return False


def _entries(keys: list[str]) -> Bilingual:
    return Bilingual(", ".join(ENTRY_NAMES[k].kk for k in keys), ", ".join(ENTRY_NAMES[k].ru for k in keys))


def _document_findings(ctx: CheckContext, doc: DocumentReading) -> list[Finding]:
    threshold = ctx.ocr_min_confidence
    blank_clear: list[str] = []
    unsure: list[str] = []
    evidence: dict[str, object] = {}
    for key in form_entries.REQUIRED:
        fv = doc.fields.get(key)
        if fv is None:
            unsure.append(key)
            evidence[key] = None
        elif _blank(key, fv):
            evidence[key] = {"value": fv.value, "line": fv.evidence.text, "confidence": fv.evidence.confidence}
            (blank_clear if sure_blank(doc, fv, threshold) else unsure).append(key)
    name = printable(doc.file)
    out: list[Finding] = []
    if blank_clear:
        out.append(
            finding(
                CODE,
                "fail",
                document=doc.file,
                message=MESSAGES["blank"].format(name=name, entries=_entries(blank_clear)),
                evidence={"blank": blank_clear, **{k: evidence[k] for k in blank_clear}},
            )
        )
    if unsure:
        out.append(
            finding(
                CODE,
                "review",
                document=doc.file,
                message=MESSAGES["unsure"].format(name=name, entries=_entries(unsure)),
                evidence={"unsure": unsure, **{k: evidence[k] for k in unsure}},
            )
        )
    return out


def check_application_incomplete(ctx: CheckContext) -> list[Finding]:
    """Every application document's required entries: name, IIN, position, workplace, date."""
    out: list[Finding] = []
    for doc in ctx.documents:
        if effective_kind(doc) != "application" or not usable_pages(doc):
            continue
        out.extend(_document_findings(ctx, doc))
    return out
