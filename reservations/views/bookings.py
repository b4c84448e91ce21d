"""Booking, once or repeating; a booking's page; changing and cancelling; a vehicle's return; mine.

The views are thin: the forms read the input, ``services`` books under every
rule, and what the service refuses is shown at the top of the form in its
Japanese words.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .. import approval, recurrence, rules, services
from ..forms import BookingForm, CancelForm, ChangeForm, VehicleReturnForm, initial_from_query
from ..models import Booking, Resource

MINE_PAGE_SIZE = 20


def _refused(form, refused):
    """The service's reasons at the top of the form; with the date when several were refused."""
    several = len(refused.problems) > 1
    for span, problems in refused.problems.items():
        for problem in problems:
            if several and span is not None:
                problem = _("%(span)s: %(problem)s") % {
                    "span": services.format_span(*span),
                    "problem": problem,
                }
            form.add_error(None, problem)


def _booked_message(request, bookings, skipped=()):
    count = len(bookings)
    if count == 1:
        text = _("The booking has been made: %(span)s.") % {
            "span": services.format_span(bookings[0].starts_at, bookings[0].ends_at)
        }
    else:
        text = ngettext(
            "%(count)d booking has been made.", "%(count)d bookings have been made.", count
        ) % {"count": count}
    if bookings[0].status == Booking.Status.TENTATIVE:
        text += " " + _(
            "It is tentative (仮予約) until the department that keeps the resource approves it; "
            "you will be notified."
        )
    if skipped:
        text += " " + _("Left out as closed days: %(dates)s.") % {
            "dates": "、".join(
                f"{services.format_moment(item.start).split(' ')[0]}（{item.reason}）"
                for item in skipped
            )
        }
    messages.success(request, text)


def new_booking(request):
    """THE booking form; the timeline's links prefill it (?resource=&start=&end=)."""
    if not rules.can_book(request.user):
        raise PermissionDenied(_("You may not book rooms or equipment."))
    if request.method != "POST":
        problems = []
        form = BookingForm(
            user=request.user, initial=initial_from_query(request.GET, problems=problems)
        )
        for problem in problems:
            messages.warning(request, problem)
        return render(request, "reservations/booking_form.html", {"form": form})
    form = BookingForm(request.POST, user=request.user)
    if request.POST.get("back_to_form"):
        # From the list of refused dates, back to the form with everything as it was typed.
        form.is_valid()
        return render(request, "reservations/booking_form.html", {"form": form})
    if not form.is_valid():
        return render(request, "reservations/booking_form.html", {"form": form})
    draft = form.draft()
    rule = form.rule()
    try:
        if rule is None:
            bookings = [services.book(draft, *form.span())]
            _booked_message(request, bookings)
            return redirect(bookings[0])
        expansion = form.expansion
        refused = services.refused_spans(draft, expansion.spans)
        available = [span for span in expansion.spans if span not in refused]
        if refused and not (form.cleaned_data.get("book_available") and available):
            return _series_confirmation(request, form, expansion, refused, available)
        bookings = services.book_series(
            draft, rule, available, rrule=recurrence.rrule_string(rule, form.span()[0])
        )
    except services.BookingRefused as refused:
        if rule is not None and any(key is not None for key in refused.problems):
            expansion = form.expansion
            problems = services.refused_spans(draft, expansion.spans) or refused.problems
            available = [span for span in expansion.spans if span not in problems]
            return _series_confirmation(request, form, expansion, problems, available)
        _refused(form, refused)
        return render(request, "reservations/booking_form.html", {"form": form})
    _booked_message(request, bookings, expansion.skipped)
    return redirect(bookings[0])


def _series_confirmation(request, form, expansion, refused, available):
    """The dates that cannot be booked, with their reasons, and a button to book the rest."""
    rows = [
        {"span": services.format_span(start, end), "problems": refused[(start, end)]}
        for start, end in expansion.spans
        if (start, end) in refused
    ]
    context = {
        "form": form,
        "refused": rows,
        "skipped": [
            {"span": services.format_span(item.start, item.end), "reason": item.reason}
            for item in expansion.skipped
        ],
        "available": [services.format_span(start, end) for start, end in available],
        "hidden_fields": _hidden_copy(form),
    }
    return render(request, "reservations/series_confirm.html", context)


def _hidden_copy(form):
    """The posted data again, as hidden inputs, with the flag that books what is free."""
    pairs = []
    for name in form.fields:
        if name == "book_available":
            continue
        for value in form.data.getlist(name):
            pairs.append((name, value))
    pairs.append(("book_available", "on"))
    return pairs


def _booking_or_404(pk):
    return get_object_or_404(
        Booking.objects.select_related(
            "booked_by__staff_profile",
            "department__parent",
            "series",
            "driver__staff_profile",
            "decided_by__staff_profile",
        ),
        pk=pk,
    )


def booking_detail(request, pk):
    booking = _booking_or_404(pk)
    resources = list(booking.resources.select_related("group__parent"))
    can_change = rules.can_change(request.user, booking)
    context = {
        "booking": booking,
        "resources": resources,
        "span": services.format_span(booking.starts_at, booking.ends_at),
        "duration": services.format_duration(booking.ends_at - booking.starts_at),
        "attendees": booking.attendees.select_related("staff_profile"),
        "suspensions": [
            (period, services.format_span(period.starts_at, period.ends_at))
            for period in booking.suspensions
        ],
        "series_text": recurrence.describe(booking.series) if booking.series_id else "",
        "series_count": booking.series.bookings.active().count() if booking.series_id else 0,
        "can_change": can_change and booking.is_active and booking.ends_at > timezone.now(),
        "is_vehicle": any(item.kind == Resource.Kind.VEHICLE for item in resources),
        "can_record_return": _may_record_return(request.user, booking, resources),
        "returned": booking.returned_at is not None,
        "can_decide": bool(approval.waiting_parts(request.user, booking)),
        "parts": approval.parts(booking),
        "rejected_parts": approval.rejected_parts(booking),
        "can_choose": can_change and booking.ends_at > timezone.now(),
    }
    return render(request, "reservations/booking_detail.html", context)


def _check_can_change(user, booking):
    if not rules.can_change(user, booking):
        raise PermissionDenied(
            _("Only the person who made this booking or the keeper of its resources may change it.")
        )


def edit_booking(request, pk):
    """Change time, resources or details; for a series, this one, the following or all."""
    booking = _booking_or_404(pk)
    _check_can_change(request.user, booking)
    if not booking.is_active:
        messages.error(request, _("A cancelled or rejected booking cannot be changed."))
        return redirect(booking)
    form = ChangeForm(request.POST or None, booking=booking)
    if request.method == "POST" and form.is_valid():
        scope = form.cleaned_data.get("scope", services.THIS)
        bookings = services.in_scope(booking, scope)
        data = form.cleaned_data
        try:
            changed = services.change_bookings(
                bookings,
                start_time=data["start_time"],
                end_time=data["end_time"],
                day=data["date"] if scope == services.THIS else None,
                resources=form.resources(),
                attendees=list(data.get("attendees") or []),
                **form.details(),
            )
        except services.BookingRefused as refused:
            _refused(form, refused)
        else:
            text = ngettext(
                "%(count)d booking has been changed.",
                "%(count)d bookings have been changed.",
                len(changed),
            ) % {"count": len(changed)}
            if any(item.status == Booking.Status.TENTATIVE for item in changed):
                text += " " + _("It waits for approval again (仮予約).")
            messages.success(request, text)
            return redirect(booking)
    return render(request, "reservations/booking_edit.html", {"form": form, "booking": booking})


def cancel_booking(request, pk):
    """A confirmation page, then the cancel; for a series, this one, the following or all."""
    booking = _booking_or_404(pk)
    _check_can_change(request.user, booking)
    if not booking.is_active:
        messages.error(request, _("This booking has already been cancelled or rejected."))
        return redirect(booking)
    form = CancelForm(request.POST if request.method == "POST" else None, booking=booking)
    if request.method == "POST" and form.is_valid():
        scope = form.cleaned_data.get("scope", services.THIS)
        bookings = [
            item for item in services.in_scope(booking, scope) if item.ends_at > timezone.now()
        ]
        if not bookings:
            messages.error(request, _("A booking that has ended cannot be cancelled."))
            return redirect(booking)
        count = services.cancel(bookings)
        messages.success(
            request,
            ngettext(
                "%(count)d booking has been cancelled.",
                "%(count)d bookings have been cancelled.",
                count,
            )
            % {"count": count},
        )
        return redirect(booking)
    context = {
        "form": form,
        "booking": booking,
        "span": services.format_span(booking.starts_at, booking.ends_at),
    }
    return render(request, "reservations/booking_cancel.html", context)


def _may_record_return(user, booking, resources):
    if booking.status != Booking.Status.CONFIRMED:
        return False
    if not any(item.kind == Resource.Kind.VEHICLE for item in resources):
        return False
    if booking.starts_at > timezone.now():
        return False
    return user.pk in (booking.booked_by_id, booking.driver_id) or rules.can_change(user, booking)


def return_vehicle(request, pk):
    """The driver or the booker records the odometer and the time the vehicle came back."""
    booking = _booking_or_404(pk)
    resources = list(booking.resources.all())
    if not any(item.kind == Resource.Kind.VEHICLE for item in resources):
        messages.error(request, _("Only a vehicle booking records a return."))
        return redirect(booking)
    if request.user.pk not in (booking.booked_by_id, booking.driver_id) and not rules.can_change(
        request.user, booking
    ):
        raise PermissionDenied(_("Only the driver or the person who booked records the return."))
    if not _may_record_return(request.user, booking, resources):
        messages.error(request, _("The return can be recorded once a confirmed booking has begun."))
        return redirect(booking)
    form = VehicleReturnForm(request.POST or None, instance=booking)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.record_vehicle_return(
            booking,
            odometer_start=data["odometer_start"],
            odometer_end=data["odometer_end"],
            returned_at=data["returned_at"],
        )
        messages.success(
            request,
            _("The return has been recorded: %(distance)s km driven.")
            % {"distance": f"{data['odometer_end'] - data['odometer_start']:,}"},
        )
        return redirect(booking)
    context = {
        "form": form,
        "booking": booking,
        "span": services.format_span(booking.starts_at, booking.ends_at),
    }
    return render(request, "reservations/booking_return.html", context)


def my_bookings(user):
    """Bookings I made or take part in."""
    return (
        Booking.objects.involving([user])
        .distinct()
        .prefetch_related("resources", "slots__suspensions")
    )


def mine(request):
    """My bookings still to come, or (?when=past) the ones that have ended."""
    past = request.GET.get("when") == "past"
    now = timezone.now()
    if past:
        bookings = my_bookings(request.user).filter(ends_at__lte=now).order_by("-starts_at", "-pk")
    else:
        bookings = my_bookings(request.user).filter(ends_at__gt=now).order_by("starts_at", "pk")
    page = Paginator(bookings, MINE_PAGE_SIZE).get_page(request.GET.get("page"))
    for item in page.object_list:
        item.span_text = services.format_span(item.starts_at, item.ends_at)
    context = {
        "page": page,
        "past": past,
        "query_string": "when=past" if past else "",
    }
    return render(request, "reservations/mine.html", context)


urlpatterns = [
    path("new/", new_booking, name="new"),
    path("mine/", mine, name="mine"),
    path("<int:pk>/", booking_detail, name="booking"),
    path("<int:pk>/edit/", edit_booking, name="edit"),
    path("<int:pk>/cancel/", cancel_booking, name="cancel"),
    path("<int:pk>/return/", return_vehicle, name="return_vehicle"),
]
