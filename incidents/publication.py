"""The personal-data guard on a case before it is published.

Every text field of the case and the text of every attachment that goes
public pass ``intranet.privacy``; each finding must be gone or overridden
(with a reason) before ``services.publish`` lets the case out.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from intranet.privacy import overrides


class Unresolved(ValidationError):
    """Findings still stand: ``findings`` lists (field or file name, Finding)."""

    def __init__(self, findings):
        self.findings = findings
        super().__init__(
            _(
                "Personal data may remain in the case: correct it, or override each finding "
                "with a reason."
            )
        )


def unresolved_findings(case):
    """[(where, Finding)] over the case's text fields and its public attachments' text."""
    found = []
    for name in case.TEXT_FIELDS:
        for finding in overrides.unresolved(case, getattr(case, name) or ""):
            found.append((name, finding))
    for attachment in case.public_attachments():
        for finding in overrides.unresolved(case, attachment.text):
            found.append((attachment.filename, finding))
    return found


def check_publishable(case):
    found = unresolved_findings(case)
    if found:
        raise Unresolved(found)
