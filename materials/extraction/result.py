"""What extraction returns: the text of a file by page, sheet, slide or run of lines."""

import re
from dataclasses import dataclass

# Control characters other than tab and line feed (PostgreSQL refuses NUL in text).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class Part:
    """One page (PDF, Word), sheet (Excel), slide (PowerPoint) or run of lines (text, CSV).

    ``number`` is what a link opens: the 1-based page of a PDF (``#page=N``) or
    of a Word file (counted by page breaks), the sheet's position among the
    workbook's sheets, the slide number, or for text and CSV the part's own
    number. ``label`` is what staff read: "p.12", 「シート「集計」」, 「スライド3」,
    「41〜80行目」. ``ocr`` is True when the text was recognised from an image.
    """

    number: int
    label: str
    text: str
    ocr: bool = False


@dataclass(frozen=True)
class Extracted:
    """The text of a whole file: its non-empty parts, in order.

    ``page_count`` counts every page, sheet, slide or text part, empty ones
    too; ``ocr`` is True when any part came from OCR; ``unread_pages`` lists
    the pages of a PDF that look scanned but were not read (over
    MATERIALS_OCR_MAX_PAGES, or OCR not installed on this machine).
    """

    parts: tuple[Part, ...]
    page_count: int
    ocr: bool
    unread_pages: tuple[int, ...] = ()


def clean_text(text):
    """``text`` with line ends made \\n and control characters other than tab removed."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
