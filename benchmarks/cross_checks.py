"""How well the cross-submission checks find planted copies, and how often they flag what is not one.

Run as `python -m benchmarks.cross_checks [--out DIR] [--originals 20] [--scans 8] [--seed 21]`.

The set, per language (Kazakh and Russian):
- distinct essays written to the standard prompts (`sample_set.same_prompt`), half of them quoting the
  standard's requirement or the Rules; the first `originals` of them are copied;
- planted copies of each original, each by another applicant: the exact text set again, the text
  reflowed (another font size and margins), 10 %, 20 % and 30 % of the words changed (with a new
  title), and for `scans` originals a scan of the born-digital essay, read by Tesseract;
- course certificates of distinct teachers on one template, and planted reuses of the first third:
  the same file, a scan, a phone photo, and a re-typed certificate with another holder's name but
  the same number.

Every document goes through the real readers (`extractors.reading.read_document`) and the real index
in a fresh storage folder, in submission order: the distinct essays and certificates first, then the
copies. A copy is found when the index names its original; a false flag is any other match.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from extractors.reading import read_document
from models.base import Kind
from models.extraction import DocumentReading
from models.settings import Settings
from sample_set.page import Doc, Text
from sample_set.people import Lang
from sample_set.render_pdf import Style, render_pdf
from sample_set.render_scan import ScanSettings, scan
from sample_set.same_prompt import distinct_essay, reworded
from sample_set.shared_certificates import certificate_pdf
from storage.cross_entries import build_entry, essay_text
from storage.cross_index import cross_check, forget_open_indexes
from storage.objects import open_storage
from validators.duplicate_essays import THRESHOLD
from validators.shingles import essay_shingles, jaccard

NOW = datetime(2026, 10, 5, 21, 0, tzinfo=UTC)
ESSAY_STYLE = Style(family="DejaVuSerif", size=12.0, margin_mm=20.0)
REFLOW_STYLE = Style(family="DejaVuSans", size=10.5, margin_mm=28.0, leading=1.5)


@dataclass(frozen=True)
class Planted:
    submission_id: str
    original: str  # the submission it copies; "" for a distinct one
    variant: str
    kind: Kind
    data: bytes
    file: str


@dataclass
class Tally:
    found: Counter[str] = field(default_factory=Counter)
    planted: Counter[str] = field(default_factory=Counter)
    false_flags: list[str] = field(default_factory=list)
    distinct: int = 0
    similarity: dict[str, list[float]] = field(default_factory=dict)


def essay_pdf(title: str, body: str, lang: Lang, style: Style) -> bytes:
    blocks = (Text(title, bold=True, align="center", scale=1.15), *(Text(p, align="justify") for p in body.split("\n")))
    return render_pdf(Doc("essay", lang, blocks), style, 7)


def planted_set(originals: int, scans: int, seed: int) -> tuple[list[Planted], list[tuple[str, str]]]:
    """The submissions in assessment order, and the distinct essays' texts (for their exact similarities)."""
    rng = random.Random(seed)
    first: list[Planted] = []
    copies: list[Planted] = []
    texts: list[tuple[str, str]] = []
    n = 0

    def sid() -> str:
        nonlocal n
        n += 1
        return f"2026-{n:06d}"

    for lang in ("kk", "ru"):
        for i in range(originals * 3):
            title, body = distinct_essay(rng, lang, rng.randint(255, 295), quote=i % 2 == 0)
            own = sid()
            texts.append((own, f"{title}\n{body}"))
            first.append(Planted(own, "", "distinct", "essay", essay_pdf(title, body, lang, ESSAY_STYLE), "esse.pdf"))
            if i >= originals:
                continue
            variants: list[tuple[str, bytes]] = [
                ("exact", essay_pdf(title, body, lang, ESSAY_STYLE)),
                ("reflowed", essay_pdf(title, body, lang, REFLOW_STYLE)),
            ]
            for share in (0.1, 0.2, 0.3):
                retitled = distinct_essay(rng, lang, 5)[0]
                variants.append(
                    (
                        f"changed_{round(share * 100)}",
                        essay_pdf(retitled, reworded(rng, lang, body, share), lang, ESSAY_STYLE),
                    )
                )
            if i < scans:
                scanned = scan(essay_pdf(title, body, lang, ESSAY_STYLE), ScanSettings(dpi=300, fmt="jpeg"), i)
                variants.append(("scanned", scanned))
            for variant, data in variants:
                file = "esse.jpg" if variant == "scanned" else "esse.pdf"
                copies.append(Planted(sid(), own, variant, "essay", data, file))
    for i in range(originals * 3):
        pdf, number = certificate_pdf(i)
        own = sid()
        first.append(Planted(own, "", "distinct", "course_certificate", pdf, "kurs.pdf"))
        if i >= originals:
            continue
        retyped, _ = certificate_pdf(10_000 + i, number=number)  # another holder's name, this number
        for variant, data, file in (
            ("same_file", pdf, "kurs.pdf"),
            ("scanned", scan(pdf, ScanSettings(dpi=200, fmt="jpeg"), i), "kurs.jpg"),
            ("photo", scan(pdf, ScanSettings(dpi=200, quality="photo", fmt="jpeg"), i), "kurs.jpg"),
            ("renamed_same_number", retyped, "kurs.pdf"),
        ):
            copies.append(Planted(sid(), own, variant, "course_certificate", data, file))
    rng.shuffle(copies)
    return first + copies, texts


def evaluate(originals: int, scans: int, seed: int) -> dict[str, object]:
    submissions, texts = planted_set(originals, scans, seed)
    settings = Settings()
    tally = Tally()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="attest-cross-") as folder:
        forget_open_indexes()
        storage = open_storage(Settings(storage=folder))
        for k, s in enumerate(submissions):
            extracted = read_document(s.file, s.data, settings)
            readings = (DocumentReading(file=s.file, declared_kind=s.kind, extracted=extracted),)
            entry = build_entry(
                s.submission_id, f"iin-{s.submission_id}", f"{s.submission_id}".ljust(64, "0"), readings
            )
            found = cross_check(storage, 2026, entry, essay_text(readings), NOW + timedelta(seconds=k))
            named = {m.submission_id for m in found.essays} | {m.other_submission_id for m in found.documents}
            key = f"{s.kind}:{s.variant}"
            if s.original:
                tally.planted[key] += 1
                tally.found[key] += s.original in named
                scores = [m.similarity for m in found.essays if m.submission_id == s.original]
                tally.similarity.setdefault(key, []).extend(scores)
            else:
                tally.distinct += 1
            related = {s.original} | {
                p.submission_id for p in submissions if p.original in (s.submission_id, s.original) and p.original
            }
            tally.false_flags += [f"{s.submission_id} ({key}) ~ {other}" for other in sorted(named - related)]
    shingles = [essay_shingles(t) for _, t in texts]
    distinct_max = max(jaccard(a, b) for a, b in itertools.combinations(shingles, 2))
    essays = [k for k in tally.planted if k.startswith("essay:")]
    certs = [k for k in tally.planted if k.startswith("course_certificate:")]
    return {
        "threshold": THRESHOLD,
        "seed": seed,
        "seconds": round(time.monotonic() - started, 1),
        "essay_detection_rate": round(sum(tally.found[k] for k in essays) / sum(tally.planted[k] for k in essays), 4),
        "certificate_detection_rate": round(
            sum(tally.found[k] for k in certs) / sum(tally.planted[k] for k in certs), 4
        ),
        "by_variant": {k: f"{tally.found[k]}/{tally.planted[k]}" for k in sorted(tally.planted)},
        "lowest_similarity_found": {k: round(min(v), 3) for k, v in sorted(tally.similarity.items()) if v},
        "distinct_submissions": tally.distinct,
        "distinct_essay_pairs": len(shingles) * (len(shingles) - 1) // 2,
        "highest_distinct_essay_similarity": round(distinct_max, 3),
        "false_flags": tally.false_flags,
        "false_flag_rate": round(len(tally.false_flags) / len(submissions), 4),
    }


def report(result: dict[str, object]) -> str:
    lines = [
        "# Cross-submission checks: planted copies found, distinct essays left alone",
        "",
        f"`python -m benchmarks.cross_checks` (seed {result['seed']}); essay threshold: Jaccard of two-word "
        f"shingles >= {result['threshold']}, boilerplate dropped; {result['seconds']} s.",
        "",
        f"- essay copies found: {float(result['essay_detection_rate']):.1%}",  # type: ignore[arg-type]
        f"- reused certificates found: {float(result['certificate_detection_rate']):.1%}",  # type: ignore[arg-type]
        f"- false flags: {len(result['false_flags'])} of {result['distinct_submissions']} distinct submissions "  # type: ignore[arg-type]
        f"and all copies ({float(result['false_flag_rate']):.2%}); the highest similarity of two distinct essays "  # type: ignore[arg-type]
        f"on one prompt: {result['highest_distinct_essay_similarity']} over {result['distinct_essay_pairs']} pairs",
        "",
        "| variant | found |",
        "|---|---|",
        *(f"| {k} | {v} |" for k, v in result["by_variant"].items()),  # type: ignore[attr-defined]
        "",
        "| variant | lowest similarity of a copy found |",
        "|---|---|",
        *(f"| {k} | {v} |" for k, v in result["lowest_similarity_found"].items()),  # type: ignore[attr-defined]
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results"))
    parser.add_argument("--originals", type=int, default=20)
    parser.add_argument("--scans", type=int, default=8)
    parser.add_argument("--seed", type=int, default=21)
    args = parser.parse_args(argv)
    result = evaluate(args.originals, args.scans, args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "cross_checks.json").write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    (args.out / "cross_checks.md").write_text(report(result))
    print(report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
