"""Bookings: who holds which resources when, and the series a booking repeats in."""

import datetime
import uuid
from functools import cached_property

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from intranet.models import Department

from .resources import Resource

# No booking is longer: the rules keep each within one day's bookable hours.
LONGEST_BOOKING = datetime.timedelta(days=1)


class BookingSeries(models.Model):
    """The rule a repeating booking follows; each occurrence is its own Booking.

    Occurrences are stored, not computed, so that every one of them is checked
    against the others' bookings by the same constraint as a single booking.
    """

    class Frequency(models.TextChoices):
        DAILY = "daily", _("Every day")
        WEEKLY = "weekly", _("Every week")
        MONTHLY_BY_DATE = "monthly_date", _("Every month on the same date")
        MONTHLY_BY_WEEKDAY = "monthly_weekday", _("Every month on the same weekday")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    frequency = models.CharField(_("repeats"), max_length=20, choices=Frequency.choices)
    interval = models.PositiveSmallIntegerField(_("every"), default=1)
    weekdays = models.CharField(_("weekdays"), max_length=7, blank=True)
    until = models.DateField(_("until"), null=True, blank=True)
    count = models.PositiveSmallIntegerField(_("number of times"), null=True, blank=True)
    skip_closed_days = models.BooleanField(
        _("skip public holidays and the year-end closure"), default=True
    )
    rrule = models.CharField(_("RRULE"), max_length=300, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("booking series")
        verbose_name_plural = _("booking series")

    def __str__(self):
        return self.get_frequency_display()


class BookingQuerySet(models.QuerySet):
    def active(self):
        """Bookings that hold their resources: 仮予約 and 確定."""
        return self.filter(status__in=Booking.ACTIVE_STATUSES)

    def overlapping(self, start, end):
        """Bookings that share some time with [start, end).

        A booking lies within one day's bookable hours, so one that overlaps
        began less than a day before ``start``: saying so lets the database
        read a short stretch of the (…, starts_at) indexes, not all history.
        """
        return self.filter(
            starts_at__lt=end, starts_at__gt=start - LONGEST_BOOKING, ends_at__gt=start
        )

    def involving(self, users):
        """Bookings made by or attended by any of ``users``, each once.

        The ids come from a UNION of two indexed lookups (made by, attended
        by): an OR across the attendees join, or an OR with a subquery, would
        make the database read the whole bookings table.
        """
        made = Booking.objects.filter(booked_by__in=users).order_by().values("pk")
        attended = (
            Booking.attendees.through.objects.filter(user__in=users).order_by().values("booking_id")
        )
        return self.filter(pk__in=made.union(attended, all=True))


class Booking(models.Model):
    """One booking of one or more resources (a room with its equipment) for one span."""

    class Status(models.TextChoices):
        TENTATIVE = "tentative", pgettext_lazy("booking status", "Tentative")
        CONFIRMED = "confirmed", pgettext_lazy("booking status", "Confirmed")
        REJECTED = "rejected", pgettext_lazy("booking status", "Rejected")
        CANCELLED = "cancelled", pgettext_lazy("booking status", "Cancelled")

    ACTIVE_STATUSES = (Status.TENTATIVE, Status.CONFIRMED)

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=100)
    purpose = models.TextField(_("purpose"), blank=True, max_length=2000)
    attendee_count = models.PositiveIntegerField(_("attendees"), default=1)
    starts_at = models.DateTimeField(_("start"))
    ends_at = models.DateTimeField(_("end"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.CONFIRMED
    )
    resources = models.ManyToManyField(
        Resource, verbose_name=_("resources"), through="BookingSlot", related_name="bookings"
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("booked by"),
        on_delete=models.PROTECT,
        related_name="bookings",
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("on behalf of"),
        on_delete=models.PROTECT,
        related_name="bookings",
    )
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participants"),
        blank=True,
        related_name="attended_bookings",
    )
    series = models.ForeignKey(
        BookingSeries,
        verbose_name=_("series"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="bookings",
    )
    # Where this occurrence sits in its series' rule (iCalendar's RECURRENCE-ID),
    # kept when the occurrence itself is moved.
    original_start = models.DateTimeField(_("original start"), null=True, blank=True)
    sequence = models.PositiveIntegerField(_("revision"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    rejection_reason = models.CharField(_("reason for rejection"), max_length=500, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    # A vehicle booking: where to and who drives; the return records the odometer.
    destination = models.CharField(_("destination"), max_length=200, blank=True)
    driver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("driver"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="driven_bookings",
    )
    odometer_start = models.PositiveIntegerField(
        _("odometer at departure (km)"), null=True, blank=True
    )
    odometer_end = models.PositiveIntegerField(_("odometer on return (km)"), null=True, blank=True)
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["starts_at", "pk"]
        permissions = [("approve_booking", _("Can approve bookings of their department"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="booking_ends_after_start"
            ),
        ]
        indexes = [
            models.Index(fields=["booked_by", "starts_at"], name="booking_owner_start"),
            models.Index(fields=["status", "starts_at"], name="booking_status_start"),
            models.Index(fields=["series", "starts_at"], name="booking_series_start"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("reservations:booking", args=[self.pk])

    @property
    def is_active(self):
        return self.status in self.ACTIVE_STATUSES

    @cached_property
    def suspensions(self):
        """The blackout periods (利用停止期間) that cover this active booking, earliest first.

        Read through the slots' marks; a list of many bookings prefetches
        ``slots__suspensions`` so that this costs no query per booking.
        """
        if not self.is_active:
            return []
        found = {
            period.pk: period for slot in self.slots.all() for period in slot.suspensions.all()
        }
        return sorted(found.values(), key=lambda period: (period.starts_at, period.pk))


class Decision(models.TextChoices):
    """Where one booked resource stands with the department that keeps it."""

    NOT_NEEDED = "not_needed", pgettext_lazy("approval of a part", "Not needed")
    PENDING = "pending", pgettext_lazy("approval of a part", "Waiting for approval")
    APPROVED = "approved", pgettext_lazy("approval of a part", "Approved")
    REJECTED = "rejected", pgettext_lazy("approval of a part", "Rejected")


class BookingSlot(models.Model):
    """One resource held by one booking, with the booking's span copied beside it.

    The span is copied so that one table carries everything the no-double-booking
    rule needs: on PostgreSQL an exclusion constraint over (resource, time range)
    for active slots (migration 0002), on SQLite the check in
    ``services`` inside a transaction that takes the write lock first.
    """

    booking = models.ForeignKey(
        Booking, verbose_name=_("booking"), on_delete=models.CASCADE, related_name="slots"
    )
    resource = models.ForeignKey(
        Resource, verbose_name=_("resource"), on_delete=models.PROTECT, related_name="slots"
    )
    starts_at = models.DateTimeField(_("start"))
    ends_at = models.DateTimeField(_("end"))
    is_active = models.BooleanField(_("holds the resource"), default=True)
    # The owner's decision on this resource, when the resource needs approval:
    # each owner decides its own part, and the booking is 確定 only when every
    # part is approved (``approval.settle``).
    decision = models.CharField(
        _("approval"),
        max_length=10,
        choices=Decision.choices,
        default=Decision.NOT_NEEDED,
        db_default=Decision.NOT_NEEDED,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    comment = models.CharField(_("reason for rejection"), max_length=500, blank=True, db_default="")

    class Meta:
        verbose_name = _("booked resource")
        verbose_name_plural = _("booked resources")
        constraints = [
            models.UniqueConstraint(fields=["booking", "resource"], name="slot_once_per_booking"),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="slot_ends_after_start"
            ),
        ]
        indexes = [
            models.Index(fields=["resource", "starts_at"], name="slot_resource_start"),
        ]

    Decision = Decision

    def __str__(self):
        return f"{self.resource} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def is_waiting_for_choice(self):
        """Rejected by its owner: the one who booked keeps the rest or cancels."""
        return self.decision == Decision.REJECTED


class CalendarFeedToken(models.Model):
    """The secret in an iCalendar feed's address: a person's bookings and events, or a resource's.

    Revoking deletes the row, so the old address stops working at once.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="calendar_feed_tokens",
    )
    resource = models.ForeignKey(
        Resource,
        verbose_name=_("resource"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="feed_tokens",
    )
    secret = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        constraints = [
            models.UniqueConstraint(fields=["user", "resource"], name="one_feed_per_user_resource"),
            models.UniqueConstraint(
                fields=["user"], condition=Q(resource=None), name="one_personal_feed_per_user"
            ),
        ]

    def __str__(self):
        return str(self.resource or self.user)
