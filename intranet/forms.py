from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Department


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
        value = value.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
        if value and not value.isdigit():
            raise forms.ValidationError(_("Enter the extension number in digits, e.g. 2101."))
        return value
