"""Imported by the fork server the reading workers are forked from (`workers.pool`), and by nothing else:
what the readers build on their first use is built here once, before any worker is forked, so that
every worker starts with it and shares its pages.

Building it in each worker cost each about 0.6 s of CPU before its first file (the essay tokenizer,
the digits-only Tesseract engine, Pillow's file formats, the `tesseract` command's version). A failure
here (no Tesseract installed) is left to the workers, whose readings report it as the defect it is:
the fork server itself must come up.
"""

import contextlib

from workers.bounded import warm_readers

with contextlib.suppress(Exception):
    warm_readers()
