"""The checks every booking passes, at scale: one span, a year of weekly occurrences, a booking.

    .venv/bin/python benchmarks/reservations_checks.py       # 200 resources, 2,000 staff, 500,000
    scripts/with-postgres .venv/bin/python benchmarks/reservations_checks.py --bookings 50000

On the generated data (_reservations_data.py), single-threaded, what the
booking form waits for before it answers: ``services.occurrence_problems``
for one free span of a busy room, for a span that clashes, for a vehicle
with a weekly quota (the quota sums the booker's week), and for the 52
occurrences of a weekly series (as the form lists clashes before booking);
then ``services.book`` and ``services.cancel`` of one booking. Each with
its SQL query count: one span should cost a fixed handful, a series a
fixed handful per occurrence.
"""

import argparse
import datetime
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _reservations_data import (  # noqa: E402
    ReservationsData,
    add_size_arguments,
    busy_staff_member,
)
from _setup import django_on_a_fresh_database, markdown_table, timing_cells  # noqa: E402


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

    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as captured:
        result = work()
    return len(captured), result


def free_hour(resource, days):
    """The first hour 9:00–18:00 on one of ``days`` with no active slot of ``resource``."""
    from django.utils import timezone

    from reservations import services

    for day in days:
        for hour in range(9, 18):
            start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))
            end = start + datetime.timedelta(hours=1)
            if not services.conflicts([resource], start, end):
                return start, end
    raise LookupError(f"no free hour for {resource}")


def taken_hour(resource, days):
    from reservations.models import BookingSlot

    slot = BookingSlot.objects.filter(
        resource=resource, is_active=True, starts_at__date__gte=days[0]
    ).first()
    return slot.starts_at, slot.starts_at + datetime.timedelta(hours=1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_size_arguments(parser)
    parser.add_argument("--repeat", type=int, default=30, help="runs of each measurement")
    args = parser.parse_args()

    django_on_a_fresh_database()
    from django.db import connection
    from django.db.models import Count

    from reservations import services
    from reservations.models import Resource

    print(f"Generating on {connection.vendor}:")
    data = ReservationsData()
    data.add(args.resources, args.staff, args.bookings)
    user = busy_staff_member(data)
    department = user.staff_profile.department
    days = [day for day in data.working_days() if day > data.today][:40]
    room = (
        Resource.objects.rooms()
        .filter(requires_approval=False)
        .annotate(made=Count("slots"))
        .order_by("-made")
        .first()
    )
    car = Resource.objects.filter(kind=Resource.Kind.VEHICLE, weekly_quota__isnull=False).first()

    def draft(resources):
        return services.BookingDraft(
            user=user, resources=resources, title="計測", department=department, attendee_count=4
        )

    free, taken = free_hour(room, days), taken_hour(room, days)
    weekly = [
        (free[0] + datetime.timedelta(weeks=week), free[1] + datetime.timedelta(weeks=week))
        for week in range(52)
    ]

    def series_problems():
        return sum(bool(services.occurrence_problems(draft([room]), *span)) for span in weekly)

    def book_and_cancel():
        services.cancel([services.book(draft([room]), *free)])

    measured = [
        (
            f"occurrence_problems, a free hour of the busiest room ({room.made:,} slots)",
            lambda: len(services.occurrence_problems(draft([room]), *free)),
            "problems",
        ),
        (
            "occurrence_problems, an hour that clashes",
            lambda: len(services.occurrence_problems(draft([room]), *taken)),
            "problems",
        ),
        (
            "occurrence_problems, 52 weekly occurrences",
            series_problems,
            "occurrences refused",
        ),
        ("book + cancel one booking", book_and_cancel, None),
    ]
    if car is not None:
        car_free = free_hour(car, days)
        measured.insert(
            2,
            (
                "occurrence_problems, a vehicle with a weekly quota",
                lambda: len(services.occurrence_problems(draft([car]), *car_free)),
                "problems",
            ),
        )
    rows = []
    for label, work, what in measured:
        queries, result = queries_of(work)
        found = f"{what}: {result}" if what else ""
        rows.append([label, queries, *timing_cells(timed(work, args.repeat)), found])

    print(
        f"\n{connection.vendor}, 2 CPU cores; {data.booking_count:,} bookings on "
        f"{args.resources} resources, {args.staff:,} staff (generated in {data.seconds:.0f} s); "
        f"{args.repeat} runs each, one thread\n"
    )
    headers = ["check", "SQL queries", "median ms", "p95 ms", "spread ms", "result"]
    print(markdown_table(headers, rows))


if __name__ == "__main__":
    main()
