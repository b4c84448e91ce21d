"""Suggestions while typing in the header's search box: FAQ titles and popular searches.

The three tests of typing the beginning of a title word (ぱすわ, プリン, a word
only in the answer) rely on the engines matching the last word as a prefix
of title words only (SearchRequest.prefix and title_only); the others hold on
any engine that finds whole words.
"""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from intranet import roles
from search import suggest
from search.backends.base import SearchUnavailable
from search.models import SearchQueryLog
from tests.factories import DepartmentFactory, faq_home, live_faq, staff_member

pytestmark = pytest.mark.django_db

SECRET_TITLE = "パスワード管理台帳の保管場所"


@pytest.fixture
def faqs():
    home = faq_home()
    made = {
        "forgot": live_faq(home, "パスワードを忘れた", "窓口で再発行します。"),
        "vpn": live_faq(home, "VPNに接続できない", "パスワードを確認してください。"),
        "printer": live_faq(home, "プリンターの設定", "ドライバを入れます。"),
        "secret": live_faq(home, SECRET_TITLE, "金庫にあります。"),
    }
    restriction = PageViewRestriction.objects.create(
        page=made["secret"], restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name=roles.IT_DESK)])
    return made


def suggestions(client, text):
    response = client.get(reverse("search:suggest"), {"q": text})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()


def texts(data, kind=None):
    return [
        item["text"]
        for group in data["groups"]
        if kind is None or group["kind"] == kind
        for item in group["items"]
    ]


def searched(query, departments, times=1, hits=3, days_ago=1):
    """Log ``query`` as searched ``times`` times from each of ``departments``."""
    entries = SearchQueryLog.objects.bulk_create(
        SearchQueryLog(query=query, department=department, hits=hits)
        for department in departments
        for _ in range(times)
    )
    when = timezone.now() - timedelta(days=days_ago)
    SearchQueryLog.objects.filter(pk__in=[e.pk for e in entries]).update(created_at=when)


@pytest.fixture
def departments():
    return [DepartmentFactory() for _ in range(suggest.POPULAR_MIN_DEPARTMENTS)]


# -- who may ask -------------------------------------------------------------


def test_an_anonymous_visitor_is_sent_to_log_in(client, faqs):
    response = client.get(reverse("search:suggest"), {"q": "パスワード"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


# -- FAQ titles --------------------------------------------------------------


def test_a_faq_title_is_suggested_with_its_address(staff_client, faqs):
    data = suggestions(staff_client, "パスワード")
    (group,) = [g for g in data["groups"] if g["kind"] == "faq"]
    assert group["label"] == "FAQ"
    assert {"text": "パスワードを忘れた", "url": faqs["forgot"].url} in group["items"]


def test_hiragana_typed_before_the_ime_converts_suggests_the_title(staff_client, faqs):
    assert "パスワードを忘れた" in texts(suggestions(staff_client, "ぱすわ"), "faq")


def test_the_beginning_of_a_title_word_suggests_it(staff_client, faqs):
    assert texts(suggestions(staff_client, "プリン"), "faq") == ["プリンターの設定"]


def test_a_word_only_in_the_answer_suggests_nothing(staff_client, faqs):
    # 「VPNに接続できない」 has パスワード in its answer only.
    assert "VPNに接続できない" not in texts(suggestions(staff_client, "ぱすわ"))
    assert "VPNに接続できない" not in texts(suggestions(staff_client, "パスワード"))


def test_a_restricted_faq_title_is_never_suggested_outside_its_area(client, faqs):
    for role in (roles.STAFF, roles.SECTION_HEAD, roles.ADMIN_OFFICE):
        client.force_login(staff_member(roles=[role]))
        response = client.get(reverse("search:suggest"), {"q": "パスワード"})
        assert SECRET_TITLE not in response.content.decode(), role
        assert "パスワードを忘れた" in texts(response.json())


def test_the_it_desk_is_suggested_its_own_restricted_faq(client, faqs):
    client.force_login(staff_member(roles=[roles.IT_DESK]))
    assert SECRET_TITLE in texts(suggestions(client, "パスワード"), "faq")


def test_no_more_than_the_limit_is_suggested(staff_client, faqs, departments):
    home = faqs["forgot"].get_parent()
    for number in range(suggest.LIMIT + 3):
        live_faq(home, f"パスワードの疑問{number}", "回答です。")
    for number in range(suggest.POPULAR_LIMIT + 2):
        searched(f"パスワード {number}", departments)
    data = suggestions(staff_client, "パスワード")
    assert len(texts(data, "query")) == suggest.POPULAR_LIMIT
    assert len(texts(data)) == suggest.LIMIT


def test_a_search_engine_that_is_down_suggests_no_titles(staff_client, faqs, monkeypatch):
    from search.backends.database import DatabaseBackend

    def down(self, request):
        raise SearchUnavailable("down")

    monkeypatch.setattr(DatabaseBackend, "search", down)
    assert suggestions(staff_client, "パスワード") == {"query": "パスワード", "groups": []}


# -- popular searches --------------------------------------------------------


def test_a_query_searched_across_departments_is_suggested_by_text_and_reading(
    staff_client, departments
):
    searched("会議室 予約", departments)
    data = suggestions(staff_client, "会議")
    (group,) = data["groups"]
    assert group["label"] == "よく検索される語"
    assert group["items"] == [
        {
            "text": "会議室 予約",
            "url": reverse("search:results") + "?q=%E4%BC%9A%E8%AD%B0%E5%AE%A4+%E4%BA%88%E7%B4%84",
        }
    ]
    assert texts(suggestions(staff_client, "かいぎ"), "query") == ["会議室 予約"]
    assert texts(suggestions(staff_client, "カイギシツ"), "query") == ["会議室 予約"]
    assert texts(suggestions(staff_client, "よやく"), "query") == []  # begins with it, not contains


def test_the_most_searched_query_comes_first(staff_client, departments):
    searched("会議室 予約", departments)
    searched("会議録", departments, times=2)
    assert texts(suggestions(staff_client, "かいぎ"), "query") == ["会議録", "会議室 予約"]


def test_a_query_of_too_few_departments_is_not_suggested(staff_client, departments):
    # Searched often, but within fewer departments: one area's words stay in that area.
    searched("庁舎再編計画 素案", departments[:-1], times=10)
    assert texts(suggestions(staff_client, "庁舎")) == []


def test_a_query_that_found_nothing_is_not_suggested(staff_client, departments):
    searched("年末調整", departments, times=3, hits=0)
    assert texts(suggestions(staff_client, "年末")) == []


def test_a_query_searched_long_ago_is_not_suggested(staff_client, departments):
    searched("年末調整", departments, days_ago=suggest.POPULAR_DAYS + 1)
    assert texts(suggestions(staff_client, "年末")) == []


def test_a_query_with_personal_data_is_not_suggested(staff_client, departments):
    searched("山田太郎 異動", departments, times=3)
    searched("090-1234-5678", departments, times=3)
    assert texts(suggestions(staff_client, "山田")) == []
    assert texts(suggestions(staff_client, "090")) == []


# -- what is typed -----------------------------------------------------------


def test_a_single_kana_is_too_little_to_suggest_from(staff_client, faqs, departments):
    searched("ぱそこん", departments)
    assert suggestions(staff_client, "ぱ")["groups"] == []
    assert texts(suggestions(staff_client, "ぱそ")) == ["ぱそこん"]


def test_a_single_kanji_is_enough(staff_client, departments):
    searched("会議室 予約", departments)
    assert texts(suggestions(staff_client, "会")) == ["会議室 予約"]


def test_text_longer_than_anyone_types_suggests_nothing(staff_client, faqs, departments):
    searched("パスワード" * 11, departments)
    assert suggestions(staff_client, "パスワード" * 11)["groups"] == []


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        '"',
        '""*',
        "*",
        "パスワード*",
        "NEAR(パスワード",
        ") OR (",
        "パスワード OR 1=1",
        "'; DROP TABLE search_fts; --",
        "\\",
        "%_",
        "パス:*",
        "!&|()",
        "<script>alert(1)</script>",
        "🔒🔑",
        "\x00パス",
        "ﾊﾟｽﾜｰﾄﾞ",
        "a" * 10_000,
    ],
)
def test_hostile_input_gives_a_list_never_an_error(staff_client, faqs, text):
    data = suggestions(staff_client, text)
    assert isinstance(data["groups"], list)
    assert SECRET_TITLE not in texts(data)


def test_the_answer_is_written_as_text_not_escaped_unicode(staff_client, faqs):
    response = staff_client.get(reverse("search:suggest"), {"q": "パスワード"})
    assert "パスワードを忘れた" in response.content.decode()
