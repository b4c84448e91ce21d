"""Search reports for the IT desk: top, zero-result and unclicked searches, with CSV export."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from search import log
from search.models import SearchClick, SearchQueryLog
from tests.factories import staff_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def searches():
    for query, hits in [
        ("vpn", 3),
        ("vpn", 3),
        ("vpn", 3),
        ("年末調整", 0),
        ("年末調整", 0),
        ("会議室", 2),
    ]:
        SearchQueryLog.objects.create(query=query, hits=hits)
    clicked = SearchQueryLog.objects.filter(query="vpn").first()
    SearchClick.objects.create(log=clicked, document_key="page:3", rank=1)


def test_top_queries_count_searches(searches):
    assert [(r["query"], r["searches"]) for r in log.top_queries()] == [
        ("vpn", 3),
        ("年末調整", 2),
        ("会議室", 1),
    ]


def test_zero_result_queries(searches):
    assert [r["query"] for r in log.zero_result_queries()] == ["年末調整"]


def test_queries_whose_results_nobody_opened(searches):
    assert [r["query"] for r in log.unclicked_queries()] == ["会議室"]


def test_old_entries_fall_out_of_the_period(searches):
    SearchQueryLog.objects.filter(query="会議室").update(
        created_at=timezone.now() - timedelta(days=40)
    )
    assert "会議室" not in [r["query"] for r in log.top_queries(days=30)]


def test_prune_deletes_entries_older_than_the_retention(searches):
    SearchQueryLog.objects.filter(query="vpn").update(
        created_at=timezone.now() - timedelta(days=400)
    )
    call_command("prune_search_log", days=365, verbosity=0)
    assert set(SearchQueryLog.objects.values_list("query", flat=True)) == {"年末調整", "会議室"}
    assert not SearchClick.objects.exists()


def test_the_it_desk_sees_the_reports_in_the_admin(client, searches):
    client.force_login(staff_member(roles=["情報システム担当"]))
    body = client.get(reverse("search_reports")).content.decode()
    assert "何も見つからなかった検索" in body
    assert "年末調整" in body


def test_the_it_desk_dashboard_shows_this_months_searches(client, searches):
    client.force_login(staff_member(roles=["情報システム担当"]))
    body = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "今月の検索" in body
    assert "年末調整" in body
    # Wagtail's own dashboard panel markup, like the rest of the admin home.
    assert 'id="search-report-section"' in body
    before_the_panel = body.split('id="search-report-section"')[0]
    assert 'class="w-panel w-panel--dashboard"' in before_the_panel[-300:]


def test_the_csv_export_opens_in_excel(client, searches):
    client.force_login(staff_member(roles=["情報システム担当"]))
    response = client.get(reverse("search_report_csv", args=["zero"]))
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    assert "年末調整,2" in content


@pytest.mark.parametrize("roles", [[], ["所属長"]])
def test_others_do_not_see_the_reports(client, searches, roles):
    client.force_login(staff_member(roles=roles))
    response = client.get(reverse("search_reports"))
    assert response.status_code == 302
    assert "年末調整" not in client.get(reverse("search_reports"), follow=True).content.decode()


# From a search that found nothing to one that finds: the zero-result report's actions.


@pytest.fixture
def faq_world():
    """An FAQ that a search for 年末調整 does not find, and the IT desk and its lead."""
    from tests.factories import faq_home, live_faq

    home = faq_home()
    faq = live_faq(home, "源泉徴収票の再発行", "庶務事務システムから印刷できます。")
    SearchQueryLog.objects.create(query="年末調整", hits=0)
    return faq


def it_desk(lead=False):
    from intranet import roles

    return staff_member(roles=[roles.IT_DESK_LEAD if lead else roles.IT_DESK])


def test_each_zero_result_query_offers_the_two_actions(client, faq_world):
    client.force_login(it_desk())
    body = client.get(reverse("search_reports")).content.decode()
    zero = body.split('id="report-zero"')[1].split("</section>")[0]
    assert "同義語に追加" in zero and "FAQ のキーワードに追加" in zero
    assert f"{reverse('search_report_synonym')}?query=%E5%B9%B4%E6%9C%AB%E8%AA%BF%E6%95%B4" in zero
    assert f"{reverse('faq_keyword_from_search')}?query=" in zero


def test_the_synonym_action_adds_the_query_to_the_group_picked(client, faq_world):
    from search import synonyms
    from search.models import SynonymGroup

    tax = SynonymGroup.objects.create(name="源泉徴収", members="源泉徴収・源泉")
    client.force_login(it_desk())
    form = client.get(reverse("search_report_synonym"), {"query": "年末調整"}).content.decode()
    assert "年末調整" in form and "源泉徴収" in form
    response = client.post(
        reverse("search_report_synonym"), {"query": "年末調整", "group": tax.pk, "words": ""}
    )
    assert response.status_code == 302
    tax.refresh_from_db()
    assert tax.member_list() == ["源泉徴収", "源泉", "年末調整"]
    assert ("源泉徴収", ("源泉徴収",)) in synonyms.lookup("年末調整")


def test_the_synonym_action_starts_a_new_group_with_the_query(client, faq_world):
    from search import synonyms
    from search.models import SynonymGroup

    client.force_login(it_desk())
    form = client.get(reverse("search_report_synonym"), {"query": "年末調整"}).content.decode()
    assert "年末調整</textarea>" in form
    client.post(
        reverse("search_report_synonym"),
        {"query": "年末調整", "group": "", "words": "年末調整\n源泉徴収"},
    )
    assert SynonymGroup.objects.filter(members="年末調整\n源泉徴収").exists()
    assert synonyms.lookup("年末調整") == [("源泉徴収", ("源泉徴収",))]


@pytest.mark.parametrize(
    "data, message",
    [
        ({"group": "", "words": "年末調整"}, "2つ以上"),
        ({"group": "", "words": ""}, "新しいグループの言葉"),
        ({"group": "999999", "words": ""}, "一覧からグループを選んで"),
        ({"group": "x", "words": ""}, "一覧からグループを選んで"),
    ],
)
def test_a_synonym_action_that_cannot_be_done_says_why_and_saves_nothing(
    client, faq_world, data, message
):
    from search.models import SynonymGroup

    before = list(SynonymGroup.objects.values_list("members", flat=True))
    client.force_login(it_desk())
    response = client.post(reverse("search_report_synonym"), {"query": "年末調整", **data})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert list(SynonymGroup.objects.values_list("members", flat=True)) == before


def test_a_query_already_in_the_group_is_not_added_twice(client, faq_world):
    from search.models import SynonymGroup

    pc = SynonymGroup.objects.create(members="パソコン・PC")
    client.force_login(it_desk())
    response = client.post(reverse("search_report_synonym"), {"query": "pc", "group": pc.pk})
    assert "検索では同じ言葉" in response.content.decode()
    pc.refresh_from_db()
    assert pc.members == "パソコン・PC"


@pytest.mark.parametrize("query", ["", "x" * 51, "年末\x00調整"])
def test_a_query_that_cannot_be_a_word_gets_a_message(client, faq_world, query):
    client.force_login(it_desk())
    for url in (reverse("search_report_synonym"), reverse("faq_keyword_from_search")):
        assert client.get(url, {"query": query}).status_code == 200
        response = client.post(url, {"query": query, "group": "", "words": "a・b"}, follow=True)
        assert response.status_code == 200


def test_the_faq_action_publishes_the_keyword_and_search_finds_the_faq(client, faq_world):
    import search

    lead = it_desk(lead=True)
    assert search.find(lead, "年末調整").total == 0
    client.force_login(lead)
    form = client.get(reverse("faq_keyword_from_search"), {"query": "年末調整"}).content.decode()
    assert "源泉徴収票の再発行" in form
    response = client.post(
        reverse("faq_keyword_from_search"), {"query": "年末調整", "page": faq_world.pk}
    )
    assert response.status_code == 302
    faq_world.refresh_from_db()
    assert faq_world.keywords == "年末調整"
    assert not faq_world.has_unpublished_changes
    assert [hit.title for hit in search.find(lead, "年末調整").hits] == ["源泉徴収票の再発行"]
    assert "公開しました" in client.get(reverse("search_reports")).content.decode()


def test_an_editor_who_may_not_publish_submits_the_keyword(client, faq_world):
    import search

    client.force_login(it_desk())
    client.post(reverse("faq_keyword_from_search"), {"query": "年末調整", "page": faq_world.pk})
    faq_world.refresh_from_db()
    assert faq_world.keywords == ""  # the live page is unchanged until the lead approves
    assert faq_world.workflow_in_progress
    assert faq_world.get_latest_revision_as_object().keywords == "年末調整"
    assert search.find(it_desk(), "年末調整").total == 0


def test_an_faq_with_unpublished_changes_is_left_to_its_editor(client, faq_world):
    draft = faq_world.get_latest_revision_as_object()
    draft.title = "源泉徴収票の再発行（改訂中）"
    draft.save_revision()
    client.force_login(it_desk(lead=True))
    response = client.post(
        reverse("faq_keyword_from_search"), {"query": "年末調整", "page": faq_world.pk}
    )
    assert "公開前の変更" in response.content.decode()
    faq_world.refresh_from_db()
    assert faq_world.title == "源泉徴収票の再発行" and faq_world.keywords == ""


def test_a_keyword_already_there_is_not_added_again(client, faq_world):
    client.force_login(it_desk(lead=True))
    url = reverse("faq_keyword_from_search")
    client.post(url, {"query": "年末調整", "page": faq_world.pk})
    response = client.post(url, {"query": "年末調整", "page": faq_world.pk})
    assert "すでにあります" in response.content.decode()
    faq_world.refresh_from_db()
    assert faq_world.keywords == "年末調整"


@pytest.mark.parametrize("roles", [[], ["所属長"], ["システム管理者"]])
def test_others_neither_see_nor_use_the_actions(client, faq_world, roles):
    from search.models import SynonymGroup

    client.force_login(staff_member(roles=roles))
    for url in (reverse("search_report_synonym"), reverse("faq_keyword_from_search")):
        assert client.get(url, {"query": "年末調整"}).status_code in (302, 403)
    client.post(
        reverse("search_report_synonym"),
        {"query": "年末調整", "group": "", "words": "年末調整・源泉徴収"},
    )
    client.post(reverse("faq_keyword_from_search"), {"query": "年末調整", "page": faq_world.pk})
    assert not SynonymGroup.objects.filter(members__contains="年末調整").exists()
    faq_world.refresh_from_db()
    assert faq_world.keywords == ""
