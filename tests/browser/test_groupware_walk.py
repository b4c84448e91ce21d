"""Each screen of the groupware issue, as the role that uses it, at 1280 px and on a phone.

One table: a screen, the demo login whose work it is, what it opens and what must be
seen. For each row and width the walk checks that axe finds no serious issue, that no id
named by aria-describedby is missing, that the page does not scroll sideways, that the
title and the heading are Japanese, and that what the screen is for (a status column,
the submit button) is on screen. The demo is loaded once; one tab walks every row.

With ``UIWALK_SHOTS=<directory>`` each screen is saved as <item>-<role>-<width>.png there
(the page's first 1600 px), for a person to look at.
"""

import datetime
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from bulletin.conference import services as conference
from bulletin.models import Board, Notice, NoticeCategory, Post
from intranet.models import Department, StaffProfile
from reservations import rules
from reservations.models import Booking
from tests.browser.test_accessibility import MISSING_DESCRIPTIONS
from tests.browser.test_login_dashboard import blocking_violations, log_in
from tests.factories import notice, working_day

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = {1280: 900, 375: 812}
PHONE = 375
SETTLED = "() => document.getAnimations().every(a => a.playState !== 'running')"
SHOT_HEIGHT = 1600  # enough for a person to judge a screen; long lists are cut there
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@dataclass
class Screen:
    item: str
    role: str
    path: str  # formatted with the walk's data (``{notice}``, ``{thread}``…)
    heading: str  # a part of the page's h1
    visible: list = field(default_factory=list)  # (role, name) or a CSS selector
    act: object = None  # what the user does on the page before it is checked
    wide_only: list = field(default_factory=list)  # shown at 1280 px, folded on a phone


def reject_without_reason(page):
    """The section head presses 却下 on the first request and lands on the decision form."""
    page.locator(".decision-form").first.get_by_role("button", name="却下").click()
    page.wait_for_url("**/decide/")


def save_empty(page):
    """An admin add form saved empty: the errors each field points its readers to."""
    page.get_by_role("button", name=re.compile("^(作成|保存)")).first.click()
    page.locator(".w-field__errors, .error-message").first.wait_for()


SCREENS = [
    # The dashboard: the header count and the 未確認のお知らせ panel with its total.
    Screen("home", "demo", "/", "おつかれさまです", [("heading", "未確認のお知らせ")]),
    # The board: filters (folded on a phone) and each notice's status on screen.
    Screen(
        "board",
        "demo",
        "/bulletin/",
        "掲示板",
        [".filter-fold > summary", ".notice-row__status"],
        wide_only=["#id_q"],
    ),
    Screen(
        "board-filtered",
        "demo",
        "/bulletin/?status=unconfirmed",
        "掲示板",
        ["#id_q", ("button", "絞り込む")],
    ),
    # The sender: the sent list with 既読・確認済み, drafts, the preview, the confirmations.
    Screen(
        "sent",
        "itdesk",
        "/bulletin/sent/",
        "所属から送ったお知らせ",
        ["td[data-label='既読']", "td[data-label='確認済み']"],
    ),
    Screen(
        "notice-new",
        "itdesk",
        "/bulletin/new/",
        "お知らせを作成",
        [("button", "掲示する"), ("button", "下書き")],
    ),
    Screen(
        "notice-preview",
        "itdesk",
        "/bulletin/{draft}/",
        "回線工事",
        [("button", "この内容で送信する")],
    ),
    Screen(
        "notice-edit",
        "itdesk",
        "/bulletin/{notice}/edit/",
        "お知らせを編集",
        ["#id_reset_confirmations"],
    ),
    Screen(
        "confirmations",
        "itdesk",
        "/bulletin/{notice}/confirmations/",
        "既読・確認の状況",
        [("link", "CSV")],
    ),
    # The e-conference room, as a reader and as its moderator.
    Screen("boards", "demo", "/bulletin/conference/", "職員電子会議室", [".board-list"]),
    Screen(
        "thread",
        "demo",
        "/bulletin/conference/{thread}/",
        "",
        [".post__number", ("button", "参考になった")],
    ),
    Screen(
        "thread-moderated",
        "jimukyoku",
        "/bulletin/conference/{thread}/",
        "",
        [("button", "非表示を取り消す")],
    ),
    # Bookings.
    Screen("timeline", "demo", "/reservations/", "施設予約", [".tl-scroll"]),
    Screen(
        "booking-room",
        "demo",
        "/reservations/new/?resource={room}",
        "新しく予約する",
        [("button", "予約する")],
    ),
    Screen(
        "booking-vehicle",
        "demo",
        "/reservations/new/?resource={vehicle}",
        "新しく予約する",
        ["#id_destination"],
    ),
    Screen(
        "mine",
        "demo",
        "/reservations/mine/",
        "わたしの予約",
        [("link", "終了した予約"), "td[data-label='状態']"],
    ),
    Screen(
        "find-room", "demo", "/reservations/find/", "空き会議室を探す", [("textbox", "開始時刻")]
    ),
    Screen(
        "vehicle-return",
        "demo",
        "/reservations/{trip}/return/",
        "帰着を記録",
        [("button", "記録する")],
    ),
    Screen(
        "approvals", "kacho", "/reservations/approvals/", "承認待ちの予約", [("button", "却下")]
    ),
    Screen(
        "reject",
        "kacho",
        "/reservations/approvals/",
        "の承認・却下",
        [("radio", "却下"), ("button", "決定する")],
        act=reject_without_reason,
    ),
    # Schedules.
    Screen("my-week", "demo", "/reservations/schedule/", "わたしのスケジュール"),
    Screen("my-day", "demo", "/reservations/schedule/day/", "わたしのスケジュール"),
    Screen("my-month", "demo", "/reservations/schedule/month/", "わたしのスケジュール"),
    Screen(
        "department-week",
        "demo",
        "/reservations/schedule/department/{section}/",
        "市民課のスケジュール",
    ),
    Screen("groups", "demo", "/reservations/schedule/groups/", "マイグループ"),
    Screen(
        "group-new",
        "demo",
        "/reservations/schedule/groups/new/",
        "グループを作る",
        [("combobox", "メンバー")],
    ),
    Screen(
        "entry-new",
        "demo",
        "/reservations/schedule/events/new/",
        "予定を登録する",
        [("combobox", "参加者"), ("button", "登録する")],
    ),
    Screen(
        "find-time",
        "demo",
        "/reservations/schedule/find-time/?colleagues={colleague}&date_from={day}"
        "&date_to={day}&length=60&seats=4",
        "空き時間を探す",
        [".free-times"],
    ),
    # The admin screens the issue names, with the errors of an empty add form.
    *[
        Screen(f"admin-{slug}", role, f"/admin/{slug}/", title)
        for slug, role, title in [
            ("notice_categories", "jimukyoku", "お知らせの分類"),
            ("conference_boards", "jimukyoku", "電子会議室"),
            ("reservation_blackouts", "sysadmin", "利用停止期間"),
            ("reservation_groups", "sysadmin", "庁舎・フロア"),
            ("reservation_features", "sysadmin", "設備"),
        ]
    ],
    *[
        Screen(f"admin-{slug}-errors", role, f"/admin/{slug}/new/", title, act=save_empty)
        for slug, role, title in [
            ("notice_categories", "jimukyoku", "お知らせの分類"),
            ("reservation_blackouts", "sysadmin", "利用停止期間"),
            ("reservation_groups", "sysadmin", "庁舎・フロア"),
            ("reservation_features", "sysadmin", "設備"),
        ]
    ],
]


@pytest.fixture
def walk_data(transactional_db, small_python_faq):
    """The demo, plus what it lacks: a draft, a hidden post, a trip that has left."""
    call_command("load_demo", verbosity=0)
    itdesk = StaffProfile.objects.select_related("user", "department").get(user__username="itdesk")
    draft = notice(
        "庁内ネットワークの回線工事について",
        sender=itdesk.department,
        posted_by=itdesk.user,
        is_draft=True,
        category=NoticeCategory.objects.first(),
    )
    sent = Notice.objects.filter(posted_by=itdesk.user, requires_confirmation=True).first()
    moderator = StaffProfile.objects.get(user__username="jimukyoku").user
    board = Board.objects.filter(moderators=moderator).first()
    post = Post.objects.filter(thread__board=board, number__gt=1).order_by("-created_at").first()
    conference.hide(post, moderator, "個人が特定できる内容のため")
    trip = Booking.objects.filter(booked_by__username="demo", resources__kind="vehicle").first()
    start = timezone.now().replace(second=0, microsecond=0) - datetime.timedelta(hours=3)
    Booking.objects.filter(pk=trip.pk).update(
        starts_at=start, ends_at=start + datetime.timedelta(hours=2)
    )
    kacho = StaffProfile.objects.get(user__username="kacho").user
    waiting = [b for b in Booking.objects.filter(status="tentative") if rules.can_approve(kacho, b)]
    assert waiting, "the demo has a request for the section head"
    section = Department.objects.get(code="310")
    return {
        "draft": draft.pk,
        "notice": sent.pk,
        "thread": f"{board.slug}/{post.thread_id}",
        "trip": trip.pk,
        "room": trip.resources.model.objects.filter(kind="room").first().pk,
        "vehicle": trip.resources.get(kind="vehicle").pk,
        "section": section.pk,
        "colleague": StaffProfile.objects.exclude(department=section).first().user_id,
        "day": f"{working_day(2):%Y-%m-%d}",
    }


def locate(page, what):
    if isinstance(what, tuple):
        role, name = what
        return page.get_by_role(role, name=name).first
    return page.locator(what).first


# The admin's form fields and heading icons that stand past either edge of the screen.
CUT_ADMIN_PARTS = """() => [...document.querySelectorAll(
    'main input, main select, main textarea, #header-title > svg, .w-header__glyph')]
  .filter(e => {
    const box = e.getBoundingClientRect();
    return box.width > 0 && (box.left < -1 || box.right > window.innerWidth + 1);
  })
  .map(e => e.name || e.id || e.getAttribute('class'))"""


def problems_on(page, screen, width):
    found = [*blocking_violations(page)]
    missing = page.evaluate(MISSING_DESCRIPTIONS)
    found += [f"aria-describedby names a missing id: {name}" for name in missing]
    if not page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"):
        found.append("the page scrolls sideways")
    if screen.path.startswith("/admin/"):
        found += [f"cut at the screen's edge: {name}" for name in page.evaluate(CUT_ADMIN_PARTS)]
    if page.locator("html").get_attribute("lang") != "ja" or not JAPANESE.search(page.title()):
        found.append(f"title not Japanese: {page.title()!r}")
    heading = page.locator("h1").first.inner_text().strip()
    if not JAPANESE.search(heading) or screen.heading not in heading:
        found.append(f"heading {heading!r}, expected {screen.heading!r}")
    if re.search(r"[\u3040-\u30ff\u4e00-\u9fff]: ", page.title() + heading):
        found.append(f"half-width colon in {page.title()!r}")
    for what in screen.visible:
        element = locate(page, what)
        if not element.is_visible():
            found.append(f"not visible: {what}")
            continue
        box = element.bounding_box()
        if box["x"] < 0 or box["x"] + box["width"] > width + 1:
            found.append(f"off screen sideways: {what}")
    for what in screen.wide_only:
        if locate(page, what).is_visible() != (width > PHONE):
            found.append(f"{what} {'hidden' if width > PHONE else 'shown'}")
    return found


def shoot(page, name):
    directory = os.environ.get("UIWALK_SHOTS")
    if directory:
        Path(directory).mkdir(parents=True, exist_ok=True)
        width, height = page.viewport_size["width"], page.evaluate("document.body.scrollHeight")
        clip = {"x": 0, "y": 0, "width": width, "height": min(height, SHOT_HEIGHT)}
        page.screenshot(path=f"{directory}/{name}.png", full_page=True, clip=clip)


def test_each_screen_of_the_issue_as_its_role_at_1280_and_375(page, live_server, walk_data):
    found = {}
    for role in dict.fromkeys(screen.role for screen in SCREENS):
        page.context.clear_cookies()
        log_in(page, live_server, username=role)
        for width, height in WIDTHS.items():
            page.set_viewport_size({"width": width, "height": height})
            for screen in (s for s in SCREENS if s.role == role):
                name = f"{screen.item}-{role}-{width}"
                response = page.goto(f"{live_server.url}{screen.path.format(**walk_data)}")
                if response.status != 200:
                    found[name] = [f"HTTP {response.status}"]
                    continue
                if screen.act:
                    screen.act(page)
                page.wait_for_function(SETTLED)  # axe reads colours mid-fade otherwise
                shoot(page, name)
                problems = problems_on(page, screen, width)
                if problems:
                    found[name] = problems
    assert not found, "\n".join(f"{name}: {problems}" for name, problems in found.items())
