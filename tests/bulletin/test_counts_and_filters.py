"""Counts that tell: the panel's total, the header's count, the board's filters, the sent list."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from bulletin import dashboard, services
from tests.factories import notice

pytestmark = pytest.mark.django_db


def panel(body):
    return body.split('data-panel="bulletin.unconfirmed"', 1)[1].split("</section>", 1)[0]


def test_the_panel_shows_the_total_and_how_many_more(client, office):
    for number in range(12):
        notice(f"確認のお願い{number}", requires_confirmation=True)
    client.force_login(office.citizen)
    shown = panel(client.get("/").content.decode())
    assert shown.count("確認のお願い") == dashboard.PANEL_SIZE
    assert "（12件）" in shown
    assert "ほか4件" in shown and "?status=unconfirmed" in shown


def test_the_panel_says_no_more_when_it_lists_everything(client, office):
    notice("確認のお願い", requires_confirmation=True)
    client.force_login(office.citizen)
    shown = panel(client.get("/").content.decode())
    assert "（1件）" in shown and "ほか" not in shown


def test_the_header_counts_the_notices_waiting_on_every_page(client, office):
    notice("要確認のお知らせ", requires_confirmation=True)
    notice("重要なお知らせ", importance=1)
    notice("普通のお知らせ")
    client.force_login(office.citizen)
    body = client.get(reverse("bulletin:archive")).content.decode()
    assert 'class="waiting-notices__count">2件<' in body


def test_the_header_count_goes_once_everything_is_done(client, office):
    sent = notice("要確認のお知らせ", requires_confirmation=True)
    services.confirm(sent, office.citizen)
    client.force_login(office.citizen)
    assert "waiting-notices" not in client.get(reverse("bulletin:archive")).content.decode()


def board_titles(client, **query):
    response = client.get(reverse("bulletin:index"), query)
    return [item.title for item in response.context["page"].object_list]


def test_the_board_shows_unread_only(client, office):
    read = notice("読んだお知らせ")
    notice("読んでいないお知らせ")
    services.mark_read(read, office.citizen)
    client.force_login(office.citizen)
    assert board_titles(client, status="unread") == ["読んでいないお知らせ"]


def test_the_board_shows_unconfirmed_only_as_the_panel_counts_them(client, office):
    done = notice("確認したお知らせ", requires_confirmation=True)
    notice("確認していないお知らせ", requires_confirmation=True)
    notice("普通のお知らせ")
    services.confirm(done, office.citizen)
    client.force_login(office.citizen)
    assert board_titles(client, status="unconfirmed") == ["確認していないお知らせ"]


def test_the_board_finds_a_keyword_in_the_title_or_the_body(client, office):
    notice("庁舎停電のお知らせ", body="<p>本日15時から停電します。</p>")
    notice("研修のご案内", body="<p>電子レンジの使い方を学びます。</p>")
    notice("健康診断", body="<p>受診してください。</p>")
    client.force_login(office.citizen)
    assert board_titles(client, q="停電") == ["庁舎停電のお知らせ"]
    assert board_titles(client, q="電子レンジ") == ["研修のご案内"]
    assert board_titles(client, q="研修 電子レンジ") == ["研修のご案内"]


def test_the_sent_list_counts_against_the_audience_and_shows_the_whole_period(client, office):
    end = timezone.now() + timedelta(days=7)
    sent = notice(
        "人事課からのお知らせ",
        sender=office.jinji,
        audience=[office.somu],
        requires_confirmation=True,
        ends_at=end,
    )
    services.confirm(sent, office.hr_colleague)
    services.mark_read(sent, office.office)
    client.force_login(office.hr)
    body = client.get(reverse("bulletin:sent")).content.decode()
    # 総務部 and its sections: 事務 局子, 人事 太郎, 人事 花子.
    assert "2／3人" in body and "1／3人" in body
    assert f"{timezone.localtime(end):%Y年%-m月%-d日}" in body


def test_the_sent_list_counts_all_staff_for_a_notice_to_everyone(client, office):
    notice("全職員へ", sender=office.jinji, requires_confirmation=True)
    client.force_login(office.hr)
    body = client.get(reverse("bulletin:sent")).content.decode()
    assert "0／5人" in body
