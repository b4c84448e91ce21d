"""The feeds page: make a personal or a resource feed, revoke it, and the address stops."""

import pytest
from django.urls import reverse

from reservations.models import CalendarFeedToken
from tests.factories import room, staff_member

pytestmark = pytest.mark.django_db


def feeds_url():
    return reverse("reservations:feeds")


def test_staff_make_their_personal_feed(staff_client, staff_user):
    staff_client.post(feeds_url(), {"action": "personal"})
    token = CalendarFeedToken.objects.get(user=staff_user)
    assert token.resource is None and len(token.secret) >= 32
    assert token.secret in staff_client.get(feeds_url()).content.decode()


def test_the_feed_opens_without_a_login(client, staff_user):
    token = CalendarFeedToken.objects.create(user=staff_user, secret="s" * 43)
    response = client.get(reverse("reservations:feed", args=[token.secret]))
    assert response.status_code == 200 and b"BEGIN:VCALENDAR" in response.content


def test_an_unknown_secret_is_not_found(client):
    response = client.get(reverse("reservations:feed", args=["no-such-secret"]))
    assert response.status_code == 404


def test_a_revoked_feed_stops_at_once(staff_client, staff_user, client):
    staff_client.post(feeds_url(), {"action": "personal"})
    token = CalendarFeedToken.objects.get(user=staff_user)
    address = reverse("reservations:feed", args=[token.secret])
    staff_client.post(feeds_url(), {"action": "revoke", "token": token.pk})
    assert client.get(address).status_code == 404


def test_someone_elses_feed_cannot_be_revoked(staff_client):
    theirs = CalendarFeedToken.objects.create(user=staff_member(), secret="t" * 43)
    response = staff_client.post(feeds_url(), {"action": "revoke", "token": theirs.pk}, follow=True)
    assert CalendarFeedToken.objects.filter(pk=theirs.pk).exists()
    assert "あなたのフィードではない" in response.content.decode()


def test_staff_make_a_feed_of_a_room(staff_client, staff_user):
    meeting_room = room("第4会議室")
    staff_client.post(feeds_url(), {"action": "resource", "resource": meeting_room.pk})
    assert CalendarFeedToken.objects.get(user=staff_user).resource == meeting_room


def test_a_forged_resource_id_is_refused_in_japanese(staff_client):
    response = staff_client.post(feeds_url(), {"action": "resource", "resource": "987654"})
    assert response.status_code == 200
    assert "一覧にありません" in response.content.decode()
    assert not CalendarFeedToken.objects.exists()


def test_the_feed_address_asks_no_cache_to_keep_it(client, staff_user):
    token = CalendarFeedToken.objects.create(user=staff_user, secret="u" * 43)
    response = client.get(reverse("reservations:feed", args=[token.secret]))
    assert "private" in response["Cache-Control"]
