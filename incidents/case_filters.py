"""The collection's filters: category, level, department, rule and year, from the query string.

A value that is not one of the choices (a hand-edited address, an old link to
a category since removed) is reported on its field and left out; the other
filters still apply, so the page never fails on what it was given.
"""

from django import forms
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from intranet.forms import department_filter_field

from .models import Category, Level, RuleAxis


def _level_choices():
    return [("", pgettext_lazy("incident case", "Any level")), *Level.choices]


class CaseFilterForm(forms.Form):
    category = forms.ModelChoiceField(
        label=_("Category"),
        queryset=Category.objects.all(),
        required=False,
        empty_label=_("All categories"),
    )
    level = forms.TypedChoiceField(
        label=pgettext_lazy("incident case", "Impact level"),
        choices=_level_choices,
        coerce=int,
        empty_value=None,
        required=False,
    )
    department = department_filter_field()
    rule_axis = forms.ChoiceField(
        label=pgettext_lazy("incident case", "Rule"),
        choices=[("", _("Any")), *RuleAxis.choices],
        required=False,
    )
    year = forms.TypedChoiceField(
        label=pgettext_lazy("incident case", "Year it happened"),
        coerce=int,
        empty_value=None,
        required=False,
    )

    def __init__(self, *args, cases=None, **kwargs):
        """``cases``: the cases the reader may see, whose years are offered (one query)."""
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        first = cases.aggregate(first=Min("occurred_on"))["first"] if cases is not None else None
        first_year = min(first.year, this_year) if first else this_year
        self.fields["year"].choices = [
            ("", pgettext_lazy("incident case", "Any year")),
            *((year, f"{year}年") for year in range(this_year, first_year - 1, -1)),
        ]

    def valid_filters(self):
        """The cleaned value of each filter that was given and understood."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if value not in (None, "") and name not in self.errors
        }

    def filter(self, cases):
        given = self.valid_filters()
        if "category" in given:
            cases = cases.filter(category=given["category"])
        if "level" in given:
            cases = cases.filter(level=given["level"])
        if "department" in given:
            cases = cases.filter(department_id__in=given["department"].descendant_ids())
        if "rule_axis" in given:
            cases = cases.filter(rule_axis=given["rule_axis"])
        if "year" in given:
            cases = cases.filter(occurred_on__year=given["year"])
        return cases
