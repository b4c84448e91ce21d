"""Export of the FAQs marked 公開可 (may be published), as CSV and JSON open data.

Columns (CSV) and keys (JSON), documented in README.md:
id, question, answer, category, tags, url, last_published_at, last_reviewed_on.
The CSV is UTF-8 with a BOM so that Excel opens it correctly; its question,
answer, category and tags columns import again with import_faq_csv.
"""

import json

from django.conf import settings
from django.utils import timezone

from intranet import csv_export
from intranet.visibility import public_pages

from .csv_import import CATEGORY_SEPARATOR
from .models import FaqIndexPage, FaqPage

SCHEMA = "city-intranet-faq/1"
COLUMNS = [
    "id",
    "question",
    "answer",
    "category",
    "tags",
    "url",
    "last_published_at",
    "last_reviewed_on",
]


# Root (1) › HomePage (2) › the FAQ home (3): categories start below it.
FAQ_HOME_DEPTH = 3


def _category(page, category_titles):
    """The FAQ categories above the page, below the FAQ home: 「ネットワーク > VPN」.

    Read from the page's tree path and the category titles loaded once, not
    with one ancestor query per FAQ.
    """
    depths = range(FAQ_HOME_DEPTH + 1, page.depth)
    prefixes = (page.path[: depth * page.steplen] for depth in depths)
    titles = [category_titles[prefix] for prefix in prefixes if prefix in category_titles]
    return f" {CATEGORY_SEPARATOR} ".join(titles)


def category_titles():
    """{tree path: title} of every FAQ category below the FAQ home."""
    categories = public_pages(FaqIndexPage.objects.filter(depth__gt=FAQ_HOME_DEPTH))
    return dict(categories.values_list("path", "title"))


def public_faq_rows():
    """The FAQs marked 公開可 that no view restriction (on them or above) keeps in.

    Addresses start with the site's configured address (WAGTAILADMIN_BASE_URL),
    not the host name Wagtail's site record happens to hold.
    """
    site_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    titles = category_titles()
    pages = (
        public_pages(FaqPage.objects.live())
        .filter(audience=FaqPage.Audience.PUBLIC)
        .order_by("path")
        .prefetch_related("tagged_items__tag")
    )
    return [
        {
            "id": page.pk,
            "question": page.title,
            "answer": page.answer_text(),
            "category": _category(page, titles),
            "tags": ", ".join(sorted(item.tag.name for item in page.tagged_items.all())),
            "url": site_url + page.url,
            "last_published_at": timezone.localtime(page.last_published_at).isoformat()
            if page.last_published_at
            else None,
            "last_reviewed_on": page.last_reviewed_on.isoformat()
            if page.last_reviewed_on
            else None,
        }
        for page in pages
    ]


def write_csv(rows, stream):
    writer = csv_export.dict_writer(stream, COLUMNS)
    writer.writeheader()
    writer.writerows(rows)


def to_json(rows):
    document = {
        "schema": SCHEMA,
        "generated_at": timezone.localtime().isoformat(),
        "count": len(rows),
        "faqs": rows,
    }
    return json.dumps(document, ensure_ascii=False, indent=2)
