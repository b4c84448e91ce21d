"""The bell: apps notify a staff member; the header counts unread ones; reading marks them."""

import pytest
from django.urls import reverse
from django.utils.encoding import iri_to_uri

from intranet import notify, notify_many
from intranet.models import Notification
from tests.factories import staff_member

pytestmark = pytest.mark.django_db


def test_the_bell_counts_unread_notifications(staff_client, staff_user):
    notify(staff_user, "会議室の予約が承認されました", "/directory/")
    notify(staff_user, "回答がありました", "/directory/")
    notify(staff_member(), "別の人へのお知らせ")
    html = staff_client.get(reverse("notifications:list")).content.decode()
    assert "未読2件" in html
    assert "会議室の予約が承認されました" in html and "別の人へのお知らせ" not in html


def test_opening_a_notification_marks_it_read_and_follows_its_link(staff_client, staff_user):
    notification = notify(staff_user, "回答がありました", "/directory/?q=佐藤")
    response = staff_client.get(reverse("notifications:open", args=[notification.pk]))
    assert response.url == iri_to_uri("/directory/?q=佐藤")
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_an_outside_link_is_not_followed(staff_client, staff_user):
    notification = notify(staff_user, "怪しいリンク", "https://evil.example.com/")
    response = staff_client.get(reverse("notifications:open", args=[notification.pk]))
    assert response.url == reverse("notifications:list")


def test_nobody_opens_another_staff_members_notification(staff_client):
    theirs = notify(staff_member(), "他人宛て", "/")
    assert staff_client.get(reverse("notifications:open", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_all_read(staff_client, staff_user):
    notify(staff_user, "一")
    notify(staff_user, "二")
    staff_client.post(reverse("notifications:mark_all_read"))
    assert not Notification.objects.filter(recipient=staff_user, read_at__isnull=True).exists()


def test_inactive_staff_are_not_notified(staff_user):
    staff_user.is_active = False
    assert notify(staff_user, "届かない") is None
    assert not Notification.objects.exists()


def test_notify_many_writes_once_for_many_recipients(django_assert_num_queries):
    staff = [staff_member() for _ in range(30)]
    staff[0].is_active = False
    staff[0].save()
    with django_assert_num_queries(1):
        created = notify_many(staff, "会議資料が更新されました", "/materials/1/")
    assert len(created) == 29
    assert {n.recipient_id for n in created} == {user.pk for user in staff[1:]}


def test_notifications_go_out_by_email_when_switched_on(settings, mailoutbox):
    settings.NOTIFY_BY_EMAIL = True
    settings.WAGTAILADMIN_BASE_URL = "https://intranet.example.lg.jp"
    with_address = staff_member()
    with_address.email = "tanaka@example.lg.jp"
    with_address.save()
    notify_many([with_address, staff_member()], "質問に回答がありました", "/questions/1/")
    (mail,) = mailoutbox
    assert mail.to == ["tanaka@example.lg.jp"]
    assert "https://intranet.example.lg.jp/questions/1/" in mail.body
    assert "質問に回答がありました" in mail.subject


def test_no_email_by_default(mailoutbox):
    user = staff_member()
    user.email = "x@example.lg.jp"
    user.save()
    notify(user, "お知らせ", "/")
    assert mailoutbox == []
