"""The e-conference room (職員電子会議室): boards, threads, posts and 「参考になった」."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intranet.models import Department, department_chain

from .slugs import fill_slug


class BoardQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Boards open to all staff, to the user's department or one above, or they moderate."""
        if user.is_superuser:
            return self
        ancestors = department_chain(user)
        member = Board.departments.through.objects.filter(
            board_id=OuterRef("pk"), department_id__in=ancestors
        )
        moderator = Board.moderators.through.objects.filter(
            board_id=OuterRef("pk"), user_id=user.pk
        )
        return self.filter(Q(all_staff=True) | Exists(member) | Exists(moderator))


class Board(models.Model):
    """A conference board: its purpose, who may take part, who moderates, how anonymity works."""

    class Anonymity(models.TextChoices):
        NAMED = "named", _("Posts show the poster's name")
        TRACEABLE = "traceable", _("Anonymous posts allowed; moderators can see who posted")
        UNTRACEABLE = "untraceable", _("Anonymous posts allowed; nobody can see who posted")

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=50, unique=True)
    purpose = models.TextField(_("purpose"))
    all_staff = models.BooleanField(_("open to all staff"), default=True)
    departments = models.ManyToManyField(
        Department,
        verbose_name=_("member departments"),
        blank=True,
        related_name="+",
        help_text=_("Staff of these departments and of the sections below them take part."),
    )
    moderators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("moderators"), blank=True, related_name="+"
    )
    anonymity = models.CharField(
        _("anonymous posting"), max_length=12, choices=Anonymity.choices, default=Anonymity.NAMED
    )
    edit_window_minutes = models.PositiveIntegerField(_("edit window (minutes)"), default=30)
    retention_months = models.PositiveIntegerField(
        _("months without a post before a thread is archived"), default=6
    )
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = BoardQuerySet.as_manager()

    class Meta:
        verbose_name = _("conference board")
        verbose_name_plural = _("conference boards")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        """A Board added without an address gets one (see slugs.fill_slug)."""
        fill_slug(self, "board", self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("bulletin:board", args=[self.slug])

    @property
    def allows_anonymous(self):
        return self.anonymity != self.Anonymity.NAMED

    def archive_cutoff(self, now=None):
        """Threads with no post since this moment are archived (read-only)."""
        return (now or timezone.now()) - timedelta(days=30 * self.retention_months)

    def is_moderator(self, user):
        return user.is_superuser or self.moderators.filter(pk=user.pk).exists()


class Thread(models.Model):
    board = models.ForeignKey(
        Board, verbose_name=_("board"), on_delete=models.CASCADE, related_name="threads"
    )
    title = models.CharField(_("title"), max_length=200)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    last_posted_at = models.DateTimeField(_("last post at"), default=timezone.now)

    class Meta:
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        ordering = ["-last_posted_at", "-pk"]
        indexes = [models.Index(fields=["board", "last_posted_at"], name="thread_board_activity")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("bulletin:thread", args=[self.board.slug, self.pk])

    def is_archived(self, now=None):
        return self.last_posted_at < self.board.archive_cutoff(now)


class Post(models.Model):
    """A thread's opening post or a reply.

    An anonymous post on an untraceable board keeps no author.
    """

    thread = models.ForeignKey(
        Thread, verbose_name=_("thread"), on_delete=models.CASCADE, related_name="posts"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="conference_posts",
    )
    anonymous = models.BooleanField(_("anonymous"), default=False)
    body = models.TextField(_("body"))
    quotes = models.ForeignKey(
        "self",
        verbose_name=_("quoted post"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("posted at"), default=timezone.now)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hidden by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    number = models.PositiveIntegerField(_("number"), editable=False)

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["thread", "created_at"], name="post_thread_time")]
        constraints = [
            models.UniqueConstraint(fields=["thread", "number"], name="post_number_once")
        ]

    def __str__(self):
        return f"{self.thread}: {self.pk}"

    def save(self, *args, **kwargs):
        """A new post takes the next number of its thread (1 for the opening post).

        Posting holds the board's row (``services._lock_board``), so two replies
        never take the same number; the constraint stops any other path that would.
        """
        if self.number is None:
            last = Post.objects.filter(thread_id=self.thread_id).aggregate(
                last=models.Max("number")
            )["last"]
            self.number = (last or 0) + 1
        super().save(*args, **kwargs)

    @property
    def is_hidden(self):
        return self.hidden_at is not None


class Reaction(models.Model):
    """「参考になった」: one per staff member and post."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("「helpful」 reaction")
        verbose_name_plural = _("「helpful」 reactions")
        constraints = [models.UniqueConstraint(fields=["post", "user"], name="reaction_once")]

    def __str__(self):
        return f"{self.post_id}:{self.user_id}"


class ThreadRead(models.Model):
    """How far a staff member has read a thread: the highest post number they were shown.

    It keeps no time: a read time next to an anonymous post's number would
    say who was looking at the thread the moment it was posted.
    """

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    last_seen_number = models.PositiveIntegerField(_("last post number read"), default=0)

    class Meta:
        verbose_name = _("thread read state")
        verbose_name_plural = _("thread read states")
        constraints = [models.UniqueConstraint(fields=["user", "thread"], name="thread_read_once")]

    def __str__(self):
        return f"{self.thread_id}:{self.user_id}:{self.last_seen_number}"
