"""仮予約 wait for a section head over the owning section, who confirms or rejects them."""

import pytest
from django.urls import reverse

from intranet import roles
from intranet.models import Department, Notification
from reservations import approval, rules, services
from reservations.models import Booking, BookingSeries, BookingSlot
from tests.factories import DepartmentFactory, at, booking, room, staff_member, working_day

pytestmark = pytest.mark.django_db


@pytest.fixture
def day():
    return working_day()


@pytest.fixture
def owner():
    return DepartmentFactory(name="総務課")


@pytest.fixture
def head(owner):
    return staff_member(roles=[roles.SECTION_HEAD], department=owner, full_name="総務 課長")


@pytest.fixture
def council_room(owner):
    return room("庁議室", capacity=20, owner=owner, requires_approval=True)


@pytest.fixture
def requester():
    return staff_member(full_name="市民 花子", department=DepartmentFactory(name="市民課"))


@pytest.fixture
def request_booking(council_room, requester, day, head, django_capture_on_commit_callbacks):
    """A 仮予約 of the 庁議室, with the approvers told (the commit has run)."""
    with django_capture_on_commit_callbacks(execute=True):
        return booking(
            council_room,
            at(day, "10:00"),
            at(day, "11:00"),
            user=requester,
            title="予算要求ヒアリング",
            purpose="来年度予算の要求内容を聞き取ります。",
            attendee_count=8,
        )


@pytest.fixture
def head_client(client, head):
    client.force_login(head)
    return client


def working_days(count):
    """The next ``count`` working days, from tomorrow on."""
    days, ahead = [], 1
    while len(days) < count:
        day = working_day(ahead)
        if day not in days:
            days.append(day)
        ahead += 1
    return days


def book_series(resource, user, count, capture):
    series = BookingSeries.objects.create(
        frequency=BookingSeries.Frequency.DAILY, count=count, created_by=user
    )
    draft = services.BookingDraft(
        user=user, resources=[resource], title="研修", department=user.staff_profile.department
    )
    spans = [(at(day, "13:00"), at(day, "14:00")) for day in working_days(count)]
    with capture(execute=True):
        return services.create_bookings(draft, spans, series=series)


def decide(client, booking, **data):
    return client.post(reverse("reservations:decide", args=[booking.pk]), data)


def notifications_of(user):
    return list(Notification.objects.filter(recipient=user).values_list("message", flat=True))


# Who is asked ----------------------------------------------------------------------


def test_a_booking_of_a_room_needing_approval_waits_as_tentative(request_booking):
    assert request_booking.status == Booking.Status.TENTATIVE


def test_the_section_head_of_the_owning_section_is_told_of_a_request(request_booking, head):
    [message] = notifications_of(head)
    assert "市民 花子" in message and "予算要求ヒアリング" in message and "庁議室" in message
    assert Notification.objects.get(recipient=head).url == reverse("reservations:approvals")


def test_a_series_of_twenty_sends_one_notification_to_each_approver(
    council_room, requester, owner, head, django_capture_on_commit_callbacks
):
    second_head = staff_member(roles=[roles.SECTION_HEAD], department=owner)
    bookings = book_series(council_room, requester, 20, django_capture_on_commit_callbacks)
    assert len(bookings) == 20
    assert len(notifications_of(head)) == 1
    assert len(notifications_of(second_head)) == 1
    assert "20" in notifications_of(head)[0]


def test_a_system_administrator_is_not_told_when_a_section_head_keeps_the_room(council_room, head):
    staff_member(roles=[roles.SYSTEM_ADMIN])
    assert rules.approvers(council_room) == [head]


def test_system_administrators_are_told_when_no_section_head_keeps_the_room(
    council_room, requester, day, django_capture_on_commit_callbacks
):
    administrator = staff_member(roles=[roles.SYSTEM_ADMIN])
    with django_capture_on_commit_callbacks(execute=True):
        booking(council_room, at(day, "10:00"), at(day, "11:00"), user=requester)
    assert len(notifications_of(administrator)) == 1


def test_the_nearest_section_head_is_told_not_the_head_of_the_department_above(owner):
    bu = DepartmentFactory(name="総務部", kind=Department.Kind.BU)
    owner.parent = bu
    owner.save()
    section_head = staff_member(roles=[roles.SECTION_HEAD], department=owner)
    staff_member(roles=[roles.SECTION_HEAD], department=bu)
    assert rules.approvers(room("庁議室", owner=owner, requires_approval=True)) == [section_head]


# The queue -------------------------------------------------------------------------


def test_the_queue_shows_what_waits_with_time_requester_and_purpose(head_client, request_booking):
    page = head_client.get(reverse("reservations:approvals")).content.decode()
    assert "予算要求ヒアリング" in page
    assert services.format_span(request_booking.starts_at, request_booking.ends_at) in page
    assert "市民 花子" in page and "市民課" in page
    assert "来年度予算の要求内容を聞き取ります。" in page


def test_the_queue_lists_the_oldest_request_first(head_client, council_room, requester, day):
    booking(council_room, at(day, "15:00"), at(day, "16:00"), user=requester, title="先の申請")
    booking(council_room, at(day, "09:00"), at(day, "10:00"), user=requester, title="後の申請")
    page = head_client.get(reverse("reservations:approvals")).content.decode()
    assert page.index("先の申請") < page.index("後の申請")


def test_a_section_head_of_another_section_does_not_see_the_request(client, request_booking):
    client.force_login(staff_member(roles=[roles.SECTION_HEAD], department=DepartmentFactory()))
    page = client.get(reverse("reservations:approvals")).content.decode()
    assert "予算要求ヒアリング" not in page


def test_a_section_head_of_another_section_may_not_decide(client, request_booking):
    client.force_login(staff_member(roles=[roles.SECTION_HEAD], department=DepartmentFactory()))
    response = decide(client, request_booking, decision="approve")
    assert response.status_code == 403
    assert "権限" in response.content.decode()
    request_booking.refresh_from_db()
    assert request_booking.status == Booking.Status.TENTATIVE


def test_staff_who_approve_nothing_get_a_japanese_403_for_the_queue(staff_client):
    response = staff_client.get(reverse("reservations:approvals"))
    assert response.status_code == 403
    assert "権限" in response.content.decode()


def test_a_series_appears_once_in_the_queue_with_its_occurrences(
    head, council_room, requester, django_capture_on_commit_callbacks
):
    bookings = book_series(council_room, requester, 5, django_capture_on_commit_callbacks)
    [request] = approval.requests_for(head)
    assert [item for item, _span in request.occurrences] == bookings


# Deciding ---------------------------------------------------------------------------


def test_approving_confirms_and_records_who_and_when(head_client, head, request_booking):
    response = decide(head_client, request_booking, decision="approve")
    assert response.status_code == 302
    request_booking.refresh_from_db()
    assert request_booking.status == Booking.Status.CONFIRMED
    assert request_booking.decided_by == head and request_booking.decided_at is not None
    assert request_booking.sequence == 1


def test_the_requester_is_told_of_the_approval(
    head_client, request_booking, requester, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        decide(head_client, request_booking, decision="approve")
    [message] = notifications_of(requester)
    assert "承認" in message and "予算要求ヒアリング" in message and "総務 課長" in message


def test_rejecting_with_a_reason_frees_the_room(
    head_client, request_booking, council_room, day, requester
):
    decide(head_client, request_booking, decision="reject", reason="議会対応で使用します。")
    request_booking.refresh_from_db()
    assert request_booking.status == Booking.Status.REJECTED
    assert request_booking.rejection_reason == "議会対応で使用します。"
    assert not BookingSlot.objects.filter(booking=request_booking, is_active=True).exists()
    booking(council_room, at(day, "10:00"), at(day, "11:00"), user=requester)


def test_the_requester_reads_the_reason_for_the_rejection(
    head_client, request_booking, requester, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        decide(head_client, request_booking, decision="reject", reason="議会対応で使用します。")
    [message] = notifications_of(requester)
    assert "却下" in message and "議会対応で使用します。" in message


def test_rejecting_without_a_reason_is_refused_in_japanese(head_client, request_booking):
    response = decide(head_client, request_booking, decision="reject", reason="  ")
    assert response.status_code == 200
    assert "却下の理由を書いてください" in response.content.decode()
    request_booking.refresh_from_db()
    assert request_booking.status == Booking.Status.TENTATIVE


def test_rejecting_from_the_queue_without_a_reason_lands_with_reject_chosen(
    head_client, request_booking
):
    """The queue's 却下 button posts no reason: the decision page asks for it, 却下 kept."""
    response = decide(head_client, request_booking, decision="reject", reason="")
    body = response.content.decode()
    assert response.status_code == 200
    assert response.context["form"]["decision"].value() == "reject"
    assert 'value="reject" id="id_decision_1" required checked' in body
    assert 'value="approve" id="id_decision_0" required>' in body


def test_a_second_decision_is_refused_with_a_clear_message(head_client, request_booking):
    decide(head_client, request_booking, decision="approve")
    response = decide(head_client, request_booking, decision="reject", reason="重複")
    assert response.status_code == 302
    page = head_client.get(response.url).content.decode()
    assert "この予約は既に承認されています。" in page
    request_booking.refresh_from_db()
    assert (request_booking.status, request_booking.sequence) == (Booking.Status.CONFIRMED, 1)


def test_the_service_refuses_a_decision_that_came_second(head, request_booking):
    approval.decide(request_booking, head, approve=True)
    with pytest.raises(approval.DecisionRefused):
        approval.decide(request_booking, head, approve=False, reason="遅れて届いた却下")


def test_a_cancelled_request_cannot_be_approved(head, request_booking):
    services.cancel([request_booking])
    with pytest.raises(approval.DecisionRefused) as refused:
        approval.decide(request_booking, head, approve=True)
    assert "取り消" in refused.value.messages[0]


def test_a_whole_series_is_approved_at_once_and_the_requester_told_once(
    head_client, council_room, requester, django_capture_on_commit_callbacks
):
    bookings = book_series(council_room, requester, 5, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        decide(head_client, bookings[2], decision="approve", scope="series")
    statuses = set(Booking.objects.filter(series=bookings[0].series).values_list("status"))
    assert statuses == {(Booking.Status.CONFIRMED,)}
    assert len(notifications_of(requester)) == 1


def test_one_occurrence_of_a_series_is_rejected_alone(
    head_client, council_room, requester, django_capture_on_commit_callbacks
):
    bookings = book_series(council_room, requester, 3, django_capture_on_commit_callbacks)
    decide(head_client, bookings[1], decision="reject", reason="この日は点検です。", scope="one")
    statuses = [b.status for b in Booking.objects.filter(series=bookings[0].series)]
    assert statuses == [
        Booking.Status.TENTATIVE,
        Booking.Status.REJECTED,
        Booking.Status.TENTATIVE,
    ]


def test_the_decision_page_shows_the_request_and_the_form(head_client, request_booking):
    response = head_client.get(reverse("reservations:decide", args=[request_booking.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "予算要求ヒアリング" in page and "却下の理由" in page


def test_a_head_of_the_department_above_may_decide(client, owner, request_booking):
    bu = DepartmentFactory(name="総務部", kind=Department.Kind.BU)
    owner.parent = bu
    owner.save()
    client.force_login(staff_member(roles=[roles.SECTION_HEAD], department=bu))
    decide(client, request_booking, decision="approve")
    request_booking.refresh_from_db()
    assert request_booking.status == Booking.Status.CONFIRMED


def test_a_decided_booking_is_no_longer_in_the_queue(head_client, request_booking):
    decide(head_client, request_booking, decision="approve")
    head_client.get(reverse("reservations:approvals"))  # shows the success message once
    page = head_client.get(reverse("reservations:approvals")).content.decode()
    assert "予算要求ヒアリング" not in page


def test_a_forged_decision_is_refused_in_japanese(head_client, request_booking):
    response = decide(head_client, request_booking, decision="delete")
    assert "承認するか却下するかを選んでください。" in response.content.decode()
    request_booking.refresh_from_db()
    assert request_booking.status == Booking.Status.TENTATIVE


def test_a_reason_longer_than_the_limit_is_refused_in_japanese(head_client, request_booking):
    response = decide(head_client, request_booking, decision="reject", reason="理" * 501)
    assert "理由は500文字以内にしてください" in response.content.decode()
    request_booking.refresh_from_db()
    assert request_booking.status == Booking.Status.TENTATIVE


def test_deciding_a_booking_that_does_not_exist_is_a_404(head_client):
    response = head_client.post(reverse("reservations:decide", args=[999999]), {})
    assert response.status_code == 404
