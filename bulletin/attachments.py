"""Files attached to notices: checked before they are stored, served only to the audience.

An attachment is a Wagtail document in its own collection, stored under a
random name and titled neutrally. No role manages that collection in the
Wagtail admin; every route to the file (the notice's own view, Wagtail's
document address, the storage's address) asks ``may_download`` through
``intranet.files``, and the notice's view sends it under the name it was sent with.
"""

import os
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model

from intranet import files

from . import rules
from .models import NoticeAttachment, NoticeAttachmentVersion

COLLECTION_NAME = "お知らせの添付ファイル"
# Programs and scripts never; macro-enabled Office files only when the city allows them.
BLOCKED_EXTENSIONS = frozenset(
    {
        "exe",
        "com",
        "bat",
        "cmd",
        "scr",
        "msi",
        "js",
        "jse",
        "vbs",
        "vbe",
        "wsf",
        "ps1",
        "jar",
        "hta",
        "lnk",
        "dll",
        "sh",
    }
)
MACRO_EXTENSIONS = frozenset({"docm", "dotm", "xlsm", "xltm", "xlam", "pptm", "potm", "ppsm"})
EXECUTABLE_SIGNATURES = (b"MZ", b"\x7fELF", b"#!")


def max_bytes():
    return settings.BULLETIN_ATTACHMENT_MAX_BYTES


def allowed_extensions():
    allowed = set(settings.WAGTAILDOCS_EXTENSIONS)
    if settings.BULLETIN_ALLOW_MACRO_ATTACHMENTS:
        allowed |= MACRO_EXTENSIONS
    return allowed


def extension_of(name):
    return os.path.splitext(name)[1].lstrip(".").lower()


def validate(upload):
    """Raise a ValidationError in Japanese when ``upload`` may not be attached."""
    name = os.path.basename(upload.name or "")
    extension = extension_of(name)
    if upload.size > max_bytes():
        raise ValidationError(
            _("「%(name)s」 is %(size)s MB; attachments may be at most %(limit)s MB.")
            % {
                "name": name,
                "size": f"{upload.size / 1_000_000:.1f}",
                "limit": f"{max_bytes() / 1_000_000:g}",
            }
        )
    if extension in BLOCKED_EXTENSIONS:
        raise ValidationError(
            _("「%(name)s」 is a program or script, which cannot be attached.") % {"name": name}
        )
    if extension in MACRO_EXTENSIONS and extension not in allowed_extensions():
        raise ValidationError(
            _(
                "「%(name)s」 is an Office file with macros, which cannot be attached. "
                "Save it without macros (.docx, .xlsx, .pptx) and attach that."
            )
            % {"name": name}
        )
    if extension not in allowed_extensions():
        raise ValidationError(
            _("「%(name)s」 cannot be attached. Attach one of these kinds: %(kinds)s.")
            % {"name": name, "kinds": "、".join(sorted(allowed_extensions()))}
        )
    head = upload.read(4)
    upload.seek(0)
    if head.startswith(EXECUTABLE_SIGNATURES):
        raise ValidationError(
            _("「%(name)s」 is a program, not a document, and cannot be attached.") % {"name": name}
        )


def collection():
    """The collection that holds every notice attachment (made on first use)."""
    return files.collection(COLLECTION_NAME)


def may_download(user, document):
    """A notice's file, current or earlier version, is for those who may open the notice.

    ``intranet.files`` asks this on every route a file can be fetched by.
    """
    notice = notice_of(document)
    return notice is not None and rules.can_open(user, notice)


def _store(upload, user):
    """Save ``upload`` as a document of the collection, under a random name."""
    extension = extension_of(upload.name)
    document = get_document_model()(
        title=_("Notice attachment"),
        collection=collection(),
        uploaded_by_user=user,
    )
    upload.seek(0)
    document.file.save(f"{uuid.uuid4().hex}.{extension}", ContentFile(upload.read()), save=False)
    document.save()
    return document


def _name_of(upload):
    return os.path.basename(upload.name)[:255]


@transaction.atomic
def attach(notice, upload, user):
    """Store ``upload`` as a document of ``notice``; returns the attachment."""
    return NoticeAttachment.objects.create(
        notice=notice, document=_store(upload, user), file_name=_name_of(upload)
    )


@transaction.atomic
def replace(attachment, upload, user, now=None):
    """Make ``upload`` the attachment's current file; the file it had becomes an earlier version.

    Readers see the attachment marked 「添付ファイル更新」 with ``replaced_at``,
    and may still download the earlier versions from the notice.
    """
    now = now or timezone.now()
    NoticeAttachmentVersion.objects.create(
        attachment=attachment,
        document=attachment.document,
        file_name=attachment.file_name,
        superseded_at=now,
    )
    attachment.document = _store(upload, user)
    attachment.file_name = _name_of(upload)
    attachment.replaced_at = now
    attachment.save(update_fields=["document", "file_name", "replaced_at"])
    return attachment


@transaction.atomic
def remove(attachment):
    """Take an attachment off its notice, with every version of its file.

    A file attached by mistake (the wrong list, someone's personal data)
    must be gone when the sender removes it, so no version is kept; the
    documents' files are deleted once the transaction commits (Wagtail).
    """
    documents = [attachment.document_id, *attachment.versions.values_list("document_id", flat=True)]
    get_document_model().objects.filter(pk__in=documents).delete()


def notice_of(document):
    """The notice whose attachment (current or earlier version) ``document`` is, or None."""
    attachment = (
        NoticeAttachment.objects.filter(Q(document=document) | Q(versions__document=document))
        .select_related("notice")
        .first()
    )
    return attachment.notice if attachment is not None else None
