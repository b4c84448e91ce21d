"""When the sending section last reminded a notice's audience, and who pressed the button."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .notices import Notice


class NoticeReminder(models.Model):
    """The last 「未確認の全員に催促する」 of one notice.

    One row per notice, claimed by a conditional update
    (``services.remind_unconfirmed``), so two presses at once send one
    reminder however many servers take them.
    """

    notice = models.OneToOneField(
        Notice,
        verbose_name=_("notice"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="reminder",
    )
    sent_at = models.DateTimeField(_("last reminded at"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last reminded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recipients = models.PositiveIntegerField(_("people reminded"), default=0)

    class Meta:
        verbose_name = _("notice reminder")
        verbose_name_plural = _("notice reminders")

    def __str__(self):
        return f"{self.notice}: {self.sent_at}"
