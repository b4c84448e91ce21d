"""The demo schedules: the demo logins get a realistic few weeks, and a second run adds nothing."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from schedule.models import Event

from intranet.demo.staff import load_organisation
from reservations.schedule import services
from reservations.schedule.demo import load_demo_schedules

pytestmark = pytest.mark.django_db

A_MONDAY = datetime.date(2027, 6, 7)


@pytest.fixture
def organisation():
    load_organisation()


def test_a_second_run_adds_nothing(organisation):
    assert load_demo_schedules(today=A_MONDAY) > 0
    count = Event.objects.count()
    assert load_demo_schedules(today=A_MONDAY) == 0
    assert Event.objects.count() == count


def test_the_demo_login_has_a_morning_meeting_every_weekday(organisation):
    load_demo_schedules(today=A_MONDAY)
    demo = get_user_model().objects.get(username="demo")
    start = services.day_bounds(A_MONDAY)[0]
    items = services.my_items(demo, start, start + datetime.timedelta(days=7))
    assert [item.start.date() for item in items if item.title == "朝礼"] == [
        A_MONDAY + datetime.timedelta(days=n) for n in range(5)
    ]


def test_the_section_meeting_is_on_the_department_calendar(organisation):
    load_demo_schedules(today=A_MONDAY)
    kacho = get_user_model().objects.get(username="kacho")
    slug = services.department_slug(kacho.staff_profile.department_id)
    assert Event.objects.filter(calendar__slug=slug, title="課内ミーティング").exists()
