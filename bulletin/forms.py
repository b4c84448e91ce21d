"""The notice form, the board's filters, and the rules of who may send what to whom."""

import html
import re

from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from intranet import dates
from intranet.autolink import link_addresses
from intranet.forms import (
    DateTimeLocalInput,
    ModelMultipleChoiceField,
    MultipleFileField,
    department_filter_field,
)
from intranet.held_uploads import HoldsUploadsForm
from intranet.models import Department
from intranet.sanitize import clean_html, html_to_plain_text

from . import attachments, rules
from .models import Notice, NoticeCategory, NoticeRead
from .privacy import PersonalDataCheckedForm

BODY_MAX_CHARS = 20_000
MAX_FILES = 10


def body_to_html(text):
    """What was typed into the body box, as the HTML that is stored.

    HTML is kept to the sanitiser's allowlist; plain text becomes paragraphs
    (a blank line between them) with line breaks and links.
    """
    text = (text or "").replace("\r\n", "\n").strip()
    if "<" in text and ">" in text:
        return clean_html(text)
    paragraphs = [part.strip() for part in text.split("\n\n") if part.strip()]
    return "".join(
        "<p>{}</p>".format(link_addresses(part).replace("\n", "<br>")) for part in paragraphs
    )


_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)
_LINK = re.compile(r'<a href="([^"]*)" rel="nofollow">\1</a>')


def typed_text(stored):
    """The text a sender would type to get ``stored`` back, or the stored HTML itself.

    A body typed as plain text is stored as ``<p>`` paragraphs with ``<br>``
    and links: the editor shows it as typed (blank lines between paragraphs).
    HTML that plain text cannot express (lists, bold, a link with other
    words) is shown as it is, so nothing is lost on saving.
    """
    stored = stored or ""
    paragraphs = _PARAGRAPH.findall(stored)
    if not paragraphs or "".join(f"<p>{part}</p>" for part in paragraphs) != stored:
        return stored
    text = "\n\n".join(
        html.unescape(_LINK.sub(r"\1", part.replace("<br>", "\n"))) for part in paragraphs
    )
    return text if body_to_html(text) == stored else stored


class NoticeForm(HoldsUploadsForm, PersonalDataCheckedForm, forms.ModelForm):
    """A notice, its audience and its files.

    Editing a notice offers, for each file already attached, a new version
    to replace it (the earlier one is kept for readers) or its removal.
    """

    AUDIENCE_ALL, AUDIENCE_DEPARTMENTS = "all", "departments"

    audience = forms.ChoiceField(
        label=gettext_lazy("Send to"),
        choices=[
            (AUDIENCE_ALL, gettext_lazy("All staff")),
            (AUDIENCE_DEPARTMENTS, gettext_lazy("Chosen departments")),
        ],
        widget=forms.RadioSelect,
    )
    departments = ModelMultipleChoiceField(
        label=gettext_lazy("Departments"),
        queryset=Department.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    include_sections = forms.BooleanField(
        label=gettext_lazy("Also the sections under a chosen department"),
        required=False,
        initial=True,
    )
    body = forms.CharField(
        label=gettext_lazy("Body"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=gettext_lazy(
            "Leave a blank line between paragraphs. Addresses starting with https:// become links."
        ),
    )
    files = MultipleFileField(
        label=gettext_lazy("Attachments"),
        required=False,
    )
    reset_confirmations = forms.BooleanField(
        label=gettext_lazy("Ask everyone to confirm the changed notice again"),
        required=False,
        help_text=gettext_lazy(
            "For a change readers must know about: every confirmation so far is cleared, "
            "the audience is notified, and readers see what changed."
        ),
    )
    change_note = forms.CharField(
        label=pgettext_lazy("notice", "What changed"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Shown to readers at the top of the notice."),
    )

    class Meta:
        model = Notice
        fields = [
            "title",
            "category",
            "importance",
            "body",
            "starts_at",
            "ends_at",
            "pinned",
            "requires_confirmation",
        ]
        field_classes = {"starts_at": dates.DateTimeField, "ends_at": dates.DateTimeField}
        widgets = {
            "starts_at": DateTimeLocalInput(),
            "ends_at": DateTimeLocalInput(),
            "importance": forms.RadioSelect,
        }
        help_texts = {
            "starts_at": gettext_lazy("A time in the future schedules the notice."),
            "ends_at": gettext_lazy(
                "After this the notice leaves the board and stays in the archive. "
                "Leave empty to keep it on the board."
            ),
            "requires_confirmation": gettext_lazy(
                "Readers are asked to press 「確認しました」, and you can see who has not."
            ),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["category"].queryset = rules.categories_for(user)
        self.fields["category"].empty_label = None
        self.fields["departments"].queryset = rules.audience_choices(user).select_related("parent")
        self.fields["files"].help_text = _(
            "Up to %(count)s files of at most %(limit)s MB each: %(kinds)s."
        ) % {
            "count": MAX_FILES,
            "limit": f"{attachments.max_bytes() / 1_000_000:g}",
            "kinds": "、".join(sorted(attachments.allowed_extensions())),
        }
        if not rules.can_post_to_all_staff(user):
            self.fields["audience"].choices = self.fields["audience"].choices[1:]
            self.fields["audience"].initial = self.AUDIENCE_DEPARTMENTS
            self.fields["audience"].help_text = rules.why_not_all_staff(user)
        notice = self.instance
        if not (notice.pk and notice.requires_confirmation and notice.is_out()):
            # Asking again makes sense only for a 要確認 notice readers have seen.
            del self.fields["reset_confirmations"]
            del self.fields["change_note"]
        if notice.pk:
            self.initial["audience"] = (
                self.AUDIENCE_ALL if notice.audience_all else self.AUDIENCE_DEPARTMENTS
            )
            rows = list(notice.audience.all())
            self.initial["departments"] = [row.department_id for row in rows]
            self.initial["include_sections"] = all(row.include_sections for row in rows)
            self.initial["body"] = typed_text(notice.body)
            self._add_attachment_fields(notice)
        else:
            self.initial.setdefault("audience", self.fields["audience"].choices[0][0])
            self.initial.setdefault("starts_at", timezone.localtime().replace(second=0))

    def _add_attachment_fields(self, notice):
        self.attached = list(notice.attachments.all())
        for item in self.attached:
            self.fields[f"replace_{item.pk}"] = forms.FileField(
                label=_("New version of 「%(name)s」") % {"name": item.file_name},
                required=False,
                validators=[attachments.validate],
                help_text=_(
                    "Readers see the file marked 「添付ファイル更新」; "
                    "the version it replaces stays available to them."
                ),
            )
            self.fields[f"remove_{item.pk}"] = forms.BooleanField(
                label=_("Remove 「%(name)s」 and its earlier versions") % {"name": item.file_name},
                required=False,
            )

    attached = ()

    def attachment_rows(self):
        """Each attached file with its replace and remove fields, for the editor."""
        return [
            {
                "attachment": item,
                "replace": self[f"replace_{item.pk}"],
                "remove": self[f"remove_{item.pk}"],
            }
            for item in self.attached
        ]

    def attachment_changes(self):
        """``(replacements, removals)``: [(attachment, upload)] and [attachment] to apply."""
        data = self.cleaned_data
        replacements = [
            (item, data[f"replace_{item.pk}"])
            for item in self.attached
            if data.get(f"replace_{item.pk}") and not data.get(f"remove_{item.pk}")
        ]
        removals = [item for item in self.attached if data.get(f"remove_{item.pk}")]
        return replacements, removals

    def clean_title(self):
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise forms.ValidationError(_("Enter a title."))
        return title

    def clean_body(self):
        text = self.cleaned_data["body"]
        if len(text) > BODY_MAX_CHARS:
            raise forms.ValidationError(
                _("The body is %(length)s characters long; it may be at most %(limit)s.")
                % {"length": f"{len(text):,}", "limit": f"{BODY_MAX_CHARS:,}"}
            )
        html = body_to_html(text)
        if not html_to_plain_text(html).strip():
            raise forms.ValidationError(_("Write the body of the notice."))
        return html

    def clean_files(self):
        files = self.cleaned_data["files"]
        if len(files) > MAX_FILES:
            raise forms.ValidationError(_("Attach at most %(count)s files.") % {"count": MAX_FILES})
        errors = []
        for upload in files:
            try:
                attachments.validate(upload)
            except forms.ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise forms.ValidationError(errors)
        return files

    def clean(self):
        cleaned = self.cleaned_data
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The end of the display period must come after its start."))
        audience = cleaned.get("audience")
        if audience == self.AUDIENCE_ALL and not rules.can_post_to_all_staff(self.user):
            self.add_error("audience", _("You may not send notices to all staff."))
        if audience == self.AUDIENCE_DEPARTMENTS and not cleaned.get("departments"):
            self.add_error("departments", _("Choose at least one department."))
        category = cleaned.get("category")
        if category is not None and not rules.may_post_in(self.user, category):
            self.add_error("category", _("Your department may not post in this category."))
        if cleaned.get("reset_confirmations") and not cleaned.get("change_note", "").strip():
            self.add_error(
                "change_note", _("Write what changed: readers see it when they confirm again.")
            )
        for item in self.attached:
            if cleaned.get(f"replace_{item.pk}") and cleaned.get(f"remove_{item.pk}"):
                self.add_error(
                    f"replace_{item.pk}",
                    _("Choose a new version or the removal of 「%(name)s」, not both.")
                    % {"name": item.file_name},
                )
        return super().clean()

    def privacy_text(self, cleaned_data):
        return "\n".join(
            [cleaned_data.get("title", ""), html_to_plain_text(cleaned_data.get("body", ""))]
        )


class BoardFilterForm(forms.Form):
    category = forms.ModelChoiceField(
        label=gettext_lazy("Category"),
        queryset=NoticeCategory.objects.all(),
        required=False,
        empty_label=gettext_lazy("All categories"),
    )
    sender = department_filter_field()
    importance = forms.TypedChoiceField(
        label=gettext_lazy("Importance"),
        choices=[("", gettext_lazy("Any importance")), *Notice.Importance.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    UNREAD, UNCONFIRMED = "unread", "unconfirmed"
    status = forms.ChoiceField(
        label=gettext_lazy("My status"),
        choices=[
            ("", gettext_lazy("All notices")),
            (UNREAD, gettext_lazy("Unread only")),
            (UNCONFIRMED, gettext_lazy("Not yet confirmed only")),
        ],
        required=False,
    )
    q = forms.CharField(label=gettext_lazy("Keyword"), required=False, max_length=100)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["sender"].label = _("Sending department")
        self.fields["q"].widget.attrs["type"] = "search"

    def filter(self, notices):
        """Narrow notices the caller already limited to what the user may see."""
        if not self.is_valid():
            return notices
        data = self.cleaned_data
        if data["status"] == self.UNREAD:
            mine = NoticeRead.objects.filter(notice=OuterRef("pk"), user=self.user)
            notices = notices.filter(~Exists(mine))
        elif data["status"] == self.UNCONFIRMED:
            notices = notices.waiting_for(self.user)
        for word in data["q"].split():
            notices = notices.filter(Q(title__icontains=word) | Q(body__icontains=word))
        if data["category"]:
            notices = notices.filter(category=data["category"])
        if data["sender"]:
            notices = notices.filter(sender_id__in=data["sender"].descendant_ids())
        if data["importance"] is not None:
            notices = notices.filter(importance=data["importance"])
        return notices


class WithdrawForm(forms.Form):
    confirm = forms.BooleanField(
        label=gettext_lazy("Withdraw this notice from the board and the archive"),
        error_messages={"required": gettext_lazy("Tick the box to withdraw the notice.")},
    )
