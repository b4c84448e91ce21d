"""A report of a mistake or near miss, from draft to the office's decision.

A report in progress is a ``ReportDraft``: it belongs to its writer, saves
itself as they type, and is deleted when the report is sent. Sending makes a
new ``IncidentReport`` with no link to the draft, so an anonymous report
(``anonymous``, ``reporter`` None) names nobody: not the report, its steps
(``ReportStep.actor`` None for the reporter's own steps), its messages, its
attachments' documents, nor a notification. The anonymous reporter keeps a
照会キー shown once; only its hash is stored, and it is how they read and
answer the office's questions (``rules.holds_key``).
"""

import hashlib

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from intranet.models import Department


class Category(models.Model):
    """誤送付・誤交付, 紛失 …: kept by the administration office in the admin."""

    name = models.CharField(_("name"), max_length=50, unique=True)
    description = models.CharField(_("description"), max_length=200, blank=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)
    active = models.BooleanField(
        _("offered on new reports"),
        default=True,
        help_text=_("A category no longer offered stays on the reports and cases that use it."),
    )

    class Meta:
        verbose_name = _("incident category")
        verbose_name_plural = _("incident categories")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.name


class Place(models.TextChoices):
    COUNTER = "counter", _("At the counter")
    PHONE = "phone", _("On the phone")
    POST = "post", _("By post")
    MAIL = "mail", _("By e-mail or fax")
    SYSTEM = "system", _("In a system")
    OUTSIDE = "outside", _("Outside the office")
    OTHER = "other", pgettext_lazy("incident place", "Other")


class RuleAxis(models.TextChoices):
    """Was there a rule for this, and was it followed."""

    FOLLOWED = "followed", _("A rule existed and was followed")
    NOT_FOLLOWED = "not_followed", _("A rule existed and was not followed")
    NO_RULE = "no_rule", _("There was no rule")


class Level(models.IntegerChoices):
    """Impact levels 0–5, as hospitals grade incidents, in words for office work."""

    L0 = 0, _("Level 0")
    L1 = 1, _("Level 1")
    L2 = 2, _("Level 2")
    L3 = 3, _("Level 3")
    L4 = 4, _("Level 4")
    L5 = 5, _("Level 5")


LEVEL_DESCRIPTIONS = {
    0: _("Caught before it reached a resident or the work (a near miss)."),
    1: _("It reached a resident or the work, but did no harm."),
    2: _("Small harm, put right on the spot with a correction or an explanation."),
    3: _("Residents were affected: a correction, a resend, a refund or an apology was needed."),
    4: _("Serious harm: personal data leaked, money was lost, or a resident was badly affected."),
    5: _(
        "Serious harm to many residents: a press release or a report to the prefecture "
        "or the ministry is needed."
    ),
}

# From this level on a report must say why it happened before it is sent.
CAUSE_REQUIRED_FROM_LEVEL = 3


class State(models.TextChoices):
    RETURNED = "returned", _("Sent back to the reporter")
    REPORTED = "reported", _("Reported")
    HEAD_CONFIRMED = "head_confirmed", _("Confirmed by the section head")
    OFFICE_CONFIRMED = "office_confirmed", _("Confirmed by the administration office")
    PUBLISHED = "published", _("Published")
    KEPT = "kept", _("Kept, not published")


# States a report is in once it has been sent and until the office decides.
OPEN_STATES = (State.RETURNED, State.REPORTED, State.HEAD_CONFIRMED, State.OFFICE_CONFIRMED)


class ReportFields(models.Model):
    """What a reporter writes: shared by the report and nothing else (drafts keep JSON)."""

    title = models.CharField(_("title"), max_length=120)
    department = models.ForeignKey(
        Department,
        verbose_name=_("reporting department"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    occurred_at = models.DateTimeField(_("when it happened"))
    discovered_at = models.DateTimeField(_("when it was found"))
    place = models.CharField(_("where"), max_length=10, choices=Place.choices)
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="+"
    )
    rule_axis = models.CharField(_("rule"), max_length=12, choices=RuleAxis.choices)
    level = models.PositiveSmallIntegerField(_("impact level"), choices=Level.choices)
    what_happened = models.TextField(_("what happened"))
    why_chain = models.JSONField(
        _("why it happened"),
        default=list,
        blank=True,
        help_text=_("Why, and why that happened: one answer per step."),
    )
    immediate_action = models.TextField(_("what was done at once"), blank=True)
    prevention = models.TextField(_("measures to prevent it"), blank=True)
    lessons = models.TextField(_("lessons for others"), blank=True)
    residents_affected = models.BooleanField(_("residents were affected"), default=False)
    residents_count = models.PositiveIntegerField(_("how many residents"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def level_description(self):
        return LEVEL_DESCRIPTIONS.get(self.level, "")

    @property
    def causes_text(self):
        """The なぜなぜ chain as lines of text (for display, search and the guard)."""
        return "\n".join(step for step in self.why_chain if step)


class IncidentReport(ReportFields):
    department = models.ForeignKey(
        Department,
        verbose_name=_("reporting department"),
        on_delete=models.PROTECT,
        related_name="incident_reports",
    )
    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="reports",
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reporter"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="incident_reports",
        help_text=_("Empty for an anonymous report: nobody, not even the system, knows who."),
    )
    anonymous = models.BooleanField(_("anonymous"), default=False)
    reporter_key_hash = models.CharField(max_length=64, blank=True, editable=False)
    state = models.CharField(
        _("state"), max_length=16, choices=State.choices, default=State.REPORTED, db_index=True
    )
    reported_at = models.DateTimeField(_("reported at"))
    due_at = models.DateTimeField(
        _("review due"),
        help_text=_("When the section head's confirmation is due, by the level."),
    )
    overdue_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    related_cases = models.ManyToManyField(
        "incidents.Case",
        verbose_name=_("similar published cases"),
        blank=True,
        related_name="cited_by_reports",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("incident report")
        verbose_name_plural = _("incident reports")
        ordering = ["-reported_at", "-pk"]
        indexes = [
            # The statistics count a period's reports by these four: an index holding
            # them all answers each count without reading the table.
            models.Index(
                fields=["occurred_at", "level", "category", "department", "rule_axis"],
                name="incident_statistics",
            ),
            models.Index(fields=["department", "state"], name="incident_dept_state"),
            models.Index(fields=["state", "due_at"], name="incident_state_due"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(anonymous=False) | models.Q(reporter__isnull=True),
                name="incident_anonymous_names_nobody",
            ),
            models.CheckConstraint(
                condition=models.Q(level__gte=0, level__lte=5), name="incident_level_0_to_5"
            ),
        ]

    def __str__(self):
        return f"No.{self.pk} {self.title}"

    def get_absolute_url(self):
        return reverse("incidents:report", args=[self.pk])

    @property
    def number(self):
        return f"No.{self.pk}"

    @property
    def is_open(self):
        return self.state in OPEN_STATES

    @staticmethod
    def hash_key(key):
        return hashlib.sha256(f"incident-reporter-key:{key}".encode()).hexdigest()


class ReportStep(models.Model):
    """One step of a report's review: who (nobody for an anonymous reporter), when, what, why."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("Reported")
        RESUBMITTED = "resubmitted", _("Reported again")
        HEAD_CONFIRMED = "head_confirmed", _("Confirmed by the section head")
        OFFICE_CONFIRMED = "office_confirmed", _("Confirmed by the administration office")
        SENT_BACK = "sent_back", _("Sent back")
        PUBLISHED = "published", _("Published")
        KEPT = "kept", _("Kept, not published")
        WITHDRAWN = "withdrawn", _("Publication withdrawn")

    class Role(models.TextChoices):
        REPORTER = "reporter", _("Reporter")
        SECTION_HEAD = "section_head", _("Section head")
        OFFICE = "office", _("Administration office")

    report = models.ForeignKey(
        IncidentReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="steps"
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    role = models.CharField(_("as"), max_length=14, choices=Role.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    state_after = models.CharField(_("state after"), max_length=16, choices=State.choices)
    comment = models.TextField(_("comment"), blank=True)
    at = models.DateTimeField(_("at"))

    class Meta:
        verbose_name = _("review step")
        verbose_name_plural = _("review steps")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_action_display()} {self.at:%Y-%m-%d %H:%M}"


class ReportMessage(models.Model):
    """A question from a reviewer to the reporter, or the reporter's answer, on the report."""

    report = models.ForeignKey(
        IncidentReport,
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="messages",
    )
    from_reporter = models.BooleanField(_("from the reporter"), default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty when the anonymous reporter wrote it."),
    )
    body = models.TextField(_("message"))
    at = models.DateTimeField(_("at"))

    class Meta:
        verbose_name = _("question or answer")
        verbose_name_plural = _("questions and answers")
        ordering = ["at", "pk"]

    def __str__(self):
        return self.body[:40]


class ReportDraft(models.Model):
    """A report being written: the form's fields as typed, saved as the writer goes.

    ``data`` holds the form's raw values (strings), so a draft keeps even what
    would not yet pass the form's checks. Deleted when the report is sent.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("writer"),
        on_delete=models.CASCADE,
        related_name="incident_drafts",
    )
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("saved at"), auto_now=True)

    class Meta:
        verbose_name = _("report draft")
        verbose_name_plural = _("report drafts")
        ordering = ["-updated_at", "-pk"]

    def __str__(self):
        return self.data.get("title") or str(_("Untitled draft"))

    def get_absolute_url(self):
        return reverse("incidents:draft", args=[self.pk])


class ReportAttachment(models.Model):
    """A file attached to a draft or a report; ``public`` ones go out with the published case.

    Its document records no uploader once the report is anonymous.
    ``text`` is what was read out of the file for the personal-data guard
    (``text_read`` says it was tried).
    """

    draft = models.ForeignKey(
        ReportDraft,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    report = models.ForeignKey(
        IncidentReport,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.PROTECT, related_name="+")
    filename = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size"), default=0)
    public = models.BooleanField(
        _("published with the case"),
        default=False,
        help_text=_("The personal-data guard reads its text before the case is published."),
    )
    text = models.TextField(blank=True, editable=False)
    text_read = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(draft__isnull=True) | models.Q(report__isnull=True),
                name="incident_attachment_one_owner",
            ),
        ]

    def __str__(self):
        return self.filename

    def get_absolute_url(self):
        return reverse("incidents:download", args=[self.pk])
