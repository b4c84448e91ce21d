"""Notice confirmations at scale: who has confirmed, reminders, and 20 staff confirming at once.

    .venv/bin/python benchmarks/bulletin_confirmations.py            # 2,000 staff, 50,000
    .venv/bin/python benchmarks/bulletin_confirmations.py --staff 200 --notices 2000 --reads 50000
    scripts/with-postgres .venv/bin/python benchmarks/bulletin_confirmations.py

On top of the generated board (_bulletin_data.py: staff, notices and read
records), one notice is sent to all staff, requires confirmation, and has
been read by 70% and confirmed by half of them. The script measures what
its sender waits for: the per-department summary and the list of staff by
status (the first page of 100, and all of them as the CSV export reads
them), the confirmations page itself, and a reminder to everyone on a
fresh notice nobody has confirmed yet.

Then 20 threads, each with its own database connection (SQLite in WAL mode,
as configured in intranet/settings/base.py, or PostgreSQL), mark read and
confirm at once: first every staff member once, then the same 100 staff
from all 20 threads (many tabs of one person). Afterwards it checks that
nothing was lost or doubled: one record per person, every confirmation
stored, and the time each thread was told is the time stored.
"""

import argparse
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _bulletin_data import BulletinData, add_size_arguments  # noqa: E402
from _setup import django_on_a_fresh_database, markdown_table, timing_cells  # noqa: E402

THREADS = 20


def timed(work, repeat):
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def queries_of(work):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    connection.queries_log.clear()  # a full log (the generator's) records nothing new
    with CaptureQueriesContext(connection) as captured:
        work()
    return len(captured)


def notice_to_everyone(title, sender):
    from bulletin.models import Notice, NoticeCategory

    return Notice.objects.create(
        title=title,
        body="<p>全職員の確認をお願いします。</p>",
        category=NoticeCategory.objects.get(slug="all-staff"),
        sender=sender,
        importance=Notice.Importance.IMPORTANT,
        requires_confirmation=True,
    )


def read_by_most(notice, users):
    """70% of ``users`` have read the notice, half of everyone has confirmed it."""
    from django.utils import timezone

    from bulletin.models import NoticeRead

    now = timezone.now()
    NoticeRead.objects.bulk_create(
        [
            NoticeRead(
                notice=notice, user_id=pk, read_at=now, confirmed_at=now if n % 7 < 5 else None
            )
            for n, pk in enumerate(users)
            if n % 10 < 7
        ],
        batch_size=2000,
    )


def sender_measurements(notice, sender_user, repeat):
    from django.core.paginator import Paginator
    from django.test import Client
    from django.urls import reverse

    from bulletin import services

    client = Client()
    client.force_login(sender_user)
    url = reverse("bulletin:confirmations", args=[notice.pk])
    client.get(url)  # warm up templates and caches

    def first_page():
        list(Paginator(services.staff_by_status(notice), 100).get_page(1))

    def everyone():
        list(services.staff_by_status(notice).iterator(chunk_size=500))

    def page():
        response = client.get(url)
        assert response.status_code == 200, response.status_code

    return [
        ("confirmation_summary (per department)", lambda: services.confirmation_summary(notice)),
        ("staff_by_status, first page of 100", first_page),
        ("staff_by_status, everyone (CSV export)", everyone),
        ("confirmations page /bulletin/<pk>/confirmations/", page),
    ]


def reminder(notice):
    from bulletin import services

    sent = []

    def work():
        sent.append(services.remind_unconfirmed(notice))

    return work, sent


def all_at_once(work, per_thread):
    """``work(item)`` for each item from ``THREADS`` threads started together."""
    from django.db import connection

    barrier = threading.Barrier(THREADS)

    def run(items):
        timings, results = [], []
        try:
            barrier.wait(timeout=60)
            for item in items:
                started = time.perf_counter()
                results.append((item, work(item)))
                timings.append((time.perf_counter() - started) * 1000)
            return timings, results
        finally:
            connection.close()  # each thread's own connection

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        outcomes = list(pool.map(run, per_thread))
    wall = time.perf_counter() - started
    timings = [ms for thread_timings, _ in outcomes for ms in thread_timings]
    results = [result for _, thread_results in outcomes for result in thread_results]
    return timings, results, wall


def read_and_confirm(notice):
    from bulletin import services

    def work(user):
        services.mark_read(notice, user)
        return services.confirm(notice, user)

    return work


def check_no_lost_update(notice, users, told):
    """One record per person, each confirmed, at the time every thread was told."""
    from bulletin.models import NoticeRead

    reads = NoticeRead.objects.filter(notice=notice)
    stored = dict(reads.values_list("user_id", "confirmed_at"))
    expected = {user.pk for user in users}
    problems = []
    if reads.count() != len(expected):
        problems.append(f"{reads.count()} records for {len(expected)} staff")
    if set(stored) != expected:
        problems.append("records for the wrong staff")
    if any(value is None for value in stored.values()):
        problems.append("a confirmation was lost")
    if any(stored.get(user.pk) != when for user, when in told):
        problems.append("a thread was told a time that is not the one stored")
    return "; ".join(problems) or "none: one record per person, every confirmation stored"


def concurrency(sender, label, per_thread):
    notice = notice_to_everyone(f"同時確認の計測（{label}）", sender)
    timings, told, wall = all_at_once(read_and_confirm(notice), per_thread)
    calls = len(timings)
    everyone = [user for items in per_thread for user in items]
    return [
        f"mark_read + confirm, {label}",
        calls,
        *timing_cells(timings),
        f"{calls / wall:,.0f}/s",
        check_no_lost_update(notice, everyone, told),
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_size_arguments(parser)
    parser.add_argument("--repeat", type=int, default=30, help="runs of each measurement")
    parser.add_argument("--reminders", type=int, default=10, help="reminders sent in a row")
    args = parser.parse_args()

    django_on_a_fresh_database()
    from django.contrib.auth import get_user_model
    from django.db import connection

    from intranet.models import Department
    from intranet.notifications import Notification

    print(f"Generating on {connection.vendor}:")
    data = BulletinData()
    data.add(args.staff, args.notices, args.reads)
    generation = sum(seconds for _, seconds in data.timings)
    sender = Department.objects.get(name="総務課")
    sender_user = get_user_model().objects.filter(staff_profile__department=sender).first()
    users = list(get_user_model().objects.filter(staff_profile__isnull=False).order_by("pk"))
    notice = notice_to_everyone("全職員への通知（確認状況の計測）", sender)
    read_by_most(notice, [user.pk for user in users])

    rows = []
    for label, work in sender_measurements(notice, sender_user, args.repeat):
        queries = queries_of(work)
        rows.append([label, args.repeat, *timing_cells(timed(work, args.repeat)), queries])
    fresh = notice_to_everyone("全職員への通知（督促の計測）", sender)
    work, sent = reminder(fresh)
    queries = queries_of(work)
    before = Notification.objects.count()
    timings = timed(work, args.reminders)
    assert Notification.objects.count() - before == sum(sent[1:]), "reminders not all stored"
    rows.append(
        [
            f"remind_unconfirmed to {sent[0]:,} staff",
            args.reminders,
            *timing_cells(timings),
            queries,
        ]
    )

    each_once = [users[i::THREADS] for i in range(THREADS)]
    same_hundred = [users[:100]] * THREADS
    concurrent = [
        concurrency(sender, f"{len(users):,} staff once each", each_once),
        concurrency(sender, "the same 100 staff from all 20 threads", same_hundred),
    ]

    print(
        f"\n{args.staff:,} staff, {data.notice_count:,} notices, {data.read_count:,} read records "
        f"on {connection.vendor} (generated in {generation:.0f} s); a notice to all "
        f"{len(users):,} staff, 70% read, 50% confirmed\n"
    )
    print(
        markdown_table(
            ["operation", "runs", "median ms", "p95 ms", "spread ms", "SQL queries"], rows
        )
    )
    print(f"\n{THREADS} threads at once, each with its own connection\n")
    print(
        markdown_table(
            [
                "operation",
                "calls",
                "median ms",
                "p95 ms",
                "spread ms",
                "throughput",
                "lost or doubled",
            ],
            concurrent,
        )
    )


if __name__ == "__main__":
    main()
