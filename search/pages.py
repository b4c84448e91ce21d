"""Wagtail pages in the search index: every live page, under its most specific registration.

Page types with a registration of their own (the FAQ's, say) are indexed by
it; every other page as a generic "page". A page is found only by the groups
its view restrictions allow; a password-protected page is not indexed at all,
since a search result cannot ask for its password.
"""

from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelsearch.index import SearchField
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import registry
from .documents import EVERY_STAFF_MEMBER, SearchDocument, group_token


def page_access(page):
    """Access tokens from the page's view restrictions (None: do not index)."""
    restrictions = list(page.get_view_restrictions())
    if not restrictions:
        return (EVERY_STAFF_MEMBER,)
    closest = max(restrictions, key=lambda restriction: restriction.page.depth)
    if closest.restriction_type == PageViewRestriction.PASSWORD:
        return None
    if closest.restriction_type == PageViewRestriction.GROUPS:
        return tuple(sorted(group_token(group.name) for group in closest.groups.all()))
    return (EVERY_STAFF_MEMBER,)


def page_body(page):
    """The text of the page's own search fields, title excepted."""
    texts = []
    for field in page.get_search_fields():
        if isinstance(field, SearchField) and field.field_name != "title":
            value = field.get_value(page)
            if isinstance(value, list | tuple):
                value = "\n".join(str(item) for item in value)
            if value:
                texts.append(strip_tags(str(value)))
    return "\n".join(texts)


def page_document(page, doc_type="page", body_of=page_body):
    page = page.specific
    if not page.live or page.depth < 2:
        return None
    access = page_access(page)
    if access is None:
        return None
    return SearchDocument(
        doc_type=doc_type,
        object_id=str(page.pk),
        title=page.title,
        body=body_of(page),
        url=page.get_url() or page.url_path,
        date=page.last_published_at or page.first_published_at,
        access=access,
    )


def register_pages():
    registry.register(
        registry.IndexedType(
            doc_type="page",
            label=_("Intranet pages"),
            model=Page,
            to_document=page_document,
            queryset=lambda: Page.objects.live().filter(depth__gt=1).specific(),
            is_page=True,
        )
    )


@receiver(page_published, dispatch_uid="search.page_published")
def _page_published(sender, instance, **kwargs):
    registry.update(instance.specific)


@receiver(page_unpublished, dispatch_uid="search.page_unpublished")
def _page_unpublished(sender, instance, **kwargs):
    registry.remove(instance.specific)


@receiver(post_delete, dispatch_uid="search.page_deleted")
def _page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        registry.remove(instance)


@receiver(post_page_move, dispatch_uid="search.page_moved")
def _page_moved(sender, instance, **kwargs):
    for page in Page.objects.descendant_of(instance, inclusive=True).live().specific():
        registry.update(page)
