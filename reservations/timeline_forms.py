"""The timeline's filters and the 「空き会議室を探す」 form: what was asked, checked in Japanese."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from intranet import dates
from intranet.forms import ModelMultipleChoiceField

from .models import Feature, Resource


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", attrs={"step": 900}, **kwargs)


def date_field(label, required=True):
    return dates.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        error_messages={
            "invalid": gettext_lazy("Enter the date as year-month-day, for example 2026-11-30."),
            "required": gettext_lazy("Enter the date."),
        },
    )


def group_choice_field(label, choices, empty_label):
    return forms.TypedChoiceField(
        label=label,
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", empty_label), *choices],
        error_messages={
            "invalid_choice": gettext_lazy(
                "That building or floor does not exist. Choose one from the list."
            )
        },
    )


class TimelineFilterForm(forms.Form):
    """``?date=&group=&kind=`` of the day timeline; anything wrong falls back to today."""

    date = date_field(gettext_lazy("Date"), required=False)
    group = forms.TypedChoiceField(label=gettext_lazy("Building or floor"))
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        required=False,
        choices=Resource.Kind.choices,
        error_messages={
            "invalid_choice": gettext_lazy("Choose meeting rooms, equipment or vehicles.")
        },
    )

    def __init__(self, data, *, tree):
        super().__init__(data)
        self.fields["group"] = group_choice_field(
            gettext_lazy("Building or floor"), tree.choices(), _("All buildings")
        )

    def values(self):
        """(day, group id, kind): the valid ones asked for, the defaults for the rest."""
        self.is_valid()  # the fields in error are left out of cleaned_data
        cleaned = self.cleaned_data
        return (
            cleaned.get("date") or timezone.localdate(),
            cleaned.get("group"),
            cleaned.get("kind") or Resource.Kind.ROOM,
        )


class FindRoomForm(forms.Form):
    """「空き会議室を探す」: a day, a span, seats, features and a building."""

    date = date_field(gettext_lazy("Date"))
    starts = forms.TimeField(
        label=pgettext_lazy("booking time", "From"),
        widget=TimeInput(),
        error_messages={
            "invalid": gettext_lazy("Enter the start time as hour:minute, for example 10:00."),
            "required": gettext_lazy("Enter the start time."),
        },
    )
    ends = forms.TimeField(
        label=pgettext_lazy("booking time", "Until"),
        widget=TimeInput(),
        error_messages={
            "invalid": gettext_lazy("Enter the end time as hour:minute, for example 11:30."),
            "required": gettext_lazy("Enter the end time."),
        },
    )
    seats = forms.IntegerField(
        label=gettext_lazy("At least this many seats"),
        required=False,
        min_value=1,
        max_value=10_000,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": gettext_lazy("Enter the number of seats in digits, for example 8."),
            "min_value": gettext_lazy("Enter 1 or more seats, or leave it empty."),
            "max_value": gettext_lazy("No room seats that many. Enter a smaller number."),
        },
    )
    features = ModelMultipleChoiceField(
        label=gettext_lazy("Features"),
        queryset=Feature.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": gettext_lazy(
                "One of the chosen features does not exist. Choose from the list."
            ),
            "invalid_pk_value": gettext_lazy(
                "One of the chosen features does not exist. Choose from the list."
            ),
        },
    )
    building = forms.TypedChoiceField(label=gettext_lazy("Building"))

    def __init__(self, data=None, *, tree, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["building"] = group_choice_field(
            gettext_lazy("Building"),
            [(group.pk, group.name) for group in tree.buildings()],
            _("Any building"),
        )

    def clean(self):
        cleaned = super().clean()
        day, starts, ends = cleaned.get("date"), cleaned.get("starts"), cleaned.get("ends")
        if starts is not None and ends is not None:
            if ends == starts:
                self.add_error(
                    "ends", _("The span has no length: make the end later than the start.")
                )
            elif ends < starts:
                self.add_error(
                    "ends", _("The end is before the start: make the end later than the start.")
                )
        if day is not None and starts is not None and ends is not None and ends > starts:
            start = timezone.make_aware(datetime.datetime.combine(day, starts))
            if start < timezone.now():
                self.add_error(
                    "date", _("That time has already begun: search for a time still to come.")
                )
        return cleaned
