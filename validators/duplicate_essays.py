"""`essay.duplicate` (`review`): the essay nearly repeats another applicant's essay of the same academic year.

The index (`storage.cross_index`) finds the other essays and measures the similarity; this check only
words what it found. Never `fail`: two teachers may have used one published model essay in good faith,
and only a person can tell; an operator who confirms the copy refuses on ground 1.
"""

from models.context import CheckContext
from models.verdict import Finding
from validators.essay import counted_essays
from validators.findings import finding
from validators.messages import Bilingual

CODE = "essay.duplicate"
THRESHOLD = 0.2  # Jaccard of the shingles, boilerplate dropped; benchmarks/results/cross_checks.md measures it

# {others}: the other submissions' ids; {similarity}: the highest similarity, in per cent.
MESSAGES: dict[str, Bilingual] = {
    "duplicate": Bilingual(
        "Эссе мәтіні осы оқу жылындағы басқа өтініш берушінің эссесімен едәуір сәйкес келеді (өтініш {others}; "
        "ұқсастық {similarity} %). Бұл көшірме ме, жоқ па — маман тексереді.",
        "Текст эссе в значительной части совпадает с эссе другого заявителя этого учебного года (заявление "
        "{others}; сходство {similarity} %). Является ли это копией, проверит специалист.",
    ),
}


def check_essay_duplicate(ctx: CheckContext) -> list[Finding]:
    """One review finding naming every other applicant's essay the index matched, most similar first."""
    matches = sorted(ctx.cross.essays, key=lambda m: -m.similarity)
    if not matches:
        return []
    essays = counted_essays(ctx)
    others = ", ".join(f"№ {m.submission_id}" for m in matches[:5]) + (" …" if len(matches) > 5 else "")
    return [
        finding(
            CODE,
            "review",
            document=essays[0].file if len(essays) == 1 else None,
            message=MESSAGES["duplicate"].format(others=others, similarity=round(matches[0].similarity * 100)),
            evidence={
                "other_submission_ids": [m.submission_id for m in matches],
                "similarity": round(matches[0].similarity, 3),
                "threshold": THRESHOLD,
                "shared_passage": matches[0].shared_passage,
                "matches": [m.model_dump(mode="json") for m in matches[:10]],
            },
        )
    ]
