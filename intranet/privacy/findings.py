"""What the guard reports: one ``Finding`` per piece of personal data."""

from dataclasses import dataclass

from django.utils.translation import pgettext_lazy

# In the context "personal data": the catalogue already has "Address" as
# 接続元アドレス (an IP address), and Wagtail has its own e-mail and phone labels.
LABELS = {
    "my_number": pgettext_lazy("personal data", "My Number (individual number)"),
    "corporate_number": pgettext_lazy("personal data", "Corporate number"),
    "phone": pgettext_lazy("personal data", "Phone number"),
    "email": pgettext_lazy("personal data", "E-mail address"),
    "birth_date": pgettext_lazy("personal data", "Date of birth"),
    "address": pgettext_lazy("personal data", "Address"),
    "person_name": pgettext_lazy("personal data", "Person's name"),
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
