"""`document.signature_broken` (`review`): a PDF's own electronic signature no longer holds.

The reader validates embedded signatures with pyHanko (`extractors.embedded_signatures`). A signature whose
signed bytes no longer match, or a file changed after signing beyond what a signed form allows, goes
to a person. A signature that cannot be checked (GOST) is recorded in the reading and is no finding:
it is not held against the applicant. Never `fail`: a re-saved file breaks a signature innocently.
"""

from models.context import CheckContext
from models.verdict import Finding
from validators.findings import finding
from validators.messages import Bilingual, printable

CODE = "document.signature_broken"

# {file}: the document; {signer}: who signed it.
MESSAGES: dict[str, Bilingual] = {
    "not_intact": Bilingual(
        "«{file}» құжатының электрондық қолтаңбасы ({signer}) файлға сәйкес келмейді: файл қол қойылғаннан "
        "кейін өзгертілген. Маман тексереді.",
        "Электронная подпись документа «{file}» ({signer}) не соответствует файлу: файл изменён после "
        "подписания. Проверит специалист.",
    ),
    "changed_after": Bilingual(
        "«{file}» құжатына электрондық қолтаңба ({signer}) қойылғаннан кейін өзгерістер енгізілген. Маман тексереді.",
        "В документ «{file}» внесены изменения после его подписания электронной подписью ({signer}). "
        "Проверит специалист.",
    ),
    "unknown_signer": Bilingual("қол қоюшы белгісіз", "подписант неизвестен"),
}


def check_signature_broken(ctx: CheckContext) -> list[Finding]:
    """A review finding per signed PDF whose signature is broken or was followed by changes."""
    out: list[Finding] = []
    for reading in ctx.documents:
        for sig in reading.extracted.signatures:
            if not sig.checkable:
                continue
            reason = "not_intact" if sig.intact is False else "changed_after" if sig.modified_after else None
            if reason is None:
                continue
            signer = sig.signer or MESSAGES["unknown_signer"]
            out.append(
                finding(
                    CODE,
                    "review",
                    document=reading.file,
                    message=MESSAGES[reason].format(file=printable(reading.file), signer=signer),
                    evidence={"reason": reason, **sig.model_dump(mode="json")},
                )
            )
    return out
