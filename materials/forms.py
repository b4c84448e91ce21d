"""The forms of the meeting screens and of a material's page.

A meeting's agenda is typed into one box, one item per line (番号は行の順):
a secretary writes 「1 予算編成方針について」 or just the title, and the
lines become the meeting's agenda items in that order. Editing keeps an item
(and the materials on it) whose title is still there, wherever it moved.

Upload forms hold the files of a form that comes back (``HoldsUploadsForm``)
and check each file in the field itself (``extraction.clean_filename`` and
``extraction.check_upload``), so a file refused for its content comes back
with the reason in Japanese before anything is stored.
"""

import os
import re

from django import forms
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intranet import dates
from intranet.forms import (
    DateTimeLocalInput,
    ModelMultipleChoiceField,
    MultipleFileField,
)
from intranet.held_uploads import HoldsUploadsForm
from intranet.models import Department

from .models import AgendaItem, Confidentiality, Meeting
from .services import checked_upload

MAX_AGENDA_ITEMS = 50
MAX_FILES = 20
TITLE_MAX = 200
# Agenda numbers are moved past this (plus the item's id) while an agenda is renumbered.
RENUMBER_FROM = 1_000_000
# 「1 」「1. 」「１．」「(1)」「①」…: a number a secretary types before an item, dropped.
ITEM_NUMBER = re.compile(r"^\s*(?:[(（]?[0-9０-９]+[)）.．、]?\s+|[(（][0-9０-９]+[)）]|[①-⑳]\s*)")


def department_choices():
    return Department.objects.select_related("parent").order_by("sort_order", "code", "pk")


def agenda_lines(text):
    """The agenda items typed one per line, without blank lines or the numbers typed before."""
    lines = []
    for line in (text or "").splitlines():
        title = ITEM_NUMBER.sub("", line, count=1).strip()
        if title:
            lines.append(title)
    return lines


class MeetingForm(forms.ModelForm):
    """A meeting of a series: its title, date and place, minutes, and agenda."""

    agenda = forms.CharField(
        label=gettext_lazy("Agenda"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy(
            "One item per line, in the order of the meeting. "
            "Materials stay on an item as long as its title is kept."
        ),
    )

    class Meta:
        model = Meeting
        fields = ["title", "held_at", "place", "minutes"]
        field_classes = {"held_at": dates.DateTimeField}
        widgets = {
            "held_at": DateTimeLocalInput(),
            "minutes": forms.Textarea(attrs={"rows": 10}),
        }
        help_texts = {
            "title": gettext_lazy("e.g. 第3回 (令和8年度)"),
            "minutes": gettext_lazy("The minutes (議事録) once the meeting has been held."),
        }

    def __init__(self, *args, series, **kwargs):
        super().__init__(*args, **kwargs)
        self.series = series
        if self.instance.pk:
            self.initial["agenda"] = "\n".join(
                item.title for item in self.instance.agenda_items.all()
            )
        else:
            self.initial.setdefault(
                "held_at", timezone.localtime().replace(minute=0, second=0, microsecond=0)
            )

    def clean_agenda(self):
        lines = agenda_lines(self.cleaned_data["agenda"])
        if len(lines) > MAX_AGENDA_ITEMS:
            raise forms.ValidationError(
                _("A meeting has at most %(count)d agenda items.") % {"count": MAX_AGENDA_ITEMS}
            )
        too_long = [line for line in lines if len(line) > TITLE_MAX]
        if too_long:
            raise forms.ValidationError(
                _("An agenda item's title has at most %(count)d characters.") % {"count": TITLE_MAX}
            )
        return lines

    @transaction.atomic
    def save(self, user):
        meeting = super().save(commit=False)
        meeting.series = self.series
        if not meeting.pk:
            meeting.created_by = user
        meeting.save()
        self._save_agenda(meeting, self.cleaned_data["agenda"])
        return meeting

    def _save_agenda(self, meeting, titles):
        """The agenda items in the order typed.

        An item whose title is still there keeps its materials wherever it
        moved; a line with a new title takes over an item whose title is gone
        (a renamed item keeps its materials too); items left over are removed,
        their materials staying with the meeting.
        """
        unclaimed = list(AgendaItem.objects.select_for_update().filter(meeting=meeting))
        plan = []
        for title in titles:
            same = next((item for item in unclaimed if item.title == title), None)
            if same is not None:
                unclaimed.remove(same)
            plan.append([title, same])
        for entry in plan:
            if entry[1] is None and unclaimed:
                entry[1] = unclaimed.pop(0)
        AgendaItem.objects.filter(pk__in=[item.pk for item in unclaimed]).delete()
        # Numbers are unique per meeting: move the kept items out of the way first.
        AgendaItem.objects.filter(meeting=meeting).update(number=F("pk") + RENUMBER_FROM)
        for number, (title, item) in enumerate(plan, start=1):
            if item is None:
                AgendaItem.objects.create(meeting=meeting, number=number, title=title)
            else:
                item.number, item.title = number, title
                item.save(update_fields=["number", "title"])


class SendsBackUploads(HoldsUploadsForm):
    """An upload form that can come back after it was valid (a service refused the save)."""

    def send_back(self):
        """Hold the files of the fields still without errors, and list them on the page."""
        self.hold_uploads()
        self._show_held_uploads()


class MaterialFieldsMixin:
    """The confidentiality, departments and agenda item of a meeting's material."""

    def setup_material_fields(self, meeting):
        if meeting is None:
            del self.fields["agenda_item"]
        else:
            field = self.fields["agenda_item"]
            field.queryset = meeting.agenda_items.all()
            field.empty_label = _("Not on an agenda item")
        self.fields["departments"].queryset = department_choices()

    def clean_material_fields(self, data):
        if data.get("confidentiality") == Confidentiality.DEPARTMENTS:
            if not data.get("departments"):
                self.add_error(
                    "departments",
                    _("Choose the departments concerned, or another confidentiality."),
                )
        elif "departments" in data:
            data["departments"] = []
        return data


def _material_fields():
    return {
        "agenda_item": forms.ModelChoiceField(
            label=gettext_lazy("Agenda item"),
            queryset=AgendaItem.objects.none(),
            required=False,
        ),
        "confidentiality": forms.ChoiceField(
            label=gettext_lazy("Who may read it"),
            choices=Confidentiality.choices,
            initial=Confidentiality.PUBLIC,
            widget=forms.RadioSelect,
            help_text=gettext_lazy(
                "全庁公開: every staff member (after the personal-data check). "
                "関係課のみ: the departments chosen below, the secretary department and the "
                "meeting's members. 非公開: the secretary department and the members only."
            ),
        ),
        "departments": ModelMultipleChoiceField(
            label=gettext_lazy("Departments concerned"),
            queryset=Department.objects.none(),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text=gettext_lazy("For 関係課のみ: the sections below a chosen one read it too."),
        ),
        "description": forms.CharField(
            label=gettext_lazy("Description"),
            required=False,
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 3}),
        ),
    }


def title_from(filename):
    """「令和8年度予算編成方針.pdf」 → 「令和8年度予算編成方針」."""
    return os.path.splitext(filename)[0].strip()[:TITLE_MAX] or filename[:TITLE_MAX]


class MaterialUploadForm(MaterialFieldsMixin, SendsBackUploads, forms.Form):
    """Files for a meeting: one material per file, all with the same settings.

    The title is used when one file is sent; otherwise (or when left empty)
    each material is named after its file.
    """

    files = MultipleFileField(
        label=gettext_lazy("Files"),
        help_text=gettext_lazy(
            "PDF, Word (.docx), Excel (.xlsx), PowerPoint (.pptx), text or CSV. "
            "Several files may be chosen at once: each becomes one material."
        ),
    )
    title = forms.CharField(
        label=gettext_lazy("Title"),
        required=False,
        max_length=TITLE_MAX,
        help_text=gettext_lazy("Leave empty to use the file name."),
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(_material_fields())
        self.order_fields(
            ["files", "title", "agenda_item", "confidentiality", "departments", "description"]
        )
        self.setup_material_fields(meeting)

    def clean_files(self):
        """Every file checked here, so a bad one comes back with its reason before any is stored."""
        uploads = self.cleaned_data["files"]
        if len(uploads) > MAX_FILES:
            raise forms.ValidationError(
                _("Send at most %(count)d files at once.") % {"count": MAX_FILES}
            )
        errors, checked = [], []
        for upload in uploads:
            try:
                name, _kind = checked_upload(upload)
            except forms.ValidationError as error:
                errors.extend(f"{os.path.basename(upload.name or '')}: {m}" for m in error.messages)
                continue
            checked.append((upload, name))
        if errors:
            raise forms.ValidationError(errors)
        return checked

    def clean(self):
        return self.clean_material_fields(super().clean())

    def materials_to_add(self):
        """(upload, title) for each file, in the order chosen."""
        files = self.cleaned_data["files"]
        title = self.cleaned_data["title"].strip()
        if len(files) == 1 and title:
            return [(files[0][0], title)]
        return [(upload, title_from(name)) for upload, name in files]


class MaterialEditForm(MaterialFieldsMixin, forms.Form):
    """A material's title, description, readers and (for a meeting's) agenda item."""

    title = forms.CharField(label=gettext_lazy("Title"), max_length=TITLE_MAX)

    def __init__(self, *args, material, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "title": material.title,
                "description": material.description,
                "confidentiality": material.confidentiality,
                "departments": list(material.departments.all()),
                "agenda_item": material.agenda_item_id,
            },
        )
        super().__init__(*args, **kwargs)
        self.fields.update(_material_fields())
        self.setup_material_fields(material.meeting)

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError(_("Enter a title."))
        return title

    def clean(self):
        return self.clean_material_fields(super().clean())

    def changes(self):
        """The fields for ``services.update_material`` (departments apart)."""
        data = self.cleaned_data
        fields = {
            "title": data["title"],
            "description": data["description"],
            "confidentiality": data["confidentiality"],
        }
        if "agenda_item" in self.fields:
            fields["agenda_item"] = data["agenda_item"]
        return fields


class NewVersionForm(SendsBackUploads, forms.Form):
    """A new file for a material: it becomes current, the earlier one stays downloadable."""

    file = forms.FileField(label=gettext_lazy("New file"))
    note = forms.CharField(
        label=gettext_lazy("What changed"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("e.g. 数値を修正 (shown in the version history)."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        checked_upload(upload)
        return upload


class PersonalDataOverrideForm(forms.Form):
    """Why the findings are not personal data, which publishes the material to all staff."""

    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "e.g. 公表済みの代表電話番号です. The reason is kept with the material's record."
        ),
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Say why these are not personal data."))
        return reason
