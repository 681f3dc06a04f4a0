"""The submissions of each profile: one plan per case, with the outcome it must get.

A plan says what to change from a clean submission; the builder turns it into files. Slots
(the last digits of the id) are stable, so the same case has the same id in `demo` and `test`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

from models.base import Category, Kind
from sample_set.labels import Decision, Profile
from sample_set.people import Lang
from sample_set.render_scan import Quality, ScanFormat
from validators.catalogue import GROUNDS

ManifestDefect = Literal["bad_json", "id_mismatch", "duplicate", "escape"]
Folder = Literal["normal", "missing_old", "in_progress", "bad_id"]
Holder = Literal["other", "maiden"]


@dataclass(frozen=True)
class Scan:
    fmt: ScanFormat
    quality: Quality = "scanner"


@dataclass(frozen=True)
class Expect:
    """The outcome: decision, the (check, status) pairs that must appear, the refusal grounds."""

    decision: Decision | None
    checks: frozenset[tuple[str, str]] = frozenset()
    grounds: tuple[int, ...] = ()


@dataclass(frozen=True)
class CasePlan:
    slot: int
    title: str
    lang: Lang
    expect: Expect
    kazakh: bool = True
    female: bool = True
    name_form: Lang | None = None  # spelling of the name in the manifest; default: the case language
    channel: Literal["egov", "ustaz"] = "egov"
    action: Literal["assign", "confirm"] = "assign"
    category: Category = "pedagog_expert"
    held: Category | None = "pedagog_moderator"
    held_days: int = 200  # valid_until = submitted + held_days (+ jitter); negative: expired
    manifest_current: Literal["match", "other_category", "other_date", "null"] = "match"
    state_records: tuple[bool, bool] = (False, False)
    consent: bool | None = True
    retraining: bool = False
    drop: frozenset[Kind] = frozenset()
    scans: dict[Kind, Scan] = field(default_factory=dict)
    langs: dict[Kind, Lang] = field(default_factory=dict)
    damage: dict[Kind, Literal["empty", "corrupt"]] = field(default_factory=dict)
    holders: dict[Kind, Holder] = field(default_factory=dict)
    declared: dict[Kind, Kind] = field(default_factory=dict)
    fonts: tuple[str, ...] = ()  # preferred families; empty: any
    essay_words: int | None = None  # None: a clean length
    essay_tricky: bool = False
    essay_marker: bool | None = True  # 'Эссе на тему ...' in the heading; None: by chance (70 %)
    blank_position: bool = False
    iin_on_course: bool = False  # the course certificate carries another (valid) IIN
    course_reversed: bool = False
    course_issued_future: bool = False
    order_lists_applicant: bool = True
    invalid_iin: bool = False
    repeat_of: int | None = None  # the slot whose applicant submits again
    manifest_defect: ManifestDefect | None = None
    folder: Folder = "normal"
    unlisted_file: bool = False
    cyrillic_names: bool = False
    provider: bool = True
    tags: frozenset[str] = frozenset()


def fail(check: str) -> Expect:
    """Refused on this check alone, on the ground the catalogue gives it."""
    return Expect("refused", frozenset({(check, "fail")}), (GROUNDS[check],))


def review(check: str) -> Expect:
    return Expect("needs_review", frozenset({(check, "review")}))


ACCEPTED = Expect("accepted")
SKIPPED = Expect(None)
MALFORMED = fail("submission.malformed")


_RU_SCANS: dict[Kind, Scan] = {
    "diploma": Scan("jpeg", "photo"),
    "employment_record": Scan("tiff"),
    "course_certificate": Scan("png"),
    "category_certificate": Scan("pdf"),
}


def _core() -> list[CasePlan]:
    """The cases both `test` and `demo` hold: every clean shape and every defect needing no deep reading."""
    return [
        CasePlan(101, "clean, Kazakh, born-digital, assign pedagog_expert", "kk", ACCEPTED,
                 channel="ustaz", unlisted_file=True, retraining=True),
        CasePlan(102, "clean, Russian, scanned documents (JPEG photo, PNG, TIFF, image-only PDF)", "ru",
                 ACCEPTED, kazakh=True, category="pedagog_researcher", held="pedagog_expert", scans=_RU_SCANS),
        CasePlan(103, "clean, diploma and employment from state records (no such files)", "ru", ACCEPTED,
                 kazakh=False, female=False, category="pedagog_master", held="pedagog_researcher",
                 state_records=(True, True)),
        CasePlan(104, "clean, confirm the current category before it expires", "kk", ACCEPTED,
                 action="confirm", category="pedagog_expert", held="pedagog_expert", held_days=120),
        CasePlan(105, "clean, assign pedagog_moderator, platform-fed documents", "ru", ACCEPTED,
                 kazakh=False, channel="ustaz", category="pedagog_moderator", held=None, provider=False),
        CasePlan(106, "consent to personal data refused (false)", "kk", consent=False,
                 expect=fail("consent.missing")),
        CasePlan(107, "consent to personal data absent", "ru", consent=None, kazakh=False,
                 expect=fail("consent.missing")),
        CasePlan(108, "required course certificate missing (pedagog_researcher)", "kk",
                 category="pedagog_researcher", held="pedagog_expert", drop=frozenset({"course_certificate"}),
                 expect=fail("documents.missing")),
        CasePlan(109, "platform-fed student achievements missing (pedagog_expert)", "ru", channel="ustaz",
                 drop=frozenset({"student_achievements"}), expect=review("documents.missing")),
        CasePlan(110, "empty (0-byte) course certificate", "kk", damage={"course_certificate": "empty"},
                 category="pedagog_researcher", held="pedagog_expert",
                 expect=fail("document.unreadable")),
        CasePlan(111, "corrupt file named .pdf (random bytes)", "ru", damage={"professional_achievements": "corrupt"},
                 category="pedagog_master", held="pedagog_researcher",
                 expect=fail("document.unreadable")),
        CasePlan(112, "no manifest, files 48 hours old (past the grace period)", "kk", folder="missing_old",
                 expect=MALFORMED),
        CasePlan(113, "manifest is not valid JSON", "ru", manifest_defect="bad_json", expect=MALFORMED),
        CasePlan(114, "manifest names another submission_id", "kk", manifest_defect="id_mismatch",
                 expect=MALFORMED),
        CasePlan(115, "manifest lists a file twice", "ru", manifest_defect="duplicate", expect=MALFORMED),
        CasePlan(116, "manifest lists '../escape.pdf'", "kk", manifest_defect="escape", expect=MALFORMED),
        CasePlan(117, "applicant IIN fails the checksum, otherwise clean", "kk", invalid_iin=True,
                 expect=review("identity.iin_invalid")),
        CasePlan(118, "confirm with no current category", "ru", action="confirm", category="pedagog_moderator",
                 held=None, expect=fail("request.inconsistent")),
        CasePlan(119, "essay of 231 words", "kk", essay_words=231, expect=fail("essay.word_count")),
        CasePlan(120, "essay of 320 words", "ru", essay_words=320, kazakh=False,
                 expect=fail("essay.word_count")),
        CasePlan(121, "repeat pair: the earlier submission (clean)", "kk", ACCEPTED, category="pedagog_researcher",
                 held="pedagog_expert"),
        CasePlan(122, "repeat pair: the same IIN again in the same academic year", "kk", repeat_of=121,
                 category="pedagog_researcher", held="pedagog_expert",
                 expect=fail("application.repeat")),
        CasePlan(123, "folder name is not a valid id ('bad id!')", "ru", SKIPPED, folder="bad_id"),
        CasePlan(124, "upload in progress (no manifest yet, fresh files)", "kk", SKIPPED, folder="in_progress"),
    ]  # fmt: skip


def _demo_extra() -> list[CasePlan]:
    return [
        CasePlan(125, "clean, Kazakh form in the manifest, Russian diploma, Cyrillic file names", "kk", ACCEPTED,
                 langs={"diploma": "ru", "course_certificate": "ru"}, cyrillic_names=True,
                 scans={"student_achievements": Scan("jpeg", "photo")}),
        CasePlan(126, "clean, Russian essay with hyphenated words, numbers and ranges", "ru", ACCEPTED, retraining=True,
                 essay_tricky=True, category="pedagog_researcher", held="pedagog_expert",
                 scans={"diploma": Scan("tiff"), "professional_achievements": Scan("pdf")}),
    ]  # fmt: skip


def _eval() -> list[CasePlan]:
    """Deeper checks, each in both languages where it matters, and clean variants to keep them honest."""
    other: dict[Kind, Holder] = {"professional_achievements": "other"}
    return [
        CasePlan(201, "letter of merit names another person", "kk", holders=other,
                 expect=fail("identity.name_mismatch")),
        CasePlan(202, "course certificate issued to another person", "ru", holders={"course_certificate": "other"},
                 expect=fail("identity.name_mismatch")),
        CasePlan(203, "category order does not list the applicant", "kk", order_lists_applicant=False,
                 expect=fail("identity.name_mismatch")),
        CasePlan(204, "course certificate carries another IIN", "kk", iin_on_course=True,
                 expect=fail("identity.iin_mismatch")),
        CasePlan(205, "course certificate carries another IIN (Russian)", "ru", iin_on_course=True, kazakh=False,
                 expect=fail("identity.iin_mismatch")),
        CasePlan(206, "course ends before it starts", "ru", course_reversed=True,
                 expect=fail("dates.inconsistent")),
        CasePlan(207, "course certificate issued after the submission", "kk", course_issued_future=True,
                 expect=fail("dates.inconsistent")),
        CasePlan(208, "declared current category differs from the certificate", "kk",
                 manifest_current="other_category",
                 expect=fail("category.declared_mismatch")),
        CasePlan(209, "declared valid-until date differs from the certificate", "ru", manifest_current="other_date",
                 expect=fail("category.declared_mismatch")),
        CasePlan(210, "confirm of a category that expired before the submission", "kk", action="confirm",
                 held="pedagog_expert", held_days=-45, expect=fail("category.expired")),
        CasePlan(211, "confirm of an expired category (Russian)", "ru", action="confirm", category="pedagog_moderator",
                 held="pedagog_moderator", held_days=-10, kazakh=False,
                 expect=fail("category.expired")),
        CasePlan(212, "application form with the position left blank", "kk", blank_position=True,
                 expect=fail("application.incomplete")),
        CasePlan(213, "application form with the position left blank (Russian)", "ru", blank_position=True,
                 expect=fail("application.incomplete")),
        CasePlan(214, "a diploma declared as the essay (no essay)", "kk",
                 Expect("refused", frozenset({("document.kind_mismatch", "review")}), (GROUNDS["documents.missing"],)),
                 state_records=(True, False), declared={"diploma": "essay"}, drop=frozenset({"essay"})),
        CasePlan(215, "diploma under a maiden name", "kk", holders={"diploma": "maiden"},
                 expect=review("identity.name_mismatch")),
        CasePlan(216, "diploma under a maiden name (Russian)", "ru", holders={"diploma": "maiden"},
                 expect=review("identity.name_mismatch")),
        CasePlan(217, "diploma photographed badly (low-quality scan)", "ru", scans={"diploma": Scan("jpeg", "poor")},
                 expect=review("extraction.low_confidence")),
        CasePlan(218, "course certificate scanned badly (low-quality scan)", "kk",
                 scans={"course_certificate": Scan("jpeg", "poor")},
                 expect=review("extraction.low_confidence")),
        CasePlan(230, "clean, Kazakh, DejaVu Sans, scanned diploma (PNG) and order (TIFF)", "kk", ACCEPTED,
                 fonts=("DejaVuSans",), scans={"diploma": Scan("png"), "category_order": Scan("tiff")}),
        CasePlan(231, "clean, Russian, Liberation Serif, photographed certificates", "ru", ACCEPTED, kazakh=False,
                 fonts=("LiberationSerif",), scans={"course_certificate": Scan("jpeg", "photo"),
                                                    "category_certificate": Scan("jpeg", "photo")}),
        CasePlan(232, "clean, Kazakh name in the manifest, Russian documents", "ru", ACCEPTED, retraining=True,
                 name_form="kk", fonts=("FreeSerif",)),
        CasePlan(233, "clean, Russian name in the manifest, Kazakh documents", "kk", ACCEPTED, name_form="ru",
                 fonts=("DejaVuSerifCondensed",), scans={"employment_record": Scan("pdf")}),
        CasePlan(234, "clean, Kazakh essay with hyphenated words, numbers and ranges", "kk", ACCEPTED,
                 essay_tricky=True, fonts=("FreeSans",)),
        CasePlan(235, "clean, male Russian teacher, image-only PDFs", "ru", ACCEPTED, retraining=True,
                 kazakh=False, female=False, scans={"diploma": Scan("pdf"), "student_achievements": Scan("pdf")}),
        CasePlan(236, "clean, essay of exactly 250 words", "kk", ACCEPTED, essay_words=250),
        CasePlan(237, "clean, essay of exactly 300 words", "ru", ACCEPTED, essay_words=300),
        CasePlan(238, "clean, confirm, mixed languages, scanned essay", "ru", ACCEPTED, action="confirm",
                 category="pedagog_researcher", held="pedagog_researcher", langs={"essay": "kk", "diploma": "kk"},
                 scans={"essay": Scan("pdf")}),
    ]  # fmt: skip


def plans(profile: Profile) -> list[CasePlan]:
    if profile == "test":
        return _core()
    if profile == "demo":
        return _core() + _demo_extra()
    # the evaluation set also holds essays whose heading does not say 'эссе'
    return [replace(p, essay_marker=None) for p in _eval()]
