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
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from intranet.models import Department

from .reports import LEVEL_DESCRIPTIONS, Category, IncidentReport, Level, Place, RuleAxis


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
        return self.report.attachments.filter(public=True)


class CaseLink(models.Model):
    """A published case linked from a notice or an FAQ page (shown as 「関連する事例」 there)."""

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="links"
    )
    notice = models.ForeignKey(
        "bulletin.Notice",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="incident_case_links",
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="incident_case_links",
    )

    class Meta:
        verbose_name = _("case link")
        verbose_name_plural = _("case links")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(notice__isnull=False) & models.Q(page__isnull=True))
                | (models.Q(notice__isnull=True) & models.Q(page__isnull=False)),
                name="case_link_one_target",
            ),
            models.UniqueConstraint(fields=["case", "notice"], name="case_link_notice_once"),
            models.UniqueConstraint(fields=["case", "page"], name="case_link_page_once"),
        ]

    def __str__(self):
        return f"{self.case} ← {self.notice or self.page}"
