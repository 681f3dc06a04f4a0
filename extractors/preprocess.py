"""Turn any decoded page image into what Tesseract reads best: 8-bit grayscale, upright, straight.

Mode handling is needed for correctness (Tesseract cannot take CMYK, 16-bit or transparent
images; transparent regions must become white paper, not black). Which enhancement steps run is
decided by measurement on generated noisy scans (grey paper, speckle, blur, JPEG q35, rotated
0-3.5 degrees) and on the benchmark's 30 grey A4 scans: autocontrast (1 % cut-off) is available
but off. It raised the mean confidence of one rotated scan (94.1 -> 95.6, same words), but on the
30 benchmark pages it changed no word of the 26 well-contrasted ones while costing 2 % more
Tesseract time plus ~25 ms a page, and on the 4 faint ones (paper at grey 190) it read fewer words
on three (32 -> 19, 23 -> 9, 30 -> 10) and more on one (0 -> 47 words at confidence 30): every
faint page stays below the confidence bar either way, i.e. goes to a person. Deskew is available
but off, because Tesseract's own line finder already read every word of scans rotated up to 3.5
degrees and deskewing added 0.04 s/page for no gain; Otsu binarisation is available but off,
because a global threshold erased the text of every noisy scan (0 of 6 key words) while
Tesseract's internal binarisation read them all.

A 1-bit page (a fax-mode or Group 4 scan; a 1-bit image in a PDF, see extractors.pdf) goes to
Tesseract as a 1-bit image: it has nothing to enhance, and Tesseract reads a bilevel image ~25 %
faster than the same pixels as 8-bit grey (its own thresholding is skipped), with the same words.
"""

import cv2
import numpy as np
from PIL import Image, ImageOps

from models.settings import Settings

_DESKEW_MAX_DEG = 5.0
_DESKEW_WORK_WIDTH = 1000  # estimate the angle on a downscaled copy: cheap and accurate enough
_DESKEW_MIN_DEG = 0.3  # below this, rotating (and resampling) costs more than it helps


_STRIP_ROWS = 256  # rows converted at a time: a strip's colour copies stay a few MB whatever the page
_WIDE_MODES = ("I;16", "I;16B", "I;16L", "I;16N", "I", "F")


def _grey_strip(strip: Image.Image) -> Image.Image:
    """One strip of any mode in 8-bit grey; transparency composited onto white."""
    mode = strip.mode
    if mode in ("P", "RGBA", "LA", "PA", "RGBa", "La"):
        rgba = strip.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(paper, rgba).convert("L")
    if mode in ("1", "RGB"):
        return strip.convert("L")
    return strip.convert("RGB").convert("L")  # CMYK, YCbCr, LAB, HSV: via RGB, which Pillow knows for all


def to_grayscale(image: Image.Image) -> Image.Image:
    """8-bit grayscale from any mode Pillow decodes; transparency composited onto white.

    Converted a strip at a time into the one grey page: converting a whole 10000 x 11000 RGBA page at
    once made three full-size colour copies (1.7 GB beside the decoded 440 MB)."""
    mode = image.mode
    if mode == "L":
        return image
    if mode in _WIDE_MODES:
        arr = np.asarray(image, dtype=np.float64)
        lo, hi = float(arr.min()), float(arr.max())
        scale = 255.0 / (hi - lo) if hi > lo else 0.0
        return Image.fromarray(((arr - lo) * scale).astype(np.uint8), mode="L")
    width, height = image.size
    grey = Image.new("L", image.size, 255)
    for top in range(0, height, _STRIP_ROWS):
        box = (0, top, width, min(height, top + _STRIP_ROWS))
        grey.paste(_grey_strip(image.crop(box)), box)
    return grey


# A page's decoded pixels may take two bytes for each pixel a page may have: a grey or 1-bit page up
# to max_page_pixels, a colour one (four bytes a pixel in Pillow) up to half of it (60 MP at the
# default: A3 at 600 dpi). A 10000 x 11000 RGBA PNG of 461 KB would decode to 440 MB.
DECODED_BYTES_PER_PAGE_PIXEL = 2


def page_memory_exceeded(decoded: int, settings: Settings) -> bool:
    """Whether a page decoding to `decoded` bytes is too large to read (limit_hit page_too_large)."""
    return decoded > DECODED_BYTES_PER_PAGE_PIXEL * settings.max_page_pixels


def decoded_bytes(mode: str, width: int, height: int) -> int:
    """What Pillow holds for a decoded image: one byte a pixel for 1, L and P, two for 16-bit grey,
    four for everything else (RGB is stored as four bytes too)."""
    per_pixel = 1 if mode in ("1", "L", "P") else 2 if mode.startswith("I;16") else 4
    return per_pixel * width * height


def otsu_threshold(gray: Image.Image) -> int:
    """Otsu's threshold of an 8-bit grayscale image."""
    hist = np.asarray(gray.histogram()[:256], dtype=np.float64)
    total = hist.sum()
    if total == 0:
        return 128
    levels = np.arange(256, dtype=np.float64)
    weight_bg = np.cumsum(hist)
    weight_fg = total - weight_bg
    cum_mean = np.cumsum(hist * levels)
    mean_all = cum_mean[-1]
    denominator = weight_bg * weight_fg
    valid = denominator > 0
    between = np.zeros(256, dtype=np.float64)
    between[valid] = (mean_all * weight_bg[valid] - cum_mean[valid]) ** 2 / denominator[valid]
    return int(np.argmax(between))


def binarise(gray: Image.Image) -> Image.Image:
    """Black text on white by Otsu's global threshold (kept as "L" so later steps can resample)."""
    threshold = otsu_threshold(gray)
    return gray.point(lambda v: 255 if v > threshold else 0)


def _profile_score(ink: np.ndarray) -> float:
    rows = ink.sum(axis=1, dtype=np.float64)
    return float(np.square(np.diff(rows)).sum())


def estimate_skew(gray: Image.Image) -> float:
    """Angle in degrees (counter-clockwise positive) that makes text lines horizontal.

    Projection profiles: rotate a small binarised copy through candidate angles and keep the one
    whose row sums change most sharply (lines of text separated by clean gaps).
    """
    width, height = gray.size
    if width < 50 or height < 50:
        return 0.0
    factor = min(1.0, _DESKEW_WORK_WIDTH / width)
    size = (max(1, int(width * factor)), max(1, int(height * factor)))
    small = gray.resize(size, Image.Resampling.BILINEAR)
    # Ink = clearly darker than the paper (half the median grey). Otsu is not used here: white
    # margins or borders around grey paper pull its threshold up to the paper itself.
    threshold = int(np.median(np.asarray(small))) // 2
    ink_img = small.point(lambda v: 255 if v <= threshold else 0)

    def score(angle: float) -> float:
        rotated = ink_img.rotate(angle, resample=Image.Resampling.NEAREST, expand=False, fillcolor=0)
        return _profile_score(np.asarray(rotated, dtype=np.uint8) > 0)

    coarse = np.arange(-_DESKEW_MAX_DEG, _DESKEW_MAX_DEG + 0.01, 0.5)
    best = max(coarse, key=score)
    fine = np.arange(best - 0.5, best + 0.51, 0.1)
    return round(float(max(fine, key=score)), 2)


def deskew(gray: Image.Image) -> Image.Image:
    """Rotate small skews (up to 5 degrees) straight; leave straight pages untouched."""
    angle = estimate_skew(gray)
    if abs(angle) < _DESKEW_MIN_DEG:
        return gray
    return gray.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)


def shrunk(image: Image.Image, scale: float) -> Image.Image:
    """A smaller copy for measuring a page (its ink, its outline, its hash): reduced by a whole factor
    (a box average) and only the rest resampled, a few times quicker than resampling the whole page;
    the image itself when `scale` is 1 or more."""
    if scale >= 1.0:
        return image
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    return image.resize(size, Image.Resampling.BILINEAR, reducing_gap=1.0)


_LIGHT_SAMPLE = 8  # the paper's brightness is estimated on a copy this many times smaller
_LIGHT_SPREAD = 40  # grey levels between the paper's brighter and darker parts that call for evening


def paper_light(gray: Image.Image) -> tuple[Image.Image, float]:
    """The paper's brightness across the page (text removed by a max filter, then smoothed), at 1/8
    size, and its spread: the 5th to 95th percentile, in grey levels."""
    small = gray.reduce(_LIGHT_SAMPLE) if min(gray.size) >= 16 * _LIGHT_SAMPLE else gray
    # OpenCV's filters: Pillow's rank filter and blur took 18 ms a page, these 1 ms, same levels within 3.
    text_removed = cv2.dilate(np.asarray(small), np.ones((5, 5), np.uint8))
    paper = cv2.GaussianBlur(text_removed, (0, 0), 6, borderType=cv2.BORDER_REPLICATE)
    levels = paper.astype(np.float32)
    return Image.fromarray(paper), float(np.percentile(levels, 95) - np.percentile(levels, 5))


def even_light(gray: Image.Image) -> Image.Image:
    """A photo's uneven light (falling off to one side, a shadow) divided out, so that the paper is
    white everywhere; a page already evenly lit comes back as it is.

    Tesseract binarises globally within a region: on a phone photo of a legible 278-word essay with
    light falling to ~45 % at one side it read 212 words; evened, all 278. The check costs a few ms
    a page; the division ~0.2 s, only on pages that need it."""
    paper, spread = paper_light(gray)
    if spread < _LIGHT_SPREAD:
        return gray
    width, height = gray.size
    scale = paper.size[1] / height
    out = Image.new("L", gray.size)
    for top in range(0, height, _STRIP_ROWS):  # a strip at a time: float copies of a whole page cost 4 bytes a pixel
        bottom = min(height, top + _STRIP_ROWS)
        band = (0.0, top * scale, float(paper.size[0]), bottom * scale)
        light = paper.resize((width, bottom - top), Image.Resampling.BILINEAR, box=band)
        background = np.asarray(light, dtype=np.float32)
        evened = np.asarray(gray.crop((0, top, width, bottom)), dtype=np.float32) / np.maximum(background, 1.0) * 255.0
        out.paste(Image.fromarray(np.clip(evened, 0, 255).astype(np.uint8), mode="L"), (0, top))
    return out


def prepare_for_ocr(
    image: Image.Image, *, autocontrast: bool = False, binarize: bool = False, straighten: bool = False
) -> Image.Image:
    """The preprocessing chain; the defaults are the steps measured to help. A 1-bit page comes
    back as it is (unless straightened: rotation resamples), everything else as 8-bit grey."""
    if image.mode == "1" and not straighten:
        return image
    gray = even_light(to_grayscale(image))
    if autocontrast:
        gray = ImageOps.autocontrast(gray, cutoff=1)
    if straighten:
        gray = deskew(gray)
    if binarize:
        gray = binarise(gray)
    return gray
