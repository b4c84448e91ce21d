"""The home page's 「今日の予定」 panel."""

import datetime

import pytest
from django.test import RequestFactory
from django.utils import timezone

from reservations.schedule.dashboard import PANEL_SIZE, panel_items
from tests.factories import staff_member

from .schedule_factories import entry

pytestmark = pytest.mark.django_db


def items_for(user):
    request = RequestFactory().get("/")
    request.user = user
    return panel_items(request)


def test_todays_entries_in_time_order():
    user, today = staff_member(), timezone.localdate()
    entry(user, today, "15:00", "16:00", title="研修")
    entry(user, today, "09:00", "09:15", title="朝礼")
    assert [item.title for item in items_for(user)] == ["朝礼", "研修"]


def test_tomorrows_entries_are_not_today():
    user = staff_member()
    entry(user, timezone.localdate() + datetime.timedelta(days=1), title="明日の会議")
    assert items_for(user) == []


def test_at_most_eight_items():
    user, today = staff_member(), timezone.localdate()
    for hour in range(8, 18):
        entry(user, today, f"{hour:02d}:00", f"{hour:02d}:30", title=f"予定{hour}")
    assert len(items_for(user)) == PANEL_SIZE


def test_the_panel_is_on_the_home_page(staff_client, staff_user):
    entry(staff_user, timezone.localdate(), "00:00", "23:59", title="窓口当番")
    body = staff_client.get("/").content.decode()
    assert "今日の予定" in body and "窓口当番" in body
