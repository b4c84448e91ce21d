"""The case collection every staff member reads: the list, a case, 「似た事例」, 「今月の教訓」,
「関連する事例」 on a notice or an FAQ page — and that none of them names who reported.
"""

from datetime import date, timedelta

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from incidents import lessons_panel, links, services, similar
from incidents.models import Case, IncidentReport, Place, RuleAxis
from tests.factories import (
    DepartmentFactory,
    faq_home,
    live_faq,
    notice,
    staff_member,
)

from . import factories

pytestmark = pytest.mark.django_db

INDEX = reverse("incidents:index")


def case_url(case):
    return reverse("incidents:case", args=[case.pk])


def bulk_cases(count, department, category, published=True, department_shown=True, **fields):
    """``count`` cases made directly (no workflow): for sizes the workflow would make slow."""
    now = timezone.now()
    reports = IncidentReport.objects.bulk_create(
        IncidentReport(
            title=f"報告{number}",
            department=department,
            occurred_at=now - timedelta(days=number + 1),
            discovered_at=now - timedelta(days=number),
            place=Place.COUNTER,
            category=category,
            rule_axis=RuleAxis.NO_RULE,
            level=1,
            what_happened="窓口で本人確認を省いた。",
            reported_at=now,
            due_at=now,
        )
        for number in range(count)
    )
    defaults = {
        "department": department if department_shown else None,
        "category": category,
        "level": 1,
        "rule_axis": RuleAxis.NO_RULE,
        "place": Place.COUNTER,
        "what_happened": "窓口で本人確認を省いた。",
        "lessons": "本人確認は省かない。",
        "published_at": now if published else None,
    }
    defaults.update(fields)
    return Case.objects.bulk_create(
        Case(
            report=report,
            **{
                "title": f"事例{number}",
                "occurred_on": date(2025, 1, 1) + timedelta(days=number),
                **defaults,
            },
        )
        for number, report in enumerate(reports)
    )


@pytest.fixture
def reader():
    return staff_member(department=DepartmentFactory(name="市民課"))


@pytest.fixture
def tax():
    return DepartmentFactory(name="税務課")


@pytest.fixture
def named_case(tax, django_capture_on_commit_callbacks):
    """A named report by 鳩山 published as a case (date cut to the month)."""
    writer = factories.reporter(tax, full_name="鳩山 瑠璃子", full_name_kana="はとやま るりこ")
    with django_capture_on_commit_callbacks(execute=True):
        case = factories.published_case(
            report=factories.submitted_report(user=writer, title="納税通知書の誤送付")[0],
            head=factories.head_of(tax, full_name="課長 鷲尾"),
            office=factories.office_member(full_name="事務局 鶴見"),
        )
    case.occurred_on = date(2026, 4, 17)
    case.save()
    return case


def table_of(page):
    """The list's rows (the filter form offers every department, so it is left out)."""
    return page[page.index("<tbody>") : page.index("</tbody>")]


def listing(client, user, **params):
    client.force_login(user)
    response = client.get(INDEX, params)
    assert response.status_code == 200
    return response.content.decode()


# The list -----------------------------------------------------------------------------


def test_the_list_shows_published_cases_with_their_classification(client, reader, named_case):
    page = listing(client, reader)
    assert "ミス・ヒヤリハット事例集" in page
    assert "納税通知書の誤送付" in page and case_url(named_case) in page
    assert "誤送付・誤交付" in page
    assert "税務課" in page
    assert "2026年4月" in page


def test_the_level_carries_its_description(client, reader, named_case):
    page = listing(client, reader)
    description = str(named_case.level_description)
    assert f'title="{description}"' in page


def test_an_unpublished_case_is_not_listed_for_staff(client, reader, tax):
    bulk_cases(1, tax, factories.category(), published=False)
    page = listing(client, reader)
    assert "事例0" not in page
    assert "0件" in page


def test_the_office_sees_an_unpublished_case_marked_as_such(client, tax):
    bulk_cases(1, tax, factories.category(), published=False)
    page = listing(client, factories.office_member())
    assert "事例0" in page and "未公開" in page


def test_a_case_published_without_its_department_shows_it_as_not_disclosed(client, reader, tax):
    bulk_cases(1, tax, factories.category(), department_shown=False)
    rows = table_of(listing(client, reader))
    assert "事例0" in rows and "非公開" in rows
    assert "税務課" not in rows


def test_filters_narrow_the_list(client, reader, tax):
    lost = factories.category("紛失")
    citizens = DepartmentFactory(name="保険年金課")
    mailed = bulk_cases(1, tax, factories.category(), level=3, rule_axis=RuleAxis.NOT_FOLLOWED)[0]
    Case.objects.filter(pk=mailed.pk).update(title="誤送付の事例")
    kept = bulk_cases(1, citizens, lost, level=0, occurred_on=date(2024, 6, 1))[0]
    Case.objects.filter(pk=kept.pk).update(title="紛失の事例")

    def titles(**params):
        page = listing(client, reader, **params)
        return {title for title in ("誤送付の事例", "紛失の事例") if title in page}

    assert titles() == {"誤送付の事例", "紛失の事例"}
    assert titles(category=lost.pk) == {"紛失の事例"}
    assert titles(level=3) == {"誤送付の事例"}
    assert titles(department=citizens.pk) == {"紛失の事例"}
    assert titles(rule_axis=RuleAxis.NOT_FOLLOWED) == {"誤送付の事例"}
    assert titles(year=2024) == {"紛失の事例"}
    assert titles(year=2025) == {"誤送付の事例"}


def test_the_department_filter_never_finds_a_case_that_hides_its_department(client, reader, tax):
    bulk_cases(1, tax, factories.category(), department_shown=False)
    page = listing(client, reader, department=tax.pk)
    assert "事例0" not in page


@pytest.mark.parametrize(
    "params",
    [
        {"category": "999999"},
        {"level": "9"},
        {"level": "abc"},
        {"department": "x"},
        {"rule_axis": "maybe"},
        {"year": "20x5"},
        {"year": "1850"},
        {"page": "-3"},
    ],
)
def test_an_invalid_filter_is_explained_and_the_rest_still_lists(client, reader, tax, params):
    bulk_cases(1, tax, factories.category())
    page = listing(client, reader, **params)
    assert "事例0" in page
    if "page" not in params:
        assert "使えない条件があったため、その条件は外して表示しています" in page


def test_the_list_is_newest_first_and_paged_by_thirty(client, reader, tax):
    bulk_cases(31, tax, factories.category())
    first = listing(client, reader)
    # 事例30 happened last; 事例0 first, alone on the second page.
    assert first.index("事例30<") < first.index("事例29<")
    assert "事例0<" not in first and "1 / 2ページ" in first
    assert "事例0<" in listing(client, reader, page=2)


def test_the_keyword_box_searches_only_the_cases(client, reader):
    page = listing(client, reader)
    assert f'action="{reverse("search:results")}"' in page
    assert '<input type="hidden" name="type" value="incident_case">' in page


def test_the_links_beside_the_list_depend_on_the_reader(client, reader, tax):
    staff = listing(client, reader)
    assert reverse("incidents:report_new") in staff and "報告する" in staff
    assert reverse("incidents:my_reports") in staff
    assert reverse("incidents:queue") not in staff
    # The statistics as published: small counts hidden (incidents/suppression.py).
    assert reverse("incidents:statistics") in staff

    head = listing(client, factories.head_of(tax))
    assert reverse("incidents:queue") in head and reverse("incidents:statistics") in head

    office = listing(client, factories.office_member())
    assert reverse("incidents:queue") in office and reverse("incidents:statistics") in office


def test_the_list_costs_the_same_queries_for_five_cases_or_sixty(
    client, reader, tax, django_assert_max_num_queries
):
    category = factories.category()
    hidden = DepartmentFactory(name="市民税課")
    bulk_cases(5, tax, category)
    client.force_login(reader)
    with django_assert_max_num_queries(100) as few:
        client.get(INDEX)
    bulk_cases(55, hidden, factories.category("紛失"), department_shown=False)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(INDEX, {"page": 2}).status_code == 200
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(INDEX, {"year": 2025, "category": category.pk}).status_code == 200


# A case -------------------------------------------------------------------------------


def test_a_case_page_shows_the_published_version(client, reader, named_case):
    client.force_login(reader)
    page = client.get(case_url(named_case)).content.decode()
    assert "納税通知書の誤送付" in page
    assert str(named_case.level_description) in page
    assert "2026年4月" in page and "2026年4月17日" not in page
    assert named_case.lessons in page


def test_a_case_page_names_no_reporter_and_no_reviewer(client, reader, named_case):
    report = named_case.report
    client.force_login(reader)
    page = client.get(case_url(named_case)).content.decode()
    assert "鳩山" not in page and "瑠璃子" not in page
    assert report.reporter.username not in page
    assert "鷲尾" not in page and "鶴見" not in page
    assert reverse("incidents:report", args=[report.pk]) not in page
    assert named_case.edited_by.username not in page


def test_a_case_page_shows_the_exact_day_only_when_the_office_chose_it(client, reader, named_case):
    Case.objects.filter(pk=named_case.pk).update(date_precision=Case.DatePrecision.DAY)
    client.force_login(reader)
    assert "2026年4月17日" in client.get(case_url(named_case)).content.decode()


def test_an_unpublished_case_is_not_found_for_staff(client, reader, tax):
    hidden = bulk_cases(1, tax, factories.category(), published=False)[0]
    client.force_login(reader)
    assert client.get(case_url(hidden)).status_code == 404


def test_an_unpublished_case_opens_for_the_office(client, tax):
    hidden = bulk_cases(1, tax, factories.category(), published=False)[0]
    client.force_login(factories.office_member())
    response = client.get(case_url(hidden))
    assert response.status_code == 200 and "公開されていません" in response.content.decode()


def test_a_withdrawn_case_is_not_found(client, reader, named_case):
    services.keep_private(named_case.report, factories.office_member())
    client.force_login(reader)
    assert client.get(case_url(named_case)).status_code == 404


def test_a_case_links_its_public_attachments_only(
    client, reader, django_capture_on_commit_callbacks
):
    report, _key = factories.submitted_report(
        attachments=[("手順書.txt", "封入の手順"), ("内部メモ.txt", "内部の記録")]
    )
    shown, kept = report.attachments.order_by("pk")
    shown.public, shown.text, shown.text_read = True, "封入の手順", True
    shown.save()
    with django_capture_on_commit_callbacks(execute=True):
        case = factories.published_case(report=report)
    client.force_login(reader)
    page = client.get(case_url(case)).content.decode()
    assert reverse("incidents:download", args=[shown.pk]) in page and "手順書.txt" in page
    assert reverse("incidents:download", args=[kept.pk]) not in page and "内部メモ" not in page


def test_a_case_shows_its_address_to_pass_on(client, reader, named_case):
    client.force_login(reader)
    page = client.get(case_url(named_case)).content.decode()
    assert "この事例を紹介する" in page
    assert f'value="http://testserver{case_url(named_case)}"' in page


# 似た事例 -------------------------------------------------------------------------------


@pytest.fixture
def collection(tax, django_capture_on_commit_callbacks):
    """Published cases through the workflow (so they are in the search index)."""
    lost = factories.category("紛失")

    def publish(title, category, lessons, **fields):
        with django_capture_on_commit_callbacks(execute=True):
            return factories.published_case(
                report=factories.submitted_report(
                    department=tax, title=title, category=category, lessons=lessons, **fields
                )[0]
            )

    return {
        "sent": publish("納税通知書の誤送付", factories.category(), "封入は二人で照合する。"),
        "sent_again": publish("督促状の誤送付", factories.category(), "宛名を確認する。"),
        "lost_same_words": publish("封入前の通知書の紛失", lost, "封入は二人で照合する。"),
        "lost_other": publish(
            "鍵の紛失",
            lost,
            "鍵は保管庫に戻す。",
            what_happened="書庫の鍵が見当たらなくなった。",
            why_chain=["机の上に置いたままにした"],
            immediate_action="錠前を交換した。",
            prevention="貸出簿をつける。",
            place=Place.COUNTER,
        ),
    }


def test_similar_cases_put_the_same_category_first_then_shared_words(reader, collection):
    found = similar.similar_cases(reader, collection["sent"])
    assert collection["sent"] not in found
    assert found[0] == collection["sent_again"]
    assert collection["lost_same_words"] in found
    assert collection["lost_other"] not in found


def test_similar_cases_never_suggest_an_unpublished_case(reader, collection):
    services.keep_private(collection["sent_again"].report, factories.office_member())
    assert collection["sent_again"] not in similar.similar_cases(reader, collection["sent"])


def test_similar_cases_show_on_the_case_page(client, reader, collection):
    client.force_login(reader)
    page = client.get(case_url(collection["sent"])).content.decode()
    assert "似た事例" in page and "督促状の誤送付" in page


def test_similar_cases_cost_the_same_queries_for_few_or_many(
    reader, collection, tax, django_assert_max_num_queries
):
    with django_assert_max_num_queries(100) as few:
        similar.similar_cases(reader, collection["sent"])
    bulk_cases(40, tax, factories.category())
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(similar.similar_cases(reader, collection["sent"])) == similar.LIMIT


# 今月の教訓 ------------------------------------------------------------------------------


def home(client, user):
    client.force_login(user)
    return client.get("/").content.decode()


def test_the_lessons_panel_shows_this_months_lessons(client, reader, named_case):
    page = home(client, reader)
    assert "今月の教訓" in page
    assert named_case.title in page and case_url(named_case) in page
    assert named_case.lessons in page


def test_the_lessons_panel_falls_back_to_the_latest_lessons(client, reader, tax):
    old = bulk_cases(2, tax, factories.category(), published_at=timezone.now() - timedelta(days=90))
    page = home(client, reader)
    assert case_url(old[0]) in page and case_url(old[1]) in page


def test_the_lessons_panel_prefers_this_month_to_older_cases(reader, tax):
    old = bulk_cases(1, tax, factories.category(), published_at=timezone.now() - timedelta(days=90))
    new = bulk_cases(1, tax, factories.category())
    shown = lessons_panel.lesson_cases()
    assert new[0] in shown and old[0] not in shown


def test_the_lessons_panel_shortens_a_long_lesson(tax):
    bulk_cases(1, tax, factories.category(), lessons="確認" * 200)
    (item,) = lessons_panel.panel_items(RequestFactory().get("/"))
    assert len(item.meta) <= lessons_panel.LESSON_CHARS and item.meta.endswith("…")


def test_the_lessons_panel_names_no_reporter_nor_unpublished_case(client, reader, named_case, tax):
    bulk_cases(1, tax, factories.category(), published=False, lessons="未公開の教訓")
    page = home(client, reader)
    assert "鳩山" not in page and "瑠璃子" not in page
    assert "未公開の教訓" not in page


def test_the_lessons_panel_costs_one_query(tax, django_assert_num_queries):
    bulk_cases(10, tax, factories.category())
    with django_assert_num_queries(1):
        lessons_panel.panel_items(RequestFactory().get("/"))


# 関連する事例 on a notice or an FAQ page ------------------------------------------------


def test_a_notice_linking_a_case_shows_it_as_related(client, reader, named_case):
    linked = notice(
        body=f'<p>事例は<a href="http://intranet.local{case_url(named_case)}">こちら</a></p>'
    )
    client.force_login(reader)
    page = client.get(linked.get_absolute_url()).content.decode()
    assert "関連する事例" in page
    assert named_case.title in page and "誤送付・誤交付" in page
    assert "鳩山" not in page


def test_an_faq_page_linking_a_case_shows_it_as_related(client, reader, named_case):
    page = live_faq(faq_home(), "封入作業の注意", answer=f"参考: {case_url(named_case)}")
    client.force_login(reader)
    html = client.get(page.url).content.decode()
    assert "関連する事例" in html and named_case.title in html


def test_a_withdrawn_case_shows_no_related_card(client, reader, named_case):
    linked = notice(body=f'<p><a href="{case_url(named_case)}">事例</a></p>')
    faq = live_faq(faq_home(), "封入作業の注意", answer=f"参考: {case_url(named_case)}")
    services.keep_private(named_case.report, factories.office_member())
    client.force_login(reader)
    for url in (linked.get_absolute_url(), faq.url):
        html = client.get(url).content.decode()
        assert "関連する事例" not in html and named_case.title not in html


def test_a_notice_without_case_links_shows_no_card(client, reader, named_case):
    client.force_login(reader)
    html = client.get(notice().get_absolute_url()).content.decode()
    assert "関連する事例" not in html


def test_case_addresses_are_read_in_order_once_each():
    body = (
        "/incidents/cases/12/ と /incidents/cases/3/ と再び /incidents/cases/12/、"
        "/incidents/cases/123"
    )
    assert links.case_ids_in(body) == [12, 3, 123]
    assert links.case_ids_in("/incidents/cases/x/ /incidents/") == []


# Anonymity across the collection --------------------------------------------------------


def test_an_anonymous_case_names_nobody_anywhere_it_is_shown(
    client, reader, tax, django_capture_on_commit_callbacks
):
    writer = factories.reporter(tax, full_name="鷺沼 希望", full_name_kana="さぎぬま のぞみ")
    report, _key = factories.submitted_report(user=writer, anonymous=True, title="還付金の過大支給")
    with django_capture_on_commit_callbacks(execute=True):
        case = factories.published_case(report=report)
    exact = report.occurred_at.astimezone(timezone.get_current_timezone()).date()
    exact_label = f"{exact.year}年{exact.month}月{exact.day}日"
    linked = notice(body=f"<p>{case_url(case)}</p>")
    client.force_login(reader)
    pages = [
        client.get(INDEX).content.decode(),
        client.get(case_url(case)).content.decode(),
        client.get("/").content.decode(),
        client.get(linked.get_absolute_url()).content.decode(),
    ]
    for page in pages:
        assert "還付金の過大支給" in page
        assert "鷺沼" not in page and "さぎぬま" not in page and writer.username not in page
        assert exact_label not in page
