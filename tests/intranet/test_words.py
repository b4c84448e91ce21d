"""The words staff read: the bell's 「通知」, the menu, the password form, the error pages."""

import pytest
from django.urls import reverse

from intranet import roles
from tests.factories import staff_member

pytestmark = pytest.mark.django_db


def test_the_bells_list_is_called_notifications_not_notices(staff_client):
    body = staff_client.get(reverse("notifications:list")).content.decode()
    assert "<h1" in body and "通知" in body
    assert "お知らせ" not in body.split("<main")[1]  # the bulletin board's word


def test_my_questions_are_in_the_menu(staff_client):
    nav = staff_client.get("/").content.decode().split('class="site-nav"')[1].split("</nav>")[0]
    assert reverse("questions:list") in nav and "自分の質問" in nav


def test_the_password_form_asks_for_the_current_password(staff_client):
    assert "現在のパスワード" in staff_client.get(reverse("password_change")).content.decode()


def test_the_access_denied_page_does_not_send_a_section_head_to_their_section_head(client):
    from faq.models import OpenQuestion

    question = OpenQuestion.objects.create(asker=staff_member(), question="他人の質問")
    client.force_login(staff_member(roles=[roles.SECTION_HEAD]))
    response = client.get(reverse("questions:detail", args=[question.pk]))
    assert response.status_code == 403
    body = response.content.decode()
    assert "情報システム担当（内線2100）にご相談ください" in body
    assert "所属長" not in body.split("<main")[1]


@pytest.mark.parametrize("url_name", ["notifications:mark_all_read", "logout", "faq:feedback"])
def test_a_get_on_a_post_only_address_gets_a_japanese_page(staff_client, url_name):
    url = reverse(url_name, args=[1]) if url_name == "faq:feedback" else reverse(url_name)
    response = staff_client.get(url)
    assert response.status_code == 405
    assert "このアドレスは直接開けません" in response.content.decode()
    assert "POST" in response["Allow"]
