"""Where the tests' own data lives, found from this file: the project runs from any folder it is cloned into."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ODD_INPUTS = ROOT / "tests" / "data" / "odd-inputs"
CONTRACT = ROOT / "docs" / "contract"


def odd_input_files() -> list[Path]:
    """The odd-input files themselves, without the README that says where they come from."""
    return sorted(p for p in ODD_INPUTS.iterdir() if p.is_file() and p.name != "README.md")


# Our top-level packages, in the order the data flows through them (pyproject.toml lists the same).
PACKAGES = (
    "models",
    "extractors",
    "validators",
    "storage",
    "workers",
    "notices",
    "review_desk",
    "runtime",
    "command_line",
    "flows",
    "sample_set",
    "field_set",
)
