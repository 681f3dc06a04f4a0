"""What the cross-submission index costs a night: 1,000 new submissions against a year of essays.

Run as `python -m benchmarks.cross_index_cost [--out DIR] [--sizes 10000,30000,100000] [--night 1000]`.

For each size the year's index is grown to that many essays (synthetic essays on the standard prompts,
`sample_set.same_prompt`, 500 a day; their log entries written straight to the folder, then folded into
a snapshot by the index's own code), then a new process's night is measured in this one: opening the
year (the snapshot and the last days' log), and `night` submissions recorded and compared one by one
(`storage.cross_index.cross_check`, the call the flow makes), each with an essay and a course
certificate. Memory is this process's resident set (VmRSS) before and after. The storage is a local
folder; on S3 each submission adds a listing of the last two days' log and one conditional PUT.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from models.extraction import DocumentReading, ExtractedDocument, PageText
from models.settings import Settings
from sample_set.same_prompt import distinct_essay, reworded
from storage.cross_entries import Entry, IndexedDocument, build_entry
from storage.cross_index import YearIndex, cross_check, fold, forget_open_indexes, open_year
from storage.objects import Storage, open_storage

YEAR = 2026
START = datetime(2026, 9, 1, 12, 0, tzinfo=UTC)
PER_DAY = 500


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def essay_reading(text: str) -> DocumentReading:
    page = PageText(number=1, text=text, source="text_layer", confidence=100.0)
    extracted = ExtractedDocument(
        file="esse.pdf", sha256=None, size=len(text), media_type="application/pdf", pages=(page,)
    )
    return DocumentReading(file="esse.pdf", declared_kind="essay", extracted=extracted)


def synthetic_entry(i: int) -> tuple[Entry, str]:
    """Essay `i` of the year, the same whenever it is made (a night copies some)."""
    rng = random.Random(f"essay:{i}")
    lang = "kk" if i % 2 else "ru"
    title, body = distinct_essay(rng, lang, rng.randint(255, 295))  # type: ignore[arg-type]
    text = f"{title}\n{body}"
    readings = (essay_reading(text),)
    entry = build_entry(f"2026-{i:07d}", f"iin{i}", f"{i:064d}", readings)
    certificate = IndexedDocument(file="kurs.pdf", kind="course_certificate", sha256=f"{i:064x}",
                                  number=f"{700000 + i}", numbers=(f"{700000 + i}",), page_hash=f"{rng.getrandbits(64):016x}")  # fmt: skip
    return entry.model_copy(update={"documents": (certificate,)}), text


def grow(folder: Path, index: YearIndex, start: int, stop: int) -> None:
    """Entries start..stop-1 written as the log would hold them (500 a day), and held in `index`."""
    for i in range(start, stop):
        entry, _ = synthetic_entry(i)
        day = (START + timedelta(days=i // PER_DAY)).date().isoformat()
        key = f"cross-index/{YEAR}/log/{day}/{day.replace('-', '')}T120000{i:07d}Z-{entry.submission_id}-x.json"
        path = folder / key
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(entry.model_dump_json().encode())
        index.add(key, entry)


def night(storage: Storage, size: int, count: int, rng: random.Random) -> dict[str, float]:
    forget_open_indexes()
    gc.collect()
    before = rss_mb()
    t0 = time.perf_counter()
    opened = open_year(storage, YEAR)
    open_s = time.perf_counter() - t0
    held = len(opened.rows)
    after_open = rss_mb()
    evening = START + timedelta(days=size // PER_DAY + 1)
    times: list[float] = []
    found = 0
    for k in range(count):
        i = 10_000_000 + size + k
        entry, text = synthetic_entry(i)
        if k % 10 == 0:  # one in ten copies an essay of the year, a few words changed
            source = rng.randrange(size)
            _, original = synthetic_entry(source)
            text = reworded(rng, "kk" if source % 2 else "ru", original, 0.1)
            entry = build_entry(entry.submission_id, f"iin{i}", entry.input_sha256, (essay_reading(text),))
        t = time.perf_counter()
        matches = cross_check(storage, YEAR, entry, text, evening + timedelta(seconds=k))
        times.append(time.perf_counter() - t)
        found += bool(matches.essays)
    return {
        "index_essays": held,
        "open_s": round(open_s, 2),
        "open_mb": round(after_open - before, 1),
        "per_submission_ms_mean": round(1000 * statistics.mean(times), 2),
        "per_submission_ms_p95": round(1000 * sorted(times)[int(0.95 * len(times))], 2),
        "night_s": round(sum(times), 1),
        "night_mb": round(rss_mb() - after_open, 1),
        "copies_flagged": found,
    }


def measure(sizes: list[int], count: int) -> list[dict[str, float]]:
    results = []
    with tempfile.TemporaryDirectory(prefix="attest-index-cost-") as name:
        folder = Path(name)
        storage = open_storage(Settings(storage=name))
        index = YearIndex(YEAR)
        grown = 0
        for size in sizes:
            t = time.perf_counter()
            grow(folder, index, grown, size)
            grown = size
            while not fold(storage, index):  # the last night's run folded too: take the next number
                pass
            snapshot = max((folder / f"cross-index/{YEAR}/snapshot").iterdir())
            row = night(storage, size, count, random.Random(size))
            row.update(
                {
                    "grow_s": round(time.perf_counter() - t, 1),
                    "snapshot_mb": round(snapshot.stat().st_size / 2**20, 1),
                    "load_average": round(os.getloadavg()[0], 1),  # the machine is shared: the night ran beside this
                    "cores": os.cpu_count() or 0,
                }
            )
            print(json.dumps(row), flush=True)
            results.append(row)
            # the night's own entries stay in the log, as they would; the next size grows from here
            forget_open_indexes()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results"))
    parser.add_argument("--sizes", default="10000,30000,100000")
    parser.add_argument("--night", type=int, default=1000)
    args = parser.parse_args(argv)
    results = measure([int(s) for s in args.sizes.split(",")], args.night)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "cross_index_cost.json").write_text(json.dumps(results, indent=2) + "\n")
    (args.out / "cross_index_cost.md").write_text(report(results, args.night))
    return 0


def report(results: list[dict[str, float]], count: int) -> str:
    rows = [
        f"| {r['index_essays']:,} | {r['open_s']} s, {r['open_mb']} MB | {r['per_submission_ms_mean']} ms "
        f"({r['per_submission_ms_p95']} ms p95) | {r['night_s']} s, +{r['night_mb']} MB | {r['snapshot_mb']} MB "
        f"| {int(r['copies_flagged'])}/{count // 10} | {r['load_average']} on {int(r['cores'])} cores |"
        for r in results
    ]
    return "\n".join(
        [
            f"# The cross-submission index: a night of {count:,} submissions against a year of essays",
            "",
            "`python -m benchmarks.cross_index_cost` (local folder; each submission with an essay and a course "
            "certificate; one in ten copies an essay of the year with 10 % of its words changed).",
            "",
            "| essays in the index | opening the year (once a process) | per submission | the night | snapshot "
            "| copies found | load average |",
            "|---|---|---|---|---|---|---|",
            *rows,
            "",
        ]
    )


if __name__ == "__main__":
    sys.exit(main())
