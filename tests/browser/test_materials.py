"""In a real browser: a secretary uploads a meeting's PDF for the departments concerned; their
staff find a sentence inside it from the header's search box and land on its page; staff of
another department never see it; the statistics library previews a table. axe on every page."""

import re
from dataclasses import dataclass
from urllib.parse import urljoin

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from intranet.demo.organisation import DEMO_PASSWORD
from intranet.site import ensure_home_page
from materials.file_builders import pdf_bytes, xlsx_bytes
from materials.models import Library
from tests.browser.test_login_dashboard import blocking_violations, log_in
from tests.factories import DepartmentFactory, staff_member
from tests.materials import factories

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "令和8年度 公用車更新計画"
SENTENCE = "公用車の電動化は令和十年度までに全台で完了させる"
PAGES = [
    "令和8年度 公用車更新計画（案）\n政策企画課",
    "1 現状\n公用車は本庁舎と支所に配置している。",
    f"2 方針\n{SENTENCE}。充電設備は本庁舎駐車場に設ける。",
    "3 スケジュール\n令和9年度に仕様を定める。",
]
TABLE_TITLE = "地区別人口（令和8年4月1日現在）"


@dataclass
class Office:
    series: object
    meeting: object
    secretary: object
    concerned: object
    outsider: object


def with_password(user):
    user.set_password(DEMO_PASSWORD)
    user.save()
    return user


@pytest.fixture
def office(transactional_db):
    ensure_home_page()  # an earlier browser test's flush may have taken it
    kept = factories.series(name="庁内調整会議")
    sitting = factories.meeting(kept, title="第7回", days_ago=2)
    return Office(
        series=kept,
        meeting=sitting,
        secretary=with_password(factories.secretary_of(kept)),
        concerned=with_password(staff_member(department=DepartmentFactory(name="財政課"))),
        outsider=with_password(staff_member(department=DepartmentFactory(name="市民課"))),
    )


def new_tab(browser):
    """A tab with cookies of its own, so another user can log in beside the first."""
    context = browser.new_context(locale="ja-JP", timezone_id="Asia/Tokyo")
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    return tab


def open_menu(page, label, heading=None):
    page.get_by_role("navigation", name="メインメニュー").get_by_role("link", name=label).click()
    expect(page.get_by_role("heading", level=1, name=heading or label)).to_be_visible()
    assert blocking_violations(page) == []


def search_from_header(page, words):
    box = page.get_by_role("combobox", name="イントラネット内を検索")
    box.fill(words)
    box.press("Enter")
    page.wait_for_url("**/search/?q=*")
    expect(page.get_by_role("heading", level=2).first).to_contain_text("検索結果")
    assert blocking_violations(page) == []


def upload_the_plan(page, live_server, office, tmp_path):
    log_in(page, live_server, username=office.secretary.username)
    open_menu(page, "会議資料")
    page.get_by_role("link", name=office.series.name).first.click()
    expect(page.get_by_role("heading", level=1, name=office.series.name)).to_be_visible()
    assert blocking_violations(page) == []
    page.get_by_role("link", name=office.meeting.title).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(office.meeting.title)
    assert blocking_violations(page) == []
    page.get_by_role("link", name="資料をアップロード").click()
    expect(page.get_by_role("heading", level=1, name="資料をアップロード")).to_be_visible()
    assert blocking_violations(page) == []

    chosen = tmp_path / "公用車更新計画.pdf"
    chosen.write_bytes(pdf_bytes(PAGES))
    page.get_by_label("ファイル").set_input_files(chosen)
    page.get_by_label("タイトル").fill(TITLE)
    page.get_by_role("radio", name="関係課のみ").check()
    page.get_by_role("checkbox", name=re.compile("財政課")).check()
    page.get_by_role("button", name="アップロード", exact=True).click()
    expect(page.get_by_role("heading", level=1, name=TITLE)).to_be_visible()
    assert blocking_violations(page) == []

    page.get_by_role("navigation", name="パンくずリスト").get_by_role(
        "link", name=office.meeting.title
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(office.meeting.title)
    listed = page.get_by_role("listitem").filter(
        has=page.get_by_role("link", name=TITLE, exact=True)
    )
    expect(listed).to_contain_text("抽出済")
    expect(listed).to_contain_text("関係課のみ")
    assert blocking_violations(page) == []
    return listed.get_by_role("link", name=TITLE, exact=True).get_attribute("href")


def test_a_secretary_uploads_and_only_the_departments_concerned_find_it(
    browser, page, live_server, office, tmp_path
):
    material_url = upload_the_plan(page, live_server, office, tmp_path)

    # Staff of the department concerned find the sentence and land on page 3 of the PDF.
    reader = new_tab(browser)
    log_in(reader, live_server, username=office.concerned.username)
    search_from_header(reader, SENTENCE)
    hit = reader.locator("li").filter(has=reader.get_by_role("link", name=re.compile(TITLE)))
    hit = hit.filter(has=reader.get_by_role("link", name=re.compile(r"p\.3")))
    expect(hit.first).to_be_visible()
    # The page with every word comes first; pages with some of them may follow, marked.
    first_part = hit.first.get_by_role("link", name=re.compile(r"p\.\d")).first
    expect(first_part).to_contain_text("p.3")
    href = hit.first.get_by_role("link", name=re.compile(r"p\.3")).last.get_attribute("href")
    opened = reader.request.get(urljoin(reader.url, href), max_redirects=0)
    assert opened.status == 302
    target = opened.headers["location"]
    assert target.endswith("#page=3")
    assert "/materials/files/" in target
    pdf = reader.request.get(urljoin(reader.url, target.split("#")[0]))
    assert pdf.status == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.headers["content-disposition"].startswith("inline")
    assert pdf.body().startswith(b"%PDF")
    reader.context.close()

    # Staff of another department: no hit, no suggestion, no count; the page and file are 404.
    outsider = new_tab(browser)
    log_in(outsider, live_server, username=office.outsider.username)
    search_from_header(outsider, SENTENCE)
    expect(outsider.get_by_role("heading", level=2).first).to_contain_text("：0件")
    assert TITLE not in outsider.content()  # no hit, no suggestion, no snippet
    assert outsider.locator('input[name="type"][value^="material"]').count() == 0  # no count
    assert outsider.goto(f"{live_server.url}{material_url}").status == 404
    assert outsider.request.get(urljoin(outsider.url, target.split("#")[0])).status == 404
    outsider.goto(f"{live_server.url}{office.meeting.get_absolute_url()}")
    expect(outsider.get_by_role("heading", level=1)).to_contain_text(office.meeting.title)
    expect(outsider.get_by_text("資料0件")).to_be_visible()
    assert TITLE not in outsider.content()
    assert blocking_violations(outsider) == []
    outsider.context.close()


@pytest.fixture
def statistics(transactional_db):
    ensure_home_page()
    section = DepartmentFactory(name="企画課")
    folder = factories.category("人口統計", library=Library.REFERENCE)
    table = xlsx_bytes(
        {"地区別": [("地区", "人口", "世帯数"), ("本町", 1200, 540), ("錦町", 980, 410)]}
    )
    upload = SimpleUploadedFile("地区別人口.xlsx", table)
    factories.library_material(folder, section, title=TABLE_TITLE, upload=upload)
    return folder, with_password(staff_member(department=DepartmentFactory(name="市民課")))


def test_a_statistics_table_is_previewed_on_its_page(page, live_server, statistics):
    folder, reader = statistics
    log_in(page, live_server, username=reader.username)
    open_menu(page, "様式・統計", heading="様式集・統計資料")
    page.get_by_role("link", name=folder.name).click()
    expect(page.get_by_role("heading", level=1, name=folder.name)).to_be_visible()
    assert blocking_violations(page) == []
    page.get_by_role("link", name=TABLE_TITLE, exact=True).click()
    expect(page.get_by_role("heading", level=1, name=TABLE_TITLE)).to_be_visible()
    expect(page.get_by_role("region", name="ファイル", exact=True)).to_contain_text("1シート")
    preview = page.get_by_role("region", name=re.compile("地区別"))
    expect(preview.get_by_role("columnheader", name="世帯数")).to_be_visible()
    expect(preview.get_by_role("row", name=re.compile("錦町"))).to_contain_text("980")
    assert blocking_violations(page) == []


def test_on_a_phone_the_meetings_table_keeps_its_titles_on_one_line(page, live_server, office):
    """The table scrolls sideways in its own box instead of squeezing a title into a column."""
    page.set_viewport_size({"width": 375, "height": 800})
    log_in(page, live_server, username=office.outsider.username)
    page.goto(f"{live_server.url}/materials/")
    recent = page.get_by_role("region", name="最近の会議")
    link = recent.get_by_role("link", name=office.meeting.title)
    font_size = link.evaluate("a => parseFloat(getComputedStyle(a).fontSize)")
    assert link.bounding_box()["height"] < 2.5 * font_size  # one line, not one per character
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert blocking_violations(page) == []
