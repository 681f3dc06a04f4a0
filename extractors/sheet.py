"""A phone photo's sheet found and flattened: the paper cut out of the desk around it and its
perspective undone, before OCR. opencv finds the sheet's outline (edges, the largest convex
quadrilateral) and warps it to a rectangle.

Only a sheet that stands out from what surrounds it is cut out: the area outside the outline must be
clearly darker or different from the paper inside (a desk, a hand, a floor). A flatbed scan whose
largest rectangle is a table or a decorative border has white paper on both sides of it, and is left
whole: cutting there would drop text outside the rectangle, and a word count from the rest would
look complete.
"""

import cv2
import numpy as np
from PIL import Image

from extractors.preprocess import shrunk

_WORK = 1000  # the outline is looked for on a copy this wide
_MIN_AREA = 0.25  # the sheet covers at least this share of the photo
_MAX_AREA = 0.97  # ... and leaves some surroundings: a sheet filling the frame needs no cut
_STANDS_OUT = 35  # grey levels between the paper and its surroundings


def _outline(gray: np.ndarray) -> np.ndarray | None:
    """The four corners of the largest convex quadrilateral of edges, in the working copy's pixels."""
    edges = cv2.Canny(cv2.GaussianBlur(gray, (5, 5), 0), 50, 150)
    edges = cv2.dilate(edges, np.ones((3, 3), np.uint8))
    contours, _ = cv2.findContours(edges, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    area = gray.shape[0] * gray.shape[1]
    for contour in sorted(contours, key=cv2.contourArea, reverse=True)[:5]:
        hull = cv2.convexHull(contour)
        quad = cv2.approxPolyDP(hull, 0.02 * cv2.arcLength(hull, True), True)
        if len(quad) == 4 and _MIN_AREA * area <= cv2.contourArea(quad) <= _MAX_AREA * area:
            return quad.reshape(4, 2).astype(np.float32)
    return None


def _median(gray: np.ndarray, mask: np.ndarray) -> int:
    """The median grey level under `mask` (from its histogram: a few times quicker than sorting)."""
    counts = np.cumsum(cv2.calcHist([gray], [0], mask, [256], [0, 256]).ravel())
    return int(np.searchsorted(counts, counts[-1] / 2))


def _stands_out(gray: np.ndarray, quad: np.ndarray) -> bool:
    inside = np.zeros(gray.shape, np.uint8)
    cv2.fillConvexPoly(inside, quad.astype(np.int32), 1)
    outside = 1 - inside
    return bool(outside.any()) and _median(gray, inside) - _median(gray, outside) >= _STANDS_OUT


def _ordered(quad: np.ndarray) -> np.ndarray:
    """Top-left, top-right, bottom-right, bottom-left."""
    by_sum, by_diff = quad.sum(axis=1), np.diff(quad, axis=1).ravel()
    return np.array(
        [quad[np.argmin(by_sum)], quad[np.argmin(by_diff)], quad[np.argmax(by_sum)], quad[np.argmax(by_diff)]],
        dtype=np.float32,
    )


def flatten_sheet(image: Image.Image) -> Image.Image | None:
    """The sheet cut out and squared (8-bit grey, full resolution), or None when no sheet stands out.

    The outline is looked for on a copy reduced by Pillow (a whole factor first, then resampled: 3 ms
    a page where OpenCV's area resampling took 6), and the sheet is warped bilinearly: bicubic cost
    27 ms a page against 7, and Tesseract read the benchmark's photographed pages no better from it
    (the same word counts, a word or two read differently either way)."""
    grey = image if image.mode == "L" else image.convert("L")
    small = np.asarray(shrunk(grey, _WORK / max(grey.size)))
    quad = _outline(small)
    if quad is None or not _stands_out(small, quad):
        return None
    corners = _ordered(quad / np.float32(small.shape[1] / grey.width))
    top, right, bottom, left = (
        np.linalg.norm(corners[1] - corners[0]),
        np.linalg.norm(corners[2] - corners[1]),
        np.linalg.norm(corners[2] - corners[3]),
        np.linalg.norm(corners[3] - corners[0]),
    )
    width, height = int(max(top, bottom)), int(max(left, right))
    target = np.array([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]], dtype=np.float32)
    warped = cv2.warpPerspective(
        np.asarray(grey), cv2.getPerspectiveTransform(corners, target), (width, height), flags=cv2.INTER_LINEAR
    )
    return Image.fromarray(warped, mode="L")
