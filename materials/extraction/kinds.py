"""The kinds of file a material may be, named by their extension."""

import os

PDF = "pdf"
DOCX = "docx"
XLSX = "xlsx"
PPTX = "pptx"
TEXT = "txt"
CSV = "csv"
KINDS = (PDF, DOCX, XLSX, PPTX, TEXT, CSV)
OFFICE_KINDS = (DOCX, XLSX, PPTX)
PLAIN_KINDS = (TEXT, CSV)

# The older binary Office formats, which are refused with a hint to save as the new one.
LEGACY_OFFICE = {"doc": DOCX, "xls": XLSX, "ppt": PPTX}


def extension_of(name):
    """The extension of ``name`` in lower case, without the dot ("" when it has none)."""
    return os.path.splitext(name)[1].lstrip(".").lower()


def kind_of(name):
    """The kind a file called ``name`` claims to be, or None when it is none of ``KINDS``."""
    extension = extension_of(name)
    return extension if extension in KINDS else None
