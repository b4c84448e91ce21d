"""Who may see and do what with reports and cases: said once, here.

- A report (``can_view_report``, ``visible_reports``) is read by its named
  reporter, by the section heads of its department (a head of a department
  above it too), and by the administration office. An anonymous report has no
  reporter to match: its writer reads it only with the 照会キー
  (``holds_key``), through the anonymous page.
- A published case (``can_view_case``, ``visible_cases``) is read by every
  staff member; an unpublished one only by those who may read its report.
- An attachment (``may_download``) is downloaded by those who may read its
  report, or by anyone once it went public with a published case.
"""

import hmac

from django.db.models import Q

from intranet import roles

from .models import Case, IncidentReport, ReportAttachment, State


def is_office(user):
    """The administration office (事務局) runs the collection; superusers too."""
    return user.is_authenticated and (user.is_superuser or roles.has_role(user, roles.ADMIN_OFFICE))


def _profile(user):
    return getattr(user, "staff_profile", None) if user.is_authenticated else None


def heads_department_ids(user):
    """Ids of the departments whose reports ``user`` reviews as section head (none if not one)."""
    profile = _profile(user)
    if profile is None or not roles.has_role(user, roles.SECTION_HEAD):
        return []
    return profile.department.descendant_ids()


def is_head_for(user, report):
    """A section head of the report's department, or of a department above it."""
    profile = _profile(user)
    if profile is None or not roles.has_role(user, roles.SECTION_HEAD):
        return False
    return report.department.is_within(profile.department)


def heads_to_notify(department):
    """The section heads nearest ``department``: its own, or else those of the one above, …"""
    from django.contrib.auth import get_user_model

    heads = list(
        get_user_model()
        .objects.filter(is_active=True, groups__name=roles.SECTION_HEAD)
        .select_related("staff_profile")
        .distinct()
    )
    while department is not None:
        nearest = [
            user
            for user in heads
            if getattr(user, "staff_profile", None)
            and user.staff_profile.department_id == department.pk
        ]
        if nearest:
            return nearest
        department = department.parent
    return []


def is_reporter(user, report):
    if report.reporter_id is None or not user.is_authenticated:
        return False
    return report.reporter_id == user.pk


def can_view_report(user, report):
    if not user.is_authenticated:
        return False
    return is_office(user) or is_reporter(user, report) or is_head_for(user, report)


def visible_reports(user, queryset=None):
    """The reports ``user`` may read, for lists and counts (as ``can_view_report`` answers)."""
    queryset = IncidentReport.objects.all() if queryset is None else queryset
    if not user.is_authenticated:
        return queryset.none()
    if is_office(user):
        return queryset
    condition = Q(reporter_id=user.pk)
    department_ids = heads_department_ids(user)
    if department_ids:
        condition |= Q(department_id__in=department_ids)
    return queryset.filter(condition)


def holds_key(report, key):
    """The anonymous reporter's 照会キー opens their report (compared in constant time)."""
    if not report.anonymous or not report.reporter_key_hash or not key:
        return False
    return hmac.compare_digest(report.reporter_key_hash, IncidentReport.hash_key(key.strip()))


def can_edit_as_reporter(user, report):
    """A report sent back (差し戻し) is corrected by its named reporter."""
    return report.state == State.RETURNED and is_reporter(user, report)


def can_review_as_head(user, report):
    return report.state == State.REPORTED and is_head_for(user, report)


def can_review_as_office(user, report):
    return report.state == State.HEAD_CONFIRMED and is_office(user)


def can_ask_reporter(user, report):
    """Reviewers ask the reporter questions while the report is open."""
    return report.is_open and (is_office(user) or is_head_for(user, report))


def can_edit_case(user, case):
    return is_office(user)


def can_view_case(user, case):
    if not user.is_authenticated:
        return False
    if case.published_at is not None:
        return True
    return can_view_report(user, case.report)


def visible_cases(user, queryset=None):
    """Cases ``user`` may read in the collection: the published ones (the office sees all)."""
    queryset = Case.objects.all() if queryset is None else queryset
    if not user.is_authenticated:
        return queryset.none()
    if is_office(user):
        return queryset
    return queryset.filter(published_at__isnull=False)


def published_cases(queryset=None):
    queryset = Case.objects.all() if queryset is None else queryset
    return queryset.filter(published_at__isnull=False)


def can_download_attachment(user, attachment):
    if attachment.draft_id is not None:
        return user.is_authenticated and attachment.draft.owner_id == user.pk
    report = attachment.report
    if report is None:
        return False
    if can_view_report(user, report):
        return True
    if not attachment.public or not user.is_authenticated:
        return False
    case = Case.objects.filter(report=report, published_at__isnull=False).first()
    return case is not None


def attachment_of(document):
    return (
        ReportAttachment.objects.filter(document=document)
        .select_related("draft", "report__department")
        .first()
    )


def may_download(user, document):
    """For ``intranet.files``: a report's file is for those who may read it, or its public case."""
    attachment = attachment_of(document)
    return attachment is not None and can_download_attachment(user, attachment)
