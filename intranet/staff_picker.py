"""Choosing people: one field for every form where staff pick colleagues.

Booking participants, schedule participants, 「空き時間を探す」 and staff
groups all choose people with ``StaffPickerField``. The submitted value is a
list of user ids, as with Django's ``ModelMultipleChoiceField``, so a form
that uses it works the same with or without JavaScript.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from .forms import ModelMultipleChoiceField


def staff_queryset():
    """Every active staff member who can be chosen, with what their label needs."""
    return (
        get_user_model()
        .objects.filter(is_active=True, staff_profile__isnull=False)
        .select_related("staff_profile__department")
        .order_by("staff_profile__full_name_kana", "pk")
    )


class StaffPickerWidget(forms.SelectMultiple):
    """The people chosen; see the module docstring."""


class StaffPickerField(ModelMultipleChoiceField):
    """Any active staff member, chosen by id; labelled 「氏名（所属）」."""

    widget = StaffPickerWidget
    default_error_messages = {
        "invalid_choice": _("Choose people from the staff directory."),
        "invalid_pk_value": _("Choose people from the staff directory."),
    }

    def __init__(self, queryset=None, **kwargs):
        super().__init__(queryset=staff_queryset() if queryset is None else queryset, **kwargs)

    def label_from_instance(self, user):
        profile = user.staff_profile
        return f"{profile.full_name}（{profile.department.name}）"
