"""FAQ pages in the intranet search, as their own type."""

from django.utils.translation import gettext_lazy as _

from intranet import visibility
from search import registry
from search.pages import page_document

from .models import FaqPage


def faq_body(page):
    # tagged_items is prefetched for rebuilds (see the queryset below).
    tags = " ".join(item.tag.name for item in page.tagged_items.all())
    return "\n".join(part for part in (page.answer_text(), page.keywords, tags) if part)


def faq_document(page):
    return page_document(page, doc_type="faq", body_of=faq_body)


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
