"""Turn a born-digital PDF into what a teacher uploads from a scanner or a phone.

The page is rasterised with pdfium, then degraded (slight rotation, blur, sensor noise, paper
tint, JPEG artefacts) and saved as JPEG, PNG, TIFF or an image-only PDF. Every random choice
comes from the seed, so a scan is reproducible byte for byte on one machine.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from io import BytesIO
from typing import Literal

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageEnhance, ImageFilter
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

ScanFormat = Literal["jpeg", "png", "tiff", "pdf"]
Quality = Literal["scanner", "photo", "poor"]

SUFFIX: dict[ScanFormat, str] = {"jpeg": ".jpg", "png": ".png", "tiff": ".tif", "pdf": ".pdf"}


@dataclass(frozen=True)
class ScanSettings:
    """How a page is captured: resolution, the kind of device, the file format."""

    dpi: int = 220
    quality: Quality = "scanner"
    fmt: ScanFormat = "jpeg"
    text_pt: float = 8.0  # body text size on the page, in points (scales the 'poor' degradation)


def _seed(seed: int, salt: str) -> int:
    return int.from_bytes(hashlib.sha256(f"{seed}:{salt}".encode()).digest()[:8], "big")


def rasterise(pdf: bytes, dpi: int) -> list[Image.Image]:
    doc = pdfium.PdfDocument(pdf)
    try:
        return [page.render(scale=dpi / 72).to_pil().convert("RGB") for page in doc]
    finally:
        doc.close()


def degrade(page: Image.Image, quality: Quality, seed: int, text_px: float = 24.0) -> Image.Image:
    """One captured page: grey for a scanner, tinted and unevenly lit for a phone, blurred and noisy when poor.

    `text_px` is the body text's size in pixels; a poor capture keeps about 8 px of it, whatever
    resolution the file claims, so a poor scan stays poor at 300 dpi too.
    """
    rng = np.random.default_rng(seed)
    # a skew above about one degree makes Tesseract split long centred lines into columns
    top = {"scanner": 0.9, "photo": 1.1, "poor": 2.0}[quality]
    angle = float(rng.uniform(0.2, top) * rng.choice((-1, 1)))
    if quality == "poor":
        factor = min(1.0, 7.5 / text_px)
        small = page.resize((int(page.width * factor), int(page.height * factor)), Image.Resampling.BILINEAR)
        page = small.resize(page.size, Image.Resampling.BILINEAR)
    img = page.convert("RGB" if quality == "photo" else "L")
    fill: int | tuple[int, int, int] = (96, 84, 70) if quality == "photo" else 250
    if quality == "photo":
        border = max(8, img.width // 40)
        framed = Image.new("RGB", (img.width + 2 * border, img.height + 2 * border), fill)
        framed.paste(img, (border, border))
        img = framed
    img = img.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=fill)
    blur = {"scanner": 0.5, "photo": 0.9, "poor": 1.7 * text_px / 24}[quality] + float(rng.uniform(0, 0.3))
    img = img.filter(ImageFilter.GaussianBlur(blur))
    arr = np.asarray(img, dtype=np.float32)
    h, w = arr.shape[:2]
    if quality == "photo":
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        cx, cy = w * float(rng.uniform(0.3, 0.7)), h * float(rng.uniform(0.3, 0.7))
        light = 1.0 - 0.22 * (((xx - cx) / w) ** 2 + ((yy - cy) / h) ** 2)
        tint = np.array([1.0, 0.96, 0.88], dtype=np.float32)
        arr = arr * light[..., None] * tint
    sigma = {"scanner": 5.0, "photo": 7.0, "poor": 20.0}[quality]
    arr = arr + rng.normal(0.0, sigma, arr.shape).astype(np.float32)
    out = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    if quality == "poor":
        out = ImageEnhance.Contrast(out).enhance(0.5)
    return out


def _image_pdf(pages: list[Image.Image], dpi: int) -> bytes:
    """An image-only PDF: each page a JPEG at its scanned size, no text layer."""
    buf = BytesIO()
    first = pages[0]
    canvas = Canvas(buf, pagesize=(first.width * 72 / dpi, first.height * 72 / dpi), invariant=1)
    for img in pages:
        size = (img.width * 72 / dpi, img.height * 72 / dpi)
        canvas.setPageSize(size)
        jpeg = BytesIO()
        img.save(jpeg, format="JPEG", quality=70, dpi=(dpi, dpi))
        jpeg.seek(0)
        canvas.drawImage(ImageReader(jpeg), 0, 0, width=size[0], height=size[1])
        canvas.showPage()
    canvas.save()
    return buf.getvalue()


def scan(pdf: bytes, settings: ScanSettings, seed: int) -> bytes:
    """The PDF as a scan in the chosen format; JPEG and PNG keep only the first page."""
    pages = [
        degrade(p, settings.quality, _seed(seed, f"page{i}"), settings.text_pt * settings.dpi / 72)
        for i, p in enumerate(rasterise(pdf, settings.dpi))
    ]
    dpi = (settings.dpi, settings.dpi)
    buf = BytesIO()
    if settings.fmt == "jpeg":
        q = {"scanner": 80, "photo": 68, "poor": 18}[settings.quality]
        pages[0].save(buf, format="JPEG", quality=q, dpi=dpi)
    elif settings.fmt == "png":
        # scanner software whitens the paper before saving a PNG; that also keeps the file small
        grey = pages[0].convert("L").point(lambda v: 255 if v > 205 else v)
        grey.save(buf, format="PNG", dpi=dpi)
    elif settings.fmt == "tiff":
        bilevel = [p.convert("L").point(lambda v: 255 if v > 150 else 0).convert("1") for p in pages]
        bilevel[0].save(buf, format="TIFF", compression="group4", dpi=dpi, save_all=True, append_images=bilevel[1:])
    else:
        return _image_pdf(pages, settings.dpi)
    return buf.getvalue()
