"""search.find, the one call apps make to search as a user; search.deferred_indexing."""

import pytest
from wagtail.models import Page

import search
from faq.bulk import add_live_page
from faq.models import FaqIndexPage
from intranet.models import HomePage
from search.backends import reset_backends
from search.finder import Filters
from tests.factories import DepartmentFactory, staff_member

pytestmark = pytest.mark.django_db


def add_page(title):
    return add_live_page(HomePage.objects.get(), Page(title=title, slug=f"p{Page.objects.count()}"))


def test_find_returns_hits_the_total_and_facets(staff_user):
    for number in range(3):
        add_page(f"会議室の予約 その{number}")
    found = search.find(staff_user, "会議室", page_size=2)
    assert (found.total, len(found.hits), found.unavailable) == (3, 2, False)
    assert found.type_counts == {"page": 3}
    assert found.terms == ("会議室",)


def test_a_page_past_the_last_shows_the_last(staff_user):
    for number in range(3):
        add_page(f"会議室の予約 その{number}")
    found = search.find(staff_user, "会議室", page=10**20, page_size=2)
    assert (found.page, len(found.hits), found.first_rank) == (2, 1, 3)


def test_match_any_finds_documents_with_some_of_the_words(staff_user):
    add_page("会議室の予約")
    assert search.find(staff_user, "会議室 存在しない語").total == 0
    assert search.find(staff_user, "会議室 存在しない語", match_any=True).total == 1


def test_filters_narrow_by_department(staff_user):
    section = DepartmentFactory(name="道路課")
    staff_member(full_name="道路 一郎", full_name_kana="どうろ いちろう", department=section)
    staff_member(full_name="道路 二郎", full_name_kana="どうろ じろう")
    found = search.find(staff_user, "道路", filters=Filters(department_ids=(section.pk,)))
    assert [hit.title for hit in found.hits] == ["道路 一郎"]


def test_an_unreachable_engine_is_a_result_not_an_exception(staff_user, settings):
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    reset_backends()
    try:
        found = search.find(staff_user, "会議室")
    finally:
        reset_backends()
    assert found.unavailable and found.hits == [] and found.total == 0


def test_deferred_indexing_indexes_once_at_the_end_in_both_indexes(staff_user):
    home = HomePage.objects.get()
    with search.deferred_indexing(wagtail_models=[FaqIndexPage]):
        add_live_page(home, FaqIndexPage(title="庁内ネットワーク", slug="network"))
        assert search.find(staff_user, "ネットワーク").total == 0
        assert list(FaqIndexPage.objects.search("ネットワーク")) == []
    assert search.find(staff_user, "ネットワーク").total == 1
    assert [page.title for page in FaqIndexPage.objects.search("ネットワーク")] == [
        "庁内ネットワーク"
    ]
    # Saves after the block are indexed one by one again.
    add_live_page(home, FaqIndexPage(title="ネットワークの設定", slug="settings"))
    assert len(FaqIndexPage.objects.search("ネットワーク")) == 2
