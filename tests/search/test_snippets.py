"""Titles and snippets on the results page: the text as written, the query's words marked."""

import pytest

from search import snippets
from search.snippets import (
    MARGIN_CHARS,
    SEGMENTED_CHARS_PER_HIT,
    SNIPPET_CHARS,
    highlight,
    snippet,
)
from search.text import query_terms, query_words


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


# -- long bodies: the work per hit is bounded, the highlighting stays right --------------

FILLER = "関係のない文章が続きます。"


def long_text(words_at_15000, chars=20_000):
    """A body of ``chars`` characters with ``words_at_15000`` three quarters of the way in."""
    head = FILLER * (15_000 // len(FILLER))
    tail = FILLER * ((chars - len(head)) // len(FILLER) + 1)
    return (head + words_at_15000 + tail)[:chars]


class CountingTokenizer:
    """Sudachi's tokenizer, counting the characters it is given."""

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer
        self.chars = 0

    def tokenize(self, text, *args):
        self.chars += len(text)
        return self.tokenizer.tokenize(text, *args)


@pytest.fixture
def counting(monkeypatch):
    from search import snippets

    counter = CountingTokenizer(snippets._tokenizer())
    monkeypatch.setattr(snippets, "_tokenizer", lambda: counter)
    snippets.forget()  # what an earlier test segmented is segmented again here
    return counter


def test_a_long_body_is_segmented_only_around_the_words_found(counting):
    text = long_text("VPNに接続できないときは再起動します。")
    shown = str(snippet(text, query_terms("VPN 接続")))
    assert "<mark>VPN</mark>に<mark>接続</mark>" in shown
    assert counting.chars <= SEGMENTED_CHARS_PER_HIT < 20_000 // 5


def test_a_long_body_without_the_words_costs_no_more_than_its_head(counting):
    shown = str(snippet(long_text(""), query_terms("プリンター")))
    assert shown.startswith(FILLER) and "<mark>" not in shown
    assert counting.chars <= SEGMENTED_CHARS_PER_HIT


def test_a_page_of_long_hits_costs_about_what_short_ones_cost(counting):
    terms = query_terms("印刷 設定")
    for _ in range(20):
        snippet("印刷の設定を確認します。" + FILLER * 35, terms)
    short = counting.chars
    counting.chars = 0
    for _ in range(20):
        snippet(long_text("印刷の設定を確認します。"), terms)
    assert counting.chars <= 2 * short


@pytest.mark.parametrize(
    ("query", "written", "marked"),
    [
        ("プリンター", "プリンタの設定", "<mark>プリンタ</mark>の設定"),  # a spelling variant
        ("パスワード", "ﾊﾟｽﾜｰﾄﾞを変更", "<mark>ﾊﾟｽﾜｰﾄﾞ</mark>を変更"),  # half-width kana
        ("ぱすわーど", "パスワードを変更", "<mark>パスワード</mark>を変更"),  # typed in hiragana
        ("ＶＰＮ", "vpnの設定", "<mark>vpn</mark>の設定"),  # full width against half width
        ("かいぎしつ", "第一会議室の予約", "第一<mark>会議室</mark>の予約"),  # its reading
        ("添付", "添付ファイルを開く", "<mark>添付ファイル</mark>を開く"),  # a compound's part
        ("忘れた", "パスワードを忘れた場合", "<mark>忘れ</mark>た場合"),  # an inflected verb
    ],
)
def test_a_word_deep_in_a_long_body_is_found_and_marked_as_in_a_short_one(
    query, written, marked, counting
):
    text = long_text(f"ここで{written}について説明します。")
    shown = str(snippet(text, query_terms(query)))
    assert marked in shown
    assert shown.startswith("…") and shown.endswith("…")
    assert str(snippet(f"ここで{written}について説明します。", query_terms(query))).count(
        "<mark>"
    ) == shown.count("<mark>")
    assert counting.chars <= SEGMENTED_CHARS_PER_HIT + len(query)


def test_each_search_marks_its_own_words_in_a_text_another_search_marked():
    """What a page remembers of a word for one query is never what it tells the next."""
    text = "添付ファイルを開けないときはプリンターの設定を確認します。"
    assert str(snippet(text, query_terms("添付"))).startswith("<mark>添付ファイル</mark>を")
    second = str(snippet(text, query_terms("プリンタ")))
    assert "<mark>プリンター</mark>" in second and "<mark>添付" not in second
    assert str(highlight(text, query_terms("ファイル"))).startswith("<mark>添付ファイル</mark>")


def test_a_second_place_that_cannot_show_more_words_is_not_segmented(counting):
    text = long_text("VPNに接続できないときは再起動します。")
    text = text[:5_000] + "VPNの設定画面を開きます。" + text[5_000:]
    shown = str(snippet(text, query_terms("VPN 接続")))
    assert "<mark>VPN</mark>に<mark>接続</mark>" in shown
    assert counting.chars <= SNIPPET_CHARS + 2 * MARGIN_CHARS


def test_a_second_place_that_may_show_as_many_words_earlier_is_segmented_and_shown(counting):
    """The first of the windows showing the most different words is shown, as before."""
    text = long_text("プリンターの設定を確認します。")
    text = text[:5_000] + "プリンタとプリンターがあります。" + text[5_000:]
    shown = str(snippet(text, query_terms("プリンター 設定")))
    assert "<mark>プリンタ</mark>と<mark>プリンター</mark>" in shown
    assert counting.chars > SNIPPET_CHARS + 2 * MARGIN_CHARS


@pytest.mark.parametrize("query", ["ぱすわーど 変更", "ＶＰＮ", "かいぎしつ", "忘れた プリンター"])
def test_the_needles_are_found_where_the_whole_pattern_finds_them(query):
    text = (
        "ﾊﾟｽﾜｰﾄﾞを変更。パスワード、ぱすわあど、vpnとＶＰＮ、第一会議室で忘れ物。"
        "プリンタ―とプリンタのパス。"
    ) * 3
    finder = snippets._finder(tuple(query_terms(query)))
    found = [(m.span(), m.lastgroup) for m in finder.finditer(text)]
    assert len(found) >= 3
    assert found == [(m.span(), m.lastgroup) for m in finder.pattern.finditer(text)]


# -- texts seen before: their words are remembered, not segmented again -------------------


def test_a_text_shown_again_for_another_search_is_not_segmented_again(counting):
    answer = "添付ファイルを開けないときはプリンターの設定を確認してください。"
    title = "添付ファイルが開けない"
    assert str(snippet(answer, query_terms("添付"))).startswith("<mark>添付ファイル</mark>")
    assert str(highlight(title, query_terms("添付"))) == "<mark>添付ファイル</mark>が開けない"
    counting.chars = 0
    second = str(snippet(answer, query_terms("プリンター 設定")))
    assert "<mark>プリンター</mark>の<mark>設定</mark>" in second and "<mark>添付" not in second
    assert str(highlight(title, query_terms("ファイル"))) == "<mark>添付ファイル</mark>が開けない"
    assert counting.chars == 0


def test_what_a_remembered_text_shows_is_what_a_fresh_one_shows():
    texts = [
        "ﾊﾟｽﾜｰﾄﾞを５回間違えるとロックされます！",
        "第一会議室の予約は総務課へ。プリンタの設定は情報政策課へ。",
        "添付ファイルを開けないときは、添付の形式を確かめてください。",
    ]
    queries = [
        "パスワード",
        "かいぎしつ",
        "プリンター 設定",
        "添付",
        "ファイル",
        "ぱすわーど ロック",
    ]
    fresh = {}
    for query in queries:
        snippets.forget()
        fresh[query] = [str(snippet(text, query_terms(query))) for text in texts]
    for query in queries:  # now every text is remembered from the searches before
        assert [str(snippet(text, query_terms(query))) for text in texts] == fresh[query]


def test_the_texts_remembered_are_bounded(counting, monkeypatch):
    monkeypatch.setattr(snippets, "SEGMENTATION_KEPT_CHARS", 10)
    text = "添付ファイルを開けないときは形式を確かめてください。"
    terms = query_terms("添付")
    snippet(text, terms)
    counting.chars = 0
    assert str(snippet(text, terms)).startswith("<mark>添付ファイル</mark>")
    assert counting.chars == len(text)  # too long to be remembered: segmented again


def test_a_number_read_two_ways_in_one_text_is_marked_by_its_own_reading():
    """Sudachi makes numbers up from their digits, one entry for all: each keeps its reading."""
    text = "二つの会議と二階"
    assert str(highlight(text, query_terms("ふた"))) == "<mark>二</mark>つの会議と二階"
    assert str(snippet("六日と六人", query_terms("ろく"))) == "六日と<mark>六</mark>人"
    assert str(snippet("六日と六人", query_terms("むい"))) == "<mark>六</mark>日と六人"


def kana_prefixes(typed):
    return tuple(p for forms in query_words(typed) for p in forms.prefixes)


@pytest.mark.parametrize("typed", ["ふどうしょうすうてん", "フドウショウスウテン"])
def test_a_reading_typed_in_kana_marks_the_nouns_it_runs_across(typed):
    """ふどうしょうすうてん finds 浮動小数点数 by the joined reading of its nouns: it is marked."""
    terms, prefixes = query_terms(typed), kana_prefixes(typed)
    assert prefixes
    text = "Pythonの浮動小数点数の計算が合わないのはなぜですか。小数の点数は別です。"
    assert snippet(text, terms, prefixes=prefixes) == (
        "Pythonの<mark>浮動小数点数</mark>の計算が合わないのはなぜですか。小数の点数は別です。"
    )
    assert highlight("浮動小数点数の誤差", terms, prefixes) == "<mark>浮動小数点数</mark>の誤差"
    # Without the prefixes nothing in the text is one of the query's terms.
    assert "<mark>" not in snippet(text, terms)


def test_a_kana_prefix_marks_nothing_where_the_nouns_are_apart():
    terms, prefixes = query_terms("ふどうしょうすうてん"), kana_prefixes("ふどうしょうすうてん")
    assert "<mark>" not in snippet("浮動の小数点数", terms, prefixes=prefixes)
