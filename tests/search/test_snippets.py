"""Titles and snippets on the results page: the text as written, the query's words marked."""

from search.snippets import highlight, snippet
from search.text import query_terms


def test_a_title_keeps_its_full_width_characters():
    title = "ＶＰＮに接続できないときは？"
    assert highlight(title, query_terms("vpn")) == "<mark>ＶＰＮ</mark>に接続できないときは？"


def test_a_title_without_query_words_is_shown_as_written():
    assert highlight("パスワードを忘れたら？（至急）", []) == "パスワードを忘れたら？（至急）"


def test_a_snippet_keeps_full_width_text_and_marks_half_width_kana():
    text = "ﾊﾟｽﾜｰﾄﾞを５回間違えるとロックされます！"
    assert snippet(text, query_terms("パスワード")) == (
        "<mark>ﾊﾟｽﾜｰﾄﾞ</mark>を５回間違えるとロックされます！"
    )


def test_a_snippet_joins_the_answers_lines():
    assert snippet("再起動してください。\n改善しないときは連絡してください。", []) == (
        "再起動してください。 改善しないときは連絡してください。"
    )


def test_a_snippet_shows_where_the_whole_phrase_is_not_a_lone_word_before_it():
    text = (
        "庁内の連絡について。"
        + "関係のない文章が続きます。" * 30
        + "今年は庁内ナレッジ棚卸し週間を設けます。"
    )
    terms = query_terms("庁内ナレッジ棚卸し週間")
    shown = str(snippet(text, terms))
    assert "週間</mark>" in shown and "棚卸" in shown
    assert "庁内の連絡" not in shown
