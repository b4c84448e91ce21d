"""What the search page and the suggestions cost beyond the engine: pinned by what they do."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from search.backends.sql_reading import hit_from_row
from search.models import SynonymGroup
from tests.factories import faq_home, live_faq, staff_member

STAMP_TABLE = SynonymGroup._meta.db_table


@pytest.fixture
def faqs(db):
    home = faq_home()
    live_faq(home, "パソコンが起動しない", "電源を確認します。")
    live_faq(home, "プリンターの設定", "ドライバを入れます。")


def dictionary_checks(client, url, text):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, {"q": text}).status_code == 200
    return len([q for q in queries if STAMP_TABLE in q["sql"]])


def test_a_search_page_checks_the_dictionary_once_even_when_it_falls_back(client, faqs):
    client.force_login(staff_member())
    url = reverse("search:results")
    response = client.get(url, {"q": "パソコン 起動 設定"})
    assert response.context["notices"]  # synonyms were added, and the list fell back
    assert dictionary_checks(client, url, "パソコン 起動 設定") == 1


def test_a_keystroke_checks_the_dictionary_once_at_most(client, faqs):
    client.force_login(staff_member())
    url = reverse("search:suggest")
    assert dictionary_checks(client, url, "パソコン きど") <= 1
    assert dictionary_checks(client, url, "ぱそ") == 0


def test_both_dialects_make_a_hit_from_a_row_the_same_way():
    row = ("faq:1", "faq", "1", "題", "本文", "/faq/1/", "2026-04-01 09:00:00", 3, "", "", "ocr")
    hit = hit_from_row(row, 2)
    assert (hit.key, hit.title, hit.url, hit.department_id, hit.marks) == (
        "faq:1",
        "題",
        "/faq/1/",
        3,
        ("ocr",),
    )
    assert hit.date == datetime(2026, 4, 1, 9, tzinfo=UTC) and hit.score == 2.0
