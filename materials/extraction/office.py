"""Word, Excel and PowerPoint files: text by page, sheet and slide.

Before any library opens a file, its container is checked as at upload
(packages.check_package): an encrypted file (an OLE wrapper, not a zip)
fails with "encrypted", an old binary .doc/.xls/.ppt with "unsupported", a
decompression bomb with "too_large".

Word keeps no pages; they are counted as Word left them: when the file holds
the page breaks Word recorded the last time it laid the document out
(w:lastRenderedPageBreak), those; otherwise the explicit ones (a page break,
「改ページ時1行残して段落を区切らない」's page-break-before, a section that
starts on a new page). A document from a tool that records neither is page 1.
"""

import datetime

from django.utils.translation import gettext as _

from .errors import ExtractionFailed
from .kinds import DOCX, PPTX, XLSX
from .limits import limit
from .packages import CFB_MAGIC, ZIP_MAGIC, PackageRefused, check_package, is_encrypted_office
from .pdf import library_errors, page_label
from .result import Extracted, Part, clean_text

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def check_container(path, kind):
    """Raise ExtractionFailed unless the file at ``path`` is a zip package of ``kind``."""
    with open(path, "rb") as file:
        head = file.read(8)
        if head.startswith(CFB_MAGIC):
            if is_encrypted_office(file):
                raise ExtractionFailed("encrypted")
            raise ExtractionFailed("unsupported", "an OLE compound file (Office 97-2003)")
        if not head.startswith(ZIP_MAGIC):
            raise ExtractionFailed("corrupt", "not a zip package")
        try:
            check_package(file, kind)
        except PackageRefused as refused:
            raise ExtractionFailed(refused.reason, refused.problem) from None


def extract_office(path, kind):
    check_container(path, kind)
    read = {DOCX: _docx_parts, XLSX: _xlsx_parts, PPTX: _pptx_parts}[kind]
    with library_errors():
        parts, count = read(path)
    if count > limit("MATERIALS_MAX_PAGES"):
        raise ExtractionFailed("too_many_pages", f"{count} parts")
    parts = tuple(part for part in parts if part.text.strip())
    if not parts:
        raise ExtractionFailed("no_text")
    return Extracted(parts=parts, page_count=count, ocr=False)


# Word ----------------------------------------------------------------------


def _docx_parts(path):
    import docx

    body = docx.Document(path).element.body
    rendered = any(True for _ in body.iter(f"{_W}lastRenderedPageBreak"))
    pages = [[]]
    for event in _word_events(body, rendered):
        if event is None:
            pages.append([])
        else:
            pages[-1].append(event)
    parts = [
        Part(number, page_label(number), clean_text("".join(chunks)).strip())
        for number, chunks in enumerate(pages, 1)
    ]
    return parts, len(pages)


def _word_events(element, rendered):
    """The text of ``element`` in document order as strings, with None at each new page."""
    tag = element.tag
    if tag == _MC_FALLBACK:  # the same content as its mc:Choice, for older readers
        return
    if tag == f"{_W}t":
        yield element.text or ""
        return
    if tag == f"{_W}tab":
        yield "\t"
        return
    if tag in (f"{_W}br", f"{_W}cr"):
        if element.get(f"{_W}type") == "page":
            if not rendered:
                yield None
        else:
            yield "\n"
        return
    if tag == f"{_W}lastRenderedPageBreak":
        if rendered:
            yield None
        return
    if tag in (f"{_W}tc", f"{_W}tr"):
        # A cell's paragraphs end in "\n"; cells are joined by tabs and a row ends a line.
        events = [event for child in element for event in _word_events(child, rendered)]
        while events and events[-1] in ("\n", "\t"):
            events.pop()
        yield from events
        yield "\t" if tag == f"{_W}tc" else "\n"
        return
    if tag == f"{_W}p" and not rendered and _breaks_before(element):
        yield None
    for child in element:
        yield from _word_events(child, rendered)
    if tag == f"{_W}p":
        yield "\n"
        if not rendered and _ends_section_on_new_page(element):
            yield None


def _breaks_before(paragraph):
    ppr = paragraph.find(f"{_W}pPr")
    if ppr is None:
        return False
    flag = ppr.find(f"{_W}pageBreakBefore")
    return flag is not None and flag.get(f"{_W}val", "true") not in ("0", "false", "off")


def _ends_section_on_new_page(paragraph):
    ppr = paragraph.find(f"{_W}pPr")
    section = ppr.find(f"{_W}sectPr") if ppr is not None else None
    if section is None:
        return False
    kind = section.find(f"{_W}type")
    return kind is None or kind.get(f"{_W}val") != "continuous"


# Excel ---------------------------------------------------------------------


def sheet_label(name):
    return _("Sheet “%(name)s”") % {"name": name}


def _cell_text(value):
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ", timespec="minutes").removesuffix(" 00:00")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _xlsx_parts(path):
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        parts = []
        for number, sheet in enumerate(workbook.worksheets, 1):
            # Rows as they are in the file, not padded to the (possibly bogus) dimension.
            sheet.reset_dimensions()
            lines = []
            for row in sheet.iter_rows(values_only=True):
                cells = [_cell_text(value) for value in row if value not in (None, "")]
                if cells:
                    lines.append("\t".join(cells))
            parts.append(Part(number, sheet_label(sheet.title), clean_text("\n".join(lines))))
        return parts, len(workbook.worksheets)
    finally:
        workbook.close()


# PowerPoint ----------------------------------------------------------------


def slide_label(number):
    return _("Slide %(number)d") % {"number": number}


def _shape_texts(shapes):
    for shape in shapes:
        if shape.shape_type is not None and hasattr(shape, "shapes"):  # a group
            yield from _shape_texts(shape.shapes)
        if getattr(shape, "has_text_frame", False) and shape.has_text_frame:
            yield shape.text_frame.text
        if getattr(shape, "has_table", False) and shape.has_table:
            for row in shape.table.rows:
                yield "\t".join(cell.text for cell in row.cells)


def _pptx_parts(path):
    from pptx import Presentation

    deck = Presentation(path)
    parts = []
    for number, slide in enumerate(deck.slides, 1):
        texts = [text for text in _shape_texts(slide.shapes) if text.strip()]
        if slide.has_notes_slide:
            notes = slide.notes_slide.notes_text_frame
            if notes is not None and notes.text.strip():
                texts.append(notes.text)
        parts.append(Part(number, slide_label(number), clean_text("\n".join(texts))))
    return parts, len(parts)
