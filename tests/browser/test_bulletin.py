"""In a real browser: a staff member reads and confirms a notice with one click, and the
sending section sees who has not confirmed and reminds them; axe finds no serious issue."""

import re

import pytest
from playwright.sync_api import expect
from wagtail.models import Collection

from bulletin.models import NoticeRead
from intranet.demo.organisation import DEMO_PASSWORD
from intranet.models import Notification
from intranet.site import ensure_home_page
from tests.browser.test_login_dashboard import blocking_violations, log_in
from tests.bulletin.conftest import Office
from tests.factories import notice, notice_category

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "個人情報保護研修の受講について"


@pytest.fixture
def office(transactional_db):
    ensure_home_page()  # an earlier browser test's flush may have taken it
    office = Office()
    for user in (office.office, office.hr, office.citizen):
        user.set_password(DEMO_PASSWORD)
        user.save()
    return office


@pytest.fixture
def training(office):
    return notice(
        TITLE,
        body="<p>12月15日までに e ラーニングで受講してください。</p>",
        sender=office.jinji,
        importance=1,
        requires_confirmation=True,
    )


def test_a_staff_member_reads_and_confirms_without_a_reload(page, live_server, office, training):
    log_in(page, live_server, username=office.citizen.username)
    panel = page.get_by_role("region", name="未確認のお知らせ")
    panel.get_by_role("link", name=f"【重要】{TITLE}").click()
    expect(page.get_by_role("heading", level=1, name=TITLE)).to_be_visible()
    assert blocking_violations(page) == []
    navigations = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url))
    page.get_by_role("button", name="確認しました").click()
    expect(page.get_by_text("確認済み（")).to_be_visible()
    assert navigations == []
    assert NoticeRead.objects.get(user=office.citizen).confirmed_at is not None


def test_the_board_lists_the_notice_with_my_status(page, live_server, office, training):
    log_in(page, live_server, username=office.citizen.username)
    page.get_by_role("navigation", name="メインメニュー").get_by_role("link", name="掲示板").click()
    expect(page.get_by_role("heading", level=1, name="掲示板")).to_be_visible()
    row = page.get_by_role("row").filter(has_text=TITLE)
    expect(row).to_contain_text("要確認")
    assert blocking_violations(page) == []


def test_the_sender_sees_who_has_not_confirmed_and_reminds_them(
    page, live_server, office, training
):
    log_in(page, live_server, username=office.hr.username)
    page.goto(f"{live_server.url}{training.get_absolute_url()}")
    page.get_by_role("link", name="既読・確認の状況").click()
    expect(page.get_by_role("heading", level=1, name="既読・確認の状況")).to_be_visible()
    expect(page.get_by_role("status").first).to_contain_text("確認済み0名")
    assert blocking_violations(page) == []
    page.get_by_role("link", name="未確認の全員に催促する").click()
    expect(page.get_by_role("heading", level=1, name="催促を送る")).to_be_visible()
    assert blocking_violations(page) == []
    page.get_by_role("button", name=re.compile(r"人に催促を送る")).click()
    expect(page.get_by_text("名に催促を送りました")).to_be_visible()
    assert Notification.objects.filter(recipient=office.citizen).count() == 1


def test_the_notice_form_has_no_serious_accessibility_violation(page, live_server, office):
    notice_category()
    log_in(page, live_server, username=office.office.username)
    page.goto(f"{live_server.url}/bulletin/new/")
    expect(page.get_by_role("heading", level=1, name="お知らせを作成")).to_be_visible()
    assert blocking_violations(page) == []
    page.get_by_label("件名").fill("庁舎の停電について")
    page.get_by_label("本文").fill("問い合わせは 090-1234-5678 まで。")
    page.get_by_role("button", name="掲示する").click()
    expect(
        page.get_by_role("heading", name="個人情報が含まれている可能性があります")
    ).to_be_visible()
    assert blocking_violations(page) == []


def test_a_file_chosen_for_a_notice_the_guard_sends_back_goes_out_with_it(
    page, live_server, office, tmp_path
):
    if not Collection.objects.exists():  # an earlier browser test's flush may have taken it
        Collection.add_root(name="Root")
    notice_category()
    chosen = tmp_path / "配置図.pdf"
    chosen.write_bytes(b"%PDF-1.4 map")
    log_in(page, live_server, username=office.office.username)
    page.goto(f"{live_server.url}/bulletin/new/")
    page.get_by_label("件名").fill("庁舎の停電について")
    page.get_by_label("本文").fill("問い合わせは 090-1234-5678 まで。")
    page.locator('input[name="files"]').set_input_files(chosen)
    page.get_by_role("button", name="掲示する").click()
    expect(
        page.get_by_role("heading", name="個人情報が含まれている可能性があります")
    ).to_be_visible()
    expect(page.locator(".held-uploads")).to_contain_text("配置図.pdf")
    assert blocking_violations(page) == []
    page.locator('input[name="not_personal_data"]').check()
    page.locator('textarea[name="privacy_reason"]').fill("庁舎管理の公用携帯の番号")
    page.get_by_role("button", name="掲示する").click()
    expect(page.get_by_role("heading", level=1, name="庁舎の停電について")).to_be_visible()
    expect(page.get_by_role("link", name="配置図.pdf")).to_be_visible()
