import pytest

from extractors.sniff import sniff_media_type


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"%PDF-1.7\n...", "application/pdf"),
        (b"\x00" * 1000 + b"%PDF-1.4", "application/pdf"),
        (b"\x00" * 1020 + b"%PDF-1.4", None),  # header starts past the first 1024 bytes
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "image/png"),
        (b"II*\x00\x08\x00", "image/tiff"),
        (b"MM\x00*\x00\x00", "image/tiff"),
        (b"PK\x03\x04 docx", None),
        (b"GIF89a", None),
        (b"", None),
    ],
)
def test_sniff_by_content(data: bytes, expected: str | None) -> None:
    assert sniff_media_type(data) == expected
