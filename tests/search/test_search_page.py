"""The search page: results, facets, snippets, the zero-result page, the log and bad input."""

from dataclasses import replace

import pytest
from django.urls import reverse
from wagtail.models import Page

from intranet.models import HomePage
from search import log
from search.backends import get_backend, reset_backends
from search.models import SearchClick, SearchQueryLog
from search.query import QueryWord
from search.text import query_terms
from tests.factories import DepartmentFactory, staff_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages():
    home = HomePage.objects.get()
    for number, title in enumerate(
        ["VPNに接続できない場合の対処方法", "プリンターの設定", "会議室の予約方法"]
    ):
        page = Page(title=title, slug=f"page-{number}")
        home.add_child(instance=page)
        page.save_revision().publish()


def search(client, **params):
    return client.get(reverse("search:results"), params)


def test_results_show_the_highlighted_title(staff_client, pages):
    response = search(staff_client, q="プリンタ")
    body = response.content.decode()
    assert response.context["total"] == 1
    assert "<mark>プリンター</mark>の設定" in body


def test_the_type_facet_lists_kinds_with_counts(staff_client, pages):
    staff_member(full_name="接続 太郎", full_name_kana="せつぞく たろう")
    response = search(staff_client, q="接続")
    facets = {value: count for value, _label, count in response.context["type_facets"]}
    assert facets == {"page": 1, "staff": 1}


FALLBACK_NOTICE = "すべての語を含む結果がないため、一部の語を含む結果を表示しています"


def listed(response):
    """(title, matched every word) of each result, in the order the page lists them."""
    return [
        (result["hit"].title, result["hit"].matched_all)
        for entry in response.context["entries"]
        for result in [entry["head"], *entry["parts"]]
        if result
    ]


def test_words_found_apart_are_one_list_under_the_notice(staff_client, pages):
    response = search(staff_client, q="会議室 駐車場")
    body = response.content.decode()
    assert response.context["total"] == 1
    assert listed(response) == [("会議室の予約方法", False)]
    assert "「会議室 駐車場」の検索結果：1件" in body
    assert body.index(FALLBACK_NOTICE) < body.index('class="result-list"')
    assert "一部の言葉に一致するページ" not in body
    assert "zero-results" not in body


def test_few_hits_with_every_word_come_first_and_the_others_are_marked(staff_client, pages):
    home = HomePage.objects.get()
    page = Page(title="会議室と駐車場の予約", slug="both")
    home.add_child(instance=page)
    page.save_revision().publish()
    response = search(staff_client, q="会議室 駐車場")
    body = response.content.decode()
    assert listed(response) == [("会議室と駐車場の予約", True), ("会議室の予約方法", False)]
    assert "すべての語を含む結果が少ないため、一部の語を含む結果も表示しています" in body
    assert body.count("一部の語のみ") == 1


def test_words_found_nowhere_point_to_the_it_desk(staff_client, pages):
    response = search(staff_client, q="年末調整 駐車場")
    body = response.content.decode()
    assert response.context["total"] == 0
    assert "一致するものは見つかりませんでした" in body
    assert "情報システム担当" in body and "zero-results" in body
    assert FALLBACK_NOTICE not in body


def test_a_search_that_found_only_some_of_its_words_is_logged_apart(staff_client, pages):
    search(staff_client, q="会議室 駐車場")
    search(staff_client, q="年末調整 駐車場")
    search(staff_client, q="会議室")
    logged = SearchQueryLog.objects.values_list("query", "hits", "all_words_hits")
    assert sorted(logged) == [("会議室", 1, 1), ("会議室 駐車場", 1, 0), ("年末調整 駐車場", 0, 0)]
    assert [row["query"] for row in log.zero_result_queries()] == ["年末調整 駐車場"]
    assert [row["query"] for row in log.partial_result_queries()] == ["会議室 駐車場"]


def test_a_capped_count_reads_as_a_lower_bound(staff_client, pages, monkeypatch):
    engine = get_backend()

    class Capped:
        def search(self, request):
            results = engine.search(request)
            return replace(results, total=1000, total_capped=True)

    monkeypatch.setattr("search.finder.get_backend", lambda name=None: Capped())
    response = search(staff_client, q="接続")
    body = response.content.decode()
    assert "「接続」の検索結果：1,000件以上" in body
    assert '<span class="facet__count">(1件以上)</span>' in body


def with_synonyms(parse):
    """The query parser, with the IT desk's group パソコン・PC・端末."""

    def parse_with_synonyms(text, prefix=False):
        added = (*query_terms("パソコン"), *query_terms("端末"))
        return [
            QueryWord(w.typed, (*w.terms, *added), synonyms=("パソコン", "端末"))
            if w.typed == "pc"
            else w
            for w in parse(text, prefix=prefix)
        ]

    return parse_with_synonyms


def test_the_words_synonyms_added_are_named_above_the_list(staff_client, monkeypatch):
    import search.backends.base as base

    monkeypatch.setattr(base, "parse", with_synonyms(base.parse))
    home = HomePage.objects.get()
    page = Page(title="PC・パソコン・端末の貸出", slug="pc")
    home.add_child(instance=page)
    page.save_revision().publish()
    response = search(staff_client, q="PC")
    body = response.content.decode()
    assert "パソコン・端末を含めて検索しました" in body
    assert response.context["total"] == 1


def test_a_search_without_synonyms_names_none(staff_client, pages):
    assert "を含めて検索しました" not in search(staff_client, q="署名").content.decode()


def test_a_search_is_logged_with_the_department_not_the_name(client, pages):
    section = DepartmentFactory(name="市民課")
    client.force_login(staff_member(department=section))
    search(client, q="  ＶＰＮ　接続 ")
    entry = SearchQueryLog.objects.get()
    assert (entry.query, entry.department, entry.hits) == ("vpn 接続", section, 1)
    assert not hasattr(entry, "user")


def test_opening_a_result_logs_the_click_and_its_rank(staff_client, pages):
    response = search(staff_client, q="接続")
    result = response.context["page"].object_list[0]
    opened = staff_client.get(result["href"])
    assert opened.status_code == 302
    assert opened["Location"] == result["hit"].url
    click = SearchClick.objects.get()
    assert (click.rank, click.document_key) == (1, result["hit"].key)


def test_the_click_redirect_refuses_other_sites(staff_client):
    response = staff_client.get(
        reverse("search:click"), {"to": "https://evil.example/", "log": "x"}
    )
    assert response["Location"] == reverse("search:results")
    assert not SearchClick.objects.exists()


def test_reversed_dates_are_explained_in_japanese(staff_client, pages):
    response = search(staff_client, q="接続", date_from="2026-12-01", date_to="2026-11-01")
    assert response.status_code == 200
    assert "終了日は開始日より後の日付にしてください" in response.content.decode()


def test_reversed_dates_keep_the_query_and_do_not_ask_for_words(staff_client, pages):
    response = search(staff_client, q="VPN 接続", date_from="2026-12-01", date_to="2026-11-01")
    body = response.content.decode()
    assert 'id="global-search" type="search" name="q" value="VPN 接続"' in body
    assert "検索条件を直してください" in body
    assert "上の検索欄に言葉を入力してください" not in body


def test_a_malformed_date_is_explained_not_a_500(staff_client, pages):
    response = search(staff_client, q="接続", date_from="2026-13-45")
    assert response.status_code == 200
    assert response.context["form"].errors["date_from"]


def test_a_10000_character_query_is_shortened_with_a_notice(staff_client, pages):
    response = search(staff_client, q="接続" * 5000)
    assert response.status_code == 200
    assert "最初の200文字" in response.content.decode()


@pytest.mark.parametrize("page", ["abc", "0", "-1", "9999"])
def test_odd_page_numbers_do_not_break_the_page(staff_client, pages, page):
    response = search(staff_client, q="接続", page=page)
    assert response.status_code == 200
    assert response.context["total"] == 1


@pytest.mark.parametrize(
    "query", ['"VPN" AND (接続', "title:*", "\\\\", "NEAR(a b)", "\x00\x1f😀", "x" * 10_000]
)
def test_search_syntax_never_raises(staff_client, pages, query):
    assert search(staff_client, q=query).status_code == 200


def test_an_unknown_type_filter_is_a_form_error(staff_client, pages):
    response = search(staff_client, q="接続", type="secret")
    assert response.status_code == 200
    assert response.context["form"].errors["type"]
    assert "正しく選択してください" in response.content.decode()


def test_paging_through_results_logs_the_search_once(staff_client):
    home = HomePage.objects.get()
    for number in range(25):
        page = Page(title=f"庁内通知 第{number}号", slug=f"n{number}")
        home.add_child(instance=page)
        page.save_revision().publish()
    first = search(staff_client, q="通知")
    second = staff_client.get(
        reverse("search:results") + "?" + first.context["query_string"] + "&page=2"
    )
    assert second.context["page"].number == 2
    assert len(second.context["page"].object_list) == 5
    assert SearchQueryLog.objects.count() == 1


def test_department_facets_link_to_a_narrowed_search(staff_client):
    section = DepartmentFactory(name="道路課")
    staff_member(full_name="道路 一郎", full_name_kana="どうろ いちろう", department=section)
    response = search(staff_client, q="道路")
    ((department, count, url),) = response.context["department_facets"]
    assert (department, count) == (section, 1)
    assert f"department={section.pk}" in url


def test_facet_counts_are_written_without_a_template_per_facet(staff_client):
    section = DepartmentFactory(name="道路課")
    staff_member(full_name="道路 一郎", full_name_kana="どうろ いちろう", department=section)
    response = search(staff_client, q="道路")
    body = response.content.decode()
    assert f'href="?q=%E9%81%93%E8%B7%AF&amp;department={section.pk}">道路課 (1)</a>' in body
    assert '<span class="facet__count">(1)</span></label>' in body
    assert "search/facet_count.html" not in [template.name for template in response.templates]


def test_an_unreachable_search_server_gets_a_japanese_message_not_an_error(staff_client, settings):
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens on the discard port
    reset_backends()
    response = staff_client.get(reverse("search:results"), {"q": "プリンター"})
    assert response.status_code == 503
    assert "検索サーバーに接続できません" in response.content.decode()


@pytest.mark.parametrize(
    ("field", "value"),
    [("date_from", "0001-01-01"), ("date_to", "9999-12-31"), ("date_from", "1899-12-31")],
)
def test_dates_far_in_the_past_or_future_are_explained(staff_client, pages, field, value):
    response = search(staff_client, q="接続", **{field: value})
    assert response.status_code == 200
    assert "1900年から2100年" in response.content.decode()


@pytest.mark.parametrize("page", ["9" * 20, "-" + "9" * 20, str(2**63)])
def test_a_huge_page_number_shows_the_last_page(staff_client, pages, page):
    response = search(staff_client, q="接続", page=page)
    assert response.status_code == 200
    assert response.context["total"] == 1


@pytest.mark.parametrize("log", ["9" * 20, "-1", "1:forged"])
def test_a_forged_log_id_on_a_later_page_starts_a_new_log_entry(staff_client, pages, log):
    response = search(staff_client, q="接続", log=log)
    assert response.status_code == 200
    assert SearchQueryLog.objects.count() == 1


@pytest.mark.parametrize(
    "params",
    [
        {"log": "1", "rank": "-5", "key": "faq:1", "to": "/"},
        {"log": "1", "rank": "9" * 20, "key": "faq:1", "to": "/"},
        {"log": "9" * 20, "rank": "1", "key": "x", "to": "/"},
        {"c": "forged"},
    ],
)
def test_a_click_that_was_not_shown_is_not_logged(staff_client, pages, params):
    search(staff_client, q="接続")
    response = staff_client.get(reverse("search:click"), params)
    assert response.status_code == 302
    assert not SearchClick.objects.exists()


def test_a_click_link_shown_to_one_user_logs_nothing_for_another(client, pages):
    client.force_login(staff_member())
    href = search(client, q="接続").context["page"].object_list[0]["href"]
    client.force_login(staff_member())
    client.get(href)
    assert not SearchClick.objects.exists()


def queries_for_a_page(staff_client, text):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = search(staff_client, q=text)
    return response, len(captured)


def test_a_page_of_twenty_hits_costs_as_many_queries_as_a_page_of_one(staff_client):
    """Nothing is looked up per hit: the sections the hits name come with their 部 at once."""
    from search.documents import SearchDocument

    sections = [
        DepartmentFactory(parent=DepartmentFactory(kind="bu", name=f"第{n}部"), name=f"{n}課")
        for n in range(20)
    ]
    get_backend().index(
        [
            SearchDocument(
                doc_type="page",
                object_id=str(n),
                title=f"庁舎の案内 {n}" if n else "会議室の予約",
                body="駐車場と会議室の場所をご案内します。",
                url=f"/guide/{n}/",
                department_id=section.pk,
            )
            for n, section in enumerate(sections)
        ]
    )
    search(staff_client, q="駐車場")  # the first page of a session fills caches
    one, queries_for_one = queries_for_a_page(staff_client, "予約")
    twenty, queries_for_twenty = queries_for_a_page(staff_client, "案内")
    assert one.context["total"] == 1 and len(twenty.context["page"].object_list) == 20
    assert queries_for_twenty == queries_for_one
    assert f"{sections[5].parent.name} {sections[5].name}" in twenty.content.decode()


def test_a_reading_typed_in_kana_is_marked_in_the_title_and_snippet(staff_client):
    home = HomePage.objects.get()
    page = Page(title="浮動小数点数の計算が合わない", slug="float")
    home.add_child(instance=page)
    page.save_revision().publish()
    response = search(staff_client, q="ふどうしょうすうてん")
    assert response.context["total"] == 1
    assert "<mark>浮動小数点数</mark>の計算が合わない" in response.content.decode()
