"""The personal-data guard for what staff publish from a form (a notice, a post).

A form that mixes in ``PersonalDataCheckedForm`` and names the text it
publishes (``privacy_text``) refuses to save while the guard finds something
in it. The form then shows the text with each finding highlighted and offers
two ways on: remove it, or tick it as 「個人情報ではない」 and give a reason,
which is recorded (``intranet.privacy.overrides``) once the object is saved.
"""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intranet.privacy.findings import listed
from intranet.privacy.overrides import override, unresolved
from intranet.privacy.pages import highlighted


class FindingsField(forms.MultipleChoiceField):
    """The 「個人情報ではない」 ticks.

    The findings, and so the choices, are known only once the text is
    cleaned, after each field has been validated; so any tick is accepted
    here and ``check_personal_data`` compares the ticks with the findings.
    """

    def valid_value(self, value):
        return True


class PersonalDataCheckedForm(forms.Form):
    not_personal_data = FindingsField(
        label=gettext_lazy("Not personal data"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    privacy_reason = forms.CharField(
        label=gettext_lazy("Why it is not personal data"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    privacy_findings = ()

    def privacy_text(self, cleaned_data):
        """The text that will be published, from the cleaned data."""
        raise NotImplementedError

    def privacy_target(self):
        """The saved object overrides already cover (None before it exists)."""
        instance = getattr(self, "instance", None)
        return instance if instance is not None and instance.pk else None

    def check_personal_data(self):
        findings = unresolved(self.privacy_target(), self._privacy_checked_text)
        self.privacy_findings = findings
        self.fields["not_personal_data"].choices = [
            (self._key(finding), str(finding)) for finding in findings
        ]
        if not findings:
            return
        chosen = set(self.data.getlist(self.add_prefix("not_personal_data")))
        reason = " ".join((self.data.get(self.add_prefix("privacy_reason")) or "").split())
        standing = [finding for finding in findings if self._key(finding) not in chosen]
        if standing:
            self.add_error(
                None,
                _(
                    "This looks like personal data: %(findings)s. Remove it, or tick it "
                    "as not personal data and write why."
                )
                % {"findings": listed(standing)},
            )
        elif not reason:
            self.add_error("privacy_reason", _("Write why it is not personal data."))
        else:
            self.privacy_overrides = (findings, reason)

    def highlighted_text(self):
        """The checked text with every finding marked, for the form's warning."""
        text = getattr(self, "_privacy_checked_text", "")
        return highlighted(text, self.privacy_findings)

    def clean(self):
        cleaned_data = super().clean()
        if not self.errors:
            self._privacy_checked_text = self.privacy_text(cleaned_data)
            self.check_personal_data()
        return cleaned_data

    def record_overrides(self, obj, user, at=None):
        """Call once ``obj`` is saved: store the reviewer's 「個人情報ではない」.

        ``user`` None (with ``at``, the time as coarse as ``obj`` keeps it) for
        text whose writer nobody may know.
        """
        overrides = getattr(self, "privacy_overrides", None)
        if overrides:
            findings, reason = overrides
            override(obj, findings, reason, user, at=at)

    @staticmethod
    def _key(finding):
        return f"{finding.kind}:{finding.text}"
