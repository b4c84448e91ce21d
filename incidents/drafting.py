"""The writer's own drafts: starting one, taking a file off it, throwing it away.

Only the draft's owner reaches these (the views look the draft up by owner);
a file taken off a draft, or a draft thrown away, takes its stored documents
with it, since nothing else refers to them.
"""

from django.db import transaction

from . import services
from .models import ReportAttachment, ReportDraft


def default_data(user):
    """A new report starts in the writer's own department."""
    profile = getattr(user, "staff_profile", None)
    return {"department": str(profile.department_id)} if profile else {}


def start_draft(user):
    """A new draft, or the writer's untouched one left from a moment ago (no pile of empties)."""
    fresh = default_data(user)
    for draft in ReportDraft.objects.filter(owner=user, attachments__isnull=True)[:20]:
        if draft.data in ({}, fresh):
            return draft
    return services.save_draft(user, fresh)


def _delete_documents(document_ids):
    from wagtail.documents import get_document_model

    for document in get_document_model().objects.filter(pk__in=document_ids):
        storage, name = document.file.storage, document.file.name
        document.delete()
        # The stored file goes once the rows are gone for good.
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name), robust=True)


@transaction.atomic
def remove_attachment(draft, attachment_pk):
    """Take one file off the draft; False if it is not on this draft."""
    attachment = ReportAttachment.objects.filter(draft=draft, pk=attachment_pk).first()
    if attachment is None:
        return False
    attachment.delete()
    _delete_documents([attachment.document_id])
    return True


@transaction.atomic
def discard(draft):
    document_ids = list(draft.attachments.values_list("document_id", flat=True))
    draft.attachments.all().delete()
    draft.delete()
    _delete_documents(document_ids)
