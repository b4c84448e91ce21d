"""The reporter's form: every field of a report, the なぜなぜ chain as five short answers.

The same form serves the draft page (with attachments, anonymity and related
cases), the correction of a report sent back (``for_draft=False``: the
identity and the files stay as they were sent) and the anonymous reporter's
correction. A draft keeps the form's raw values (``raw_values``), so a date
half typed is still there when the writer comes back; the report's rules
(``services.check_report_fields``) are checked by the form too, so their
messages appear beside the fields they concern.
"""

import os

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intranet import dates
from intranet.forms import (
    DateTimeLocalInput,
    ModelMultipleChoiceField,
    MultipleFileInput,
)
from intranet.models import Department
from materials.services import checked_upload

from . import rules, services
from .models import Category, Place, RuleAxis
from .models.reports import LEVEL_DESCRIPTIONS, Level

WHY_STEPS = 5
WHY_NAMES = tuple(f"why_{number}" for number in range(1, WHY_STEPS + 1))
MAX_FILES = 10
# A draft keeps at most this much of any one field (the form allows less anyway).
MAX_RAW_CHARS = 20_000
TEXT_MAX = 5000


class AttachmentsField(forms.FileField):
    """Several files; each is checked (kind, size, name) and comes back as (upload, name, kind)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        uploads = data if isinstance(data, list | tuple) else [data] if data else []
        if len(uploads) > MAX_FILES:
            raise ValidationError(
                _("Attach at most %(count)d files at once.") % {"count": MAX_FILES}
            )
        errors, checked = [], []
        for upload in uploads:
            try:
                super().clean(upload, initial)
                name, kind = checked_upload(upload)
            except ValidationError as error:
                sent = os.path.basename(getattr(upload, "name", "") or "")
                errors.extend(f"{sent}: {message}" for message in error.messages)
                continue
            checked.append((upload, name, kind))
        if errors:
            raise ValidationError(errors)
        return checked


def _text(label, required=True, max_length=TEXT_MAX, rows=4, help_text=""):
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=help_text,
    )


def level_choices():
    """Each level with its plain description, read beside its radio button."""
    return [(value, f"{label}: {LEVEL_DESCRIPTIONS[value]}") for value, label in Level.choices]


class ReportForm(forms.Form):
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=120,
        help_text=gettext_lazy("In a few words, e.g. 納税通知書の誤送付."),
    )
    occurred_at = dates.DateTimeField(
        label=gettext_lazy("When it happened"), widget=DateTimeLocalInput()
    )
    discovered_at = dates.DateTimeField(
        label=gettext_lazy("When it was found"), widget=DateTimeLocalInput()
    )
    department = forms.ModelChoiceField(
        label=gettext_lazy("Reporting department"), queryset=Department.objects.none()
    )
    place = forms.ChoiceField(
        label=gettext_lazy("Where"), choices=Place.choices, widget=forms.RadioSelect
    )
    category = forms.ModelChoiceField(
        label=gettext_lazy("Category"), queryset=Category.objects.none()
    )
    rule_axis = forms.ChoiceField(
        label=gettext_lazy("Was there a rule, and was it followed?"),
        choices=RuleAxis.choices,
        widget=forms.RadioSelect,
    )
    level = forms.TypedChoiceField(
        label=gettext_lazy("Impact level"),
        coerce=int,
        choices=level_choices,
        widget=forms.RadioSelect,
        help_text=gettext_lazy(
            "From level 3 on, say why it happened (なぜなぜ) before sending the report."
        ),
    )
    what_happened = _text(gettext_lazy("What happened"), rows=6)
    immediate_action = _text(gettext_lazy("What was done at once"), required=False)
    prevention = _text(gettext_lazy("Measures to prevent it"), required=False)
    lessons = _text(gettext_lazy("Lessons for others"), required=False, rows=3)
    residents_affected = forms.BooleanField(
        label=gettext_lazy("Residents were affected"), required=False
    )
    residents_count = forms.IntegerField(
        label=gettext_lazy("How many residents"),
        required=False,
        min_value=1,
        max_value=10_000_000,
    )

    def __init__(self, *args, for_draft=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.order_by("sort_order", "code", "pk")
        self.fields["category"].queryset = Category.objects.filter(active=True)
        for number, name in enumerate(WHY_NAMES, start=1):
            self.fields[name] = forms.CharField(
                label=_("Why %(number)d") % {"number": number},
                required=False,
                max_length=200,
            )
        if for_draft:
            self.fields["anonymous"] = forms.BooleanField(
                label=_("Report anonymously"),
                required=False,
                help_text=_(
                    "Nobody will know who wrote the report, not even the system: no record "
                    "keeps your name. You are shown a 照会キー (inquiry key) once when you send "
                    "it; keep it to read and answer the reviewers' questions on the "
                    "「匿名の報告」 page. Without the key nobody can open the report for you."
                ),
            )
            self.fields["related_cases"] = ModelMultipleChoiceField(
                label=_("Similar published cases"),
                queryset=rules.published_cases(),
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
            self.fields["files"] = AttachmentsField(
                label=_("Attach files"),
                help_text=_(
                    "PDF, Word (.docx), Excel (.xlsx), PowerPoint (.pptx), text or CSV. "
                    "Several files may be chosen at once."
                ),
            )
        else:
            self.fields["comment"] = forms.CharField(
                label=_("What you corrected"),
                required=False,
                max_length=1000,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("Shown to the section head with the corrected report."),
            )

    @property
    def why_fields(self):
        return [self[name] for name in WHY_NAMES]

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not title:
            raise ValidationError(_("Enter a title."))
        return title

    def clean(self):
        data = super().clean()
        data["why_chain"] = [data.get(name, "").strip() for name in WHY_NAMES]
        data["why_chain"] = [step for step in data["why_chain"] if step]
        if not data.get("residents_affected"):
            data["residents_count"] = None
        if not self.errors or set(self.errors) <= {"files"}:
            try:
                services.check_report_fields(data)
            except ValidationError as error:
                self.add_service_errors(error)
        return data

    def add_service_errors(self, error):
        """The service's messages beside their fields (the なぜなぜ chain's beside なぜ1)."""
        for name, messages in error.message_dict.items():
            field = "why_1" if name == "why_chain" else name
            for message in messages:
                self.add_error(field if field in self.fields else None, message)

    def report_fields(self):
        """The cleaned fields ``services.submit`` and ``resubmit`` take."""
        return {name: self.cleaned_data[name] for name in services.REPORT_FIELDS}


def initial_from_report(report):
    """The form's initial values from a report (for its correction)."""
    initial = {name: getattr(report, name) for name in services.REPORT_FIELDS}
    initial["department"] = report.department_id
    initial["category"] = report.category_id
    for name, step in zip(WHY_NAMES, report.why_chain or [], strict=False):
        initial[name] = step
    return initial


def raw_values(post):
    """What a draft keeps of a posted form: every value as typed (strings), no files."""
    data = {}
    for name in ReportForm.base_fields.keys() | set(WHY_NAMES) | {"anonymous"}:
        if name in post:
            # A NUL is the one character no database column keeps (PostgreSQL refuses it).
            data[name] = str(post.get(name, "")).replace("\x00", "")[:MAX_RAW_CHARS]
    related = [value for value in post.getlist("related_cases") if value.isdigit()]
    if related:
        data["related_cases"] = related[:50]
    return data


def initial_from_draft(draft):
    """The form's initial values from a draft's raw values (checkboxes as booleans)."""
    initial = dict(draft.data)
    for name in ("anonymous", "residents_affected"):
        initial[name] = initial.get(name) in ("on", "true", "True", "1", True)
    return initial
