"""Guessing passwords stops after a few tries, per account and per address, on every login form."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse

from intranet import roles
from tests.factories import PASSWORD, staff_member

pytestmark = pytest.mark.django_db

# Every form that logs a staff member in: the intranet's own and Wagtail's
# (its admin login redirects to the first; the second guards private pages).
LOGIN_FORMS = ["login", "wagtailcore_login"]


def log_in(client, url_name, username, password, address="192.0.2.10"):
    return client.post(
        reverse(url_name), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def logged_in(client):
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("url_name", LOGIN_FORMS)
def test_thirty_wrong_passwords_then_the_right_one_does_not_log_in(client, url_name):
    user = staff_member()
    for _ in range(30):
        log_in(client, url_name, user.username, "wrong-guess")
    response = log_in(client, url_name, user.username, PASSWORD)
    assert not logged_in(client)
    assert response.status_code == 429
    body = response.content.decode()
    assert "ログインを一時的に停止しています" in body
    assert "情報システム担当" in body


def test_the_account_stays_locked_from_another_address(client):
    user = staff_member()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "login", user.username, "wrong-guess", address="192.0.2.10")
    log_in(client, "login", user.username, PASSWORD, address="198.51.100.7")
    assert not logged_in(client)


def test_one_address_guessing_many_accounts_is_locked(client):
    victims = [staff_member() for _ in range(settings.AXES_FAILURE_LIMIT)]
    for victim in victims:
        log_in(client, "login", victim.username, "wrong-guess")
    someone = staff_member()
    log_in(client, "login", someone.username, PASSWORD)
    assert not logged_in(client)


def test_a_few_mistakes_still_let_the_right_password_in(client):
    user = staff_member()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "login", user.username, "typo")
    response = log_in(client, "login", user.username, PASSWORD)
    assert response.status_code == 302 and logged_in(client)
    assert not AccessAttempt.objects.filter(username=user.username).exists()


def test_the_system_administrator_unlocks_an_account(client):
    user = staff_member()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "login", user.username, "wrong-guess")
    admin_client = type(client)()
    admin_client.force_login(staff_member(roles=[roles.SYSTEM_ADMIN]))
    listing = admin_client.get(reverse("intranet_login_lockouts"))
    assert user.username in listing.content.decode()
    assert "ロック中" in listing.content.decode()
    attempt = AccessAttempt.objects.get(username=user.username)
    admin_client.post(reverse("intranet_unlock_login", args=[attempt.pk]))
    assert log_in(client, "login", user.username, PASSWORD).status_code == 302
    assert logged_in(client)


@pytest.mark.parametrize("role", [[], [roles.SECTION_HEAD], [roles.IT_DESK]])
def test_only_the_system_administrator_may_unlock(client, role):
    user = staff_member()
    log_in(client, "login", user.username, "wrong-guess")
    attempt = AccessAttempt.objects.get()
    client.force_login(staff_member(roles=role))
    assert client.get(reverse("intranet_login_lockouts")).status_code in (302, 403)
    response = client.post(reverse("intranet_unlock_login", args=[attempt.pk]))
    assert response.status_code in (302, 403)
    assert AccessAttempt.objects.filter(pk=attempt.pk).exists()


def test_a_forged_forwarded_for_header_does_not_change_the_address(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    user = staff_member()
    for number in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            reverse("login"),
            {"username": f"nobody{number}", "password": "x"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{number}, 192.0.2.10",
        )
    response = client.post(
        reverse("login"),
        {"username": user.username, "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.99, 192.0.2.10",
    )
    assert response.status_code == 429


def test_a_100_kb_user_name_is_counted_not_a_server_error(client):
    response = log_in(client, "login", "x" * 100_000, "wrong")
    assert response.status_code == 200
    assert AccessAttempt.objects.get().username == "x" * 255
