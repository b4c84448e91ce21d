"""The IT desk turns a search that found nothing into one that finds, from the search report."""

import pytest
from playwright.sync_api import expect

from intranet import roles
from search import synonyms
from search.models import SearchQueryLog, SynonymGroup
from tests.browser.test_login_dashboard import blocking_violations
from tests.factories import PASSWORD, staff_member

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def it_desk(transactional_db):
    SynonymGroup.objects.create(name="源泉徴収", members="源泉徴収・源泉")
    SearchQueryLog.objects.create(query="年末調整", hits=0)
    return staff_member(roles=[roles.IT_DESK])


def log_in_as(page, live_server, user):
    page.goto(f"{live_server.url}/")
    page.get_by_label("ユーザー名").fill(user.username)
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_url(f"{live_server.url}/")


def test_the_it_desk_adds_a_query_that_found_nothing_to_a_synonym_group(page, live_server, it_desk):
    log_in_as(page, live_server, it_desk)
    page.goto(f"{live_server.url}/admin/search-reports/")
    assert blocking_violations(page) == []
    # Click one: the action beside the query.
    page.get_by_role("link", name="同義語に追加：「年末調整」").click()
    expect(page.get_by_role("heading", name="同義語に追加")).to_be_visible()
    assert blocking_violations(page) == []
    # Click two: pick the group and confirm.
    page.get_by_label("同義語グループ").select_option(label="源泉徴収（源泉徴収・源泉）")
    page.get_by_role("button", name="追加する").click()
    expect(
        page.get_by_text("「年末調整」を同義語グループ「源泉徴収」に追加しました。")
    ).to_be_visible()
    assert page.url.endswith("/admin/search-reports/")
    assert ("源泉徴収", ("源泉徴収",)) in synonyms.lookup("年末調整")


def test_a_new_group_that_is_not_a_group_is_explained_on_the_form(page, live_server, it_desk):
    log_in_as(page, live_server, it_desk)
    page.goto(f"{live_server.url}/admin/search-reports/add-synonym/?query=年末調整")
    expect(page.get_by_label("新しいグループの言葉")).to_have_value("年末調整")
    page.get_by_role("button", name="追加する").click()
    expect(page.get_by_role("alert").filter(has_text="2つ以上")).to_be_visible()
    assert blocking_violations(page) == []
    page.get_by_label("新しいグループの言葉").fill("年末調整\n源泉徴収票")
    page.get_by_role("button", name="追加する").click()
    expect(page.get_by_text("同義語グループ「年末調整・源泉徴収票」に追加しました")).to_be_visible()
