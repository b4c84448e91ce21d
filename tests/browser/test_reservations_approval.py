"""In a real browser: a section head opens the queue, is told a rejection needs a reason,
and approves; axe finds no serious issue on the queue or the decision page."""

import pytest
from playwright.sync_api import expect

from intranet import roles
from intranet.demo.organisation import DEMO_PASSWORD
from intranet.site import ensure_home_page
from reservations.models import Booking
from tests.browser.test_login_dashboard import blocking_violations, log_in
from tests.factories import DepartmentFactory, at, booking, room, staff_member, working_day

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def request_and_head(transactional_db):
    ensure_home_page()
    owner = DepartmentFactory(name="総務課")
    head = staff_member(roles=[roles.SECTION_HEAD], department=owner, full_name="総務 課長")
    head.set_password(DEMO_PASSWORD)
    head.save()
    day = working_day()
    request = booking(
        room("庁議室", owner=owner, requires_approval=True),
        at(day, "10:00"),
        at(day, "11:00"),
        user=staff_member(full_name="市民 花子"),
        title="予算要求ヒアリング",
        purpose="来年度予算の要求内容を聞き取ります。",
    )
    return request, head


def test_a_section_head_approves_from_the_queue(page, live_server, request_and_head):
    request, head = request_and_head
    log_in(page, live_server, username=head.username)
    page.goto(f"{live_server.url}/reservations/approvals/")
    expect(page.get_by_role("heading", level=1, name="承認待ちの予約")).to_be_visible()
    card = page.get_by_role("article").filter(has_text="予算要求ヒアリング")
    expect(card).to_contain_text("市民 花子")
    assert blocking_violations(page) == []

    card.get_by_role("button", name="却下").click()
    expect(page.get_by_text("却下の理由を書いてください。")).to_be_visible()
    assert blocking_violations(page) == []
    request.refresh_from_db()
    assert request.status == Booking.Status.TENTATIVE

    page.get_by_label("承認", exact=True).check()
    page.get_by_role("button", name="決定する").click()
    expect(page.get_by_text("を承認しました。予約した人に通知しました。")).to_be_visible()
    request.refresh_from_db()
    assert request.status == Booking.Status.CONFIRMED
