"""What can be booked: rooms, equipment and vehicles, grouped by building and floor."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from intranet.models import Department

WEEKDAY_NAMES = "月火水木金土日"  # Monday is 0, as in datetime.date.weekday()
WORKING_DAYS = "01234"


class ResourceGroup(models.Model):
    """A 庁舎 (building) or a フロア (floor) inside one: groups nest."""

    name = models.CharField(_("name"), max_length=100)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent group"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)

    class Meta:
        verbose_name = _("resource group")
        verbose_name_plural = _("resource groups")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return " ".join(group.name for group in self.lineage())

    def lineage(self):
        """This group and the groups above it, outermost (the building) first."""
        chain, group = [], self
        while group is not None:
            chain.append(group)
            group = group.parent
        return list(reversed(chain))

    def clean(self):
        ancestor = self.parent
        while ancestor is not None:
            if self.pk is not None and ancestor.pk == self.pk:
                raise ValidationError({"parent": _("A group cannot be inside itself.")})
            ancestor = ancestor.parent


class Feature(models.Model):
    """Something a room offers: プロジェクター, TV会議, ホワイトボード …"""

    name = models.CharField(_("name"), max_length=50, unique=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)

    class Meta:
        verbose_name = _("feature")
        verbose_name_plural = _("features")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class ResourceQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def rooms(self):
        return self.filter(kind=Resource.Kind.ROOM)


class Resource(models.Model):
    """One bookable thing, with the rules its owning department sets for it."""

    class Kind(models.TextChoices):
        ROOM = "room", _("Meeting room")
        EQUIPMENT = "equipment", _("Equipment")
        VEHICLE = "vehicle", _("Official vehicle")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.ROOM)
    name = models.CharField(_("name"), max_length=100)
    group = models.ForeignKey(
        ResourceGroup,
        verbose_name=_("building and floor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="resources",
    )
    location = models.CharField(_("location"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Seats in a room; empty for equipment.")
    )
    features = models.ManyToManyField(
        Feature, verbose_name=_("features"), blank=True, related_name="resources"
    )
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        Department,
        verbose_name=_("owning department"),
        on_delete=models.PROTECT,
        related_name="resources",
    )
    opens_at = models.TimeField(_("bookable from"), default=datetime.time(8, 0))
    closes_at = models.TimeField(_("bookable until"), default=datetime.time(21, 0))
    bookable_weekdays = models.CharField(
        _("bookable days"),
        max_length=7,
        default=WORKING_DAYS,
        help_text=_("Days of the week as digits, Monday 0 to Sunday 6."),
    )
    open_on_closed_days = models.BooleanField(
        _("bookable on holidays and the year-end closure"), default=False
    )
    max_duration = models.DurationField(_("longest booking"), default=datetime.timedelta(hours=8))
    booking_window_days = models.PositiveIntegerField(
        _("bookings open this many days ahead"), default=90
    )
    weekly_quota = models.DurationField(
        _("hours per person per week"),
        null=True,
        blank=True,
        help_text=_("Empty for no limit."),
    )
    requires_approval = models.BooleanField(_("bookings need approval"), default=False)
    publishes_bookings = models.BooleanField(
        _("bookings are public events"),
        default=False,
        help_text=_(
            "Tick for a hall or room that holds events open to the public: its confirmed "
            "bookings are then listed in the open-data CSV (event list)."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["kind", "sort_order", "name"]
        indexes = [models.Index(fields=["kind", "is_active"], name="resource_kind_active")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("reservations:resource", args=[self.pk])

    def clean(self):
        errors = {}
        if self.opens_at is not None and self.closes_at is not None:
            if self.opens_at >= self.closes_at:
                errors["closes_at"] = _("The closing time must come after the opening time.")
        days = self.bookable_weekdays or ""
        if not days or any(day not in "0123456" for day in days) or len(set(days)) != len(days):
            errors["bookable_weekdays"] = _("Give the days as digits 0 (Monday) to 6 (Sunday).")
        if self.max_duration is not None and self.max_duration <= datetime.timedelta(0):
            errors["max_duration"] = _("The longest booking must be longer than zero.")
        if errors:
            raise ValidationError(errors)

    def is_bookable_weekday(self, day):
        return str(day.weekday()) in self.bookable_weekdays

    def bookable_days_display(self):
        return "・".join(WEEKDAY_NAMES[int(day)] for day in sorted(self.bookable_weekdays))


class Blackout(models.Model):
    """A period when a resource cannot be booked: 工事, 点検 …"""

    resource = models.ForeignKey(
        Resource, verbose_name=_("resource"), on_delete=models.CASCADE, related_name="blackouts"
    )
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("end"))
    reason = models.CharField(_("reason"), max_length=100)
    # The booked slots this period covers (利用停止の印), kept by ``suspensions.apply``
    # each time the period is saved; and the bookings whose people have been told,
    # so that saving the period again never tells them twice.
    covered_slots = models.ManyToManyField(
        "reservations.BookingSlot",
        verbose_name=_("bookings covered"),
        blank=True,
        related_name="suspensions",
    )
    notified_bookings = models.ManyToManyField(
        "reservations.Booking",
        verbose_name=_("bookings whose people were told"),
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("blackout period")
        verbose_name_plural = _("blackout periods")
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["resource", "starts_at"], name="blackout_resource_start")]

    def __str__(self):
        return self.reason

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The end must come after the start.")})
