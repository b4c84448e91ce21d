"""Report attachments: one collection, stored under random names, downloaded through the rules.

Every attachment is a Wagtail document in ``COLLECTION_NAME``;
``intranet.files`` asks ``rules.may_download`` on every route to one. The
document of an anonymous report's attachment records no uploader and a
neutral title, so nothing in Wagtail's tables names the reporter. No role
manages the collection in the Wagtail admin.
"""

import uuid

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from intranet import files

from . import rules

COLLECTION_NAME = "ミス・ヒヤリハット報告の添付ファイル"


def collection():
    return files.collection(COLLECTION_NAME)


def store(upload, kind, user):
    """Save ``upload`` as a document of the reports' collection, under a random name."""
    document = get_document_model()(
        title="ミス・ヒヤリハット報告の添付ファイル", collection=collection(), uploaded_by_user=user
    )
    upload.seek(0)
    document.file.save(f"{uuid.uuid4().hex}.{kind}", ContentFile(upload.read()), save=False)
    document.save()
    return document


def forget_uploader(documents):
    """The documents of an anonymous report's attachments: no uploader recorded."""
    get_document_model().objects.filter(pk__in=[d.pk for d in documents]).update(
        uploaded_by_user=None
    )


def register():
    files.register_owner(COLLECTION_NAME, rules.may_download)
