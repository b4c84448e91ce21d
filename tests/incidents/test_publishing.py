"""The office's editor of a case, and the personal-data guard at publication."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from incidents import publication, rules, services
from incidents.models import Case, ReportAttachment, ReportStep, State
from incidents.search import case_document
from intranet.privacy.models import PrivacyOverride
from tests.factories import DepartmentFactory, staff_member

from . import factories

pytestmark = pytest.mark.django_db

PHONE = "0721-53-1111"


def confirmed_report(attachments=(), **overrides):
    """(report, office member): a report confirmed by the office, its case drafted."""
    report, _key = factories.submitted_report(attachments=attachments, **overrides)
    office = factories.office_member()
    services.confirm_as_head(report, factories.head_of(report.department))
    services.confirm_as_office(report, office)
    report.refresh_from_db()
    return report, office


def form_data(case, action="save", **changes):
    """The editor's form as the page posts it, from the saved case."""
    data = {
        "title": case.title,
        "department": case.department_id or "",
        "category": case.category_id,
        "level": case.level,
        "rule_axis": case.rule_axis,
        "place": case.place,
        "occurred_on": case.occurred_on.isoformat(),
        "date_precision": case.date_precision,
        "what_happened": case.what_happened,
        "causes": case.causes,
        "immediate_action": case.immediate_action,
        "prevention": case.prevention,
        "lessons": case.lessons,
        "public_attachments": [a.pk for a in case.public_attachments()],
        "action": action,
    }
    data.update(changes)
    return data


def editor_url(report):
    return reverse("incidents:case_edit", args=[report.pk])


def post(client, user, report, data):
    client.force_login(user)
    with translation.override("ja"):
        return client.post(editor_url(report), data, HTTP_ACCEPT_LANGUAGE="ja")


def page_text(response):
    return response.content.decode()


# ---- the editor ----------------------------------------------------------


def test_the_office_sees_the_report_beside_its_public_version(client):
    report, office = confirmed_report()
    client.force_login(office)
    response = client.get(editor_url(report))
    assert response.status_code == 200
    html = page_text(response)
    assert report.what_happened in html
    assert 'name="what_happened"' in html and 'value="publish"' in html
    assert 'value="keep"' in html and 'value="withdraw"' not in html


def test_saving_keeps_the_edits_and_cuts_the_date_to_the_month(client):
    report, office = confirmed_report()
    case = report.case
    response = post(
        client,
        office,
        report,
        form_data(
            case,
            title="封入時の照合漏れ",
            department="",
            occurred_on="2026-01-17",
            date_precision=Case.DatePrecision.MONTH,
        ),
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.title == "封入時の照合漏れ" and case.department is None
    assert case.occurred_on.day == 1 and case.edited_by == office
    assert case.published_at is None


@pytest.mark.parametrize("who", ["reporter", "head", "staff"])
def test_anyone_but_the_office_is_told_the_editor_does_not_exist(client, who):
    writer = factories.reporter()
    report, _office = confirmed_report(user=writer)
    user = {
        "reporter": writer,
        "head": factories.head_of(report.department),
        "staff": staff_member(department=DepartmentFactory(name="市民課")),
    }[who]
    client.force_login(user)
    assert client.get(editor_url(report)).status_code == 404
    response = client.post(editor_url(report), form_data(report.case, action="publish"))
    assert response.status_code == 404
    assert Case.objects.get(pk=report.case.pk).published_at is None


def test_a_report_not_confirmed_by_the_office_has_no_editor(client):
    report, _key = factories.submitted_report()
    client.force_login(factories.office_member())
    assert client.get(editor_url(report)).status_code == 404


def test_hostile_html_in_the_fields_is_kept_as_text_and_escaped(client):
    report, office = confirmed_report()
    hostile = f'<script>alert("x")</script><img src=x onerror=alert(1)> 電話 {PHONE}'
    response = post(client, office, report, form_data(report.case, what_happened=hostile))
    assert response.status_code == 302
    assert Case.objects.get(pk=report.case.pk).what_happened == hostile
    client.force_login(office)
    html = page_text(client.get(editor_url(report)))
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert f'<mark title="電話番号">{PHONE}</mark>' in html  # the finding, highlighted


# ---- the guard -----------------------------------------------------------


@pytest.mark.parametrize("field", Case.TEXT_FIELDS)
def test_a_finding_in_any_text_field_blocks_publishing(client, field):
    report, office = confirmed_report()
    case = report.case
    text = f"問い合わせ先 {PHONE}"
    response = post(client, office, report, form_data(case, action="publish", **{field: text}))
    assert response.status_code == 200
    html = page_text(response)
    with translation.override("ja"):
        label = str(publication.field_label(field))
    assert f'<h3 class="personal-data__where">{label}</h3>' in html
    assert f'<mark title="電話番号">{PHONE}</mark>' in html
    assert text in html  # what the office typed is still in the form
    case.refresh_from_db()
    assert case.published_at is None and getattr(case, field) != text
    assert Case.objects.get(pk=case.pk).report.state == State.OFFICE_CONFIRMED


@pytest.mark.parametrize("field", Case.TEXT_FIELDS)
def test_the_service_refuses_to_publish_a_finding_in_any_text_field(field):
    report, office = confirmed_report()
    Case.objects.filter(pk=report.case.pk).update(**{field: f"連絡先 {PHONE}"})
    with pytest.raises(publication.Unresolved) as refused:
        services.publish(Case.objects.get(pk=report.case.pk), office)
    assert [(where, f.text) for where, f in refused.value.findings] == [(field, PHONE)]
    assert Case.objects.get(pk=report.case.pk).published_at is None


def test_a_finding_in_a_public_attachments_text_blocks_publishing(client):
    report, office = confirmed_report(attachments=[("回収記録.txt", f"受取人の電話 {PHONE}")])
    attachment = report.attachments.get()
    data = form_data(report.case, action="publish", public_attachments=[attachment.pk])
    response = post(client, office, report, data)
    assert response.status_code == 200
    html = page_text(response)
    assert '<h3 class="personal-data__where">回収記録.txt</h3>' in html
    assert f'<mark title="電話番号">{PHONE}</mark>' in html
    attachment.refresh_from_db()
    assert attachment.text_read and PHONE in attachment.text
    assert not attachment.public and report.case.published_at is None
    with pytest.raises(publication.Unresolved):
        ReportAttachment.objects.filter(pk=attachment.pk).update(public=True)
        services.publish(Case.objects.get(pk=report.case.pk), office)


def test_an_attachment_not_public_is_not_scanned(client):
    report, office = confirmed_report(attachments=[("回収記録.txt", f"受取人の電話 {PHONE}")])
    response = post(client, office, report, form_data(report.case, action="publish"))
    assert response.status_code == 302
    attachment = report.attachments.get()
    assert not attachment.text_read and attachment.text == ""
    assert Case.objects.get(pk=report.case.pk).published_at is not None


def test_an_attachment_whose_text_cannot_be_read_cannot_go_public(client):
    report, office = confirmed_report(attachments=[("現場写真.pdf", "not a pdf at all")])
    attachment = report.attachments.get()
    data = form_data(report.case, action="publish", public_attachments=[attachment.pk])
    response = post(client, office, report, data)
    assert response.status_code == 200
    assert "「現場写真.pdf」" in page_text(response)
    assert "外して" in page_text(response)
    assert Case.objects.get(pk=report.case.pk).published_at is None
    assert not ReportAttachment.objects.get(pk=attachment.pk).public
    # Taken out of the public set, the case goes out without it.
    response = post(client, office, report, form_data(report.case, action="publish"))
    assert response.status_code == 302
    assert Case.objects.get(pk=report.case.pk).published_at is not None


def test_an_override_with_a_reason_unblocks_publishing(client):
    report, office = confirmed_report(attachments=[("案内.txt", f"代表電話 {PHONE}")])
    attachment = report.attachments.get()
    data = form_data(
        report.case,
        action="publish",
        lessons=f"市の代表電話 {PHONE} へ",
        public_attachments=[attachment.pk],
        not_personal_data=[f"phone:{PHONE}"],
        privacy_reason="市役所の代表番号で、市の公式サイトに載っている",
    )
    response = post(client, office, report, data)
    assert response.status_code == 302
    case = Case.objects.get(pk=report.case.pk)
    assert case.published_at is not None and case.report.state == State.PUBLISHED
    recorded = PrivacyOverride.objects.get()
    assert (recorded.text, recorded.overridden_by) == (PHONE, office)
    assert recorded.reason == "市役所の代表番号で、市の公式サイトに載っている"
    assert ReportAttachment.objects.get(pk=attachment.pk).public


def test_an_override_without_a_reason_is_refused_in_japanese(client):
    report, office = confirmed_report()
    data = form_data(
        report.case,
        action="publish",
        lessons=f"市の代表電話 {PHONE} へ",
        not_personal_data=[f"phone:{PHONE}"],
        privacy_reason="   ",
    )
    response = post(client, office, report, data)
    assert response.status_code == 200
    with translation.override("ja"):
        expected = translation.gettext("Write why it is not personal data.")
    assert expected != "Write why it is not personal data." and expected in page_text(response)
    assert not PrivacyOverride.objects.exists()
    assert Case.objects.get(pk=report.case.pk).published_at is None


def test_saving_a_published_case_passes_the_guard_or_saves_nothing(client):
    case = factories.published_case()
    office = factories.office_member()
    response = post(client, office, case.report, form_data(case, lessons=f"電話 {PHONE}"))
    assert response.status_code == 200
    assert PHONE in page_text(response)
    assert PHONE not in Case.objects.get(pk=case.pk).lessons


def test_saving_an_unpublished_case_keeps_a_finding_and_warns(client):
    report, office = confirmed_report()
    response = post(client, office, report, form_data(report.case, lessons=f"電話 {PHONE}"))
    assert response.status_code == 302
    assert PHONE in Case.objects.get(pk=report.case.pk).lessons
    client.force_login(office)
    html = page_text(client.get(editor_url(report)))
    assert f'<mark title="電話番号">{PHONE}</mark>' in html


# ---- what the published case carries ---------------------------------------


def test_the_published_case_names_no_reporter_and_no_day():
    writer = factories.reporter(full_name="河内 花子")
    occurred = timezone.make_aware(datetime(2025, 11, 17, 10, 30))
    report, office = confirmed_report(
        user=writer,
        occurred_at=occurred,
        discovered_at=occurred + timedelta(hours=3),
        what_happened="河内 花子が納税通知書を別の世帯の封筒に封入した。",
    )
    case = report.case
    with pytest.raises(publication.Unresolved):  # the name left in: the guard stops it
        services.publish(case, office)
    fields = {name: getattr(case, name) for name in services.CASE_FIELDS}
    fields.update(what_happened="担当者が納税通知書を別の世帯の封筒に封入した。")
    fields.update(occurred_on=occurred.date(), date_precision=Case.DatePrecision.MONTH)
    case = services.save_and_publish(case, office, fields, [])
    case = Case.objects.get(pk=case.pk)
    assert case.occurred_on.isoformat() == "2025-11-01" and case.occurred_label == "2025年11月"
    values = [str(getattr(case, field.attname)) for field in Case._meta.concrete_fields]
    document = case_document(case)
    values += [str(value) for value in vars(document).values()]
    for value in values:
        assert "河内 花子" not in value and "河内花子" not in value
        assert "2025-11-17" not in value and "11月17日" not in value
    assert case.report.reporter == writer  # only the office's side keeps who wrote it


# ---- two office members at once ------------------------------------------


def test_two_office_members_publishing_at_once_record_one_step(client):
    report, first = confirmed_report()
    second = factories.office_member()
    stale = form_data(report.case, action="publish")
    assert post(client, first, report, stale).status_code == 302
    response = post(client, second, report, stale)
    assert response.status_code == 200
    assert "ほかの人が先に" in page_text(response)
    steps = report.steps.filter(action=ReportStep.Action.PUBLISHED)
    assert steps.count() == 1 and steps.get().actor == first


def test_a_second_publish_through_the_service_is_told_the_report_moved_on():
    report, office = confirmed_report()
    fields = {name: getattr(report.case, name) for name in services.CASE_FIELDS}
    services.save_and_publish(report.case, office, fields, [])
    with pytest.raises(services.StateChanged):
        services.save_and_publish(report.case, factories.office_member(), fields, [])
    assert report.steps.filter(action=ReportStep.Action.PUBLISHED).count() == 1


def test_withdrawing_a_published_case_takes_it_out_of_the_collection(client):
    case = factories.published_case()
    office = factories.office_member()
    response = post(client, office, case.report, {"action": "withdraw"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.published_at is None and case.report.state == State.KEPT
    assert not rules.published_cases().filter(pk=case.pk).exists()
    assert case_document(case) is None
    # A stale second press changes nothing and is told so.
    response = post(client, office, case.report, {"action": "withdraw"})
    assert response.status_code == 302
    assert case.report.steps.filter(action=ReportStep.Action.WITHDRAWN).count() == 1


def test_keeping_a_report_unpublished(client):
    report, office = confirmed_report()
    assert post(client, office, report, {"action": "keep"}).status_code == 302
    report.refresh_from_db()
    assert report.state == State.KEPT and report.case.published_at is None
