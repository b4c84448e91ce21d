"""Review deadlines by level: the setting, the hourly command, the flags and the home panel."""

import io
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import timezone

from incidents import dashboard, deadlines
from incidents.models import IncidentReport
from intranet.models import Notification
from tests.factories import DepartmentFactory, staff_member

from . import factories

pytestmark = pytest.mark.django_db

PANEL_TITLE = "確認待ちのミス・ヒヤリハット報告"


@pytest.fixture
def people():
    department = DepartmentFactory(name="税務課")
    return {
        "department": department,
        "writer": factories.reporter(department),
        "head": factories.head_of(department),
        "office": factories.office_member(),
    }


def make_late(report, hours=1):
    IncidentReport.objects.filter(pk=report.pk).update(
        due_at=timezone.now() - timedelta(hours=hours)
    )


def test_the_settings_say_the_hours_by_level():
    assert settings.INCIDENTS_REVIEW_HOURS == {0: 168, 1: 168, 2: 72, 3: 24, 4: 24, 5: 24}
    assert [deadlines.review_hours(level) for level in range(6)] == [168, 168, 72, 24, 24, 24]


def test_a_report_is_due_by_its_level_as_configured(settings, people):
    settings.INCIDENTS_REVIEW_HOURS = {0: 240, 3: 8}
    report, _key = factories.submitted_report(user=people["writer"], level=4)
    assert report.due_at == report.discovered_at + timedelta(hours=8)
    report, _key = factories.submitted_report(user=people["writer"], level=2)
    assert report.due_at == report.discovered_at + timedelta(hours=240)


def test_the_command_tells_the_section_head_of_a_late_report_once(people):
    report, _key = factories.submitted_report(user=people["writer"], title="遅れている報告")
    on_time, _key = factories.submitted_report(user=people["writer"], title="期限内の報告", level=0)
    make_late(report)
    Notification.objects.all().delete()
    out = io.StringIO()
    call_command("flag_overdue_reports", stdout=out)
    assert "1件" in out.getvalue()
    notified = list(Notification.objects.values_list("recipient", "url"))
    assert notified == [(people["head"].pk, report.get_absolute_url())]
    call_command("flag_overdue_reports", stdout=io.StringIO())
    assert Notification.objects.count() == 1
    assert IncidentReport.objects.get(pk=on_time.pk).overdue_notified_at is None


def test_a_confirmed_report_is_not_late(people):
    report, _key = factories.submitted_report(user=people["writer"])
    from incidents import services

    services.confirm_as_head(report, people["head"])
    make_late(report)
    report.refresh_from_db()
    assert not deadlines.is_overdue(report, timezone.now())
    assert services.flag_overdue() == []


# ---- the home page panel --------------------------------------------------


def home(client, user):
    client.force_login(user)
    return client.get("/").content.decode()


@pytest.mark.parametrize("who", ["head", "office"])
def test_reviewers_see_the_panel_with_the_overdue_count_first(client, people, who):
    factories.submitted_report(user=people["writer"], title="期限内の報告", level=0)
    late, _key = factories.submitted_report(user=people["writer"], title="遅れている報告")
    make_late(late)
    if who == "office":
        from incidents import services

        services.confirm_as_head(
            factories.submitted_report(user=people["writer"], title="事務局待ちの報告")[0],
            people["head"],
        )
    html = home(client, people[who])
    assert PANEL_TITLE in html
    panel = html[html.index(PANEL_TITLE) :]
    assert "期限超過の報告が1件あります" in panel
    assert panel.index("期限超過の報告が1件あります") < panel.index(
        "事務局待ちの報告" if who == "office" else "遅れている報告"
    )


def test_the_head_panel_lists_the_late_report_before_the_others(client, people):
    factories.submitted_report(user=people["writer"], title="期限内の報告", level=0)
    late, _key = factories.submitted_report(user=people["writer"], title="遅れている報告")
    make_late(late)
    panel = home(client, people["head"]).split(PANEL_TITLE, 1)[1]
    assert panel.index("遅れている報告") < panel.index("期限内の報告")


def test_staff_who_review_nothing_do_not_see_the_panel(client, people):
    factories.submitted_report(user=people["writer"])
    assert PANEL_TITLE not in home(client, people["writer"])
    assert PANEL_TITLE not in home(client, staff_member(department=people["department"]))


def test_the_panel_costs_the_same_queries_for_few_or_many_reports(people):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    request = RequestFactory().get("/")
    request.user = people["head"]

    def cost():
        with CaptureQueriesContext(connection) as queries:
            dashboard.panel_items(request)
        return len(queries)

    factories.submitted_report(user=people["writer"])
    few = cost()
    for _n in range(6):
        make_late(factories.submitted_report(user=people["writer"])[0])
    assert cost() == few
