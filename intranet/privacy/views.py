"""The reviewer's screen: record why a finding on a page is not personal data."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page

from .overrides import override, unresolved


class OverrideForm(forms.Form):
    findings = forms.MultipleChoiceField(
        label=gettext_lazy("Not personal data"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Choose what is not personal data.")},
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        help_text=gettext_lazy("e.g. 「市役所の代表番号で、市の公式サイトに載っている」"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Write why it is not personal data.")},
    )

    def __init__(self, findings, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.by_key = {f"{finding.kind}:{finding.start}": finding for finding in findings}
        self.fields["findings"].choices = [
            (key, str(finding)) for key, finding in self.by_key.items()
        ]

    def clean_reason(self):
        reason = " ".join(self.cleaned_data["reason"].split())
        if not reason:
            raise forms.ValidationError(_("Write why it is not personal data."))
        return reason

    def chosen(self):
        return [self.by_key[key] for key in self.cleaned_data["findings"]]


def page_override(request, pk):
    """Findings on the page's latest version, for an editor of that page to override."""
    page = get_object_or_404(Page, pk=pk).specific
    if not hasattr(page, "privacy_text") or not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    latest = page.get_latest_revision_as_object()
    findings = unresolved(page, latest.privacy_text())
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    form = OverrideForm(findings, request.POST or None)
    if request.method == "POST" and form.is_valid():
        override(page, form.chosen(), form.cleaned_data["reason"], request.user)
        messages.success(
            request, _("Recorded. The page can be published once nothing else stands.")
        )
        return redirect(edit_url)
    return TemplateResponse(
        request,
        "intranet/privacy/override.html",
        {
            "page": page,
            "form": form,
            "findings": findings,
            "edit_url": edit_url,
            "page_title": _("Not personal data"),
        },
    )
