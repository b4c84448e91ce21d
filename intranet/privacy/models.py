"""A reviewer's decision that a finding is not personal data (the office's own number, ...)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .findings import LABELS


class PrivacyOverride(models.Model):
    """One finding on one object, judged not to be personal data, with the reason.

    ``overridden_by`` stays empty where the writer was promised that nobody
    would know who wrote the text (an untraceable anonymous post).

    It covers that exact text of that kind on that object: an edit that adds
    another number or name is checked again.
    """

    content_type = models.ForeignKey(
        ContentType, verbose_name=_("content type"), on_delete=models.CASCADE
    )
    object_id = models.CharField(_("object id"), max_length=64)
    content_object = GenericForeignKey("content_type", "object_id")
    object_title = models.CharField(_("page or record"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=list(LABELS.items()))
    text = models.CharField(_("text found"), max_length=255)
    reason = models.TextField(_("reason"))
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("overridden by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Not auto_now_add: where the writer is anonymous, the caller stores the
    # time as coarsely as the object itself keeps it.
    created_at = models.DateTimeField(_("overridden at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("personal-data override")
        verbose_name_plural = _("personal-data overrides")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "kind", "text"],
                name="privacy_override_once_per_finding",
            )
        ]

    def __str__(self):
        return f"{self.object_title}: {self.get_kind_display()}「{self.text}」"
