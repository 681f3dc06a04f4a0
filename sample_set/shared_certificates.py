"""Course certificates for `document.reused`: one teacher's certificate, and other teachers' on the same
template (the same course provider, other names, numbers and dates), which must not count as reuse."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date

from sample_set.certificates import course_certificate
from sample_set.facts import make_facts
from sample_set.people import Lang, make_person
from sample_set.render_pdf import Style, render_pdf

_STYLE = Style(family="DejaVuSerif", size=11.0, margin_mm=20.0)


def certificate_pdf(
    seed: int, lang: Lang = "ru", submitted: date = date(2026, 10, 1), number: str | None = None
) -> tuple[bytes, str]:
    """A born-digital course certificate of teacher `seed` (one template for every seed), and its number;
    `number` prints another certificate's number instead (a certificate re-typed for another holder)."""
    rng = random.Random(f"shared-certificate:{seed}")
    person = make_person(rng, kazakh=lang == "kk", female=rng.random() < 0.7)
    facts = make_facts(
        rng, person, submitted, action="confirm", category="pedagog_moderator", held=None, used_iins=set()
    )
    if number is not None:
        facts = replace(facts, course=replace(facts.course, number=number))
    return render_pdf(course_certificate(facts, lang, rng, None), _STYLE, 21), facts.course.number
