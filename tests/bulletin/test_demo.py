"""The demo bulletin board: a month of notices that quote the directory and nothing personal."""

import importlib.machinery
import io
import re
import sys
import types

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from bulletin import demo
from bulletin.demo_notices import NOTICES
from bulletin.models import Notice, NoticeAudience, NoticeCategory, NoticeRead
from intranet.models import Department
from intranet.privacy import scan

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("shared_demo"),
    # One worker runs the whole module under ``make test``, so the demo loads once.
    pytest.mark.xdist_group("bulletin-demo"),
]


def demo_user():
    return get_user_model().objects.get(username="demo")


def test_the_six_categories_have_ascii_slugs():
    categories = dict(NoticeCategory.objects.values_list("name", "slug"))
    expected = {"全庁通知", "人事", "研修", "システム停止・メンテナンス", "庁内行事", "福利厚生"}
    assert set(categories) == expected
    assert all(re.fullmatch(r"[a-z-]+", slug) for slug in categories.values())


def test_the_board_holds_a_month_of_notices_with_scheduled_and_archived_ones():
    now = timezone.now()
    assert 25 <= Notice.objects.count() <= 35
    assert Notice.objects.filter(starts_at__lt=now - timezone.timedelta(days=25)).exists()
    assert Notice.objects.filter(starts_at__gt=now).count() >= 2
    assert Notice.objects.archived(now).count() >= 3
    assert Notice.objects.filter(importance=Notice.Importance.URGENT, pinned=True).exists()


def test_loading_the_demo_again_adds_nothing():
    def counts():
        return (
            NoticeCategory.objects.count(),
            Notice.objects.count(),
            NoticeAudience.objects.count(),
            NoticeRead.objects.count(),
            NoticeRead.objects.filter(confirmed_at__isnull=False).count(),
        )

    before = counts()
    call_command("load_demo", verbosity=0)
    assert counts() == before
    assert before[1] == len(NOTICES)


def test_every_notice_is_posted_by_a_staff_member_of_its_sending_section():
    for notice in Notice.objects.select_related("posted_by__staff_profile"):
        assert notice.posted_by.staff_profile.department_id == notice.sender_id, notice.title


def test_every_notice_is_sent_by_a_section_that_may_post_in_its_category():
    for notice in Notice.objects.select_related("category").prefetch_related(
        "category__posting_departments"
    ):
        allowed = set(notice.category.posting_departments.all())
        assert not allowed or notice.sender in allowed, notice.title


def test_notices_for_one_department_reach_only_its_staff():
    targeted = Notice.objects.filter(audience_all=False)
    assert targeted.exists()
    tax = Department.objects.get(name="税務課")
    tax_only = targeted.get(audience__department=tax, audience__include_sections=False)
    assert not tax_only.is_visible_to(demo_user())  # 市民課
    assert tax_only.is_visible_to(get_user_model().objects.filter(staff_profile__department=tax)[0])


def test_the_demo_user_has_notices_to_confirm():
    unconfirmed = (
        Notice.objects.visible_to(demo_user())
        .current()
        .filter(requires_confirmation=True)
        .exclude(reads__user=demo_user(), reads__confirmed_at__isnull=False)
    )
    assert unconfirmed.exists()


def test_the_demo_user_has_an_unread_urgent_notice():
    urgent = Notice.objects.visible_to(demo_user()).current().filter(importance=0)
    assert urgent.exclude(reads__user=demo_user()).exists()


def test_some_staff_have_read_and_confirmed_and_others_not():
    notice = Notice.objects.current().filter(requires_confirmation=True, audience_all=True).first()
    staff = get_user_model().objects.filter(staff_profile__isnull=False).count()
    reads = NoticeRead.objects.filter(notice=notice)
    confirmed = reads.filter(confirmed_at__isnull=False).count()
    assert 0 < confirmed < reads.count() < staff


def test_nobody_has_read_a_scheduled_notice_or_confirmed_one_that_needs_no_confirmation():
    assert not NoticeRead.objects.filter(notice__starts_at__gt=timezone.now()).exists()
    assert not NoticeRead.objects.filter(
        notice__requires_confirmation=False, confirmed_at__isnull=False
    ).exists()


def test_bodies_use_only_paragraphs_and_bulleted_lists():
    tags = set()
    for body in Notice.objects.values_list("body", flat=True):
        tags.update(re.findall(r"</?\s*([a-zA-Z0-9]+)", body))
    assert tags == {"p", "ul", "li"}


def test_the_personal_data_guard_finds_nothing_in_the_demo_notices():
    for notice in Notice.objects.all():
        assert scan(f"{notice.title}\n{notice.body}") == [], notice.title


def test_every_extension_quoted_belongs_to_the_sending_section():
    quoted = 0
    for notice in Notice.objects.select_related("sender"):
        for number in re.findall(r"内線\s*(\d+)", notice.body):
            quoted += 1
            sender = notice.sender
            assert sender.extension_from <= int(number) <= sender.extension_to, notice.title
    assert quoted >= 5


def test_the_conference_demo_is_loaded_when_its_module_exists(monkeypatch):
    calls = []
    module = types.ModuleType("fake_conference_demo")
    module.__spec__ = importlib.machinery.ModuleSpec("fake_conference_demo", None)
    module.load_conference_demo = calls.append
    monkeypatch.setitem(sys.modules, "fake_conference_demo", module)
    monkeypatch.setattr(demo, "CONFERENCE_DEMO", "fake_conference_demo")
    out = io.StringIO()
    demo.load(stdout=out)
    assert calls == [out]


def test_the_demo_loads_without_a_conference_demo(monkeypatch):
    monkeypatch.setattr(demo, "CONFERENCE_DEMO", "bulletin.no_such_module_here")
    demo.load()  # raises if it tried to import the module
    assert Notice.objects.count() == len(NOTICES)


def test_a_department_only_demo_notice_is_found_in_search_by_its_audience_alone():
    import search

    notice = Notice.objects.get(title="税務システム端末の入替作業について")
    tax_member = get_user_model().objects.filter(staff_profile__department__name="税務課")[0]

    def found_by(user):
        hits = search.find(user, "税務システム 端末 入替", types=["notice"]).hits
        return notice.get_absolute_url() in [hit.url for hit in hits]

    assert found_by(tax_member)
    assert not found_by(demo_user())
