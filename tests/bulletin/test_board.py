"""The board, the archive and a notice page: who sees which notice, and when."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from bulletin.models import NoticeRead
from tests.factories import notice

pytestmark = pytest.mark.django_db


def board_titles(client, user, url_name="bulletin:index", **params):
    client.force_login(user)
    response = client.get(reverse(url_name), params)
    assert response.status_code == 200
    return [shown.title for shown in response.context["page"].object_list]


def test_a_notice_to_all_staff_is_on_everyones_board(client, office):
    notice("全庁一斉停電")
    assert board_titles(client, office.citizen) == ["全庁一斉停電"]


def test_a_scheduled_notice_is_not_on_the_board_before_it_starts(client, office):
    notice("来週の研修案内", starts_at=timezone.now() + timedelta(days=2))
    assert board_titles(client, office.citizen) == []


def test_a_scheduled_notice_page_is_not_found_by_its_readers(client, office):
    scheduled = notice("来週の研修案内", starts_at=timezone.now() + timedelta(days=2))
    client.force_login(office.citizen)
    assert client.get(scheduled.get_absolute_url()).status_code == 404


def test_the_sending_section_sees_its_scheduled_notice(client, office):
    scheduled = notice(
        "来週の研修案内", sender=office.jinji, starts_at=timezone.now() + timedelta(days=2)
    )
    client.force_login(office.hr)
    body = client.get(scheduled.get_absolute_url()).content.decode()
    assert "予約掲示中" in body


def test_after_its_display_period_a_notice_leaves_the_board_for_the_archive(client, office):
    notice(
        "先月の健康診断",
        starts_at=timezone.now() - timedelta(days=40),
        ends_at=timezone.now() - timedelta(days=10),
    )
    assert board_titles(client, office.citizen) == []
    assert board_titles(client, office.citizen, "bulletin:archive") == ["先月の健康診断"]


def test_a_department_notice_reaches_its_sections(client, office):
    notice("総務部の連絡", audience=[office.somu])
    assert board_titles(client, office.hr) == ["総務部の連絡"]
    assert board_titles(client, office.citizen) == []


def test_a_department_notice_without_its_sections_reaches_only_that_department(client, office):
    notice("部内の連絡", audience=[office.shimin_bu], include_sections=False)
    assert board_titles(client, office.bu_head) == ["部内の連絡"]
    assert board_titles(client, office.citizen) == []


def test_a_notice_for_another_department_is_not_found_at_its_address(client, office):
    hidden = notice("人事異動の内示", audience=[office.jinji])
    client.force_login(office.citizen)
    response = client.get(hidden.get_absolute_url())
    assert response.status_code == 404
    assert "人事異動" not in response.content.decode()


def test_a_withdrawn_notice_leaves_the_board_and_its_page(client, office):
    gone = notice("誤って送ったお知らせ", withdrawn_at=timezone.now())
    assert board_titles(client, office.citizen) == []
    assert client.get(gone.get_absolute_url()).status_code == 404


def test_pinned_then_urgent_notices_come_first_then_the_newest(client, office):
    now = timezone.now()
    notice("通常・新しい", starts_at=now - timedelta(hours=1))
    notice("緊急・古い", importance=0, starts_at=now - timedelta(days=3))
    notice("固定・通常", pinned=True, starts_at=now - timedelta(days=5))
    notice("重要", importance=1, starts_at=now - timedelta(days=1))
    assert board_titles(client, office.citizen) == [
        "固定・通常",
        "緊急・古い",
        "重要",
        "通常・新しい",
    ]


def test_the_board_filters_by_category_sender_and_importance(client, office):
    from tests.factories import notice_category

    training = notice_category("kenshu", "研修")
    notice("研修のお知らせ", category=training, sender=office.jinji)
    notice("停電のお知らせ", importance=0, sender=office.gyosei)
    assert board_titles(client, office.citizen, category=training.pk) == ["研修のお知らせ"]
    assert board_titles(client, office.citizen, sender=office.gyosei.pk) == ["停電のお知らせ"]
    assert board_titles(client, office.citizen, sender=office.somu.pk) == [
        "停電のお知らせ",
        "研修のお知らせ",
    ]
    assert board_titles(client, office.citizen, importance=0) == ["停電のお知らせ"]


def test_a_filter_that_makes_no_sense_shows_the_whole_board(client, office):
    notice("停電のお知らせ")
    assert board_titles(client, office.citizen, importance="緊急", category="x") == [
        "停電のお知らせ"
    ]


def test_opening_a_notice_marks_it_read_once(client, office):
    sent = notice()
    client.force_login(office.citizen)
    client.get(sent.get_absolute_url())
    first = NoticeRead.objects.get(notice=sent, user=office.citizen).read_at
    client.get(sent.get_absolute_url())
    assert NoticeRead.objects.get(notice=sent, user=office.citizen).read_at == first


def test_the_board_shows_what_i_have_not_read(client, office):
    notice("未読のお知らせ")
    client.force_login(office.citizen)
    body = client.get(reverse("bulletin:index")).content.decode()
    assert "notice-row--unread" in body and "未読" in body


def test_an_edited_notice_is_marked_updated_to_its_readers(client, office):
    notice("会議室の変更", revised_at=timezone.now())
    client.force_login(office.citizen)
    assert "badge--updated" in client.get(reverse("bulletin:index")).content.decode()
