"""The administration office's screens for conference boards in the Wagtail admin."""

from django import forms
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.viewsets.model import ModelViewSet

from ..models import Board
from . import services


def _staff_label(user):
    profile = user.staff_profile
    return f"{profile.full_name}（{profile.department.name}）"


class BoardAdminForm(WagtailAdminModelForm):
    """Moderators are chosen by name and section; a board is for all staff or some departments.

    Turning a traceable board untraceable erases who wrote its earlier
    anonymous posts (``services.anonymity_saved``): the form says how many
    and asks for a tick before it does.
    """

    confirm_untraceable = forms.BooleanField(
        label=_("Erase the stored authors of earlier anonymous posts"),
        required=False,
        help_text=_(
            "Needed when a board where moderators can see who posted anonymously becomes one "
            "where nobody can: the stored authors of its earlier anonymous posts are erased "
            "for good, and moderators no longer see them. A switch back applies only to posts "
            "made after it."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["anonymity"].help_text = _(
            "Changing this to 「Anonymous posts allowed; nobody can see who posted」 "
            "erases the stored authors of the board's earlier anonymous posts."
        )
        moderators = self.fields["moderators"]
        moderators.queryset = (
            get_user_model()
            .objects.filter(is_active=True, staff_profile__isnull=False)
            .select_related("staff_profile__department")
            .order_by("staff_profile__full_name_kana")
        )
        moderators.label_from_instance = _staff_label

    def clean(self):
        cleaned_data = super().clean()
        if not cleaned_data.get("all_staff") and not cleaned_data.get("departments"):
            raise forms.ValidationError(
                _("Choose the departments that take part, or open the board to all staff.")
            )
        self._check_erasure_confirmed(cleaned_data)
        return cleaned_data

    def _stored_anonymity(self):
        if self.instance.pk is None:
            return None
        return Board.objects.values_list("anonymity", flat=True).get(pk=self.instance.pk)

    def _check_erasure_confirmed(self, cleaned_data):
        if cleaned_data.get("anonymity") != Board.Anonymity.UNTRACEABLE:
            return
        if self._stored_anonymity() in (None, Board.Anonymity.UNTRACEABLE):
            return
        traced = services.traced_posts(self.instance).count()
        if traced and not cleaned_data.get("confirm_untraceable"):
            self.add_error(
                "confirm_untraceable",
                gettext(
                    "This board has %(count)d anonymous posts whose authors moderators can see. "
                    "Making it untraceable erases those authors for good. Tick the box to go on."
                )
                % {"count": traced},
            )

    def save(self, commit=True):
        """Save the board; on becoming untraceable, erase what it promises nobody knows."""
        if not commit:
            return super().save(commit=False)
        with transaction.atomic():
            previous = (
                services.lock_anonymity(self.instance) if self.instance.pk is not None else None
            )
            board = super().save()
            services.anonymity_saved(board, previous)
        return board


class BoardViewSet(ModelViewSet):
    model = Board
    icon = "group"
    menu_label = _("Conference boards")
    add_to_admin_menu = True
    menu_order = 420
    list_display = [
        "name",
        BooleanColumn("all_staff", label=_("open to all staff")),
        "anonymity",
        "sort_order",
    ]
    search_fields = ["name", "purpose"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("purpose"),
            FieldPanel("all_staff"),
            FieldPanel("departments"),
            FieldPanel("moderators"),
            FieldPanel("anonymity"),
            FieldPanel("confirm_untraceable"),
            FieldPanel("edit_window_minutes"),
            FieldPanel("retention_months"),
            FieldPanel("sort_order"),
        ],
        base_form_class=BoardAdminForm,
    )
