"""A changed 要確認 notice: the sender may ask everyone to confirm it again; readers see why."""

import pytest
from django.urls import reverse

from bulletin import services
from bulletin.models import Notice, NoticeRead
from intranet.models import Notification
from tests.bulletin.test_posting import form_data
from tests.factories import notice

pytestmark = pytest.mark.django_db

NOTE = "会場が3階に変わりました。"


@pytest.fixture
def confirmed(office):
    sent = notice(
        "研修のご案内",
        sender=office.gyosei,
        requires_confirmation=True,
        audience=[office.shimin_bu],
    )
    services.confirm(sent, office.citizen)
    services.confirm(sent, office.bu_head)
    return sent


def edit(client, office, sent, **changes):
    client.force_login(office.office)
    fields = form_data(
        title=sent.title,
        category=sent.category_id,
        audience="departments",
        departments=[office.shimin_bu.pk],
        requires_confirmation="on",
        starts_at=sent.starts_at.astimezone().strftime("%Y-%m-%dT%H:%M"),
        **changes,
    )
    return client.post(reverse("bulletin:edit", args=[sent.pk]), fields)


def test_asking_again_clears_every_confirmation_and_tells_the_audience(
    client, office, confirmed, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = edit(
            client,
            office,
            confirmed,
            reset_confirmations="on",
            change_note=NOTE,
        )
    assert response.status_code == 302
    confirmed.refresh_from_db()
    assert confirmed.revision == 2 and confirmed.revised_at is not None
    assert not NoticeRead.objects.filter(notice=confirmed, confirmed_at__isnull=False).exists()
    told = set(
        Notification.objects.filter(url=confirmed.get_absolute_url()).values_list(
            "recipient", flat=True
        )
    )
    assert told == {office.citizen.pk, office.bu_head.pk}


def test_readers_see_what_changed_and_may_confirm_again(client, office, confirmed):
    response = edit(client, office, confirmed, reset_confirmations="on", change_note=NOTE)
    assert response.status_code == 302, response.context["form"].errors
    client.force_login(office.citizen)
    body = client.get(confirmed.get_absolute_url()).content.decode()
    assert "変更点" in body and "会場が3階に変わりました。" in body
    assert "確認しました</button>" in body.replace("\n", "")
    services.confirm(Notice.objects.get(pk=confirmed.pk), office.citizen)
    assert NoticeRead.objects.get(notice=confirmed, user=office.citizen).confirmed_revision == 2


def test_an_edit_keeps_confirmations_unless_the_sender_asks(client, office, confirmed):
    edit(client, office, confirmed, body="日時を追記しました。")
    assert NoticeRead.objects.filter(notice=confirmed, confirmed_at__isnull=False).count() == 2
    assert not Notification.objects.exists()


def test_asking_again_needs_a_note_of_what_changed(client, office, confirmed):
    response = edit(client, office, confirmed, reset_confirmations="on", change_note="")
    assert "change_note" in response.context["form"].errors
    assert NoticeRead.objects.filter(notice=confirmed, confirmed_at__isnull=False).count() == 2


def test_the_choice_is_offered_only_for_a_notice_that_asks_for_confirmation(client, office):
    plain = notice(sender=office.gyosei)
    client.force_login(office.office)
    form = client.get(reverse("bulletin:edit", args=[plain.pk])).context["form"]
    assert "reset_confirmations" not in form.fields


def test_the_confirmation_list_shows_when_each_read_and_confirmed(client, office, confirmed):
    from django.utils import timezone
    from django.utils.formats import date_format

    read = NoticeRead.objects.get(notice=confirmed, user=office.citizen)
    client.force_login(office.office)
    body = client.get(reverse("bulletin:confirmations", args=[confirmed.pk])).content.decode()
    assert "既読日時" in body and "確認日時" in body
    row = body.split("市民 一郎", 1)[1].split("</tr>", 1)[0]
    shown = date_format(timezone.localtime(read.confirmed_at), "DATETIME_FORMAT")
    assert row.count(shown) == 2  # read and confirmed in the same minute


def test_the_csv_shows_when_each_read_and_confirmed(client, office, confirmed):
    import csv
    import io

    from django.utils import timezone

    read = NoticeRead.objects.get(notice=confirmed, user=office.citizen)
    client.force_login(office.office)
    text = client.get(reverse("bulletin:confirmations_csv", args=[confirmed.pk])).content
    rows = list(csv.reader(io.StringIO(text.decode("utf-8").lstrip("\ufeff"))))
    citizen = next(row for row in rows if row[1] == "市民 一郎")
    assert citizen[4:] == [
        timezone.localtime(read.read_at).strftime("%Y-%m-%d %H:%M"),
        timezone.localtime(read.confirmed_at).strftime("%Y-%m-%d %H:%M"),
    ]
