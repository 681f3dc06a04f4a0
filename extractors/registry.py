"""The one table from sniffed media type to extractor (like invoice2data's input readers)."""

from extractors.base import Extractor
from extractors.image import ImageExtractor
from extractors.pdf import PdfExtractor
from models.extraction import MediaType

_IMAGES = ImageExtractor()

EXTRACTORS: dict[MediaType, Extractor] = {
    "application/pdf": PdfExtractor(),
    "image/jpeg": _IMAGES,
    "image/png": _IMAGES,
    "image/tiff": _IMAGES,
}
