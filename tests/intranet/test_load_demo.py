"""load_demo builds a believable organisation and can run any number of times."""

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory

from intranet import roles
from intranet.demo.organisation import DEMO_PASSWORD
from intranet.models import Department, StaffProfile

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("small_python_faq")]


def snapshot():
    return (
        sorted(Department.objects.values_list("code", "name", "parent__code")),
        sorted(StaffProfile.objects.values_list("staff_number", "full_name", "department__code")),
    )


def test_loads_a_department_tree_and_about_sixty_staff():
    call_command("load_demo", verbosity=0)
    assert Department.objects.filter(kind="bu", parent=None).count() >= 5
    assert Department.objects.filter(kind="ka", parent__isnull=False).count() >= 10
    assert 50 <= StaffProfile.objects.count() <= 70
    assert all(" " in name for name in StaffProfile.objects.values_list("full_name", flat=True))


def test_running_twice_changes_nothing():
    call_command("load_demo", verbosity=0)
    first = snapshot()
    call_command("load_demo", verbosity=0)
    assert snapshot() == first


def test_the_demo_login_works_and_has_the_general_staff_role():
    call_command("load_demo", verbosity=0)
    user = authenticate(
        RequestFactory().post("/accounts/login/"), username="demo", password=DEMO_PASSWORD
    )
    assert user is not None
    assert roles.has_role(user, roles.STAFF)
    assert not user.has_perm("wagtailadmin.access_admin")


def test_every_role_has_a_demo_account():
    call_command("load_demo", verbosity=0)
    for role in roles.ROLES:
        assert StaffProfile.objects.filter(user__groups__name=role).exists(), role


def test_if_empty_leaves_an_existing_organisation_alone():
    call_command("load_demo", verbosity=0)
    StaffProfile.objects.filter(user__username="demo").update(job_title="変更済み")
    call_command("load_demo", "--if-empty", verbosity=0)
    assert StaffProfile.objects.get(user__username="demo").job_title == "変更済み"


def test_a_database_without_a_home_page_gets_one():
    from wagtail.models import Site

    from intranet.models import HomePage

    HomePage.objects.all().delete()
    call_command("load_demo", verbosity=0)
    assert Site.objects.get(is_default_site=True).root_page.specific_class is HomePage


def test_load_demo_prints_a_short_summary_not_a_line_per_page(caplog):
    from io import StringIO

    out = StringIO()
    with caplog.at_level("INFO"):
        call_command("load_demo", stdout=out)
    assert not [r for r in caplog.records if r.name.startswith("wagtail") and r.levelno < 30]
    assert len(out.getvalue().splitlines()) < 20
    assert "デモデータを読み込みました" in out.getvalue()
