"""A document as an ordered list of blocks, independent of how it is drawn.

The same `Doc` is drawn as a born-digital PDF and, through that PDF, as a scan, so both
renderings of one document carry the same words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from models.base import Kind
from sample_set.people import Lang

Align = Literal["left", "center", "right", "justify"]
PageSize = Literal["A4", "A4L", "A5", "A5L"]


@dataclass(frozen=True)
class Text:
    """A paragraph, wrapped to the text width."""

    text: str
    scale: float = 1.0
    bold: bool = False
    align: Align = "left"
    before: float = 0.0  # extra space before, in lines
    indent: bool = False


@dataclass(frozen=True)
class Field:
    """A filled-in form entry: a label and a value on a ruled line; an empty value is a blank entry."""

    label: str
    value: str
    before: float = 0.0


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]  # fractions of the text width
    header: bool = True
    scale: float = 0.9


@dataclass(frozen=True)
class Signature:
    """'Role ______ I.O. Surname', with a drawn scribble and optionally a round stamp."""

    role: str
    name: str
    stamp: bool = False
    before: float = 1.0


@dataclass(frozen=True)
class Gap:
    lines: float = 1.0


Block = Text | Field | Table | Signature | Gap


@dataclass(frozen=True)
class Doc:
    kind: Kind
    language: Lang
    blocks: tuple[Block, ...]
    page: PageSize = "A4"
    framed: bool = False  # a decorative border: diplomas, certificates, letters of merit
    page_numbers: bool = False

    def words_text(self) -> str:
        """All the words a reader sees (page numbers aside), for the essay word count."""
        parts: list[str] = []
        for b in self.blocks:
            if isinstance(b, Text):
                parts.append(b.text)
            elif isinstance(b, Field):
                parts.append(f"{b.label} {b.value}")
            elif isinstance(b, Table):
                parts.extend(" ".join(r) for r in b.rows)
            elif isinstance(b, Signature):
                parts.append(f"{b.role} {b.name}")
        return "\n".join(parts)
