"""The board and a notice page cost the same number of queries however much there is."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bulletin import attachments, services
from tests.factories import notice

pytestmark = pytest.mark.django_db


def queries_for(client, url):
    """Queries of one request, after a first one has warmed the per-process caches."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def add_notices(office, count):
    now = timezone.now()
    for number in range(count):
        archived = number % 4 == 3
        sent = notice(
            f"お知らせ{number}",
            starts_at=now - timedelta(days=10 if archived else 0),
            ends_at=now - timedelta(days=1) if archived else None,
            audience=[office.shimin_bu] if number % 2 else (),
            importance=number % 3,
            pinned=number % 7 == 0,
            requires_confirmation=number % 2 == 0,
        )
        if number % 3 == 0:
            services.confirm(sent, office.citizen)


def test_the_board_page(client, office):
    client.force_login(office.citizen)
    add_notices(office, 4)
    few = queries_for(client, reverse("bulletin:index"))
    add_notices(office, 30)
    assert queries_for(client, reverse("bulletin:index")) == few


def test_the_archive_page(client, office):
    client.force_login(office.citizen)
    add_notices(office, 4)
    few = queries_for(client, reverse("bulletin:archive"))
    add_notices(office, 30)
    assert queries_for(client, reverse("bulletin:archive")) == few


def test_a_notice_page_with_many_readers_and_files(client, office):
    from django.core.files.uploadedfile import SimpleUploadedFile

    sent = notice(requires_confirmation=True, audience=[office.shimin_bu, office.somu])
    client.force_login(office.citizen)
    client.get(sent.get_absolute_url())  # the first visit writes the read record
    few = queries_for(client, sent.get_absolute_url())
    for number in range(5):
        attachments.attach(sent, SimpleUploadedFile(f"資料{number}.pdf", b"%PDF-1.4"), office.hr)
    for user in (office.hr, office.hr_colleague, office.bu_head, office.office):
        services.confirm(sent, user)
    assert queries_for(client, sent.get_absolute_url()) == few


def test_the_confirmations_page(client, office):
    sent = notice(sender=office.gyosei, requires_confirmation=True)
    client.force_login(office.office)
    few = queries_for(client, reverse("bulletin:confirmations", args=[sent.pk]))
    from tests.factories import staff_member

    for number in range(20):
        reader = staff_member(department=office.shimin if number % 2 else office.jinji)
        services.confirm(sent, reader)
    assert queries_for(client, reverse("bulletin:confirmations", args=[sent.pk])) == few


def test_the_board_filtered_by_my_status_and_a_keyword(client, office):
    client.force_login(office.citizen)
    url = reverse("bulletin:index") + "?status=unconfirmed&q=お知らせ"
    add_notices(office, 4)
    few = queries_for(client, url)
    add_notices(office, 30)
    assert queries_for(client, url) == few


def test_the_sent_list_with_audience_sizes(client, office):
    from tests.factories import DepartmentFactory, staff_member

    def send_some(count):
        for number in range(count):
            notice(
                f"送信{number}",
                sender=office.jinji,
                audience=[office.somu, office.jinji] if number % 2 else (),
                requires_confirmation=number % 3 == 0,
            )

    client.force_login(office.hr)
    send_some(3)
    few = queries_for(client, reverse("bulletin:sent"))
    send_some(25)
    for number in range(10):
        section = DepartmentFactory(name=f"第{number}係", parent=office.jinji)
        staff_member(department=section)
    assert queries_for(client, reverse("bulletin:sent")) == few


def notice_queries(client, url):
    """The queries of one request that read the notices themselves."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in captured if 'FROM "bulletin_notice"' in q["sql"]]


def test_a_page_asks_the_notices_once_unless_an_urgent_one_is_unopened(client, office):
    """The header's count tells the banners whether there is a 緊急 notice to show."""
    client.force_login(office.citizen)
    notice("庁舎の点検", importance=1, requires_confirmation=True)
    notice("食堂のメニュー")
    url = reverse("directory:index")
    assert len(notice_queries(client, url)) == 1
    urgent = notice("庁内ネットワーク障害", importance=0)
    assert len(notice_queries(client, url)) == 2
    assert urgent.title in client.get(url).content.decode()
    client.get(urgent.get_absolute_url())  # opened: no banner, one query again
    assert len(notice_queries(client, url)) == 1
    assert urgent.title not in client.get(url).content.decode()
