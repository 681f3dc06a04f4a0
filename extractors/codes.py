"""QR codes on a page image: their payloads (a document number, a link to the issuer's register) kept as
evidence on the page. Decoded with zxing-cpp, the maintained decoder of the ZXing family.

Read at half resolution on pages wider than 1,600 px: a QR code printed on a certificate keeps modules of
several pixels at 150 dpi, and the page costs ~20 ms instead of ~100.
"""

import zxingcpp
from PIL import Image

_HALVE_ABOVE = 1600


def read_qr_codes(image: Image.Image) -> tuple[str, ...]:
    """The text of every QR code found on the page, each once, in the order found."""
    grey = image.convert("L")
    if grey.width > _HALVE_ABOVE:
        grey = grey.reduce(2)
    found = zxingcpp.read_barcodes(grey, formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode))
    return tuple(dict.fromkeys(code.text for code in found if code.valid and code.text))
