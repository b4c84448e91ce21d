"""Server-rendered markup that assistive technology relies on (JIS X 8341-3 / WCAG 2.1 AA)."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def soup_of(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def missing_described_by(soup):
    """Every id an ``aria-describedby`` names that the document does not have."""
    ids = {element["id"] for element in soup.find_all(id=True)}
    return [
        (element.get("name") or element.get("id"), target)
        for element in soup.find_all(attrs={"aria-describedby": True})
        for target in element["aria-describedby"].split()
        if target not in ids
    ]


def post_weak_password(client):
    return client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "abc", "new_password2": "abc"},
    )


def test_a_fields_help_and_errors_have_the_ids_its_aria_describedby_names(staff_client):
    soup = soup_of(post_weak_password(staff_client))
    field = soup.find("input", attrs={"name": "new_password2"})
    described_by = field["aria-describedby"].split()
    assert "id_new_password2_error" in described_by
    assert "パスワード" in soup.find(id="id_new_password2_error").get_text()
    assert soup.find("input", attrs={"name": "new_password1"})["aria-describedby"].split()[0] == (
        "id_new_password1_helptext"
    )
    assert missing_described_by(soup) == []


def test_the_password_rules_are_a_list_outside_any_paragraph(staff_client):
    soup = soup_of(staff_client.get(reverse("password_change")))
    rules = soup.find(id="id_new_password1_helptext")
    assert rules.find("li") is not None
    assert all(list_.find_parent("p") is None for list_ in soup.find_all(["ul", "ol"]))


def test_messages_are_list_items_of_a_list_inside_a_status_region(staff_client):
    response = staff_client.get("/admin/", follow=True)
    soup = soup_of(response)
    (message,) = soup.select(".message--error")
    assert message.name == "li"
    assert message.parent.name == "ul" and not message.parent.has_attr("role")
    assert message.parent.parent.get("role") == "status"


def test_the_admin_refusal_is_in_japanese(staff_client):
    response = staff_client.get("/admin/", follow=True)
    assert "管理画面を利用する権限がありません。" in response.content.decode()


def test_required_fields_are_explained_where_their_asterisk_is_shown(staff_client):
    soup = soup_of(staff_client.get(reverse("questions:ask")))
    (form,) = [form for form in soup.find_all("form") if form.select(".required")]
    assert "「*」の付いた項目は入力が必要です。" in form.select_one(".required-note").get_text()


def test_the_search_results_come_before_the_filters(staff_client):
    html = staff_client.get(reverse("search:results"), {"q": "駐車場"}).content.decode()
    assert html.index('class="search-results"') < html.index('class="search-filters"')


def test_the_page_has_a_favicon(staff_client):
    icon = soup_of(staff_client.get("/")).find("link", rel="icon")
    assert icon["href"].endswith(".svg")


def admin_add_urls():
    """The add form of every model the admin registers (walked, not listed by hand)."""
    from wagtail.admin.viewsets import viewsets

    viewsets.populate()
    urls = set()
    for viewset in viewsets.viewsets:
        try:
            urls.add(reverse(viewset.get_url_name("add")))
        except Exception:  # a chooser or the page explorer: no add form of its own
            continue
    return sorted(urls)


def test_every_admin_form_with_errors_has_the_ids_its_fields_aria_describedby_names(
    admin_client,
):
    urls = admin_add_urls()
    assert "/admin/notice_categories/new/" in urls and len(urls) >= 10
    checked, missing = [], {}
    for url in urls:
        response = admin_client.post(url, {})
        if response.status_code != 200:
            continue
        soup = soup_of(response)
        if not soup.select(".w-field--error"):
            continue
        checked.append(url)
        if missing_described_by(soup):
            missing[url] = missing_described_by(soup)
    assert len(checked) >= 8
    assert missing == {}
