"""How a paper document reaches the portal: a flatbed scan, a scan fed turned, or a phone photo.

The born-digital PDF is rendered with pypdfium2 and then spoiled the way each device spoils it:
a scanner adds a slight skew, grey paper and noise at 300 dpi; a turned scan is the same page
fed 90 or 180 degrees; a phone photo tilts the page in perspective, lets light fall off to one
side and saves a JPEG, sometimes stored sideways with an EXIF orientation tag.
"""

from __future__ import annotations

import io
import random
import time
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter

Capture = Literal["born_digital", "scan", "turned_scan", "photo"]
CAPTURES: tuple[Capture, ...] = ("born_digital", "scan", "turned_scan", "photo")


@dataclass(frozen=True)
class Captured:
    data: bytes
    extension: str
    rendering: Literal["pdf", "jpeg", "png", "tiff", "scan_pdf"]
    quality: Literal["scanner", "photo", "poor"] | None


def _pages(pdf: bytes, dpi: int) -> list[Image.Image]:
    doc = pdfium.PdfDocument(pdf)
    try:
        return [doc[i].render(scale=dpi / 72).to_pil().convert("L") for i in range(len(doc))]
    finally:
        doc.close()


def _noise(rng: random.Random, img: Image.Image, sigma: float) -> Image.Image:
    gen = np.random.default_rng(rng.randrange(2**32))
    arr = np.asarray(img, dtype=np.float32)
    arr = arr * rng.uniform(0.90, 0.96) + rng.uniform(6, 14)  # grey paper, toner not quite black
    arr += gen.normal(0, sigma, arr.shape).astype(np.float32)
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))


def _scanned(rng: random.Random, page: Image.Image) -> Image.Image:
    skewed = page.rotate(rng.uniform(-1.4, 1.4), resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    return _noise(rng, skewed, 5.0)


def _photo(rng: random.Random, page: Image.Image, poor: bool) -> Image.Image:
    """Perspective tilt on a desk, light falling off towards one side, a little blur."""
    w, h = page.size
    desk = Image.new("L", (int(w * 1.12), int(h * 1.1)), rng.randint(70, 110))
    desk.paste(page, ((desk.width - w) // 2, (desk.height - h) // 2))
    dw, dh = desk.size
    tilt = 0.05 if not poor else 0.09
    jitter = [rng.uniform(0, tilt) for _ in range(4)]
    quad = (  # source corners: upper left, lower left, lower right, upper right
        dw * jitter[0], dh * jitter[1] * 0.5,
        dw * jitter[3] * 0.6, dh * (1 - jitter[0] * 0.3),
        dw, dh,
        dw * (1 - jitter[2] * 0.4), 0,
    )  # fmt: skip
    warped = desk.transform(desk.size, Image.Transform.QUAD, quad, resample=Image.Resampling.BICUBIC)
    arr = np.asarray(warped, dtype=np.float32)
    ramp = np.linspace(1.0, rng.uniform(0.55, 0.7) if not poor else 0.35, arr.shape[1], dtype=np.float32)
    if rng.random() < 0.5:
        ramp = ramp[::-1]
    arr = arr * ramp[np.newaxis, :]
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    img = img.filter(ImageFilter.GaussianBlur(0.8 if not poor else 2.6))
    scale = 0.75 if not poor else 0.45
    return _noise(rng, img.resize((int(dw * scale), int(dh * scale)), Image.Resampling.LANCZOS), 4.0)


def _image_pdf(pages: list[Image.Image], dpi: int) -> bytes:
    out = io.BytesIO()
    fixed = time.gmtime(1767225600)  # 2026-01-01; Pillow stamps the current time otherwise: same seed, other bytes
    pages[0].save(
        out, "PDF", save_all=True, append_images=pages[1:], resolution=float(dpi), creationDate=fixed, modDate=fixed
    )
    return out.getvalue()


def _single(img: Image.Image, fmt: str, dpi: int, exif: bytes | None = None) -> bytes:
    out = io.BytesIO()
    if fmt == "jpeg":
        kwargs: dict[str, object] = {"quality": 86, "dpi": (dpi, dpi)}
        if exif is not None:
            kwargs["exif"] = exif
        img.save(out, "JPEG", **kwargs)
    elif fmt == "png":
        img.save(out, "PNG", dpi=(dpi, dpi))
    else:
        img.save(out, "TIFF", compression="tiff_lzw", dpi=(dpi, dpi))
    return out.getvalue()


def capture(rng: random.Random, pdf: bytes, kind: Capture, *, poor: bool = False) -> Captured:
    """The file the teacher uploads for a paper drawn as `pdf`, captured as `kind`."""
    if kind == "born_digital":
        return Captured(pdf, "pdf", "pdf", None)
    if kind == "photo":
        shots = _pages(pdf, 200)
        if len(shots) > 1:  # a photo of each sheet, joined into one PDF as a phone's scanning app does
            photos = [_photo(rng, shot, poor) for shot in shots]
            return Captured(_image_pdf(photos, 200), "pdf", "scan_pdf", "poor" if poor else "photo")
        page = _photo(rng, shots[0], poor)
        exif = None
        if rng.random() < 0.4:  # the phone stores the pixels sideways and says so in EXIF
            page = page.transpose(Image.Transpose.ROTATE_90)
            tags = Image.Exif()
            tags[0x0112] = 6  # rotate 90 CW to display
            exif = tags.tobytes()
        return Captured(_single(page, "jpeg", 200, exif), "jpg", "jpeg", "poor" if poor else "photo")
    pages = [_scanned(rng, p) for p in _pages(pdf, 300)]
    if kind == "turned_scan":
        turn = rng.choice((Image.Transpose.ROTATE_90, Image.Transpose.ROTATE_180, Image.Transpose.ROTATE_270))
        pages = [p.transpose(turn) for p in pages]
    fmt = rng.choice(("scan_pdf", "scan_pdf", "jpeg", "png", "tiff")) if len(pages) == 1 else "scan_pdf"
    if fmt == "scan_pdf":
        return Captured(_image_pdf(pages, 300), "pdf", "scan_pdf", "scanner")
    ext = {"jpeg": "jpg", "png": "png", "tiff": "tif"}[fmt]
    return Captured(_single(pages[0], fmt, 300), ext, fmt, "scanner")  # type: ignore[arg-type]
