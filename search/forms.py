from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from intranet.forms import department_filter_field

from .backends.base import ORDER_DATE, ORDER_RELEVANCE

MAX_QUERY_CHARS = 200
EARLIEST = date(1900, 1, 1)
LATEST = date(2100, 12, 31)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search words"), required=False, strip=True)
    type = forms.MultipleChoiceField(label=_("Kind"), required=False, choices=[])
    department = department_filter_field()
    date_from = forms.DateField(
        label=_("Dated from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Dated until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    order = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[(ORDER_RELEVANCE, _("Relevance")), (ORDER_DATE, _("Newest first"))],
    )

    def __init__(self, *args, type_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = list(type_choices)

    def clean_q(self):
        query = " ".join(self.cleaned_data["q"].split())
        self.query_was_shortened = len(query) > MAX_QUERY_CHARS
        return query[:MAX_QUERY_CHARS]

    def _date_in_range(self, name):
        value = self.cleaned_data[name]
        if value is not None and not EARLIEST <= value <= LATEST:
            raise forms.ValidationError(
                _("Enter a date between %(earliest)s and %(latest)s."),
                params={"earliest": EARLIEST.year, "latest": LATEST.year},
            )
        return value

    def clean_date_from(self):
        return self._date_in_range("date_from")

    def clean_date_to(self):
        return self._date_in_range("date_to")

    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_from > date_to:
            self.add_error("date_to", _("The end date must not be before the start date."))
        return cleaned
