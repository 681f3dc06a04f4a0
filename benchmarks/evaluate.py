"""Accuracy of the pipeline on the labelled evaluation set: how often its verdicts agree with the labels.

Run as `python -m benchmarks.evaluate [--out DIR] [--profile eval] [--seeds 2026,2027] [--strict]`.
`--profile field` measures on the independent field set (`field_set`), whose documents the readers
were not tuned on; its report adds tables per capture kind and per language, and the field accuracy
(`benchmarks.field_accuracy`): the names, IINs and dates printed on each document, found and right.
It writes the sample set of each seed under its own storage root, runs the nightly flow on it
in-process, and compares every verdict with its `SampleCase`. The metrics that matter most are
the legal ones (contract §3): a false refusal wrongs a teacher, a false acceptance lets through
what the standard forbids.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.field_accuracy import CAPTURE_KINDS, Pair, cached_readings, field_report
from models.extraction import DocumentReading
from models.verdict import Verdict
from runtime.prefect_environment import prefect_environment
from sample_set import Profile, SampleCase, build_sample_set

DEFAULT_SEED = 2026
_SCANNED = frozenset({"jpeg", "png", "tiff", "scan_pdf"})


@dataclass(frozen=True)
class Outcome:
    """One case: its label next to what the pipeline decided."""

    seed: int
    case: SampleCase
    verdict: Verdict | None
    readings: Mapping[str, DocumentReading] = field(default_factory=dict)  # by file, where the truth is known

    @property
    def expected(self) -> str:
        return self.case.expected_decision or "skipped"

    @property
    def actual(self) -> str:
        return self.verdict.decision if self.verdict else "skipped"

    @property
    def found(self) -> frozenset[tuple[str, str]]:
        """The (check, status) pairs of the fail and review findings."""
        if self.verdict is None:
            return frozenset()
        return frozenset((f.check, f.status) for f in self.verdict.findings if f.status != "pass")

    @property
    def checks_ok(self) -> bool:
        return self.case.expected_checks <= self.found

    @property
    def false_acceptance(self) -> bool:
        return self.actual == "accepted" and self.expected in ("refused", "needs_review")

    @property
    def false_refusal(self) -> bool:
        return self.actual == "refused" and self.expected in ("accepted", "needs_review")

    @property
    def wrong_grounds(self) -> bool:
        """A refusal that was due, given on other grounds than the label's."""
        return (
            self.actual == "refused"
            and self.expected == "refused"
            and self.verdict is not None
            and tuple(self.verdict.grounds) != tuple(self.case.expected_grounds)
        )

    @property
    def essay_rendering(self) -> str | None:
        """`scanned` or `digital` for the submitted essay, None when the case has no essay to count."""
        if self.case.essay_word_count is None:
            return None
        essay = next((d for d in self.case.documents if d.content_kind == "essay" and d.declared_kind == "essay"), None)
        if essay is None:
            return None
        return "scanned" if essay.rendering in _SCANNED else "digital"

    @property
    def essay_exact(self) -> bool:
        return self.verdict is not None and self.verdict.essay_word_count == self.case.essay_word_count


@dataclass
class Metrics:
    """The figures printed at the end and asserted by the evaluation test."""

    cases: int = 0
    exact: int = 0
    checks_ok: int = 0
    false_acceptances: list[str] = field(default_factory=list)
    false_refusals: list[str] = field(default_factory=list)
    refusals: int = 0
    wrong_grounds: list[str] = field(default_factory=list)
    essays: dict[str, list[int]] = field(default_factory=lambda: {"digital": [0, 0], "scanned": [0, 0]})
    ocr_pages: int = 0
    text_pages: int = 0
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def accuracy(self) -> float:
        return self.exact / self.cases if self.cases else 1.0

    def essay_rate(self, rendering: str) -> float:
        right, total = self.essays[rendering]
        return right / total if total else 1.0


def score(outcomes: Iterable[Outcome]) -> Metrics:
    """Count what matters over every case (skipped folders included: skipping is a decision too)."""
    m = Metrics()
    for o in outcomes:
        tag = f"{o.seed}/{o.case.submission_id}"
        m.cases += 1
        m.exact += o.actual == o.expected
        m.checks_ok += o.checks_ok
        if o.false_acceptance:
            m.false_acceptances.append(tag)
        if o.false_refusal:
            m.false_refusals.append(tag)
        if o.actual == "refused":
            m.refusals += 1
        if o.wrong_grounds:
            m.wrong_grounds.append(tag)
        rendering = o.essay_rendering
        if rendering is not None:
            m.essays[rendering][0] += o.essay_exact
            m.essays[rendering][1] += 1
    return m


def read_verdict(root: Path, submission_id: str) -> Verdict | None:
    path = root / "verdicts" / f"{submission_id}.json"
    if not path.is_file():
        return None
    return Verdict.model_validate_json(path.read_bytes())


@dataclass(frozen=True)
class SeedRun:
    seed: int
    outcomes: tuple[Outcome, ...]
    ocr_pages: int
    text_pages: int
    failures: tuple[str, ...]
    seconds: float


def run_seed(
    root: Path,
    *,
    seed: int,
    profile: Profile = "eval",
    now: datetime | None = None,
    full_page_scans: bool = False,
    keep: Callable[[SampleCase], bool] | None = None,
    field_cases: int | None = None,
) -> SeedRun:
    """Write one seed's set under `root`, run the nightly flow on it, and pair verdicts with labels.

    `keep` narrows the set, e.g. to fewer scans when time is short; the dropped folders are
    removed before the run so they are neither read nor scored.
    """
    from flows.nightly import Selection, run_in_flow
    from models.settings import Settings

    started = time.monotonic()
    if profile == "field":
        from field_set import build_field_set

        cases = build_field_set(root, seed=seed, now=now or datetime.now(UTC), cases=field_cases)
    else:
        cases = build_sample_set(
            root, profile=profile, seed=seed, now=now or datetime.now(UTC), full_page_scans=full_page_scans
        )
    if keep is not None:
        for case in cases:
            if not keep(case):
                shutil.rmtree(root / "submissions" / case.folder)
        cases = tuple(c for c in cases if keep(c))
    settings = Settings(storage=str(root), notices=False)  # verdicts judged, not notices
    report = run_in_flow(settings, Selection())
    _drain_prefect()
    outcomes = []
    for c in cases:
        verdict = read_verdict(root, c.submission_id) if c.expected_decision is not None else None
        truth = any(d.holder_names or d.iin or d.dates for d in c.documents)
        readings = cached_readings(settings, verdict) if verdict is not None and truth else {}
        outcomes.append(Outcome(seed, c, verdict, readings))
    return SeedRun(
        seed=seed,
        outcomes=tuple(outcomes),
        ocr_pages=report.ocr_pages,
        text_pages=report.text_pages,
        failures=tuple(report.failures),
        seconds=time.monotonic() - started,
    )


def _drain_prefect() -> None:
    """Send the run's queued logs and events now, while the API is up: a drain at interpreter exit
    against a server already stopped (the tests' session server) retries for a minute or more."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    APILogWorker.drain_all(timeout=30)
    EventsWorker.drain_all(timeout=30)


def combine(runs: Sequence[SeedRun]) -> Metrics:
    m = score(o for r in runs for o in r.outcomes)
    m.ocr_pages = sum(r.ocr_pages for r in runs)
    m.text_pages = sum(r.text_pages for r in runs)
    m.failures = [f"{r.seed}/{f}" for r in runs for f in r.failures]
    m.seconds = sum(r.seconds for r in runs)
    return m


def _row(o: Outcome) -> str:
    mark = "" if o.actual == o.expected and o.checks_ok else "  <-- differs"
    if o.false_refusal:
        mark = "  <-- FALSE REFUSAL"
    elif o.false_acceptance:
        mark = "  <-- FALSE ACCEPTANCE"
    elif o.wrong_grounds:
        mark = "  <-- wrong grounds"
    want = ",".join(f"{c}:{s}" for c, s in sorted(o.case.expected_checks)) or "-"
    got = ",".join(f"{c}:{s}" for c, s in sorted(o.found)) or "-"
    essay = ""
    if o.essay_rendering is not None:
        counted = o.verdict.essay_word_count if o.verdict else None
        essay = f" essay {o.case.essay_word_count}/{counted}" + ("" if o.essay_exact else "!")
    return (
        f"{o.seed:<5} {o.case.submission_id:<12} {o.expected:<13} {o.actual:<13} "
        f"want [{want}] got [{got}]{essay}  — {o.case.title}{mark}"
    )


def report(runs: Sequence[SeedRun], m: Metrics, out: Iterable[str] | None = None) -> str:
    """The per-case table and the metrics, as text."""
    lines = [f"{'seed':<5} {'submission':<12} {'expected':<13} {'decision':<13} checks (expected / found)"]
    lines += [_row(o) for r in runs for o in r.outcomes]
    digital, scanned = m.essays["digital"], m.essays["scanned"]
    lines += [
        "",
        f"seeds: {', '.join(str(r.seed) for r in runs)}; {m.cases} cases in {m.seconds:.1f} s",
        f"decision accuracy:        {m.exact}/{m.cases} = {m.accuracy:.1%}",
        f"expected checks found:    {m.checks_ok}/{m.cases}",
        f"false acceptances:        {len(m.false_acceptances)} {' '.join(m.false_acceptances)}".rstrip(),
        f"false refusals:           {len(m.false_refusals)} {' '.join(m.false_refusals)}".rstrip(),
        f"refusals, wrong grounds:  {len(m.wrong_grounds)} of {m.refusals} {' '.join(m.wrong_grounds)}".rstrip(),
        f"essay count exact:        born-digital {digital[0]}/{digital[1]}, scanned {scanned[0]}/{scanned[1]}",
        f"pages read:               {m.ocr_pages} by OCR, {m.text_pages} from the text layer",
    ]
    if m.failures:
        lines.append(f"run failures:             {', '.join(m.failures)}")
    return "\n".join([*(out or ()), *lines])


@dataclass
class Group:
    """One row of a breakdown table."""

    cases: int = 0
    exact: int = 0
    false_acceptances: int = 0
    false_refusals: int = 0
    clean: int = 0
    clean_accepted: int = 0


def breakdown(outcomes: Iterable[Outcome], key: Callable[[Outcome], Iterable[str]]) -> dict[str, Group]:
    """Cases, exact decisions, legal errors and clean cases accepted straight through, per group."""
    groups: dict[str, Group] = {}
    for o in outcomes:
        for name in key(o):
            g = groups.setdefault(name, Group())
            g.cases += 1
            g.exact += o.actual == o.expected
            g.false_acceptances += o.false_acceptance
            g.false_refusals += o.false_refusal
            if o.expected == "accepted":
                g.clean += 1
                g.clean_accepted += o.actual == "accepted"
    return groups


def capture_kind(o: Outcome) -> list[str]:
    return [t for t in CAPTURE_KINDS if t in o.case.tags] or ["untagged"]


def language(o: Outcome) -> list[str]:
    return ["+".join(sorted(o.case.languages)) or "none"]


def breakdown_table(title: str, groups: dict[str, Group], order: Sequence[str] = ()) -> list[str]:
    names = [n for n in order if n in groups] + sorted(n for n in groups if n not in order)
    lines = [
        f"| {title} | cases | exact decisions | false acceptances | false refusals | clean accepted |",
        "|---|---|---|---|---|---|",
    ]
    for n in names:
        g = groups[n]
        rate = f"{g.exact / g.cases:.0%}" if g.cases else "-"
        clean = f"{g.clean_accepted}/{g.clean}" if g.clean else "-"
        lines.append(f"| {n} | {g.cases} | {g.exact} ({rate}) | {g.false_acceptances} | {g.false_refusals} | {clean} |")
    return lines


def breakdowns(runs: Sequence[SeedRun]) -> list[str]:
    """The per-capture-kind and per-language tables (markdown), then the field accuracy."""
    outcomes = [o for r in runs for o in r.outcomes]
    read = [(o, d) for o in outcomes if o.verdict for d in o.case.documents]
    pairs: list[Pair] = [(o.case, d, o.readings.get(d.file)) for o, d in read]
    seeds = [o.seed for o, _ in read] if len({r.seed for r in runs}) > 1 else None
    return [
        "",
        *breakdown_table("capture", breakdown(outcomes, capture_kind), CAPTURE_KINDS),
        "",
        *breakdown_table("language", breakdown(outcomes, language), ("kk", "ru")),
        *field_report(pairs, seeds),
    ]


def _seeds(args: argparse.Namespace) -> list[int]:
    if args.seeds:
        return [int(s) for s in args.seeds.split(",") if s.strip()]
    return [args.seed]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.evaluate", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="where to write the sets (default: a temporary folder, removed)")
    parser.add_argument("--profile", default="eval", choices=("eval", "test", "demo", "field"))
    parser.add_argument("--cases", type=int, help="field profile only: cases per seed (default 32)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--seeds", help="comma-separated seeds, each a set of its own (overrides --seed)")
    parser.add_argument("--full-page-scans", action="store_true", help="A4 scans at 300 dpi (slower)")
    parser.add_argument("--strict", action="store_true", help="exit 1 on any false acceptance or refusal")
    args = parser.parse_args(argv)
    prefect_environment()  # before the flow imports Prefect: a run with no PREFECT_API_URL as `attest run` has it

    temporary = args.out is None
    base = Path(tempfile.mkdtemp(prefix="attest-eval-")) if temporary else args.out
    runs: list[SeedRun] = []
    try:
        for seed in _seeds(args):
            root = base / f"{args.profile}-{seed}"
            if root.exists() and any(root.iterdir()):
                print(f"{root} is not empty; remove it or give another --out", file=sys.stderr)
                return 2
            runs.append(
                run_seed(
                    root, seed=seed, profile=args.profile, full_page_scans=args.full_page_scans, field_cases=args.cases
                )
            )
    finally:
        if temporary:
            shutil.rmtree(base, ignore_errors=True)
    metrics = combine(runs)
    text = report(runs, metrics)
    if args.profile == "field":
        text += "\n" + "\n".join(breakdowns(runs))
    print(text)
    if metrics.failures:
        return 1
    if args.strict and (metrics.false_acceptances or metrics.false_refusals):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
