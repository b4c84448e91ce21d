"""What the guard reports: one ``Finding`` per piece of personal data."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

LABELS = {
    "my_number": _("My Number (individual number)"),
    "corporate_number": _("Corporate number"),
    "phone": _("Phone number"),
    "email": _("E-mail address"),
    "birth_date": _("Date of birth"),
    # "Address" alone already means a network address elsewhere in the catalogue.
    "address": pgettext_lazy("personal data", "Address"),
    "person_name": _("Person's name"),
}
KINDS = tuple(LABELS)


@dataclass(frozen=True, order=True)
class Finding:
    """``text[start:end] == finding.text`` for the text that was scanned."""

    start: int
    end: int
    kind: str
    text: str

    @property
    def label(self):
        return str(LABELS[self.kind])

    def __str__(self):
        return f"{self.label}「{self.text}」"


def listed(findings):
    """The findings for a message: 電話番号「0721-53-1111」、氏名「山田 太郎」."""
    return "、".join(str(finding) for finding in findings)
