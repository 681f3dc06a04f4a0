"""`document.qr_mismatch` (`review`): a QR code on the document carries a number the page does not print.

The reader decodes QR codes on scanned pages (`PageText.codes`). A payload that carries a document
number (alone, or as a link's parameter) is compared with the number the document prints: the same
number anywhere in the document's text agrees, and so do the same digits (a payload spells the series in
Latin letters, `ZhBB0123456`, the page in Cyrillic, `ЖБ-Б № 0123456`); another identifying number
printed, and the payload's digits nowhere, contradicts. Never `fail`: an OCR misreading of the printed number looks the same, so a person
compares. A payload without a number, or a page without a number to compare, says nothing.
"""

from models.context import CheckContext
from models.verdict import Finding
from validators.findings import finding
from validators.identifying_numbers import document_number, normalised, payload_number, printed_numbers
from validators.messages import Bilingual, printable

CODE = "document.qr_mismatch"

# {file}: the document; {payload_number}: the QR code's number; {printed}: the number printed on the page.
MESSAGES: dict[str, Bilingual] = {
    "mismatch": Bilingual(
        "«{file}» құжатындағы QR-кодта {payload_number} нөмірі бар, ал құжатта {printed} нөмірі басылған. "
        "Маман тексереді.",
        "QR-код документа «{file}» содержит номер {payload_number}, а на документе напечатан номер {printed}. "
        "Проверит специалист.",
    ),
}


def _digits(number: str) -> str:
    return "".join(ch for ch in number if ch.isdigit())


def check_qr_mismatch(ctx: CheckContext) -> list[Finding]:
    """A review finding per document whose QR payload's number contradicts its printed number."""
    out: list[Finding] = []
    for reading in ctx.documents:
        doc = reading.extracted
        if doc.unreadable is not None:
            continue
        text = doc.text
        flat = normalised(text)
        printed = document_number(text)
        digits_printed = {_digits(n) for n in printed_numbers(text, limit=200)}
        for page in doc.pages:
            for payload in page.codes:
                number = payload_number(payload)
                if number is None or printed is None or number in flat or _digits(number) in digits_printed:
                    continue
                out.append(
                    finding(
                        CODE,
                        "review",
                        document=reading.file,
                        message=MESSAGES["mismatch"].format(
                            file=printable(reading.file), payload_number=number, printed=printed
                        ),
                        evidence={
                            "payload": payload[:500],
                            "payload_number": number,
                            "printed_number": printed,
                            "page": page.number,
                        },
                    )
                )
    return out
