"""FAQs in the search results: readable snippets and the date the answer was last known right."""

from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from faq.models import FaqPage
from search import registry
from tests.factories import faq_home, live_faq

pytestmark = pytest.mark.django_db


def results(client, query):
    response = client.get(reverse("search:results"), {"q": query})
    return response.context["page"].object_list


@pytest.fixture
def printer_faq():
    return live_faq(
        faq_home(),
        "プリンターで印刷できません？",
        answer="用紙切れと紙詰まりを確認してください。",
        keywords="プリンタ 紙詰まり 複合機",
        tags=["印刷", "複合機"],
    )


def test_the_snippet_is_the_answer_without_keywords_or_tags(staff_client, printer_faq):
    (result,) = results(staff_client, "複合機")  # found by a keyword and a tag alone
    assert result["snippet_html"] == "用紙切れと紙詰まりを確認してください。"


def test_the_title_is_shown_as_written(staff_client, printer_faq):
    (result,) = results(staff_client, "印刷")
    assert result["title_html"] == "プリンターで<mark>印刷</mark>できません？"


def test_a_reviewed_faq_is_dated_by_its_last_review_not_its_import(staff_client, printer_faq):
    imported = timezone.now() - timedelta(days=400)
    reviewed = timezone.localdate() - timedelta(days=30)
    FaqPage.objects.filter(pk=printer_faq.pk).update(
        first_published_at=imported, last_published_at=imported, last_reviewed_on=reviewed
    )
    registry.update(FaqPage.objects.get(pk=printer_faq.pk))
    (result,) = results(staff_client, "印刷")
    assert timezone.localtime(result["hit"].date).date() == reviewed


def test_current_as_of_is_the_later_of_review_and_update():
    tokyo = timezone.get_default_timezone()
    page = FaqPage(
        last_published_at=datetime(2026, 3, 1, 10, tzinfo=tokyo),
        last_reviewed_on=date(2026, 6, 1),
    )
    assert page.current_as_of() == datetime(2026, 6, 1, tzinfo=tokyo)
    page.last_reviewed_on = date(2026, 1, 1)
    assert page.current_as_of() == datetime(2026, 3, 1, 10, tzinfo=tokyo)
    page.last_reviewed_on = None
    assert page.current_as_of() == datetime(2026, 3, 1, 10, tzinfo=tokyo)
