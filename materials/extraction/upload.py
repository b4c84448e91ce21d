"""Checks run in the upload request, before a file is stored: cheap, and explained in Japanese.

What is refused here: a kind the intranet does not read, content that is not
what the extension says (a program renamed .pdf, an old .doc renamed .docx),
a file over MATERIALS_MAX_UPLOAD_BYTES, an Office file whose zip directory
shows a decompression bomb, a PDF with more than MATERIALS_MAX_PAGES pages,
a file name that cannot be shown safely.

What is accepted, to be reported by extraction later (抽出不可 with the
reason, the file still downloadable as it was given): a password-protected
PDF or Office file (a legitimate document), and a PDF whose structure is
damaged beyond what a cheap look can tell (pypdf may still read it, and a
viewer may too).
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import packages, pdf, plain
from .kinds import KINDS, LEGACY_OFFICE, OFFICE_KINDS, PDF, PLAIN_KINDS, extension_of, kind_of
from .limits import limit

MAX_NAME_CHARS = 255
# Programs, whatever they are called.
EXECUTABLE_SIGNATURES = (b"MZ", b"\x7fELF", b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe")
# A PDF's header may come after some bytes of junk, within the first kilobyte.
PDF_HEADER_WITHIN = 1024
_KIND_NAMES = {
    "pdf": "PDF",
    "docx": "Word (.docx)",
    "xlsx": "Excel (.xlsx)",
    "pptx": "PowerPoint (.pptx)",
    "txt": gettext_lazy("text (.txt)"),
    "csv": "CSV",
}


def _kinds_list():
    return "、".join(str(_KIND_NAMES[kind]) for kind in KINDS)


def _is_unsafe_char(char):
    # Cc: control characters; Cf: invisible formatting, e.g. U+202E, which shows
    # "資料‮fdp.exe" as "資料exe.pdf".
    return unicodedata.category(char) in ("Cc", "Cf") and char != "\u200d"


def clean_filename(name):
    """The name a file is shown and downloaded under: its last path part, in NFC.

    Directory parts (``/`` and ``\\``, as browsers on Windows send them) are
    dropped. A name with control or invisible formatting characters, or longer
    than 255 characters, is refused with a request to rename the file: cutting
    it short would silently give the material a name its uploader did not choose.
    """
    base = str(name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = unicodedata.normalize("NFC", base).strip()
    if any(_is_unsafe_char(char) for char in base):
        raise ValidationError(
            _(
                "The file name contains control characters or invisible characters. "
                "Rename the file and upload it again."
            ),
            code="filename_characters",
        )
    if base in ("", ".", ".."):
        raise ValidationError(
            _("The file has no name. Give it a name and upload it again."), code="filename_empty"
        )
    if len(base) > MAX_NAME_CHARS:
        raise ValidationError(
            _(
                "The file name is %(length)d characters long. Shorten it to at most %(limit)d "
                "characters, keeping the extension (.%(extension)s), and upload it again."
            )
            % {"length": len(base), "limit": MAX_NAME_CHARS, "extension": extension_of(base)},
            code="filename_length",
        )
    return base


def _size_of(upload):
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, 2)
        size = upload.tell()
        upload.seek(0)
    return size


def check_upload(name, upload):
    """The kind of ``upload`` (a Django UploadedFile or any seekable binary file) named ``name``.

    Raises ValidationError with a Japanese message saying what to do when it
    may not be stored; ``name`` goes through ``clean_filename`` first. Reads
    the file's head, the zip directory of an Office file, the page tree of a
    PDF, and decodes a text file; leaves the file at its start.
    """
    name = clean_filename(name)
    kind = kind_of(name)
    extension = extension_of(name)
    if kind is None:
        if extension in LEGACY_OFFICE:
            raise ValidationError(
                _(
                    "「%(name)s」 is in the old Office format (.%(old)s), which cannot be read. "
                    "Save it as .%(new)s and upload that."
                )
                % {"name": name, "old": extension, "new": LEGACY_OFFICE[extension]},
                code="legacy_office",
            )
        raise ValidationError(
            _("「%(name)s」 cannot be uploaded. Upload one of these kinds: %(kinds)s.")
            % {"name": name, "kinds": _kinds_list()},
            code="kind",
        )
    size = _size_of(upload)
    maximum = limit("MATERIALS_MAX_UPLOAD_BYTES")
    if size > maximum:
        raise ValidationError(
            _("「%(name)s」 is %(size)s MB; a file may be at most %(limit)s MB.")
            % {
                "name": name,
                "size": f"{size / 1024 / 1024:.1f}",
                "limit": f"{maximum / 1024 / 1024:g}",
            },
            code="size",
        )
    if size == 0:
        raise ValidationError(_("「%(name)s」 is empty.") % {"name": name}, code="empty")
    upload.seek(0)
    head = upload.read(PDF_HEADER_WITHIN)
    upload.seek(0)
    if head.startswith(EXECUTABLE_SIGNATURES):
        raise ValidationError(
            _("「%(name)s」 is a program, not a document, and cannot be uploaded.")
            % {"name": name},
            code="program",
        )
    try:
        if kind == PDF:
            _check_pdf(name, upload, head)
        elif kind in OFFICE_KINDS:
            _check_office(name, upload, head, kind)
        elif kind in PLAIN_KINDS:
            _check_plain(name, upload)
    finally:
        upload.seek(0)
    return kind


def _not_what_it_says(name, kind):
    return ValidationError(
        _(
            "「%(name)s」 is not a %(kind)s file, although its name says so. "
            "Check that you chose the right file, or save it again as %(kind)s."
        )
        % {"name": name, "kind": _KIND_NAMES[kind]},
        code="content",
    )


def _check_pdf(name, upload, head):
    if b"%PDF-" not in head:
        raise _not_what_it_says(name, PDF)
    pages = pdf.page_count(upload)
    maximum = limit("MATERIALS_MAX_PAGES")
    if pages is not None and pages > maximum:
        raise ValidationError(
            _("「%(name)s」 has %(pages)d pages; a PDF may have at most %(limit)d.")
            % {"name": name, "pages": pages, "limit": maximum},
            code="pages",
        )


def _check_office(name, upload, head, kind):
    if head.startswith(packages.CFB_MAGIC):
        if packages.is_encrypted_office(upload):
            return  # a password-protected file: stored, and reported as 暗号化 by extraction
        raise ValidationError(
            _(
                "「%(name)s」 is in the old Office format (Office 97-2003), although its name "
                "ends in .%(new)s. Save it as .%(new)s and upload that."
            )
            % {"name": name, "new": kind},
            code="legacy_office",
        )
    if not head.startswith(packages.ZIP_MAGIC):
        raise _not_what_it_says(name, kind)
    try:
        packages.check_package(upload, kind)
    except packages.PackageRefused as refused:
        if refused.problem == "macro":
            raise ValidationError(
                _(
                    "「%(name)s」 contains macros, which cannot be uploaded. "
                    "Save it without macros (.%(kind)s) and upload that."
                )
                % {"name": name, "kind": kind},
                code="macro",
            ) from None
        if refused.reason == "too_large":
            raise ValidationError(
                _(
                    "「%(name)s」 unpacks to far more than its size (it may be a "
                    "decompression bomb) and cannot be uploaded."
                )
                % {"name": name},
                code="bomb",
            ) from None
        raise _not_what_it_says(name, kind) from None


def _check_plain(name, upload):
    if plain.encoding_of(upload) is None:
        raise ValidationError(
            _(
                "「%(name)s」 is not text in UTF-8 or Shift_JIS (CP932). "
                "Save it as UTF-8 text and upload it again."
            )
            % {"name": name},
            code="encoding",
        )
