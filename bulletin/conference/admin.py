"""The administration office's screens for conference boards in the Wagtail admin."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.viewsets.model import ModelViewSet

from ..models import Board


def _staff_label(user):
    profile = user.staff_profile
    return f"{profile.full_name}（{profile.department.name}）"


class BoardAdminForm(WagtailAdminModelForm):
    """Moderators are chosen by name and section; a board is for all staff or some departments."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
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
        return cleaned_data


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
            FieldPanel("slug"),
            FieldPanel("purpose"),
            FieldPanel("all_staff"),
            FieldPanel("departments"),
            FieldPanel("moderators"),
            FieldPanel("anonymity"),
            FieldPanel("edit_window_minutes"),
            FieldPanel("retention_months"),
            FieldPanel("sort_order"),
        ],
        base_form_class=BoardAdminForm,
    )
