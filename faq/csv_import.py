"""Import FAQs from a CSV file: UTF-8 (with or without BOM) or CP932, all rows or none.

Every row is checked before anything is written. Bad rows are reported with
their line number and what is wrong; unless ``skip_bad_rows`` is set, one bad
row stops the whole import. The import runs in one transaction.
"""

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.rich_text import RichText

import search
from intranet.csv_export import unescape_cell
from intranet.privacy.findings import listed
from intranet.privacy.pages import publishing_blockers

from .bulk import add_live_page
from .models import FaqIndexPage, FaqPage
from .text import plain_text_to_html

MAX_BYTES = 30 * 1024 * 1024
MAX_QUESTION_CHARS = 255
MAX_ANSWER_CHARS = 50_000
MAX_CATEGORY_DEPTH = 8
MAX_CATEGORY_CHARS = 255
MAX_TAG_CHARS = 100
MAX_CATEGORY_SLUG_CHARS = 50
CATEGORY_SEPARATOR = ">"
_TAG_SEPARATORS = re.compile(r"[,、，;；]")
# Control characters never belong in an FAQ (PostgreSQL refuses NUL outright);
# an answer keeps its line breaks and tabs.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LINE_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

# A cell may be as large as the file; the answer's own limit is checked per row.
csv.field_size_limit(max(csv.field_size_limit(), MAX_BYTES))


class ImportRefused(Exception):
    """The file as a whole cannot be imported (size, encoding, columns)."""


@dataclass
class RowProblem:
    line: int
    message: str


@dataclass
class ImportRow:
    line: int
    question: str
    answer: str
    category: list[str]
    tags: list[str]


@dataclass
class ImportReport:
    rows: list[ImportRow] = field(default_factory=list)
    errors: list[RowProblem] = field(default_factory=list)
    warnings: list[RowProblem] = field(default_factory=list)
    created: int = 0
    encoding: str = ""


def decode(data):
    """The text of the file and the encoding found: UTF-8 (BOM or not) or CP932."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "UTF-8 (BOM)"
    for encoding, label in (("utf-8", "UTF-8"), ("cp932", "CP932 (Shift_JIS)")):
        try:
            return data.decode(encoding), label
        except UnicodeDecodeError:
            continue
    raise ImportRefused(
        _(
            "The file is neither UTF-8 nor Shift_JIS (CP932), or mixes encodings. "
            "Save it again from Excel as 'CSV UTF-8' and retry."
        )
    )


def slug_for(text, prefix="q"):
    """A stable slug: the same question (or category) always gets the same address."""
    return f"{prefix}-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def category_slug(title, parent):
    """A readable address for a new category under ``parent``: its title, as Wagtail allows.

    Japanese stays Japanese (/faq/python-開発/, which browsers show as
    written); a title with no letters at all falls back to ``slug_for``.
    A sibling with the same slug gets -2, -3 … added.
    """
    base = slugify(title, allow_unicode=True)[:MAX_CATEGORY_SLUG_CHARS].strip("-")
    base = base or slug_for(title, "c")
    taken = set(parent.get_children().values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def check_size(size):
    """Refuse a file over MAX_BYTES (callers check the size before reading the file)."""
    if size > MAX_BYTES:
        raise ImportRefused(
            _("The file is %(size)d MB; the limit is %(limit)d MB. Split it and import the parts.")
            % {"size": size // 2**20, "limit": MAX_BYTES // 2**20}
        )


def read_rows(data, question_column, answer_column, category_column=None, tags_column=None):
    """Parse and check every row; nothing is written."""
    check_size(len(data))
    text, encoding = decode(data)
    report = ImportReport(encoding=encoding)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [name.strip() for name in next(reader)]
    except StopIteration:
        raise ImportRefused(_("The file is empty.")) from None
    except csv.Error as error:
        raise _unreadable(reader, error) from None
    wanted = [c for c in (question_column, answer_column, category_column, tags_column) if c]
    missing = [name for name in wanted if name not in header]
    if missing:
        raise ImportRefused(
            _("Column(s) %(missing)s not found. The file has: %(found)s.")
            % {"missing": "、".join(missing), "found": "、".join(header) or "—"}
        )
    index = {name: header.index(name) for name in wanted}
    seen = {}
    previous_end = reader.line_num
    for values in _rows(reader):
        line = previous_end + 1
        previous_end = reader.line_num
        if not any(value.strip() for value in values):
            continue
        row = {
            column: unescape_cell(values[position].strip()) if position < len(values) else ""
            for column, position in index.items()
        }
        question = " ".join(_LINE_CONTROL.sub(" ", row[question_column]).split())
        answer = _CONTROL.sub("", row[answer_column])
        category = [
            " ".join(_LINE_CONTROL.sub(" ", part).split())
            for part in row.get(category_column, "").split(CATEGORY_SEPARATOR)
        ]
        category = [part for part in category if part]
        tags = [
            " ".join(_LINE_CONTROL.sub(" ", tag).split())
            for tag in _TAG_SEPARATORS.split(row.get(tags_column, ""))
        ]
        tags = [tag for tag in tags if tag]
        problem = _row_problem(values, header, question, answer) or _place_problem(category, tags)
        if problem:
            report.errors.append(RowProblem(line, problem))
            continue
        if question in seen:
            message = _("Same question as line %(line)d; this row is skipped.")
            report.warnings.append(RowProblem(line, message % {"line": seen[question]}))
            continue
        seen[question] = line
        report.rows.append(ImportRow(line, question, answer, category, tags))
    return report


def _rows(reader):
    try:
        yield from reader
    except csv.Error as error:
        raise _unreadable(reader, error) from None


def _unreadable(reader, error):
    return ImportRefused(
        _(
            "Line %(line)d cannot be read as CSV (%(error)s). Check its quotes, "
            "or save the file again from Excel as 'CSV UTF-8'."
        )
        % {"line": reader.line_num, "error": error}
    )


def _row_problem(values, header, question, answer):
    if len(values) != len(header):
        return _("The row has %(cells)d cells; the header has %(columns)d.") % {
            "cells": len(values),
            "columns": len(header),
        }
    if not question:
        return _("The question is empty.")
    if len(question) > MAX_QUESTION_CHARS:
        return _("The question is longer than %(limit)d characters.") % {
            "limit": MAX_QUESTION_CHARS
        }
    if not answer.strip():
        return _("The answer is empty.")
    if len(answer) > MAX_ANSWER_CHARS:
        return _(
            "The answer is %(length)d characters; the limit is %(limit)d. "
            "Shorten it or attach the details as a document."
        ) % {"length": len(answer), "limit": MAX_ANSWER_CHARS}
    return None


def _place_problem(category, tags):
    if len(category) > MAX_CATEGORY_DEPTH:
        return _("The category is %(depth)d levels deep; at most %(limit)d levels are allowed.") % {
            "depth": len(category),
            "limit": MAX_CATEGORY_DEPTH,
        }
    if any(len(part) > MAX_CATEGORY_CHARS for part in category):
        return _("A category name is longer than %(limit)d characters.") % {
            "limit": MAX_CATEGORY_CHARS
        }
    if any(len(tag) > MAX_TAG_CHARS for tag in tags):
        return _("A tag is longer than %(limit)d characters.") % {"limit": MAX_TAG_CHARS}
    return None


def _category_page(parent, path, cache, user):
    page = parent
    for depth in range(len(path)):
        key = (parent.pk, tuple(path[: depth + 1]))
        if key not in cache:
            existing = FaqIndexPage.objects.child_of(page).filter(title=path[depth]).first()
            if existing is None:
                existing = add_live_page(
                    page,
                    FaqIndexPage(title=path[depth], slug=category_slug(path[depth], page)),
                    user,
                )
            cache[key] = existing
        page = cache[key]
    return page


@transaction.atomic
def import_rows(report, parent, skip_bad_rows=False, user=None, audience=None):
    """Create published FAQ pages for the checked rows; existing questions are skipped."""
    if report.errors and not skip_bad_rows:
        return report
    with search.deferred_indexing(wagtail_models=[FaqPage, FaqIndexPage]):
        _create_pages(report, parent, user, audience or FaqPage.Audience.STAFF_ONLY)
    return report


def _create_pages(report, parent, user, audience):
    existing = set(FaqPage.objects.descendant_of(parent).values_list("title", flat=True))
    cache = {}
    for row in report.rows:
        if row.question in existing:
            message = _("This question already exists; the row is skipped.")
            report.warnings.append(RowProblem(row.line, message))
            continue
        category = _category_page(parent, row.category, cache, user)
        page = FaqPage(
            title=row.question,
            slug=slug_for(row.question),
            answer=[("paragraph", RichText(plain_text_to_html(row.answer)))],
            audience=audience,
        )
        page.tags.set(row.tags)
        if audience == FaqPage.Audience.PUBLIC:
            _keep_personal_data_inside(page, row, report)
        add_live_page(category, page, user)
        existing.add(row.question)
        report.created += 1


def _keep_personal_data_inside(page, row, report):
    """A row meant for 公開可 with personal data in it is imported as 職員のみ, and said so.

    Nothing is lost and nothing leaves the office: a reviewer removes the data
    or records why it is not personal data, then marks the FAQ 公開可.
    """
    found = publishing_blockers(page)
    if found:
        page.audience = FaqPage.Audience.STAFF_ONLY
        message = _(
            "This row seems to contain personal data (%(findings)s), so it was imported "
            "as staff only."
        ) % {"findings": listed(found)}
        report.warnings.append(RowProblem(row.line, message))

