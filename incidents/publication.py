"""The personal-data guard on a case before it is published.

Every text field of the case and the text of every attachment that goes
public pass ``intranet.privacy``; each finding must be gone or overridden
(with a reason) before ``services.publish`` lets the case out. An attachment
goes public only once its text was read: a file the guard cannot read is
a file it cannot vouch for.

Attachments are small (the reports' upload cap), so their text is read in
the request that marks them public, once (``ReportAttachment.text_read``),
in a child process with a time limit (``materials.isolated``) so that no
file can hang the request.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from intranet.privacy import overrides

from .models import Case, ReportAttachment

# Files over this are not read in a request (the reports' upload cap is below it).
DEFAULT_READ_MAX_BYTES = 10 * 1000 * 1000
DEFAULT_READ_SECONDS = 30


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


class Unreadable(ValidationError):
    """Attachments marked public whose text the guard could not read: ``attachments``."""

    def __init__(self, attachments):
        self.attachments = attachments
        names = "、".join(f"「{attachment.filename}」" for attachment in attachments)
        super().__init__(
            ngettext(
                "The text of %(names)s could not be read, so it cannot be checked for personal "
                "data: take it out of the files published with the case.",
                "The text of %(names)s could not be read, so they cannot be checked for personal "
                "data: take them out of the files published with the case.",
                len(attachments),
            )
            % {"names": names}
        )


def published_date(day, precision):
    """The date a case keeps: cut to the 1st when only the month is shown, so no page,
    feed or index built from the case can give the day away."""
    if day is not None and precision == Case.DatePrecision.MONTH:
        return day.replace(day=1)
    return day


def field_label(name):
    """The Japanese name of a case field (「何が起きたか」), for saying where a finding is."""
    return capfirst(Case._meta.get_field(name).verbose_name)


def texts_of(case, attachments=None):
    """[(where, text)] that the case publishes: its text fields, then its public attachments.

    ``where`` is the field's name or the attachment's file name; ``attachments``
    defaults to those marked public.
    """
    attachments = case.public_attachments() if attachments is None else attachments
    texts = [(name, getattr(case, name) or "") for name in case.TEXT_FIELDS]
    texts += [(attachment.filename, attachment.text) for attachment in attachments]
    return texts


def unresolved_in(case, texts):
    """[(where, Finding)] in ``texts`` (as ``texts_of`` gives them) that no override covers."""
    found = []
    for where, text in texts:
        for finding in overrides.unresolved(case, text):
            found.append((where, finding))
    return found


def unresolved_findings(case):
    """[(where, Finding)] over the case's text fields and its public attachments' text."""
    return unresolved_in(case, texts_of(case))


def unreadable(attachments):
    """Those of ``attachments`` whose text was not read, or held none."""
    return [a for a in attachments if not a.text_read or not a.text.strip()]


def check_publishable(case):
    attachments = list(case.public_attachments())
    not_read = unreadable(attachments)
    if not_read:
        raise Unreadable(not_read)
    found = unresolved_in(case, texts_of(case, attachments))
    if found:
        raise Unresolved(found)


def read_text(attachment):
    """Read the attachment's text for the guard, once; returns why it could not be read, or "".

    The text is kept on the attachment (``text``, ``text_read``) whether or
    not the case is saved: it is the file's, not the office's edit.
    """
    from materials import extraction, isolated

    if attachment.text_read:
        return "" if attachment.text.strip() else str(extraction.reason_label("no_text"))
    max_bytes = getattr(settings, "INCIDENTS_ATTACHMENT_READ_MAX_BYTES", DEFAULT_READ_MAX_BYTES)
    if attachment.size > max_bytes:
        return str(extraction.reason_label("too_large"))
    kind = extraction.kind_of(attachment.document.file.name)
    seconds = getattr(settings, "INCIDENTS_ATTACHMENT_READ_SECONDS", DEFAULT_READ_SECONDS)
    reason = ""
    try:
        if kind is None:
            raise extraction.ExtractionFailed("unsupported", attachment.document.file.name)
        extracted = isolated.extract(attachment.document.file.path, kind, seconds=seconds)
    except extraction.ExtractionFailed as failure:
        text, reason = "", str(failure.label)
    except FileNotFoundError:  # storage lost it: nothing to keep, try again next time
        return str(extraction.reason_label("corrupt"))
    else:
        text = "\n".join(part.text for part in extracted.parts)
        if not text.strip():
            reason = str(extraction.reason_label("no_text"))
    attachment.text, attachment.text_read = text, True
    ReportAttachment.objects.filter(pk=attachment.pk).update(text=text, text_read=True)
    return reason
