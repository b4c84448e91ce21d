"""Text extraction from uploaded materials, and the checks an upload passes first.

Two entry points, used by the materials app:

- ``check_upload(name, upload)`` in the upload request: cheap checks of
  kind, content, size, zip bombs and PDF page count; returns the kind or
  raises ValidationError in Japanese. ``clean_filename(name)`` is the name
  the file is shown under.
- ``extract(path, kind)`` in the background task: the text by page, sheet,
  slide or run of lines (``Extracted`` of ``Part``s), with OCR for scanned
  PDF pages; a file it cannot read raises ``ExtractionFailed`` with a
  ``reason`` from ``REASONS`` (``reason_label`` is its Japanese label), and
  nothing else, whatever the file holds.

No models here: the app keeps the state (抽出待ち, 抽出中, 抽出済, 抽出不可).
"""

from django.conf import settings
from django.utils import translation

from .errors import REASONS, ExtractionFailed, reason_label
from .kinds import CSV, DOCX, KINDS, OFFICE_KINDS, PDF, PLAIN_KINDS, PPTX, TEXT, XLSX, kind_of
from .ocr import available as ocr_available
from .result import Extracted, Part
from .upload import check_upload, clean_filename

__all__ = [
    "CSV",
    "DOCX",
    "KINDS",
    "PDF",
    "PPTX",
    "REASONS",
    "TEXT",
    "XLSX",
    "Extracted",
    "ExtractionFailed",
    "Part",
    "check_upload",
    "clean_filename",
    "extract",
    "kind_of",
    "ocr_available",
    "reason_label",
]


def extract(path, kind):
    """The text of the file at ``path``, of ``kind`` (one of KINDS, as check_upload returned).

    Raises ExtractionFailed (and no other exception for a bad file) when it
    cannot be read: encrypted, corrupt, unsupported, too_many_pages, too_large,
    ocr_unavailable, ocr_failed, no_text. Labels are in the site's language.
    """
    with translation.override(settings.LANGUAGE_CODE):
        try:
            if kind == PDF:
                from .pdf import extract_pdf

                return extract_pdf(path)
            if kind in OFFICE_KINDS:
                from .office import extract_office

                return extract_office(path, kind)
            if kind in PLAIN_KINDS:
                return _extract_plain(path, kind)
        except FileNotFoundError:
            raise
        except OSError as error:  # the file cannot be read (a directory, no permission …)
            raise ExtractionFailed("corrupt", str(error)) from None
        raise ExtractionFailed("unsupported", f"kind {kind!r}")


def _extract_plain(path, kind):
    from . import plain
    from .result import clean_text

    text, _encoding = plain.read_text(path)
    if text is None:
        raise ExtractionFailed("unsupported", "neither UTF-8 nor CP932")
    parts = []
    for number, (first, last, chunk) in enumerate(plain.chunks(clean_text(text), kind), 1):
        parts.append(Part(number, plain.lines_label(first, last), chunk))
    count = len(parts)
    parts = tuple(part for part in parts if part.text.strip())
    if not parts:
        raise ExtractionFailed("no_text")
    return Extracted(parts=parts, page_count=count, ocr=False)
