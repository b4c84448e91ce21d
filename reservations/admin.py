"""The administration office's admin screens for what can be booked.

One 「施設予約」 menu groups, in the order the office needs them: the
resources (rooms, equipment, vehicles), their blackout periods (工事, 点検),
the buildings and floors, and the features a room offers. Django model
permissions granted in ``setup`` decide who sees them (事務局, システム管理者).
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from .models import Blackout, Feature, Resource, ResourceGroup
from .models.resources import WEEKDAY_NAMES

WEEKDAY_CHOICES = [(str(number), f"{name}曜日") for number, name in enumerate(WEEKDAY_NAMES)]


class ResourceAdminForm(WagtailAdminModelForm):
    """Features and bookable days as checkboxes; the days are kept as digits ("01234")."""

    bookable_weekdays = forms.MultipleChoiceField(
        label=_("bookable days"),
        choices=WEEKDAY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick at least one day on which it can be booked.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["bookable_weekdays"] = list(self.instance.bookable_weekdays or "")
        features = self.fields["features"]
        features.widget = forms.CheckboxSelectMultiple(choices=features.choices)

    def clean_bookable_weekdays(self):
        return "".join(sorted(set(self.cleaned_data["bookable_weekdays"])))

    def clean(self):
        cleaned_data = super().clean()
        kind = cleaned_data.get("kind")
        if kind == Resource.Kind.ROOM and not cleaned_data.get("capacity"):
            self.add_error("capacity", _("Give the number of seats of a meeting room."))
        return cleaned_data


class ResourceViewSet(ModelViewSet):
    model = Resource
    icon = "home"
    menu_label = _("Resources")
    menu_order = 100
    list_display = [
        "name",
        "kind",
        Column("group", label=_("building and floor")),
        "capacity",
        Column("owner", label=_("owning department")),
        BooleanColumn("requires_approval", label=_("bookings need approval")),
        BooleanColumn("is_active", label=_("active")),
    ]
    list_filter = ["kind", "group", "is_active"]
    search_fields = ["name"]
    ordering = ["kind", "sort_order", "name"]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("kind"),
                    FieldPanel("name"),
                    FieldPanel("group"),
                    FieldPanel("location"),
                    FieldPanel("capacity"),
                    FieldPanel("features"),
                    FieldPanel("description"),
                    FieldPanel("owner"),
                ],
                heading=_("What it is and who keeps it"),
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                    FieldPanel("bookable_weekdays"),
                    FieldPanel("open_on_closed_days"),
                    FieldPanel("max_duration"),
                    FieldPanel("booking_window_days"),
                    FieldPanel("weekly_quota"),
                    FieldPanel("requires_approval"),
                ],
                heading=_("Booking rules"),
            ),
            FieldPanel("publishes_bookings"),
            FieldPanel("is_active"),
            FieldPanel("sort_order"),
        ],
        base_form_class=ResourceAdminForm,
    )


class BlackoutViewSet(ModelViewSet):
    model = Blackout
    icon = "warning"
    menu_label = _("Blackout periods")
    menu_order = 200
    list_display = ["resource", "starts_at", "ends_at", "reason"]
    list_filter = ["resource"]
    search_fields = ["reason"]
    ordering = ["-starts_at"]
    form_fields = ["resource", "starts_at", "ends_at", "reason"]


class ResourceGroupViewSet(ModelViewSet):
    """庁舎 and the フロア inside them: a floor names its building as its parent."""

    model = ResourceGroup
    icon = "folder-open-inverse"
    menu_label = _("Buildings and floors")
    menu_order = 300
    list_display = [
        Column("__str__", label=_("building and floor")),
        Column("parent", label=_("parent group")),
        "sort_order",
    ]
    search_fields = ["name"]
    form_fields = ["name", "parent", "sort_order"]


class FeatureViewSet(ModelViewSet):
    model = Feature
    icon = "list-ul"
    menu_label = _("Features")
    menu_order = 400
    list_display = ["name", "sort_order"]
    search_fields = ["name"]
    form_fields = ["name", "sort_order"]


class ReservationsViewSetGroup(ViewSetGroup):
    menu_label = _("Room booking")
    menu_icon = "date"
    menu_order = 320
    items = (
        ResourceViewSet("reservation_resources"),
        BlackoutViewSet("reservation_blackouts"),
        ResourceGroupViewSet("reservation_groups"),
        FeatureViewSet("reservation_features"),
    )
