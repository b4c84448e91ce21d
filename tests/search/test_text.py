"""The Japanese text pipeline: what staff type must meet what the pages say."""

import pytest

from search.text import index_terms, normalize, query_terms


def finds(query, document):
    """True when every query term is among the document's index terms."""
    indexed = set(index_terms(document))
    return bool(query_terms(query)) and set(query_terms(query)) <= indexed


@pytest.mark.parametrize(
    ("query", "document"),
    [
        ("接続", "VPNに接続できない場合の対処方法"),
        ("プリンタ", "プリンターが動かないときは"),
        ("会議", "会議室の予約方法"),
        ("添付", "添付ファイルが開けない"),
        ("ぱすわーど", "パスワードを忘れた場合"),
        ("かいぎしつ", "会議室の予約方法"),
        ("ｴｸｾﾙ", "エクセルで集計する"),
        ("Ｅｘｃｅｌ", "Excelの使い方"),
        ("excel", "EXCELの使い方"),
        ("会議室 予約", "第1会議室を予約したい"),
        ("忘れた", "パスワードを忘れる前に"),
    ],
)
def test_query_finds_the_document(query, document):
    assert finds(query, document), (query_terms(query), index_terms(document))


@pytest.mark.parametrize(
    ("query", "document"),
    [
        ("プリンター", "パスワードを忘れた場合"),
        ("会議室 予約", "会議室の使い方"),
        ("メール", "VPNに接続できない場合の対処方法"),
    ],
)
def test_query_does_not_find_an_unrelated_document(query, document):
    assert not finds(query, document)


def test_particles_and_punctuation_are_not_terms():
    terms = index_terms("VPNに接続できない場合の対処方法。")
    assert "に" not in terms and "の" not in terms and "。" not in terms


def test_normalize_folds_width_case_and_spaces():
    assert normalize("  ＶＰＮ　　ｾｯﾄｱｯﾌﾟ ") == "vpn セットアップ"


def test_empty_and_blank_queries_have_no_terms():
    assert query_terms("") == []
    assert query_terms("　 \t") == []


def test_query_syntax_is_searched_literally():
    terms = query_terms('"VPN" AND (接続 OR title:パスワード*) NEAR\\')
    assert "vpn" in terms and "接続" in terms
    assert not any(char in term for term in terms for char in '"()*\\:')


def test_a_very_long_text_is_indexed_without_error():
    text = "庁内ネットワークに接続できない。" * 2000
    terms = index_terms(text)
    assert terms.count("接続") == 2000


def test_control_characters_and_emoji_do_not_break_the_pipeline():
    assert "接続" in query_terms("接続\x00\x07😀")


def test_words_that_only_shape_a_question_are_left_out_of_queries():
    assert query_terms("ファイルを削除する方法") == ["ふぁいる", "削除"]


def test_letters_sudachi_files_as_symbols_are_kept():
    assert "らむだ" in query_terms("ラムダ ループ")


def test_katakana_words_are_also_indexed_by_their_loose_key():
    assert "セキユリテイ" in index_terms("セキュリティーの設定")
    assert "キヤノン" in index_terms("キャノンのプリンター")
    # Nothing else is indexed in katakana, so a loose key meets only loose keys.
    assert not any(term == "キヤク" for term in index_terms("規約を読む"))


def test_a_longer_compound_holds_the_parts_next_to_each_other():
    """Readings and whole compounds come after all the parts, so a phrase of parts matches."""
    terms = index_terms("情報セキュリティポリシーの改定")
    at = terms.index("情報")
    assert terms[at : at + 3] == ["情報", "せきゅりてぃー", "ぽりしー"]
    assert {"せきゅりてぃーぽりしー", "じょうほう", "かいてい"} <= set(terms)


def test_the_readings_of_adjacent_nouns_are_also_indexed_joined_from_each_word_on():
    terms = index_terms("浮動小数点数の計算")
    assert "ふどうしょうすうてんすう" in terms
    assert "しょうすうてんすう" in terms
    assert "てんすうけいさん" not in terms  # の parts them


def test_a_run_of_nouns_ends_at_a_number_and_at_a_word_of_another_kind():
    terms = index_terms("浮動する小数の点数、2026年度予算")
    assert not any(term.startswith("ふどうしょうすう") for term in terms)
    assert "ねんどよさん" in terms
    assert not any(term.startswith("にれいにろく") and len(term) > 6 for term in terms)


@pytest.mark.parametrize("typed", ["ふどうしょうすうてん", "フドウショウスウテン"])
def test_a_long_word_typed_in_kana_also_matches_as_the_beginning_of_a_term(typed):
    from search.text import query_words

    (word,) = query_words(typed)
    assert word.prefixes == ("ふどうしょうすうてん",)
    assert any(term.startswith(word.prefixes[0]) for term in index_terms("浮動小数点数の計算"))


@pytest.mark.parametrize("typed", ["かいぎ", "浮動小数点"])
def test_a_short_kana_word_or_one_in_kanji_matches_no_prefix(typed):
    from search.text import query_words

    assert all(word.prefixes == () for word in query_words(typed))


def test_the_reading_of_a_name():
    from search.text import reading

    assert reading("市民課") == "しみんか"
