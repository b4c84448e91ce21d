"""The Wagtail admin as the city's staff meet it: the intranet's name, their names, their tools."""

import pytest
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.urls import reverse
from wagtail.admin.menu import admin_menu

from intranet import roles
from tests.factories import UserFactory, faq_home, staff_member

pytestmark = pytest.mark.django_db


def test_the_admin_tab_title_names_the_intranet_not_wagtail(client):
    client.force_login(staff_member(roles=[roles.IT_DESK]))
    body = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "<title>ダッシュボード - 庁内イントラネット</title>" in body


def test_a_users_full_name_puts_the_family_name_first():
    user = UserFactory(last_name="山崎", first_name="裕子")
    assert user.get_full_name() == "山崎 裕子"


def test_a_user_with_only_a_family_name_has_no_stray_space():
    assert UserFactory(last_name="山崎", first_name="").get_full_name() == "山崎"


def test_the_admin_home_greets_the_user_family_name_first(client):
    user = staff_member(roles=[roles.IT_DESK])
    get_user_model().objects.filter(pk=user.pk).update(last_name="山崎", first_name="裕子")
    client.force_login(user)
    assert "山崎 裕子" in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_admin_sidebar_names_the_user_family_name_first(client):
    import json
    import re

    user = staff_member(roles=[roles.IT_DESK])
    get_user_model().objects.filter(pk=user.pk).update(last_name="山崎", first_name="裕子")
    client.force_login(user)
    body = client.get(reverse("wagtailadmin_home")).content.decode()
    props = re.search(r'<script id="wagtail-sidebar-props"[^>]*>(.*?)</script>', body, re.S)
    assert '"name": "山崎 裕子"' in json.dumps(json.loads(props.group(1)), ensure_ascii=False)


def test_the_admin_home_links_back_to_the_intranet(client):
    client.force_login(staff_member(roles=[roles.SECTION_HEAD]))
    body = client.get(reverse("wagtailadmin_home")).content.decode()
    assert f'href="{reverse("home")}">イントラネットに戻る</a>' in body
    assert "editor guide" not in body


def main_menu_items(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return {item.name: item for item in admin_menu.menu_items_for_request(request)}


def test_the_admin_menu_leads_back_to_the_intranet_and_drops_wagtails_help():
    user = staff_member(roles=[roles.SECTION_HEAD])
    items = main_menu_items(user)
    assert "help" not in items
    back = next(item for item in items.values() if item.url == reverse("home"))
    assert str(back.label) == "イントラネットに戻る"


def test_the_account_page_offers_only_real_time_zones(client):
    """Wagtail offered "localtime" (a file, not a zone); the account page's script failed on it."""
    client.force_login(staff_member(roles=[roles.IT_DESK]))
    body = client.get(reverse("wagtailadmin_account")).content.decode()
    assert "localtime" not in body


def test_the_admin_home_offers_the_page_search_to_page_editors_only(client):
    client.force_login(staff_member(roles=[roles.SECTION_HEAD]))
    assert 'role="search"' not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_administration_office_keeps_the_bulletin_boards_categories_in_the_admin(client):
    """事務局's admin holds what it keeps: the notice categories (and the conference boards)."""
    user = staff_member(roles=[roles.ADMIN_OFFICE])
    client.force_login(user)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    assert client.get(reverse("notice_categories:index")).status_code == 200
    assert client.get(reverse("notice_categories:add")).status_code == 200


def test_the_it_desk_keeps_the_page_search_on_its_admin_home(client):
    faq_home()
    roles.sync_roles()
    client.force_login(staff_member(roles=[roles.IT_DESK]))
    assert 'role="search"' in client.get(reverse("wagtailadmin_home")).content.decode()
