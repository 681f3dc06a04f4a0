"""Hostile pages made by code at test time, small on disk and costly to draw."""

from __future__ import annotations

import functools
import io
import struct
import zlib


def million_lines_pdf(lines: int = 1_000_000) -> bytes:
    """A one-page PDF (about 44 KB) whose compressed content stream draws the same line `lines` times."""
    stream = zlib.compress(b"0 0 m 500 700 l S\n" * lines, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


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
