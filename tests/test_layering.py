"""The layout shows the design: data flows one way, and each package imports only what lies upstream of it."""

from __future__ import annotations

import ast
import subprocess
import sys

from tests.paths import PACKAGES, ROOT

# What each package may import of ours (itself always). Readers and checks are pure: no storage, no
# Prefect, no flows. The sample generator is imported by the demo command, the tests and the benchmarks; the
# field generator by the tests and the benchmarks only.
MAY_IMPORT: dict[str, set[str]] = {
    "models": set(),
    "extractors": {"models"},
    "validators": {"models", "extractors"},
    "storage": {"models", "validators"},
    "workers": {"models", "extractors", "validators", "storage", "notices", "runtime"},
    "notices": {"models", "validators"},
    "review_desk": {"models", "extractors", "validators", "storage", "notices"},
    "runtime": {"models"},
    "flows": {"models", "extractors", "validators", "storage", "workers", "notices", "runtime"},
    "command_line": {"models", "validators", "storage", "notices", "review_desk", "runtime", "flows", "sample_set"},
    "sample_set": {"models", "extractors", "validators"},
    "field_set": {"models", "sample_set"},  # sample_set.labels only (tests/field_set checks that)
}
# Only these may import Prefect: the flows, and the command line that starts them.
PREFECT_USERS = {"flows", "command_line"}


def imported(source: str) -> set[str]:
    """The top-level module names a source imports, at any depth (function-level imports load as surely,
    only later)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def imports_of(package: str) -> dict[str, set[str]]:
    """What each file of a package imports, by path."""
    return {
        str(path.relative_to(ROOT)): imported(path.read_text(encoding="utf-8"))
        for path in (ROOT / package).rglob("*.py")
    }


def test_the_table_covers_every_package() -> None:
    assert set(MAY_IMPORT) == set(PACKAGES)


def test_each_package_imports_only_what_lies_upstream() -> None:
    ours = set(PACKAGES) | {"tests", "benchmarks"}
    wrong = [
        f"{path} imports {name}"
        for package in PACKAGES
        for path, names in imports_of(package).items()
        for name in sorted(names & ours)
        if name != package and name not in MAY_IMPORT[package]
    ]
    assert not wrong, "\n".join(wrong)


def test_only_the_flows_and_the_command_line_import_prefect() -> None:
    wrong = [
        f"{path} imports prefect"
        for package in PACKAGES
        if package not in PREFECT_USERS
        for path, names in imports_of(package).items()
        if "prefect" in names
    ]
    assert not wrong, "\n".join(wrong)


def test_the_notices_and_the_desk_load_without_prefect() -> None:
    """Beyond our own imports: nothing they import brings Prefect in either."""
    code = (
        "import sys, notices, notices.maker, review_desk.app, review_desk.operator_decisions, storage.verdicts; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('prefect', 'flows', 'sample_set')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "[]"


def test_the_scan_sees_an_import_inside_a_function() -> None:
    assert imported("import os\ndef f():\n    from flows.nightly import run\n    import prefect.flows\n") == {
        "os",
        "flows",
        "prefect",
    }


def _singular(name: str) -> str:
    return name[:-1] if name.endswith("s") and not name.endswith("ss") else name


def near_twins(names: list[str]) -> list[tuple[str, str]]:
    """Pairs of names where one is the other plus a suffix (`kind`/`kinds`, `names`/`name_find`): a
    newcomer has to open both to tell them apart."""
    return [
        (a, b)
        for a in sorted(names)
        for b in sorted(names)
        if a < b
        and (_singular(a) == _singular(b) or b.startswith(_singular(a) + "_") or a.startswith(_singular(b) + "_"))
    ]


def test_the_twin_finder_sees_the_old_twins() -> None:
    assert near_twins(["names", "name_find", "kinds", "kind", "words"]) == [("kind", "kinds"), ("name_find", "names")]
    assert near_twins(["render_pdf", "render_scan", "consent", "console"]) == []


def test_no_two_modules_of_a_package_differ_by_a_suffix() -> None:
    twins = []
    for folder in [ROOT / p for p in PACKAGES] + [d for p in PACKAGES for d in (ROOT / p).rglob("*") if d.is_dir()]:
        if not (folder / "__init__.py").exists():
            continue
        names = [p.stem for p in folder.glob("*.py") if not p.stem.startswith("__")]
        names += [d.name for d in folder.iterdir() if (d / "__init__.py").exists()]
        twins += [f"{folder.relative_to(ROOT)}: {a} / {b}" for a, b in near_twins(names)]
    assert not twins, twins
