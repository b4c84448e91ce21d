"""Wagtail's own admin search finds Japanese words through the same pipeline."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from faq.bulk import add_live_page
from faq.models import FaqIndexPage
from intranet.models import HomePage
from tests.factories import staff_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def it_desk_client(client):
    """The IT desk and two pages in its part of the tree (the FAQ)."""
    home = add_live_page(HomePage.objects.get(), FaqIndexPage(title="よくある質問", slug="faq"))
    for number, title in enumerate(["VPNに接続できない場合の対処方法", "プリンターの設定"]):
        add_live_page(home, FaqIndexPage(title=title, slug=f"w{number}"))
    client.force_login(staff_member(roles=["情報システム担当"]))
    return client


@pytest.mark.parametrize(
    ("query", "expected"),
    [("接続", "VPNに接続できない場合の対処方法"), ("プリンタ", "プリンターの設定")],
)
def test_admin_page_search_finds_a_word_inside_japanese_text(it_desk_client, query, expected):
    response = it_desk_client.get(reverse("wagtailadmin_pages:search"), {"q": query})
    assert response.status_code == 200
    assert expected in response.content.decode()


def test_the_queryset_search_api_is_japanese_aware(it_desk_client):
    assert [p.title for p in Page.objects.live().search("対処")] == [
        "VPNに接続できない場合の対処方法"
    ]
    assert list(Page.objects.live().search("、。")) == []


def test_admin_document_search_finds_a_japanese_word(it_desk_client):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    from faq import files

    document = get_document_model().objects.create(
        title="情報セキュリティ研修の資料",
        file=ContentFile(b"%PDF-1.4", name="kensyu.pdf"),
        collection=files.collection(),
    )
    try:
        response = it_desk_client.get(reverse("wagtaildocs:index"), {"q": "研修"})
        assert "情報セキュリティ研修の資料" in response.content.decode()
        assert list(get_document_model().objects.search("けんしゅう")) == [document]
    finally:
        document.file.delete(save=False)
