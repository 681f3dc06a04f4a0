"""What the generator promises about each submission: the labels a verdict is compared with."""

from __future__ import annotations

from typing import Literal

from models.base import Frozen, Kind

Profile = Literal["demo", "test", "eval", "field"]
Decision = Literal["accepted", "refused", "needs_review"]
Rendering = Literal["pdf", "jpeg", "png", "tiff", "scan_pdf", "empty", "corrupt"]


class SampleDocument(Frozen):
    """One written file: what it was declared as, what it really is, and how it was produced."""

    file: str
    declared_kind: Kind
    content_kind: Kind | None  # None for an empty or corrupt file
    language: Literal["kk", "ru"] | None
    rendering: Rendering
    scan_quality: Literal["scanner", "photo", "poor"] | None = None
    font: str | None = None
    holder_text: str | None = None  # the holder's name exactly as printed (any case form), when named
    holder_surname: str | None = None  # the holder's surname (nominative, in the document's language)
    # What a reader ought to find, where the generator records it (the field set; empty elsewhere):
    holder_names: tuple[str, ...] = ()  # the named holder's full name, nominative, in each spelling
    iin: str | None = None  # the IIN printed on the document
    dates: tuple[str, ...] = ()  # ISO dates printed that the checks read (issue, course period, validity)
    words: int | None = None  # essay only: the contract's word rule over the whole document
    office_words: int | None = None  # essay only: what a word processor would show


class SampleCase(Frozen):
    """One submission folder and the outcome a correct pipeline gives it.

    `expected_checks` are (check, status) pairs that MUST appear among the fail/review findings;
    other findings may appear only if they do not change `expected_decision`. A skipped folder
    (upload in progress, invalid id) has `expected_decision` None.
    """

    submission_id: str
    folder: str
    title: str
    profile: Profile
    expected_decision: Decision | None
    expected_checks: frozenset[tuple[str, str]]
    expected_grounds: tuple[int, ...]
    languages: frozenset[str]
    scanned: bool
    tags: frozenset[str] = frozenset()
    applicant_iin: str | None = None
    submitted_at: str | None = None
    essay_word_count: int | None = None
    documents: tuple[SampleDocument, ...] = ()
