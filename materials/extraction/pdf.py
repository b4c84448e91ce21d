"""PDF: the text of each page with pypdf, and OCR for the pages that are only a scan.

Pages are read one at a time and only their text is kept, so a 500-page
file is never held as parsed pages at once. A page with (almost) no text
and an image on it is taken to be a scan: those pages, up to
MATERIALS_OCR_MAX_PAGES of them, are copied into a small PDF of their own and
read by OCR in one run. Scanned pages beyond the cap, or every scanned page
when OCR is not installed but the file has text elsewhere, are listed in
``Extracted.unread_pages``; a file with no text at all and no OCR available
fails with "ocr_unavailable".

A PDF locked only against printing or copying (an owner password, an empty
user password) opens as in any viewer; one that needs a password to open
fails with "encrypted".
"""

import tempfile
from contextlib import contextmanager
from pathlib import Path

from django.utils.translation import gettext as _

from . import ocr
from .errors import ExtractionFailed
from .limits import limit
from .result import Extracted, Part, clean_text

# A page with fewer visible characters than this and an image is taken for a scan.
SCAN_MAX_CHARS = 20


def page_label(number):
    return _("p.%(number)d") % {"number": number}


@contextmanager
def library_errors():
    """Whatever pypdf raises on a malformed file becomes ExtractionFailed("corrupt")."""
    try:
        yield
    except ExtractionFailed:
        raise
    except MemoryError:
        raise ExtractionFailed("too_large", "out of memory") from None
    except RecursionError:
        raise ExtractionFailed("corrupt", "nested too deeply") from None
    except Exception as error:  # pypdf raises many kinds on a broken file
        raise ExtractionFailed("corrupt", f"{type(error).__name__}: {error}") from None


def open_reader(source):
    """A PdfReader of ``source`` (a path or a binary file), decrypted if the empty password does.

    Raises ExtractionFailed("encrypted") when it needs a password to open.
    """
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    reader = PdfReader(source, strict=False)
    if reader.is_encrypted:
        try:
            decrypted = reader.decrypt("")
        except (DependencyError, FileNotDecryptedError, NotImplementedError) as error:
            raise ExtractionFailed("encrypted", str(error)) from None
        if not decrypted:
            raise ExtractionFailed("encrypted")
    return reader


def page_count(file):
    """The number of pages of the PDF ``file`` (binary); None when it cannot be told cheaply.

    Reads the cross-reference table and the page tree, no page content.
    """
    try:
        with library_errors():
            return len(open_reader(file).pages)
    except ExtractionFailed:
        return None
    finally:
        file.seek(0)


def _visible_chars(text):
    return sum(1 for char in text if not char.isspace())


def _has_image(page):
    """Whether ``page`` draws an image (directly or in a form it draws)."""
    resources = page.get("/Resources")
    for _depth in range(3):
        if resources is None:
            return False
        xobjects = resources.get_object().get("/XObject")
        if xobjects is None:
            return False
        forms = []
        for reference in xobjects.get_object().values():
            xobject = reference.get_object()
            if xobject.get("/Subtype") == "/Image":
                return True
            if xobject.get("/Subtype") == "/Form":
                forms.append(xobject)
        if not forms:
            return False
        resources = forms[0].get("/Resources")
    return False


def extract_pdf(path):
    texts, scanned = {}, []
    with library_errors():
        reader = open_reader(path)
        pages = reader.pages
        total = len(pages)
        if total > limit("MATERIALS_MAX_PAGES"):
            raise ExtractionFailed("too_many_pages", f"{total} pages")
        for index in range(total):
            page = pages[index]
            text = clean_text(page.extract_text() or "")
            if _visible_chars(text) < SCAN_MAX_CHARS and _has_image(page):
                scanned.append(index)
            if text.strip():
                texts[index] = text.strip()
        ocr_texts, unread = _read_scans(reader, scanned, has_text=bool(texts))
    parts = []
    for index in range(total):
        if index in ocr_texts:
            parts.append(Part(index + 1, page_label(index + 1), ocr_texts[index], ocr=True))
        elif index in texts:
            parts.append(Part(index + 1, page_label(index + 1), texts[index]))
    if not parts:
        raise ExtractionFailed("no_text")
    return Extracted(
        parts=tuple(parts),
        page_count=total,
        ocr=any(part.ocr for part in parts),
        unread_pages=tuple(index + 1 for index in unread),
    )


def _read_scans(reader, scanned, has_text):
    """OCR texts by page index for the ``scanned`` pages, and the indexes left unread."""
    if not scanned:
        return {}, []
    if not ocr.available():
        if not has_text:
            raise ExtractionFailed("ocr_unavailable")
        return {}, scanned
    cap = limit("MATERIALS_OCR_MAX_PAGES")
    chosen, unread = scanned[:cap], scanned[cap:]
    if not chosen:
        return {}, unread
    from pypdf import PdfWriter

    with tempfile.TemporaryDirectory(prefix="materials-scan-") as work:
        pages_path = Path(work) / "pages.pdf"
        writer = PdfWriter()
        for index in chosen:
            writer.add_page(reader.pages[index])
        with open(pages_path, "wb") as out:
            writer.write(out)
        del writer
        recognised = ocr.recognise(pages_path, len(chosen))
    texts = {}
    for index, text in zip(chosen, recognised, strict=True):
        text = clean_text(text).strip()
        if text:
            texts[index] = text
    return texts, unread
