from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Department, StaffProfile

FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
BIGGEST_ID = 2**63 - 1


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's field, refusing an id no database column can hold as an invalid choice.

    Django's ``pk__in`` passes such a number to the database, and SQLite
    raises OverflowError on it (a 500); an exact lookup already copes.
    """

    def _check_values(self, value):
        for item in value or ():
            text = str(item).strip()
            if text.lstrip("-").isdigit() and abs(int(text)) > BIGGEST_ID:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": text[:20]},
                )
        return super()._check_values(value)


def department_filter_field():
    """An optional department choice for filter forms: 部 and 課, "all" when left empty."""
    return forms.ModelChoiceField(
        label=_("Department"),
        queryset=Department.objects.select_related("parent"),
        required=False,
        empty_label=_("All departments"),
    )


class DirectorySearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name (kanji or kana)"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    department = department_filter_field()
    extension = forms.CharField(
        label=_("Extension"),
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )

    def clean_extension(self):
        value = self.cleaned_data["extension"].strip()
        # Accept full-width digits (０１２３) typed with a Japanese IME.
        value = value.translate(FULL_WIDTH_DIGITS)
        if value and not value.isdigit():
            raise forms.ValidationError(_("Enter the extension number in digits, e.g. 2101."))
        return value


class StaffContactForm(forms.ModelForm):
    """What a section head may correct for one of their staff: job title and extension."""

    class Meta:
        model = StaffProfile
        fields = ["job_title", "extension"]
        widgets = {"extension": forms.TextInput(attrs={"inputmode": "numeric"})}

    def clean_job_title(self):
        return self.cleaned_data["job_title"].strip()

    def clean_extension(self):
        value = self.cleaned_data["extension"].strip().translate(FULL_WIDTH_DIGITS)
        if value and not value.isdigit():
            raise forms.ValidationError(_("Enter the extension number in digits, e.g. 2101."))
        department = self.instance.department
        first, last = department.extension_from, department.extension_to
        if value and first is not None and last is not None and not first <= int(value) <= last:
            raise forms.ValidationError(
                _("%(department)s's extensions run from %(first)s to %(last)s."),
                params={"department": department.name, "first": first, "last": last},
            )
        return value
