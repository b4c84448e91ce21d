"""The redacted public version of a report: a case in the ミス・ヒヤリハット事例集.

The administration office writes it from a confirmed report: no names, no
resident details, the date cut to the month if it chooses. It names no
reporter and links to the report only for the office (``report``); staff
reading a case never reach the report. Its classification is copied from
the report when the case is made and may be corrected by the office, so the
collection filters without touching reports. ``published_at`` is set while
the case is in the collection.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from intranet.models import Department

from .reports import (
    LEVEL_DESCRIPTIONS,
    Category,
    IncidentReport,
    Level,
    Place,
    ReportAttachment,
    RuleAxis,
)


class Case(models.Model):
    class DatePrecision(models.TextChoices):
        DAY = "day", _("The day")
        MONTH = "month", _("The month only")

    report = models.OneToOneField(
        IncidentReport, verbose_name=_("report"), on_delete=models.PROTECT, related_name="case"
    )
    title = models.CharField(_("title"), max_length=120)
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="incident_cases",
        help_text=_("Leave empty to publish the case without its department."),
    )
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="cases"
    )
    level = models.PositiveSmallIntegerField(_("impact level"), choices=Level.choices)
    rule_axis = models.CharField(_("rule"), max_length=12, choices=RuleAxis.choices)
    place = models.CharField(_("where"), max_length=10, choices=Place.choices)
    occurred_on = models.DateField(_("when it happened"))
    date_precision = models.CharField(
        _("date shown"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.MONTH
    )
    what_happened = models.TextField(_("what happened"))
    causes = models.TextField(_("why it happened"), blank=True)
    immediate_action = models.TextField(_("what was done at once"), blank=True)
    prevention = models.TextField(_("measures to prevent it"), blank=True)
    lessons = models.TextField(_("lessons for others"), blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("edited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # The fields published as text: each passes the personal-data guard.
    TEXT_FIELDS = ("title", "what_happened", "causes", "immediate_action", "prevention", "lessons")

    class Meta:
        verbose_name = _("published case")
        verbose_name_plural = _("published cases")
        ordering = ["-occurred_on", "-pk"]
        indexes = [
            models.Index(fields=["published_at", "occurred_on"], name="case_published_occurred"),
            models.Index(fields=["category", "level"], name="case_category_level"),
            # The collection lists published cases newest first (and by year):
            # only published rows, in the order the list reads them.
            models.Index(
                F("occurred_on").desc(),
                F("id").desc(),
                condition=Q(published_at__isnull=False),
                name="case_collection_order",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("incidents:case", args=[self.pk])

    @property
    def is_published(self):
        return self.published_at is not None

    @property
    def level_description(self):
        return LEVEL_DESCRIPTIONS.get(self.level, "")

    @property
    def occurred_label(self):
        """The date as published: 「2026年4月」 when cut to the month."""
        if self.date_precision == self.DatePrecision.MONTH:
            return f"{self.occurred_on.year}年{self.occurred_on.month}月"
        return f"{self.occurred_on.year}年{self.occurred_on.month}月{self.occurred_on.day}日"

    def public_attachments(self):
        """The report's files that go out with this case (read without loading the report)."""
        return ReportAttachment.objects.filter(report_id=self.report_id, public=True)
