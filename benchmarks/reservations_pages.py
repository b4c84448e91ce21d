"""The booking pages at scale: SQL queries and response time of what staff wait for.

    .venv/bin/python benchmarks/reservations_pages.py        # 200 resources, 2,000 staff, 500,000
    .venv/bin/python benchmarks/reservations_pages.py --resources 200 --staff 2000 --bookings 50000
    scripts/with-postgres .venv/bin/python benchmarks/reservations_pages.py

On the generated data (_reservations_data.py), pages are requested through
Django's test client (the whole middleware stack, templates included) by the
staff member who books most (about one booking in 200), logged in:

- the day timeline (``reservations:timeline``, ?date=&kind=room&group=) of
  one floor (10 rooms) and of 別館 (50 rooms), on the next working day;
- a room's week (``reservations:resource``, ?week=) for 20 busy rooms;
- 「空き会議室を探す」 (``reservations:find_room``, ?date=&starts=&ends=&seats=,
  the fields of FindRoomForm) for 8 seats 14:00–15:00, which finds rooms, and
  for 500 seats, which cannot (no room seats that many, so there are no
  nearer times or days to offer either);
- the personal iCalendar feed (``reservations:feed``, by its secret), of
  the busiest booker and of the one who books least;
- the schedule week (``reservations:schedule``, ?week=) with 300 events and
  a weekly recurring one in the booker's personal calendar.

The SQL query count of one request is shown beside the timings: a page whose
count grows between its small and its large variant runs a query per row. A
page whose URL name does not exist yet in this build, or which answers
with anything but 200, is listed with the reason instead of timings. The
last column says what the page found: room names in the HTML, events in
the feed, bookings and schedule entries shown, the rooms a search found, so
that a page which found nothing is not mistaken for a fast one.
"""

import argparse
import datetime
import re
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

ROOM_NAME = re.compile(r"(?:本庁舎|別館)\d+階 第\d+会議室")


def found_in(response):
    """What a response shows: VEVENTs in a feed, the rooms a search found, names and blocks."""
    content = response.content.decode("utf-8", "replace")
    if "BEGIN:VCALENDAR" in content:
        return f"{content.count('BEGIN:VEVENT'):,} events"
    if 'class="find-room-form' in content:
        return found_rooms(content)
    shown = []
    rooms = len(set(ROOM_NAME.findall(content)))
    if rooms:
        shown.append(f"{rooms} rooms named")
    blocks = (('class="tl-cell tl-booked', "bookings"), ('class="schedule-item ', "entries"))
    for marker, what in blocks:
        if content.count(marker):
            shown.append(f"{content.count(marker):,} {what}")
    return ", ".join(shown) or "nothing found"


def found_rooms(content):
    """What 「空き会議室を探す」 answered: free rooms, or that none fits and the alternatives."""
    if 'id="results-heading"' not in content:
        return "no search (the form was not valid)"
    results = content.split('id="results-heading"', 1)[1]
    if 'class="zero-results"' not in results:
        return f"{results.count('<li>')} rooms free"
    alternatives = results.count('class="find-room-list"')
    return f"no room fits, {alternatives} alternatives" if alternatives else "no room fits"


def measure(client, urls, requests):
    """(SQL queries of one request, timings in ms, what the last response showed) or a reason."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    try:
        client.get(urls[0])  # warm caches (templates, the session)
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(urls[-1])
    except Exception as error:  # noqa: BLE001 - a page under construction is reported, not fatal
        return f"error: {type(error).__name__}: {str(error)[:80]}"
    if response.status_code != 200:
        return f"HTTP {response.status_code}"
    queries, found = len(captured), found_in(response)
    timings = []
    for number in range(requests):
        started = time.perf_counter()
        response = client.get(urls[number % len(urls)])
        timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            return f"HTTP {response.status_code} on {urls[number % len(urls)]}"
    return queries, timings, found


def url(name, *args, **query):
    """The page's URL, or None when this build has no URL of that name."""
    from urllib.parse import urlencode

    from django.urls import NoReverseMatch, reverse

    try:
        path = reverse(f"reservations:{name}", args=args)
    except NoReverseMatch:
        return None
    return f"{path}?{urlencode(query)}" if query else path


def feed_url(token):
    from django.urls import NoReverseMatch, reverse

    for how in ({"args": [token.secret]}, {"kwargs": {"secret": token.secret}}):
        try:
            return reverse("reservations:feed", **how)
        except NoReverseMatch:
            continue
    return None


def feed_of(user):
    """[the user's personal feed URL], or None without a user or without the URL name."""
    found = feed_url(feed_token(user)) if user is not None else None
    return None if found is None else [found]


def feed_token(user):
    """The personal feed's token, made as the feeds page makes it."""
    from reservations.models import CalendarFeedToken
    from reservations.views.feeds import new_secret

    return CalendarFeedToken.objects.get_or_create(
        user=user, resource=None, defaults={"secret": new_secret()}
    )[0]


def pages(data, reader):
    """(label, [urls] or None) for every page measured."""
    from django.contrib.auth import get_user_model
    from django.db.models import Count, Q

    from reservations.models import Booking, Resource, ResourceGroup

    from_tomorrow = data.today + datetime.timedelta(days=1)
    day = next(d for d in data.working_days() if d >= from_tomorrow)
    monday = data.today - datetime.timedelta(days=data.today.weekday())
    annex = data.buildings["別館"]
    floor = ResourceGroup.objects.filter(parent_id=annex).order_by("sort_order").first()
    annex_rooms = Resource.objects.filter(group__parent_id=annex).count()
    floor_rooms = Resource.objects.filter(group=floor).count()
    week_start, week_end = monday, monday + datetime.timedelta(days=7)
    busy_rooms = list(
        Resource.objects.rooms()
        .annotate(
            week=Count(
                "bookings",
                filter=Q(bookings__starts_at__date__gte=week_start)
                & Q(bookings__starts_at__date__lt=week_end),
            )
        )
        .order_by("-week")
        .values_list("pk", flat=True)[:20]
    )
    occasional = (  # the staff member who books least, beside the one who books most
        get_user_model()
        .objects.filter(staff_profile__isnull=False)
        .annotate(made=Count("bookings"))
        .order_by("made", "pk")
        .first()
    )
    busiest = Booking.objects.filter(booked_by=reader).count()
    few = Booking.objects.filter(booked_by=occasional).count() if occasional else 0
    day_text = day.isoformat()

    def each(name, pks, **query):
        urls = [url(name, pk, **query) for pk in pks]
        return None if None in urls else urls

    def one(name, *args, **query):
        found = url(name, *args, **query)
        return None if found is None else [found]

    return [
        (
            f"timeline, one floor ({floor_rooms} rooms)",
            one("timeline", date=day_text, kind="room", group=floor.pk),
        ),
        (
            f"timeline, 別館 ({annex_rooms} rooms)",
            one("timeline", date=day_text, kind="room", group=annex),
        ),
        (
            "resource week (20 busy rooms)",
            each("resource", busy_rooms, week=monday.isoformat()),
        ),
        (
            "find_room, 8 seats 14:00–15:00",
            one("find_room", date=day_text, starts="14:00", ends="15:00", seats=8),
        ),
        (
            "find_room, 500 seats (degenerate: none fits)",
            one("find_room", date=day_text, starts="14:00", ends="15:00", seats=500),
        ),
        (
            f"personal feed, {few:,} bookings (the least busy)",
            feed_of(occasional),
        ),
        (
            f"personal feed, {busiest:,} bookings (the busiest)",
            feed_of(reader),
        ),
        ("schedule week (300 events + a weekly one)", one("schedule", week=monday.isoformat())),
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_size_arguments(parser)
    parser.add_argument("--requests", type=int, default=50, help="requests per page")
    args = parser.parse_args()

    django_on_a_fresh_database()
    from django.db import connection
    from django.test import Client

    print(f"Generating on {connection.vendor}:")
    data = ReservationsData()
    data.add(args.resources, args.staff, args.bookings)
    reader = busy_staff_member(data)
    data.schedule_for(reader, events=300)
    client = Client()
    client.force_login(reader)

    rows = []
    for label, urls in pages(data, reader):
        if urls is None:
            rows.append([label, "—", "not in this build (URL name does not reverse)", "", "", ""])
            continue
        result = measure(client, urls, args.requests)
        if isinstance(result, str):
            rows.append([label, "—", result, "", "", ""])
            continue
        queries, timings, found = result
        rows.append([label, queries, *timing_cells(timings), found])

    print(
        f"\n{connection.vendor}, 2 CPU cores; {data.booking_count:,} bookings on "
        f"{args.resources} resources, {args.staff:,} staff (generated in {data.seconds:.0f} s); "
        f"{args.requests} requests per page, logged in as the staff member who books most\n"
    )
    headers = ["page", "SQL queries", "median ms", "p95 ms", "spread ms", "found"]
    print(markdown_table(headers, rows))


if __name__ == "__main__":
    main()
