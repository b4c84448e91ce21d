"""Roles are Django groups; Wagtail's admin and the department screens respect them."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from intranet import roles
from tests.factories import DepartmentFactory, staff_member

pytestmark = pytest.mark.django_db


def test_every_role_exists_as_a_group_after_migrate():
    assert set(Group.objects.values_list("name", flat=True)) >= set(roles.ROLES)


def test_wagtails_sample_groups_are_gone():
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()


def test_sync_roles_restores_a_removed_permission():
    it_desk = Group.objects.get(name=roles.IT_DESK)
    it_desk.permissions.clear()
    roles.sync_roles()
    assert it_desk.permissions.filter(codename="access_admin").exists()


def test_general_staff_cannot_enter_the_wagtail_admin(client):
    client.force_login(staff_member())
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_general_staff_cannot_reach_the_it_desks_document_library(client):
    client.force_login(staff_member())
    response = client.get(reverse("wagtaildocs:index"), follow=True)
    assert response.request["PATH_INFO"] == reverse("login")
    assert "このアカウントでは開けない" in response.content.decode()


def test_it_desk_reaches_the_admin_and_the_document_library(client):
    client.force_login(staff_member(roles=[roles.IT_DESK]))
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    assert client.get(reverse("wagtaildocs:index")).status_code == 200


def test_it_desk_cannot_manage_staff_profiles(client):
    client.force_login(staff_member(roles=[roles.IT_DESK]))
    response = client.get(reverse("staffprofile:add"))
    assert response.status_code in {302, 403}


def test_system_admin_can_add_departments_in_the_admin(client):
    client.force_login(staff_member(roles=[roles.SYSTEM_ADMIN]))
    assert client.get(reverse("department:add")).status_code == 200


def test_section_head_sees_their_own_department(client):
    section = DepartmentFactory(name="市民課")
    client.force_login(staff_member(roles=[roles.SECTION_HEAD], department=section))
    response = client.get(reverse("intranet_managed_department", args=[section.pk]))
    assert response.status_code == 200
    assert "市民課" in response.content.decode()


def test_section_head_cannot_open_another_departments_screen(client):
    own, other = DepartmentFactory(), DepartmentFactory(name="税務課")
    client.force_login(staff_member(roles=[roles.SECTION_HEAD], department=own))
    response = client.get(reverse("intranet_managed_department", args=[other.pk]), follow=True)
    # Wagtail's admin turns PermissionDenied into a message on the admin home.
    assert response.request["PATH_INFO"] == reverse("wagtailadmin_home")
    assert "税務課" not in response.content.decode()


def test_section_head_lists_only_their_departments(client):
    bu = DepartmentFactory(name="市民生活部", kind="bu")
    section = DepartmentFactory(name="保険年金課", parent=bu)
    DepartmentFactory(name="道路課")
    client.force_login(staff_member(roles=[roles.SECTION_HEAD], department=bu))
    body = client.get(reverse("intranet_managed_departments")).content.decode()
    assert section.name in body
    assert "道路課" not in body


def test_general_staff_get_no_department_management_screen(client):
    section = DepartmentFactory()
    client.force_login(staff_member(department=section))
    response = client.get(reverse("intranet_managed_department", args=[section.pk]))
    assert response.status_code in {302, 403}


def test_department_staff_list_shows_staff_of_sections_below(client):
    bu = DepartmentFactory(kind="bu")
    section = DepartmentFactory(parent=bu)
    staff_member(department=section, full_name="下位 職員")
    client.force_login(staff_member(roles=[roles.SECTION_HEAD], department=bu))
    body = client.get(reverse("intranet_managed_department", args=[bu.pk])).content.decode()
    assert "下位 職員" in body


def test_the_wagtail_admin_speaks_japanese(client):
    client.force_login(staff_member(roles=[roles.IT_DESK]))
    body = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'lang="ja"' in body
    assert "ダッシュボード" in body


@pytest.mark.parametrize("role", [roles.SECTION_HEAD, roles.ADMIN_OFFICE])
def test_the_organisation_screens_are_the_system_administrators_only(client, role):
    """A section head has 所属の管理 instead; the administration office needs neither."""
    client.force_login(staff_member(roles=[role], department=DepartmentFactory()))
    assert client.get(reverse("staffprofile:index")).status_code in (302, 403)
    assert client.get(reverse("department:index")).status_code in (302, 403)


def section_head_with_the_staff_list(department):
    """A section head who was also given the staff list (an app might grant it)."""
    from django.contrib.auth.models import Permission

    user = staff_member(roles=[roles.SECTION_HEAD], department=department)
    user.user_permissions.add(Permission.objects.get(codename="view_staffprofile"))
    return user


@pytest.mark.parametrize("params", [{}, {"department": "OTHER"}, {"q": "0001"}])
def test_the_staff_list_shows_a_section_head_only_their_own_staff(client, params):
    own = DepartmentFactory(name="市民課")
    other = DepartmentFactory(name="人事課")
    staff_member(department=own, staff_number="OWN0001")
    staff_member(department=other, staff_number="OTHER0001")
    client.force_login(section_head_with_the_staff_list(own))
    params = {k: (other.pk if v == "OTHER" else v) for k, v in params.items()}
    body = client.get(reverse("staffprofile:index"), params).content.decode()
    assert "OTHER0001" not in body
    if not params.get("department"):
        assert "OWN0001" in body


def test_the_department_filter_offers_only_managed_departments(client):
    own = DepartmentFactory(name="市民課")
    DepartmentFactory(name="人事課")
    client.force_login(section_head_with_the_staff_list(own))
    body = client.get(reverse("staffprofile:index")).content.decode()
    assert "人事課" not in body


def test_a_system_admin_lists_every_staff_member(client):
    staff_member(department=DepartmentFactory(), staff_number="OTHER0001")
    client.force_login(staff_member(roles=[roles.SYSTEM_ADMIN]))
    assert "OTHER0001" in client.get(reverse("staffprofile:index")).content.decode()


def test_an_app_grants_a_permission_to_one_role_only():
    roles.grant(roles.IT_DESK, ["intranet.change_department"])
    try:
        roles.sync_roles()
        assert (
            Group.objects.get(name=roles.IT_DESK)
            .permissions.filter(codename="change_department")
            .exists()
        )
        assert (
            not Group.objects.get(name=roles.IT_DESK_LEAD)
            .permissions.filter(codename="change_department")
            .exists()
        )
    finally:
        roles._granted[roles.IT_DESK].discard("intranet.change_department")
        roles.sync_roles()


def test_granting_to_an_unknown_role_is_refused():
    with pytest.raises(ValueError, match="Unknown role"):
        roles.grant("課長補佐", ["intranet.view_department"])


def test_the_apps_grants_reach_the_groups():
    it_desk = Group.objects.get(name=roles.IT_DESK)
    codenames = set(it_desk.permissions.values_list("codename", flat=True))
    assert {"view_openquestion", "change_openquestion", "view_search_report"} <= codenames


def test_a_section_head_corrects_an_extension_and_a_job_title(client):
    section = DepartmentFactory(extension_from=3000, extension_to=3049)
    member = staff_member(department=section, extension="3001", full_name="市民 花子")
    profile = member.staff_profile
    client.force_login(staff_member(roles=[roles.SECTION_HEAD], department=section))
    url = reverse("intranet_managed_department_staff", args=[section.pk, profile.pk])
    form = {"extension": "３０１２", "job_title": " 主査 ", "full_name": "別人"}
    response = client.post(url, form)
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.extension == "3012" and profile.job_title == "主査"
    assert profile.full_name == "市民 花子"  # not the head's to change


@pytest.mark.parametrize(
    ("extension", "message"),
    [("内線12", "内線番号は数字で入力してください"), ("4000", "3000〜3049")],
)
def test_a_wrong_extension_is_explained_in_japanese(client, extension, message):
    section = DepartmentFactory(extension_from=3000, extension_to=3049)
    profile = staff_member(department=section, extension="3001").staff_profile
    client.force_login(staff_member(roles=[roles.SECTION_HEAD], department=section))
    url = reverse("intranet_managed_department_staff", args=[section.pk, profile.pk])
    response = client.post(url, {"extension": extension, "job_title": "主事"})
    assert response.status_code == 200
    assert message in response.content.decode()
    profile.refresh_from_db()
    assert profile.extension == "3001"


def test_a_section_head_cannot_correct_someone_in_another_department(client):
    own, other = DepartmentFactory(), DepartmentFactory()
    profile = staff_member(department=other, extension="9999").staff_profile
    client.force_login(staff_member(roles=[roles.SECTION_HEAD], department=own))
    for department in (own, other):
        url = reverse("intranet_managed_department_staff", args=[department.pk, profile.pk])
        client.post(url, {"extension": "1234", "job_title": "課長"})
    profile.refresh_from_db()
    assert profile.extension == "9999"


def test_the_department_screen_links_each_person_to_their_correction_form(client):
    section = DepartmentFactory()
    profile = staff_member(department=section).staff_profile
    client.force_login(staff_member(roles=[roles.SECTION_HEAD], department=section))
    body = client.get(reverse("intranet_managed_department", args=[section.pk])).content.decode()
    assert reverse("intranet_managed_department_staff", args=[section.pk, profile.pk]) in body
