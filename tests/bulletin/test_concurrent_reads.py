"""Many staff reading and confirming one notice at the same moment, each on its own connection.

Twenty threads start together (a barrier) and call the services a view
calls. Every thread opens its own database connection, as a server's
threads do; on SQLite the test database is a file in WAL mode
(intranet/settings/test.py), so the threads meet real locking.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from bulletin import services
from bulletin.models import Notice, NoticeCategory, NoticeRead
from intranet.models import Notification
from tests.factories import DepartmentFactory, staff_member

# Tests that open many connections at once run on one worker, one after another.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.xdist_group("many-connections")]

THREADS = 20


@pytest.fixture
def notice(transactional_db):
    section = DepartmentFactory(name="情報政策課")
    return Notice.objects.create(
        title="庁内ネットワーク停止のお知らせ",
        body="<p>停止します。</p>",
        category=NoticeCategory.objects.create(name="システム停止", slug="maintenance"),
        sender=section,
        requires_confirmation=True,
    )


def all_at_once(work, arguments):
    """Run ``work(argument)`` in one thread per argument, started together; results in order.

    An exception in a thread is re-raised here, so a test sees every error.
    """
    barrier = threading.Barrier(len(arguments))

    def run(argument):
        try:
            barrier.wait(timeout=60)
            return work(argument)
        finally:
            connection.close()  # this thread's own connection

    with ThreadPoolExecutor(max_workers=len(arguments)) as pool:
        return list(pool.map(run, arguments))


def read_and_confirm(notice):
    def work(user):
        services.mark_read(notice, user)
        return services.confirm(notice, user)

    return work


def test_twenty_staff_confirming_at_once_are_all_recorded(notice):
    users = [staff_member() for _ in range(THREADS)]
    all_at_once(read_and_confirm(notice), users)
    confirmed = NoticeRead.objects.filter(notice=notice, confirmed_at__isnull=False)
    assert sorted(confirmed.values_list("user_id", flat=True)) == sorted(u.pk for u in users)


def test_twenty_staff_reading_at_once_leave_one_record_each(notice):
    users = [staff_member() for _ in range(THREADS)]
    all_at_once(lambda user: services.mark_read(notice, user), users)
    reads = NoticeRead.objects.filter(notice=notice)
    assert reads.count() == reads.values("user").distinct().count() == THREADS


def test_one_staff_member_confirming_from_twenty_tabs_at_once_keeps_the_first_time(notice):
    user = staff_member()
    returned = all_at_once(read_and_confirm(notice), [user] * THREADS)
    stored = NoticeRead.objects.get(notice=notice, user=user).confirmed_at
    assert set(returned) == {stored}


def test_the_sending_section_pressing_remind_twenty_times_at_once_reminds_everyone_once(notice):
    staff = [staff_member() for _ in range(3)]
    senders = [staff_member() for _ in range(THREADS)]

    def press(sender):
        try:
            return services.remind_unconfirmed(notice, sender=sender)
        except services.ReminderTooSoon:
            return None

    sent = all_at_once(press, senders)
    assert len([count for count in sent if count is not None]) == 1
    for user in staff:
        assert Notification.objects.filter(recipient=user).count() == 1
