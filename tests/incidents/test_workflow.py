"""The review workflow through the services: states, steps, notifications, anonymity."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from incidents import rules, services
from incidents.models import IncidentReport, ReportDraft, ReportStep, State
from intranet.models import Notification
from tests.factories import DepartmentFactory

from . import factories

pytestmark = pytest.mark.django_db


def test_a_named_report_goes_through_to_the_collection():
    department = DepartmentFactory(name="税務課")
    writer = factories.reporter(department)
    head = factories.head_of(department)
    office = factories.office_member()
    report, key = factories.submitted_report(user=writer)
    assert key is None and report.reporter == writer and report.state == State.REPORTED
    assert not ReportDraft.objects.exists()
    assert Notification.objects.filter(recipient=head, url=report.get_absolute_url()).exists()

    services.confirm_as_head(report, head)
    services.confirm_as_office(report, office)
    report.refresh_from_db()
    case = services.publish(report.case, office)
    report.refresh_from_db()
    assert report.state == State.PUBLISHED and case.published_at is not None
    actions = list(report.steps.values_list("action", "role", "actor_id"))
    assert actions == [
        (ReportStep.Action.SUBMITTED, ReportStep.Role.REPORTER, writer.pk),
        (ReportStep.Action.HEAD_CONFIRMED, ReportStep.Role.SECTION_HEAD, head.pk),
        (ReportStep.Action.OFFICE_CONFIRMED, ReportStep.Role.OFFICE, office.pk),
        (ReportStep.Action.PUBLISHED, ReportStep.Role.OFFICE, office.pk),
    ]
    assert Notification.objects.filter(recipient=writer).count() == 3


def test_an_anonymous_report_names_nobody_and_opens_with_its_key():
    writer = factories.reporter()
    report, key = factories.submitted_report(
        user=writer, anonymous=True, attachments=[("メモ.txt", "封入の手順メモ")]
    )
    report = IncidentReport.objects.get(pk=report.pk)
    assert report.reporter is None and report.anonymous
    assert report.steps.get().actor is None
    assert report.attachments.get().document.uploaded_by_user is None
    assert not rules.can_view_report(writer, report)
    assert rules.holds_key(report, key) and not rules.holds_key(report, key + "x")
    assert key not in report.reporter_key_hash


def test_a_section_head_of_another_department_may_not_review():
    report, _key = factories.submitted_report()
    other_head = factories.head_of(DepartmentFactory(name="市民課"))
    with pytest.raises(PermissionDenied):
        services.confirm_as_head(report, other_head)
    assert IncidentReport.objects.get(pk=report.pk).state == State.REPORTED


def test_a_second_reviewer_is_told_the_report_moved_on():
    report, _key = factories.submitted_report()
    head = factories.head_of(report.department)
    services.confirm_as_head(report, head)
    with pytest.raises(services.StateChanged):
        services.confirm_as_head(report, head)


def test_level_three_needs_a_cause_and_dates_must_make_sense():
    department = DepartmentFactory()
    with pytest.raises(ValidationError) as raised:
        services.check_report_fields(factories.report_fields(department, level=3, why_chain=[]))
    assert "why_chain" in raised.value.message_dict
    fields = factories.report_fields(department)
    fields["discovered_at"] = fields["occurred_at"].replace(year=fields["occurred_at"].year - 1)
    with pytest.raises(ValidationError) as raised:
        services.check_report_fields(fields)
    assert "discovered_at" in raised.value.message_dict
