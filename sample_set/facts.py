"""The facts behind one submission: who, what is asked, and the dates and numbers on each document.

Documents are drawn from these facts, so every date agrees with every other one unless a case
changes a fact on purpose (a course that ends before it starts, another person's IIN).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from models.base import CATEGORIES, Category
from sample_set.people import Lang, Person, make_bin, make_person, student_name
from sample_set.phrasing import (
    COURSE_PROGRAMMES,
    COURSE_PROVIDERS,
    REGIONS,
    RETRAINING_PROGRAMMES,
    SUBJECTS,
    Programme,
    Region,
    School,
    Subject,
)


@dataclass(frozen=True)
class Held:
    """A category the teacher holds (or held): its certificate and the order that gave it."""

    category: Category
    valid_until: date
    issued: date
    order_no: str
    certificate_no: str


@dataclass(frozen=True)
class Course:
    programme: Programme
    provider: tuple[str, str]
    hours: int
    start: date
    end: date
    issued: date
    number: str


@dataclass(frozen=True)
class Colleague:
    """Another teacher listed in the same category order."""

    person: Person
    subject: Subject
    school: School
    category: Category


@dataclass(frozen=True)
class Facts:
    person: Person
    subject: Subject
    school: School
    submitted: date
    action: str
    category: Category
    held: Held | None
    grad_year: int
    diploma_no: str
    diploma_reg: str
    diploma_issued: date
    hired: date
    first_school: School
    course: Course
    retraining: Course
    award_date: date
    olympiad_date: date
    student: tuple[str, str]  # (Kazakh, Russian) spelling
    student_grade: str
    place: int
    level: int  # 0 district, 1 city, 2 regional, 3 national
    signatory: Person
    order_colleagues: tuple[Colleague, ...]
    provider_bin: str
    extract_date: date
    blank_position: bool = False
    other_iin: str | None = None  # an IIN printed on the course certificate instead of the applicant's

    @property
    def region(self) -> Region:
        return self.school.region

    def provider(self, lang: Lang) -> str:
        return self.region.provider_kk if lang == "kk" else self.region.provider_ru


def category_below(category: Category) -> Category:
    i = CATEGORIES.index(category)
    return CATEGORIES[max(i - 1, 0)]


def _days(rng: random.Random, lo: int, hi: int) -> timedelta:
    return timedelta(days=rng.randint(lo, hi))


def make_held(rng: random.Random, category: Category, valid_until: date) -> Held:
    issued = valid_until.replace(year=valid_until.year - 5)
    return Held(
        category=category,
        valid_until=valid_until,
        issued=issued,
        order_no=f"{rng.randint(40, 980)}{rng.choice(('', '', '-ж', '/к'))}",
        certificate_no=f"{rng.randint(1, 9999):04d}",
    )


def make_course(rng: random.Random, submitted: date, *, retraining: bool = False) -> Course:
    """A course that ended before the submission, with a plausible length for its hours."""
    if retraining:
        hours = rng.choice((540, 600, 1080))
        end = submitted - _days(rng, 500, 1800)
        start = end - timedelta(days=hours // 6)
        programme = rng.choice(RETRAINING_PROGRAMMES)
    else:
        hours = rng.choice((72, 80, 108))
        end = submitted - _days(rng, 40, 600)
        start = end - timedelta(days={72: 11, 80: 13, 108: 18}[hours] + rng.randint(0, 3))
        programme = rng.choice(COURSE_PROGRAMMES)
    issued = min(end + _days(rng, 0, 4), submitted - timedelta(days=1))
    return Course(
        programme=programme,
        provider=rng.choice(COURSE_PROVIDERS),
        hours=hours,
        start=start,
        end=end,
        issued=issued,
        number=f"{rng.randint(10000, 999999):06d}",
    )


def make_facts(
    rng: random.Random,
    person: Person,
    submitted: date,
    *,
    action: str,
    category: Category,
    held: Held | None,
    used_iins: set[str],
) -> Facts:
    region = rng.choice(REGIONS)
    school = School(rng.randint(1, 80), rng.choice((0, 0, 0, 1, 2)), region)
    subject = rng.choice(SUBJECTS)
    grad_year = min(person.birth.year + rng.randint(21, 23), submitted.year - 1)
    diploma_issued = date(grad_year, 6, rng.randint(18, 30))
    hired = date(grad_year, 8, rng.randint(15, 31))
    colleagues: list[Colleague] = []
    listed = rng.randint(3, 6)
    while len(colleagues) < listed:
        other = make_person(rng, kazakh=rng.random() < 0.75, female=rng.random() < 0.8, used_iins=used_iins)
        if other.kk.surname[:5] == person.kk.surname[:5]:
            continue  # a namesake in the order would blur whether the applicant is listed
        colleagues.append(
            Colleague(
                person=other,
                subject=rng.choice(SUBJECTS),
                school=School(rng.randint(1, 80), rng.choice((0, 0, 1, 2)), region),
                category=rng.choice(CATEGORIES[:4]),
            )
        )
    signatory = make_person(rng, kazakh=rng.random() < 0.8, female=rng.random() < 0.5, used_iins=used_iins)
    return Facts(
        person=person,
        subject=subject,
        school=school,
        submitted=submitted,
        action=action,
        category=category,
        held=held,
        grad_year=grad_year,
        diploma_no=f"{rng.randint(0, 9999999):07d}",
        diploma_reg=f"{rng.randint(100, 9999)}",
        diploma_issued=diploma_issued,
        hired=hired,
        first_school=School(rng.randint(1, 80), 0, region),
        course=make_course(rng, submitted),
        retraining=make_course(rng, submitted, retraining=True),
        award_date=submitted - _days(rng, 30, 500),
        olympiad_date=submitted - _days(rng, 20, 400),
        student=student_name(rng),
        student_grade=f"{rng.randint(7, 11)} «{rng.choice('АБВГ')}»",
        place=rng.randint(1, 3),
        level=rng.randint(0, 3),
        signatory=signatory,
        order_colleagues=tuple(colleagues),
        provider_bin=make_bin(rng),
        extract_date=submitted - _days(rng, 1, 25),
    )
