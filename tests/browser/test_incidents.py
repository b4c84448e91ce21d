"""In a real browser: a staff member reports a near miss (the draft saves itself) and sends it;
the section head confirms it from the queue; the office confirms it, takes a resident's name
out of the public version the guard stops, and publishes it; another section's staff find the
case from the header's search box and read it; the office's statistics draw their charts with
tables; on a phone the collection fits the screen. axe on every page."""

import re
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from incidents.models import Case, IncidentReport, State
from intranet.site import ensure_home_page
from tests.browser.test_login_dashboard import blocking_violations, log_in
from tests.browser.test_materials import new_tab, search_from_header, with_password
from tests.factories import DepartmentFactory, StaffProfileFactory, UserFactory
from tests.incidents import factories

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "固定資産税納税通知書の封入誤り"
RESIDENT = "佐藤花子"  # a resident's name the personal-data guard finds
WHAT_HAPPENED = (
    f"{RESIDENT}さんあての固定資産税納税通知書を、別の世帯の封筒に封入して発送した。"
    "受け取った方からの電話で判明した。"
)
WHY = "封入時の宛名照合を一人で行った"
WRITER_NAME = "蓮見 航太郎"
WRITER_KANA = "はすみ こうたろう"


def ja(text):
    """The page's words for an English msgid (as the ja catalogue has them)."""
    with translation.override("ja"):
        return gettext(text)


@dataclass
class Office:
    department: object
    writer: object
    head: object
    office: object
    reader: object


@pytest.fixture
def people(transactional_db):
    ensure_home_page()  # an earlier browser test's flush may have taken it
    factories.category()  # the data migration's categories are gone after an earlier flush
    department = DepartmentFactory(name="税務課")
    writer = UserFactory(username="hasumi", roles=[])
    StaffProfileFactory(
        user=writer, department=department, full_name=WRITER_NAME, full_name_kana=WRITER_KANA
    )
    return Office(
        department=department,
        writer=with_password(writer),
        head=with_password(factories.head_of(department)),
        office=with_password(factories.office_member()),
        reader=with_password(factories.reporter(DepartmentFactory(name="市民課"))),
    )


def local_input(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def clean(page):
    assert blocking_violations(page) == []


def write_and_send(page, live_server, people):
    log_in(page, live_server, username=people.writer.username)
    page.goto(f"{live_server.url}{reverse('incidents:report_new')}")
    expect(page.get_by_role("heading", level=1)).to_have_text(ja("Report a mistake or near miss"))
    clean(page)
    form = page.locator("#report-form")
    with page.expect_response(lambda response: "/autosave/" in response.url) as saved:
        form.locator("[name=title]").fill(TITLE)
    assert saved.value.ok
    expect(form.locator("[data-autosave-status]")).to_have_text(saved.value.json()["message"])

    now = timezone.now()
    form.locator("[name=occurred_at]").fill(local_input(now - timedelta(days=2)))
    form.locator("[name=discovered_at]").fill(local_input(now - timedelta(hours=3)))
    form.locator("[name=department]").select_option(str(people.department.pk))
    form.locator("input[name=place][value=post]").check()
    form.locator("[name=category]").select_option(label=factories.category().name)
    form.locator("input[name=rule_axis][value=not_followed]").check()
    form.locator("input[name=level][value='1']").check()
    form.locator("[name=what_happened]").fill(WHAT_HAPPENED)
    form.locator("[name=why_1]").fill(WHY)
    form.locator("[name=immediate_action]").fill(
        "受け取った方を訪問して回収し、正しい通知書を届けた。"
    )
    form.locator("[name=prevention]").fill("封入は二人で宛名と通知書の番号を照合する。")
    form.locator("[name=lessons]").fill("繁忙期ほど二人確認を省かないこと。")
    clean(page)
    form.get_by_role("button", name=ja("Send the report")).click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    clean(page)
    report = IncidentReport.objects.get(title=TITLE)
    assert report.state == State.REPORTED and report.reporter_id == people.writer.pk
    return report


def open_from_queue(page, live_server, report):
    page.goto(f"{live_server.url}{reverse('incidents:queue')}")
    expect(page.get_by_role("heading", level=1)).to_have_text(ja("Reports awaiting review"))
    clean(page)
    page.get_by_role("link", name=report.title).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(report.title)
    clean(page)


def confirm(page, live_server, user, report, button, lands_on):
    """Confirm the report from the queue; the page it lands on has ``lands_on`` as heading."""
    log_in(page, live_server, username=user.username)
    open_from_queue(page, live_server, report)
    page.get_by_role("button", name=ja(button)).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(lands_on)
    clean(page)


def publish_without_the_name(page, report):
    """On the public version (where the office's confirmation leads): the guard, then out."""
    publish = page.get_by_role("button", name=ja("Publish the case"))
    publish.click()
    warning = page.get_by_role("region", name=ja("This may contain personal data"))
    expect(warning).to_contain_text(RESIDENT)
    clean(page)
    assert Case.objects.get(report=report).published_at is None  # the guard held it back
    text = page.locator(".case-form [name=what_happened]")
    text.fill(text.input_value().replace(f"{RESIDENT}さんあての", ""))
    publish.click()
    expect(page.get_by_text(ja("See it in the collection"))).to_be_visible()
    clean(page)
    case = Case.objects.get(report=report)
    assert case.published_at is not None and RESIDENT not in case.what_happened
    return case


def test_a_report_goes_from_the_writer_to_the_collection(browser, page, live_server, people):
    report = write_and_send(page, live_server, people)

    head = new_tab(browser)
    confirm(head, live_server, people.head, report, "Confirm as section head", report.title)
    assert IncidentReport.objects.get(pk=report.pk).state == State.HEAD_CONFIRMED
    head.context.close()

    office = new_tab(browser)
    public_version = ja("Public version of the report")
    confirm(office, live_server, people.office, report, "Confirm as the office", public_version)
    case = publish_without_the_name(office, report)

    # Another section's staff find the case from the header and read it: no name in it.
    reader = new_tab(browser)
    log_in(reader, live_server, username=people.reader.username)
    search_from_header(reader, "封入 宛名照合")
    reader.get_by_role("link", name=case.title).first.click()
    expect(reader.get_by_role("heading", level=1)).to_contain_text(case.title)
    clean(reader)
    shown = reader.content()
    assert RESIDENT not in shown and WRITER_NAME not in shown
    reader.context.close()

    # The office's statistics: each chart an SVG image with its numbers in a table.
    office.goto(f"{live_server.url}{reverse('incidents:statistics')}")
    expect(office.get_by_role("heading", level=1)).to_be_visible()
    charts = office.locator("svg[role=img]")
    expect(charts.first).to_be_visible()
    assert charts.count() >= 2
    for index in range(charts.count()):
        assert (
            charts.nth(index).get_attribute("aria-label")
            or charts.nth(index).locator("title").count()
        )
    # Painted as drawn: the site's CSP drops inline styles, and a chart that relied on
    # them would come out as black shapes.
    paints = charts.first.evaluate(
        "svg => [...svg.querySelectorAll('path')].map(p => getComputedStyle(p).fill)"
    )
    assert "rgb(255, 255, 255)" in paints
    assert len(set(paints) - {"none", "rgb(0, 0, 0)"}) >= 2
    expect(office.get_by_role("table").first).to_be_visible()
    assert office.get_by_role("table").count() >= charts.count()
    clean(office)
    office.context.close()


def test_on_a_phone_the_collection_fits_the_screen(page, live_server, people):
    case = factories.published_case(
        report=factories.submitted_report(user=people.writer, title=TITLE)[0],
        head=people.head,
        office=people.office,
    )
    page.set_viewport_size({"width": 375, "height": 800})
    log_in(page, live_server, username=people.reader.username)
    page.goto(f"{live_server.url}{reverse('incidents:index')}")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    link = page.get_by_role("link", name=re.compile(re.escape(case.title))).first
    expect(link).to_be_visible()
    assert link.bounding_box()["x"] + link.bounding_box()["width"] <= 375
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    clean(page)
    link.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(case.title)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    clean(page)
