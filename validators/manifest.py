"""Reading manifest.json, and every rule that makes a submission `submission.malformed` (contract §2).

`parse_manifest` never raises on any input: the pipeline must answer every teacher, so bad bytes
become a refusal (ground 2) that says which rule was broken, in both languages.
"""

import json
import re
import unicodedata
from datetime import UTC, datetime
from functools import lru_cache
from importlib import resources
from typing import Any

import jsonschema
import pydantic
from jsonschema.exceptions import best_match

from models.manifest import Manifest
from models.verdict import Finding
from validators.findings import finding
from validators.messages import Bilingual, printable

CODE = "submission.malformed"
MANIFEST_NAME = "manifest.json"
MAX_MANIFEST_BYTES = 1024 * 1024  # a real manifest is a few kB; more is a defect or an attack

_SUBMISSION_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
_DETAIL_LIMIT = 300
# Characters that make a name not a plain file name even where a file system would accept them:
# controls (NUL included), lone surrogates (not encodable in UTF-8), line and paragraph separators.
_BAD_CATEGORIES = frozenset({"Cc", "Cs", "Zl", "Zp"})
# Bidirectional controls: invisible, they reorder what a person sees ("invoice\u202efdp.exe" shows as
# "invoiceexe.pdf"), so a name holding one would show an operator something other than the file.
_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def is_valid_submission_id(name: str) -> bool:
    """A folder name that may be a submission id: matched in full, so "abc\\n" is not one."""
    return _SUBMISSION_ID.fullmatch(name) is not None


def upload_in_progress(newest_file_time: datetime, now: datetime, grace_hours: float) -> bool:
    """True while the newest file of a folder without a manifest is younger than the grace period.

    The portal writes the manifest last. A naive time is taken as UTC (what storage clients give
    when they drop the zone); a file time in the future (clock skew) counts as in progress.
    """
    newest = newest_file_time if newest_file_time.tzinfo else newest_file_time.replace(tzinfo=UTC)
    current = now if now.tzinfo else now.replace(tzinfo=UTC)
    return (current - newest).total_seconds() < grace_hours * 3600


def file_name_problem(name: str) -> str | None:
    """Why `name` is not a plain file name inside the submission folder, or None when it is one."""
    if name in ("", ".", ".."):
        return "dot_or_empty"
    if "/" in name or "\\" in name:
        return "path_separator"
    if name.casefold() == MANIFEST_NAME:
        return "manifest_name"
    if any(unicodedata.category(ch) in _BAD_CATEGORIES for ch in name):
        return "control_character"
    if any(ch in _BIDI_CONTROLS for ch in name):
        return "bidi_control"
    return None


_NAME_PROBLEMS: dict[str, Bilingual] = {
    "dot_or_empty": Bilingual("бос атау, «.» немесе «..»", "пустое имя, «.» или «..»"),
    "path_separator": Bilingual("«/» немесе «\\» таңбасы бар", "содержит «/» или «\\»"),
    "manifest_name": Bilingual("manifest.json атауымен сәйкес", "совпадает с manifest.json"),
    "control_character": Bilingual("басқару таңбасы бар", "содержит управляющий символ"),
    "bidi_control": Bilingual(
        "мәтін бағытын өзгертетін көрінбейтін таңба бар",
        "содержит невидимый символ, меняющий направление текста",
    ),
}

# "malformed" says every refusal; {reason} is one of the others, filled in.
MESSAGES: dict[str, Bilingual] = {
    "malformed": Bilingual(
        "Өтініш деректері (manifest.json) талаптарға сәйкес келмейді: {reason}. Өтінішті "
        "порталда қайта беріңіз; қате қайталанса, Бірыңғай байланыс орталығына (1414) хабарласыңыз.",
        "Данные заявления (manifest.json) не соответствуют требованиям: {reason}. Подайте "
        "заявление на портале повторно; если ошибка повторится, обратитесь в Единый "
        "контакт-центр (1414).",
    ),
    "missing": Bilingual(
        "manifest.json файлы жоқ, жүктеу 24 сағат ішінде аяқталмаған",
        "файл manifest.json отсутствует, загрузка не завершена в течение 24 часов",
    ),
    "too_large": Bilingual(
        "файл тым үлкен ({size} байт, шегі {limit} байт)",
        "файл слишком большой ({size} байт при пределе {limit} байт)",
    ),
    "not_utf8": Bilingual("мәтін UTF-8 кодтауында емес", "текст не в кодировке UTF-8"),
    "duplicate_key": Bilingual(
        "«{key}» өрісі бір нысанда екі рет берілген",
        "поле «{key}» указано в одном объекте дважды",
    ),
    "not_json": Bilingual("мәтін жарамды JSON емес", "текст не является корректным JSON"),
    "invalid_unicode": Bilingual(
        "мәтінде UTF-8-пен берілмейтін таңба (жалғыз суррогат) бар",
        "текст содержит символ, непредставимый в UTF-8 (одиночный суррогат)",
    ),
    # {problem}: one of _NAME_PROBLEMS.
    "file_name": Bilingual("«{file}» жай файл атауы емес ({problem})", "«{file}» — не имя файла ({problem})"),
    "schema": Bilingual("деректер схемаға сәйкес емес", "данные не соответствуют схеме"),
    "schema_field": Bilingual(
        "деректер схемаға сәйкес емес ({path} өрісі)",
        "данные не соответствуют схеме (поле {path})",
    ),
    "id_mismatch": Bilingual(
        "submission_id ({submission_id}) өтініш папкасының атауымен ({folder}) сәйкес емес",
        "submission_id ({submission_id}) не совпадает с именем папки заявления ({folder})",
    ),
    "duplicate_file": Bilingual(
        "«{file}» файлы құжаттар тізімінде екі рет көрсетілген",
        "файл «{file}» указан в списке документов дважды",
    ),
}


def malformed(rule: str, reason: Bilingual, **evidence: Any) -> Finding:
    """A `submission.malformed` refusal; `rule` names the broken rule for people and programs."""
    return finding(
        CODE,
        "fail",
        document=MANIFEST_NAME,
        message=MESSAGES["malformed"].format(reason=reason),
        evidence={"rule": rule, **evidence},
    )


def missing_manifest(folder_id: str | None = None, newest_file_time: datetime | None = None) -> Finding:
    """The refusal for a folder with files but no manifest past the grace period (the caller decides)."""
    evidence: dict[str, Any] = {}
    if folder_id is not None:
        evidence["folder"] = folder_id
    if newest_file_time is not None:
        evidence["newest_file_time"] = newest_file_time.isoformat()
    return malformed("missing", MESSAGES["missing"], **evidence)


@lru_cache(maxsize=1)
def _validator() -> jsonschema.protocols.Validator:
    """The manifest schema, with date and date-time formats checked (off by default in jsonschema)."""
    text = resources.files("models").joinpath("schemas/manifest.schema.json").read_text("utf-8")
    schema = json.loads(text)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object with a key twice is ambiguous (parsers keep the first or the last): refuse it."""
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(key)
        out[key] = value
    return out


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _has_lone_surrogate(value: Any) -> bool:
    """A "\\ud800" escape decodes to a string UTF-8 cannot encode; it could not be written back."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if any("\ud800" <= ch <= "\udfff" for ch in item):
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def _cut(text: str) -> str:
    return text if len(text) <= _DETAIL_LIMIT else text[: _DETAIL_LIMIT - 1] + "…"


def manifest_too_large(size: int) -> Finding:
    """The refusal of a manifest over MAX_MANIFEST_BYTES, by its bytes or by the listing's size."""
    return malformed(
        "too_large",
        MESSAGES["too_large"].format(size=size, limit=MAX_MANIFEST_BYTES),
        size=size,
        max_size=MAX_MANIFEST_BYTES,
    )


def _decode(raw: bytes) -> Any | Finding:
    """Bytes to JSON data, or the finding that says why not."""
    if len(raw) > MAX_MANIFEST_BYTES:
        return manifest_too_large(len(raw))
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark is tolerated (RFC 8259 lets parsers ignore it)
    except UnicodeDecodeError as exc:
        return malformed(
            "not_utf8",
            MESSAGES["not_utf8"],
            detail=f"invalid byte at offset {exc.start}",
        )
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicate_keys, parse_constant=_refuse_constant)
    except _DuplicateKey as exc:
        return malformed(
            "duplicate_key",
            MESSAGES["duplicate_key"].format(key=printable(exc.key)),
            key=_cut(exc.key),
        )
    except (ValueError, RecursionError) as exc:  # JSONDecodeError is a ValueError; so are huge ints
        return malformed(
            "not_json",
            MESSAGES["not_json"],
            detail=_cut(str(exc)),
        )
    if _has_lone_surrogate(data):
        return malformed("invalid_unicode", MESSAGES["invalid_unicode"])
    return data


def _file_names(data: Any) -> list[str]:
    """The listed file names that are strings, whatever else is wrong with the document."""
    docs = data.get("documents") if isinstance(data, dict) else None
    if not isinstance(docs, list):
        return []
    return [d["file"] for d in docs if isinstance(d, dict) and isinstance(d.get("file"), str)]


def _check_structure(data: Any, folder_id: str) -> Finding | None:
    """The rules after JSON decoding, most specific first so the teacher learns the real problem."""
    names = _file_names(data)
    for name in names:
        problem = file_name_problem(name)
        if problem is not None:
            return malformed(
                "file_name",
                MESSAGES["file_name"].format(file=printable(name), problem=_NAME_PROBLEMS[problem]),
                file=_cut(name),
                problem=problem,
            )
    try:
        error = best_match(_validator().iter_errors(data))
    except RecursionError:
        return malformed("schema", MESSAGES["schema"])
    if error is not None:
        path = "/".join(str(p) for p in error.absolute_path) or "(root)"
        return malformed(
            "schema",
            MESSAGES["schema_field"].format(path=printable(path)),
            path=_cut(path),
            detail=_cut(error.message),
        )
    submission_id = data["submission_id"]
    if submission_id != folder_id:
        return malformed(
            "id_mismatch",
            MESSAGES["id_mismatch"].format(submission_id=submission_id, folder=printable(folder_id)),
            submission_id=submission_id,
            folder=_cut(folder_id),
        )
    seen: set[str] = set()
    for name in names:
        if name in seen:
            return malformed(
                "duplicate_file",
                MESSAGES["duplicate_file"].format(file=printable(name)),
                file=name,
            )
        seen.add(name)
    return None


def parse_manifest(raw: bytes, folder_id: str) -> Manifest | Finding:
    """The manifest of folder `folder_id`, or the `submission.malformed` finding that refuses it."""
    data = _decode(raw)
    if isinstance(data, Finding):
        return data
    problem = _check_structure(data, folder_id)
    if problem is not None:
        return problem
    try:
        return Manifest.model_validate(data)
    except pydantic.ValidationError as exc:  # the schema should have caught it; refuse rather than crash
        return malformed(
            "model",
            MESSAGES["schema"],
            detail=_cut(str(exc.errors(include_url=False, include_input=False)[:1])),
        )
