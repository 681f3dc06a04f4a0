"""Scale benchmark: a night's cost and the flow's memory against the number of submissions in storage.

Run: `.venv/bin/python -m benchmarks.scale [--sizes 1000,10000,50000] [--s3 10000] [--compare 1000]
[--out benchmarks/results]`.

N synthetic submissions are copies of a few sample-set submissions (born-digital, clean), each under
its own id with its own applicant IIN (one in a hundred repeats the previous applicant's, so that
repeat detection has work), their files hard-linked and their readings already in the cache (the
templates are read once and their `cache/` copied), so the figures are the pipeline's own cost, not
OCR. Each night runs as `attest run` does (`command_line.commands.run_batch`, a temporary Prefect
server for a night with work, none for an idle one) in a fresh process with a signing key, which
reports its wall time, its own CPU (`work`) and its peak resident memory (ru_maxrss). Per size: the
first night (every submission new), then an idle night (nothing new). `--compare N` runs the first
night of N with 1 and with 2 workers (with `--dask`, on a local multi-process Dask cluster of 1 and 2
worker processes). `--s3 N`: the same on moto's S3 server on loopback.

Figures are reported, never asserted; the machine's load at each start is recorded beside them.
This file is an edge script: it sets environment variables and shells out on purpose.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

NOW = datetime(2026, 9, 20, 12, 0, tzinfo=UTC)
SEED = 4242
TEMPLATES = 4
REPEAT_EVERY = 100
PASSWORD = "bench"


def build_templates(work: Path) -> Path:
    """A storage root with a few clean born-digital submissions, read once: their `cache/` is filled."""
    from benchmarks.throughput import _plans
    from sample_set.builder import build_case

    root = work / "templates"
    (root / "submissions").mkdir(parents=True)
    _, born = _plans()
    for i, plan in enumerate(born[:TEMPLATES]):
        stage = work / f"stage{i}"
        case = build_case(plan, stage, profile="eval", seed=SEED, now=NOW, times={}, used=set(), full_page_scans=False)
        folder = root / "submissions" / f"template-{i}"
        shutil.copytree(stage / "submissions" / case.folder, folder)
        shutil.rmtree(stage)
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        manifest["submission_id"] = folder.name
        (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    attest = Path(sys.executable).with_name("attest")
    subprocess.run([str(attest), "run", "--storage", str(root), "--no-notices"], check=True, capture_output=True)
    return root


def populate(root: Path, templates: Path, n: int) -> None:
    """`n` submissions under root, copies of the templates with their own ids and IINs; the cache copied."""
    from sample_set.people import make_iin

    rng = random.Random(SEED)
    shutil.copytree(templates / "cache", root / "cache")
    sources = sorted((templates / "submissions").iterdir())
    manifests = [json.loads((s / "manifest.json").read_text(encoding="utf-8")) for s in sources]
    iin = ""
    for i in range(n):
        k = i % len(sources)
        sid = f"scale-{i:06d}"
        folder = root / "submissions" / sid
        folder.mkdir(parents=True)
        for f in sources[k].iterdir():
            if f.name != "manifest.json":
                os.link(f, folder / f.name)
        if i % REPEAT_EVERY != 1 or not iin:
            birth = date(1970, 1, 1) + timedelta(days=rng.randrange(12000))
            iin = make_iin(rng, birth, female=bool(rng.randrange(2)))
        manifest = dict(manifests[k], submission_id=sid, submitted_at=(NOW - timedelta(seconds=n - i)).isoformat())
        manifest["applicant"] = dict(manifest["applicant"], iin=iin)
        (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")


def upload(local: Path, client: Any, bucket: str) -> None:
    """Every file of a local root into the bucket, 8 at a time."""
    files = [p for p in local.rglob("*") if p.is_file()]

    def put(p: Path) -> None:
        client.fput_object(bucket, p.relative_to(local).as_posix(), str(p))

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(put, files))


def night(storage: str, env: dict[str, str], workers: int) -> dict[str, Any]:
    """One `attest run` in a fresh process: its wall, its own CPU and peak memory, and what it did."""
    with tempfile.NamedTemporaryFile("w+", suffix=".json", delete=False) as fh:
        out = Path(fh.name)
    load = [round(x, 2) for x in os.getloadavg()]
    child_env = dict(os.environ, **env, ATTEST_WORKERS=str(workers), OMP_THREAD_LIMIT="1")
    child_env.pop("PREFECT_API_URL", None)
    cmd = [sys.executable, "-m", "benchmarks.scale", "--child", storage, str(out)]
    subprocess.run(cmd, env=child_env, check=True, cwd=Path(__file__).resolve().parent.parent)
    try:
        result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    finally:
        out.unlink(missing_ok=True)
    notices = "off" if env.get("ATTEST_NOTICES") == "off" else "signed"
    return result | {"workers": workers, "notices": notices, "load_average_at_start": load}


def _child(storage: str, out: Path) -> None:
    """In the fresh process: the night as the command line runs it, planning timed apart."""
    from runtime.prefect_environment import prefect_environment

    prefect_environment()
    import command_line.commands as commands
    from models.settings import load_settings

    planning: list[float] = []
    plan_run = commands.plan_run

    def timed_plan(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return plan_run(*args, **kwargs)
        finally:
            planning.append(time.perf_counter() - started)

    commands.plan_run = timed_plan  # type: ignore[assignment]
    import flows.nightly as nightly
    from benchmarks.throughput import split_workers_at_close

    workers = split_workers_at_close(nightly)
    settings = load_settings(None).model_copy(update={"storage": storage})
    # The summary and progress lines: the run report says it all.
    sys.stdout = sys.stderr = open(os.devnull, "w")  # noqa: SIM115
    started, cpu0 = time.perf_counter(), time.process_time()
    commands.run_batch(settings, "nightly")
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu0
    runs = sorted(commands.open_storage(settings).children("runs/"))
    report = json.loads(commands.open_storage(settings).read(f"runs/{runs[-1]}"))
    result = {
        "wall_s": round(wall, 2),
        "work_cpu_s": round(cpu, 2),
        "workers_cpu_s": round(workers.get("worker_own", 0.0) + workers.get("file_children", 0.0), 2),
        "plan_s": round(planning[0], 2),
        "execute_s": report["seconds"],
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "verdicts": report["verdicts_written"],
        "unchanged": report["unchanged"],
        "failures": len(report["failures"]),
        "by_decision": report["by_decision"],
        "notices_made": report["notices_made"],
    }
    out.write_text(json.dumps(result), encoding="utf-8")


def per_submission_ms(first: dict[str, Any], n: int) -> float:
    """The first night's cost per submission: planning and the flow's body, Prefect's start-up apart."""
    return round(1000 * (first["plan_s"] + first["execute_s"]) / n, 1)


def cpu_per_submission_ms(first: dict[str, Any], n: int) -> float:
    """The CPU one submission costs, the flow's and the workers' together: what a loaded machine does
    not change (its wall does)."""
    return round(1000 * (first["work_cpu_s"] + first["workers_cpu_s"]) / n, 1)


def _cluster_cpu(cluster: Any) -> float:
    """CPU seconds so far of a local Dask cluster's worker processes, with their children (the reading
    children, live or reaped): the night's process does not see them."""
    import psutil

    total = 0.0
    for worker in cluster.workers.values():
        try:
            process = psutil.Process(worker.process.pid)
            times = process.cpu_times()
            total += times.user + times.system + times.children_user + times.children_system
            for child in process.children(recursive=True):
                with_children = child.cpu_times()
                total += with_children.user + with_children.system
        except (psutil.Error, AttributeError):
            continue
    return total


def measure_on_dask(storage: str, env: dict[str, str], n: int, workers: int) -> dict[str, Any]:
    """`measure` with the night's reading and settling on a local multi-process Dask cluster of
    `workers` processes of one thread each (`ATTEST_DASK_ADDRESS`), the cluster's CPU read from /proc."""
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None, env={"OMP_THREAD_LIMIT": "1"}
    ) as cluster:
        before = _cluster_cpu(cluster)
        result = measure(storage, env | {"ATTEST_DASK_ADDRESS": cluster.scheduler_address}, n, workers, idle=False)
        result["first"]["workers_cpu_s"] = round(_cluster_cpu(cluster) - before, 2)
    result["cpu_per_submission_ms"] = cpu_per_submission_ms(result["first"], n)
    return result


def measure(storage: str, env: dict[str, str], n: int, workers: int, *, idle: bool = True) -> dict[str, Any]:
    print(f"  {storage}: {n} submissions, first night ({workers} workers) ...", flush=True)
    first = night(storage, env, workers)
    print(f"    {first}", flush=True)
    idle_night = night(storage, env, workers) if idle else None
    print(f"    idle: {idle_night}", flush=True)
    return {
        "n": n,
        "first": first,
        "idle": idle_night,
        "per_submission_ms": per_submission_ms(first, n),
        "cpu_per_submission_ms": cpu_per_submission_ms(first, n),
    }


def markdown(results: dict[str, Any]) -> str:
    rows = [
        "| storage | submissions | notices | workers | first night (plan + execute) | per submission (wall) "
        "| per submission (CPU, flow + workers) | first-night peak MB | idle night wall | idle night work (CPU) "
        "| idle peak MB | load at start |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results["runs"]:
        f, i = (
            r["first"],
            r["idle"] or {"wall_s": "-", "work_cpu_s": "-", "peak_mb": "-", "load_average_at_start": ["-"]},
        )
        rows.append(
            f"| {r['where']} | {r['n']:,} | {f['notices']} | {f['workers']} | {f['plan_s'] + f['execute_s']:.1f} s | "
            f"{r['per_submission_ms']} ms | {r['cpu_per_submission_ms']} ms | {f['peak_mb']} | {i['wall_s']} s | {i['work_cpu_s']} s | {i['peak_mb']} | "
            f"{f['load_average_at_start'][0]} / {i['load_average_at_start'][0]} |"
        )
    local = sorted(
        (
            r
            for r in results["runs"]
            if r["where"] == "local" and r["first"]["workers"] == 2 and r["first"]["notices"] == "off"
        ),
        key=lambda r: r["n"],
    )
    growth = ""
    if len(local) >= 2:
        a, b = local[0], local[-1]
        per_k = (b["first"]["peak_mb"] - a["first"]["peak_mb"]) / ((b["n"] - a["n"]) / 1000)
        growth = (
            f"\nPeak memory growth of the first night, {a['n']:,} to {b['n']:,}: {per_k:+.2f} MB per 1,000 "
            f"submissions ({b['first']['peak_mb'] / a['first']['peak_mb']:.2f}x).\n"
        )
    return (
        f"# Scale benchmark\n\n{results['machine']}\n\nSubmissions: copies of {TEMPLATES} clean born-digital sample "
        f"submissions, readings cached; one in {REPEAT_EVERY} repeats the previous applicant. Notices, where "
        "signed, with a self-signed RSA-2048 key. Per submission (CPU): the flow's and the workers' CPU of the "
        "first night over the submissions, which a loaded machine does not change. Load: the 1-minute load average at the start of each night "
        "(first / idle).\n\n" + "\n".join(rows) + "\n" + growth
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="benchmarks.scale")
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--s3", type=int, default=0, help="also N submissions on moto's S3 server")
    parser.add_argument("--compare", type=int, default=0, help="N submissions with 1 and 2 workers")
    parser.add_argument("--dask", action="store_true", help="--compare on a local multi-process Dask cluster")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-notices", action="store_true", help="notices off (the pipeline's own cost without them)")
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results"))
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(args.child[0], Path(args.child[1]))
        return 0
    from notices import make_self_signed_p12

    results: dict[str, Any] = {"machine": f"{os.cpu_count()} cores, load {os.getloadavg()}", "runs": []}
    with tempfile.TemporaryDirectory(prefix="attest-scale-") as tmp:
        work = Path(tmp)
        key = work / "provider.p12"
        make_self_signed_p12(key, common_name="Scale benchmark", organization="attest", password=PASSWORD.encode())
        env = {"ATTEST_NOTICE_PKCS12": str(key), "ATTEST_NOTICE_PKCS12_PASSWORD": PASSWORD}
        if args.no_notices:
            env["ATTEST_NOTICES"] = "off"
        templates = build_templates(work)
        plan = [(n, w, args.dask) for n in ([args.compare] if args.compare else []) for w in (1, 2)]
        plan += [(int(s), args.workers, False) for s in args.sizes.split(",") if s]
        for n, workers, on_dask in plan:
            root = work / f"local-{n}-{workers}"
            populate(root, templates, n)
            if on_dask:
                results["runs"].append({"where": "local, Dask cluster"} | measure_on_dask(str(root), env, n, workers))
            else:
                results["runs"].append({"where": "local"} | measure(str(root), env, n, workers))
            shutil.rmtree(root)
            _write(args.out, results)
        if args.s3:
            results["runs"].append({"where": "s3 (moto)"} | _s3(work, templates, args.s3, env, args.workers))
            _write(args.out, results)
    print(markdown(results))
    return 0


def _s3(work: Path, templates: Path, n: int, env: dict[str, str], workers: int) -> dict[str, Any]:
    from tests.s3_server import REGION, start_moto_server

    server = start_moto_server()
    try:
        bucket = server.make_bucket()
        local = work / "s3-staging"
        populate(local, templates, n)
        upload(local, server.client(), bucket)
        shutil.rmtree(local)
        s3_env = env | {
            "ATTEST_S3_ENDPOINT": server.endpoint,
            "ATTEST_S3_ACCESS_KEY": server.access_key,
            "ATTEST_S3_SECRET_KEY": server.secret_key,
            "ATTEST_S3_SECURE": "false",
            "ATTEST_S3_REGION": REGION,
        }
        return measure(f"s3://{bucket}", s3_env, n, workers)
    finally:
        server.stop()


def _write(out: Path, results: dict[str, Any]) -> None:
    """Results of earlier invocations into the same folder are kept: each size is run once, late."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / "scale.json"
    earlier = json.loads(path.read_text(encoding="utf-8"))["runs"] if path.exists() else []
    key = [(r["where"], r["n"], r["first"]["workers"], r["first"]["notices"]) for r in results["runs"]]
    kept = [r for r in earlier if (r["where"], r["n"], r["first"]["workers"], r["first"].get("notices")) not in key]
    merged = results | {"runs": kept + results["runs"]}
    path.write_text(json.dumps(merged, indent=2), encoding="utf-8")
    (out / "scale.md").write_text(markdown(merged), encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
