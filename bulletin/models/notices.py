"""Notices (お知らせ): who sent them, to whom, when they show, and who has read them."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import RevisionMixin

from intranet.models import Department, department_chain

from .slugs import fill_slug


class NoticeCategory(models.Model):
    """全庁通知, 人事, 研修 …: kept by the administration office.

    ``posting_departments`` narrows who may post in the category (人事 only
    from 人事課); left empty, anyone with posting rights may.
    """

    name = models.CharField(_("name"), max_length=50, unique=True)
    slug = models.SlugField(_("slug"), max_length=50, unique=True, allow_unicode=False)
    description = models.CharField(_("description"), max_length=200, blank=True)
    posting_departments = models.ManyToManyField(
        Department,
        verbose_name=_("departments that may post"),
        blank=True,
        related_name="+",
        help_text=_("Leave empty to let every department with posting rights post here."),
    )
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)

    class Meta:
        verbose_name = _("notice category")
        verbose_name_plural = _("notice categories")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        """A NoticeCategory added without an address gets one (see slugs.fill_slug)."""
        fill_slug(self, "category", self.name)
        super().save(*args, **kwargs)


class NoticeQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Notices whose audience includes the user (not yet narrowed to the display period)."""
        if user.is_superuser:
            return self
        chain = department_chain(user)
        if not chain:
            return self.filter(audience_all=True)
        reaches_me = NoticeAudience.objects.filter(notice=OuterRef("pk")).filter(
            Q(department_id=chain[0]) | Q(department_id__in=chain, include_sections=True)
        )
        return self.filter(Q(audience_all=True) | Exists(reaches_me))

    def published(self, now=None):
        """Sent and not withdrawn: on the board or in the archive (never a draft)."""
        now = now or timezone.now()
        return self.filter(is_draft=False, withdrawn_at__isnull=True, starts_at__lte=now)

    def current(self, now=None):
        """On the board now: published and not past the end of the display period."""
        now = now or timezone.now()
        return self.published(now).filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now))

    def archived(self, now=None):
        now = now or timezone.now()
        return self.published(now).filter(ends_at__lte=now)

    def waiting_for(self, user):
        """What ``user`` still has to act on (「未確認」): 要確認 and not confirmed, or
        重要・緊急 and not opened. The one definition behind the home panel, the
        header's count and the board's 「未確認のみ」."""
        mine = NoticeRead.objects.filter(notice=OuterRef("pk"), user=user)
        return self.filter(
            Q(requires_confirmation=True) & ~Exists(mine.filter(confirmed_at__isnull=False))
            | Q(importance__lte=Notice.Importance.IMPORTANT) & ~Exists(mine)
        )

    def board_order(self):
        """Pinned first, then 緊急 before 重要 before 通常, then newest."""
        return self.order_by("-pinned", "importance", "-starts_at", "-pk")


class Notice(RevisionMixin, models.Model):
    """One お知らせ. Edits keep Wagtail revisions; an edit after sending marks it 「更新」."""

    class Importance(models.IntegerChoices):
        # Sorted ascending: the most urgent first.
        URGENT = 0, _("Urgent")
        IMPORTANT = 1, _("Important")
        NORMAL = 2, _("Normal")

    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("body"))
    category = models.ForeignKey(
        NoticeCategory, verbose_name=_("category"), on_delete=models.PROTECT, related_name="notices"
    )
    importance = models.PositiveSmallIntegerField(
        _("importance"), choices=Importance.choices, default=Importance.NORMAL
    )
    sender = models.ForeignKey(
        Department,
        verbose_name=_("sending department"),
        on_delete=models.PROTECT,
        related_name="sent_notices",
    )
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("posted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    starts_at = models.DateTimeField(_("shown from"), default=timezone.now)
    ends_at = models.DateTimeField(_("shown until"), null=True, blank=True)
    audience_all = models.BooleanField(_("all staff"), default=True)
    pinned = models.BooleanField(_("pin to the top"), default=False)
    requires_confirmation = models.BooleanField(_("confirmation required"), default=False)
    is_draft = models.BooleanField(
        _("draft"),
        default=False,
        help_text=_("A draft is seen only by its sending section until it is sent."),
    )
    revision = models.PositiveIntegerField(
        _("version asked to be confirmed"),
        default=1,
        editable=False,
        help_text=_("Raised when the sender asks everyone to confirm a changed notice again."),
    )
    change_note = models.TextField(_("what changed"), blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    revised_at = models.DateTimeField(_("revised at"), null=True, blank=True, editable=False)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True, editable=False)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    objects = NoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-starts_at", "-pk"]
        # No index on starts_at alone: nearly every notice has started, so
        # SQLite would walk all of them for the board; on ends_at (with its
        # NULLs) it finds the few still shown in two index lookups.
        indexes = [
            models.Index(fields=["ends_at"], name="notice_ends"),
            models.Index(fields=["category", "starts_at"], name="notice_category"),
            models.Index(fields=["sender", "starts_at"], name="notice_sender"),
        ]
        permissions = [
            ("post_to_all_staff", _("Can send notices to all staff")),
            ("view_confirmations", _("Can see every notice's confirmations")),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("bulletin:notice", args=[self.pk])

    @property
    def is_urgent(self):
        return self.importance == self.Importance.URGENT

    def is_scheduled(self, now=None):
        return self.starts_at > (now or timezone.now())

    def is_archived(self, now=None):
        return self.ends_at is not None and self.ends_at <= (now or timezone.now())

    @property
    def is_withdrawn(self):
        return self.withdrawn_at is not None

    def is_out(self, now=None):
        """Sent and started: readers have been able to see it."""
        return not self.is_draft and not self.is_scheduled(now)

    def is_visible_to(self, user):
        return Notice.objects.visible_to(user).filter(pk=self.pk).exists()


class NoticeAudience(models.Model):
    """A department a notice is sent to, with or without the sections below it."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="audience")
    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.CASCADE, related_name="+"
    )
    include_sections = models.BooleanField(_("including its sections"), default=True)

    class Meta:
        verbose_name = _("audience")
        verbose_name_plural = _("audience")
        constraints = [
            models.UniqueConstraint(fields=["notice", "department"], name="notice_audience_once")
        ]
        indexes = [models.Index(fields=["department", "notice"], name="notice_audience_dept")]

    def __str__(self):
        return str(self.department)


class NoticeAttachment(models.Model):
    """A Wagtail document attached to a notice; served only to the notice's audience."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="attachments")
    document = models.OneToOneField(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="notice_attachment",
    )
    file_name = models.CharField(_("file name"), max_length=255)
    replaced_at = models.DateTimeField(_("replaced at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]

    def __str__(self):
        return self.file_name

    def get_absolute_url(self):
        return reverse("bulletin:attachment", args=[self.notice_id, self.pk])


class NoticeAttachmentVersion(models.Model):
    """An earlier version of an attachment, kept when the sender replaced the file.

    Readers who may see the notice can still download it from the notice page.
    """

    attachment = models.ForeignKey(
        NoticeAttachment, on_delete=models.CASCADE, related_name="versions"
    )
    document = models.OneToOneField(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="notice_attachment_version",
    )
    file_name = models.CharField(_("file name"), max_length=255)
    superseded_at = models.DateTimeField(_("replaced at"))

    class Meta:
        verbose_name = _("earlier version of an attachment")
        verbose_name_plural = _("earlier versions of attachments")
        ordering = ["-superseded_at", "-pk"]

    def __str__(self):
        return self.file_name

    def get_absolute_url(self):
        return reverse(
            "bulletin:attachment_version",
            args=[self.attachment.notice_id, self.attachment_id, self.pk],
        )


class NoticeRead(models.Model):
    """That a staff member opened a notice, and when they confirmed it (要確認)."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_reads"
    )
    read_at = models.DateTimeField(_("read at"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmed_revision = models.PositiveIntegerField(
        _("confirmed version"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("read record")
        verbose_name_plural = _("read records")
        constraints = [models.UniqueConstraint(fields=["notice", "user"], name="notice_read_once")]
        indexes = [models.Index(fields=["user", "notice"], name="notice_read_user")]

    def __str__(self):
        return f"{self.notice_id}:{self.user_id}"


def new_feed_secret():
    return secrets.token_urlsafe(32)


class FeedToken(models.Model):
    """A staff member's secret for reading notice feeds in a feed reader; revocable."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_feed_tokens"
    )
    secret = models.CharField(max_length=64, unique=True, default=new_feed_secret)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("feed token")
        verbose_name_plural = _("feed tokens")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.user} ({self.created_at:%Y-%m-%d})"


class MailPreference(models.Model):
    """Which bulletin events a staff member also wants by e-mail (both off unless chosen)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bulletin_mail"
    )
    urgent_notices = models.BooleanField(_("urgent notices by e-mail"), default=False)
    thread_replies = models.BooleanField(_("replies to my threads by e-mail"), default=False)

    class Meta:
        verbose_name = _("e-mail preference")
        verbose_name_plural = _("e-mail preferences")

    def __str__(self):
        return str(self.user)
