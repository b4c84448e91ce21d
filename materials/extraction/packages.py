"""What an Office file's container holds, read from its zip directory without unpacking it.

.docx, .xlsx and .pptx files are zip packages (Office Open XML). Their parts
are looked at only through the zip's central directory, which lists each
part's packed and unpacked size: a decompression bomb (a few kilobytes that
unpack to gigabytes) is refused from those numbers alone. Python's zipfile
never unpacks a part beyond the size the directory declares, so a directory
that lies about a size cannot make the libraries that read the file later
unpack more than what was checked here.

A password-protected Office file is not a zip at all: Office wraps the
encrypted package in an OLE compound file (the format of the old .doc), with
streams named EncryptionInfo and EncryptedPackage.
"""

import zipfile

from .kinds import DOCX, PPTX, XLSX
from .limits import limit

ZIP_MAGIC = b"PK\x03\x04"
CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_CONTENT_TYPES = "[Content_Types].xml"
_CONTENT_TYPES_MAX_BYTES = 1024 * 1024
_SMALL_PART_BYTES = 1024 * 1024

MAIN_PARTS = {DOCX: "word/document.xml", XLSX: "xl/workbook.xml", PPTX: "ppt/presentation.xml"}
MAIN_CONTENT_TYPES = {
    DOCX: b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    XLSX: b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    PPTX: b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
}


class PackageRefused(Exception):
    """The container cannot be read as the Office file it claims to be.

    ``problem`` says what is wrong: "not_zip", "wrong_kind", "macro", "entries",
    "unpacked_size", "ratio"; ``reason`` is the extraction reason it amounts to.
    """

    REASONS = {
        "not_zip": "corrupt",
        "wrong_kind": "unsupported",
        "macro": "unsupported",
        "entries": "too_large",
        "unpacked_size": "too_large",
        "ratio": "too_large",
    }

    def __init__(self, problem):
        super().__init__(problem)
        self.problem = problem
        self.reason = self.REASONS[problem]


def is_encrypted_office(file):
    """Whether the OLE compound ``file`` is an encrypted Office package (not an old .doc).

    Reads the file in blocks looking for the EncryptedPackage stream's name in
    a directory entry; the file was opened in binary, at any position.
    """
    file.seek(0)
    tail = b""
    while block := file.read(1024 * 1024):
        if _ENCRYPTED_PACKAGE in tail + block:
            return True
        tail = block[-len(_ENCRYPTED_PACKAGE) :]
    return False


def check_package(file, kind):
    """Raise PackageRefused unless ``file`` is a zip package of ``kind`` within the limits.

    Nothing is unpacked except [Content_Types].xml (refused above a megabyte).
    """
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as package:
            entries = package.infolist()
            _check_sizes(entries)
            names = {entry.filename for entry in entries}
            if _CONTENT_TYPES not in names or MAIN_PARTS[kind] not in names:
                raise PackageRefused("wrong_kind")
            content_types = package.getinfo(_CONTENT_TYPES)
            if content_types.file_size > _CONTENT_TYPES_MAX_BYTES:
                raise PackageRefused("unpacked_size")
            declared = package.read(content_types)
    except PackageRefused:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, KeyError):
        raise PackageRefused("not_zip") from None
    except NotImplementedError:  # a compression method zipfile does not know
        raise PackageRefused("not_zip") from None
    finally:
        file.seek(0)
    if MAIN_CONTENT_TYPES[kind] not in declared:
        raise PackageRefused("macro" if b"macroEnabled" in declared else "wrong_kind")


def _check_sizes(entries):
    if len(entries) > limit("MATERIALS_MAX_ZIP_ENTRIES"):
        raise PackageRefused("entries")
    if sum(entry.file_size for entry in entries) > limit("MATERIALS_MAX_UNPACKED_BYTES"):
        raise PackageRefused("unpacked_size")
    ratio = limit("MATERIALS_MAX_COMPRESSION_RATIO")
    for entry in entries:
        if entry.file_size > _SMALL_PART_BYTES and entry.file_size > ratio * max(
            entry.compress_size, 1
        ):
            raise PackageRefused("ratio")
