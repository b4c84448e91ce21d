"""The organisation every app leans on: departments, staff and the home page."""

import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from .dashboard import panels_for
from .kana import normalize_for_lookup, to_hiragana


def lookup_text_for(department_name):
    """A department's name and its reading, folded for lookup: 「市民課 しみんか」.

    Staff type a section as they say it (しみん, シミン): the picker matches
    what they type against the reading too. The reading is Sudachi's, the one
    the search pipeline indexes.
    """
    from search.text import reading

    name = normalize_for_lookup(department_name)
    spoken = normalize_for_lookup(reading(department_name))
    return name if spoken == name else f"{name} {spoken}"


class Department(models.Model):
    """A 部 or a 課: the organisation as a tree (部 at the top, 課 below)."""

    class Kind(models.TextChoices):
        BU = "bu", _("Department (bu)")
        KA = "ka", _("Section (ka)")

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=2, choices=Kind.choices, default=Kind.KA)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    extension_from = models.PositiveIntegerField(_("first extension number"), null=True, blank=True)
    extension_to = models.PositiveIntegerField(_("last extension number"), null=True, blank=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)
    # The name and its reading, folded as typed names are (see ``lookup_text_for``).
    lookup_text = models.CharField(max_length=400, editable=False, default="")

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["sort_order", "code"]

    def __str__(self):
        if self.parent_id:
            return f"{self.parent.name} {self.name}"
        return self.name

    def save(self, *args, **kwargs):
        self.lookup_text = lookup_text_for(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "lookup_text"}
        super().save(*args, **kwargs)

    def clean(self):
        if (
            self.extension_from is not None
            and self.extension_to is not None
            and self.extension_from > self.extension_to
        ):
            raise ValidationError(
                {"extension_to": _("The last extension number must not be below the first.")}
            )
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": _("A department cannot be its own ancestor.")})
            ancestor = ancestor.parent

    def descendant_ids(self):
        """This department's id and the ids of every department below it."""
        ids = [self.pk]
        frontier = [self.pk]
        while frontier:
            frontier = list(
                Department.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)
            )
            ids.extend(frontier)
        return ids

    def is_within(self, other):
        """True when this department is ``other`` or lies below it."""
        node = self
        while node is not None:
            if node.pk == other.pk:
                return True
            node = node.parent
        return False


class StaffProfile(models.Model):
    """What the city knows of a staff member (職員) beyond their login."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="staff_profile",
    )
    staff_number = models.CharField(_("staff number"), max_length=20, unique=True)
    full_name = models.CharField(_("full name"), max_length=100)
    full_name_kana = models.CharField(
        _("full name reading"),
        max_length=100,
        help_text=_("In hiragana or katakana, e.g. やまだ たろう."),
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="staff",
    )
    extension = models.CharField(_("extension"), max_length=10, blank=True)
    job_title = models.CharField(_("job title"), max_length=50, blank=True)
    lookup_text = models.CharField(max_length=250, editable=False, db_index=True, default="")

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")
        ordering = ["department__sort_order", "department__code", "full_name_kana"]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        # Readings are kept in hiragana so that a search typed in either kana
        # (or in half-width katakana) finds the same person.
        self.full_name_kana = to_hiragana(unicodedata.normalize("NFKC", self.full_name_kana))
        self.lookup_text = " ".join(
            [normalize_for_lookup(self.full_name), normalize_for_lookup(self.full_name_kana)]
        )
        super().save(*args, **kwargs)


CHAIN_JOINED = 2  # departments read with the staff profile: the 課 and its 部


def department_chain(user):
    """Ids of the user's department and of every department above it, own first.

    What "sent to my department" means everywhere: a notice or a board for a
    部 reaches the sections below it. Kept on the user object for the request.
    """
    cached = getattr(user, "_department_chain", None)
    if cached is not None:
        return cached
    if user.is_authenticated:
        # The profile with the departments above it in one query (a deeper tree asks on).
        models.prefetch_related_objects(
            [user],
            models.Prefetch(
                "staff_profile",
                queryset=StaffProfile.objects.select_related(
                    *(f"department{'__parent' * depth}" for depth in range(CHAIN_JOINED))
                ),
            ),
        )
    profile = getattr(user, "staff_profile", None) if user.is_authenticated else None
    chain, department = [], profile.department if profile is not None else None
    while department is not None:
        chain.append(department.pk)
        department = department.parent
    user._department_chain = chain
    return chain


class HomePage(Page):
    """The staff member's start page: a dashboard of panels registered by each app."""

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["panels"] = panels_for(request)
        return context


class Notification(models.Model):
    """A message for one staff member, shown under the bell until read."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    message = models.CharField(_("message"), max_length=300)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self):
        return self.message


class UserStamp(models.Model):
    """A user's mark (at ``EVERYONE``, everyone's), renewed by a change (``intranet.stamps``)."""

    EVERYONE = 0

    user_id = models.PositiveBigIntegerField(primary_key=True)
    value = models.BigIntegerField()

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.user_id}: {self.value}"


class MenuStamp(UserStamp):
    """A mark that changes whenever what decides a user's menu changes.

    The menu (``navigation.nav_links_for``) asks the user's permissions and
    which FAQ home page they may open: five queries on every page. So it is
    kept in the cache under the stamps it was worked out at
    (``intranet.menu_stamps``). The row of ``user_id`` is that user's (groups,
    permissions, superuser or active state); the row of ``EVERYONE`` (0) is
    everyone's (groups' permissions, page restrictions, the page tree, sites).
    A change gives the row a new random value in the same transaction, so
    every server process sees it on its next page.
    """

    class Meta:
        verbose_name = _("menu stamp")
        verbose_name_plural = _("menu stamps")


# Models that live beside their code: files of a form that came back, kept for
# the next post (intranet/held_uploads.py); the personal-data guard's (intranet/privacy/).
from .held_uploads import HeldUpload  # noqa: E402, F401
from .privacy.models import PrivacyOverride  # noqa: E402, F401
