"""Notices in the intranet search: found by their audience only, until withdrawn.

A department-only notice carries access tokens for exactly its audience
(``search.documents``), so the engines never return it to anyone else. A
scheduled notice is not indexed until it starts (``publishing.save_notice``
queues the reindex for that moment); an archived one stays findable.
"""

from django.utils.translation import gettext_lazy as _

from intranet.sanitize import html_to_plain_text
from search import registry
from search.documents import (
    EVERY_STAFF_MEMBER,
    SearchDocument,
    department_member_token,
    department_token,
)

from .models import Notice


def access_tokens(notice):
    if notice.audience_all:
        return (EVERY_STAFF_MEMBER,)
    return tuple(
        department_token(row.department_id)
        if row.include_sections
        else department_member_token(row.department_id)
        for row in notice.audience.all()
    )


def notice_document(notice):
    if notice.is_withdrawn or not notice.is_out():
        return None
    return SearchDocument(
        doc_type="notice",
        object_id=str(notice.pk),
        title=notice.title,
        body=html_to_plain_text(notice.body),
        url=notice.get_absolute_url(),
        date=notice.revised_at or notice.starts_at,
        department_id=notice.sender_id,
        access=access_tokens(notice),
        keywords=notice.category.name,
    )


def visible_to(user, notice):
    return notice.is_visible_to(user)


def register_notices():
    registry.register(
        registry.IndexedType(
            doc_type="notice",
            label=_("Notices"),
            model=Notice,
            to_document=notice_document,
            queryset=lambda: Notice.objects.select_related("category").prefetch_related("audience"),
            visible_to=visible_to,
        )
    )
