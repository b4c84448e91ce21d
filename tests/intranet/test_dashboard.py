"""The home page is a dashboard of panels that each app registers."""

import pytest
from django.urls import reverse

from intranet import dashboard
from intranet.dashboard import DashboardPanel, PanelItem
from intranet.registry import AlreadyRegistered, NotRegistered
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
    dashboard.unregister_panel(panel.key)


def test_only_apps_that_work_have_a_panel():
    keys = {panel.key for panel in dashboard.registered_panels()}
    assert keys == {
        "faq.recent",
        "materials.recent",
        "intranet.my_department",
        "bulletin.unconfirmed",
        "bulletin.conference_new_posts",
        "reservations.today",
        "reservations.mine",
        "reservations.approvals",
        "incidents.awaiting_review",
        "incidents.lessons",
    }


def test_a_panel_key_registered_twice_is_refused(extra_panel):
    with pytest.raises(AlreadyRegistered):
        dashboard.register_panel(extra_panel)


def test_unregistering_an_unknown_panel_is_refused():
    with pytest.raises(NotRegistered):
        dashboard.unregister_panel("tests.never-registered")


def test_a_failing_panel_shows_its_own_error_and_the_rest_of_the_home_page(
    staff_client, extra_panel, caplog
):
    def broken(request):
        raise RuntimeError("the panel's data source is down")

    dashboard.register_panel(
        DashboardPanel(key="tests.broken", title="壊れたパネル", order=5, items=broken)
    )
    try:
        response = staff_client.get("/")
    finally:
        dashboard.unregister_panel("tests.broken")
    body = response.content.decode()
    assert response.status_code == 200
    assert "壊れたパネル" in body and "このパネルは今は表示できません" in body
    assert "項目その1" in body and "新着・更新FAQ" in body
    assert "tests.broken" in caplog.text


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
        dashboard.unregister_panel("tests.hidden")


def test_my_department_panel_names_the_section_head(client):
    section = DepartmentFactory(name="市民課", extension_from=3000, extension_to=3049)
    staff_member(roles=["所属長"], department=section, full_name="阿部 直樹", job_title="課長")
    client.force_login(staff_member(department=section))
    body = client.get("/").content.decode()
    assert "阿部 直樹（課長）" in body
    assert "3000〜3049" in body


def test_the_dashboard_greets_in_japanese_with_todays_date(staff_client):
    body = staff_client.get("/").content.decode()
    assert "さん、おつかれさまです" in body
    assert "年" in body and "日(" in body


def test_a_user_without_profile_is_told_what_to_do(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("noprofile", password="x"))
    body = client.get(reverse("home")).content.decode()
    assert "職員情報がまだ登録されていません" in body
