"""The digits-only Tesseract engine held in the reading process: what it reads, and that a forked child
(a file's reading child, `workers.bounded`) reads with the engine its worker loaded."""

import os
import pickle
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from extractors.digit_reader import DIGITS
from extractors.held_engine import tessdata_folder
from extractors.numbers import _read_alone, digits_of

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def _words(*texts: str) -> Image.Image:
    font = ImageFont.truetype(str(DEJAVU), 40)
    image = Image.new("L", (520, 90 * len(texts) + 40), 255)
    draw = ImageDraw.Draw(image)
    for i, text in enumerate(texts):
        draw.text((20, 20 + 90 * i), text, font=font, fill=0)
    return image


def test_the_language_data_is_the_installed_tesseracts() -> None:
    assert (Path(tessdata_folder("eng")) / "eng.traineddata").is_file()


def _alone(text: str) -> str | None:
    """The word cut out of its page as the number reader cuts it, then read alone."""
    image = _words(text)
    left, top, right, bottom = ImageDraw.Draw(image).textbbox((20, 20), text, font=ImageFont.truetype(str(DEJAVU), 40))
    return _read_alone(image, (left, top, right - left, bottom - top), 300, 0)


def test_a_word_read_alone() -> None:
    assert _alone("02.03.2027") == "02.03.2027"


def test_a_block_gives_each_word_and_where_it_stands() -> None:
    words = DIGITS.block(_words("851222432645", "13.03.2023"), 300, timeout_s=30)
    assert words is not None
    assert [w.text for w in words] == ["851222432645", "13.03.2023"]
    assert words[0].top < 90 <= words[1].top


def test_a_forked_child_reads_with_its_workers_engine_loaded_once() -> None:
    DIGITS.warm()
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_fd)
        inherited = DIGITS.loaded
        text = _alone("30.03.2025")
        os.write(write_fd, pickle.dumps((text, inherited)))
        os._exit(0)
    os.close(write_fd)
    with os.fdopen(read_fd, "rb") as answer:
        text, inherited = pickle.loads(answer.read())
    os.waitpid(pid, 0)
    assert text == "30.03.2025"
    assert inherited  # loading the model takes ~0.2 s: the child found it loaded


def test_a_speck_or_a_rule_is_no_word_and_no_error() -> None:
    """Tesseract finds a blob with no text in it (a speck, a table rule) and tesserocr raises "No text
    returned" for it: a phone photo of a diploma was refused as a broken file on that error."""
    for draw_mark in (
        lambda d: d.ellipse((100, 50, 106, 56), fill=0),
        lambda d: d.line((50, 60, 250, 60), fill=0, width=2),
    ):
        image = Image.new("L", (300, 120), 255)
        draw_mark(ImageDraw.Draw(image))
        assert DIGITS.block(image, 300, timeout_s=30) == []
        assert not digits_of(DIGITS.line(image, 300) or "")
