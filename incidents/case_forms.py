"""The office's editor of a case: the public version of a report, checked for personal data.

The form is the notice editor's guard (``bulletin.privacy``) spread over
several texts: every text field of the case and the text of every attachment
that goes public is scanned, each finding shown where it is (the field's
name, or the file's), highlighted, and either removed or ticked
「個人情報ではない」 with a reason. While the case is being written the
findings are a warning; publishing it, or saving a case already in the
collection, is refused while any stands.
"""

from django import forms
from django.db.models import Q
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bulletin.privacy import PersonalDataCheckedForm
from intranet import dates
from intranet.forms import ModelMultipleChoiceField
from intranet.models import Department
from intranet.privacy import Finding
from intranet.privacy.findings import listed
from intranet.privacy.pages import highlighted

from . import publication, services
from .models import Case, Category

# Characters of an attachment's text shown either side of a finding.
EXCERPT_MARGIN = 60


def department_choices(case):
    """The report's department and those above it: the office may publish a coarser one."""
    ids, department = [], case.report.department
    while department is not None:
        ids.append(department.pk)
        department = department.parent
    if case.department_id:
        ids.append(case.department_id)
    return Department.objects.filter(pk__in=ids).select_related("parent")


def excerpts(text, findings, margin=EXCERPT_MARGIN):
    """The parts of a long ``text`` around its findings, each highlighted, joined by 「…」."""
    windows = []
    for finding in sorted(findings):
        start, end = max(0, finding.start - margin), min(len(text), finding.end + margin)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], end)
            windows[-1][2].append(finding)
        else:
            windows.append([start, end, [finding]])
    parts = []
    for start, end, inside in windows:
        shifted = [Finding(f.start - start, f.end - start, f.kind, f.text) for f in inside]
        parts.append(
            format_html(
                "{}{}{}",
                "…" if start else "",
                highlighted(text[start:end], shifted),
                "…" if end < len(text) else "",
            )
        )
    return format_html_join(" ", "{}", ((part,) for part in parts))


class CaseForm(PersonalDataCheckedForm, forms.ModelForm):
    """The public version of a report, the files that go with it, and the guard's findings.

    ``guarding`` says whether a finding still standing refuses the form
    (publishing, or saving a published case), or is only shown.
    """

    department = forms.ModelChoiceField(
        label=gettext_lazy("Department shown"),
        queryset=Department.objects.none(),
        required=False,
        empty_label=gettext_lazy("Not shown"),
        help_text=gettext_lazy(
            "A small section may identify the people involved: show the department above it, "
            "or none."
        ),
    )
    public_attachments = ModelMultipleChoiceField(
        label=gettext_lazy("Files published with the case"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy(
            "The text of each file chosen is read and checked for personal data. A file whose "
            "text cannot be read (a photo, a scan) cannot be published."
        ),
    )

    class Meta:
        model = Case
        fields = list(services.CASE_FIELDS)
        help_texts = {
            "occurred_on": gettext_lazy(
                "When only the month is shown, the day is not kept: to show the day, enter the "
                "date again (the report beside has it)."
            ),
        }
        # Within the years the office could mean, refused in words outside them.
        field_classes = {"occurred_on": dates.DateField}
        widgets = {
            "occurred_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "date_precision": forms.RadioSelect,
            "what_happened": forms.Textarea(attrs={"rows": 6}),
            "causes": forms.Textarea(attrs={"rows": 4}),
            "immediate_action": forms.Textarea(attrs={"rows": 3}),
            "prevention": forms.Textarea(attrs={"rows": 3}),
            "lessons": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, case, guarding=False, **kwargs):
        self.guarding = guarding
        kwargs.setdefault("initial", {"public_attachments": list(case.public_attachments())})
        super().__init__(*args, instance=case, **kwargs)
        self.fields["department"].queryset = department_choices(case)
        self.fields["category"].queryset = Category.objects.filter(
            Q(active=True) | Q(pk=case.category_id)
        )
        self.fields["public_attachments"].queryset = case.report.attachments.all()
        self.located_findings, self._located_texts = [], {}
        self.unreadable = []
        if not self.is_bound:
            self._show_saved_findings(case)

    # -- what the guard reads ------------------------------------------------

    def _show_saved_findings(self, case):
        """On the page as saved: what the guard finds there now, and public files it cannot read."""
        attachments = list(case.public_attachments())
        self.unreadable = publication.unreadable(attachments)
        texts = publication.texts_of(case, attachments)
        self._set_findings(publication.unresolved_in(case, texts), texts)

    def _set_findings(self, located, texts):
        self.located_findings = located
        self._located_texts = dict(texts)
        self.privacy_findings = [finding for _where, finding in located]
        choices = {}
        for finding in self.privacy_findings:
            choices.setdefault(self._key(finding), str(finding))
        self.fields["not_personal_data"].choices = list(choices.items())

    def clean_public_attachments(self):
        """Read each chosen file's text (once); refuse those the guard cannot read."""
        attachments = self.cleaned_data["public_attachments"]
        refused = []
        for attachment in attachments:
            reason = publication.read_text(attachment)
            if reason:
                refused.append(
                    _(
                        "The text of 「%(name)s」 could not be read (%(reason)s), so it cannot "
                        "be checked for personal data: untick it to publish the case without it."
                    )
                    % {"name": attachment.filename, "reason": reason}
                )
        if refused:
            raise forms.ValidationError(refused)
        return attachments

    def privacy_text(self, cleaned_data):
        return "\n".join(text for _where, text in self._texts(cleaned_data))

    def _texts(self, cleaned_data):
        texts = [(name, cleaned_data.get(name) or "") for name in Case.TEXT_FIELDS]
        for attachment in cleaned_data.get("public_attachments") or ():
            texts.append((attachment.filename, attachment.text))
        return texts

    def check_personal_data(self):
        """As the notice editor's, per field and file; standing findings refuse only if guarding."""
        texts = self._texts(self.cleaned_data)
        self._set_findings(publication.unresolved_in(self.instance, texts), texts)
        if not self.privacy_findings:
            return
        chosen = set(self.data.getlist(self.add_prefix("not_personal_data")))
        reason = " ".join((self.data.get(self.add_prefix("privacy_reason")) or "").split())
        ticked = [finding for finding in self.privacy_findings if self._key(finding) in chosen]
        standing = [finding for finding in self.privacy_findings if finding not in ticked]
        if ticked and not reason:
            self.add_error("privacy_reason", _("Write why it is not personal data."))
        elif ticked:
            self.privacy_overrides = (ticked, reason)
        if standing and self.guarding:
            self.add_error(
                None,
                _(
                    "This looks like personal data: %(findings)s. Remove it, or tick it "
                    "as not personal data and write why."
                )
                % {"findings": listed({self._key(f): f for f in standing}.values())},
            )

    # -- what the page shows ---------------------------------------------------

    def findings_cleared(self):
        """(findings, reason) the office judged not personal data, for ``services.save_case``."""
        return getattr(self, "privacy_overrides", None)

    def where_label(self, where):
        return publication.field_label(where) if where in Case.TEXT_FIELDS else where

    def locations(self):
        """[(where label, highlighted text)] for each field or file with findings, in order."""
        grouped = {}
        for where, finding in self.located_findings:
            grouped.setdefault(where, []).append(finding)
        shown = []
        for where, findings in grouped.items():
            text = self._located_texts.get(where, "")
            if where in Case.TEXT_FIELDS:
                shown.append((self.where_label(where), highlighted(text, findings)))
            else:
                shown.append((self.where_label(where), excerpts(text, findings)))
        return shown

    def highlighted_text(self):
        """Every field and file with findings: its name, then its text marked (the notice's box)."""
        return format_html_join(
            "",
            '<h3 class="personal-data__where">{}</h3><p>{}</p>',
            ((label, text) for label, text in self.locations()),
        )
