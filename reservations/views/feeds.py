"""iCalendar feeds behind revocable secrets, one booking as .ics, and the CSV export.

A calendar program has no session, so the feed view is exempt from the login
every other page asks for: the secret in the address stands in for it. Revoking
deletes the secret, and the old address answers 404 at once.
"""

import datetime
import logging
import secrets

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe
from schedule.models import Event

from intranet import dates
from intranet.notifications import absolute_url

from .. import export, ical
from ..models import Booking, BookingSlot, CalendarFeedToken, Resource
from ..models.bookings import Decision
from ..schedule import services as schedule

logger = logging.getLogger(__name__)

# How far back a feed reaches: calendar programs keep what they saw before.
FEED_HISTORY = datetime.timedelta(days=90)


def new_secret():
    return secrets.token_urlsafe(32)


def feed_address(token):
    return absolute_url(reverse("reservations:feed", args=[token.secret]))


class ResourceFeedForm(forms.Form):
    resource = forms.ModelChoiceField(
        label=gettext_lazy("Room, equipment or vehicle"),
        queryset=Resource.objects.active(),
        error_messages={
            "invalid_choice": gettext_lazy(
                "That resource is not in the list. Choose one of the rooms, equipment or vehicles."
            ),
            "required": gettext_lazy("Choose a room, item of equipment or vehicle."),
        },
    )


@require_http_methods(["GET", "POST"])
def feeds(request):
    """My personal feed and my feeds of resources: make, show, revoke."""
    user = request.user
    form = ResourceFeedForm()
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "personal":
            CalendarFeedToken.objects.get_or_create(
                user=user, resource=None, defaults={"secret": new_secret()}
            )
            messages.success(request, _("Your personal calendar feed was made."))
            return redirect("reservations:feeds")
        if action == "resource":
            form = ResourceFeedForm(request.POST)
            if form.is_valid():
                try:
                    with transaction.atomic():
                        CalendarFeedToken.objects.get_or_create(
                            user=user,
                            resource=form.cleaned_data["resource"],
                            defaults={"secret": new_secret()},
                        )
                except IntegrityError:
                    pass
                messages.success(
                    request,
                    _("A calendar feed of %(resource)s was made.")
                    % {"resource": form.cleaned_data["resource"].name},
                )
                return redirect("reservations:feeds")
        elif action == "revoke":
            token_id = request.POST.get("token", "")
            deleted = 0
            if token_id.isdigit():
                deleted, _rows = CalendarFeedToken.objects.filter(
                    pk=int(token_id), user=user
                ).delete()
            if deleted:
                messages.success(
                    request, _("The feed address was revoked: it no longer works anywhere.")
                )
            else:
                messages.error(request, _("That feed is not one of yours, or is already revoked."))
            return redirect("reservations:feeds")
        else:
            messages.error(request, _("Choose what to do with your calendar feeds."))
            return redirect("reservations:feeds")
    tokens = list(
        CalendarFeedToken.objects.filter(user=user)
        .select_related("resource")
        .order_by("resource__name", "pk")
    )
    personal = next((token for token in tokens if token.resource_id is None), None)
    return render(
        request,
        "reservations/feeds.html",
        {
            "personal": personal,
            "personal_address": feed_address(personal) if personal else "",
            "resource_feeds": [
                (token, feed_address(token)) for token in tokens if token.resource_id
            ],
            "form": form,
        },
    )


def personal_calendar_bytes(user, *, now=None):
    """The personal feed: my bookings (made or attended), my schedule entries and those I attend."""
    since = (now or timezone.now()) - FEED_HISTORY
    recent = Booking.objects.involving([user]).filter(ends_at__gte=since)
    # Ids, not a subquery: an OR of two id lists uses both indexes.
    pairs = list(recent.values_list("pk", "series_id"))
    series_ids = {series_id for _pk, series_id in pairs if series_id}
    recent_ids = [pk for pk, _series_id in pairs]
    bookings = (
        Booking.objects.filter(Q(pk__in=recent_ids) | Q(series_id__in=series_ids))
        .select_related("series")
        .prefetch_related("resources", "slots__suspensions")
        .order_by("starts_at", "pk")
    )
    repeating = Q(rule__isnull=False) & (
        Q(end_recurring_period__isnull=True) | Q(end_recurring_period__gte=since)
    )
    # My own entries and those I attend (declined ones leave my feed as they leave my week).
    attended = schedule.attending([user]).values("event_id")
    events = (
        Event.objects.filter(Q(calendar__slug=schedule.personal_slug(user.pk)) | Q(pk__in=attended))
        .filter(Q(rule__isnull=True, end__gte=since) | repeating)
        .select_related("rule", "detail")
        .prefetch_related(schedule.with_exceptions())
        .order_by("start", "pk")
    )
    profile = getattr(user, "staff_profile", None)
    name = _("Schedule of %(name)s") % {"name": profile.full_name if profile else user}
    vevents = ical.bookings_vevents(bookings)
    for event in events:
        vevents.extend(ical.schedule_vevents(event))
    return ical.calendar_of(name, vevents)


def resource_calendar_bytes(resource, *, now=None):
    """A resource's feed: its bookings, active and cancelled."""
    since = (now or timezone.now()) - FEED_HISTORY
    bookings = (
        Booking.objects.filter(resources=resource, ends_at__gte=since)
        .exclude(_rejected_part_of(resource))
        .distinct()
        .select_related("series")
        .prefetch_related("resources", "slots__suspensions")
        .order_by("starts_at", "pk")
    )
    name = _("Bookings of %(resource)s") % {"resource": resource.name}
    return ical.calendar_of(name, ical.bookings_vevents(bookings))


def _rejected_part_of(resource):
    """A booking still going on whose part of ``resource`` its owner rejected: not its booking."""
    rejected = BookingSlot.objects.filter(
        booking=OuterRef("pk"), resource=resource, decision=Decision.REJECTED
    )
    return Q(Exists(rejected)) & Q(status__in=Booking.ACTIVE_STATUSES)


def calendar_response(body, filename=None):
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    patch_cache_control(response, private=True, no_cache=True)
    return response


@login_not_required
@require_safe
def feed(request, secret):
    """The feed of ``secret``: its owner's, or a resource's. Unknown or revoked: 404."""
    token = (
        CalendarFeedToken.objects.select_related("user", "resource").filter(secret=secret).first()
    )
    if token is None or not token.user.is_active:
        # The path holds the secret: Django's request log is told the answer is
        # logged already, and a line without the path is written instead.
        response = HttpResponse(
            _("This calendar feed address is not valid or has been revoked."),
            status=404,
            content_type="text/plain; charset=utf-8",
        )
        response._has_been_logged = True
        logger.warning("Calendar feed refused (404)")
        return response
    if token.resource_id is not None:
        return calendar_response(resource_calendar_bytes(token.resource))
    return calendar_response(personal_calendar_bytes(token.user))


@require_safe
def booking_ics(request, pk):
    booking = get_object_or_404(
        Booking.objects.select_related("series").prefetch_related("resources"), pk=pk
    )
    calendar = ical.calendar_of(booking.title, [ical.single_booking_vevent(booking)])
    return calendar_response(calendar, filename=f"booking-{booking.pk}.ics")


class ExportForm(forms.Form):
    date_from = dates.DateField(
        label=gettext_lazy("From"),
        error_messages={
            "required": gettext_lazy("Give the first day, e.g. 2026-04-01."),
            "invalid": gettext_lazy("The first day could not be read: write it as 2026-04-01."),
        },
    )
    date_to = dates.DateField(
        label=gettext_lazy("To"),
        error_messages={
            "required": gettext_lazy("Give the last day, e.g. 2026-04-30."),
            "invalid": gettext_lazy("The last day could not be read: write it as 2026-04-30."),
        },
    )
    resource = forms.ModelChoiceField(
        label=gettext_lazy("Room, equipment or vehicle"),
        queryset=Resource.objects.all(),
        required=False,
        error_messages={
            "invalid_choice": gettext_lazy("That resource does not exist. Leave it empty for all.")
        },
    )

    def clean(self):
        data = super().clean()
        first, last = data.get("date_from"), data.get("date_to")
        if first and last:
            if last < first:
                raise forms.ValidationError(_("The last day comes before the first day."))
            if last - first >= export.LONGEST_RANGE:
                raise forms.ValidationError(
                    _("Export at most one year at a time; choose a shorter period.")
                )
        return data


@require_safe
def export_csv(request):
    """?from=YYYY-MM-DD&to=YYYY-MM-DD[&resource=id]: public events as open-data CSV."""
    form = ExportForm(
        {
            "date_from": request.GET.get("from", ""),
            "date_to": request.GET.get("to", ""),
            "resource": request.GET.get("resource", ""),
        }
    )
    if not form.is_valid():
        return render(request, "reservations/feeds_export_error.html", {"form": form}, status=400)
    first, last = form.cleaned_data["date_from"], form.cleaned_data["date_to"]
    start = schedule.day_bounds(first)[0]
    end = schedule.day_bounds(last)[1]
    body = export.write_csv(start, end, form.cleaned_data["resource"])
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="events-{first:%Y%m%d}-{last:%Y%m%d}.csv"'
    )
    return response


urlpatterns = [
    path("feeds/", feeds, name="feeds"),
    path("feeds/<str:secret>.ics", feed, name="feed"),
    path("<int:pk>/booking.ics", booking_ics, name="booking_ics"),
    path("export.csv", export_csv, name="export_csv"),
]
