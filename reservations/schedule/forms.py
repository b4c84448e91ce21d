"""The schedule's forms: an entry (予定) and 「空き時間を探す」."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intranet import dates
from intranet.forms import ModelMultipleChoiceField
from intranet.staff_picker import StaffPickerField

from .. import forms as booking_forms
from .. import rules as booking_rules
from ..models import Resource
from ..services import FOLLOWING, THIS
from .services import WEEKDAY_NAMES, EntryData, Repeat, aware, occurrence_on

LONGEST_REPEAT = datetime.timedelta(days=366 * 2)
MOST_TIMES = 100


class FacilityChoiceField(ModelMultipleChoiceField):
    """Rooms and equipment to book with the entry, each labelled with its seats."""

    def label_from_instance(self, resource):
        if resource.kind == Resource.Kind.ROOM and resource.capacity:
            return _("%(name)s (%(capacity)d seats)") % {
                "name": resource.name,
                "capacity": resource.capacity,
            }
        return resource.name


def bookable_facilities():
    """Active rooms and equipment, rooms first (vehicles are booked on their own form)."""
    return (
        Resource.objects.active()
        .filter(kind__in=[Resource.Kind.ROOM, Resource.Kind.EQUIPMENT])
        .select_related("group__parent")
        .order_by("-kind", "group__parent__sort_order", "group__sort_order", "sort_order", "name")
    )


def _time_from_query(value):
    """A time given as HH:MM in the address (from 「空き時間を探す」), or None when unreadable."""
    try:
        return datetime.datetime.strptime(value, "%H:%M").time()
    except ValueError:
        return None


def ids_from_query(values):
    """The digits among repeated query values (?participants=3&participants=8), in order."""
    return [int(value) for value in values if str(value).isdigit()]


class EntryForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=100,
        error_messages={"required": _("Enter a title, e.g. 課内ミーティング.")},
    )
    date = dates.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    all_day = forms.BooleanField(label=_("All day"), required=False)
    start_time = forms.TimeField(
        label=_("Start time"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    end_time = forms.TimeField(
        label=_("End time"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    memo = forms.CharField(
        label=_("Memo"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    private = forms.BooleanField(
        label=_("Private (colleagues see only 「予定あり」)"), required=False
    )
    # The repeat fields speak the booking form's words and offer its choices.
    repeat = forms.ChoiceField(
        label=_("Repeat"),
        choices=[
            (Repeat.NONE, _("Does not repeat")),
            (Repeat.DAILY, _("Every day")),
            (Repeat.WEEKLY, _("Every week")),
            (Repeat.MONTHLY, _("Every month on the same date")),
            (Repeat.MONTHLY_BY_WEEKDAY, _("Every month on the same weekday")),
        ],
        initial=Repeat.NONE,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose how the entry repeats.")},
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=_("On (weekly)"),
        choices=[(str(index), name) for index, name in enumerate(WEEKDAY_NAMES)],
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Left empty: the weekday of the first date."),
        error_messages={"invalid_choice": _("Choose weekdays from the list.")},
    )
    until = dates.DateField(
        label=_("Repeat until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave this and the number of times empty to repeat with no end."),
    )
    count = forms.IntegerField(
        label=_("Or this many times"),
        required=False,
        min_value=2,
        max_value=MOST_TIMES,
        error_messages={
            "invalid": _("Enter the number of times in digits."),
            "min_value": _("A repetition takes place at least twice."),
            "max_value": _("An entry can repeat at most %(count)d times.") % {"count": MOST_TIMES},
        },
    )
    skip_closed_days = forms.BooleanField(
        label=_("Leave out public holidays and the year-end closure (12/29–1/3)"),
        required=False,
        initial=True,
    )
    participants = StaffPickerField(
        label=_("Participants"),
        required=False,
        help_text=_(
            "Any staff member, from any section. The entry shows on their schedules and "
            "they are notified."
        ),
    )
    facilities = FacilityChoiceField(
        label=_("Rooms and equipment to book"),
        queryset=Resource.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Booked with the entry under the booking rules (approval, closed days, clashes)."
        ),
        error_messages={
            "invalid_choice": _("Choose rooms and equipment from the list."),
            "invalid_pk_value": _("Choose rooms and equipment from the list."),
        },
    )
    headcount = forms.IntegerField(
        label=_("Number of people in the room"),
        required=False,
        min_value=1,
        max_value=9999,
        help_text=_("Leave empty to count yourself and the participants."),
        error_messages={"invalid": _("Enter the number of people in digits.")},
    )
    confirm_busy = forms.BooleanField(
        label=_("Save even though some participants are busy"), required=False
    )
    book_available = forms.BooleanField(
        label=_("Book only the dates that can be booked (残りを予約)"), required=False
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.busy = []
        if user is not None:
            # The organiser is there anyway: participants are the others.
            participants = self.fields["participants"]
            participants.queryset = participants.queryset.exclude(pk=user.pk)
        if user is not None and booking_rules.can_book(user):
            self.fields["facilities"].queryset = bookable_facilities()
        else:
            del self.fields["facilities"]
            del self.fields["headcount"]

    @classmethod
    def initial_from_query(cls, params):
        """What 「空き時間を探す」 carries over: participants, seats and the span's times."""
        initial = {}
        participants = ids_from_query(params.getlist("participants"))
        if participants:
            initial["participants"] = participants
        seats = params.get("seats", "")
        if seats.isdigit() and int(seats) >= 1:
            initial["headcount"] = int(seats)
        for name in ("start_time", "end_time"):
            moment = _time_from_query(params.get(name, ""))
            if moment is not None:
                initial[name] = moment
        return initial

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError(_("Enter a title, e.g. 課内ミーティング."))
        return title

    def clean(self):
        data = super().clean()
        day = data.get("date")
        if day is None:
            return data
        if not data.get("all_day"):
            start_time, end_time = data.get("start_time"), data.get("end_time")
            if start_time is None and "start_time" not in self.errors:
                self.add_error(
                    "start_time", _("Enter the start time, or tick 「終日」 for an all-day entry.")
                )
            if end_time is None and "end_time" not in self.errors:
                self.add_error(
                    "end_time", _("Enter the end time, or tick 「終日」 for an all-day entry.")
                )
            if start_time and end_time and end_time <= start_time:
                self.add_error(
                    "end_time",
                    _("The end must be later than the start time %(start)s.")
                    % {"start": f"{start_time:%H:%M}"},
                )
        repeat = data.get("repeat")
        if repeat == Repeat.WEEKLY and not data.get("weekdays"):
            data["weekdays"] = [day.weekday()]
        until = data.get("until")
        if repeat and repeat != Repeat.NONE and until is not None and data.get("count"):
            self.add_error("count", _("Give either an end date or a number of times, not both."))
        elif repeat and repeat != Repeat.NONE and until is not None:
            if until < day:
                self.add_error(
                    "until", _("The last day of the repetition comes before the first day.")
                )
            elif until - day > LONGEST_REPEAT:
                self.add_error("until", _("Repeat for at most two years; choose an earlier day."))
        if data.get("facilities"):
            if data.get("all_day"):
                self.add_error(
                    "facilities",
                    _(
                        "Rooms and equipment are booked by the hour: untick 「終日」 "
                        "and give times."
                    ),
                )
            if repeat and repeat != Repeat.NONE and until is None and "until" not in self.errors:
                self.add_error(
                    "until",
                    _("A repeating entry that books rooms or equipment needs the last day."),
                )
        return data

    def show_busy(self, busy):
        """Participants busy at the entry's time: a warning the user may confirm, not a refusal."""
        self.busy = busy
        if busy and not self.cleaned_data.get("confirm_busy"):
            self.add_error(
                "confirm_busy",
                _("Some participants are busy at that time. Tick this box to save anyway."),
            )
            return False
        return True

    def entry(self):
        data = self.cleaned_data
        day = data["date"]
        if data["all_day"]:
            start = aware(datetime.datetime.combine(day, datetime.time()))
            end = start + datetime.timedelta(days=1)
        else:
            start = aware(datetime.datetime.combine(day, data["start_time"]))
            end = aware(datetime.datetime.combine(day, data["end_time"]))
        return EntryData(
            title=data["title"],
            start=start,
            end=end,
            all_day=data["all_day"],
            place=data["place"].strip(),
            memo=data["memo"].strip(),
            private=data["private"],
            repeat=data["repeat"],
            weekdays=data["weekdays"] if data["repeat"] == Repeat.WEEKLY else [],
            until=data["until"] if data["repeat"] != Repeat.NONE else None,
            participants=list(data["participants"]),
            facilities=list(data["facilities"]) if "facilities" in self.fields else None,
            headcount=data.get("headcount"),
            count=data["count"] if data["repeat"] != Repeat.NONE else None,
            skip_closed_days=data["skip_closed_days"],
        )

    @classmethod
    def initial_for(cls, event):
        from .services import repeat_of

        detail = getattr(event, "detail", None)
        start, end = timezone.localtime(event.start), timezone.localtime(event.end)
        repeat, weekdays = repeat_of(event.rule)
        all_day = bool(detail and detail.all_day)
        until = None
        count = detail.repeat_count if detail else None
        if event.end_recurring_period is not None and not count:
            until = timezone.localtime(event.end_recurring_period).date()
        return {
            "title": event.title,
            "date": start.date(),
            "all_day": all_day,
            "start_time": None if all_day else start.time(),
            "end_time": None if all_day else end.time(),
            "place": detail.place if detail else "",
            "memo": event.description,
            "private": bool(detail and detail.is_private),
            "repeat": repeat,
            "weekdays": [str(day) for day in weekdays],
            "until": until,
            **cls._people_and_facilities(event),
            "count": count,
            "skip_closed_days": detail.skip_closed_days if detail else True,
        }

    @staticmethod
    def _people_and_facilities(event):
        from .entries import active_bookings

        participants = list(event.participants.values_list("user_id", flat=True))
        detail = getattr(event, "detail", None)
        bookings = active_bookings(detail) if detail else []
        if not bookings:
            return {"participants": participants, "facilities": []}
        first = bookings[0]
        headcount = first.attendee_count
        return {
            "participants": participants,
            "facilities": [resource.pk for resource in first.resources.all()],
            "headcount": headcount if headcount > len(participants) + 1 else None,
        }


LENGTHS = [
    (30, _("30 minutes")),
    (60, _("1 hour")),
    (90, _("1 hour 30 minutes")),
    (120, _("2 hours")),
]
LONGEST_SEARCH = datetime.timedelta(days=14)


class FindTimeForm(forms.Form):
    colleagues = StaffPickerField(
        label=_("Colleagues"),
        required=False,
        help_text=_("You are included. Type a name or a department to add colleagues."),
    )
    date_from = dates.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    date_to = dates.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))
    length = forms.TypedChoiceField(label=_("Length"), choices=LENGTHS, coerce=int, initial=60)
    seats = forms.IntegerField(
        label=_("Seats needed in a room"),
        required=False,
        min_value=1,
        max_value=1000,
        help_text=_("Leave empty when no room is needed."),
    )
    include_lunch = forms.BooleanField(
        label=_("Include the lunch hour (12:00〜13:00)"), required=False
    )

    def __init__(self, *args, staff=None, **kwargs):
        super().__init__(*args, **kwargs)
        if staff is not None:
            self.fields["colleagues"].queryset = staff

    def clean(self):
        data = super().clean()
        first, last = data.get("date_from"), data.get("date_to")
        if first and last:
            if last < first:
                self.add_error("date_to", _("The last day comes before the first day."))
            elif last - first >= LONGEST_SEARCH:
                self.add_error("date_to", _("Search at most two weeks at a time."))
        return data


def entry_scope_field(label, invalid_message):
    """The bookings' 「この予定のみ」「これ以降すべて」「すべての繰り返し」, for an entry."""
    return booking_forms.scope_field(label, invalid_message)


class OccurrenceDayField(dates.DateField):
    """The date of the occurrence a change or a cancel starts from."""

    def __init__(self, **kwargs):
        super().__init__(
            label=_("Date of the occurrence"),
            required=False,
            widget=forms.DateInput(attrs={"type": "date"}),
            **kwargs,
        )


def _check_occurrence(form, event, field="from_day"):
    day = form.cleaned_data.get(field)
    if day is None:
        form.add_error(field, _("Enter the date of the occurrence."))
    elif occurrence_on(event, day) is None:
        form.add_error(field, _("This entry does not take place on that day."))


class CancelEntryForm(forms.Form):
    """Which occurrences of an entry to cancel, in the bookings' words and by their rules.

    The entry's facility bookings are cancelled with it, for the same occurrences.
    """

    scope = entry_scope_field(_("Range to cancel"), _("Choose which bookings to cancel."))
    from_day = OccurrenceDayField()

    def __init__(self, *args, event, occurrence_day=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        if event.rule is None:
            del self.fields["scope"]
            del self.fields["from_day"]
            return
        upcoming = None
        if occurrence_day is None:
            from .entries import next_occurrence

            upcoming = next_occurrence(event)
        day = occurrence_day or (
            timezone.localtime(upcoming.original_start).date() if upcoming else None
        )
        self.initial.setdefault("from_day", day or timezone.localdate())

    def clean(self):
        data = super().clean()
        if self.event.rule is not None and data.get("scope") in (THIS, FOLLOWING):
            _check_occurrence(self, self.event)
        return data


class ChangeScopeForm(forms.Form):
    """Which occurrences a change of a repeating entry opened at one occurrence reaches."""

    scope = entry_scope_field(_("Bookings to change"), _("Choose which bookings to change."))
    occurrence = OccurrenceDayField()

    def __init__(self, *args, event, **kwargs):
        # Its own ids: the cancel form on the same page has a scope too.
        kwargs.setdefault("auto_id", "id_change_%s")
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["occurrence"].widget = forms.HiddenInput()

    def clean(self):
        data = super().clean()
        _check_occurrence(self, self.event, "occurrence")
        return data

    def check(self, entry_form, initial):
        """What the chosen scope may change, as bookings allow it; False with errors shown.

        Several occurrences keep their own dates, as bookings do; one occurrence
        takes its own date, times, title, memo and facilities, while the place,
        the participants, privacy and the repetition belong to the whole entry.
        """
        scope, day = self.cleaned_data["scope"], self.cleaned_data["occurrence"]
        data = entry_form.cleaned_data
        if scope != THIS and data["date"] != day:
            entry_form.add_error(
                "date",
                _(
                    "Only the times of several occurrences can be changed together; each keeps "
                    "its own date. To move this one to another date, choose 「この予定のみ」."
                ),
            )
            return False
        if scope == THIS:
            entire = ["place", "private", "repeat", "weekdays", "until", "count"]
            entire += ["skip_closed_days"]
            changed = [name for name in entire if _differs(data.get(name), initial.get(name))]
            people = {user.pk for user in data.get("participants") or []}
            if people != {int(pk) for pk in initial.get("participants") or []}:
                changed.append("participants")
            if changed:
                entry_form.add_error(
                    None,
                    _(
                        "「この予定のみ」 changes the date, times, title, memo and facilities of "
                        "this occurrence. To change the place, the participants, privacy or the "
                        "repetition, choose 「これ以降すべて」 or 「すべての繰り返し」."
                    ),
                )
                return False
        return True


def _differs(given, initial):
    """Whether a field's cleaned value differs from the value the form was opened with."""
    if isinstance(given, list) or isinstance(initial, list):
        return sorted(str(item) for item in given or []) != sorted(
            str(item) for item in initial or []
        )
    return (given or None) != (initial or None)
