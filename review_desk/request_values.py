"""What the desk takes from a request, checked before use: numbers, a crop, a decision form."""

from __future__ import annotations

from review_desk.labels import Lang, ui
from review_desk.page_images import Crop
from validators.catalogue import GROUNDS

MAX_NOTE = 2000


def int_or(text: str | None, default: int) -> int:
    """A query parameter as a number; `default` when it is missing or not one."""
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def parse_crop(text: str | None) -> Crop | None:
    """`left,top,right,bottom` as page fractions; None for anything else."""
    if not text:
        return None
    try:
        left, top, right, bottom = (float(v) for v in text.split(","))
    except ValueError:
        return None
    if not (0 <= left < right <= 1 and 0 <= top < bottom <= 1):
        return None
    return (left, top, right, bottom)


def decision_problem(action: str, refuse: tuple[str, ...], note: str | None, lang: Lang) -> str | None:
    """What is wrong with a decision form, in the operator's language; None when nothing is."""
    if action not in ("accept", "refuse"):
        return ui("choose_action", lang)
    if action == "accept" and refuse:
        return ui("untick_to_accept", lang)
    if action == "refuse" and not refuse:
        return ui("tick_one", lang)
    unknown = [c for c in refuse if c not in GROUNDS]
    if unknown:
        return ui("unknown_check", lang, codes=", ".join(unknown))
    if note and len(note) > MAX_NOTE:
        return ui("note_too_long", lang, n=MAX_NOTE)
    return None
