"""One contract, every engine: SQLite or PostgreSQL (whichever the run uses) and Elasticsearch."""

import pytest

from search.backends.base import ORDER_DATE
from search.documents import department_token, group_token
from search.query import QueryWord
from tests.search.conftest import ask, at, document

pytestmark = pytest.mark.django_db


def titles(results):
    return [hit.title for hit in results.hits]


def test_finds_a_japanese_word_inside_a_sentence(engine):
    engine.index([document(1, "VPNに接続できない場合の対処方法")])
    assert titles(engine.search(ask("接続"))) == ["VPNに接続できない場合の対処方法"]


def test_spelling_variants_and_kana_meet(engine):
    engine.index([document(1, "プリンターが動かない", "パスワードを忘れた場合も参照")])
    assert engine.search(ask("プリンタ")).total == 1
    assert engine.search(ask("ぱすわーど")).total == 1
    assert engine.search(ask("ｐｒｉｎｔｅｒ")).total == 1  # Sudachi normalizes it to プリンター


def test_every_word_of_the_query_must_match(engine):
    engine.index([document(1, "会議室の予約方法"), document(2, "会議室の使い方")])
    assert titles(engine.search(ask("会議室 予約"))) == ["会議室の予約方法"]


def test_match_any_finds_documents_with_some_of_the_words(engine):
    engine.index([document(1, "会議室の予約方法"), document(2, "公用車の予約")])
    assert engine.search(ask("会議室 公用車", match_any=True)).total == 2


def test_a_title_match_ranks_above_a_body_match(engine):
    engine.index(
        [
            document(1, "庁内ネットワークの案内", "無線LANの接続手順も記載"),
            document(2, "無線LANに接続する", "庁内ネットワークの案内"),
        ]
    )
    assert titles(engine.search(ask("接続")))[0] == "無線LANに接続する"


def test_indexing_the_same_key_again_replaces_the_document(engine):
    engine.index([document(1, "古い題名")])
    engine.index([document(1, "新しい題名")])
    assert engine.search(ask("古い")).total == 0
    assert titles(engine.search(ask("題名"))) == ["新しい題名"]


def test_deleted_documents_are_not_found(engine):
    engine.index([document(1, "削除される文書"), document(2, "残る文書")])
    engine.delete(["faq:1", "faq:999"])
    assert titles(engine.search(ask("文書"))) == ["残る文書"]


def test_a_restricted_document_is_never_a_hit_a_count_or_a_facet(engine):
    engine.index(
        [
            document(1, "サーバー管理手順", access=(group_token("情報システム担当"),)),
            document(2, "サーバー室の入室方法", doc_type="notice"),
        ]
    )
    results = engine.search(ask("サーバー"))
    assert titles(results) == ["サーバー室の入室方法"]
    assert results.total == 1
    assert results.type_counts == {"notice": 1}
    assert engine.count(ask("サーバー")) == 1


def test_a_restricted_document_is_found_by_those_it_is_for(engine):
    engine.index([document(1, "サーバー管理手順", access=(group_token("情報システム担当"),))])
    it_desk = frozenset({"staff", group_token("情報システム担当")})
    assert engine.search(ask("サーバー", access=it_desk)).total == 1
    assert engine.search(ask("サーバー", access=None)).total == 1


def test_department_access_token(engine):
    engine.index([document(1, "課内の引継ぎメモ", access=(department_token(7),))])
    assert engine.search(ask("引継ぎ", access=frozenset({"staff"}))).total == 0
    assert engine.search(ask("引継ぎ", access=frozenset({"staff", department_token(7)}))).total == 1


def test_type_filter_narrows_hits_while_the_type_facet_counts_every_type(engine):
    engine.index(
        [
            document(1, "会議室の予約", doc_type="faq"),
            document(2, "会議室の工事のお知らせ", doc_type="notice"),
            document(3, "第1会議室", doc_type="room"),
        ]
    )
    results = engine.search(ask("会議室", types=("notice",)))
    assert titles(results) == ["会議室の工事のお知らせ"]
    assert results.type_counts == {"faq": 1, "notice": 1, "room": 1}


def test_department_filter_and_facet(engine):
    engine.index(
        [
            document(1, "税の証明書", department_id=21),
            document(2, "住民票の証明書", department_id=31),
            document(3, "印鑑登録の証明書", department_id=31),
        ]
    )
    results = engine.search(ask("証明書", department_ids=(31,)))
    assert sorted(titles(results)) == ["住民票の証明書", "印鑑登録の証明書"]
    assert results.department_counts == {21: 1, 31: 2}


def test_date_range_uses_tokyo_days(engine):
    engine.index(
        [
            document(1, "10月の定例会議資料", date=at(2026, 10, 31, 23)),
            document(2, "11月の定例会議資料", date=at(2026, 11, 1, 0)),
        ]
    )
    from datetime import date

    november = engine.search(ask("定例", date_from=date(2026, 11, 1), date_to=date(2026, 11, 30)))
    october = engine.search(ask("定例", date_to=date(2026, 10, 31)))
    assert titles(november) == ["11月の定例会議資料"]
    assert titles(october) == ["10月の定例会議資料"]


def test_date_order_puts_the_newest_first(engine):
    engine.index(
        [
            document(1, "会議録 第1回", date=at(2026, 4, 1)),
            document(2, "会議録 第3回", date=at(2026, 10, 1)),
            document(3, "会議録 第2回", date=at(2026, 7, 1)),
        ]
    )
    results = engine.search(ask("会議録", order=ORDER_DATE))
    assert titles(results) == ["会議録 第3回", "会議録 第2回", "会議録 第1回"]


def test_paging_with_a_stable_total(engine):
    engine.index([document(n, f"お知らせ その{n}", date=at(2026, 1, n)) for n in range(1, 8)])
    first = engine.search(ask("お知らせ", order=ORDER_DATE, limit=3))
    third = engine.search(ask("お知らせ", order=ORDER_DATE, offset=6, limit=3))
    assert first.total == third.total == 7
    assert titles(first) == ["お知らせ その7", "お知らせ その6", "お知らせ その5"]
    assert titles(third) == ["お知らせ その1"]


def test_keywords_find_a_document_but_are_not_stored_as_its_body(engine):
    engine.index([document(1, "VPN接続", "自宅から接続する手順", keywords="ブイピーエヌ 在宅")])
    (hit,) = engine.search(ask("ぶいぴーえぬ")).hits
    assert hit.body == "自宅から接続する手順"


def test_hits_carry_what_the_results_page_shows(engine):
    engine.index(
        [document(5, "VPN接続", "自宅から接続する手順", department_id=3, date=at(2026, 5, 1))]
    )
    (hit,) = engine.search(ask("接続")).hits
    assert (hit.key, hit.doc_type, hit.object_id, hit.url) == ("faq:5", "faq", "5", "/faq/5/")
    assert hit.body == "自宅から接続する手順"
    assert hit.department_id == 3
    assert hit.date == at(2026, 5, 1)
    assert hit.score > 0


@pytest.mark.parametrize(
    "query",
    [
        '"VPN" AND (接続 OR title:パスワード*) NEAR/3 \\',
        "接続*",
        "NOT 接続",
        "接続\x00\x07😀",
        "接続 " * 5000,
    ],
)
def test_search_syntax_and_odd_characters_are_searched_literally(engine, query):
    engine.index([document(1, "VPNに接続できない")])
    assert engine.search(ask(query)).total in {0, 1}


@pytest.mark.parametrize("query", ["", "   ", "、。！？", "の"])
def test_a_query_without_words_finds_nothing(engine, query):
    engine.index([document(1, "の")])
    assert engine.search(ask(query)).total == 0


def test_rebuild_replaces_the_whole_index(engine):
    engine.index([document(1, "古い文書")])
    count = engine.rebuild(iter([document(2, "新しい文書"), document(3, "別の文書")]), batch_size=1)
    assert count == 2
    assert sorted(titles(engine.search(ask("文書")))) == ["別の文書", "新しい文書"]


def test_a_part_comes_back_with_its_whole_its_label_and_its_marks(engine):
    engine.index(
        [
            document(
                1,
                "予算編成方針",
                "歳出の見直しについて",
                doc_type="material_part",
                url="/files/3/#page=12",
                group="/materials/3/",
                part="p.12",
                marks=("ocr",),
            ),
            document(2, "歳出の見直し手順"),
        ]
    )
    hits = {hit.key: hit for hit in engine.search(ask("歳出")).hits}
    part = hits["material_part:1"]
    assert (part.url, part.group, part.part, part.marks) == (
        "/files/3/#page=12",
        "/materials/3/",
        "p.12",
        ("ocr",),
    )
    whole = hits["faq:2"]
    assert (whole.group, whole.part, whole.marks) == ("", "", ())


# -- the words of a query: terms, phrases, how many must match ------------------------


def termed(object_id, title_terms, body_terms="", **fields):
    """A document indexed under exactly these terms (as the pipeline would have made them)."""
    return document(
        object_id,
        title_terms.replace(" ", ""),
        body_terms.replace(" ", ""),
        title_terms=title_terms,
        body_terms=body_terms,
        **fields,
    )


def asked(*words, **options):
    """A request for these QueryWords (each a QueryWord or a plain term)."""
    words = tuple(w if isinstance(w, QueryWord) else QueryWord(typed=w, terms=(w,)) for w in words)
    return ask(" ".join(w.typed for w in words), words=words, **options)


def keys(results):
    return [hit.key for hit in results.hits]


def test_a_word_matches_by_any_of_its_terms(engine):
    engine.index([termed(1, "ぱそこん 起動"), termed(2, "pc 起動"), termed(3, "端末 起動")])
    pc = QueryWord(typed="PC", terms=("pc", "ぱそこん"), synonyms=("パソコン",))
    assert sorted(keys(engine.search(asked(pc, "起動")))) == ["faq:1", "faq:2"]


def test_a_word_matches_by_a_phrase_of_adjacent_terms_in_order(engine):
    engine.index(
        [
            termed(1, "研修", "情報 せきゅりてぃ ぽりしー 改定"),
            termed(2, "研修", "せきゅりてぃ 情報 配信"),
            termed(3, "研修", "情報 公開 せきゅりてぃ"),
        ]
    )
    word = QueryWord(
        typed="情報セキュリティ", terms=("情報せきゅりてぃ",), phrases=(("情報", "せきゅりてぃ"),)
    )
    assert keys(engine.search(asked(word))) == ["faq:1"]


def test_an_exact_term_ranks_above_a_phrase_of_its_parts(engine):
    engine.index(
        [
            termed(
                1, "研修", "情報 せきゅりてぃ ぽりしー 情報 せきゅりてぃ 対策 情報 せきゅりてぃ"
            ),
            termed(2, "研修", "情報せきゅりてぃ 情報 せきゅりてぃ"),
        ]
    )
    word = QueryWord(
        typed="情報セキュリティ", terms=("情報せきゅりてぃ",), phrases=(("情報", "せきゅりてぃ"),)
    )
    assert keys(engine.search(asked(word))) == ["faq:2", "faq:1"]


def test_minimum_match_finds_documents_with_enough_of_the_words(engine):
    engine.index(
        [
            termed(1, "会議室 予約 取消"),
            termed(2, "会議室 予約"),
            termed(3, "会議室"),
            termed(4, "公用車"),
        ]
    )
    found = engine.search(asked("会議室", "予約", "取消", minimum_match=2))
    assert sorted(keys(found)) == ["faq:1", "faq:2"]
    assert found.total == 2


def test_a_document_matching_more_of_the_words_ranks_above_one_matching_fewer(engine):
    engine.index(
        [
            termed(1, "案内", "会議室 会議室 会議室 会議室"),
            termed(2, "案内", "会議室 予約 方法 手順 説明 補足 注意 連絡 担当 窓口"),
        ]
    )
    assert keys(engine.search(asked("会議室", "予約", minimum_match=1))) == ["faq:2", "faq:1"]


def test_match_any_still_needs_only_one_word(engine):
    engine.index([termed(1, "会議室"), termed(2, "公用車"), termed(3, "予約")])
    found = engine.search(asked("会議室", "公用車", "庁舎", match_any=True))
    assert sorted(keys(found)) == ["faq:1", "faq:2"]


def test_prefix_matches_the_last_word_as_the_beginning_of_a_term(engine):
    engine.index([termed(1, "ぱすわーど 忘れる"), termed(2, "ぱそこん 忘れる")])
    assert keys(engine.search(asked("忘れる", "ぱすわ", prefix=True))) == ["faq:1"]
    assert engine.search(asked("ぱすわ", "忘れる", prefix=True)).total == 0  # only the last word
    assert engine.search(asked("忘れる", "ぱすわ")).total == 0


def test_prefix_applies_to_the_last_words_phrases_too(engine):
    engine.index([termed(1, "情報 せきゅりてぃー ぽりしー"), termed(2, "情報 公開")])
    word = QueryWord(typed="情報せきゅ", terms=("情報せきゅ",), phrases=(("情報", "せきゅ"),))
    assert keys(engine.search(asked(word, prefix=True))) == ["faq:1"]


def test_a_kana_word_finds_the_nouns_whose_joined_reading_it_begins(engine):
    engine.index(
        [
            document(1, "浮動小数点数の計算", "丸め誤差について"),
            document(2, "浮動する小数の点数", "読みは同じでも一続きの語ではない"),
        ]
    )
    assert keys(engine.search(ask("ふどうしょうすうてん"))) == ["faq:1"]
    assert keys(engine.search(ask("フドウショウスウテン"))) == ["faq:1"]


def test_a_word_matches_as_the_beginning_of_a_term_by_its_prefixes(engine):
    engine.index([termed(1, "ふどうしょうすうてんすう"), termed(2, "ふどう しょうすう")])
    word = QueryWord(
        typed="ふどうしょうすう", terms=("ふどうしょうすう",), prefixes=("ふどうしょうすう",)
    )
    assert keys(engine.search(asked(word))) == ["faq:1"]


def test_an_exact_term_ranks_above_a_prefix_match(engine):
    engine.index(
        [
            termed(1, "研修", "しょうすうてん しょうすうてん しょうすうてん しょうすうてん"),
            termed(2, "研修", "しょうすう 説明 補足 注意 連絡 担当 窓口 手順 方法 案内"),
        ]
    )
    word = QueryWord(typed="しょうすう", terms=("しょうすう",), prefixes=("しょうすう",))
    assert keys(engine.search(asked(word))) == ["faq:2", "faq:1"]


def test_title_only_ignores_the_body(engine):
    engine.index([termed(1, "ぱすわーど 変更"), termed(2, "手順", "ぱすわーど 変更")])
    assert keys(engine.search(asked("ぱすわーど", title_only=True))) == ["faq:1"]


def test_keywords_count_as_title_words(engine):
    engine.index(
        [
            document(1, "在宅勤務の手順", "自宅から庁内システムへ接続する際はVPNを使う"),
            document(2, "自宅からの利用", "手順書を参照", keywords="VPN 在宅勤務"),
        ]
    )
    assert keys(engine.search(ask("VPN")))[0] == "faq:2"


# -- counts stop at the cap -----------------------------------------------------------


def test_total_and_facets_stop_at_the_count_cap(engine):
    engine.index(
        [termed(n, "お知らせ", doc_type="notice" if n % 2 else "faq") for n in range(1, 8)]
    )
    capped = engine.search(asked("お知らせ", count_cap=3, limit=2))
    assert (capped.total, capped.total_capped) == (3, True)
    assert len(capped.hits) == 2
    assert all(count <= 3 for count in capped.type_counts.values())
    assert sum(capped.type_counts.values()) == 3
    assert engine.count(asked("お知らせ", count_cap=3)) == 3
    exact = engine.search(asked("お知らせ", count_cap=7))
    assert (exact.total, exact.total_capped) == (7, False)
    assert exact.type_counts == {"notice": 4, "faq": 3}


def test_beyond_the_count_cap_a_title_match_still_ranks_first(engine):
    engine.index([termed(1, "お知らせ")] + [termed(n, "案内", "お知らせ") for n in range(2, 9)])
    found = engine.search(asked("お知らせ", count_cap=3, limit=2))
    assert keys(found)[0] == "faq:1"
    assert len(found.hits) == 2
    second_page = engine.search(asked("お知らせ", count_cap=3, limit=2, offset=2))
    assert not set(keys(second_page)) & set(keys(found))


# -- ranking rules ---------------------------------------------------------------------


def test_a_higher_boost_ranks_higher_among_equal_text(engine):
    engine.index([termed(1, "ぷりんたー 設定"), termed(2, "ぷりんたー 設定", boost=0.3)])
    assert keys(engine.search(asked("ぷりんたー"))) == ["faq:2", "faq:1"]
    engine.index([termed(1, "ぷりんたー 設定", boost=0.5)])
    assert keys(engine.search(asked("ぷりんたー"))) == ["faq:1", "faq:2"]


def test_a_boost_never_lifts_a_body_match_above_a_title_match(engine):
    engine.index(
        [
            termed(1, "ぷりんたー", boost=-1.0),
            termed(2, "複合機", "ぷりんたー ぷりんたー ぷりんたー", boost=1.0),
        ]
    )
    assert keys(engine.search(asked("ぷりんたー"))) == ["faq:1", "faq:2"]


def test_a_single_word_does_not_put_a_listing_page_above_the_answer(engine):
    from search.pages import LISTING_BOOST

    listing = document(
        1,
        "パスワード・アカウント",
        "パスワードを忘れた場合\nパスワードの有効期限が切れた\nパスワードの変更方法\n"
        "パスワード.xlsx\nパスワード管理規程.pdf",
        doc_type="page",
        boost=LISTING_BOOST,
    )
    answer = document(
        2,
        "パスワードを忘れた場合",
        "情報システム担当に連絡し、本人確認の上で仮のパスワードを発行してもらいます。",
    )
    engine.index([listing, answer])
    assert keys(engine.search(ask("パスワード"))) == ["faq:2", "page:1"]
