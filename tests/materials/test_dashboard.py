"""The home page's 「新着の会議資料」 panel lists only what its reader may open, at a fixed cost."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from materials import dashboard
from materials.models import Confidentiality
from tests.factories import DepartmentFactory, staff_member
from tests.materials import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_series(django_capture_on_commit_callbacks):
    coordination = factories.series("庁内調整会議")
    heads = factories.series("部長会議", secretary=DepartmentFactory(name="総務課"))
    with django_capture_on_commit_callbacks(execute=True):
        factories.meeting_material(factories.meeting(coordination), title="全庁向けの調整資料")
        factories.meeting_material(
            factories.meeting(heads, title="第2回"),
            title="部長限りの人事方針",
            confidentiality=Confidentiality.PRIVATE,
        )
    return coordination, heads


def home(client, user):
    client.force_login(user)
    return client.get("/").content.decode()


def test_the_panel_shows_new_materials_on_the_home_page(client, two_series):
    page = home(client, staff_member(department=DepartmentFactory(name="市民課")))
    assert "新着の会議資料" in page
    assert "全庁向けの調整資料" in page
    assert "庁内調整会議 第1回" in page


def test_a_closed_material_of_another_series_is_not_shown(client, two_series):
    coordination, _heads = two_series
    page = home(client, factories.secretary_of(coordination))
    assert "全庁向けの調整資料" in page
    assert "部長限りの人事方針" not in page


def test_the_members_of_a_series_see_its_closed_material(client, two_series):
    _coordination, heads = two_series
    member = staff_member(department=DepartmentFactory(name="財務部"))
    heads.members.add(member)
    assert "部長限りの人事方針" in home(client, member)


def test_the_panel_costs_the_same_queries_for_one_material_or_many(
    two_series, django_capture_on_commit_callbacks
):
    coordination, _heads = two_series
    request = RequestFactory().get("/")
    request.user = staff_member(department=DepartmentFactory(name="市民課"))

    def queries():
        request.user = type(request.user).objects.get(pk=request.user.pk)
        with CaptureQueriesContext(connection) as captured:
            items = dashboard.panel_items(request)
        return len(captured), len(items)

    few, shown = queries()
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(8):
            factories.meeting_material(
                factories.meeting(coordination, title=f"第{number + 2}回"), title=f"資料{number}"
            )
    many, shown_many = queries()
    assert (shown, shown_many) == (1, dashboard.PANEL_SIZE)
    assert many == few
