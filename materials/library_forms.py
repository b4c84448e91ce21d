"""Filing a document in a library category: its file, what it is, who owns it, who reads it."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intranet.forms import ModelMultipleChoiceField
from intranet.held_uploads import HoldsUploadsForm
from intranet.models import Department

from . import rules
from .models import Confidentiality, Library
from .services import checked_upload


def upload_departments(user):
    """The departments ``user`` may file documents for: their own (and, as ``rules`` allows,
    those below it); every department for those who manage all. Own department first."""
    if rules.manages_all(user):
        candidates = list(Department.objects.select_related("parent"))
    else:
        profile = getattr(user, "staff_profile", None)
        if profile is None:
            return []
        own = profile.department
        ids = own.descendant_ids()
        candidates = sorted(
            Department.objects.filter(pk__in=ids).select_related("parent"),
            key=lambda department: department.pk != own.pk,
        )
    return [department for department in candidates if rules.can_add_to_library(user, department)]


class LibraryUploadForm(HoldsUploadsForm):
    """A new document for a category. The file is checked here (name, kind against content,
    size) so a bad one comes back with the reason; a good one is held if another field is
    wrong, and goes through ``services.add_material`` once everything is right."""

    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(
            "PDF, Word (.docx), Excel (.xlsx), PowerPoint (.pptx), text or CSV."
        ),
    )
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    description = forms.CharField(
        label=gettext_lazy("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("What the document is for, and when to use it."),
    )
    form_name = forms.CharField(
        label=gettext_lazy("Form name"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("The form's own name, e.g. 住民票の写し等交付申請書."),
    )
    procedure = forms.CharField(
        label=gettext_lazy("Procedure"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("The procedure the form belongs to, e.g. 住民票の写しの交付."),
    )
    department = forms.ModelChoiceField(
        label=gettext_lazy("Responsible section"),
        queryset=Department.objects.none(),
        empty_label=None,
    )
    confidentiality = forms.ChoiceField(
        label=gettext_lazy("Who may read it"),
        choices=Confidentiality.choices,
        initial=Confidentiality.PUBLIC,
        widget=forms.RadioSelect,
        help_text=gettext_lazy(
            "A document for all staff is published once its text has been read and checked "
            "for personal data."
        ),
    )
    departments = ModelMultipleChoiceField(
        label=gettext_lazy("Departments concerned"),
        queryset=Department.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy(
            "For 「関係課のみ」: staff of these departments and of the sections below them."
        ),
    )

    def __init__(self, *args, category, **kwargs):
        super().__init__(*args, **kwargs)
        self.category = category
        choices = upload_departments(self.user)
        self.fields["department"].queryset = Department.objects.filter(
            pk__in=[department.pk for department in choices]
        ).select_related("parent")
        if choices:
            self.fields["department"].initial = choices[0].pk
        self.fields["departments"].queryset = Department.objects.select_related("parent")
        if category.library != Library.FORMS:
            del self.fields["form_name"]
            del self.fields["procedure"]
        self.kind = None

    def clean_file(self):
        upload = self.cleaned_data["file"]
        _name, self.kind = checked_upload(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("confidentiality") == Confidentiality.DEPARTMENTS and not cleaned.get(
            "departments"
        ):
            self.add_error(
                "departments",
                _("Choose the departments concerned, or let all staff or members only read it."),
            )
        return cleaned

    def material_fields(self):
        """The keyword arguments of ``services.add_material`` this form provides."""
        data = self.cleaned_data
        return {
            "upload": data["file"],
            "title": data["title"],
            "description": data["description"],
            "department": data["department"],
            "category": self.category,
            "confidentiality": data["confidentiality"],
            "departments": list(data["departments"] or ()),
            "form_name": data.get("form_name", ""),
            "procedure": data.get("procedure", ""),
        }


SORTS = {
    "title": ("title", "pk"),
    "updated": ("-updated_at", "-pk"),
}


class CategorySortForm(forms.Form):
    """How a category's documents are listed: by title (the default) or newest first."""

    sort = forms.ChoiceField(
        label=gettext_lazy("Sort by"),
        choices=[("title", gettext_lazy("Title")), ("updated", gettext_lazy("Last updated"))],
        required=False,
    )

    def key(self):
        return (self.cleaned_data.get("sort") if self.is_valid() else "") or "title"

    def ordering(self):
        return SORTS[self.key()]
