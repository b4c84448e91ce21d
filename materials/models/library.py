"""The two libraries, 様式集 and 統計・資料, each a tree of categories."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Library(models.TextChoices):
    FORMS = "forms", _("Form templates")
    REFERENCE = "reference", _("Statistics and reference")


class LibraryCategory(models.Model):
    """A folder of a library; folders nest (住民票関係 › 証明書 …)."""

    library = models.CharField(_("library"), max_length=20, choices=Library.choices)
    name = models.CharField(_("name"), max_length=100)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)

    class Meta:
        verbose_name = _("library category")
        verbose_name_plural = _("library categories")
        ordering = ["library", "sort_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["library", "parent", "name"], name="library_category_name_once"
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("materials:category", args=[self.pk])

    def ancestors(self):
        """From the library's top folder down to this one's parent."""
        chain, seen, node = [], {self.pk}, self.parent
        while node is not None and node.pk not in seen:
            chain.append(node)
            seen.add(node.pk)
            node = node.parent
        return list(reversed(chain))
