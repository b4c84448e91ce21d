"""Staff pages know when the session ends, and a staff member can extend it before it does."""

import time
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from intranet.middleware import RENEWED_AT

pytestmark = pytest.mark.django_db


def body_of(response):
    return BeautifulSoup(response.content.decode(), "html.parser").body


def make_idle(client, seconds):
    session = client.session
    session[RENEWED_AT] = int(time.time()) - seconds
    session.save()


def test_a_staff_page_says_how_long_the_session_has_left_and_when_to_warn(staff_client, settings):
    settings.SESSION_COOKIE_AGE = 3600
    settings.SESSION_RENEW_SECONDS = 60
    settings.SESSION_WARNING_SECONDS = 120
    staff_client.get("/")  # stamps the renewal time
    make_idle(staff_client, 30)  # not stale yet: this page view does not renew the session
    body = body_of(staff_client.get("/"))
    assert 3560 <= int(body["data-session-seconds-left"]) <= 3570
    assert body["data-session-warning-seconds"] == "120"
    assert body["data-session-extend-url"] == reverse("session_extend")
    assert body.find("dialog", id="session-warning") is not None


def test_a_page_view_that_renews_the_session_says_the_full_time_is_left(staff_client, settings):
    settings.SESSION_COOKIE_AGE = 3600
    staff_client.get("/")
    make_idle(staff_client, settings.SESSION_RENEW_SECONDS + 5)
    assert body_of(staff_client.get("/"))["data-session-seconds-left"] == "3600"


def test_the_login_page_has_no_session_warning(client):
    body = body_of(client.get(reverse("login")))
    assert not body.has_attr("data-session-seconds-left")
    assert body.find("dialog") is None


def test_extending_renews_the_session(staff_client, settings):
    settings.SESSION_COOKIE_AGE = 600
    make_idle(staff_client, 30)
    key = staff_client.session.session_key
    soon = timezone.now() + timedelta(seconds=60)
    Session.objects.filter(session_key=key).update(expire_date=soon)
    response = staff_client.post(reverse("session_extend"))
    assert response.json() == {"seconds_left": 600}
    expiry = Session.objects.get(session_key=key).expire_date
    assert expiry > timezone.now() + timedelta(seconds=500)


def test_extending_needs_a_post(staff_client):
    assert staff_client.get(reverse("session_extend")).status_code == 405


def test_an_ended_session_cannot_be_extended(client):
    response = client.post(reverse("session_extend"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
