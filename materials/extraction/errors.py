"""Why extraction could not read a file: a reason code kept with the material, and its label."""

from django.utils.translation import gettext_lazy as _

REASONS = (
    "encrypted",
    "corrupt",
    "unsupported",
    "too_many_pages",
    "too_large",
    "ocr_unavailable",
    "ocr_failed",
    "no_text",
    "timeout",
)

_LABELS = {
    "encrypted": _("It is encrypted (password-protected)"),
    "corrupt": _("It is corrupt"),
    "unsupported": _("Its format is not supported"),
    "too_many_pages": _("It has too many pages"),
    "too_large": _("It unpacks to more than the limit"),
    "ocr_unavailable": _("It is a scan, and text recognition (OCR) is not installed"),
    "ocr_failed": _("Text recognition (OCR) failed"),
    "no_text": _("No text was found in it"),
    "timeout": _("Reading it took too long"),
}


def reason_choices():
    """(reason, label) pairs, for a model field that keeps a reason."""
    return [(reason, _LABELS[reason]) for reason in REASONS]


def reason_label(reason):
    """The Japanese label shown for ``reason`` (e.g. 暗号化されています)."""
    return _LABELS.get(reason, _LABELS["unsupported"])


class ExtractionFailed(Exception):
    """The file could not be read; ``reason`` is one of ``REASONS``.

    ``detail`` says more for the log (the library's own message); it is not shown to staff.
    """

    def __init__(self, reason, detail=""):
        if reason not in REASONS:
            raise ValueError(f"unknown reason {reason!r}")
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail

    @property
    def label(self):
        return reason_label(self.reason)
