"""FAQ pages in the intranet search, as their own type."""

import math
from dataclasses import replace

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intranet import visibility
from search import registry
from search.pages import page_document

from .models import FaqPage


def faq_body(page):
    """What a reader sees in a result's snippet: the answer, as text."""
    return page.answer_text()


def faq_keywords(page):
    """Words that find the FAQ without being shown: its keywords and tags."""
    # tagged_items is prefetched for rebuilds (see the queryset below).
    tags = " ".join(item.tag.name for item in page.tagged_items.all())
    return " ".join(part for part in (page.keywords, tags) if part)


# The rank nudge (SearchDocument.boost) of an FAQ: up to RECENCY_BOOST for an answer
# known right today (none once it is FRESH_DAYS old), up to VIEWS_BOOST for one read
# MANY_VIEWS times or more (on a log scale: the first readers count most).
RECENCY_BOOST = 0.15
FRESH_DAYS = 730
VIEWS_BOOST = 0.15
MANY_VIEWS = 1000


def faq_views(page):
    """How often the FAQ was read: annotated by the rebuild's queryset, else one query."""
    views = getattr(page, "search_views", None)
    return page.total_views() if views is None else views


def faq_boost(page, current_as_of):
    """Newer and more-read answers a little higher; cheap (see ``faq_views``)."""
    age = (timezone.now() - current_as_of).days if current_as_of else FRESH_DAYS
    recency = min(1.0, max(0.0, 1 - age / FRESH_DAYS))
    popularity = min(1.0, math.log1p(faq_views(page)) / math.log1p(MANY_VIEWS))
    return round(RECENCY_BOOST * recency + VIEWS_BOOST * popularity, 4)


def faq_document(page):
    document = page_document(page, doc_type="faq", body_of=faq_body)
    if document is None:
        return None
    current = page.current_as_of()
    return replace(
        document,
        keywords=faq_keywords(page),
        date=current,
        boost=faq_boost(page, current),
    )


def register_faq():
    registry.register(
        registry.IndexedType(
            doc_type="faq",
            label=_("FAQ"),
            model=FaqPage,
            to_document=faq_document,
            queryset=lambda: (
                FaqPage.objects.live()
                .prefetch_related("tagged_items__tag")
                .annotate(search_views=Sum("daily_views__views", default=0))
            ),
            is_page=True,
            visible_to=visibility.can_view_page,
        )
    )
