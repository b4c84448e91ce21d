"""The home page is a dashboard of panels that each app registers."""

import pytest
from django.urls import reverse

from intranet import dashboard
from intranet.dashboard import DashboardPanel, PanelItem
from tests.factories import DepartmentFactory, staff_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def extra_panel():
    panel = dashboard.register_panel(
        DashboardPanel(
            key="tests.extra",
            title="テスト用パネル",
            order=1,
            items=lambda request: [PanelItem(title="項目その1", url="/x/", meta="補足")],
        )
    )
    yield panel
    dashboard._panels.pop(panel.key)


def test_each_app_registers_its_panel():
    keys = {panel.key for panel in dashboard.registered_panels()}
    assert {
        "reservations.today",
        "reservations.my_bookings",
        "bulletin.unconfirmed",
        "faq.recent",
        "incidents.lessons",
        "intranet.my_department",
    } <= keys


def test_home_shows_empty_panels_with_their_japanese_empty_message(staff_client):
    body = staff_client.get("/").content.decode()
    assert "今日の予定はありません。" in body
    assert "確認待ちのお知らせはありません。" in body


def test_a_registered_panel_lists_its_items_in_order(staff_client, extra_panel):
    response = staff_client.get("/")
    rendered = response.context["panels"]
    assert rendered[0].panel.key == "tests.extra"
    assert "項目その1" in response.content.decode()


def test_a_hidden_panel_is_not_shown(staff_client):
    dashboard.register_panel(
        DashboardPanel(
            key="tests.hidden", title="非表示パネル", order=2, is_visible=lambda request: False
        )
    )
    try:
        assert "非表示パネル" not in staff_client.get("/").content.decode()
    finally:
        dashboard._panels.pop("tests.hidden")


def test_my_department_panel_names_the_section_head(client):
    section = DepartmentFactory(name="市民課", extension_from=3000, extension_to=3049)
    staff_member(roles=["所属長"], department=section, full_name="阿部 直樹", job_title="課長")
    client.force_login(staff_member(department=section))
    body = client.get("/").content.decode()
    assert "阿部 直樹（課長）" in body
    assert "3000–3049" in body


def test_the_dashboard_greets_in_japanese_with_todays_date(staff_client):
    body = staff_client.get("/").content.decode()
    assert "さん、おつかれさまです" in body
    assert "年" in body and "日(" in body


def test_a_user_without_profile_is_told_what_to_do(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("noprofile", password="x"))
    body = client.get(reverse("home")).content.decode()
    assert "職員情報がまだ登録されていません" in body
