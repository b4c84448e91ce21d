"""search.find, the one call apps make to search as a user; search.deferred_indexing."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page, PageViewRestriction

import search
from faq.bulk import add_live_page
from faq.models import FaqIndexPage
from intranet import roles
from intranet.models import HomePage
from search.backends import get_backend, reset_backends
from search.finder import FALLBACK_BELOW, Filters, Found, relaxed_minimum
from search.query import QueryWord
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
    assert found.terms == ("会議室", "会議", "室")  # the compound, then its parts to highlight


def test_a_page_past_the_last_shows_the_last(staff_user):
    for number in range(3):
        add_page(f"会議室の予約 その{number}")
    found = search.find(staff_user, "会議室", page=10**20, page_size=2)
    assert (found.page, len(found.hits), found.first_rank) == (2, 1, 3)


def test_match_any_finds_documents_with_some_of_the_words(staff_user):
    add_page("会議室の予約")
    found = search.find(staff_user, "会議室 存在しない語", match_any=True)
    assert (found.total, found.fallback) == (1, False)


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


def titles(found):
    return [(hit.title, hit.matched_all) for hit in found.hits]


def test_few_hits_with_every_word_go_on_with_hits_that_have_some(staff_user):
    add_page("駐車場の案内")
    add_page("会議室の予約")
    add_page("会議室と駐車場の予約")
    found = search.find(staff_user, "会議室 駐車場")
    assert titles(found)[0] == ("会議室と駐車場の予約", True)
    assert sorted(titles(found)[1:]) == [("会議室の予約", False), ("駐車場の案内", False)]
    assert (found.total, found.fallback, found.all_words_total) == (3, True, 1)
    assert found.type_counts == {"page": 3}


def test_nothing_with_every_word_shows_the_hits_with_some(staff_user):
    add_page("会議室の予約")
    found = search.find(staff_user, "会議室 存在しない語")
    assert titles(found) == [("会議室の予約", False)]
    assert (found.total, found.fallback, found.all_words_total) == (1, True, 0)


def test_a_handful_of_hits_with_every_word_need_no_fallback(staff_user):
    for number in range(FALLBACK_BELOW):
        add_page(f"会議室と駐車場 その{number}")
    add_page("会議室の予約")
    found = search.find(staff_user, "会議室 駐車場")
    assert (found.total, found.fallback) == (FALLBACK_BELOW, False)
    assert all(hit.matched_all for hit in found.hits)


def test_a_count_that_is_only_a_lower_bound_does_not_fall_back(staff_user):
    """Fewer than a handful counted, but more may match: the page must not say none has all."""
    add_page("会議室と駐車場 その1")
    add_page("会議室と駐車場 その2")
    add_page("会議室の予約")
    found = search.find(staff_user, "会議室 駐車場", count_cap=1)
    assert (found.total, found.total_capped, found.fallback) == (1, True, False)
    assert all(hit.matched_all for hit in found.hits)


def test_a_single_word_never_falls_back(staff_user):
    add_page("会議室の予約")
    found = search.find(staff_user, "駐車場")
    assert (found.total, found.fallback, found.hits) == (0, False, [])


def test_paging_through_the_merged_list_shows_every_hit_once_in_one_order(staff_user):
    add_page("会議室と駐車場の予約")
    add_page("会議室と駐車場の場所")
    for number in range(7):
        add_page(f"会議室の備品 その{number}" if number % 2 else f"駐車場の区画 その{number}")
    whole = search.find(staff_user, "会議室 駐車場")
    pages = [search.find(staff_user, "会議室 駐車場", page=n, page_size=3) for n in (1, 2, 3)]
    assert [hit.key for page in pages for hit in page.hits] == [hit.key for hit in whole.hits]
    assert [page.total for page in pages] == [9, 9, 9]
    assert [hit.matched_all for hit in whole.hits] == [True] * 2 + [False] * 7


def test_a_page_past_the_last_of_a_merged_list_shows_the_last(staff_user):
    add_page("会議室と駐車場の予約")
    for number in range(3):
        add_page(f"駐車場の区画 その{number}")
    found = search.find(staff_user, "会議室 駐車場", page=99, page_size=3)
    assert (found.page, found.total, len(found.hits), found.first_rank) == (2, 4, 1, 4)
    assert found.hits[0].matched_all is False


def test_the_fallback_shows_nothing_the_user_may_not_see(staff_user):
    add_page("会議室の予約")
    hidden = add_page("駐車場の秘密")
    restriction = PageViewRestriction.objects.create(
        page=hidden, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name=roles.IT_DESK)])
    hidden.save_revision().publish()
    found = search.find(staff_user, "会議室 駐車場")
    assert titles(found) == [("会議室の予約", False)]
    assert (found.total, found.type_counts) == (1, {"page": 1})


@pytest.mark.parametrize(("words", "minimum"), [(2, 1), (3, 2), (4, 2), (5, 3)])
def test_a_fallback_hit_has_at_least_half_the_words(words, minimum):
    assert relaxed_minimum(words) == minimum


class Recording:
    """The configured engine, remembering what it was asked."""

    def __init__(self, engine):
        self.engine, self.requests = engine, []

    def search(self, request):
        self.requests.append(request)
        return self.engine.search(request)


def test_the_fallback_asks_for_half_the_words_then_for_any(staff_user, monkeypatch):
    add_page("会議室の予約")
    engine = Recording(get_backend())
    monkeypatch.setattr("search.finder.get_backend", lambda name=None: engine)
    found = search.find(staff_user, "会議室 駐車場 公用車 給油")
    assert [(r.required, r.match_any) for r in engine.requests] == [
        (4, False),
        (2, False),
        (1, True),
    ]
    assert titles(found) == [("会議室の予約", False)]


def test_match_any_searches_once(staff_user, monkeypatch):
    engine = Recording(get_backend())
    monkeypatch.setattr("search.finder.get_backend", lambda name=None: engine)
    search.find(staff_user, "会議室 駐車場", match_any=True)
    assert len(engine.requests) == 1


def test_the_synonyms_of_every_word_are_listed_once():
    words = (
        QueryWord("pc", ("pc", "パソコン", "端末"), synonyms=("パソコン", "端末")),
        QueryWord("端末", ("端末", "pc"), synonyms=("PC",)),
    )
    assert Found(words=words).synonyms == ("パソコン", "端末", "PC")
