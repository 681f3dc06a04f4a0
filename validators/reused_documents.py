"""`document.reused` (`review`): a certificate or diploma of this submission is in another applicant's too.

The same file, the same identifying number on the same kind of document, or the same first page by its
perceptual hash confirmed by the numbers printed on both: the index (`storage.cross_index`) finds them.
Never `fail`: the other submission may be the forgery, not this one; a person decides.
"""

from models.context import CheckContext
from models.cross_submission import DocumentMatch
from models.verdict import Finding
from validators.findings import finding
from validators.messages import Bilingual, printable

CODE = "document.reused"

# {file}: this submission's file; {other}: the other submission's id; {how}: what is the same.
MESSAGES: dict[str, Bilingual] = {
    "reused": Bilingual(
        "«{file}» құжаты басқа өтініш берушінің № {other} өтінішінде де бар ({how}). Маман тексереді.",
        "Документ «{file}» есть и в заявлении № {other} другого заявителя ({how}). Проверит специалист.",
    ),
    "same_file": Bilingual("файл бірдей", "тот же файл"),
    "same_number": Bilingual("нөмірі бірдей: {number}", "тот же номер: {number}"),
    "same_image": Bilingual("беттің бейнесі бірдей", "то же изображение страницы"),
}


def _how(match: DocumentMatch) -> Bilingual:
    return MESSAGES[match.reason].format(number=match.number or "")


def check_document_reused(ctx: CheckContext) -> list[Finding]:
    """One review finding per file of ours that another applicant's submission also holds."""
    by_file: dict[str, list[DocumentMatch]] = {}
    for match in ctx.cross.documents:
        by_file.setdefault(match.file, []).append(match)
    out: list[Finding] = []
    for file, matches in by_file.items():
        first = matches[0]
        out.append(
            finding(
                CODE,
                "review",
                document=file,
                message=MESSAGES["reused"].format(
                    file=printable(file), other=first.other_submission_id, how=_how(first)
                ),
                evidence={
                    "other_submission_ids": list(dict.fromkeys(m.other_submission_id for m in matches)),
                    "matches": [m.model_dump(mode="json", exclude_none=True) for m in matches[:10]],
                },
            )
        )
    return out
