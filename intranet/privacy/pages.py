"""The guard on Wagtail pages: a page that leaves the office is not published with personal data.

A page class opts in with ``PersonalDataGuardedPage`` before ``Page`` and says
what it publishes and when the check applies::

    class FaqPage(PersonalDataGuardedPage, Page):
        base_form_class = PersonalDataGuardedPageForm

        def privacy_text(self):          # the text that leaves with the page
            return f"{self.title}\\n{self.answer_text()}"

        def privacy_checked(self):       # only pages that leave the office
            return self.audience == self.Audience.PUBLIC

Publishing (and submitting for approval, whose end is publishing) is then
refused while a finding stands that no reviewer has overridden; the editor
shows the findings (``PersonalDataPanel``) and links to the override screen.
"""

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modelcluster.contrib.taggit import ClusterTaggableManager
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import Panel

from .findings import listed
from .overrides import unresolved

# The editor's buttons whose end is a published page.
PUBLISHING_ACTIONS = ("action-publish", "action-submit", "action-restart-workflow")


class PersonalDataFound(ValidationError):
    def __init__(self, findings):
        self.findings = findings
        super().__init__(blocking_message(findings), code="personal_data")


def publishing_blockers(page):
    """The findings that stop ``page`` (as it is about to be published) from being published."""
    if not page.privacy_checked():
        return []
    return unresolved(page, page.privacy_text())


def blocking_message(findings):
    return _(
        "This page leaves the office, and it contains what looks like personal data: "
        "%(findings)s. Remove it, or, if it is not personal data, record why "
        "(「個人情報ではない」)."
    ) % {"findings": listed(findings)}


class PersonalDataGuardedPage:
    """Mixin for a page class: ``publish`` refuses while findings stand (the last safeguard)."""

    def privacy_text(self):
        raise NotImplementedError

    def privacy_checked(self):
        return True

    def publish(self, revision, *args, **kwargs):
        blockers = publishing_blockers(revision.as_object())
        if blockers:
            raise PersonalDataFound(blockers)
        return super().publish(revision, *args, **kwargs)


class PersonalDataGuardedPageForm(WagtailAdminPageForm):
    """Refuses to publish or submit for approval while findings stand, and says which."""

    def is_publishing(self):
        """Whether what is saved now can end up published without passing this form again.

        That is the publish, submit and approve buttons, and any save while the
        page is in moderation: approving from the dashboard publishes the
        latest version, whoever saved it.
        """
        if any(self.data.get(action) for action in PUBLISHING_ACTIONS):
            return True
        if self.instance.pk and self.instance.workflow_in_progress:
            return True
        return bool(self.data.get("action-workflow-action")) and (
            self.data.get("workflow-action-name") == "approve"
        )

    def _post_clean(self):
        super()._post_clean()  # the instance now holds the form's plain fields
        if self.errors or not self.is_publishing():
            return
        # Tags reach the instance only when the form saves; set them now (in
        # memory, as modelcluster keeps them until the page is saved) so the
        # check reads every word that will be published.
        for field in self.instance._meta.get_fields():
            if isinstance(field, ClusterTaggableManager) and field.name in self.cleaned_data:
                field.save_form_data(self.instance, self.cleaned_data[field.name])
        blockers = publishing_blockers(self.instance)
        if blockers:
            self.add_error(None, blocking_message(blockers))


def highlighted(text, findings):
    """``text`` as HTML with each finding in a <mark> that names its kind."""
    parts, position = [], 0
    for finding in sorted(findings):
        parts.append(format_html("{}", text[position : finding.start]))
        parts.append(format_html('<mark title="{}">{}</mark>', finding.label, finding.text))
        position = finding.end
    parts.append(format_html("{}", text[position:]))
    return format_html_join("", "{}", ((part,) for part in parts))


class PersonalDataPanel(Panel):
    """In the page editor: what the guard found in the saved page, highlighted."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", gettext_lazy("Personal data check"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "intranet/privacy/panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            text = page.privacy_text()
            findings = unresolved(page, text) if page.pk else []
            context.update(
                checked=page.privacy_checked(),
                findings=findings,
                text=highlighted(text, findings) if findings else "",
                override_url=(
                    reverse("intranet_privacy_override", args=[page.pk]) if findings else ""
                ),
            )
            return context
