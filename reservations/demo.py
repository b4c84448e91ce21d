"""Demo rooms, equipment and vehicles, and a month of bookings from tomorrow on.

``load`` is called by ``manage.py load_demo`` after the organisation. The
resources are known by their names and only added when missing; the month of
bookings is made only when no demo resource has a booking yet, so running it
again adds nothing. Every booking goes through ``services`` like one made on
screen, so each obeys every rule (opening hours, working days, no overlap),
and a clash with an earlier demo booking simply moves on to the next room.

Who books is drawn from the demo directory with a seeded random generator:
the same day gives the same month. The demo login ``demo`` (市民課) has
bookings of its own, two of them in 市民相談室 waiting for ``kacho`` (市民課
課長); the 庁議室 and 大会議室 have requests waiting for 総務課's 課長.
"""

import datetime
import random

from dateutil import rrule
from django.db import transaction
from django.utils import timezone

from intranet.models import Department, StaffProfile

from . import approval, demo_data, rules, services
from .closed_days import is_closed_day
from .models import Blackout, Booking, BookingSeries, Feature, Resource, ResourceGroup
from .schedule import demo as schedule_demo

SEED = 20261126
DAYS_AHEAD = 31
DAY_STARTS, DAY_ENDS = datetime.time(9, 0), datetime.time(17, 30)


def load(stdout=None, *, today=None):
    today = today or timezone.localdate()
    with transaction.atomic():
        sections = {department.code: department for department in Department.objects.all()}
        if demo_data.SOUMU not in sections:
            if stdout is not None:
                stdout.write("施設予約：デモの組織がないため、読み込みを省略しました。")
            return
        added = load_resources(sections)
        days = working_days(today)
        load_blackout(days)
        bookings = []
        if not Booking.objects.filter(resources__in=demo_resources()).exists():
            bookings = DemoMonth(sections, days).book()
    schedule_demo.load_demo_schedules(stdout, today=today)
    if stdout is not None:
        waiting = sum(1 for booking in bookings if booking.status == Booking.Status.TENTATIVE)
        stdout.write(
            f"施設予約：施設・備品・公用車{added}件、予約{len(bookings)}件"
            f"（承認待ち{waiting}件）を追加しました。"
        )


load_demo = load


def working_days(today):
    """The working days from tomorrow to a month ahead: no weekends, holidays or closure."""
    days = (today + datetime.timedelta(days=offset) for offset in range(1, DAYS_AHEAD + 1))
    return [day for day in days if day.weekday() < 5 and not is_closed_day(day)]


def moment(day, time):
    return timezone.make_aware(datetime.datetime.combine(day, time))


# Resources ---------------------------------------------------------------------------------


def load_resources(sections):
    """Buildings, floors, features, rooms, equipment and vehicles; returns how many were added."""
    features = {
        name: Feature.objects.get_or_create(name=name, defaults={"sort_order": order})[0]
        for order, name in enumerate(demo_data.FEATURES)
    }
    added, order = 0, 0
    for building_order, (building, floors) in enumerate(demo_data.BUILDINGS):
        top = ResourceGroup.objects.get_or_create(
            name=building, parent=None, defaults={"sort_order": building_order}
        )[0]
        for floor_order, (floor, rooms) in enumerate(floors):
            group = ResourceGroup.objects.get_or_create(
                name=floor, parent=top, defaults={"sort_order": floor_order}
            )[0]
            for name, capacity, room_features, owner, needs_approval in rooms:
                order += 1
                resource, created = Resource.objects.get_or_create(
                    name=name,
                    kind=Resource.Kind.ROOM,
                    defaults={
                        "group": group,
                        "location": f"{building}{floor}",
                        "capacity": capacity,
                        "owner": sections[owner],
                        "opens_at": datetime.time(8, 30),
                        "closes_at": datetime.time(21, 0),
                        "requires_approval": needs_approval,
                        "publishes_bookings": name in demo_data.PUBLIC_EVENT_ROOMS,
                        "sort_order": order,
                    },
                )
                if created:
                    resource.features.set(features[feature] for feature in room_features)
                    added += 1
    for order, name in enumerate(demo_data.EQUIPMENT):
        added += Resource.objects.get_or_create(
            name=name,
            kind=Resource.Kind.EQUIPMENT,
            defaults={
                "location": demo_data.EQUIPMENT_LOCATION,
                "owner": sections[demo_data.JOHO],
                "sort_order": order,
            },
        )[1]
    for order, (name, seats) in enumerate(demo_data.VEHICLES):
        added += Resource.objects.get_or_create(
            name=name,
            kind=Resource.Kind.VEHICLE,
            defaults={
                "location": demo_data.VEHICLE_LOCATION,
                "capacity": seats,
                "owner": sections[demo_data.SOUMU],
                "opens_at": datetime.time(8, 0),
                "closes_at": datetime.time(20, 0),
                "weekly_quota": demo_data.VEHICLE_WEEKLY_QUOTA,
                "sort_order": order,
            },
        )[1]
    return added


def demo_resources():
    names = [
        room[0]
        for _building, floors in demo_data.BUILDINGS
        for _floor, rooms in floors
        for room in rooms
    ]
    names += demo_data.EQUIPMENT + [name for name, _seats in demo_data.VEHICLES]
    return Resource.objects.filter(name__in=names)


def load_blackout(days):
    """空調設備点検 of 大会議室 on a working day about two weeks ahead."""
    resource = Resource.objects.get(name=demo_data.BLACKOUT_ROOM, kind=Resource.Kind.ROOM)
    if Blackout.objects.filter(resource=resource, reason=demo_data.BLACKOUT_REASON).exists():
        return
    day = days[min(9, len(days) - 1)]
    Blackout.objects.create(
        resource=resource,
        starts_at=moment(day, datetime.time(8, 30)),
        ends_at=moment(day, datetime.time(17, 30)),
        reason=demo_data.BLACKOUT_REASON,
    )


# A month of bookings --------------------------------------------------------------------------


class DemoMonth:
    """Books the demo month; ``book`` returns every booking made."""

    def __init__(self, sections, days):
        self.sections = sections
        self.days = days
        self.random = random.Random(SEED)
        self.resources = {resource.name: resource for resource in demo_resources()}
        self.made = []

    def book(self):
        self.weekly_meeting()
        self.demo_login()
        self.requests_for_approval()
        self.trainings()
        self.public_events()
        self.trips()
        self.ordinary_days()
        return self.made

    # who --------------------------------------------------------------------------------

    def staff_of(self, code):
        return list(
            StaffProfile.objects.filter(department=self.sections[code], user__is_active=True)
            .select_related("user", "department")
            .order_by("staff_number")
        )

    def someone_in(self, code):
        return self.random.choice(self.staff_of(code)).user

    def draft(self, user, resources, title, **fields):
        return services.BookingDraft(
            user=user,
            resources=[self.resources[name] for name in resources],
            title=title,
            department=user.staff_profile.department,
            **fields,
        )

    def try_book(self, draft, day, start, minutes):
        begins = moment(day, start)
        try:
            booking = services.book(draft, begins, begins + datetime.timedelta(minutes=minutes))
        except services.BookingRefused:
            return None
        self.made.append(booking)
        return booking

    def approve(self, booking):
        """Each owner approves its own part, as the section heads would."""
        for part in approval.parts(booking):
            keeper = rules.approvers(part.resource)[0]
            if approval.waiting_parts(keeper, booking):
                approval.decide(booking, keeper, approve=True)
            booking.refresh_from_db()

    # what -------------------------------------------------------------------------------

    def weekly_meeting(self):
        """庁内調整会議 every Monday at 10:00, one series, closed days skipped."""
        spec = demo_data.WEEKLY_MEETING
        user = self.staff_of(spec["section"])[1].user
        first, last = self.days[0], self.days[-1]
        until = moment(last, spec["start"])
        rule = rrule.rrule(
            rrule.WEEKLY,
            byweekday=rrule.MO,
            dtstart=datetime.datetime.combine(first, spec["start"]),
            until=datetime.datetime.combine(last, spec["start"]),
        )
        starts = [timezone.make_aware(start) for start in rule if not is_closed_day(start.date())]
        if not starts:
            return
        series = BookingSeries.objects.create(
            frequency=BookingSeries.Frequency.WEEKLY,
            weekdays="0",
            until=last,
            skip_closed_days=True,
            rrule=f"FREQ=WEEKLY;BYDAY=MO;UNTIL={until.astimezone(datetime.UTC):%Y%m%dT%H%M%SZ}",
            created_by=user,
        )
        draft = self.draft(
            user,
            [spec["room"]],
            spec["title"],
            purpose=spec["purpose"],
            attendee_count=spec["attendees"],
        )
        length = datetime.timedelta(minutes=spec["minutes"])
        try:
            self.made.extend(
                services.create_bookings(
                    draft,
                    [(start, start + length) for start in starts],
                    series=series,
                    original_starts=starts,
                )
            )
        except services.BookingRefused:
            series.delete()

    def demo_login(self):
        """``demo`` (市民課): a meeting, an outreach trip with a PC, consultations to approve."""
        demo = StaffProfile.objects.select_related("user").filter(user__username="demo").first()
        if demo is None:
            return
        user = demo.user
        self.try_book(
            self.draft(
                user,
                ["別館会議室A"],
                "窓口業務の引継ぎ打合せ",
                purpose="年末年始の窓口体制と引継ぎ事項の確認。",
                attendee_count=5,
            ),
            self.days[1],
            datetime.time(15, 0),
            60,
        )
        self.try_book(
            self.draft(
                user,
                ["公用車2号（なにわ 500 あ 56-78）", "ノートPC 2号"],
                "マイナンバーカード出張申請受付",
                purpose="公民館での出張受付。申請用のノートPCを持参します。",
                attendee_count=3,
                destination="市内 南部公民館",
                driver=user,
            ),
            self.days[3],
            datetime.time(9, 0),
            240,
        )
        title, purpose, room, _section, start, minutes, attendees = demo_data.REQUESTS[0]
        for index in (0, 2, 4):
            booking = self.try_book(
                self.draft(user, [room], title, purpose=purpose, attendee_count=attendees),
                self.days[index],
                start,
                minutes,
            )
            if booking is not None and index == 0:
                self.approve(booking)

    def requests_for_approval(self):
        """Requests for 大会議室 and 庁議室, and one 庁議 already approved."""
        for offset, (title, purpose, room, section, start, minutes, attendees) in enumerate(
            demo_data.REQUESTS[1:], start=5
        ):
            self.try_book(
                self.draft(
                    self.someone_in(section),
                    [room],
                    title,
                    purpose=purpose,
                    attendee_count=attendees,
                ),
                self.days[offset],
                start,
                minutes,
            )
        booking = self.try_book(
            self.draft(
                self.staff_of(demo_data.SOUMU)[1].user,
                ["庁議室"],
                "庁議",
                purpose="市長・副市長・各部長による政策調整。",
                attendee_count=16,
            ),
            self.days[1],
            datetime.time(9, 30),
            90,
        )
        if booking is not None:
            self.approve(booking)

    def trainings(self):
        for number, (title, purpose, section, minutes, attendees) in enumerate(demo_data.TRAININGS):
            day = self.days[(3 + number * 5) % len(self.days)]
            self.try_book(
                self.draft(
                    self.someone_in(section),
                    ["研修室", "ノートPC 1号"],
                    title,
                    purpose=purpose,
                    attendee_count=attendees,
                ),
                day,
                datetime.time(13, 30),
                minutes,
            )

    def public_events(self):
        """Events for residents in the public hall: what the open-data event list holds."""
        for title, purpose, section, day_index, start, minutes, count in demo_data.PUBLIC_EVENTS:
            self.try_book(
                self.draft(
                    self.someone_in(section),
                    sorted(demo_data.PUBLIC_EVENT_ROOMS),
                    title,
                    purpose=purpose,
                    attendee_count=count,
                ),
                self.days[day_index % len(self.days)],
                start,
                minutes,
            )

    def trips(self):
        vehicles = [name for name, _seats in demo_data.VEHICLES]
        for number, day in enumerate(self.days[::2]):
            title, purpose, destination, sections = self.random.choice(demo_data.TRIPS)
            user = self.someone_in(self.random.choice(sections))
            start = self.random.choice([datetime.time(9, 0), datetime.time(13, 0)])
            self.try_book(
                self.draft(
                    user,
                    [vehicles[number % len(vehicles)]],
                    title,
                    purpose=purpose,
                    attendee_count=self.random.randint(1, 3),
                    destination=destination,
                    driver=user,
                ),
                day,
                start,
                self.random.choice([120, 180, 210]),
            )

    def ordinary_days(self):
        codes = sorted(code for code, department in self.sections.items() if department.parent_id)
        for day in self.days:
            for _ in range(self.random.randint(5, 8)):
                title, purpose, sections, rooms, minutes, attendees, extras = self.random.choice(
                    demo_data.MEETINGS
                )
                user = self.someone_in(self.random.choice(sections or codes))
                latest = (DAY_ENDS.hour * 60 + DAY_ENDS.minute) - minutes
                slots = range(DAY_STARTS.hour * 60, latest + 1, 30)
                start = self.random.choice(list(slots))
                for room in rooms:
                    booked = self.try_book(
                        self.draft(
                            user,
                            [room, *extras],
                            title,
                            purpose=purpose,
                            attendee_count=attendees,
                        ),
                        day,
                        datetime.time(start // 60, start % 60),
                        minutes,
                    )
                    if booked is not None:
                        break
