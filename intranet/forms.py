from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Department, StaffProfile
from .plain_select import PlainSelect


class DateTimeLocalInput(forms.DateTimeInput):
    """The browser's own date-and-time picker (``<input type="datetime-local">``)."""

    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if not files and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


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
        # One option per department, on every search: written without a template each.
        widget=PlainSelect,
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
