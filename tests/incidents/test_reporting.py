"""The reporter's screens: the draft that saves itself, sending, corrections, bad input."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from incidents import services
from incidents.models import IncidentReport, ReportAttachment, ReportDraft, State
from tests.factories import DepartmentFactory

from . import factories

pytestmark = pytest.mark.django_db


def local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def form_data(department, **overrides):
    """A complete report as the browser posts it."""
    now = timezone.now()
    data = {
        "title": "納税通知書の誤送付",
        "occurred_at": local(now - timedelta(days=2)),
        "discovered_at": local(now - timedelta(hours=5)),
        "department": str(department.pk),
        "place": "post",
        "category": str(factories.category().pk),
        "rule_axis": "not_followed",
        "level": "1",
        "what_happened": "固定資産税の納税通知書を、別の世帯の封筒に封入して発送した。",
        "why_1": "封入時の照合を一人で行った",
        "why_2": "繁忙期で二人確認の手順が省かれた",
        "immediate_action": "回収して正しい通知書を届けた。",
        "prevention": "二人で照合する。",
        "lessons": "繁忙期ほど二人確認を省かない。",
        "residents_affected": "on",
        "residents_count": "2",
    }
    data.update(overrides)
    return {name: value for name, value in data.items() if value is not None}


@pytest.fixture
def writer():
    return factories.reporter(DepartmentFactory(name="税務課"))


@pytest.fixture
def writer_client(client, writer):
    client.force_login(writer)
    return client


@pytest.fixture
def draft(writer):
    return services.save_draft(writer, {"title": "書きかけ"})


def draft_url(draft, name="incidents:draft"):
    return reverse(name, args=[draft.pk])


def txt(name="メモ.txt", content="封入の手順メモ"):
    return SimpleUploadedFile(name, content.encode("utf-8"), content_type="text/plain")


# ---- starting and saving a draft --------------------------------------------


def test_a_new_report_is_a_draft_in_the_writers_department(writer_client, writer):
    response = writer_client.get(reverse("incidents:report_new"))
    draft = ReportDraft.objects.get(owner=writer)
    assert response.status_code == 302 and response.url == draft_url(draft)
    assert draft.data == {"department": str(writer.staff_profile.department_id)}
    # Following the menu again does not pile up empty drafts.
    writer_client.get(reverse("incidents:report_new"))
    assert ReportDraft.objects.filter(owner=writer).count() == 1


def test_the_draft_page_offers_every_field_with_each_levels_description(writer_client, draft):
    page = writer_client.get(draft_url(draft)).content.decode()
    for name in (
        "title",
        "occurred_at",
        "discovered_at",
        "department",
        "place",
        "category",
        "rule_axis",
        "level",
        "what_happened",
        "why_1",
        "why_5",
        "immediate_action",
        "prevention",
        "lessons",
        "residents_affected",
        "residents_count",
        "files",
        "anonymous",
    ):
        assert f'name="{name}"' in page, name
    assert "市民や業務に届く前に気づいた" in page
    assert 'data-autosave-url="' + draft_url(draft, "incidents:draft_autosave") in page
    assert "incidents/report.js" in page


def test_autosave_keeps_what_was_typed_even_a_half_typed_date(writer_client, draft):
    response = writer_client.post(
        draft_url(draft, "incidents:draft_autosave"),
        {"title": "窓口での本人確認漏れ", "occurred_at": "2026-0", "level": "4"},
    )
    assert response.status_code == 200
    saved_at = timezone.localtime(ReportDraft.objects.get(pk=draft.pk).updated_at)
    assert saved_at.strftime("%H:%M") in response.json()["message"]
    draft.refresh_from_db()
    assert draft.data["occurred_at"] == "2026-0" and draft.data["title"] == "窓口での本人確認漏れ"
    page = writer_client.get(draft_url(draft)).content.decode()
    assert 'value="2026-0"' in page and "窓口での本人確認漏れ" in page


def test_autosave_keeps_a_nul_typed_in_a_field_as_the_text_around_it(writer_client, draft):
    """PostgreSQL keeps no NUL in a JSON column: the draft keeps the rest of the text."""
    response = writer_client.post(
        draft_url(draft, "incidents:draft_autosave"), {"what_happened": "封入\x00誤り"}
    )
    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.data["what_happened"] == "封入誤り"


def test_autosave_answers_only_a_post(writer_client, draft):
    assert writer_client.get(draft_url(draft, "incidents:draft_autosave")).status_code == 405


def test_the_save_button_keeps_the_draft_without_the_script(writer_client, draft):
    response = writer_client.post(
        draft_url(draft), {"save": "1", "title": "入力誤りによる過大還付", "why_1": "確認不足"}
    )
    assert response.status_code == 302 and response.url == draft_url(draft)
    draft.refresh_from_db()
    assert draft.data["title"] == "入力誤りによる過大還付" and draft.data["why_1"] == "確認不足"


def test_my_reports_lists_drafts_and_named_reports_but_no_anonymous_one(writer_client, writer):
    services.save_draft(writer, {"title": "下書きの件"})
    named, _key = factories.submitted_report(user=writer, title="名前入りの報告")
    factories.submitted_report(user=writer, anonymous=True, title="匿名の報告の件")
    page = writer_client.get(reverse("incidents:my_reports")).content.decode()
    assert "下書きの件" in page and "名前入りの報告" in page and named.number in page
    assert "匿名の報告の件" not in page
    assert reverse("incidents:anonymous") in page


def test_a_draft_is_deleted_with_its_files(writer_client, writer, draft):
    services.attach_to_draft(draft, writer, txt(), "メモ.txt", "txt")
    response = writer_client.post(draft_url(draft, "incidents:draft_delete"))
    assert response.status_code == 302 and response.url == reverse("incidents:my_reports")
    assert not ReportDraft.objects.filter(pk=draft.pk).exists()
    assert not ReportAttachment.objects.exists()


# ---- sending ------------------------------------------------------------------


def test_a_named_report_is_sent_and_goes_to_its_page(writer_client, writer, draft):
    data = form_data(writer.staff_profile.department, submit="1")
    response = writer_client.post(draft_url(draft), data)
    report = IncidentReport.objects.get()
    assert response.status_code == 302 and response.url == report.get_absolute_url()
    assert report.reporter == writer and not report.anonymous
    assert report.why_chain == ["封入時の照合を一人で行った", "繁忙期で二人確認の手順が省かれた"]
    assert report.residents_count == 2 and report.state == State.REPORTED
    assert not ReportDraft.objects.filter(pk=draft.pk).exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"occurred_at": local(timezone.now() + timedelta(days=3))},
            "occurred_at",
            ("未来", "future"),
        ),
        (
            {
                "occurred_at": local(timezone.now() - timedelta(days=1)),
                "discovered_at": local(timezone.now() - timedelta(days=3)),
            },
            "discovered_at",
            ("前", "before"),
        ),
        ({"level": "3", "why_1": "", "why_2": ""}, "why_1", ("3",)),
        ({"occurred_at": "1990-01-01T10:00"}, "occurred_at", ("2000",)),
        ({"occurred_at": "2026-13-45T99:99"}, "occurred_at", ("2026-11-30",)),
        ({"residents_count": ""}, "residents_count", ("市民", "residents")),
    ],
)
def test_a_report_that_breaks_a_rule_comes_back_with_the_message_beside_the_field(
    writer_client, writer, draft, overrides, field, message
):
    data = form_data(writer.staff_profile.department, submit="1", **overrides)
    response = writer_client.post(draft_url(draft), data)
    assert response.status_code == 200
    assert not IncidentReport.objects.exists()
    form = response.context["form"]
    assert field in form.errors
    assert any(words in " ".join(form.errors[field]) for words in message), form.errors
    # Everything typed is still there, on the page and in the draft.
    assert "別の世帯の封筒" in response.content.decode()
    draft.refresh_from_db()
    assert draft.data["what_happened"] == data["what_happened"]


@pytest.mark.parametrize(
    "overrides",
    [
        {"level": "abc"},
        {"level": "9"},
        {"department_choice": "999999"},
        {"category": "x"},
        {"residents_count": "-5"},
        {"place": "<script>"},
        {"related_cases": "abc"},
        {"title": ""},
    ],
)
def test_garbage_in_a_field_is_a_message_never_a_server_error(
    writer_client, writer, draft, overrides
):
    data = form_data(writer.staff_profile.department, submit="1")
    data.update({name.removesuffix("_choice"): value for name, value in overrides.items()})
    response = writer_client.post(draft_url(draft), data)
    assert response.status_code == 200 and response.context["form"].errors
    assert not IncidentReport.objects.exists()


def test_files_stay_on_the_draft_when_the_report_comes_back_and_go_with_it(
    writer_client, writer, draft
):
    department = writer.staff_profile.department
    data = form_data(department, submit="1", level="3", why_1="", why_2="", files=[txt()])
    response = writer_client.post(draft_url(draft), data)
    assert response.status_code == 200
    assert "メモ.txt" in response.content.decode()
    assert ReportAttachment.objects.get().draft_id == draft.pk

    response = writer_client.post(draft_url(draft), form_data(department, submit="1"))
    report = IncidentReport.objects.get()
    assert response.status_code == 302
    assert list(report.attachments.values_list("filename", flat=True)) == ["メモ.txt"]


def test_a_bad_file_is_explained_and_nothing_else_is_lost(writer_client, writer, draft):
    department = writer.staff_profile.department
    bad = SimpleUploadedFile("virus.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    data = form_data(department, submit="1", files=[txt(), bad])
    response = writer_client.post(draft_url(draft), data)
    assert response.status_code == 200 and not IncidentReport.objects.exists()
    assert "virus.exe" in " ".join(response.context["upload_errors"])
    assert "別の世帯の封筒" in response.content.decode()
    draft.refresh_from_db()
    assert draft.data["title"] == "納税通知書の誤送付"


def test_an_oversized_file_is_refused_with_its_size(writer_client, draft, settings):
    settings.MATERIALS_MAX_UPLOAD_BYTES = 100
    big = txt("大きい.txt", "あ" * 200)
    response = writer_client.post(draft_url(draft), {"save": "1", "title": "件名", "files": [big]})
    assert response.status_code == 200
    assert "MB" in " ".join(response.context["upload_errors"])
    assert not ReportAttachment.objects.exists()
    draft.refresh_from_db()
    assert draft.data["title"] == "件名"


def test_a_file_can_be_taken_off_the_draft(writer_client, writer, draft):
    attachment = services.attach_to_draft(draft, writer, txt(), "メモ.txt", "txt")
    response = writer_client.post(draft_url(draft), {"remove": str(attachment.pk), "title": "件"})
    assert response.status_code == 200
    assert not ReportAttachment.objects.exists()


def test_hostile_html_is_shown_as_text_in_every_field(writer_client, writer, draft):
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    data = {
        name: hostile
        for name in (
            "title",
            "occurred_at",
            "discovered_at",
            "what_happened",
            "why_1",
            "why_2",
            "why_3",
            "why_4",
            "why_5",
            "immediate_action",
            "prevention",
            "lessons",
            "residents_count",
            "department",
            "place",
            "category",
            "rule_axis",
            "level",
        )
    }
    response = writer_client.post(draft_url(draft), {**data, "submit": "1"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert" in page
    page = writer_client.get(draft_url(draft)).content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page


# ---- forged identity ----------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "name"),
    [
        ("get", "incidents:draft"),
        ("post", "incidents:draft"),
        ("post", "incidents:draft_autosave"),
        ("post", "incidents:draft_delete"),
    ],
)
def test_another_writers_draft_is_not_found(client, draft, method, name):
    other = factories.reporter()
    client.force_login(other)
    data = {"title": "乗っ取り", "submit": "1"} if method == "post" else None
    response = getattr(client, method)(draft_url(draft, name), data)
    assert response.status_code == 404
    draft.refresh_from_db()
    assert draft.data == {"title": "書きかけ"} and not IncidentReport.objects.exists()


@pytest.mark.parametrize("anonymous", [None, "on"])
@pytest.mark.parametrize("forged", ["reporter", "owner", "reporter_id"])
def test_a_request_naming_a_reporter_is_refused_and_changes_nothing(
    writer_client, writer, draft, anonymous, forged
):
    other = factories.reporter()
    data = form_data(writer.staff_profile.department, submit="1", anonymous=anonymous)
    data[forged] = str(other.pk)
    response = writer_client.post(draft_url(draft), data)
    assert response.status_code == 403
    assert not IncidentReport.objects.exists()
    draft.refresh_from_db()
    assert draft.data == {"title": "書きかけ"}
    response = writer_client.post(draft_url(draft, "incidents:draft_autosave"), data)
    assert response.status_code == 403


# ---- similar cases ------------------------------------------------------------


@pytest.fixture
def published():
    return factories.published_case(title="納税通知書の誤送付")


def test_similar_cases_are_found_by_the_words_typed(writer_client, published):
    response = writer_client.get(reverse("incidents:similar"), {"q": "納税通知書 誤送付"})
    assert response.status_code == 200
    page = response.content.decode()
    assert published.get_absolute_url() in page
    assert f'value="{published.pk}"' in page and "<html" not in page


def test_an_unpublished_case_is_never_suggested(writer_client, published):
    services.keep_private(published.report, factories.office_member())
    response = writer_client.post(
        reverse("incidents:similar"), {"title": "納税通知書", "what_happened": "誤送付"}
    )
    assert published.get_absolute_url() not in response.content.decode()


def test_the_button_shows_similar_cases_and_a_ticked_one_goes_with_the_report(
    writer_client, writer, draft, published
):
    department = writer.staff_profile.department
    response = writer_client.post(draft_url(draft), form_data(department, similar="1"))
    assert response.status_code == 200
    assert published.get_absolute_url() in response.content.decode()
    data = form_data(department, submit="1", related_cases=str(published.pk))
    writer_client.post(draft_url(draft), data)
    report = IncidentReport.objects.get(reporter=writer)
    assert list(report.related_cases.all()) == [published]


# ---- a report sent back -------------------------------------------------------


def sent_back(report):
    head = factories.head_of(report.department)
    services.send_back(report, head, "発生日時を確認してください。")
    report.refresh_from_db()
    return report


def test_a_named_reporter_corrects_a_report_sent_back(writer_client, writer):
    report = sent_back(factories.submitted_report(user=writer)[0])
    url = reverse("incidents:report_edit", args=[report.pk])
    page = writer_client.get(url).content.decode()
    assert "発生日時を確認してください。" in page and "納税通知書の誤送付" in page
    data = form_data(writer.staff_profile.department, title="訂正後の件名", comment="日時を訂正")
    response = writer_client.post(url, data)
    assert response.status_code == 302 and response.url == report.get_absolute_url()
    report.refresh_from_db()
    assert report.state == State.REPORTED and report.title == "訂正後の件名"


def test_a_correction_with_a_future_date_comes_back(writer_client, writer):
    report = sent_back(factories.submitted_report(user=writer)[0])
    url = reverse("incidents:report_edit", args=[report.pk])
    future = local(timezone.now() + timedelta(days=2))
    response = writer_client.post(
        url, form_data(writer.staff_profile.department, occurred_at=future)
    )
    assert response.status_code == 200 and "occurred_at" in response.context["form"].errors
    report.refresh_from_db()
    assert report.state == State.RETURNED


def test_someone_else_cannot_correct_a_report(client, writer):
    report = sent_back(factories.submitted_report(user=writer)[0])
    client.force_login(factories.reporter())
    url = reverse("incidents:report_edit", args=[report.pk])
    assert client.get(url).status_code == 404
    data = form_data(writer.staff_profile.department, title="乗っ取り")
    assert client.post(url, data).status_code == 404
    report.refresh_from_db()
    assert report.title == "納税通知書の誤送付"


def test_an_autosave_arriving_after_the_draft_was_sent_is_a_404(writer_client, draft, monkeypatch):
    from incidents.views import reporting

    looked_up = reporting._own_draft

    def sent_meanwhile(request, pk):
        found = looked_up(request, pk)
        ReportDraft.objects.filter(pk=found.pk).delete()
        return found

    monkeypatch.setattr(reporting, "_own_draft", sent_meanwhile)
    response = writer_client.post(draft_url(draft, "incidents:draft_autosave"), {"title": "件"})
    assert response.status_code == 404
