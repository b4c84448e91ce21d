"""A material (a meeting's paper, a form, a statistics table), its file versions and their text.

A ``Material`` is what staff see and search; each upload of its file is a
``MaterialVersion`` (a Wagtail document in the materials' collection). The
newest version is the current one; the older ones stay downloadable. The
text of the current version, read out in the background, is kept one
``ExtractedPart`` per page, sheet or slide, so a search hit can say 「p.12」
and open the file there.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intranet.models import Department

from ..extraction.errors import reason_choices
from .library import Library, LibraryCategory
from .meetings import AgendaItem, Meeting


class Confidentiality(models.TextChoices):
    PUBLIC = "public", _("Open to the whole office")
    DEPARTMENTS = "departments", _("Departments concerned only")
    PRIVATE = "private", _("Members only")


class ExtractionState(models.TextChoices):
    PENDING = "pending", _("Waiting for text extraction")
    RUNNING = "running", _("Extracting text")
    DONE = "done", _("Text extracted")
    FAILED = "failed", _("Text could not be extracted")


class Material(models.Model):
    """A document staff may find: attached to a meeting (or one of its agenda items) or filed
    in a library category.

    ``department`` owns it: the series' secretary department for a meeting's
    material, the responsible section for a form or a table. Who may read it
    is ``confidentiality``: all staff; the departments named in
    ``departments`` (with the owner and, for a meeting, the series' members);
    or the owner and the series' members only.

    A material for all staff is published only when the personal-data guard
    has nothing left to say about its current file's text: until then
    ``withheld`` keeps it to those who may edit it.
    """

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    department = models.ForeignKey(
        Department,
        verbose_name=_("owning department"),
        on_delete=models.PROTECT,
        related_name="materials",
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="materials",
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="materials",
    )
    category = models.ForeignKey(
        LibraryCategory,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="materials",
    )
    confidentiality = models.CharField(
        _("confidentiality"),
        max_length=20,
        choices=Confidentiality.choices,
        default=Confidentiality.PUBLIC,
    )
    departments = models.ManyToManyField(
        Department,
        verbose_name=_("departments concerned"),
        blank=True,
        related_name="+",
    )
    # A form template (様式): the form's own name and the procedure it serves.
    form_name = models.CharField(_("form name"), max_length=200, blank=True)
    procedure = models.CharField(_("procedure"), max_length=200, blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    # The newest upload, kept here so lists and search need no subquery to find it.
    current = models.ForeignKey(
        "MaterialVersion",
        verbose_name=_("current version"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    withheld = models.BooleanField(
        _("withheld for the personal-data check"), default=False, db_index=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("last updated"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["sort_order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(meeting__isnull=False, category__isnull=True)
                    | models.Q(meeting__isnull=True, category__isnull=False)
                ),
                name="material_in_a_meeting_or_a_library",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("materials:material", args=[self.pk])

    @property
    def library(self):
        return Library(self.category.library) if self.category_id else None

    @property
    def series(self):
        return self.meeting.series if self.meeting_id else None


class MaterialVersion(models.Model):
    """One upload of a material's file, and how reading its text went."""

    material = models.ForeignKey(
        Material, verbose_name=_("material"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"), default=1)
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("file"), on_delete=models.PROTECT, related_name="+"
    )
    filename = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=10)
    size = models.PositiveBigIntegerField(_("size"), default=0)
    note = models.CharField(_("what changed"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    extraction = models.CharField(
        _("text extraction"),
        max_length=10,
        choices=ExtractionState.choices,
        default=ExtractionState.PENDING,
        db_index=True,
    )
    # Why the text could not be read: one of ``extraction.REASONS``.
    failure = models.CharField(_("reason"), max_length=20, choices=reason_choices(), blank=True)
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    ocr = models.BooleanField(_("read by character recognition"), default=False)
    extracted_at = models.DateTimeField(_("extracted at"), null=True, blank=True)
    # Pages that look scanned but were not read (over the OCR cap, or no OCR installed).
    unread_pages = models.JSONField(_("pages not read"), default=list, blank=True)
    # What the personal-data guard found in the text: [{"kind", "text", "part"}].
    privacy_findings = models.JSONField(_("personal-data findings"), default=list, blank=True)

    class Meta:
        verbose_name = _("material version")
        verbose_name_plural = _("material versions")
        ordering = ["material", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["material", "number"], name="material_version_once")
        ]

    def __str__(self):
        return f"{self.material} ({self.number})"

    def get_absolute_url(self):
        return reverse("materials:download", args=[self.pk])


class ExtractedPart(models.Model):
    """The text of one page, sheet or slide of a version: one search document each."""

    version = models.ForeignKey(
        MaterialVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="parts"
    )
    number = models.PositiveIntegerField(_("number"))
    label = models.CharField(_("label"), max_length=120)
    text = models.TextField(_("text"))
    ocr = models.BooleanField(_("read by character recognition"), default=False)

    class Meta:
        verbose_name = _("extracted part")
        verbose_name_plural = _("extracted parts")
        ordering = ["version", "number"]
        constraints = [
            models.UniqueConstraint(fields=["version", "number"], name="extracted_part_once")
        ]

    def __str__(self):
        return f"{self.version.material} {self.label}"
