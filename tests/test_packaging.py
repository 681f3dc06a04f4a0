"""Our top-level packages have generic names: nothing installed may provide the same ones."""

from __future__ import annotations

import importlib.metadata
import json
import sys
import tomllib

import jsonschema

from tests.paths import CONTRACT, PACKAGES, ROOT


def test_no_installed_distribution_provides_our_packages() -> None:
    provided = importlib.metadata.packages_distributions()
    for name in (*PACKAGES, "tests", "benchmarks"):
        others = [d for d in provided.get(name, []) if d != "attest"]
        assert not others, f"{name} is also provided by {others}"


def test_no_module_in_flows_shadows_an_installed_one() -> None:
    """Prefect puts flows/ on sys.path: a module there named like a library would shadow it."""
    provided = importlib.metadata.packages_distributions()
    stdlib = sys.stdlib_module_names
    for path in (ROOT / "flows").iterdir():
        name = path.stem if path.suffix == ".py" else path.name
        if name.startswith("__") or not (path.suffix == ".py" or (path / "__init__.py").exists()):
            continue
        assert name not in provided, f"flows/{path.name} shadows the installed {provided[name]}"
        assert name not in stdlib, f"flows/{path.name} shadows the standard library"
        assert name not in {"utils", "tasks", "config", "settings"}, f"flows/{path.name}: too generic"


def test_every_folder_is_a_package() -> None:
    for top in (*PACKAGES, "tests"):
        for folder in [ROOT / top, *(p for p in (ROOT / top).rglob("*") if p.is_dir())]:
            if "__pycache__" in folder.parts or not any(folder.glob("*.py")):
                continue
            assert (folder / "__init__.py").exists(), f"{folder} is not a package"


def test_shipped_schemas_are_the_contracts() -> None:
    """The package ships the schemas of the contract kept in docs/contract, unchanged."""
    for name in ("manifest.schema.json", "verdict.schema.json"):
        ours = json.loads((ROOT / "models" / "schemas" / name).read_text())
        jsonschema.Draft202012Validator.check_schema(ours)
        assert ours == json.loads((CONTRACT / name).read_text()), f"models/schemas/{name} differs from docs/contract"


def test_pyproject_lists_every_package_of_ours() -> None:
    """Packaging, mypy and the import sorter name the same packages, and every one of them exists."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert project["tool"]["setuptools"]["packages"]["find"]["include"] == [f"{p}*" for p in PACKAGES]
    assert project["tool"]["mypy"]["packages"] == list(PACKAGES)
    assert project["tool"]["ruff"]["lint"]["isort"]["known-first-party"] == [*PACKAGES, "tests", "benchmarks"]
    for package in PACKAGES:
        assert (ROOT / package / "__init__.py").exists(), package
