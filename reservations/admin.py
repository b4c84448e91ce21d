"""The administration office's admin screens for what can be booked.

One 「施設予約」 menu groups, in the order the office needs them: the
resources (rooms, equipment, vehicles), their blackout periods (工事, 点検),
the buildings and floors, and the features a room offers. Django model
permissions granted in ``setup`` decide who sees them (事務局, システム管理者).
"""

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.forms.models import formfield_for_dbfield
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from . import suspensions
from .models import Blackout, Feature, Resource, ResourceGroup
from .models.resources import WEEKDAY_NAMES
from .services import format_span

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


class CoveredBookingsConfirmation:
    """Before a blackout period is saved over bookings, list them and save only when confirmed.

    A valid form whose period covers bookings not yet told comes back once
    with those bookings (resource, time, booker) and a 保存 button that
    carries the list the office saw; nothing is saved until then. If the
    list changed meanwhile (the form's times, or a new booking), it is shown
    again. Saving marks the bookings and tells their people in the same
    transaction (``suspensions.apply``).
    """

    CONFIRM_FIELD = "confirm_covered_bookings"
    covered = None

    def form_valid(self, form):
        covered = suspensions.covered_bookings(form.instance)
        told = suspensions.already_told(form.instance)
        confirmed = self.request.POST.get(self.CONFIRM_FIELD)
        if any(b.pk not in told for b in covered) and confirmed != suspensions.fingerprint(covered):
            self.form = form
            self.covered = [
                (booking, format_span(booking.starts_at, booking.ends_at), booking.pk not in told)
                for booking in covered
            ]
            return self.render_to_response(self.get_context_data(form=form))
        return super().form_valid(form)

    def save_instance(self):
        instance = super().save_instance()
        suspensions.apply(instance)
        return instance

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.covered is not None:
            context["covered_bookings"] = self.covered
            context["confirm_field"] = self.CONFIRM_FIELD
            context["confirm_value"] = suspensions.fingerprint(row[0] for row in self.covered)
            context["submit_button_label"] = _("Save and tell their people")
        return context


class BlackoutCreateView(CoveredBookingsConfirmation, generic.CreateView):
    pass


class BlackoutEditView(CoveredBookingsConfirmation, generic.EditView):
    pass


class BlackoutDeleteView(generic.DeleteView):
    """Deleting a period takes its marks off: the bookings' calendar copies are updated."""

    def delete_action(self):
        with transaction.atomic():
            suspensions.release(self.object)
            super().delete_action()


class BlackoutViewSet(ModelViewSet):
    """利用停止期間: saving one over bookings lists them first, then marks them and tells."""

    model = Blackout
    icon = "warning"
    menu_label = _("Blackout periods")
    menu_order = 200
    add_view_class = BlackoutCreateView
    edit_view_class = BlackoutEditView
    delete_view_class = BlackoutDeleteView
    create_template_name = edit_template_name = "reservations/admin/blackout_form.html"
    list_display = ["resource", "starts_at", "ends_at", "reason"]
    list_filter = ["resource"]
    search_fields = ["reason"]
    ordering = ["-starts_at"]
    form_fields = ["resource", "starts_at", "ends_at", "reason"]

    def formfield_for_dbfield(self, db_field, **kwargs):
        """Wagtail's admin widgets for each field: its date-and-time picker for 開始・終了."""
        return formfield_for_dbfield(db_field, **kwargs)


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
