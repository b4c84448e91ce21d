"""In a real browser: the department and staff-group weeks are a fixed grid at 1280 px (day
headers on one line, equal day columns with borders, no sideways scrolling) and a list per day
at 375 px; axe finds no serious issue on them or on my day and month."""

import pytest
from playwright.sync_api import expect

from intranet.demo.organisation import DEMO_PASSWORD
from intranet.site import ensure_home_page
from reservations.models import StaffGroup
from tests.browser.test_login_dashboard import blocking_violations, log_in
from tests.factories import DepartmentFactory, at, booking, room, staff_member, working_day
from tests.reservations.schedule_factories import entry

pytestmark = pytest.mark.django_db(transaction=True)

SCREENSHOTS = "/tmp"


@pytest.fixture
def day():
    return working_day(2)


@pytest.fixture
def staff(transactional_db, day):
    """A member of 情報政策課 with eight colleagues' busy week, and a group across sections."""
    ensure_home_page()  # an earlier browser test's flush may have taken it
    section = DepartmentFactory(name="情報政策課")
    user = staff_member(department=section, full_name="山田 太郎")
    user.set_password(DEMO_PASSWORD)
    user.save()
    names = ["佐藤 花子", "鈴木 一郎", "高橋 美咲", "田中 健", "伊藤 由美", "渡辺 翔", "中村 愛"]
    colleagues = [staff_member(department=section, full_name=name) for name in names]
    for index, colleague in enumerate(colleagues):
        entry(colleague, day, "09:00", "10:30", title="窓口当番（市民課応援）")
        entry(colleague, day, "13:00", "17:00", title=f"研修{index}", private=index % 2 == 0)
    booking(
        room("第1会議室"), at(day, "10:00"), at(day, "11:00"), user=user, title="予算ヒアリング"
    )
    other = staff_member(department=DepartmentFactory(name="危機管理課"), full_name="防災 次郎")
    entry(other, day, "15:00", "16:00", title="避難所点検")
    group = StaffGroup.objects.create(owner=user, name="防災プロジェクト")
    group.members.set([colleagues[0], other])
    user.group_pk = group.pk
    user.department_pk = section.pk
    return user


def _pages(live_server, staff, day):
    week = f"?week={day:%Y-%m-%d}"
    base = f"{live_server.url}/reservations/schedule"
    return {
        "department": f"{base}/department/{staff.department_pk}/{week}",
        "group": f"{base}/groups/{staff.group_pk}/{week}",
        "month": f"{base}/month/?month={day:%Y-%m}",
        "day": f"{base}/day/?date={day:%Y-%m-%d}",
        "groups": f"{base}/groups/",
        "group-form": f"{base}/groups/{staff.group_pk}/edit/",
    }


def _no_sideways_scrolling(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_department_week_is_a_readable_grid_at_1280(page, live_server, staff, day):
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server, username=staff.username)
    pages = _pages(live_server, staff, day)
    for name, url in pages.items():
        page.goto(url)
        page.screenshot(path=f"{SCREENSHOTS}/schedule-{name}-1280.png", full_page=True)
        assert blocking_violations(page) == [], name
        assert _no_sideways_scrolling(page), name
    page.goto(pages["department"])
    table = page.locator(".schedule-table")
    expect(table).to_be_visible()
    expect(page.locator(".schedule-days")).to_be_hidden()
    shape = page.evaluate(
        """() => {
          const heads = [...document.querySelectorAll('.schedule-table thead th')].slice(1);
          const dates = heads.map(th => th.querySelector('.schedule-table__date'));
          const line = parseFloat(getComputedStyle(dates[0]).lineHeight);
          const cell = document.querySelector('.schedule-table tbody td');
          return {
            widths: heads.map(th => th.getBoundingClientRect().width),
            lines: dates.map(span => span.getBoundingClientRect().height / line),
            border: getComputedStyle(cell).borderTopWidth,
          };
        }"""
    )
    assert max(shape["widths"]) - min(shape["widths"]) < 1, shape["widths"]
    assert min(shape["widths"]) > 100
    assert all(lines < 1.5 for lines in shape["lines"]), shape["lines"]
    assert shape["border"] != "0px"
    expect(table.get_by_role("row", name="佐藤 花子", exact=False)).to_contain_text(
        "窓口当番（市民課応援）"
    )


def test_the_department_week_is_a_list_per_day_at_375(page, live_server, staff, day):
    page.set_viewport_size({"width": 375, "height": 800})
    log_in(page, live_server, username=staff.username)
    pages = _pages(live_server, staff, day)
    for name, url in pages.items():
        page.goto(url)
        page.screenshot(path=f"{SCREENSHOTS}/schedule-{name}-375.png", full_page=True)
        assert blocking_violations(page) == [], name
        assert _no_sideways_scrolling(page), name
    page.goto(pages["department"])
    expect(page.locator(".schedule-table")).to_be_hidden()
    the_day = page.locator(f"#list-{day:%Y%m%d}").locator("xpath=..")
    expect(the_day).to_be_visible()
    expect(the_day.get_by_role("heading", name="佐藤 花子")).to_be_visible()
    expect(the_day).to_contain_text("予算ヒアリング")
