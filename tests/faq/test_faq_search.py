"""FAQs in the search results: readable snippets and the date the answer was last known right."""

from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from faq.models import FaqPage
from faq.search import faq_boost, faq_document
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


def test_a_newer_and_more_read_faq_gets_a_higher_boost():
    from faq.models import FaqDailyViews

    home = faq_home()
    old = live_faq(home, "古い回答")
    new = live_faq(home, "新しい回答")
    long_ago = timezone.now() - timedelta(days=1000)
    FaqPage.objects.filter(pk=old.pk).update(
        first_published_at=long_ago, last_published_at=long_ago
    )
    FaqDailyViews.objects.create(page=new, day=timezone.localdate(), views=300)
    old_boost = faq_document(FaqPage.objects.get(pk=old.pk)).boost
    new_boost = faq_document(FaqPage.objects.get(pk=new.pk)).boost
    assert old_boost == 0.0
    assert 0.0 < new_boost <= 0.3


def test_the_rebuild_boosts_faqs_without_a_query_per_faq(django_assert_max_num_queries):
    from faq.models import FaqDailyViews

    home = faq_home()
    for n in range(5):
        page = live_faq(home, f"回答その{n}")
        FaqDailyViews.objects.create(page=page, day=timezone.localdate(), views=10 * n + 1)
    (faq_type,) = [t for t in registry.registered_types() if t.doc_type == "faq"]
    pages = list(faq_type.queryset())
    with django_assert_max_num_queries(0):
        boosts = [faq_boost(page, page.current_as_of()) for page in pages]
    assert boosts == sorted(set(boosts))  # more views, more boost
