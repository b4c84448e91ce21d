"""A department's week: every member's entries and bookings, private ones as 予定あり."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from schedule.models import Event

from reservations.schedule import services
from tests.factories import DepartmentFactory, at, booking, room, staff_member, working_day

from .schedule_factories import entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def section():
    return DepartmentFactory(name="情報政策課")


def department_url(department, day):
    url = reverse("reservations:department_schedule", args=[department.pk])
    return f"{url}?week={day:%Y-%m-%d}"


def test_a_members_entry_shows_in_the_department_week(client, section):
    day = working_day()
    colleague = staff_member(department=section, full_name="佐藤 花子")
    entry(colleague, day, title="窓口当番")
    client.force_login(staff_member(department=section))
    body = client.get(department_url(section, day)).content.decode()
    assert "佐藤 花子" in body and "窓口当番" in body


def test_a_members_booking_shows_in_the_department_week(client, section):
    day = working_day()
    colleague = staff_member(department=section)
    booking(room("第2会議室"), at(day, "10:00"), at(day, "11:00"), user=colleague, title="面接")
    client.force_login(staff_member(department=section))
    body = client.get(department_url(section, day)).content.decode()
    assert "面接" in body and "第2会議室" in body


def test_a_private_entry_shows_only_as_busy_to_colleagues(client, section):
    day = working_day()
    entry(staff_member(department=section), day, title="通院", place="市民病院", private=True)
    client.force_login(staff_member(department=section))
    body = client.get(department_url(section, day)).content.decode()
    assert "通院" not in body and "市民病院" not in body
    assert "予定あり" in body


def test_a_member_adds_an_entry_to_the_department_calendar(client, section):
    member = staff_member(department=section)
    client.force_login(member)
    day = working_day()
    client.post(
        reverse("reservations:event_new") + f"?department={section.pk}",
        {
            "title": "課内研修",
            "date": f"{day:%Y-%m-%d}",
            "start_time": "15:00",
            "end_time": "16:00",
            "repeat": "none",
            "department": section.pk,
        },
    )
    assert Event.objects.get().calendar.slug == services.department_slug(section.pk)
    body = client.get(department_url(section, day)).content.decode()
    assert "課内研修" in body


def test_an_outsider_cannot_add_to_a_department_calendar(client, section):
    client.force_login(staff_member())
    response = client.post(
        reverse("reservations:event_new") + f"?department={section.pk}",
        {"title": "x", "date": f"{working_day():%Y-%m-%d}", "all_day": "on", "repeat": "none"},
    )
    assert response.status_code == 403
    assert not Event.objects.exists()


def _queries_for(client, department, day):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(department_url(department, day)).status_code == 200
    return len(queries)


def test_the_department_week_reads_a_fixed_number_of_queries(client, section):
    day = working_day()
    viewer = staff_member(department=section)
    client.force_login(viewer)
    for _ in range(2):
        member = staff_member(department=section)
        entry(member, day)
        booking(room(f"会議室{member.pk}"), at(day, "13:00"), at(day, "14:00"), user=member)
    _queries_for(client, section, day)  # the first request fills the per-process caches
    few = _queries_for(client, section, day)
    for _ in range(4):
        member = staff_member(department=section)
        entry(member, day)
        booking(room(f"会議室{member.pk}"), at(day, "13:00"), at(day, "14:00"), user=member)
    assert _queries_for(client, section, day) == few
