"""Booking under contention: many threads booking a few hot rooms at once, and no double booking.

    scripts/with-postgres .venv/bin/python benchmarks/reservations_contention.py
    scripts/with-postgres .venv/bin/python benchmarks/reservations_contention.py \\
        --resources 200 --staff 2000 --bookings 50000 --threads 8,16,32 --attempts 40
    .venv/bin/python benchmarks/reservations_contention.py --bookings 50000   # SQLite

On top of the generated data (_reservations_data.py: 200 resources, 2,000
staff, 500,000 bookings by default), each round makes ``--rooms`` new hot
rooms, then starts ``--threads`` threads together (a barrier), each with its
own database connection and its own staff member, and each tries
``--attempts`` bookings through ``services.book`` (the path every booking
view takes): a random hot room, one of the next ``--days`` working days, a
random one-hour span on the quarter hour between 9:00 and 17:00. There are
far fewer free hours than attempts, so most attempts clash.

Per round the table shows bookings made per second of wall time, attempts
refused by the service's check and refused by the database (PostgreSQL's
exclusion constraint: the check passed, but another thread wrote first;
``BookingRefused.raced``), any other error (there should be none), median
and p95 latency of one attempt, and the double bookings an SQL self-join
finds among the hot rooms' active slots afterwards (there must be 0), and
last the same check over every resource with the whole table.
"""

import argparse
import datetime
import random
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _reservations_data import ReservationsData, add_size_arguments, double_bookings  # noqa: E402
from _setup import django_on_a_fresh_database, markdown_table, timing_cells  # noqa: E402


def upcoming_working_days(count):
    from django.utils import timezone

    from reservations.closed_days import is_closed_day

    days, day = [], timezone.localdate()
    while len(days) < count:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5 and not is_closed_day(day):
            days.append(day)
    return days


def hot_rooms(count, round_number):
    from reservations.models import Resource, ResourceGroup

    group = ResourceGroup.objects.filter(parent__isnull=False).first()
    owner = Resource.objects.rooms().values_list("owner_id", flat=True).first()
    return [
        Resource.objects.create(
            kind=Resource.Kind.ROOM,
            name=f"人気会議室{round_number}-{number + 1}",
            group=group,
            capacity=12,
            owner_id=owner,
        )
        for number in range(count)
    ]


def attempt_spans(rng, rooms, days, attempts):
    """Random one-hour spans 9:00–17:00 on the quarter hour, on random hot rooms and days."""
    from django.utils import timezone

    spans = []
    for _ in range(attempts):
        day = rng.choice(days)
        quarter = rng.randrange(8 * 4 + 1)
        start = timezone.make_aware(
            datetime.datetime.combine(day, datetime.time(9, 0))
            + datetime.timedelta(minutes=15 * quarter)
        )
        spans.append((rng.choice(rooms), start, start + datetime.timedelta(hours=1)))
    return spans


def contend(users, plans):
    """Each thread books its plan through ``services.book``; outcomes and timings per attempt."""
    from django.db import connection

    from reservations import services

    barrier = threading.Barrier(len(plans))

    def run(user, plan):
        outcomes = []
        try:
            barrier.wait(timeout=120)
            for room, start, end in plan:
                draft = services.BookingDraft(
                    user=user,
                    resources=[room],
                    title="打合せ",
                    department=user.staff_profile.department,
                )
                started = time.perf_counter()
                try:
                    services.book(draft, start, end)
                    outcome = "booked"
                except services.BookingRefused as refused:
                    outcome = "raced" if refused.raced else "checked"
                except Exception as error:  # noqa: BLE001 - counted and shown, never hidden
                    outcome = f"error: {type(error).__name__}: {error}"
                outcomes.append((outcome, (time.perf_counter() - started) * 1000))
            return outcomes
        finally:
            connection.close()  # this thread's own connection

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=len(plans)) as pool:
        results = list(pool.map(run, users, plans))
    return [outcome for outcomes in results for outcome in outcomes], time.perf_counter() - started


def one_round(round_number, threads, args, rng, staff):
    from reservations.models import BookingSlot

    rooms = hot_rooms(args.rooms, round_number)
    days = upcoming_working_days(args.days)
    users = rng.sample(staff, threads)
    plans = [attempt_spans(rng, rooms, days, args.attempts) for _ in range(threads)]
    outcomes, wall = contend(users, plans)
    kinds = [outcome for outcome, _ms in outcomes]
    booked = kinds.count("booked")
    errors = [kind for kind in kinds if kind.startswith("error")]
    for error in sorted(set(errors)):
        print(f"  {errors.count(error)} × {error}")
    held = BookingSlot.objects.filter(resource__in=rooms, is_active=True).count()
    doubles = double_bookings([room.pk for room in rooms])
    free_hours = args.rooms * args.days * 8
    return [
        threads,
        len(kinds),
        f"{booked} (of at most ~{free_hours} free hours)",
        kinds.count("checked"),
        kinds.count("raced"),
        len(errors),
        f"{booked / wall:,.1f}",
        f"{len(kinds) / wall:,.1f}",
        *timing_cells([ms for _outcome, ms in outcomes])[:2],
        "0" if doubles == 0 and held == booked else f"{doubles} (slots {held}, booked {booked})",
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_size_arguments(parser)
    parser.add_argument("--threads", default="8,16,32", help="thread counts, one round each")
    parser.add_argument("--attempts", type=int, default=40, help="bookings each thread tries")
    parser.add_argument("--rooms", type=int, default=5, help="hot rooms per round")
    parser.add_argument("--days", type=int, default=3, help="working days ahead to book on")
    args = parser.parse_args()

    django_on_a_fresh_database()
    from django.contrib.auth import get_user_model
    from django.db import connection

    print(f"Generating on {connection.vendor}:")
    data = ReservationsData()
    data.add(args.resources, args.staff, args.bookings)
    staff = list(
        get_user_model()
        .objects.filter(staff_profile__isnull=False)
        .select_related("staff_profile__department")
    )
    rng = random.Random(3)
    rows = []
    for round_number, threads in enumerate(int(t) for t in args.threads.split(",")):
        print(f"  round of {threads} threads …")
        rows.append(one_round(round_number + 1, threads, args, rng, staff))
    started = time.perf_counter()
    overall = double_bookings()
    check_seconds = time.perf_counter() - started

    print(
        f"\n{connection.vendor}, 2 CPU cores; {data.booking_count:,} bookings on "
        f"{args.resources} resources and {args.staff:,} staff (generated in {data.seconds:.0f} s); "
        f"each round: {args.rooms} new hot rooms, {args.days} working days, "
        f"{args.attempts} attempts per thread, one-hour spans 9:00–17:00 on the quarter hour\n"
    )
    headers = [
        "threads",
        "attempts",
        "booked",
        "refused by the check",
        "refused by the database",
        "other errors",
        "bookings/s",
        "attempts/s",
        "median ms",
        "p95 ms",
        "double bookings",
    ]
    print(markdown_table(headers, rows))
    print(
        f"\nDouble bookings among all {data.booking_count:,}+ bookings afterwards "
        f"(active slots against their predecessor on the same resource): {overall} "
        f"(checked in {check_seconds:.1f} s)"
    )


if __name__ == "__main__":
    main()
