"""Person names: what the guard reports, what it leaves alone, and offsets that hold."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from intranet.privacy import names, scan


def found(text):
    return [finding.text for finding in names.detect(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        # Full names, with or without a space, and honorifics after them.
        ("山田太郎様から電話があった。", ["山田太郎"]),
        ("申請者の鈴木 一郎さんに連絡した。", ["鈴木 一郎"]),
        ("宛名：小川 直樹 様", ["小川 直樹"]),
        ("はやし　ようこさんと呼び出した。", ["はやし　ようこ"]),
        ("ｶﾜｸﾞﾁ ｺｳｼﾞ様の申請書", ["ｶﾜｸﾞﾁ ｺｳｼﾞ"]),
        ("ヤマダタロウ様", ["ヤマダタロウ"]),
        # A full name is reported without any context.
        ("斎藤 勝、平野 勇の2名", ["斎藤 勝", "平野 勇"]),
        # A surname alone needs an honorific or a label that introduces a resident.
        ("窓口で長谷川さんと呼び出した。", ["長谷川"]),
        ("近藤様に回答した。", ["近藤"]),
        ("申請者：石井", ["石井"]),
        ("息子の健一くんの手続", ["健一"]),
        # Words Sudachi does not tag as a name, made one by an honorific.
        ("菅原さまから電話があった。", ["菅原"]),
        ("千葉 雅人 殿", ["千葉 雅人"]),
        ("山崎 蒼くん", ["山崎 蒼"]),
        ("マリア・サントス様の転出届", ["マリア・サントス"]),
        ("グエン・ヴァン・ナム様の在留カード", ["グエン・ヴァン・ナム"]),
        # 様 and 殿 address a resident even next to a post or in a 担当 line.
        ("担当：市民課 佐藤（相談者 森本 恵子様）", ["森本 恵子"]),
        # A surname marked as a staff member's by a post or a section, before or after.
        ("市民課の田中課長が確認した。", ["田中"]),
        ("出席者：総務課 田中課長、情報政策課 山本係長", ["田中", "山本"]),
        ("情報政策課長の小池から報告した。", ["小池"]),
        ("会計課の西村主幹と矢野主事が立ち会った。", ["西村", "矢野"]),
        ("担当者の秋山から折り返します。", ["秋山"]),
        ("説明は長谷川（道路管理課）が行った。", ["長谷川"]),
        ("北村 こども家庭課 から報告", ["北村"]),
        ("岡本 市民税課 より説明", ["岡本"]),
        ("税務課の村田が封入を確認した。", ["村田"]),
        # A surname Sudachi reads as a place, marked by a post.
        ("福島課長補佐が窓口に出た。", ["福島"]),
    ],
)
def test_names_are_found(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # Public offices, a notice's 担当 line, a signature, who wrote it.
        "副市長の上田が出席した。",
        "議長（市川 修君）　ただいまから会議を開きます。",
        "署名の例：情報政策課 山田 内線2345",
        "担当：市民課 佐藤花子（内線2345）",
        "問い合わせ先：市民課 窓口係 吉田",
        "作成者：秘書広報課 井上",
        # A surname alone, no honorific, no label.
        "山本から説明があった。",
        # Places that are also surnames, and companies named after a family.
        "河内長野市長野町の中村区",
        "長野県松本市への派遣",
        "福島県、石川県、長崎県の事例",
        "田中工務店から工程変更の申出があった。",
        "鈴木建設株式会社との契約",
        "山田歯科医院による検診",
        # Katakana product and company names, and a katakana abbreviation.
        "マイクロソフトのサポート終了、ソニー製のカードリーダー、トヨタのリース車両",
        "オリ・パラ準備局",
        # Posts and sections that name no one: a meeting, a rank, a region, a room.
        "課長会議と係長級研修の日程",
        "詳しくは担当課へ。",
        "近畿係長研修と関西ブロック課長会",
        "隣室の方に手渡した。",
        # Nothing like a name.
        "内線2345、ISBN 978-4-06-519981-7、令和7年4月1日施行",
    ],
)
def test_not_reported(text):
    assert found(text) == []


def test_a_staff_member_named_with_san_in_a_near_miss_report_is_reported():
    """Only the post or the notice's contact line exempts staff; さん does not."""
    assert found("窓口担当の佐藤さんが書類を取り違えた。") == ["佐藤"]


def test_findings_are_person_name_with_a_label():
    (finding,) = names.detect("森本 恵子様")
    assert finding.kind == "person_name"
    assert finding.label


def test_scan_reports_names_unless_asked_not_to():
    text = "申請者の鈴木 一郎さんに連絡した。"
    assert [f.kind for f in scan(text)] == ["person_name"]
    assert scan(text, find_names=False) == []


def test_offsets_after_a_long_text_are_into_the_original():
    """Sudachi reads pieces of at most a few thousand characters; offsets still count from 0."""
    middle = "。窓口で、全角の　ＡＢＣ　を含む案内を渡した。山田太郎様\n"
    text = "あ" * 5000 + middle + "い" * 9000 + "森本 恵子様"
    findings = names.detect(text)
    assert [f.text for f in findings] == ["山田太郎", "森本 恵子"]
    for finding in findings:
        assert text[finding.start : finding.end] == finding.text


def test_the_tokenizer_is_reused_not_made_per_call():
    from search.text import tokenizer

    assert tokenizer() is tokenizer()


@pytest.mark.parametrize(
    "text",
    [
        "",
        "1234567890" * 1000,
        "\x00\x07\x1b山田\x7f太郎様\u200b",
        "山田\ud800太郎様\udfff",
        "\ud83d",
        "\n\n\u3000\t",
    ],
)
def test_bad_input_gives_no_exception_and_true_offsets(text):
    for finding in names.detect(text):
        assert text[finding.start : finding.end] == finding.text


def test_a_megabyte_of_text():
    line = "令和6年度第2回会議は本庁舎5階会議室で開催し、申請者の鈴木 一郎さんの件を審議した。\n"
    text = line * (1_000_000 // len(line.encode("utf-8")) + 1)
    findings = names.detect(text)
    assert len(findings) == text.count("鈴木 一郎")
    assert all(text[f.start : f.end] == f.text for f in findings)


FRAGMENTS = [
    "山田太郎様",
    "申請者：鈴木 一郎",
    "ｶﾜｸﾞﾁ ｺｳｼﾞ様",
    "窓口で",
    "担当：市民課 佐藤",
    "、",
    "。",
    "\n",
    "　",
    "ＡＢＣ１２３",
    "0721-53-1111",
    "河内長野市",
    "田中課長",
]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(FRAGMENTS),
            st.text(max_size=8),
            st.characters(categories=["Cs", "Cc"]),  # lone surrogates, control characters
        ),
        max_size=12,
    )
)
def test_offsets_hold_for_any_text(pieces):
    text = "".join(pieces)
    findings = names.detect(text)
    for finding in findings:
        assert 0 <= finding.start < finding.end <= len(text)
        assert text[finding.start : finding.end] == finding.text
    for first, second in zip(findings, findings[1:], strict=False):
        assert first.end <= second.start


def test_labels_are_in_japanese():
    from django.utils import translation

    from intranet.privacy.findings import LABELS

    with translation.override("ja"):
        assert names.detect("森本 恵子様")[0].label == "氏名"
        # "Address" is also a network address elsewhere in the catalogue; not here.
        assert str(LABELS["address"]) == "住所"
        assert all(not str(label).isascii() for label in LABELS.values())


def test_a_name_does_not_run_over_a_line_break():
    """Sudachi reads a line break and the indent after it as one space; a name stops there."""
    text = "委員\u3000\u3000松尾\u3000\u3000弘\n\u3000\u3000\u3000\u3000略歴\n現住所"
    assert found(text) == ["松尾\u3000\u3000弘"]
    assert found("山田\n太郎") == []
