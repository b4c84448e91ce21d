"""Parsing a query: which words a document must hold, and every form each word may take."""

import pytest

from faq.demo import FAQS
from search import query as query_module
from search.query import parse
from search.snippets import highlight
from search.text import index_terms

pytestmark = pytest.mark.django_db


def _holds(word, indexed):
    """What the engines do: any of the word's terms, or any of its phrases as adjacent terms."""
    if set(word.terms) & set(indexed):
        return True
    return any(
        list(phrase) == indexed[i : i + len(phrase)]
        for phrase in word.phrases
        for i in range(len(indexed) - len(phrase) + 1)
    )


def finds(query, document):
    indexed = index_terms(document)
    words = parse(query)
    return bool(words) and all(_holds(word, indexed) for word in words)


@pytest.mark.parametrize(
    ("query", "document"),
    [
        ("せきゅりてぃ", "セキュリティーの設定を確認する"),
        ("せきゅりてぃー", "セキュリティの設定を確認する"),
        ("セキュリティ", "セキュリティーの設定を確認する"),
        ("ぷりんたー", "プリンタの設定"),
        ("ぷりんた", "プリンターが動かない"),
        ("めーる", "メールが届かない"),
        ("きやのん", "キャノンの複合機"),
        ("せきゅりてぃ", "情報セキュリティポリシーの改定"),
    ],
)
def test_long_vowel_and_small_kana_variants_meet(query, document):
    assert finds(query, document), (parse(query), index_terms(document))


@pytest.mark.parametrize(
    ("query", "document"),
    [
        ("きゃく", "規約を読む"),  # 客 and 規約 differ only by a small kana
        ("びょういん", "美容院の予約"),  # 病院 and 美容院 likewise
        ("きー", "木を植える"),  # a final ー tells short words apart
        ("めーる", "メモを取る"),
    ],
)
def test_variants_do_not_make_unrelated_words_meet(query, document):
    assert not finds(query, document), (parse(query), index_terms(document))


def _demo_faq(question):
    """A demo FAQ's question and answer, without the keywords the IT desk added."""
    for _slug, title, paragraphs, steps, *_ in FAQS:
        if title == question:
            return "\n".join([title, *paragraphs, *(steps or [])])
    raise LookupError(question)


@pytest.mark.parametrize(
    ("query", "question"),
    [
        ("いんさつできない", "プリンターで印刷できません。"),
        ("ろぐいんできない", "財務会計システムにログインできません。"),
        ("わすれた", "パスワードを忘れました。"),
        ("ぱすわーどをわすれた", "パスワードを忘れました。"),
        # a hiragana loanword, a particle and its predicate in one chunk
        ("ぷりんたーでいんさつできない", "プリンターで印刷できません。"),
        ("ぱすわーどがわすれた", "パスワードを忘れました。"),
    ],
)
def test_verbs_typed_in_hiragana_find_the_faq_that_writes_them_in_kanji(query, question):
    assert finds(query, _demo_faq(question)), parse(query)


def test_a_hiragana_loanword_is_not_cut_into_grammar():
    (word,) = parse("せきゅりてぃ")
    assert "せき" not in word.terms  # 席/咳: Sudachi's reading of the chunk as grammar


@pytest.mark.parametrize(
    ("query", "loanword", "predicate"),
    [
        ("ぷりんたーがうごかない", "ぷりんたー", "動く"),
        ("めにゅーがひらかない", "めにゅー", "開く"),
        ("いんたーねっとにつながらない", "いんたーねっと", "繋がる"),
    ],
)
def test_a_hiragana_loanword_is_parted_from_its_predicate(query, loanword, predicate):
    first, second = parse(query)
    assert first.terms[0] == loanword
    assert predicate in second.terms
    assert finds("ぷりんたーがうごかない", "プリンターが動かないときは電源を入れ直す")


@pytest.mark.parametrize("query", ["がーでにんぐ", "せきゅりてぃ", "めにゅー", "でーたべーす"])
def test_a_hiragana_loanword_alone_stays_whole(query):
    (word,) = parse(query)
    assert word.typed == query


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("メールのリンクを開いてしまった", ["メール", "リンク", "開い"]),
        ("添付ファイルを送ってみた", ["添付ファイル", "送っ"]),
        ("署名を設定しておきたい", ["署名", "設定"]),
    ],
)
def test_subsidiary_verbs_after_the_te_form_are_left_out(query, expected):
    assert [word.typed for word in parse(query)] == expected


def test_a_subsidiary_verb_typed_in_hiragana_is_left_out():
    (word,) = parse("ひらいてしまった")
    assert "開く" in word.terms
    assert finds("ひらいてしまった", "不審なメールの添付ファイルを開いた")


def test_a_verb_of_its_own_is_kept():
    assert [word.typed for word in parse("画面を見る")] == ["画面", "見る"]


@pytest.mark.parametrize(
    ("query", "document"),
    [
        ("永続化", "永続的なオブジェクトを実装する"),
        ("永続的", "オブジェクトを永続化する"),
        ("安全性", "安全なパスワードを作る"),
    ],
)
def test_a_derivational_suffix_is_satisfied_by_its_stem(query, document):
    assert finds(query, document), (parse(query), index_terms(document))


def test_a_compound_of_another_suffix_keeps_its_whole_meaning():
    # 者 makes a person of the act: 利用者 is not 利用.
    assert not finds("利用者", "システムの利用を申し込む")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("パソコンが起動しないときはどうすればいいですか", ["パソコン", "起動"]),
        ("パスワードを忘れたらどうしたらいい？", ["パスワード", "忘れ"]),
        ("VPNの接続方法を教えてください", ["vpn", "接続"]),
        ("メールの設定が分かりません", ["メール", "設定"]),
    ],
)
def test_words_that_only_shape_a_question_are_left_out(query, expected):
    assert [word.typed for word in parse(query)] == expected


def test_a_query_of_question_words_alone_still_searches_them():
    assert [word.typed for word in parse("方法")] == ["方法"]


def test_natural_questions_find_the_demo_faq():
    assert finds("パスワードを忘れたらどうしたらいい？", _demo_faq("パスワードを忘れました。"))
    assert finds(
        "印刷できないときはどうすればいいですか", _demo_faq("プリンターで印刷できません。")
    )


def test_a_compound_is_also_its_parts_as_one_phrase():
    (word,) = parse("情報セキュリティ")
    assert "情報せきゅりてぃ" in word.terms
    assert word.phrases == (("情報", "せきゅりてぃー"),)
    assert finds("情報セキュリティ", "情報セキュリティポリシーの改定")
    assert not finds("情報セキュリティ", "情報を共有し、セキュリティを守る")


def test_a_compound_of_a_question_word_is_also_its_topic():
    (word,) = parse("対処方法")
    assert "対処" in word.terms


@pytest.mark.parametrize(
    ("typed", "prefix", "word"),
    [
        ("ぱすわ", "ぱすわ", "パスワード"),
        ("パスワ", "ぱすわ", "パスワード"),
        ("ＶＰ", "vp", "VPN"),
        ("会議", "会議", "会議室"),
    ],
)
def test_the_last_word_is_a_prefix_while_typing(typed, prefix, word):
    last = parse(typed, prefix=True)[-1]
    assert last.terms[0] == prefix
    assert any(term.startswith(prefix) for term in index_terms(word))


def test_the_words_before_the_prefix_are_read_as_usual():
    words = parse("パスワードを忘", prefix=True)
    assert [word.terms[0] for word in words] == ["ぱすわーど", "忘"]
    assert [w.terms[0] for w in parse("印刷 ぷりん", prefix=True)] == ["印刷", "ぷりん"]


@pytest.fixture
def dictionary(monkeypatch):
    groups = [
        [("パソコン", ("ぱそこん",)), ("PC", ("pc",)), ("端末", ("端末",))],
        [("ウイルス", ("ういるす",)), ("マルウェア対策", ("まるうぇあ", "対策"))],
        [("申請", ("申請",)), ("届", ("届け",))],
    ]

    table = {
        "".join(terms): [(w, t) for w, t in group if t != terms]
        for group in groups
        for _written, terms in group
    }
    monkeypatch.setattr(query_module.synonym_dictionary, "table", lambda: table)


def test_synonyms_widen_the_word(dictionary):
    (word,) = parse("パソコン")
    assert {"ぱそこん", "pc", "端末"} <= set(word.terms)
    assert word.synonyms == ("PC", "端末")
    (word,) = parse("ウイルス")
    assert word.phrases == (("まるうぇあ", "対策"),)
    assert word.synonyms == ("マルウェア対策",)


def test_a_compound_is_also_made_of_its_parts_synonyms(dictionary):
    (word,) = parse("休暇届")
    assert ("休暇", "申請") in word.phrases
    assert word.synonyms == ("申請",)
    assert finds("休暇届", "庶務事務システムで休暇を申請する")
    assert not finds("休暇届", "休暇の日数と申告書の申請")  # the parts apart are not the compound


def test_a_query_reads_the_dictionary_once(dictionary, monkeypatch):
    calls = []
    table = query_module.synonym_dictionary.table
    monkeypatch.setattr(
        query_module.synonym_dictionary, "table", lambda: calls.append(1) or table()
    )
    parse("パソコン ウイルス 休暇届 起動")
    assert calls == [1]
    parse("パソコン", prefix=True)
    assert calls == [1]


def test_a_prefix_gets_no_synonyms(dictionary):
    (word,) = parse("パソコン", prefix=True)
    assert word.synonyms == () and "pc" not in word.terms


def test_variants_are_highlighted():
    terms = [term for word in parse("せきゅりてぃ") for term in word.all_terms()]
    assert "<mark>セキュリティー</mark>" in highlight("セキュリティーの設定", terms)
    terms = [term for word in parse("きやのん") for term in word.all_terms()]
    assert "<mark>キャノン</mark>" in highlight("キャノンの複合機", terms)
