"""Hostile pages made by code at test time, small on disk and costly to draw."""

from __future__ import annotations

import functools
import struct
import zlib

from tests.hostile.inputs import million_lines_pdf  # the same hostile page the pipeline is held to

__all__ = ["flat_png", "million_lines_pdf"]


@functools.cache  # a few seconds to compress 440 MB of pixels: once per test process
def flat_png(width: int, height: int, *, rgba: bool) -> bytes:
    """A PNG of one grey (or translucent grey) colour, written row by row: a few hundred KB for 10000 x 11000
    pixels, without the test holding the decoded picture."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    bands = 4 if rgba else 1
    compressor = zlib.compressobj(9)
    row = b"\x00" + b"\x80" * (width * bands)
    parts = [compressor.compress(row) for _ in range(height)]
    parts.append(compressor.flush())
    header = struct.pack(">IIBBBBB", width, height, 8, 6 if rgba else 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", b"".join(parts)) + chunk(b"IEND", b"")
