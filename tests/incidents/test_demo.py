"""The near-miss demo: a year of believable reports, reviewed in order, a dozen published.

The organisation and the whole incidents demo are loaded once for the module
(in a transaction rolled back at its end); each test reads them in a savepoint.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from incidents import demo, publication, rules
from incidents.models import (
    Case,
    Category,
    IncidentReport,
    ReportAttachment,
    ReportMessage,
    ReportStep,
    RuleAxis,
    State,
)
from intranet.demo.staff import load_organisation
from intranet.models import Department
from intranet.privacy.models import PrivacyOverride

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def incidents_demo(django_db_setup, django_db_blocker):
    from django.db import transaction

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            load_organisation()
            demo.load()
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def counts():
    return (
        IncidentReport.objects.count(),
        ReportStep.objects.count(),
        ReportMessage.objects.count(),
        ReportAttachment.objects.count(),
        Case.objects.count(),
        Case.objects.filter(published_at__isnull=False).count(),
    )


def test_a_year_of_reports_across_sections_levels_categories_and_rules():
    reports = IncidentReport.objects.all()
    assert 60 <= reports.count() <= 120
    now = timezone.now()
    oldest = min(reports.values_list("occurred_at", flat=True))
    assert now - timedelta(days=366) <= oldest <= now - timedelta(days=300)
    assert reports.filter(occurred_at__gte=now - timedelta(days=14)).count() >= 3
    levels = [report.level for report in reports]
    assert levels.count(0) + levels.count(1) > len(levels) * 0.6
    assert 1 <= sum(1 for level in levels if level >= 3) <= len(levels) * 0.15
    assert levels.count(4) == 1 and levels.count(5) == 0
    assert set(reports.values_list("category__name", flat=True)) == set(
        Category.objects.values_list("name", flat=True)
    )
    assert set(reports.values_list("rule_axis", flat=True)) == set(RuleAxis.values)
    assert reports.values("department").distinct().count() >= 12
    assert set(reports.values_list("department__kind", flat=True)) == {Department.Kind.KA}


def test_loading_it_again_adds_nothing():
    before = counts()
    demo.load()
    assert counts() == before


def test_about_a_fifth_are_anonymous_and_name_nobody():
    anonymous = IncidentReport.objects.filter(anonymous=True)
    total = IncidentReport.objects.count()
    assert total * 0.15 <= anonymous.count() <= total * 0.25
    assert not anonymous.filter(reporter__isnull=False).exists()
    reporter_steps = ReportStep.objects.filter(
        report__anonymous=True, role=ReportStep.Role.REPORTER
    )
    assert reporter_steps.exists() and not reporter_steps.filter(actor__isnull=False).exists()
    answers = ReportMessage.objects.filter(report__anonymous=True, from_reporter=True)
    assert answers.exists() and not answers.filter(author__isnull=False).exists()
    documents = ReportAttachment.objects.filter(report__anonymous=True)
    assert not documents.filter(document__uploaded_by_user__isnull=False).exists()
    assert not PrivacyOverride.objects.exists()


def test_each_named_reporter_is_staff_of_the_reporting_section_and_not_its_head():
    named = IncidentReport.objects.filter(anonymous=False).select_related(
        "reporter__staff_profile", "department"
    )
    assert named.exists()
    for report in named:
        assert report.reporter.staff_profile.department_id == report.department_id, report
        assert not rules.is_head_for(report.reporter, report), report


def test_section_heads_confirm_their_own_sections_and_the_office_login_the_rest():
    steps = ReportStep.objects.select_related("actor", "report__department")
    head_steps = steps.filter(role=ReportStep.Role.SECTION_HEAD)
    assert head_steps.exists()
    for step in head_steps:
        assert rules.is_head_for(step.actor, step.report), step
    office_actors = set(
        steps.filter(role=ReportStep.Role.OFFICE).values_list("actor__username", flat=True)
    )
    assert office_actors == {demo.OFFICE_LOGIN}


def test_times_run_in_order_and_none_is_in_the_future():
    now = timezone.now()
    for report in IncidentReport.objects.prefetch_related("steps", "messages"):
        assert report.occurred_at <= report.discovered_at <= report.reported_at <= now, report
        moments = [step.at for step in report.steps.all()]
        assert moments == sorted(moments) and moments[0] == report.reported_at, report
        assert all(message.at <= now for message in report.messages.all())
        assert moments[-1] <= now, report


def test_states_spread_as_in_a_working_office():
    reports = IncidentReport.objects.all()
    states = {state: reports.filter(state=state).count() for state in State.values}
    assert states[State.REPORTED] >= 2 and states[State.HEAD_CONFIRMED] >= 2
    assert states[State.OFFICE_CONFIRMED] >= 1 and states[State.KEPT] >= 10
    assert states[State.RETURNED] == 1
    returned = reports.get(state=State.RETURNED)
    assert returned.steps.get(action=ReportStep.Action.SENT_BACK).comment
    assert returned.due_at > timezone.now()
    assert ReportStep.objects.filter(action=ReportStep.Action.RESUBMITTED).exists()


def test_one_level_three_report_is_overdue_awaiting_its_section_head():
    now = timezone.now()
    overdue = IncidentReport.objects.filter(
        state__in=[State.REPORTED, State.RETURNED], due_at__lt=now
    )
    assert overdue.count() == 1
    report = overdue.get()
    assert report.level >= 3 and report.state == State.REPORTED
    assert report.overdue_notified_at is not None


def test_a_few_reports_carry_a_question_and_most_an_answer():
    asked = IncidentReport.objects.filter(messages__from_reporter=False).distinct()
    answered = IncidentReport.objects.filter(messages__from_reporter=True).distinct()
    assert asked.count() >= 2 and 1 <= answered.count() < asked.count()


def test_a_dozen_published_cases_pass_the_personal_data_guard():
    published = Case.objects.filter(published_at__isnull=False).select_related("report")
    assert published.count() == 12
    assert set(published.values_list("report__state", flat=True)) == {State.PUBLISHED}
    for case in published:
        publication.check_publishable(case)
        assert case.published_at <= timezone.now()
    precisions = list(published.values_list("date_precision", flat=True))
    assert precisions.count(Case.DatePrecision.MONTH) > len(precisions) / 2
    assert published.filter(department__isnull=True).exists()
    assert published.values("category").distinct().count() >= 5


def test_attachments_are_few_and_one_went_public_with_its_case():
    attachments = ReportAttachment.objects.select_related("report")
    assert 1 <= attachments.count() <= 3
    public = attachments.get(public=True)
    assert public.report.state == State.PUBLISHED and public.text_read and public.text
    assert not attachments.filter(draft__isnull=False).exists()


def test_no_text_carries_markup():
    texts = []
    for report in IncidentReport.objects.all():
        texts += [report.title, report.what_happened, report.immediate_action]
        texts += [report.prevention, report.lessons, *report.why_chain]
    for case in Case.objects.all():
        texts += [getattr(case, name) for name in Case.TEXT_FIELDS]
    texts += list(ReportStep.objects.values_list("comment", flat=True))
    texts += list(ReportMessage.objects.values_list("body", flat=True))
    texts += list(ReportAttachment.objects.values_list("text", flat=True))
    assert all(text.strip() == text or text.endswith("\n") for text in texts if text)
    assert not [text for text in texts if "<" in text or ">" in text or "&" in text]


def test_a_small_demo_keeps_the_reports_with_a_part_to_play(monkeypatch):
    monkeypatch.setattr(demo, "REPORTS", 6)
    plans = demo.chosen(demo.plan_all(timezone.now()))
    assert len(plans) == 6
    assert any(plan.variant.publish for plan in plans)
    assert {"overdue", "public_attachment"} <= {plan.role for plan in plans}


def test_the_same_plan_each_load():
    now = timezone.now()
    first, second = demo.plan_all(now), demo.plan_all(now)
    assert [(p.title, p.occurred_at, p.anonymous) for p in first] == [
        (p.title, p.occurred_at, p.anonymous) for p in second
    ]
