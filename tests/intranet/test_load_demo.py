"""load_demo builds a believable organisation and can run any number of times.

The organisation's tests load only the organisation (``load_organisation``);
the command's own behaviour is tested with the whole demo.
"""

from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db.models import Count, Q
from django.test import RequestFactory

from intranet import roles
from intranet.demo.organisation import DEMO_PASSWORD
from intranet.demo.staff import load_organisation
from intranet.models import Department, StaffProfile
from tests.intranet.test_japanese_text_style import broken_rules

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        sorted(Department.objects.values_list("code", "name", "parent__code")),
        sorted(
            StaffProfile.objects.values_list(
                "staff_number", "full_name", "department__code", "job_title", "extension"
            )
        ),
    )


def test_loads_a_department_tree_and_about_sixty_staff():
    load_organisation()
    assert Department.objects.filter(kind="bu", parent=None).count() >= 5
    assert Department.objects.filter(kind="ka", parent__isnull=False).count() >= 10
    assert 50 <= StaffProfile.objects.count() <= 70
    assert all(" " in name for name in StaffProfile.objects.values_list("full_name", flat=True))


def test_each_section_has_one_head():
    """One 課長 per section, and that person holds the section head's role; no one else does."""
    load_organisation()
    sections = Department.objects.filter(kind=Department.Kind.KA).annotate(
        kacho=Count("staff", filter=Q(staff__job_title="課長"), distinct=True),
        heads=Count("staff", filter=Q(staff__user__groups__name=roles.SECTION_HEAD), distinct=True),
    )
    assert sections.exists()
    for section in sections:
        assert (section.name, section.kacho, section.heads) == (section.name, 1, 1)
    kacho = StaffProfile.objects.get(user__username="kacho")
    assert kacho.job_title == "課長"
    assert not StaffProfile.objects.filter(department=kacho.department, job_title="課長").exclude(
        pk=kacho.pk
    )


def test_every_extension_is_in_its_own_section_range():
    load_organisation()
    for profile in StaffProfile.objects.select_related("department"):
        department = profile.department
        assert department.extension_from <= int(profile.extension) <= department.extension_to, (
            profile.full_name,
            profile.extension,
            department.name,
        )
    extensions = list(StaffProfile.objects.values_list("extension", flat=True))
    assert len(extensions) == len(set(extensions)), "two staff share an extension"


def test_running_twice_changes_nothing():
    load_organisation()
    first = snapshot()
    load_organisation()
    assert snapshot() == first


def test_the_demo_login_works_and_has_the_general_staff_role():
    load_organisation()
    user = authenticate(
        RequestFactory().post("/accounts/login/"), username="demo", password=DEMO_PASSWORD
    )
    assert user is not None
    assert roles.has_role(user, roles.STAFF)
    assert not user.has_perm("wagtailadmin.access_admin")


def test_every_role_has_a_demo_account():
    load_organisation()
    for role in roles.ROLES:
        assert StaffProfile.objects.filter(user__groups__name=role).exists(), role


def test_if_empty_leaves_an_existing_organisation_alone():
    load_organisation()
    StaffProfile.objects.filter(user__username="demo").update(job_title="変更済み")
    call_command("load_demo", "--if-empty", verbosity=0)
    assert StaffProfile.objects.get(user__username="demo").job_title == "変更済み"


def test_the_command_makes_a_home_page_and_prints_a_short_summary(small_python_faq, caplog):
    """A database without a home page gets one; the output is a summary, not a line per page."""
    from wagtail.models import Site

    from intranet.models import HomePage

    HomePage.objects.all().delete()
    caplog.clear()
    out = StringIO()
    with caplog.at_level("INFO"):
        call_command("load_demo", stdout=out)
    assert Site.objects.get(is_default_site=True).root_page.specific_class is HomePage
    assert not [r for r in caplog.records if r.name.startswith("wagtail") and r.levelno < 30]
    assert len(out.getvalue().splitlines()) < 20
    assert "デモデータを読み込みました" in out.getvalue()
    # The summary is interface text: written in the house style, as the screens are.
    lines = out.getvalue().splitlines()
    assert {line: broken_rules(line) for line in lines if broken_rules(line)} == {}
