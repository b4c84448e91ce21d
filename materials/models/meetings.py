"""Meeting series (庁内調整会議, 部長会議 …), their meetings and the agenda of each."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from intranet.models import Department


class MeetingSeries(models.Model):
    """A standing meeting: who attends, and which department keeps its papers (事務局).

    The secretary department's staff arrange its meetings and upload their
    materials. Its members (named staff, such as the heads who sit on a
    部長会議) and the secretary department are who may read a 非公開 material.
    """

    name = models.CharField(_("name"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    secretary_department = models.ForeignKey(
        Department,
        verbose_name=_("secretary department"),
        on_delete=models.PROTECT,
        related_name="meeting_series_kept",
    )
    attending_departments = models.ManyToManyField(
        Department,
        verbose_name=_("attending departments"),
        blank=True,
        related_name="meeting_series_attended",
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("members"),
        blank=True,
        related_name="meeting_series",
        help_text=_("Staff who sit on the meeting; they may read its closed materials."),
    )
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)

    class Meta:
        verbose_name = _("meeting series")
        verbose_name_plural = _("meeting series")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("materials:series", args=[self.pk])


class Meeting(models.Model):
    """One sitting of a series: when, where, what is on the agenda, and its minutes."""

    series = models.ForeignKey(
        MeetingSeries,
        verbose_name=_("meeting series"),
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    title = models.CharField(_("title"), max_length=200)
    held_at = models.DateTimeField(_("held at"), db_index=True)
    place = models.CharField(_("place"), max_length=100, blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-held_at", "-pk"]

    def __str__(self):
        return f"{self.series.name} {self.title}"

    def get_absolute_url(self):
        return reverse("materials:meeting", args=[self.pk])


class AgendaItem(models.Model):
    """An item on a meeting's agenda (議題); materials may hang on it."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    number = models.PositiveIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    presenter = models.ForeignKey(
        Department,
        verbose_name=_("presenting department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="agenda_item_number_once")
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"
