"""Wagtail pages in the search index: every live page, under its most specific registration.

Page types with a registration of their own (the FAQ's, say) are indexed by
it; every other page as a generic "page". A page is found only by those who
pass every view restriction on it and above it (``intranet.visibility``); a
password-protected page is not indexed at all, since a search result cannot
ask for its password. Adding, changing or removing a restriction, and moving
a page, reindexes the pages below it.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelsearch.index import SearchField
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from intranet import visibility

from . import registry
from .documents import EVERY_STAFF_MEMBER, SearchDocument, area_token

# A page with pages below it (an FAQ category, the FAQ home) mostly lists them: their
# titles, or the topics they cover. A search for one word of those titles should find
# the page that answers, so such a page ranks a little lower (SearchDocument.boost).
LISTING_BOOST = -0.5


def page_access(page):
    """Access tokens from the view restrictions on the page and above it (None: do not index)."""
    area = visibility.restricted_area_of(page)
    if area == "password":
        return None
    if area is None:
        return (EVERY_STAFF_MEMBER,)
    return (area_token(area),)


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


def page_boost(page):
    """A little lower for a page that lists the pages below it (see LISTING_BOOST)."""
    return LISTING_BOOST if page.numchild else 0.0


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
        boost=page_boost(page),
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
            visible_to=visibility.can_view_page,
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


def reindex_pages_under(page_ids):
    """Reindex every live page at or below these pages, in one batch."""
    with visibility.restrictions_snapshot(), registry.batched_updates():
        for page in visibility.pages_under(page_ids).specific():
            registry.update(page)


@receiver(post_page_move, dispatch_uid="search.page_moved")
def _page_moved(sender, instance, **kwargs):
    reindex_pages_under([instance.pk])


@receiver(post_save, sender=PageViewRestriction, dispatch_uid="search.restriction_saved")
@receiver(post_delete, sender=PageViewRestriction, dispatch_uid="search.restriction_deleted")
def _restriction_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        reindex_pages_under([instance.page_id])


# A restriction's groups are not reindexed on change: a document names its
# restricted area, and who may enter an area is read when someone searches.
