"""「未確認の全員に催促する」: asked first, once per interval, never to the one who sends it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from bulletin import services
from bulletin.models import NoticeReminder
from intranet.models import Notification
from tests.factories import notice

pytestmark = pytest.mark.django_db


@pytest.fixture
def must_confirm(office):
    return notice("個人情報保護研修の受講", sender=office.gyosei, requires_confirmation=True)


@pytest.fixture
def sender_client(client, office):
    client.force_login(office.office)
    return client


def remind_url(sent):
    return reverse("bulletin:remind", args=[sent.pk])


def test_the_button_asks_first_and_says_to_how_many(sender_client, office, must_confirm):
    services.confirm(must_confirm, office.citizen)
    body = sender_client.get(remind_url(must_confirm)).content.decode()
    assert "まだ確認していない3人に" in body  # 5 staff, one confirmed, not the sender
    assert not Notification.objects.exists()


def test_the_confirmations_page_leads_to_the_question(sender_client, must_confirm):
    url = reverse("bulletin:confirmations", args=[must_confirm.pk])
    assert f'href="{remind_url(must_confirm)}"' in sender_client.get(url).content.decode()


def test_the_sender_is_not_reminded(sender_client, office, must_confirm):
    sender_client.post(remind_url(must_confirm))
    reminded = set(Notification.objects.values_list("recipient", flat=True))
    assert office.office.pk not in reminded
    assert reminded == {office.hr.pk, office.hr_colleague.pk, office.citizen.pk, office.bu_head.pk}


def test_the_notices_poster_is_not_reminded_by_a_colleague(client, office):
    sent = notice(
        "研修のお知らせ", sender=office.gyosei, requires_confirmation=True, posted_by=office.hr
    )
    client.force_login(office.office)
    client.post(remind_url(sent))
    assert not Notification.objects.filter(recipient=office.hr).exists()


def test_pressing_twice_reminds_everyone_once(sender_client, office, must_confirm):
    sender_client.post(remind_url(must_confirm))
    response = sender_client.post(remind_url(must_confirm), follow=True)
    assert Notification.objects.filter(recipient=office.citizen).count() == 1
    body = response.content.decode()
    assert "催促はすでに" in body
    assert "事務 局子" in body


def test_the_last_reminder_is_shown_with_who_sent_it(sender_client, must_confirm):
    sender_client.post(remind_url(must_confirm))
    url = reverse("bulletin:confirmations", args=[must_confirm.pk])
    body = sender_client.get(url).content.decode()
    assert "前回の催促：" in body
    assert "事務 局子" in body


def test_a_reminder_goes_out_again_after_the_interval(settings, office, must_confirm):
    settings.BULLETIN_REMINDER_INTERVAL_HOURS = 24
    first = timezone.now() - timedelta(hours=25)
    services.remind_unconfirmed(must_confirm, sender=office.office, now=first)
    assert services.remind_unconfirmed(must_confirm, sender=office.office) == 4
    assert Notification.objects.filter(recipient=office.citizen).count() == 2


def test_a_reminder_within_the_interval_is_refused(settings, office, must_confirm):
    settings.BULLETIN_REMINDER_INTERVAL_HOURS = 24
    first = timezone.now() - timedelta(hours=23)
    services.remind_unconfirmed(must_confirm, sender=office.office, now=first)
    with pytest.raises(services.ReminderTooSoon) as refused:
        services.remind_unconfirmed(must_confirm, sender=office.hr)
    assert refused.value.last.sent_by == office.office
    assert NoticeReminder.objects.get().sent_at == first


def test_a_reminder_to_nobody_does_not_start_the_interval(office, must_confirm):
    for user in (office.hr, office.hr_colleague, office.citizen, office.bu_head):
        services.confirm(must_confirm, user)
    assert services.remind_unconfirmed(must_confirm, sender=office.office) == 0
    assert services.last_reminder(must_confirm) is None
