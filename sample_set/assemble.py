"""From a plan and its facts to the files of one submission: documents drawn, rendered, named."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import timedelta
from difflib import SequenceMatcher

from models.base import Kind
from sample_set import certificates, forms
from sample_set.cases import CasePlan
from sample_set.essays import compose_essay, count_office, count_words
from sample_set.facts import Facts
from sample_set.labels import Rendering, SampleDocument
from sample_set.page import Doc, PageSize
from sample_set.people import Lang, Person, make_person, other_surname
from sample_set.phrasing import dative
from sample_set.render_pdf import Style, render_pdf
from sample_set.render_scan import SUFFIX, ScanSettings, scan
from sample_set.typefaces import pick_family

FAMILIES = ("DejaVuSerif", "FreeSerif", "DejaVuSans", "FreeSans", "LiberationSerif", "DejaVuSerifCondensed")
_COMPACT_PAGE: dict[PageSize, PageSize] = {"A4": "A5", "A4L": "A5L", "A5": "A5", "A5L": "A5L"}
_NAMES: dict[Kind, tuple[str, str]] = {
    "application": ("application", "Өтініш"),
    "diploma": ("diploma", "Диплом"),
    "retraining_certificate": ("retraining", "Қайта даярлау"),
    "employment_record": ("employment-record", "Еңбек кітапшасы"),
    "course_certificate": ("course", "Курс сертификаты"),
    "category_certificate": ("category-certificate", "Санат куәлігі"),
    "category_order": ("category-order", "Бұйрық"),
    "professional_achievements": ("achievements-1", "Грамота"),
    "student_achievements": ("olympiad", "Олимпиада дипломы"),
    "essay": ("essay", "Эссе"),
}


@dataclass(frozen=True)
class Written:
    """A file to write and its label."""

    data: bytes
    label: SampleDocument


def kinds_for(plan: CasePlan) -> list[Kind]:
    """The kinds a clean submission of this request holds (contract §2), minus what the plan drops."""
    kinds: list[Kind] = ["application"]
    if not plan.state_records[0]:
        kinds.append("diploma")
    if plan.retraining:
        kinds.append("retraining_certificate")
    if not plan.state_records[1]:
        kinds.append("employment_record")
    kinds.append("course_certificate")
    if plan.held is not None:
        kinds += ["category_certificate", "category_order"]
    kinds += ["professional_achievements", "student_achievements", "essay"]
    kinds += [k for k in plan.declared if k not in kinds]
    return [k for k in kinds if k not in plan.drop]


def _far(a: str | None, b: str | None) -> bool:
    return SequenceMatcher(None, (a or "").lower(), (b or "").lower()).ratio() < 0.6


def _holder(rng: random.Random, plan: CasePlan, kind: Kind, person: Person) -> Person | None:
    how = plan.holders.get(kind)
    if how == "maiden":
        return person.with_surname(*other_surname(rng, person))
    if how == "other":
        while True:  # clearly someone else: no part of the name close to the applicant's
            other = make_person(rng, kazakh=plan.kazakh, female=person.female)
            if all(_far(getattr(other.kk, part), getattr(person.kk, part)) for part in ("surname", "given")):
                return other
    return None


def _essay(rng: random.Random, plan: CasePlan, f: Facts, lang: Lang) -> Doc:
    author = rng.random() < 0.6
    header = count_words(f"{f.person.name(lang).initials}, {f.subject.position(lang)}") if author else 0
    total = plan.essay_words if plan.essay_words is not None else rng.randint(262, 288)
    marker = plan.essay_marker if plan.essay_marker is not None else rng.random() < 0.7
    essay = compose_essay(rng, lang, total, header_words=header, tricky=plan.essay_tricky, marker=marker)
    doc = forms.essay_doc(f, lang, essay, author=author, page_numbers=plan.essay_tricky)
    if count_words(doc.words_text()) != total:
        raise RuntimeError(f"essay came out at {count_words(doc.words_text())} words, wanted {total}")
    return doc


def build_doc(rng: random.Random, plan: CasePlan, f: Facts, kind: Kind, lang: Lang, holder: Person | None) -> Doc:
    if kind == "application":
        return forms.application(f, lang, rng)
    if kind == "diploma":
        return certificates.diploma(f, lang, rng, holder)
    if kind == "retraining_certificate":
        return certificates.retraining_certificate(f, lang, rng, holder)
    if kind == "employment_record":
        return forms.employment_record(f, lang, rng, holder)
    if kind == "course_certificate":
        return certificates.course_certificate(f, lang, rng, holder)
    if kind == "category_certificate":
        return certificates.category_certificate(f, lang, rng, holder)
    if kind == "category_order":
        return forms.category_order(f, lang, rng, list_applicant=plan.order_lists_applicant)
    if kind == "professional_achievements":
        return certificates.professional_achievement(f, lang, rng, holder)
    if kind == "student_achievements":
        return certificates.olympiad_diploma(f, lang, rng)
    return _essay(rng, plan, f, lang)


def printed_name(doc: Doc, person: Person) -> str | None:
    """The form of the person's name the document prints: dative, nominative or initials."""
    text = " ".join(doc.words_text().split())
    candidates: list[str] = []
    langs: tuple[Lang, ...] = ("kk", "ru")
    for lang in langs:
        name = person.name(lang)
        candidates += [dative(name, person.female, lang), name.full, name.initials, name.initials_first]
    return next((c for c in candidates if c in text), None)


def _style(rng: random.Random, plan: CasePlan, kind: Kind) -> Style:
    family = rng.choice(plan.fonts or FAMILIES)
    size = rng.choice((11.0, 12.0)) if kind == "essay" else rng.choice((10.5, 11.0, 11.5, 12.0))
    return Style(family=family, size=size, margin_mm=rng.choice((15.0, 18.0, 20.0, 25.0)))


def file_name(plan: CasePlan, kind: Kind, f: Facts, suffix: str) -> str:
    latin, cyrillic = _NAMES[kind]
    base = cyrillic if plan.cyrillic_names else latin
    if kind == "course_certificate" and not plan.cyrillic_names:
        base = f"{base}-{f.course.end.year}"
    return base + suffix


def write_document(rng: random.Random, plan: CasePlan, f: Facts, kind: Kind, *, full_page_scans: bool) -> Written:
    """One document of the submission, rendered as the plan says (PDF, scan, empty or corrupt)."""
    declared: Kind = plan.declared.get(kind, kind)
    damage = plan.damage.get(kind)
    if damage is not None:
        data = b"" if damage == "empty" else bytes(rng.getrandbits(8) for _ in range(4096))
        if data.startswith((b"%PDF", b"\xff\xd8", b"\x89PNG", b"II*", b"MM\x00")):
            data = b"\x00" + data
        name = file_name(plan, kind, f, ".pdf")
        return Written(data, SampleDocument(file=name, declared_kind=declared, content_kind=None, language=None,
                                            rendering=damage))  # fmt: skip
    lang: Lang = plan.langs.get(kind, plan.lang)
    holder = _holder(rng, plan, kind, f.person)
    doc = build_doc(rng, plan, f, kind, lang, holder)
    style = _style(rng, plan, kind)
    seed = rng.getrandbits(32)
    how = plan.scans.get(kind)
    rendering: Rendering = "pdf"
    if how is None:
        data = render_pdf(doc, style, seed)
        suffix = ".pdf"
    else:
        if full_page_scans:
            dpi = 300
        else:
            doc = replace(doc, page=_COMPACT_PAGE[doc.page])
            style = style.scaled(0.72)
            dpi = rng.choice((200, 220, 240))
        data = scan(
            render_pdf(doc, style, seed),
            ScanSettings(dpi=dpi, quality=how.quality, fmt=how.fmt, text_pt=style.size),
            seed,
        )
        suffix = SUFFIX[how.fmt]
        rendering = "scan_pdf" if how.fmt == "pdf" else how.fmt
    named = holder or f.person
    shown = None if kind in ("essay", "student_achievements") else printed_name(doc, named)
    text = doc.words_text()
    label = SampleDocument(
        file=file_name(plan, kind, f, suffix),
        declared_kind=declared,
        content_kind=kind,
        language=lang,
        rendering=rendering,
        scan_quality=how.quality if how else None,
        font=pick_family(style.family, text + "0123456789"),
        holder_text=shown,
        holder_surname=named.name(lang).surname if shown else None,
        words=count_words(text) if kind == "essay" else None,
        office_words=count_office(text) if kind == "essay" else None,
    )
    return Written(data, label)


def shift_course(f: Facts, *, reversed_dates: bool, issued_future: bool) -> Facts:
    """Make the course certificate's dates impossible, as the plan asks."""
    course = f.course
    if reversed_dates:
        course = replace(course, start=course.end, end=course.start)
    if issued_future:
        course = replace(course, issued=f.submitted + timedelta(days=12))
    return replace(f, course=course)
