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
