"""The anonymous reporter through the views: the receipt, the 照会キー page, and no trace."""

import logging
import re

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import reverse

from incidents import services
from incidents.models import IncidentReport, ReportMessage, State
from tests.factories import DepartmentFactory

from . import factories
from .test_reporting import form_data, txt

pytestmark = pytest.mark.django_db


@pytest.fixture
def writer():
    return factories.reporter(DepartmentFactory(name="市民課"))


@pytest.fixture
def writer_client(client, writer):
    client.force_login(writer)
    return client


def send_anonymously(client, writer, **overrides):
    """The whole flow a writer takes: new report, autosave, a file, 「報告する」 anonymously."""
    response = client.get(reverse("incidents:report_new"))
    draft_url = response.url
    client.post(draft_url.rstrip("/") + "/autosave/", {"title": "書きかけ"})
    data = form_data(writer.staff_profile.department, submit="1", anonymous="on", **overrides)
    data["files"] = [txt()]
    return client.post(draft_url, data)


def key_of(response):
    return re.search(r"data-receipt-key>([^<]+)<", response.content.decode()).group(1)


def test_the_receipt_is_the_answer_to_the_post_with_the_number_and_the_key_once(
    writer_client, writer
):
    response = send_anonymously(writer_client, writer)
    report = IncidentReport.objects.get()
    assert response.status_code == 200  # no redirect naming the report
    page = response.content.decode()
    key = key_of(response)
    assert report.number in page and services.rules.holds_key(report, key)
    assert "no-store" in response["Cache-Control"]
    assert report.anonymous and report.reporter is None
    assert key not in str(writer_client.session.items())


def _rows_naming(user):
    """(model label, pk) of every row whose foreign key to the user model points at ``user``."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    rows = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if (
                (getattr(field, "many_to_one", False) or getattr(field, "one_to_one", False))
                and field.concrete
                and field.related_model is user_model
            ):
                for pk in model._default_manager.filter(**{field.name: user}).values_list(
                    "pk", flat=True
                ):
                    rows.add((model._meta.label, field.name, pk))
    return rows


def test_no_row_anywhere_names_the_anonymous_writer(writer_client, writer):
    before = _rows_naming(writer)
    factories.head_of(writer.staff_profile.department)  # someone is notified
    send_anonymously(writer_client, writer)
    report = IncidentReport.objects.get()
    assert _rows_naming(writer) - before == set()
    # The channels named in the promise, one by one.
    from wagtail.documents import get_document_model
    from wagtail.models import ModelLogEntry, PageLogEntry

    from intranet.models import Notification

    document = report.attachments.get().document
    assert get_document_model().objects.get(pk=document.pk).uploaded_by_user_id is None
    assert not Notification.objects.filter(recipient=writer).exists()
    if apps.is_installed("django.contrib.admin"):
        from django.contrib.admin.models import LogEntry

        assert not LogEntry.objects.filter(user=writer).exists()
    assert not ModelLogEntry.objects.filter(user=writer).exists()
    assert not PageLogEntry.objects.filter(user=writer).exists()
    assert report.steps.get().actor_id is None


def test_the_logs_of_the_whole_flow_never_put_the_writer_beside_the_report(
    writer_client, writer, caplog
):
    caplog.set_level(logging.DEBUG)
    response = send_anonymously(writer_client, writer)
    key = key_of(response)
    report = IncidentReport.objects.get()
    head = factories.head_of(report.department)
    services.ask_reporter(report, head, "封入の手順を教えてください。")
    writer_client.post(
        reverse("incidents:anonymous"), {"key": key, "action": "answer", "body": "二人で確認"}
    )
    for record in caplog.records:
        text = record.getMessage() + " " + " ".join(str(arg) for arg in record.__dict__.values())
        if report.number in text or f"reports/{report.pk}/" in text:
            assert writer.get_username() not in text
            assert f"user {writer.pk}" not in text and f"user_id={writer.pk}" not in text


def test_the_key_page_asks_for_the_key_by_post_only(writer_client):
    page = writer_client.get(reverse("incidents:anonymous")).content.decode()
    assert 'method="post"' in page and 'name="key"' in page
    # A key in the address opens nothing.
    response = writer_client.get(reverse("incidents:anonymous"), {"key": "whatever"})
    assert 'value="whatever"' not in response.content.decode()
    assert "report" not in response.context


def test_a_wrong_key_and_an_unknown_key_get_the_same_message(writer_client, writer):
    key = key_of(send_anonymously(writer_client, writer))
    wrong = writer_client.post(reverse("incidents:anonymous"), {"key": key[:-1] + "?"})
    unknown = writer_client.post(reverse("incidents:anonymous"), {"key": "x" * 16})
    empty = writer_client.post(reverse("incidents:anonymous"), {"key": ""})
    long = writer_client.post(reverse("incidents:anonymous"), {"key": "y" * 5000})
    for response in (wrong, unknown, empty, long):
        assert response.status_code == 200 and response.context["form"].wrong
        assert "No.1" not in response.content.decode()
        assert "report" not in response.context


def test_with_the_key_the_writer_reads_questions_and_answers(writer_client, writer):
    key = key_of(send_anonymously(writer_client, writer))
    report = IncidentReport.objects.get()
    head = factories.head_of(report.department)
    services.ask_reporter(report, head, "封入の手順を教えてください。")
    response = writer_client.post(reverse("incidents:anonymous"), {"key": key})
    page = response.content.decode()
    assert "封入の手順を教えてください。" in page and report.get_state_display() in page
    assert f'name="key" value="{key}"' in page  # kept in the form, not the session
    response = writer_client.post(
        reverse("incidents:anonymous"), {"key": key, "action": "answer", "body": "二人で照合"}
    )
    answer = ReportMessage.objects.get(from_reporter=True)
    assert answer.body == "二人で照合" and answer.author_id is None
    assert "key" not in dict(writer_client.session)


def test_a_tampered_key_cannot_answer(writer_client, writer):
    key = key_of(send_anonymously(writer_client, writer))
    response = writer_client.post(
        reverse("incidents:anonymous"), {"key": key + "A", "action": "answer", "body": "偽の回答"}
    )
    assert response.status_code == 200 and response.context["form"].wrong
    assert not ReportMessage.objects.exists()


def test_with_the_key_the_writer_corrects_a_report_sent_back(writer_client, writer):
    key = key_of(send_anonymously(writer_client, writer))
    report = IncidentReport.objects.get()
    services.send_back(report, factories.head_of(report.department), "件名を具体的に。")
    response = writer_client.post(reverse("incidents:anonymous"), {"key": key})
    page = response.content.decode()
    assert "件名を具体的に。" in page and 'value="resubmit"' in page
    data = form_data(report.department, title="住民票の写しの誤交付", comment="件名を訂正")
    response = writer_client.post(
        reverse("incidents:anonymous"), {**data, "key": key, "action": "resubmit"}
    )
    report.refresh_from_db()
    assert report.state == State.REPORTED and report.title == "住民票の写しの誤交付"
    assert report.reporter is None
    assert report.steps.filter(actor__isnull=False, role="reporter").count() == 0


def test_an_anonymous_correction_with_a_level_three_and_no_cause_comes_back(writer_client, writer):
    key = key_of(send_anonymously(writer_client, writer))
    report = IncidentReport.objects.get()
    services.send_back(report, factories.head_of(report.department), "原因を詳しく。")
    data = form_data(report.department, level="3", why_1="", why_2="")
    response = writer_client.post(
        reverse("incidents:anonymous"), {**data, "key": key, "action": "resubmit"}
    )
    assert response.status_code == 200 and "why_1" in response.context["form"].errors
    report.refresh_from_db()
    assert report.state == State.RETURNED
