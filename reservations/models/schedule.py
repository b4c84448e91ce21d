"""What the schedule keeps beside django-scheduler's events.

Place, privacy, all-day and revision (``EventDetail``), the people asked to
an entry (``EntryParticipant``) and the bookings of rooms and equipment the
entry made (``EventDetail.bookings``).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EventDetail(models.Model):
    """The parts of a schedule entry (予定) django-scheduler's ``Event`` has no field for.

    A private entry (非公開) shows to colleagues only as 「予定あり」: they see that
    the time is taken, never the title, place or memo. ``uid`` and ``sequence``
    are the entry's iCalendar UID and SEQUENCE.
    """

    event = models.OneToOneField(
        "schedule.Event", verbose_name=_("event"), on_delete=models.CASCADE, related_name="detail"
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    is_private = models.BooleanField(_("private"), default=False)
    all_day = models.BooleanField(_("all day"), default=False)
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(_("revision"), default=0)
    # The entry's facilities: the bookings it made through the booking rules,
    # changed and cancelled with it.
    bookings = models.ManyToManyField(
        "reservations.Booking",
        verbose_name=_("facility bookings"),
        blank=True,
        related_name="schedule_entries",
    )
    skip_closed_days = models.BooleanField(
        _("skip public holidays and the year-end closure"), default=True
    )
    repeat_count = models.PositiveSmallIntegerField(_("number of times"), null=True, blank=True)

    class Meta:
        verbose_name = _("schedule entry detail")
        verbose_name_plural = _("schedule entry details")

    def __str__(self):
        return str(self.event_id)


class EntryParticipant(models.Model):
    """A colleague asked to a schedule entry; the entry shows on their schedule until declined."""

    class Response(models.TextChoices):
        ATTENDING = "attending", _("Attending")
        DECLINED = "declined", _("Declined")

    event = models.ForeignKey(
        "schedule.Event",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="participants",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="schedule_participations",
    )
    response = models.CharField(
        _("response"), max_length=10, choices=Response.choices, default=Response.ATTENDING
    )
    responded_at = models.DateTimeField(_("responded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("entry participant")
        verbose_name_plural = _("entry participants")
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="participant_once_per_entry"),
        ]
        indexes = [models.Index(fields=["user", "response"], name="participant_user_response")]

    def __str__(self):
        return f"{self.event_id} {self.user_id}"


class StaffGroup(models.Model):
    """A set of colleagues a user keeps for their own use (my team across sections).

    Only its owner sees it; its week shows as the same grid as a department's.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="staff_groups",
    )
    name = models.CharField(_("name"), max_length=100)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("members"), related_name="+", blank=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("staff group")
        verbose_name_plural = _("staff groups")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name
