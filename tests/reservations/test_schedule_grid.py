"""The department week as a fixed grid of people by days, a list per day for phones, and my
day, week and month, read in a fixed number of queries however many people there are."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import DepartmentFactory, at, booking, room, staff_member, working_day

from .schedule_factories import entry

pytestmark = pytest.mark.django_db

SEIJIN_NO_HI = datetime.date(2027, 1, 11)  # 成人の日, a Monday


@pytest.fixture
def section():
    return DepartmentFactory(name="情報政策課")


def department_url(department, day):
    url = reverse("reservations:department_schedule", args=[department.pk])
    return f"{url}?week={day:%Y-%m-%d}"


def _grid_and_lists(body):
    grid = body[body.index('class="schedule-grid"') : body.index('class="schedule-days"')]
    lists = body[body.index('class="schedule-days"') :]
    return grid, lists


def test_the_grid_has_one_fixed_column_per_day_and_short_day_headers(client, section):
    client.force_login(staff_member(department=section))
    body = client.get(department_url(section, SEIJIN_NO_HI)).content.decode()
    grid, _ = _grid_and_lists(body)
    assert '<col span="7" class="schedule-table__day">' in grid
    assert '<span class="schedule-table__date">1/11(月)</span>' in grid
    assert '<span class="schedule-table__date">1/16(土)</span>' in grid
    assert "成人の日" in grid


def test_a_phone_gets_the_same_week_as_a_list_per_day(client, section):
    day = working_day()
    colleague = staff_member(department=section, full_name="佐藤 花子")
    entry(colleague, day, "10:00", "11:00", title="窓口当番")
    staff_member(department=section, full_name="鈴木 一郎")
    client.force_login(staff_member(department=section))
    body = client.get(department_url(section, day)).content.decode()
    _, lists = _grid_and_lists(body)
    heading = f'id="list-{day:%Y%m%d}"'
    that_day = lists[lists.index(heading) :]
    that_day = that_day[: that_day.index("</section>")]
    assert "佐藤 花子" in that_day and "窓口当番" in that_day
    # Only people with something that day are listed; the rest are counted.
    assert "鈴木 一郎" not in that_day
    assert re.search(r"予定のない職員：2人", that_day)


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _add_busy_members(section, day, count):
    for _ in range(count):
        member = staff_member(department=section)
        entry(member, day, "09:00", "10:00")
        entry(member, day + datetime.timedelta(days=1), "13:00", "14:00", private=True)
        booking(room(f"会議室{member.pk}"), at(day, "15:00"), at(day, "16:00"), user=member)


def test_a_grid_of_fifty_people_reads_as_many_queries_as_a_grid_of_five(client, section):
    day = working_day()
    client.force_login(staff_member(department=section))
    _add_busy_members(section, day, 4)
    url = department_url(section, day)
    _queries(client, url)  # the first request fills the per-process caches
    few = _queries(client, url)
    _add_busy_members(section, day, 45)
    assert _queries(client, url) == few


def test_my_day_shows_that_days_entries_only(client):
    me = staff_member()
    day = working_day()
    entry(me, day, title="予算ヒアリング")
    entry(me, day + datetime.timedelta(days=1), title="翌日の会議")
    client.force_login(me)
    body = client.get(reverse("reservations:schedule_day"), {"date": f"{day:%Y-%m-%d}"})
    text = body.content.decode()
    assert "予算ヒアリング" in text and "翌日の会議" not in text


def test_my_month_shows_the_whole_month_with_holidays(client):
    me = staff_member()
    entry(me, datetime.date(2027, 1, 20), title="監査対応")
    entry(me, datetime.date(2027, 2, 20), title="翌月の会議")
    client.force_login(me)
    body = client.get(reverse("reservations:schedule_month"), {"month": "2027-01"})
    text = body.content.decode()
    assert "監査対応" in text and "成人の日" in text
    assert "翌月の会議" not in text


def test_an_unreadable_month_shows_this_month_with_a_warning(client):
    client.force_login(staff_member())
    response = client.get(reverse("reservations:schedule_month"), {"month": "2027-13"})
    assert response.status_code == 200
    assert "今月を表示" in response.content.decode()


def test_the_views_link_to_each_other(client):
    client.force_login(staff_member())
    body = client.get(reverse("reservations:schedule")).content.decode()
    assert reverse("reservations:schedule_day") in body
    assert reverse("reservations:schedule_month") in body
    assert reverse("reservations:staff_groups") in body
