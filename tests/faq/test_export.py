"""Open-data export of 公開可 FAQs, and the CSV round trip: import → export → import."""

import csv
import io
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from faq.export import _category, category_titles, public_faq_rows
from faq.models import FaqIndexPage, FaqPage
from intranet.models import HomePage
from tests.faq.test_import_csv import CSV

pytestmark = pytest.mark.django_db


def faq_home(slug):
    page = HomePage.objects.get().add_child(instance=FaqIndexPage(title=slug, slug=slug))
    page.save_revision().publish()
    return page


def import_csv(tmp_path, content, parent, *extra):
    path = tmp_path / f"{parent}.csv"
    path.write_text(content, encoding="utf-8")
    call_command(
        "import_faq_csv",
        str(path),
        "--question-column",
        "question",
        "--answer-column",
        "answer",
        "--category-column",
        "category",
        "--tags-column",
        "tags",
        "--parent",
        parent,
        *extra,
        stdout=StringIO(),
        stderr=StringIO(),
    )


def snapshot(home):
    titles = category_titles()
    return sorted(
        (
            _category(page, titles),
            page.title,
            page.answer_text(),
            tuple(sorted(t.name for t in page.tags.all())),
        )
        for page in FaqPage.objects.descendant_of(home)
    )


@pytest.fixture
def imported(tmp_path):
    first = faq_home("first")
    content = CSV.replace("質問,回答,分類,タグ", "question,answer,category,tags")
    import_csv(tmp_path, content, "first", "--audience", "public")
    return first


def test_only_faqs_that_may_be_published_are_exported(staff_client, imported):
    FaqPage.objects.filter(title="プリンターが動かない").update(audience="staff")
    data = json.loads(staff_client.get(reverse("faq:export_json")).content)
    assert data["schema"] == "city-intranet-faq/1"
    assert [faq["question"] for faq in data["faqs"]] == ["VPNに接続できない"]
    assert data["faqs"][0]["category"] == "ネットワーク > VPN"


def test_the_csv_export_opens_in_excel(staff_client, imported):
    content = staff_client.get(reverse("faq:export_csv")).content.decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(content.lstrip("\ufeff"))))
    assert {row["question"] for row in rows} == {"VPNに接続できない", "プリンターが動かない"}


def test_import_export_import_gives_the_same_faqs(tmp_path, imported):
    out = StringIO()
    call_command("export_faq", "--format", "csv", stdout=out)
    second = faq_home("second")
    import_csv(tmp_path, out.getvalue().lstrip("\ufeff"), "second")
    assert snapshot(second) == snapshot(imported)
    assert len(snapshot(second)) == 2


def test_the_export_reads_the_categories_once_not_per_faq(tmp_path, imported):
    with CaptureQueriesContext(connection) as few:
        public_faq_rows()
    more = "question,answer,category,tags\r\n" + "".join(
        f"質問{n},回答{n},分類{n % 3} > 小分類{n},\r\n" for n in range(6)
    )
    import_csv(tmp_path, more, "first", "--audience", "public")
    with CaptureQueriesContext(connection) as many:
        rows = public_faq_rows()
    assert len(rows) == 8
    assert {row["category"] for row in rows if row["question"] == "質問4"} == {"分類1 > 小分類4"}
    assert len(many) == len(few)


def test_exported_addresses_use_the_configured_site_url(settings, client):
    from tests.factories import faq_home as make_faq_home
    from tests.factories import live_faq

    settings.WAGTAILADMIN_BASE_URL = "https://intranet.example.lg.jp/"
    live_faq(make_faq_home(), "公開できる質問", slug="q1", audience=FaqPage.Audience.PUBLIC)
    (row,) = public_faq_rows()
    assert row["url"] == "https://intranet.example.lg.jp/faq/q1/"
