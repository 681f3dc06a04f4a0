"""Shared base for every model that crosses a boundary: frozen, so a reading cannot change under a check."""

from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict

Category = Literal[
    "pedagog",
    "pedagog_moderator",
    "pedagog_expert",
    "pedagog_researcher",
    "pedagog_master",
]
Kind = Literal[
    "application",
    "diploma",
    "retraining_certificate",
    "employment_record",
    "course_certificate",
    "category_certificate",
    "category_order",
    "professional_achievements",
    "student_achievements",
    "essay",
]
KINDS: tuple[Kind, ...] = get_args(Kind)
CATEGORIES: tuple[Category, ...] = get_args(Category)


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
