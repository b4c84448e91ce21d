"""The menu's FAQ entry links to the FAQ home page itself and marks it as current there."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def menu_link(response, label):
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    menu = soup.find("nav", class_="site-nav")
    (link,) = [a for a in menu.find_all("a") if a.get_text(strip=True) == label]
    return link


def test_the_faq_entry_links_to_the_faq_home_and_is_current_there(staff_client, vpn_faq):
    faq_home = vpn_faq.get_parent().get_parent()
    link = menu_link(staff_client.get(faq_home.url), "FAQ")
    assert link["href"] == faq_home.url
    assert link["aria-current"] == "page"


def test_the_faq_entry_is_not_current_on_other_pages(staff_client, vpn_faq):
    link = menu_link(staff_client.get("/"), "FAQ")
    assert not link.has_attr("aria-current")
    assert menu_link(staff_client.get("/"), "ホーム")["aria-current"] == "page"
