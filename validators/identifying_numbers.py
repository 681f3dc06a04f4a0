"""The numbers a document carries, as the cross-submission checks compare them.

`document_number`: what identifies one certificate or diploma among the issuer's others: the series
and number (`ЖБ-Б № 0123456`), a registration number (`Тіркеу нөмірі`, `Регистрационный номер`), or a
`№` standing at the start of a line. Short numbers (a school's, an order's `№ 12`) identify nothing
across issuers, so a number needs `MIN_DIGITS` digits to count.

`payload_number`: the number a QR code's payload carries, alone or as a link's parameter or last path
segment (`https://edu.kz/verify?doc=BD12345678`).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

MIN_DIGITS = 5

_NUMBER = r"([A-ZА-ЯӘҒҚҢӨҰҮҺІ]{0,4}[\s\-]?\d[\d\s\-]{3,20}\d)"
_LABELLED = re.compile(
    r"(?:тіркеу\s+нөмірі|регистрационный\s+номер|registration\s+no\.?|рег\.\s*№|серия\s+и\s+номер|сериясы)"
    r"\s*[:№]?\s*" + _NUMBER,
    re.IGNORECASE,
)
_SERIES_NUMBER = re.compile(r"(?<![\w])([A-ZА-ЯӘҒҚҢӨҰҮҺІ]{1,4}(?:-[A-ZА-ЯӘҒҚҢӨҰҮҺІ]{1,2})?)\s*№\s*(\d{5,12})(?!\d)")
_LINE_NUMBER = re.compile(r"^\s*№\s*([A-ZА-ЯӘҒҚҢӨҰҮҺІ]{0,4}[\s\-]?\d[\d\-]{4,20})\s*$", re.MULTILINE)
_ANY_NUMBER = re.compile(r"(?<![\w])[A-Za-zА-Яа-яӘәҒғҚқҢңӨөҰұҮүҺһІі]{0,4}[\-]?\d{4,}(?![\d])")
_QUERY_KEYS = ("doc", "number", "num", "no", "id", "reg", "regnum", "serial", "code", "cert", "certificate", "nomer")


def normalised(number: str) -> str:
    """Upper case, letters and digits only: `ЖБ-Б № 012 345` and `жбб012345` are one number."""
    return re.sub(r"[^0-9A-ZА-ЯӘҒҚҢӨҰҮҺІ]", "", number.upper())


def _enough(number: str) -> bool:
    return sum(ch.isdigit() for ch in number) >= MIN_DIGITS


def document_number(text: str) -> str | None:
    """The document's identifying number (normalised), or None when it prints none clearly enough."""
    for pattern in (_SERIES_NUMBER, _LABELLED, _LINE_NUMBER):
        for m in pattern.finditer(text):
            number = normalised("".join(g for g in m.groups() if g))
            if _enough(number):
                return number
    return None


def printed_numbers(text: str, limit: int = 40) -> tuple[str, ...]:
    """Every number of four digits or more printed on the document (normalised), each once."""
    found = dict.fromkeys(normalised(m.group(0)) for m in _ANY_NUMBER.finditer(text))
    return tuple(found)[:limit]


def payload_number(payload: str) -> str | None:
    """The document number a QR payload carries, normalised; None for a link or text without one."""
    text = payload.strip()
    if re.match(r"^[a-z][a-z0-9+.\-]*://", text, re.IGNORECASE):
        parts = urlsplit(text)
        params = {k.lower(): v for k, v in parse_qsl(parts.query)}
        candidates = [params[k] for k in _QUERY_KEYS if k in params]
        candidates.append(parts.path.rstrip("/").rsplit("/", 1)[-1])
    else:
        candidates = [text] if len(text) <= 40 else [m.group(0) for m in _ANY_NUMBER.finditer(text)][:1]
    for candidate in candidates:
        number = normalised(candidate)
        if _enough(number) and len(number) <= 24:
            return number
    return None
