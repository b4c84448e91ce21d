"""The booking form (with its repetition), the change form, cancelling, a vehicle's return.

The forms check what a form can see (a date that exists, a time on the
15-minute grid, the fields a vehicle needs, a repetition that ends) and
explain it beside the field; every booking rule that depends on the resource
and on other bookings is checked by ``services`` when the booking is made.
"""

import datetime
from functools import cached_property

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Case, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from intranet import dates
from intranet.forms import BIGGEST_ID, DateTimeLocalInput, ModelMultipleChoiceField
from intranet.models import Department, department_chain
from intranet.staff_picker import StaffPickerField, staff_queryset

from . import recurrence, services
from .models import Booking, BookingSeries, Resource

STEP_MINUTES = 15
WEEKDAY_CHOICES = [(str(number), f"{name}曜日") for number, name in enumerate("月火水木金土日")]
QUERY_FORMAT = "%Y-%m-%dT%H:%M"
# Rooms first, then equipment, then vehicles, as people look for them.
KIND_ORDER = Case(
    When(kind=Resource.Kind.ROOM, then=Value(0)),
    When(kind=Resource.Kind.EQUIPMENT, then=Value(1)),
    default=Value(2),
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        attrs = {"step": STEP_MINUTES * 60, **kwargs.pop("attrs", {})}
        super().__init__(format="%H:%M", attrs=attrs, **kwargs)


def _date_field(label, **kwargs):
    return dates.DateField(
        label=label,
        widget=DateInput(),
        error_messages={
            "required": gettext_lazy("Choose the date."),
            "invalid": gettext_lazy("Enter the date as year-month-day, e.g. 2026-12-01."),
        },
        **kwargs,
    )


def _time_field(label):
    return forms.TimeField(
        label=label,
        widget=TimeInput(),
        input_formats=["%H:%M", "%H:%M:%S"],
        error_messages={
            "required": gettext_lazy("Enter the time."),
            "invalid": gettext_lazy("Enter the time as hours:minutes, e.g. 10:30."),
        },
    )


class ResourceSelect(forms.Select):
    """Each option says its kind (``data-kind``), so the form shows only the fields that fit."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        resource = getattr(value, "instance", None)
        if resource is not None:
            option["attrs"]["data-kind"] = resource.kind
        return option


class ResourceChoiceField(forms.ModelChoiceField):
    """A bookable resource; an inactive one is named and refused in the service's words."""

    widget = ResourceSelect

    def label_from_instance(self, resource):
        where = resource.group or resource.location
        label = f"{resource.name}（{resource.get_kind_display()}"
        if resource.capacity and resource.kind == Resource.Kind.ROOM:
            label += _("・%(capacity)d seats") % {"capacity": resource.capacity}
        if where:
            label += f"・{where}"
        return label + "）"

    def to_python(self, value):
        try:
            return super().to_python(value)
        except forms.ValidationError:
            text = str(value).strip()
            if text.isdigit() and int(text) <= BIGGEST_ID:
                inactive = Resource.objects.filter(pk=int(text), is_active=False).first()
                if inactive is not None:
                    raise forms.ValidationError(
                        _("%(resource)s is not taking bookings at present.")
                        % {"resource": inactive.name},
                        code="inactive",
                    ) from None
            raise


class StaffChoiceMixin:
    def label_from_instance(self, user):
        profile = getattr(user, "staff_profile", None)
        return profile.full_name if profile is not None else user.get_username()


class StaffChoiceField(StaffChoiceMixin, forms.ModelChoiceField):
    pass


def colleagues(user, *, also=()):
    """Active staff of the user's own section (and ``also``, already chosen), by reading."""
    profile = getattr(user, "staff_profile", None)
    condition = Q(pk__in=[person.pk for person in also if person is not None])
    if profile is not None:
        condition |= Q(staff_profile__department_id=profile.department_id, is_active=True)
    return (
        get_user_model()
        .objects.filter(condition)
        .select_related("staff_profile")
        .order_by("staff_profile__full_name_kana", "pk")
    )


def initial_from_query(params, *, problems=None):
    """What a link prefills (``resource``, ``start``, ``end``, ``attendees``, ``attendee_count``);
    bad values are dropped.

    Why a date or time was dropped goes into ``problems``, a list, when one is given.
    """
    initial = {}
    text = str(params.get("resource", "")).strip()
    if text.isdigit() and int(text) <= BIGGEST_ID:
        resource = Resource.objects.active().filter(pk=int(text)).first()
        if resource is not None:
            initial["resource"] = resource.pk
    (start, start_problem), (end, end_problem) = (
        dates.query_datetime(params.get("start")),
        dates.query_datetime(params.get("end")),
    )
    if problems is not None:
        problems.extend(dict.fromkeys(filter(None, [start_problem, end_problem])))
    if start is not None:
        initial["date"] = start.date()
        initial["start_time"] = start.time()
        if end is not None and end.date() == start.date() and end > start:
            initial["end_time"] = end.time()
    # 「空き時間を探す」 hands over the colleagues it searched with and the headcount.
    getlist = getattr(params, "getlist", None)
    ids = getlist("attendees") if getlist else []
    attendees = [int(text) for text in ids if text.isdigit() and int(text) <= BIGGEST_ID]
    if attendees:
        initial["attendees"] = attendees
    count = str(params.get("attendee_count", "")).strip()
    if count.isdigit() and 1 <= int(count) <= 9999:
        initial["attendee_count"] = int(count)
    return initial


class BookingDetailsForm(forms.Form):
    """What one booking is: resources, time, title and the rest; shared by booking and changing."""

    resource = ResourceChoiceField(
        label=gettext_lazy("Room, equipment or vehicle"),
        queryset=Resource.objects.none(),
        empty_label=gettext_lazy("Choose…"),
        error_messages={
            "required": gettext_lazy("Choose a room, item of equipment or vehicle."),
            "invalid_choice": gettext_lazy(
                "That choice is not in the list. Choose a room, item of equipment or vehicle "
                "from the list."
            ),
        },
    )
    equipment = ModelMultipleChoiceField(
        label=gettext_lazy("Equipment to take into the room"),
        queryset=Resource.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Booked together with the room: both or neither."),
        error_messages={
            "invalid_choice": gettext_lazy("Choose equipment from the list."),
            "invalid_pk_value": gettext_lazy("Choose equipment from the list."),
        },
    )
    date = _date_field(gettext_lazy("Date"))
    start_time = _time_field(pgettext_lazy("booking time", "From"))
    end_time = _time_field(pgettext_lazy("booking time", "Until"))
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=100,
        error_messages={"required": gettext_lazy("Enter a title, e.g. 庁内調整会議.")},
    )
    purpose = forms.CharField(
        label=gettext_lazy("Purpose"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    attendee_count = forms.IntegerField(
        label=gettext_lazy("Number of attendees"),
        min_value=1,
        max_value=9999,
        initial=1,
        error_messages={
            "required": gettext_lazy("Enter the number of attendees."),
            "invalid": gettext_lazy("Enter the number of attendees in digits."),
            "min_value": gettext_lazy("At least one person attends."),
            "max_value": gettext_lazy("Enter at most 9999 attendees."),
        },
    )
    department = forms.ModelChoiceField(
        label=gettext_lazy("On behalf of"),
        queryset=Department.objects.none(),
        empty_label=None,
        required=False,
        error_messages={
            "required": gettext_lazy("Choose the department the booking is for."),
            "invalid_choice": gettext_lazy(
                "Choose your own section or a department above it from the list."
            ),
        },
    )
    attendees = StaffPickerField(
        label=gettext_lazy("Participants"),
        required=False,
        help_text=gettext_lazy("The booking appears in their schedules too."),
    )
    destination = forms.CharField(
        label=gettext_lazy("Destination (vehicles)"), required=False, max_length=200
    )
    driver = StaffChoiceField(
        label=gettext_lazy("Driver (vehicles)"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=gettext_lazy("Choose…"),
        error_messages={
            "invalid_choice": gettext_lazy("Choose the driver from your section's staff.")
        },
    )

    def __init__(self, *args, user, booking=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.booking = booking
        chosen_attendees = list(booking.attendees.all()) if booking else []
        driver = booking.driver if booking else None
        self.fields["resource"].queryset = (
            Resource.objects.active()
            .select_related("group__parent")
            .annotate(kind_order=KIND_ORDER)
            .order_by(
                "kind_order", "group__parent__sort_order", "group__sort_order", "sort_order", "name"
            )
        )
        self.fields["equipment"].queryset = Resource.objects.active().filter(
            kind=Resource.Kind.EQUIPMENT
        )
        departments = Q(pk__in=department_chain(user))
        if booking is not None:
            departments |= Q(pk=booking.department_id)
        self.fields["department"].queryset = Department.objects.filter(departments)
        attendees = self.fields["attendees"].for_user(user)
        attendees.queryset = staff_queryset(also=chosen_attendees).exclude(pk=user.pk)
        self.fields["driver"].queryset = colleagues(user, also=[driver])
        profile = getattr(user, "staff_profile", None)
        if profile is not None:
            self.initial.setdefault("department", profile.department_id)

    @cached_property
    def chosen_kind(self):
        """The kind of the resource chosen (posted, or prefilled from the timeline), or None."""
        value = self["resource"].value()
        value = getattr(value, "pk", value)
        try:
            pk = int(value)
        except (TypeError, ValueError):
            return None
        if not 0 < pk <= BIGGEST_ID:
            return None
        return self.fields["resource"].queryset.filter(pk=pk).values_list("kind", flat=True).first()

    def _fits(self, kind, *names):
        """Whether fields meant for ``kind`` are shown: always when nothing is chosen yet,
        and whenever one of them carries an error to read."""
        if self.chosen_kind in (None, kind):
            return True
        return self.is_bound and any(self.errors.get(name) for name in names)

    @property
    def shows_equipment(self):
        """Equipment rides along with a meeting room only."""
        return self._fits(Resource.Kind.ROOM, "equipment")

    @property
    def shows_vehicle_fields(self):
        """Destination and driver are asked of a vehicle only."""
        return self._fits(Resource.Kind.VEHICLE, "destination", "driver")

    def clean_title(self):
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise forms.ValidationError(_("Enter a title, e.g. 庁内調整会議."))
        return title

    def clean_department(self):
        """Left out of the post, the booking is for the booker's own section."""
        department = self.cleaned_data.get("department")
        if department is None:
            profile = getattr(self.user, "staff_profile", None)
            if profile is None:
                raise forms.ValidationError(_("Choose the department the booking is for."))
            department = profile.department
        return department

    def _clean_step(self, name):
        moment = self.cleaned_data.get(name)
        if moment is not None and (moment.minute % STEP_MINUTES or moment.second):
            raise forms.ValidationError(
                _("Choose a time in 15-minute steps, e.g. 10:00, 10:15, 10:30 or 10:45.")
            )
        return moment

    def clean_start_time(self):
        return self._clean_step("start_time")

    def clean_end_time(self):
        return self._clean_step("end_time")

    def clean(self):
        cleaned = super().clean()
        resource = cleaned.get("resource")
        extras = cleaned.get("equipment") or []
        if resource is not None and extras and resource.kind != Resource.Kind.ROOM:
            self.add_error(
                "equipment",
                _("Equipment can be added to a meeting room only. Book each item on its own."),
            )
        if resource is not None and resource.kind == Resource.Kind.VEHICLE:
            if not cleaned.get("destination", "").strip():
                self.add_error("destination", _("Enter where the vehicle is going."))
            if not cleaned.get("driver") and "driver" not in self.errors:
                self.add_error("driver", _("Choose who drives the vehicle."))
        span = self.span()
        if span is not None:
            start, end = span
            problems = services.span_problems(start, end)
            if problems:
                self.add_error("end_time" if end <= start else "start_time", problems)
        return cleaned

    def span(self):
        """The booking's (start, end) in Asia/Tokyo, or None while the date or a time is missing."""
        data = self.cleaned_data
        day, start, end = data.get("date"), data.get("start_time"), data.get("end_time")
        if day is None or start is None or end is None:
            return None
        tz = timezone.get_current_timezone()
        return (
            timezone.make_aware(datetime.datetime.combine(day, start), tz),
            timezone.make_aware(datetime.datetime.combine(day, end), tz),
        )

    def resources(self):
        data = self.cleaned_data
        chosen = [data["resource"]]
        chosen.extend(item for item in data.get("equipment") or [] if item != data["resource"])
        return chosen

    def details(self):
        """The fields of the booking itself, as ``services.move`` takes them."""
        data = self.cleaned_data
        vehicle = data["resource"].kind == Resource.Kind.VEHICLE
        return {
            "title": data["title"],
            "purpose": data.get("purpose", ""),
            "attendee_count": data["attendee_count"],
            "department": data["department"],
            "destination": data.get("destination", "").strip() if vehicle else "",
            "driver": data.get("driver") if vehicle else None,
        }

    def draft(self, owner=None):
        details = self.details()
        return services.BookingDraft(
            user=owner or self.user,
            resources=self.resources(),
            attendees=list(self.cleaned_data.get("attendees") or []),
            **details,
        )


class BookingForm(BookingDetailsForm):
    """A new booking, once or repeating."""

    NO_REPEAT = ""

    repeat = forms.ChoiceField(
        label=gettext_lazy("Repeat"),
        required=False,
        choices=[(NO_REPEAT, gettext_lazy("Does not repeat")), *BookingSeries.Frequency.choices],
        widget=forms.RadioSelect,
        initial=NO_REPEAT,
        error_messages={"invalid_choice": gettext_lazy("Choose how the booking repeats.")},
    )
    interval = forms.IntegerField(
        label=gettext_lazy("Every"),
        min_value=1,
        max_value=12,
        initial=1,
        required=False,
        help_text=gettext_lazy("1 for every day, week or month; 2 for every other one."),
        error_messages={
            "invalid": gettext_lazy("Enter a whole number from 1 to 12."),
            "min_value": gettext_lazy("Enter a whole number from 1 to 12."),
            "max_value": gettext_lazy("Enter a whole number from 1 to 12."),
        },
    )
    weekdays = forms.MultipleChoiceField(
        label=gettext_lazy("On (weekly)"),
        choices=WEEKDAY_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Left empty: the weekday of the first date."),
        error_messages={"invalid_choice": gettext_lazy("Choose weekdays from the list.")},
    )
    repeat_until = _date_field(
        gettext_lazy("Repeat until"),
        required=False,
    )
    repeat_count = forms.IntegerField(
        label=gettext_lazy("Or this many times"),
        required=False,
        min_value=2,
        max_value=recurrence.MAX_OCCURRENCES,
        error_messages={
            "invalid": gettext_lazy("Enter the number of times in digits."),
            "min_value": gettext_lazy("A repetition takes place at least twice."),
            "max_value": gettext_lazy("A booking can repeat at most 100 times."),
        },
    )
    skip_closed_days = forms.BooleanField(
        label=gettext_lazy("Leave out public holidays and the year-end closure (12/29–1/3)"),
        required=False,
        initial=True,
    )
    # Set by the button 「残りの◯件を予約する」 on the page that lists refused dates.
    book_available = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def rule(self):
        """The repetition as a ``recurrence.Rule``, or None for a single booking."""
        data = self.cleaned_data
        if not data.get("repeat"):
            return None
        return recurrence.Rule(
            frequency=data["repeat"],
            interval=data.get("interval") or 1,
            weekdays="".join(sorted(data.get("weekdays") or [])),
            until=data.get("repeat_until"),
            count=data.get("repeat_count"),
            skip_closed_days=bool(data.get("skip_closed_days")),
        )

    def clean(self):
        cleaned = super().clean()
        self.expansion = None
        span = self.span()
        if span is None or self.errors or not cleaned.get("repeat"):
            return cleaned
        try:
            self.expansion = recurrence.expand(self.rule(), *span)
        except recurrence.RecurrenceError as error:
            self.add_error(error.field, error.message)
        return cleaned


def scope_field(label, invalid_message):
    """Which occurrences of a series a change or a cancel reaches: this, following, all."""
    return forms.ChoiceField(
        label=label,
        choices=[
            (services.THIS, gettext_lazy("This booking only")),
            (services.FOLLOWING, gettext_lazy("This and all following")),
            (services.ALL, gettext_lazy("Every occurrence still to come")),
        ],
        initial=services.THIS,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": invalid_message},
    )


class ChangeForm(BookingDetailsForm):
    """A booking changed; for an occurrence of a series, which occurrences the change reaches."""

    scope = scope_field(
        gettext_lazy("Bookings to change"), gettext_lazy("Choose which bookings to change.")
    )

    def __init__(self, *args, booking, **kwargs):
        kwargs.setdefault("initial", initial_for(booking))
        super().__init__(*args, user=booking.booked_by, booking=booking, **kwargs)
        if booking.series_id is None:
            del self.fields["scope"]

    def clean(self):
        cleaned = super().clean()
        scope = cleaned.get("scope", services.THIS)
        day = cleaned.get("date")
        if (
            scope != services.THIS
            and day
            and day != timezone.localtime(self.booking.starts_at).date()
        ):
            self.add_error(
                "date",
                _(
                    "Only the times of several occurrences can be changed together; each keeps "
                    "its own date. To move this one to another date, choose 「この予定のみ」."
                ),
            )
        return cleaned


def initial_for(booking):
    """The change form filled with the booking as it stands."""
    start, end = timezone.localtime(booking.starts_at), timezone.localtime(booking.ends_at)
    resources = list(booking.resources.all())
    main = next((item for item in resources if item.kind != Resource.Kind.EQUIPMENT), None)
    main = main or (resources[0] if resources else None)
    return {
        "resource": main.pk if main else None,
        "equipment": [item.pk for item in resources if item != main],
        "date": start.date(),
        "start_time": start.time(),
        "end_time": end.time(),
        "title": booking.title,
        "purpose": booking.purpose,
        "attendee_count": booking.attendee_count,
        "department": booking.department_id,
        "attendees": [person.pk for person in booking.attendees.all()],
        "destination": booking.destination,
        "driver": booking.driver_id,
    }


class CancelForm(forms.Form):
    scope = scope_field(
        gettext_lazy("Bookings to cancel"), gettext_lazy("Choose which bookings to cancel.")
    )

    def __init__(self, *args, booking, **kwargs):
        super().__init__(*args, **kwargs)
        if booking.series_id is None:
            del self.fields["scope"]


class VehicleReturnForm(forms.ModelForm):
    class Meta:
        model = Booking
        fields = ["odometer_start", "odometer_end", "returned_at"]
        field_classes = {"returned_at": dates.DateTimeField}
        widgets = {"returned_at": DateTimeLocalInput()}
        error_messages = {
            "odometer_start": {
                "required": gettext_lazy("Enter the odometer reading at departure."),
                "invalid": gettext_lazy("Enter the odometer reading in whole kilometres."),
            },
            "odometer_end": {
                "required": gettext_lazy("Enter the odometer reading on return."),
                "invalid": gettext_lazy("Enter the odometer reading in whole kilometres."),
            },
            "returned_at": {
                "required": gettext_lazy("Enter when the vehicle came back."),
                "invalid": gettext_lazy("Enter the date and time, e.g. 2026-12-01 17:00."),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.Meta.fields:
            self.fields[name].required = True
        self.fields["returned_at"].input_formats = [QUERY_FORMAT, "%Y-%m-%d %H:%M"]
        if self.instance.returned_at is None:
            self.initial["returned_at"] = timezone.localtime().replace(second=0, microsecond=0)
        if self.instance.odometer_start is None:
            last = services.last_odometer_reading(self.instance)
            if last is not None:
                self.initial["odometer_start"] = last
                self.fields["odometer_start"].help_text = _(
                    "Filled in from the last return (%(reading)s km). Check it against the meter."
                ) % {"reading": f"{last:,}"}

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("odometer_start"), cleaned.get("odometer_end")
        if start is not None and end is not None and end < start:
            self.add_error(
                "odometer_end",
                _(
                    "The reading on return (%(end)s km) is below the reading at departure "
                    "(%(start)s km). Check both numbers."
                )
                % {"end": f"{end:,}", "start": f"{start:,}"},
            )
        returned = cleaned.get("returned_at")
        if returned is not None:
            if returned < self.instance.starts_at:
                self.add_error(
                    "returned_at",
                    _("The vehicle cannot come back before the booking begins (%(when)s).")
                    % {"when": services.format_moment(self.instance.starts_at)},
                )
            elif returned > timezone.now() + datetime.timedelta(minutes=5):
                self.add_error(
                    "returned_at",
                    _("Record the return once the vehicle is back; the time is in the future."),
                )
        return cleaned
