"""Staff change their own password; weak or mismatched input is explained in Japanese."""

import pytest
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def change_password(client, new_password, confirmation=None, **kwargs):
    return client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": new_password,
            "new_password2": new_password if confirmation is None else confirmation,
        },
        **kwargs,
    )


def test_password_change_succeeds_and_keeps_the_user_logged_in(staff_client, staff_user):
    response = change_password(staff_client, "kawachi-nagano-2026!", follow=True)
    assert response.request["PATH_INFO"] == reverse("password_change_done")
    assert "パスワードを変更しました" in response.content.decode()
    staff_user.refresh_from_db()
    assert staff_user.check_password("kawachi-nagano-2026!")


def test_mismatched_new_passwords_are_explained_and_nothing_changes(staff_client, staff_user):
    response = change_password(staff_client, "kawachi-nagano-2026!", "something-else-2026!")
    assert response.status_code == 200
    assert "確認用パスワードが一致しません" in response.content.decode()
    staff_user.refresh_from_db()
    assert staff_user.check_password(PASSWORD)


def test_a_too_short_password_is_refused_in_japanese(staff_client):
    response = change_password(staff_client, "abc")
    assert "このパスワードは短すぎます" in response.content.decode()
