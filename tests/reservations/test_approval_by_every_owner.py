"""A booking of a room and equipment kept by two sections needs both section heads' approval.

Each owner decides its own part; the booking is 確定 only when every part is
approved. A rejected part frees its resource, the booker is told which and
why, and chooses to book with the rest or to cancel.
"""

import importlib

import pytest
from django.apps import apps as installed_apps
from django.urls import reverse

from intranet import roles
from intranet.models import Notification
from reservations import approval, dashboard, services
from reservations.models import Booking, BookingSeries, BookingSlot
from tests.factories import (
    DepartmentFactory,
    at,
    booking,
    equipment,
    room,
    staff_member,
    working_day,
)

pytestmark = pytest.mark.django_db


class Decision:
    """Where a part stands (``BookingSlot.Decision``'s values)."""

    NOT_NEEDED, PENDING, APPROVED, REJECTED = "not_needed", "pending", "approved", "rejected"


@pytest.fixture
def day():
    return working_day()


@pytest.fixture
def general_affairs():
    return DepartmentFactory(name="総務課")


@pytest.fixture
def it_section():
    return DepartmentFactory(name="情報政策課")


@pytest.fixture
def room_head(general_affairs):
    return staff_member(
        roles=[roles.SECTION_HEAD], department=general_affairs, full_name="総務 課長"
    )


@pytest.fixture
def it_head(it_section):
    return staff_member(roles=[roles.SECTION_HEAD], department=it_section, full_name="情報 課長")


@pytest.fixture
def council_room(general_affairs):
    return room("庁議室", capacity=20, owner=general_affairs, requires_approval=True)


@pytest.fixture
def video_set(it_section):
    return equipment("TV会議セット", owner=it_section, requires_approval=True)


@pytest.fixture
def requester():
    return staff_member(full_name="市民 花子", department=DepartmentFactory(name="市民課"))


@pytest.fixture
def request_booking(
    council_room, video_set, requester, day, room_head, it_head, django_capture_on_commit_callbacks
):
    """One 仮予約 of the 庁議室 (総務課) with the TV会議セット (情報政策課)."""
    with django_capture_on_commit_callbacks(execute=True):
        return booking(
            [council_room, video_set],
            at(day, "10:00"),
            at(day, "11:00"),
            user=requester,
            title="広域連携会議",
        )


def client_of(client, user):
    client.force_login(user)
    return client


def decide(client, booking, **data):
    return client.post(reverse("reservations:decide", args=[booking.pk]), data)


def choose(client, booking, **data):
    return client.post(reverse("reservations:after_rejection", args=[booking.pk]), data)


def part(booking, resource):
    return BookingSlot.objects.get(booking=booking, resource=resource)


def notifications_of(user):
    return list(Notification.objects.filter(recipient=user).values_list("message", flat=True))


def status_of(booking):
    booking.refresh_from_db()
    return booking.status


# Each owner decides its own part ------------------------------------------------------


def test_each_owner_is_asked_for_its_own_part(request_booking, room_head, it_head):
    assert len(notifications_of(room_head)) == 1
    assert len(notifications_of(it_head)) == 1


def test_one_owners_approval_leaves_the_booking_tentative(request_booking, room_head, video_set):
    approval.decide(request_booking, room_head, approve=True)
    assert status_of(request_booking) == Booking.Status.TENTATIVE
    assert part(request_booking, video_set).decision == Decision.PENDING


def test_the_room_owner_cannot_approve_the_equipment_part(
    request_booking, room_head, council_room, video_set
):
    approval.decide(request_booking, room_head, approve=True)
    assert part(request_booking, council_room).decision == Decision.APPROVED
    assert part(request_booking, council_room).decided_by == room_head
    assert part(request_booking, video_set).decided_by is None


def test_the_booking_is_confirmed_when_every_owner_has_approved(
    request_booking, room_head, it_head
):
    approval.decide(request_booking, room_head, approve=True)
    approval.decide(request_booking, it_head, approve=True)
    request_booking.refresh_from_db()
    assert request_booking.status == Booking.Status.CONFIRMED
    assert request_booking.decided_by == it_head
    assert request_booking.sequence == 1


def test_the_requester_is_told_once_when_the_last_owner_approves(
    request_booking, room_head, it_head, requester, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        approval.decide(request_booking, room_head, approve=True)
    assert notifications_of(requester) == []
    with django_capture_on_commit_callbacks(execute=True):
        approval.decide(request_booking, it_head, approve=True)
    [message] = notifications_of(requester)
    assert "承認" in message and "総務 課長" in message and "情報 課長" in message


def test_a_second_decision_on_an_approved_part_names_the_part(request_booking, room_head):
    approval.decide(request_booking, room_head, approve=True)
    with pytest.raises(approval.DecisionRefused) as refused:
        approval.decide(request_booking, room_head, approve=False, reason="やはり不可")
    assert "庁議室" in refused.value.messages[0] and "承認されています" in refused.value.messages[0]


def test_a_head_over_both_sections_decides_both_parts(request_booking, general_affairs, it_section):
    bu = DepartmentFactory(name="総務部")
    for section in (general_affairs, it_section):
        section.parent = bu
        section.save()
    head_of_bu = staff_member(roles=[roles.SECTION_HEAD], department=bu)
    approval.decide(request_booking, head_of_bu, approve=True)
    assert status_of(request_booking) == Booking.Status.CONFIRMED


# The queue shows each approver their part ----------------------------------------------


def test_the_queue_shows_each_approver_their_part_and_the_others(client, request_booking, it_head):
    page = client_of(client, it_head).get(reverse("reservations:approvals")).content.decode()
    mine = page[page.index('class="approval-mine"') :]
    assert mine[: mine.index("</dd>")].endswith("TV会議セット")
    others = page[page.index('class="approval-others"') :]
    assert "庁議室（総務課）" in others[: others.index("</dd>")]


def test_the_dashboard_panel_names_each_approvers_own_part(rf, request_booking, it_head):
    request = rf.get("/")
    request.user = it_head
    [item] = dashboard.approval_items(request)
    assert item.meta.endswith("・TV会議セット")


def test_an_approved_part_leaves_the_queue_of_its_owner_only(
    client, request_booking, room_head, it_head
):
    approval.decide(request_booking, room_head, approve=True)
    assert approval.requests_for(room_head) == []
    [waiting] = approval.requests_for(it_head)
    assert [slot.decision for slot in waiting.others] == [Decision.APPROVED]


def test_approving_through_the_page_decides_only_the_approvers_part(
    client, request_booking, room_head, video_set
):
    response = decide(client_of(client, room_head), request_booking, decision="approve")
    assert response.status_code == 302
    assert status_of(request_booking) == Booking.Status.TENTATIVE
    assert part(request_booking, video_set).decision == Decision.PENDING
    page = client.get(response.url).content.decode()
    assert "のうち庁議室を承認しました" in page and "ほかの所属" in page


def test_the_booking_page_shows_each_parts_state(client, request_booking, room_head, requester):
    approval.decide(request_booking, room_head, approve=True)
    page = client_of(client, requester).get(request_booking.get_absolute_url()).content.decode()
    parts = page[page.index('class="approval-parts"') :]
    parts = parts[: parts.index("</ul>")]
    assert "庁議室（総務課）" in parts and "承認済み" in parts and "総務 課長" in parts
    assert "TV会議セット（情報政策課）" in parts and "承認待ち" in parts


# A rejected part ----------------------------------------------------------------------


def test_a_rejected_part_frees_its_resource_and_the_booking_waits_for_the_booker(
    request_booking, it_head, video_set, council_room
):
    approval.decide(request_booking, it_head, approve=False, reason="機器の点検日です。")
    assert status_of(request_booking) == Booking.Status.TENTATIVE
    rejected = part(request_booking, video_set)
    assert (rejected.decision, rejected.is_active) == (Decision.REJECTED, False)
    assert rejected.comment == "機器の点検日です。"
    assert part(request_booking, council_room).is_active


def test_a_rejected_part_keeps_the_booking_from_being_confirmed(
    request_booking, room_head, it_head
):
    approval.decide(request_booking, it_head, approve=False, reason="機器の点検日です。")
    approval.decide(request_booking, room_head, approve=True)
    assert status_of(request_booking) == Booking.Status.TENTATIVE


def test_the_booker_is_told_which_resource_was_rejected_and_why(
    request_booking, it_head, requester, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        approval.decide(request_booking, it_head, approve=False, reason="機器の点検日です。")
    [message] = notifications_of(requester)
    assert "TV会議セット" in message and "機器の点検日です。" in message
    assert "却下" in message and "残り" in message


def test_the_calendars_drop_a_rejected_part_while_the_booker_chooses(
    client, request_booking, it_head, requester, council_room, video_set
):
    import icalendar

    from reservations.views.feeds import resource_calendar_bytes

    def titles(resource):
        calendar = icalendar.Calendar.from_ical(resource_calendar_bytes(resource))
        return [str(event["summary"]) for event in calendar.walk("VEVENT")]

    approval.decide(request_booking, it_head, approve=False, reason="機器の点検日です。")
    response = client_of(client, requester).get(
        reverse("reservations:booking_ics", args=[request_booking.pk])
    )
    [event] = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["location"]) == "庁議室"
    assert titles(video_set) == []
    assert titles(council_room) == ["広域連携会議"]


def test_rejecting_every_part_rejects_the_booking(request_booking, room_head, it_head):
    approval.decide(request_booking, it_head, approve=False, reason="機器の点検日です。")
    approval.decide(request_booking, room_head, approve=False, reason="議会対応で使用します。")
    request_booking.refresh_from_db()
    assert request_booking.status == Booking.Status.REJECTED
    assert not request_booking.slots.filter(is_active=True).exists()


def test_the_booking_page_offers_the_booker_the_choice(client, request_booking, it_head, requester):
    approval.decide(request_booking, it_head, approve=False, reason="機器の点検日です。")
    page = client_of(client, requester).get(request_booking.get_absolute_url()).content.decode()
    assert "TV会議セット" in page and "機器の点検日です。" in page
    assert (
        "残りで予約する" in page
        and reverse("reservations:after_rejection", args=[request_booking.pk]) in page
    )


def test_booking_with_the_rest_drops_the_rejected_part_and_confirms_if_all_else_is_approved(
    client, request_booking, room_head, it_head, requester, council_room
):
    approval.decide(request_booking, room_head, approve=True)
    approval.decide(request_booking, it_head, approve=False, reason="機器の点検日です。")
    response = choose(client_of(client, requester), request_booking, choice="keep")
    assert response.status_code == 302
    request_booking.refresh_from_db()
    assert request_booking.status == Booking.Status.CONFIRMED
    assert list(request_booking.resources.all()) == [council_room]
    assert request_booking.sequence == 2


def test_booking_with_the_rest_keeps_waiting_for_the_parts_still_undecided(
    client, request_booking, it_head, requester, council_room
):
    approval.decide(request_booking, it_head, approve=False, reason="機器の点検日です。")
    choose(client_of(client, requester), request_booking, choice="keep")
    assert status_of(request_booking) == Booking.Status.TENTATIVE
    assert part(request_booking, council_room).decision == Decision.PENDING
    assert list(request_booking.resources.all()) == [council_room]


def test_the_booker_may_cancel_instead(client, request_booking, it_head, requester, council_room):
    approval.decide(request_booking, it_head, approve=False, reason="機器の点検日です。")
    choose(client_of(client, requester), request_booking, choice="cancel")
    assert status_of(request_booking) == Booking.Status.CANCELLED
    assert not part(request_booking, council_room).is_active


def test_only_the_booker_chooses(client, request_booking, it_head):
    approval.decide(request_booking, it_head, approve=False, reason="機器の点検日です。")
    response = choose(client_of(client, staff_member()), request_booking, choice="keep")
    assert response.status_code == 403
    assert status_of(request_booking) == Booking.Status.TENTATIVE


def test_a_choice_without_a_rejected_part_is_refused_in_japanese(
    client, request_booking, requester
):
    response = choose(client_of(client, requester), request_booking, choice="keep")
    assert response.status_code == 302
    assert "選択を待っていません" in client.get(response.url).content.decode()
    assert status_of(request_booking) == Booking.Status.TENTATIVE


def test_a_forged_choice_is_refused_in_japanese(client, request_booking, it_head, requester):
    approval.decide(request_booking, it_head, approve=False, reason="機器の点検日です。")
    response = choose(client_of(client, requester), request_booking, choice="delete")
    assert response.status_code == 302
    assert "選んでください" in client.get(response.url).content.decode()
    assert status_of(request_booking) == Booking.Status.TENTATIVE


# A series -----------------------------------------------------------------------------


def working_days(count):
    days, ahead = [], 1
    while len(days) < count:
        day = working_day(ahead)
        if day not in days:
            days.append(day)
        ahead += 1
    return days


@pytest.fixture
def series_bookings(council_room, video_set, requester, room_head, it_head):
    series = BookingSeries.objects.create(
        frequency=BookingSeries.Frequency.DAILY, count=3, created_by=requester
    )
    draft = services.BookingDraft(
        user=requester,
        resources=[council_room, video_set],
        title="定例会議",
        department=requester.staff_profile.department,
    )
    spans = [(at(day, "13:00"), at(day, "14:00")) for day in working_days(3)]
    return services.create_bookings(draft, spans, series=series)


def series_statuses(bookings):
    return [item.status for item in Booking.objects.filter(series=bookings[0].series)]


def test_a_series_is_confirmed_only_when_both_owners_approve_it(
    series_bookings, room_head, it_head
):
    approval.decide(series_bookings[0], room_head, approve=True, whole_series=True)
    assert set(series_statuses(series_bookings)) == {Booking.Status.TENTATIVE}
    approval.decide(series_bookings[0], it_head, approve=True, whole_series=True)
    assert set(series_statuses(series_bookings)) == {Booking.Status.CONFIRMED}


def test_the_booker_keeps_the_rest_for_every_occurrence_of_a_series(
    client, series_bookings, room_head, it_head, requester, council_room
):
    approval.decide(series_bookings[0], room_head, approve=True, whole_series=True)
    approval.decide(
        series_bookings[0], it_head, approve=False, reason="貸出中です。", whole_series=True
    )
    choose(client_of(client, requester), series_bookings[1], choice="keep", scope="series")
    assert set(series_statuses(series_bookings)) == {Booking.Status.CONFIRMED}
    assert set(
        BookingSlot.objects.filter(booking__series=series_bookings[0].series).values_list(
            "resource", flat=True
        )
    ) == {council_room.pk}


# Bookings made before per-part approval ----------------------------------------------


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (Booking.Status.CONFIRMED, Decision.APPROVED),
        (Booking.Status.TENTATIVE, Decision.PENDING),
        (Booking.Status.REJECTED, Decision.REJECTED),
    ],
)
def test_existing_bookings_take_their_status_as_each_parts_decision(
    request_booking, council_room, video_set, room_head, status, expected
):
    Booking.objects.filter(pk=request_booking.pk).update(
        status=status, decided_by=room_head, rejection_reason="旧理由"
    )
    BookingSlot.objects.filter(booking=request_booking).update(decision=Decision.NOT_NEEDED)
    plain = equipment("延長コード", owner=council_room.owner)
    BookingSlot.objects.create(
        booking=request_booking,
        resource=plain,
        starts_at=request_booking.starts_at,
        ends_at=request_booking.ends_at,
    )
    migration = importlib.import_module("reservations.migrations.0006_slot_approval")
    migration.decisions_from_booking_status(installed_apps, None)
    assert part(request_booking, council_room).decision == expected
    assert part(request_booking, video_set).decision == expected
    assert part(request_booking, plain).decision == Decision.NOT_NEEDED
    if expected != Decision.PENDING:
        assert part(request_booking, council_room).decided_by == room_head
