"""The one path every report takes, from its draft to the office's decision.

Views, the demo loader and the tasks call these; each checks who may act and
the report's state, writes in one transaction with the report's row locked
(two reviewers pressing at once: the second is told it already moved on),
records the step, and notifies whom the step concerns.

Anonymity is kept here: an anonymous report is written with no reporter,
its reporter's steps and answers with no actor or author, its attachments'
documents with no uploader, and no notification goes to its reporter (whom
the system does not know). Times the reporter's own acts leave are cut to
the minute.
"""

import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import intranet
from intranet.privacy.overrides import override

from . import deadlines, files, rules
from .models import (
    Case,
    IncidentReport,
    ReportAttachment,
    ReportDraft,
    ReportMessage,
    ReportStep,
    State,
)
from .models.reports import CAUSE_REQUIRED_FROM_LEVEL

REPORT_FIELDS = (
    "title",
    "department",
    "occurred_at",
    "discovered_at",
    "place",
    "category",
    "rule_axis",
    "level",
    "what_happened",
    "why_chain",
    "immediate_action",
    "prevention",
    "lessons",
    "residents_affected",
    "residents_count",
)


class StateChanged(Exception):
    """The report moved on since the page was shown (someone else acted): nothing was saved."""


def _minute(moment):
    return moment.replace(second=0, microsecond=0)


def _lock(report, *expected_states):
    locked = IncidentReport.objects.select_for_update().get(pk=report.pk)
    if expected_states and locked.state not in expected_states:
        raise StateChanged
    return locked


def _checked_text(text, field):
    """``text`` as given, unless it holds a character no database column may keep (NUL)."""
    if "\x00" in text:
        # Django's own message for this reads 「何か文字を入力してください。」 in Japanese.
        raise ValidationError(
            {field: _("The text holds a character that cannot be saved (NUL): remove it.")}
        )
    return text


def _step(report, action, role, actor, comment="", at=None):
    comment = _checked_text(comment, "comment")
    at = at or timezone.now()
    if role == ReportStep.Role.REPORTER and report.anonymous:
        actor, at = None, _minute(at)
    return ReportStep.objects.create(
        report=report,
        action=action,
        role=role,
        actor=actor,
        state_after=report.state,
        comment=comment,
        at=at,
    )


def check_report_fields(fields, now=None):
    """The rules a report must meet to be sent; raises ValidationError naming each field."""
    now = now or timezone.now()
    errors = {}
    occurred, discovered = fields.get("occurred_at"), fields.get("discovered_at")
    if occurred and occurred > now:
        errors["occurred_at"] = _("It cannot have happened in the future.")
    if discovered and discovered > now:
        errors["discovered_at"] = _("It cannot have been found in the future.")
    if occurred and discovered and discovered < occurred:
        errors["discovered_at"] = _("It cannot have been found before it happened.")
    level = fields.get("level")
    if level is not None and level >= CAUSE_REQUIRED_FROM_LEVEL:
        if not any(step.strip() for step in fields.get("why_chain") or []):
            errors["why_chain"] = _(
                "From level %(level)s on, say why it happened before sending the report."
            ) % {"level": CAUSE_REQUIRED_FROM_LEVEL}
    if fields.get("residents_affected") and not fields.get("residents_count"):
        errors["residents_count"] = _("Say how many residents were affected.")
    if errors:
        raise ValidationError(errors)


def _notify_heads(report, message):
    heads = rules.heads_to_notify(report.department)
    intranet.notify_many(heads, message, report.get_absolute_url())


def _notify_office(report, message):
    from django.contrib.auth import get_user_model

    from intranet import roles

    office = get_user_model().objects.filter(groups__name=roles.ADMIN_OFFICE, is_active=True)
    intranet.notify_many(office.distinct(), message, report.get_absolute_url())


def _notify_reporter(report, message):
    """Tell a named reporter; an anonymous one is not known, so nobody is told."""
    if report.reporter_id is not None:
        intranet.notify(report.reporter, message, report.get_absolute_url())


def _label(report):
    return f"{report.number}「{report.title[:40]}」"


# ---- drafts ---------------------------------------------------------------


def save_draft(user, data, draft=None):
    """Keep what the writer typed so far (any state of completeness); returns the draft."""
    if draft is None:
        return ReportDraft.objects.create(owner=user, data=data)
    if draft.owner_id != user.pk:
        raise PermissionDenied
    draft.data = data
    draft.save(update_fields=["data", "updated_at"])
    return draft


def attach_to_draft(draft, user, upload, name, kind):
    if draft.owner_id != user.pk:
        raise PermissionDenied
    return ReportAttachment.objects.create(
        draft=draft,
        document=files.store(upload, kind, user),
        filename=name,
        size=upload.size,
    )


@transaction.atomic
def submit(draft, user, fields, anonymous=False, related_cases=(), now=None):
    """Send the draft as a report; returns (report, key) — the 照会キー for an anonymous one.

    ``fields`` are the form's cleaned report fields (``REPORT_FIELDS``).
    The draft is deleted: the report starts with no trace of who wrote it
    when ``anonymous``.
    """
    now = now or timezone.now()
    draft = ReportDraft.objects.select_for_update().filter(pk=draft.pk, owner=user).first()
    if draft is None:
        raise PermissionDenied
    check_report_fields(fields, now)
    key = secrets.token_urlsafe(12) if anonymous else None
    report = IncidentReport.objects.create(
        **{name: fields[name] for name in REPORT_FIELDS if name in fields},
        reporter=None if anonymous else user,
        anonymous=anonymous,
        reporter_key_hash=IncidentReport.hash_key(key) if anonymous else "",
        state=State.REPORTED,
        reported_at=_minute(now) if anonymous else now,
        due_at=deadlines.due_at(fields["level"], fields["discovered_at"]),
    )
    if related_cases:
        cases = rules.published_cases().filter(pk__in=[c.pk for c in related_cases])
        report.related_cases.set(cases)
    attachments = list(draft.attachments.select_related("document"))
    ReportAttachment.objects.filter(pk__in=[a.pk for a in attachments]).update(
        draft=None, report=report
    )
    if anonymous:
        files.forget_uploader([a.document for a in attachments])
    draft.delete()
    _step(report, ReportStep.Action.SUBMITTED, ReportStep.Role.REPORTER, user, at=now)
    _notify_heads(
        report,
        _("A mistake or near-miss report awaits your confirmation: %(report)s")
        % {"report": _label(report)},
    )
    return report, key


@transaction.atomic
def resubmit(report, fields, user=None, key=None, comment="", now=None):
    """The reporter corrects a report sent back and sends it again (by login or by 照会キー)."""
    now = now or timezone.now()
    report = _lock(report, State.RETURNED)
    if not (rules.is_reporter(user, report) if user else rules.holds_key(report, key)):
        raise PermissionDenied
    check_report_fields(fields, now)
    for name in REPORT_FIELDS:
        if name in fields:
            setattr(report, name, fields[name])
    report.state = State.REPORTED
    report.due_at = deadlines.due_at(report.level, report.discovered_at)
    report.save()
    _step(report, ReportStep.Action.RESUBMITTED, ReportStep.Role.REPORTER, user, comment, now)
    message = _("A report sent back was corrected: %(report)s") % {"report": _label(report)}
    _notify_heads(report, message)
    return report


# ---- review ---------------------------------------------------------------


@transaction.atomic
def confirm_as_head(report, user, comment="", now=None):
    report = _lock(report, State.REPORTED)
    if not rules.is_head_for(user, report):
        raise PermissionDenied
    report.state = State.HEAD_CONFIRMED
    report.save(update_fields=["state", "updated_at"])
    role = ReportStep.Role.SECTION_HEAD
    _step(report, ReportStep.Action.HEAD_CONFIRMED, role, user, comment, now)
    _notify_office(
        report,
        _("A report confirmed by its section head awaits the office: %(report)s")
        % {"report": _label(report)},
    )
    _notify_reporter(
        report,
        _("Your report was confirmed by the section head: %(report)s") % {"report": _label(report)},
    )
    return report


@transaction.atomic
def send_back(report, user, comment, now=None):
    """A section head sends a report back to its reporter; the office, back to the section head."""
    if not comment.strip():
        raise ValidationError({"comment": _("Say what should be corrected.")})
    report = _lock(report, State.REPORTED, State.HEAD_CONFIRMED, State.OFFICE_CONFIRMED)
    if report.state == State.REPORTED and rules.is_head_for(user, report):
        report.state, role = State.RETURNED, ReportStep.Role.SECTION_HEAD
    elif report.state in (State.HEAD_CONFIRMED, State.OFFICE_CONFIRMED) and rules.is_office(user):
        report.state, role = State.REPORTED, ReportStep.Role.OFFICE
    else:
        raise PermissionDenied
    report.save(update_fields=["state", "updated_at"])
    _step(report, ReportStep.Action.SENT_BACK, role, user, comment, now)
    message = _("A report was sent back with a comment: %(report)s") % {"report": _label(report)}
    if report.state == State.RETURNED:
        _notify_reporter(report, message)
    else:
        _notify_heads(report, message)
    return report


def _case_from(report, user):
    """The case as first drafted: the report's text, its date cut to the month (the default)."""
    from . import publication

    return Case(
        report=report,
        title=report.title,
        department=report.department,
        category=report.category,
        level=report.level,
        rule_axis=report.rule_axis,
        place=report.place,
        occurred_on=publication.published_date(
            timezone.localtime(report.occurred_at).date(), Case.DatePrecision.MONTH
        ),
        what_happened=report.what_happened,
        causes=report.causes_text,
        immediate_action=report.immediate_action,
        prevention=report.prevention,
        lessons=report.lessons,
        edited_by=user,
    )


@transaction.atomic
def confirm_as_office(report, user, comment="", now=None):
    """The office confirms; the report's public version (its ``Case``) is started from it."""
    report = _lock(report, State.HEAD_CONFIRMED)
    if not rules.is_office(user):
        raise PermissionDenied
    report.state = State.OFFICE_CONFIRMED
    report.save(update_fields=["state", "updated_at"])
    if not Case.objects.filter(report=report).exists():
        _case_from(report, user).save()
    _step(report, ReportStep.Action.OFFICE_CONFIRMED, ReportStep.Role.OFFICE, user, comment, now)
    _notify_reporter(
        report,
        _("Your report was confirmed by the administration office: %(report)s")
        % {"report": _label(report)},
    )
    return report


@transaction.atomic
def keep_private(report, user, comment="", now=None):
    """The office keeps the report without publishing it (非公開); a published case is withdrawn."""
    report = _lock(report, State.HEAD_CONFIRMED, State.OFFICE_CONFIRMED, State.PUBLISHED)
    if not rules.is_office(user):
        raise PermissionDenied
    withdrawn = report.state == State.PUBLISHED
    report.state = State.KEPT
    report.save(update_fields=["state", "updated_at"])
    Case.objects.filter(report=report).update(published_at=None)
    action = ReportStep.Action.WITHDRAWN if withdrawn else ReportStep.Action.KEPT
    _step(report, action, ReportStep.Role.OFFICE, user, comment, now)
    transaction.on_commit(lambda: _reindex_case_of(report.pk), robust=True)
    return report


def _reindex_case_of(report_pk):
    """Index the report's case again after a queryset ``update`` (no ``post_save`` fires).

    ``case.save()`` indexes the case itself through the search registry.
    """
    from search import registry

    case = Case.objects.filter(report_id=report_pk).first()
    if case is not None:
        registry.update(case)


CASE_FIELDS = (
    "title",
    "department",
    "category",
    "level",
    "rule_axis",
    "place",
    "occurred_on",
    "date_precision",
    "what_happened",
    "causes",
    "immediate_action",
    "prevention",
    "lessons",
)


@transaction.atomic
def save_case(case, user, fields, public_attachments, findings_cleared=None):
    """The office saves the public version of a report and chooses the files that go with it.

    ``fields`` are the form's cleaned ``CASE_FIELDS``; ``public_attachments``
    the report's attachments that go public (their text read, see
    ``publication.read_text``). ``findings_cleared`` is (findings, reason):
    findings the office judged not personal data, recorded with the save.
    A published case stays in the collection, so the guard must pass on what
    is saved: otherwise ``publication.Unresolved`` (or ``Unreadable``) is
    raised and nothing is saved.
    """
    from . import publication

    report = _lock(case.report, State.OFFICE_CONFIRMED, State.PUBLISHED, State.KEPT)
    case = Case.objects.select_for_update().get(pk=case.pk)
    if not rules.can_edit_case(user, case):
        raise PermissionDenied
    for name in CASE_FIELDS:
        if name in fields:
            setattr(case, name, fields[name])
    case.occurred_on = publication.published_date(case.occurred_on, case.date_precision)
    case.edited_by = user
    case.save()
    chosen = [attachment.pk for attachment in public_attachments]
    report.attachments.update(public=False)
    report.attachments.filter(pk__in=chosen).update(public=True)
    if findings_cleared:
        findings, reason = findings_cleared
        override(case, findings, reason, user)
    if case.published_at is not None:
        publication.check_publishable(case)
    return case


@transaction.atomic
def publish(case, user, now=None):
    """Put the case in the collection, once the personal-data guard has nothing left on it.

    Raises ``publication.Unresolved`` with the findings that still stand.
    """
    from . import publication

    now = now or timezone.now()
    report = _lock(case.report, State.OFFICE_CONFIRMED, State.KEPT)
    if not rules.is_office(user):
        raise PermissionDenied
    case = Case.objects.select_for_update().get(pk=case.pk)
    publication.check_publishable(case)
    case.published_at = now
    case.edited_by = user
    case.save(update_fields=["published_at", "edited_by", "updated_at"])
    report.state = State.PUBLISHED
    report.save(update_fields=["state", "updated_at"])
    _step(report, ReportStep.Action.PUBLISHED, ReportStep.Role.OFFICE, user, at=now)
    _notify_reporter(
        report, _("A case was published from your report: %(report)s") % {"report": _label(report)}
    )
    return case


@transaction.atomic
def save_and_publish(case, user, fields, public_attachments, findings_cleared=None, now=None):
    """Save the office's last edits and publish, or neither (the guard or a colleague first)."""
    case = save_case(case, user, fields, public_attachments, findings_cleared)
    return publish(case, user, now)


# ---- questions to the reporter -------------------------------------------


@transaction.atomic
def ask_reporter(report, user, body, now=None):
    if not body.strip():
        raise ValidationError({"body": _("Write the question.")})
    body = _checked_text(body, "body")
    report = _lock(report)
    if not rules.can_ask_reporter(user, report):
        raise PermissionDenied
    message = ReportMessage.objects.create(
        report=report, author=user, body=body, at=now or timezone.now()
    )
    _notify_reporter(
        report,
        _("A reviewer asked a question about your report: %(report)s") % {"report": _label(report)},
    )
    return message


@transaction.atomic
def answer(report, body, user=None, key=None, now=None):
    """The reporter answers on the report: by login if named, by 照会キー if anonymous."""
    if not body.strip():
        raise ValidationError({"body": _("Write the answer.")})
    body = _checked_text(body, "body")
    report = _lock(report)
    if report.anonymous:
        if not rules.holds_key(report, key):
            raise PermissionDenied
        author, at = None, _minute(now or timezone.now())
    else:
        if not rules.is_reporter(user, report):
            raise PermissionDenied
        author, at = user, now or timezone.now()
    message = ReportMessage.objects.create(
        report=report, author=author, from_reporter=True, body=body, at=at
    )
    asked = set(
        report.messages.filter(from_reporter=False, author__isnull=False).values_list(
            "author_id", flat=True
        )
    )
    from django.contrib.auth import get_user_model

    intranet.notify_many(
        get_user_model().objects.filter(pk__in=asked),
        _("The reporter answered on %(report)s") % {"report": _label(report)},
        report.get_absolute_url(),
    )
    return message


# ---- deadlines ------------------------------------------------------------


def flag_overdue(now=None):
    """Tell section heads, once, of their department's reports whose review is overdue.

    Returns the reports flagged. Run by the periodic task (``tasks``).
    """
    now = now or timezone.now()
    flagged = []
    overdue = IncidentReport.objects.filter(
        state__in=[State.REPORTED, State.RETURNED], due_at__lt=now, overdue_notified_at__isnull=True
    ).select_related("department")
    for report in overdue:
        with transaction.atomic():
            updated = IncidentReport.objects.filter(
                pk=report.pk, overdue_notified_at__isnull=True
            ).update(overdue_notified_at=now)
            if not updated:
                continue
            _notify_heads(
                report,
                _("A report's review is overdue: %(report)s") % {"report": _label(report)},
            )
            flagged.append(report)
    return flagged
