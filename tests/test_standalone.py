"""The project stands alone: no tracked file names a folder of one particular machine."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from tests.paths import ROOT

# Roots under which machines keep people's and projects' files. System locations (/usr, /etc, /opt, /dev, /proc,
# /sys, /tmp, /var/tmp, /bin, /lib) are the same on every machine and may be named.
MACHINE_ROOTS = ("home", "work", "workspace", "root", "Users", "mnt", "media", "srv", "data", "builds", "private")
# An absolute path: a slash not preceded by anything that makes it part of a URL, a relative path or a number.
ABSOLUTE = re.compile(r"(?<![\w.:/~$}\-])/(" + "|".join(MACHINE_ROOTS) + r")/[\w.\-]+")


def tracked_files() -> list[Path]:
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    return [ROOT / name for name in listed.decode().split("\0") if name]


def machine_paths(text: str, outside: str) -> list[str]:
    """The absolute paths in a text that name a machine's own folders, or the folder this clone sits in."""
    found = [m.group(0) for m in ABSOLUTE.finditer(text)]
    return found + [outside] * len(re.findall(r"(?<![\w.:/~$}\-])" + re.escape(outside), text))


def _path(*parts: str) -> str:
    """An absolute path built at run time, so that this file itself names none."""
    return "/" + "/".join(parts)


def test_the_finder_sees_machine_paths_and_passes_system_ones() -> None:
    outside = _path("srv", "ci", "checkout") + "/"
    odd = _path("work", "shared", "corpus", "odd-inputs")
    assert machine_paths(f'ODD = Path("{odd}")', outside) == [_path("work", "shared")]
    assert machine_paths(f"see {_path('home', 'alice', 'attest')}/README.md", outside) == [_path("home", "alice")]
    assert machine_paths(f"cd {outside}attest", outside) == [_path("srv", "ci"), outside]
    for fine in (
        "/usr/share/fonts/truetype/dejavu",
        "/tmp/x/y",
        "/proc/self/stat",
        "s3://bucket/home/x",
        "http://127.0.0.1:4200/api" + _path("work", "x"),
        "docs" + _path("work", "file"),
        "../shared/contract",
        "~" + _path("work", "x"),
    ):
        assert machine_paths(fine, outside) == [], fine


def test_no_tracked_file_names_a_path_of_one_machine() -> None:
    outside = str(ROOT.parent) + "/"
    offending = []
    for path in tracked_files():
        if not path.is_file():
            continue
        data = path.read_bytes()
        if b"\0" in data[:4096]:
            continue  # a binary file (an image, a PDF of the odd inputs): no paths to read
        text = data.decode("utf-8", errors="replace")
        for lineno, line in enumerate(text.splitlines(), 1):
            for hit in machine_paths(line, outside):
                offending.append(f"{path.relative_to(ROOT)}:{lineno}: {hit}")
    assert not offending, "tracked files name folders of one machine:\n" + "\n".join(offending)


def test_no_test_reads_beside_the_project() -> None:
    """Everything the tests need is inside the repository: none reaches into ../shared or any sibling folder."""
    reaching = re.compile(r"""parents\[\d\]\s*/\s*["']shared|\.\./shared|ROOT\.parent""")
    offending = [
        f"{path.relative_to(ROOT)}:{lineno}"
        for path in tracked_files()
        if path.suffix == ".py" and path.name != "test_standalone.py"
        for lineno, line in enumerate(path.read_text().splitlines(), 1)
        if reaching.search(line)
    ]
    assert not offending, f"tests read outside the repository: {offending}"
