"""The limits on uploads and extraction, from settings (with the defaults documented there)."""

from django.conf import settings

DEFAULTS = {
    # Bytes of one uploaded file.
    "MATERIALS_MAX_UPLOAD_BYTES": 50 * 1024 * 1024,
    # Pages of a PDF, and sheets, slides or pages of an Office file.
    "MATERIALS_MAX_PAGES": 1000,
    # Pages of one file that are read with OCR; the rest are listed as unread.
    "MATERIALS_OCR_MAX_PAGES": 50,
    # Seconds OCR may take per page before it is given up.
    "MATERIALS_OCR_SECONDS_PER_PAGE": 60,
    # Tesseract languages for OCR (Debian: tesseract-ocr-jpn).
    "MATERIALS_OCR_LANGUAGES": "jpn",
    # The OCRmyPDF command (Debian: ocrmypdf), found on PATH unless a path is given.
    "MATERIALS_OCRMYPDF": "ocrmypdf",
    # An Office file (a zip) is refused when its parts unpack to more than this many bytes,
    "MATERIALS_MAX_UNPACKED_BYTES": 300 * 1024 * 1024,
    # when one part larger than a megabyte unpacks to more than this many times its size,
    "MATERIALS_MAX_COMPRESSION_RATIO": 200,
    # or when it holds more parts than this.
    "MATERIALS_MAX_ZIP_ENTRIES": 10_000,
}


def limit(name):
    return getattr(settings, name, DEFAULTS[name])
