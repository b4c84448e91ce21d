"""Choosing people: one field for every form where staff pick colleagues.

Booking participants, schedule participants, 「空き時間を探す」 and staff
groups all choose people with ``StaffPickerField``. The submitted value is a
list of user ids, as with Django's ``ModelMultipleChoiceField``.

A city has thousands of staff, so the widget never lists them all: it renders
the people already chosen and a search box.

- With JavaScript (static/js/staff-picker.js) the box is an ARIA combobox
  that asks ``directory:pick`` as one types (name in kanji or kana, or a
  department; one's own section first) and shows the chosen people as chips
  with a remove button.
- Without JavaScript the chosen people are ticked checkboxes, and the box has
  a 「職員を検索」 button that submits the form. The field then refuses the form
  with a note, so nothing is saved, and the form comes back with everything
  the user gave it plus the matching staff as checkboxes to tick.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Case, IntegerField, Q, Value, When
from django.http import JsonResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .directory import search_staff
from .forms import BIGGEST_ID, ModelMultipleChoiceField
from .kana import normalize_for_lookup
from .models import Department

RESULT_LIMIT = 20
MAX_QUERY_CHARS = 50


def staff_queryset(*, also=()):
    """Every active staff member who can be chosen, with what their label needs.

    ``also``: people chosen before who may since have left; a form that
    comes back with them keeps them rather than refusing itself.
    """
    condition = Q(is_active=True, staff_profile__isnull=False)
    also_ids = [person.pk for person in also if person is not None]
    if also_ids:
        condition |= Q(pk__in=also_ids)
    return (
        get_user_model()
        .objects.filter(condition)
        .select_related("staff_profile__department")
        .order_by("staff_profile__full_name_kana", "pk")
    )


def clean_query(text):
    """What was typed, with runs of spaces made one and control characters (NUL) left out.

    Empty when too long to be a name. PostgreSQL refuses a NUL in any text it is given.
    """
    text = "".join(char for char in str(text or "") if char.isprintable() or char.isspace())
    text = " ".join(text.split())
    return "" if len(text) > MAX_QUERY_CHARS else text


def find_staff(user, text, *, users=None, include_self=False, limit=RESULT_LIMIT):
    """Up to ``limit`` of ``users`` whose name, reading or department matches ``text``.

    A department matches by its name or its reading (しみん finds 市民課), or
    by those of the 部 above it.

    The searcher's own section comes first, then the rest of their 部, then
    everyone else in the organisation's order: the colleague one means is
    usually close by. One query.
    """
    text = clean_query(text)
    if not normalize_for_lookup(text):
        return []
    users = staff_queryset() if users is None else users
    compact = "".join(text.split())
    folded = normalize_for_lookup(text)
    departments = Department.objects.filter(
        Q(name__contains=compact)
        | Q(parent__name__contains=compact)
        | Q(lookup_text__contains=folded)
        | Q(parent__lookup_text__contains=folded)
    ).values("pk")
    matches = users.filter(
        Q(staff_profile__in=search_staff(text).values("pk"))
        | Q(staff_profile__department__in=departments)
    )
    signed_in = user is not None and user.is_authenticated
    if not include_self and signed_in:
        matches = matches.exclude(pk=user.pk)
    profile = getattr(user, "staff_profile", None) if signed_in else None
    nearness = Value(2)
    if profile is not None:
        department = profile.department
        whens = [When(staff_profile__department_id=department.pk, then=Value(0))]
        if department.parent_id:
            whens.append(When(staff_profile__department__parent_id=department.parent_id, then=1))
        nearness = Case(*whens, default=Value(2), output_field=IntegerField())
    return list(
        matches.annotate(nearness=nearness).order_by(
            "nearness",
            "staff_profile__department__sort_order",
            "staff_profile__department__code",
            "staff_profile__full_name_kana",
            "pk",
        )[:limit]
    )


def person_label(user):
    """「氏名（所属）」, the way a person is named wherever people are picked."""
    profile = getattr(user, "staff_profile", None)
    if profile is None:
        return user.get_username()
    return f"{profile.full_name}（{profile.department.name}）"


def pick_view(request):
    """The picker's suggestions as JSON; names are written as text by the script."""
    include_self = request.GET.get("self") == "1"
    people = find_staff(request.user, request.GET.get("q", ""), include_self=include_self)
    return JsonResponse(
        {
            "results": [
                {
                    "id": person.pk,
                    "name": person.staff_profile.full_name,
                    "department": person.staff_profile.department.name,
                    "label": person_label(person),
                }
                for person in people
            ]
        },
        json_dumps_params={"ensure_ascii": False},
    )


def _ids(values):
    """The submitted values that can be user ids; anything else cannot be chosen."""
    ids = []
    for value in values or ():
        text = str(value).strip()
        if text.isdigit() and int(text) <= BIGGEST_ID:
            ids.append(int(text))
    return ids


class StaffPickerWidget(forms.SelectMultiple):
    """The people chosen, and a box to find more; see the module docstring.

    ``include_self`` offers the person filling in the form as well (a group of
    one's own team); elsewhere they take part anyway and are not offered.
    """

    template_name = "intranet/widgets/staff_picker.html"

    def __init__(self, attrs=None, *, include_self=False):
        super().__init__(attrs)
        self.include_self = include_self
        self.query = ""
        self.searching = False

    def query_name(self, name):
        return f"{name}_q"

    def search_name(self, name):
        return f"{name}_search"

    def value_from_datadict(self, data, files, name):
        self.query = clean_query(data.get(self.query_name(name), ""))
        self.searching = self.search_name(name) in data and bool(self.query)
        return super().value_from_datadict(data, files, name)

    def value_omitted_from_data(self, data, files, name):
        return False  # no box ticked means nobody chosen

    def id_for_label(self, id_):
        return id_  # the search box carries the field's id, so its label names it

    def _people(self, ids):
        """The chosen people, in the order chosen: one query, whatever the staff size."""
        if not ids:
            return []
        queryset = getattr(self.choices, "queryset", None)
        if queryset is None:
            queryset = staff_queryset()
        found = {person.pk: person for person in queryset.filter(pk__in=ids)}
        return [found[pk] for pk in dict.fromkeys(ids) if pk in found]

    def _label(self, person):
        field = getattr(self.choices, "field", None)
        return field.label_from_instance(person) if field is not None else person_label(person)

    def get_context(self, name, value, attrs):
        # Widget's, not ChoiceWidget's: that one would list every choice (every staff member).
        context = forms.Widget.get_context(self, name, value, attrs)
        chosen_ids = _ids(value)
        people = self._people(chosen_ids)
        chosen = [{"value": person.pk, "label": self._label(person)} for person in people]
        results = None
        if self.searching:
            queryset = getattr(self.choices, "queryset", None)
            found = find_staff(
                self._user, self.query, users=queryset, include_self=self.include_self
            )
            results = [
                {"value": person.pk, "label": self._label(person)}
                for person in found
                if person.pk not in chosen_ids
            ]
        pick_url = reverse("directory:pick")
        if self.include_self:
            pick_url += "?self=1"
        context["widget"].update(
            {
                "chosen": chosen,
                "results": results,
                "query": self.query,
                "query_name": self.query_name(name),
                "search_name": self.search_name(name),
                "pick_url": pick_url,
            }
        )
        return context

    # The searching user, for 「own section first」 in the plain search; the field sets it.
    _user = None


class StaffPickerField(ModelMultipleChoiceField):
    """Any active staff member, chosen by id; labelled 「氏名（所属）」.

    A form that knows who fills it in passes ``for_user(user)`` so the plain
    search puts that person's section first.
    """

    widget = StaffPickerWidget
    default_error_messages = {
        "invalid_choice": _("Choose people from the staff directory."),
        "invalid_pk_value": _("Choose people from the staff directory."),
        "searching": _(
            "Staff matching 「%(query)s」 are listed below. Tick the people to add, "
            "then send the form again."
        ),
    }

    def __init__(self, queryset=None, **kwargs):
        super().__init__(queryset=staff_queryset() if queryset is None else queryset, **kwargs)

    def for_user(self, user):
        self.widget._user = user
        return self

    def label_from_instance(self, user):
        return person_label(user)

    def clean(self, value):
        if getattr(self.widget, "searching", False):
            raise forms.ValidationError(
                self.error_messages["searching"],
                code="searching",
                params={"query": self.widget.query},
            )
        return super().clean(value)
