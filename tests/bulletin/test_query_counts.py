"""The board and a notice page cost the same number of SQL queries however much data there is.

Each test counts the queries of one request, adds notices, departments,
audiences and read records of many kinds, and counts again. A query per
notice, per sender or per reader shows up as a difference.
"""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bulletin.models import Notice, NoticeAudience, NoticeCategory, NoticeRead
from intranet.models import Department
from tests.factories import DepartmentFactory, staff_member

pytestmark = pytest.mark.django_db

_numbers = itertools.count()


def queries_of(client, url):
    client.get(url)  # caches (the site, the session, the menu) as a second visit finds them
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def add_notices(count, reader, **fields):
    """``count`` notices, each from its own new section under its own 部 and in its own category,
    half of them for the reader's section only, half read and confirmed by the reader and others.
    """
    readers = [staff_member() for _ in range(3)]
    notices = []
    for _ in range(count):
        number = next(_numbers)
        bu = DepartmentFactory(kind=Department.Kind.BU, name=f"第{number}部")
        notice = Notice.objects.create(
            title=f"お知らせ {number}",
            body="<p>本文です。</p>",
            category=NoticeCategory.objects.create(name=f"分類{number}", slug=f"c{number}"),
            sender=DepartmentFactory(parent=bu),
            **{
                "importance": number % 3,
                "pinned": number % 5 == 0,
                "requires_confirmation": number % 2 == 0,
                "audience_all": number % 2 == 0,
                **fields,
            },
        )
        if not notice.audience_all:
            NoticeAudience.objects.create(notice=notice, department=reader_section(reader))
            NoticeAudience.objects.create(notice=notice, department=bu)
        if number % 2:
            for user in [reader, *readers]:
                NoticeRead.objects.create(notice=notice, user=user, confirmed_at=notice.starts_at)
        notices.append(notice)
    return notices


def reader_section(user):
    return user.staff_profile.department


@pytest.fixture
def reader(client):
    user = staff_member(department=DepartmentFactory(parent=DepartmentFactory(kind="bu")))
    client.force_login(user)
    return user


def test_the_board_costs_the_same_queries_with_two_notices_or_thirty(client, reader):
    add_notices(2, reader)
    few = queries_of(client, reverse("bulletin:index"))
    add_notices(28, reader)
    assert queries_of(client, reverse("bulletin:index")) == few


def test_a_notice_page_costs_the_same_queries_however_many_have_read_it(client, reader):
    notice = add_notices(1, reader, audience_all=False)[0]
    url = reverse("bulletin:notice", args=[notice.pk])
    few = queries_of(client, url)
    for user in [staff_member(department=reader_section(reader)) for _ in range(20)]:
        NoticeRead.objects.create(notice=notice, user=user)
    for department in DepartmentFactory.create_batch(5):
        NoticeAudience.objects.create(notice=notice, department=department)
    add_notices(10, reader)
    assert queries_of(client, url) == few
