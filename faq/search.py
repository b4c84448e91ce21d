"""FAQ pages in the intranet search, as their own type."""

from dataclasses import replace

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


def faq_document(page):
    document = page_document(page, doc_type="faq", body_of=faq_body)
    if document is None:
        return None
    return replace(document, keywords=faq_keywords(page), date=page.current_as_of())


def register_faq():
    registry.register(
        registry.IndexedType(
            doc_type="faq",
            label=_("FAQ"),
            model=FaqPage,
            to_document=faq_document,
            queryset=lambda: FaqPage.objects.live().prefetch_related("tagged_items__tag"),
            is_page=True,
            visible_to=visibility.can_view_page,
        )
    )
