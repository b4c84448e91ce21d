"""Reviewing reports on their screens: the queue, the report page, decisions and questions.

Section heads review their own departments' reports and the office the
reports its heads confirmed; whoever else asks is answered 404 (or 403 on the
queue, which names no report). The reporter of an anonymous report is named
nowhere: not on the page, in its history, nor in a notification.
"""

from datetime import timedelta

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.admin.menu import admin_menu

from incidents import services
from incidents.models import Category, IncidentReport, ReportMessage, State
from intranet import roles
from intranet.models import Notification
from tests.factories import DepartmentFactory, UserFactory, staff_member

from . import factories

pytestmark = pytest.mark.django_db

ALREADY_DEALT_WITH = "この報告はすでに他の人が処理しました。"


@pytest.fixture
def people():
    department = DepartmentFactory(name="税務課")
    other = DepartmentFactory(name="市民課")
    return {
        "department": department,
        "writer": factories.reporter(department, full_name="報告 太郎"),
        "head": factories.head_of(department, full_name="所属長 花子"),
        "other_head": factories.head_of(other, full_name="他課 次郎"),
        "office": factories.office_member(full_name="事務局 三郎"),
        "other": other,
    }


def login(client, user):
    client.force_login(user)
    return client


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def decide(client, report, action, comment="", state=None):
    return client.post(
        reverse("incidents:report_review", args=[report.pk]),
        {"action": action, "comment": comment, "state": state or report.state},
        follow=True,
    )


# ---- the queue ------------------------------------------------------------


def test_a_section_head_sees_the_reports_of_their_department_awaiting_them(client, people):
    mine, _key = factories.submitted_report(user=people["writer"], title="納税通知書の誤送付")
    factories.submitted_report(department=people["other"], title="市民課の誤交付")
    confirmed, _key = factories.submitted_report(user=people["writer"], title="確認済みの報告")
    services.confirm_as_head(confirmed, people["head"])
    html = page(login(client, people["head"]), reverse("incidents:queue"))
    assert "納税通知書の誤送付" in html and mine.number in html
    assert "市民課の誤交付" not in html
    assert "確認済みの報告" not in html


def test_the_office_sees_what_awaits_it_and_every_open_report(client, people):
    waiting, _key = factories.submitted_report(user=people["writer"], title="事務局待ちの報告")
    services.confirm_as_head(waiting, people["head"])
    factories.submitted_report(department=people["other"], title="所属長待ちの報告")
    html = page(login(client, people["office"]), reverse("incidents:queue"))
    assert "事務局待ちの報告" in html and "所属長待ちの報告" in html
    assert str(State.HEAD_CONFIRMED.label) in html or "所属長確認済" in html
    waiting_only = page(client, reverse("incidents:queue") + "?state=waiting")
    assert "事務局待ちの報告" in waiting_only and "所属長待ちの報告" not in waiting_only


def test_overdue_reports_are_flagged_and_listed_first(client, people):
    factories.submitted_report(user=people["writer"], title="期限内の報告", level=0)
    late, _key = factories.submitted_report(user=people["writer"], title="期限切れの報告", level=4)
    IncidentReport.objects.filter(pk=late.pk).update(due_at=timezone.now() - timedelta(hours=1))
    html = page(login(client, people["head"]), reverse("incidents:queue"))
    assert "期限超過" in html
    assert html.index("期限切れの報告") < html.index("期限内の報告")


def test_the_queue_filters_by_state(client, people):
    factories.submitted_report(user=people["writer"], title="報告済の報告")
    returned, _key = factories.submitted_report(user=people["writer"], title="差し戻した報告")
    services.send_back(returned, people["head"], "件数を確認してください。")
    login(client, people["head"])
    html = page(client, reverse("incidents:queue") + f"?state={State.RETURNED}")
    assert "差し戻した報告" in html and "報告済の報告" not in html
    assert page(client, reverse("incidents:queue") + "?state=<script>")  # unknown: unfiltered


def test_staff_without_a_review_role_are_refused_the_queue(client, people):
    response = login(client, people["writer"]).get(reverse("incidents:queue"))
    assert response.status_code == 403


def _bulk_reports(department, count):
    now = timezone.now()
    category = factories.category()
    IncidentReport.objects.bulk_create(
        IncidentReport(
            title=f"一括の報告{n}",
            department=department,
            occurred_at=now - timedelta(days=3),
            discovered_at=now - timedelta(days=2),
            place="post",
            category=category,
            rule_axis="no_rule",
            level=n % 6,
            what_happened="封入誤り",
            state=State.REPORTED,
            reported_at=now - timedelta(days=2),
            due_at=now + timedelta(hours=(n % 3) - 1),
        )
        for n in range(count)
    )


@pytest.mark.parametrize("role", ["head", "office"])
def test_the_queue_costs_the_same_queries_for_5_or_50_reports(
    client, people, role, django_assert_max_num_queries
):
    login(client, people[role])
    _bulk_reports(people["department"], 5)
    client.get(reverse("incidents:queue"))  # the session and caches settle
    with django_assert_max_num_queries(18) as few:
        page(client, reverse("incidents:queue"))
    _bulk_reports(people["department"], 45)
    with django_assert_max_num_queries(18) as many:
        html = page(client, reverse("incidents:queue"))
    assert html.count("一括の報告") == 50
    assert len(many.captured_queries) == len(few.captured_queries)


# ---- the report page ------------------------------------------------------


def test_the_report_page_shows_every_field_the_chain_and_the_named_reporter(client, people):
    report, _key = factories.submitted_report(
        user=people["writer"], attachments=[("手順メモ.txt", "封入の手順")]
    )
    html = page(login(client, people["head"]), report.get_absolute_url())
    for text in (
        report.title,
        "税務課",
        report.what_happened,
        "封入時の照合を一人で行った",
        "繁忙期で二人確認の手順が省かれた",
        report.immediate_action,
        report.prevention,
        report.lessons,
        "報告 太郎",
        reverse("incidents:download", args=[report.attachments.get().pk]),
        "手順メモ.txt",
    ):
        assert text in html
    assert html.index("封入時の照合を一人で行った") < html.index("繁忙期で二人確認の手順が省かれた")


def test_an_anonymous_report_says_anonymous_and_names_nobody(client, people):
    report, key = factories.submitted_report(user=people["writer"], anonymous=True)
    services.ask_reporter(report, people["head"], "封入は何通でしたか。")
    services.answer(report, "300通です。", key=key)
    html = page(login(client, people["head"]), report.get_absolute_url())
    assert "匿名" in html
    assert "報告者（匿名）" in html
    assert "報告 太郎" not in html
    assert people["writer"].get_username() not in html
    assert key not in html


def test_the_reporter_reads_their_own_named_report(client, people):
    report, _key = factories.submitted_report(user=people["writer"])
    assert report.title in page(login(client, people["writer"]), report.get_absolute_url())


@pytest.mark.parametrize("who", ["other_head", "plain"])
def test_those_who_may_not_read_a_report_get_404(client, people, who):
    user = people.get(who) or staff_member(department=people["department"])
    report, _key = factories.submitted_report(user=people["writer"])
    login(client, user)
    assert client.get(report.get_absolute_url()).status_code == 404
    response = client.post(
        reverse("incidents:report_review", args=[report.pk]),
        {"action": "confirm_head", "state": report.state},
    )
    assert response.status_code == 404
    response = client.post(reverse("incidents:report_message", args=[report.pk]), {"body": "?"})
    assert response.status_code == 404
    assert IncidentReport.objects.get(pk=report.pk).state == State.REPORTED


def test_the_office_reads_any_report(client, people):
    report, _key = factories.submitted_report(department=people["other"])
    assert report.title in page(login(client, people["office"]), report.get_absolute_url())


def test_a_missing_report_is_404(client, people):
    assert login(client, people["office"]).get("/incidents/reports/999999/").status_code == 404


# ---- decisions ------------------------------------------------------------


def test_the_head_confirms_and_the_office_confirms_keeps_or_sends_back(client, people):
    report, _key = factories.submitted_report(user=people["writer"])
    decide(login(client, people["head"]), report, "confirm_head", "確認しました。")
    report.refresh_from_db()
    assert report.state == State.HEAD_CONFIRMED
    response = decide(login(client, people["office"]), report, "confirm_office")
    report.refresh_from_db()
    assert report.state == State.OFFICE_CONFIRMED
    assert response.redirect_chain[0][0] == reverse("incidents:case_edit", args=[report.pk])
    html = page(client, report.get_absolute_url())
    assert reverse("incidents:case_edit", args=[report.pk]) in html
    decide(client, report, "keep_private", "公表になじまない。")
    report.refresh_from_db()
    assert report.state == State.KEPT
    assert [step.comment for step in report.steps.all()][-1] == "公表になじまない。"


def test_the_office_sends_back_to_the_section_head(client, people):
    report, _key = factories.submitted_report(user=people["writer"])
    services.confirm_as_head(report, people["head"])
    report.refresh_from_db()
    decide(login(client, people["office"]), report, "send_back", "原因をもう一段。")
    report.refresh_from_db()
    assert report.state == State.REPORTED


def test_a_second_reviewer_is_told_someone_else_dealt_with_it(client, people):
    report, _key = factories.submitted_report(user=people["writer"])
    second_head = factories.head_of(people["department"], full_name="所属長 二人目")
    services.confirm_as_head(report, people["head"])
    response = decide(
        login(client, second_head), report, "send_back", "数字を確認して", state=State.REPORTED
    )
    html = response.content.decode()
    assert ALREADY_DEALT_WITH in html
    assert "数字を確認して" in html  # what they typed is given back
    report.refresh_from_db()
    assert report.state == State.HEAD_CONFIRMED and report.steps.count() == 2


def test_a_race_lost_inside_the_service_is_told_too(client, people, monkeypatch):
    report, _key = factories.submitted_report(user=people["writer"])

    def beaten(*args, **kwargs):
        raise services.StateChanged

    monkeypatch.setattr(services, "confirm_as_head", beaten)
    response = decide(login(client, people["head"]), report, "confirm_head")
    assert response.status_code == 200
    assert ALREADY_DEALT_WITH in response.content.decode()


@pytest.mark.parametrize(
    ("who", "action"),
    [
        ("office", "keep_private"),  # not before the section head confirmed
        ("office", "confirm_office"),
        ("head", "confirm_office"),
        ("head", "keep_private"),
        ("head", "publish"),
        ("head", ""),
    ],
)
def test_a_forged_action_is_refused_with_a_message(client, people, who, action):
    report, _key = factories.submitted_report(user=people["writer"])
    response = decide(login(client, people[who]), report, action)
    assert response.status_code == 200
    assert 'class="message message--error"' in response.content.decode()
    report.refresh_from_db()
    assert report.state == State.REPORTED and report.steps.count() == 1


def test_sending_back_without_a_comment_is_explained(client, people):
    report, _key = factories.submitted_report(user=people["writer"])
    response = decide(login(client, people["head"]), report, "send_back", "   ")
    with translation.override("ja"):
        expected = translation.gettext("Say what should be corrected.")
    assert expected in response.content.decode()
    report.refresh_from_db()
    assert report.state == State.REPORTED


def test_a_get_on_the_decision_address_is_not_an_error_page(client, people):
    report, _key = factories.submitted_report(user=people["writer"])
    response = login(client, people["head"]).get(
        reverse("incidents:report_review", args=[report.pk])
    )
    assert response.status_code == 405


def test_hostile_html_in_a_comment_and_a_question_is_shown_as_text(client, people):
    report, _key = factories.submitted_report(user=people["writer"])
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    decide(login(client, people["head"]), report, "send_back", hostile)
    client.post(reverse("incidents:report_message", args=[report.pk]), {"body": hostile})
    html = page(client, report.get_absolute_url())
    assert hostile not in html
    assert html.count("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;") == 2


def test_a_nul_character_in_a_comment_or_a_question_is_explained_and_nothing_is_saved(
    client, people
):
    """PostgreSQL keeps no NUL in a text column: it used to be a server error there."""
    report, _key = factories.submitted_report(user=people["writer"])
    login(client, people["head"])
    response = client.post(
        reverse("incidents:report_message", args=[report.pk]),
        {"body": "何通\x00でしたか。"},
        follow=True,
    )
    assert response.status_code == 200 and "保存できない文字" in response.content.decode()
    response = decide(client, report, "send_back", "宛名\x00の確認を")
    assert "保存できない文字" in response.content.decode()
    assert report.messages.count() == 0
    report.refresh_from_db()
    assert report.state == State.REPORTED and report.steps.count() == 1


# ---- questions ------------------------------------------------------------


def test_a_reviewer_asks_and_the_named_reporter_answers(client, people):
    report, _key = factories.submitted_report(user=people["writer"])
    login(client, people["head"]).post(
        reverse("incidents:report_message", args=[report.pk]), {"body": "何通でしたか。"}
    )
    login(client, people["writer"]).post(
        reverse("incidents:report_message", args=[report.pk]), {"body": "2通です。"}
    )
    thread = list(report.messages.values_list("from_reporter", "author_id", "body"))
    assert thread == [
        (False, people["head"].pk, "何通でしたか。"),
        (True, people["writer"].pk, "2通です。"),
    ]
    html = page(client, report.get_absolute_url())
    assert "何通でしたか。" in html and "2通です。" in html


def test_an_empty_question_is_explained_and_nothing_is_saved(client, people):
    report, _key = factories.submitted_report(user=people["writer"])
    response = login(client, people["head"]).post(
        reverse("incidents:report_message", args=[report.pk]), {"body": "  "}, follow=True
    )
    assert 'class="message message--error"' in response.content.decode()
    assert not ReportMessage.objects.exists()


def test_no_question_once_the_report_is_decided(client, people):
    report = factories.published_case(
        report=factories.submitted_report(user=people["writer"])[0],
        head=people["head"],
        office=people["office"],
    ).report
    response = login(client, people["head"]).post(
        reverse("incidents:report_message", args=[report.pk]), {"body": "まだ質問が"}, follow=True
    )
    assert 'class="message message--error"' in response.content.decode()
    assert not ReportMessage.objects.exists()


# ---- notifications --------------------------------------------------------


def _opens(client, notification):
    client.force_login(notification.recipient)
    return client.get(notification.url).status_code == 200


def test_each_step_tells_the_right_people_with_a_link_they_may_open(client, people):
    writer, head, office = people["writer"], people["head"], people["office"]
    report, _key = factories.submitted_report(user=writer)
    assert set(Notification.objects.values_list("recipient", flat=True)) == {head.pk}
    services.ask_reporter(report, head, "何通でしたか。")
    services.answer(report, "2通です。", user=writer)
    services.send_back(report, head, "件数を書いてください。")
    report.refresh_from_db()
    services.resubmit(report, factories.report_fields(people["department"]), user=writer)
    services.confirm_as_head(report, head)
    services.send_back(report, office, "原因をもう一段。")
    services.confirm_as_head(report, head)
    services.confirm_as_office(report, office)
    report.refresh_from_db()
    services.publish(report.case, office)
    recipients = list(Notification.objects.order_by("pk").values_list("recipient", flat=True))
    assert recipients == [
        head.pk,  # reported
        writer.pk,  # asked
        head.pk,  # answered
        writer.pk,  # sent back to the reporter
        head.pk,  # corrected and sent again
        office.pk,  # confirmed by the head: the office, then the reporter
        writer.pk,
        head.pk,  # sent back by the office
        office.pk,
        writer.pk,
        writer.pk,  # confirmed by the office
        writer.pk,  # published
    ]
    assert people["other_head"].pk not in recipients
    for notification in Notification.objects.all():
        assert notification.url == report.get_absolute_url()
        assert _opens(client, notification), notification.message


def test_no_notification_about_an_anonymous_report_reaches_or_names_its_reporter(client, people):
    writer, head, office = people["writer"], people["head"], people["office"]
    report, key = factories.submitted_report(user=writer, anonymous=True)
    services.ask_reporter(report, head, "何通でしたか。")
    services.answer(report, "2通です。", key=key)
    services.send_back(report, head, "件数を書いてください。")
    report.refresh_from_db()
    services.resubmit(report, factories.report_fields(people["department"]), key=key)
    services.confirm_as_head(report, head)
    services.confirm_as_office(report, office)
    report.refresh_from_db()
    services.publish(report.case, office)
    IncidentReport.objects.filter(pk=report.pk).update(state=State.REPORTED, due_at=timezone.now())
    services.flag_overdue(timezone.now() + timedelta(hours=1))
    notifications = list(Notification.objects.all())
    assert notifications
    assert not any(n.recipient_id == writer.pk for n in notifications)
    for notification in notifications:
        assert "報告 太郎" not in notification.message
        assert writer.get_username() not in notification.message
        assert _opens(client, notification)


# ---- categories in the admin ----------------------------------------------


def _menu_labels(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    with translation.override("ja"):
        return [str(item.label) for item in admin_menu.menu_items_for_request(request)]


def test_the_office_keeps_the_categories_in_the_admin(client, people):
    assert "ミス・ヒヤリハットの分類" in _menu_labels(people["office"])
    assert "ミス・ヒヤリハットの分類" not in _menu_labels(people["head"])
    login(client, people["office"])
    response = client.post(
        reverse("incidents_categories:add"),
        {"name": "郵送事故", "description": "配達の遅れや誤配", "sort_order": "90", "active": "on"},
    )
    assert response.status_code == 302
    assert Category.objects.get(name="郵送事故").sort_order == 90
    html = page(client, reverse("incidents_categories:index"))
    assert "郵送事故" in html and "表示順" in html


def test_the_office_is_not_offered_to_delete_a_category(client, people):
    category = factories.category("その他の分類")
    login(client, people["office"])
    url = reverse("incidents_categories:delete", args=[category.pk])
    assert client.get(url).status_code in (302, 403)
    assert client.post(url).status_code in (302, 403)
    assert Category.objects.filter(pk=category.pk).exists()


def test_deleting_a_category_in_use_is_explained_not_an_error(client, people):
    report, _key = factories.submitted_report(user=people["writer"])
    superuser = UserFactory(is_superuser=True, roles=[roles.STAFF])
    login(client, superuser)
    url = reverse("incidents_categories:delete", args=[report.category.pk])
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert "使われているため削除できません" in response.content.decode()
    assert Category.objects.filter(pk=report.category.pk).exists()
