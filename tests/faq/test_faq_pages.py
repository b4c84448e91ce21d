"""FAQ pages: browsing, the answer page, search and the dashboard."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from faq.bulk import add_live_page
from faq.models import FaqDailyViews, FaqIndexPage, FaqPage
from search.backends import get_backend
from search.backends.base import SearchRequest

pytestmark = pytest.mark.django_db


def test_the_category_page_lists_its_questions(staff_client, vpn_faq):
    body = staff_client.get("/faq/network/").content.decode()
    assert "VPNに接続できない" in body


def test_the_faq_page_shows_the_answer_steps_and_last_update(staff_client, vpn_faq):
    body = staff_client.get("/faq/network/vpn/").content.decode()
    assert "再起動してください。" in body
    assert "<li>電源を切る</li>" in body
    assert "最終更新" in body


def test_faqs_are_found_as_their_own_type_by_keyword(vpn_faq):
    results = get_backend().search(SearchRequest(text="ぶいぴーえぬ", access=None))
    assert [(hit.doc_type, hit.title) for hit in results.hits] == [("faq", "VPNに接続できない")]


def test_the_dashboard_lists_new_faqs(staff_client, vpn_faq):
    body = staff_client.get("/").content.decode()
    assert "VPNに接続できない" in body


def test_review_is_due_after_the_interval(vpn_faq):
    from datetime import timedelta

    from django.utils import timezone

    vpn_faq.last_reviewed_on = timezone.localdate() - timedelta(days=400)
    assert vpn_faq.is_review_overdue()
    vpn_faq.last_reviewed_on = timezone.localdate()
    assert not vpn_faq.is_review_overdue()


def test_the_faq_menu_entry_leads_to_the_faq_home(staff_client, vpn_faq):
    response = staff_client.get(reverse("faq:home"))
    assert response.url == FaqIndexPage.objects.get(slug="faq").url
    assert 'href="/faq/"' in staff_client.get("/directory/").content.decode()


def test_the_faq_menu_entry_says_when_there_is_no_faq_yet(staff_client):
    assert 'href="/faq-data/"' in staff_client.get("/directory/").content.decode()
    assert staff_client.get(reverse("faq:home")).status_code == 404


def test_the_faq_home_counts_questions_per_category_and_lists_the_most_read(staff_client, vpn_faq):
    FaqDailyViews.objects.create(page=vpn_faq, day=timezone.localdate(), views=3)
    network = FaqIndexPage.objects.get(slug="network")
    vpn = add_live_page(network, FaqIndexPage(title="VPN", slug="vpn-category"))
    for number in range(3):
        add_live_page(vpn, FaqPage(title=f"VPNの質問{number}", slug=f"v{number}", answer=[]))
    draft = FaqPage(title="下書き", slug="draft", answer=[], live=False)
    network.add_child(instance=draft)
    body = staff_client.get("/faq/").content.decode()
    assert 'ネットワーク</a> <span class="count">（4件）' in body  # subcategories, no drafts
    assert "よく読まれているFAQ" in body and body.count("VPNに接続できない") == 1


def test_a_category_pages_through_its_questions(staff_client, vpn_faq, monkeypatch):
    monkeypatch.setattr(FaqIndexPage, "FAQS_PER_PAGE", 1)
    second = vpn_faq.copy(update_attrs={"slug": "vpn-2", "title": "VPNの設定を変えたい"})
    second.save_revision().publish()
    first_page = staff_client.get("/faq/network/").content.decode()
    second_page = staff_client.get("/faq/network/?page=2").content.decode()
    assert ("VPNに接続できない" in first_page) != ("VPNに接続できない" in second_page)
    assert "1 / 2ページ" in first_page


def test_the_number_of_queries_does_not_grow_with_the_number_of_faqs(staff_client, vpn_faq):
    def queries(url):
        staff_client.get(url)  # warm the site-root cache
        with CaptureQueriesContext(connection) as captured:
            assert staff_client.get(url).status_code == 200
        return len(captured)

    FaqDailyViews.objects.create(page=vpn_faq, day=timezone.localdate(), views=1)
    # One question besides the most read one, so that the list below it is not empty.
    add_live_page(vpn_faq.get_parent(), FaqPage(title="無線LAN", slug="wifi", answer=[]))
    urls = ["/faq/", "/faq/network/", vpn_faq.url]
    before = [queries(url) for url in urls]
    home = FaqIndexPage.objects.get(slug="faq")
    network = FaqIndexPage.objects.get(slug="network")
    for number in range(4):
        category = add_live_page(home, FaqIndexPage(title=f"分類{number}", slug=f"c{number}"))
        for parent in (category, network):
            for item in range(3):
                page = add_live_page(
                    parent,
                    FaqPage(
                        title=f"質問{number}-{item}-{parent.slug}",
                        slug=f"q{number}-{item}",
                        answer=vpn_faq.answer.raw_data,
                    ),
                )
                FaqDailyViews.objects.create(page=page, day=timezone.localdate(), views=item + 1)
    assert [queries(url) for url in urls] == before


def test_an_answer_changed_after_its_review_shows_when_it_changed(staff_client, vpn_faq):
    from datetime import timedelta

    FaqPage.objects.filter(pk=vpn_faq.pk).update(
        last_reviewed_on=timezone.localdate() - timedelta(days=100)
    )
    body = staff_client.get("/faq/network/vpn/").content.decode()
    assert "最終更新" in body
    assert "最終見直し" not in body


def test_the_faq_home_does_not_call_itself_empty_above_its_categories(staff_client, vpn_faq):
    body = staff_client.get("/faq/").content.decode()
    assert "ネットワーク" in body
    assert "このカテゴリにはまだ質問がありません" not in body


def test_a_category_with_no_question_says_so(staff_client, vpn_faq):
    add_live_page(FaqIndexPage.objects.get(slug="faq"), FaqIndexPage(title="空", slug="empty"))
    body = staff_client.get("/faq/empty/").content.decode()
    assert "このカテゴリにはまだ質問がありません" in body


def test_a_category_lists_a_most_read_question_once(staff_client, vpn_faq):
    network = FaqIndexPage.objects.get(slug="network")
    add_live_page(network, FaqPage(title="無線LANの設定", slug="wifi", answer=[]))
    FaqDailyViews.objects.create(page=vpn_faq, day=timezone.localdate(), views=3)
    body = staff_client.get("/faq/network/").content.decode()
    assert body.count("VPNに接続できない") == 1
    assert body.count("無線LANの設定") == 1
    assert "よく読まれているFAQ" in body and "その他の質問" in body
