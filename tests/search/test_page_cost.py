"""What the search page and the suggestions cost beyond the engine: pinned by what they do."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from search import snippets
from search.backends.sql_reading import hit_from_row
from search.models import SynonymGroup
from search.snippets import WINDOW_CHARS, WINDOWS_SEGMENTED, snippet
from search.text import query_terms
from tests.factories import faq_home, live_faq, staff_member
from tests.search.test_snippets import FILLER, CountingTokenizer

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


@pytest.fixture
def counting(monkeypatch):
    counter = CountingTokenizer(snippets._tokenizer())
    monkeypatch.setattr(snippets, "_tokenizer", lambda: counter)
    return counter


def test_a_page_of_answers_segments_only_their_windows(counting):
    """An answer of a few hundred characters costs its windows, not its whole length."""
    later = "印刷できないときは再起動します。"
    answer = "印刷の設定を確認します。" + FILLER * 30 + later + FILLER * 10
    assert 500 < len(answer) <= 600
    terms = query_terms("印刷 設定")
    shown = [str(snippet(answer, terms)) for _ in range(20)]
    assert counting.chars <= 20 * WINDOWS_SEGMENTED * WINDOW_CHARS < 20 * len(answer)
    assert shown[0].startswith("<mark>印刷</mark>の<mark>設定</mark>を確認します。")


def test_an_answer_without_the_words_as_strings_is_still_read_whole(counting):
    """A word typed as its reading is found by segmenting: anywhere in a short answer."""
    answer = FILLER * 40 + "第一会議室の予約をします。"
    assert len(answer) <= snippets.WHOLE_WHEN_NOT_FOUND_CHARS
    assert "<mark>会議室</mark>" in str(snippet(answer, query_terms("かいぎしつ")))
