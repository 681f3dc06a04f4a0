"""The render worker: one page, one process, `python -m review_desk.render_worker`.

Standard input: one JSON line (page, crop, marks, OCR languages, memory limit), then the file's bytes.
Standard output: one JSON line (`ok`, page count, boxes marked, peak memory; or the reason the page
cannot be shown), then the PNG. The process limits its own address space before it reads a byte, so
a page that would take gigabytes fails here with MemoryError, not in the desk; the desk stops it at
its time limit (its whole process group, Tesseract included). Warnings (Pillow's about damaged or
huge images) are silenced: they would only reach the desk's log through this process's stderr.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import warnings


def _limit_memory(limit_bytes: int) -> None:
    if limit_bytes > 0:
        resource.setrlimit(resource.RLIMIT_AS, (limit_bytes, limit_bytes))


def main() -> int:
    warnings.simplefilter("ignore")
    os.environ["OMP_THREAD_LIMIT"] = "1"
    header = json.loads(sys.stdin.buffer.readline())
    _limit_memory(int(header.get("memory_bytes", 0)))
    from review_desk.page_render import PageUnavailable, render_page  # after the limit: it counts too

    data = sys.stdin.buffer.read()
    crop = header.get("crop")
    out = sys.stdout.buffer
    try:
        page = render_page(
            data,
            int(header["page"]),
            tuple(crop) if crop else None,
            tuple(str(m) for m in header.get("marks", ())),
            str(header.get("lang", "kaz+rus+eng")),
        )
    except PageUnavailable as exc:
        out.write(json.dumps({"ok": False, "reason": str(exc)}).encode() + b"\n")
        return 0
    except MemoryError:
        out.write(json.dumps({"ok": False, "reason": "the page needs more memory than a page may take"}).encode())
        out.write(b"\n")
        return 0
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    out.write(json.dumps({"ok": True, "pages": page.pages, "marked": page.marked, "peak_kb": peak_kb}).encode())
    out.write(b"\n" + page.png)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
