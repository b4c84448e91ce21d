"""The materials' files: one collection, stored under random names, downloaded through the rules.

Every version of every material is a Wagtail document in the collection
``COLLECTION_NAME``; ``intranet.files`` asks ``may_download`` on every route
to one (the material's download view, Wagtail's document address, the
storage's own address). No role manages the collection in the Wagtail
admin: materials are uploaded and replaced on their own pages.
"""

import uuid

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from intranet import files

from . import rules
from .models import MaterialVersion

COLLECTION_NAME = "会議資料・様式・統計資料"


def collection():
    return files.collection(COLLECTION_NAME)


def store(upload, kind, title, user):
    """Save ``upload`` as a document of the materials' collection, under a random name."""
    document = get_document_model()(
        title=title[:255], collection=collection(), uploaded_by_user=user
    )
    upload.seek(0)
    document.file.save(f"{uuid.uuid4().hex}.{kind}", ContentFile(upload.read()), save=False)
    document.save()
    return document


def version_of(document):
    return (
        MaterialVersion.objects.filter(document=document)
        .select_related("material__meeting__series")
        .first()
    )


def may_download(user, document):
    """A file of a material, current or earlier version, is for those who may read the material."""
    version = version_of(document)
    return version is not None and rules.can_view(user, version.material)


def register():
    files.register_owner(COLLECTION_NAME, may_download)
