"""The registries apps plug into refuse a key twice, and give it back through their API."""

import re

import pytest

from intranet import navigation
from intranet.navigation import NavItem
from intranet.registry import AlreadyRegistered, NotRegistered, Registry
from search import registry as search_registry


def test_a_registry_refuses_a_key_twice_and_names_it():
    things = Registry("thing")
    things.register("a", 1)
    with pytest.raises(AlreadyRegistered, match="'a'"):
        things.register("a", 2)
    assert list(things) == [1]


def test_unregister_gives_the_entry_back_and_refuses_an_unknown_key():
    things = Registry("thing")
    things.register("a", 1)
    assert things.unregister("a") == 1
    assert "a" not in things
    with pytest.raises(NotRegistered):
        things.unregister("a")


def test_a_navigation_entry_registered_twice_is_refused():
    item = NavItem(label="テスト", url_name="home", order=99)
    with pytest.raises(AlreadyRegistered):
        navigation.register_nav_item(item)


def test_a_search_type_registered_twice_is_refused():
    (faq_type,) = [t for t in search_registry.registered_types() if t.doc_type == "faq"]
    with pytest.raises(AlreadyRegistered):
        search_registry.register(faq_type)
    assert search_registry.registered_types().count(faq_type) == 1


@pytest.mark.django_db
def test_the_search_box_names_only_what_can_be_found(staff_client):
    body = staff_client.get("/").content.decode()
    (hint,) = re.findall(r'id="global-search"[^>]*placeholder="([^"]*)"', body, re.S)
    assert set(hint.removesuffix("を検索").split("・")) == {
        "FAQ",
        "お知らせ",
        "ページ",
        "職員",
        "資料",
        "ヒヤリハット事例",
        "電子会議室",
    }
    search_registry.unregister("staff")
    try:
        hint = re.findall(r'placeholder="([^"]*)"', staff_client.get("/").content.decode())[0]
    finally:
        from search.staff import register_staff

        register_staff()
    assert "職員" not in hint
