"""Export of the FAQs marked 公開可 (may be published), as CSV and JSON open data.

Columns (CSV) and keys (JSON), documented in README.md:
id, question, answer, category, tags, url, last_published_at, last_reviewed_on.
The CSV is UTF-8 with a BOM so that Excel opens it correctly; its question,
answer, category and tags columns import again with import_faq_csv.
"""

import csv
import json

from django.utils import timezone

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


def _category(page):
    """The FAQ categories above the page, below the FAQ home: 「ネットワーク > VPN」."""
    ancestors = page.get_ancestors().type(FaqIndexPage).filter(depth__gt=FAQ_HOME_DEPTH)
    return f" {CATEGORY_SEPARATOR} ".join(ancestor.title for ancestor in ancestors)


def public_faq_rows():
    pages = (
        FaqPage.objects.live()
        .filter(audience=FaqPage.Audience.PUBLIC)
        .order_by("path")
        .prefetch_related("tagged_items__tag")
    )
    return [
        {
            "id": page.pk,
            "question": page.title,
            "answer": page.answer_text(),
            "category": _category(page),
            "tags": ", ".join(sorted(item.tag.name for item in page.tagged_items.all())),
            "url": page.full_url or page.url,
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
    stream.write("\ufeff")
    writer = csv.DictWriter(stream, fieldnames=COLUMNS, lineterminator="\r\n")
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
