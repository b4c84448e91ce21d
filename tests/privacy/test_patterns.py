"""Phones, e-mail, dates of birth and addresses: each shape found, each near miss left alone."""

import pytest

from intranet.privacy import scan


def found(text):
    return [(f.kind, f.text) for f in scan(text, find_names=False)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("代表 0721-53-1111", "0721-53-1111"),
        ("東京 03-5253-2111", "03-5253-2111"),
        ("大樹町 01558-6-2111", "01558-6-2111"),
        ("（0721）53-1111", "（0721）53-1111"),
        ("06(6123)4567", "06(6123)4567"),
        ("携帯 ０９０ー１２３４ー５６７８", "０９０ー１２３４ー５６７８"),
        ("09012345678 に電話", "09012345678"),
        ("IP電話 050-5533-2190", "050-5533-2190"),
        ("フリーダイヤル 0120-334-556", "0120-334-556"),
        ("無料 0800-111-2345", "0800-111-2345"),
        ("ナビダイヤル 0570-012-345", "0570-012-345"),
        ("TEL:0721-53-1111", "0721-53-1111"),
        ("tel.06-6943-1234", "06-6943-1234"),
        ("海外から +81-90-8765-4321", "+81-90-8765-4321"),
        # after a label and a full-width slash or comma, as in メール／電話
        ("携帯／０８０－２２１９－４４７０", "０８０－２２１９－４４７０"),
        ("メール／電話／090-6021-7735", "090-6021-7735"),
        ("勤務先，０７２１－６０－２２１８", "０７２１－６０－２２１８"),
        ("ＦＡＸ／０６－６７７０－１１２３", "０６－６７７０－１１２３"),
        ("自宅｜0721-62-3047", "0721-62-3047"),
    ],
)
def test_phone_numbers_are_found(text, expected):
    assert found(text) == [("phone", expected)]


@pytest.mark.parametrize(
    "text",
    [
        "内線 2345 へ",
        "サーバ 192.168.10.21 と 10.0.12.34",
        "ISBN 4-06-123456-7",
        "見積額 1,234,567円",
        "施行日 2026-04-01",
        "作業時間 09:00-12:00",
        "郵便振替 00950-1-123456",
        "資産管理番号 0721531111X",
        "0721-53-11112",  # one digit too many
        "072-15-3111",  # a fixed line's area code and exchange make six digits
        "受付番号0123456789の申請",
        "お客様番号 0721531122 をお知らせください",
        "管理番号／0721531133",
        "版 3/0721-53-1111",  # a slash after a digit continues a number
        "https://example.jp/0721531111",
    ],
)
def test_numbers_that_are_no_phone_are_left_alone(text):
    assert found(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("宛先 taro.yamada@example.jp に送信", "taro.yamada@example.jp"),
        ("ｓｕｚｕｋｉ＠ｅｘａｍｐｌｅ．ｃｏｍ 宛", "ｓｕｚｕｋｉ＠ｅｘａｍｐｌｅ．ｃｏｍ"),
        ("<sato-k@example.jp>", "sato-k@example.jp"),
        ("info@city.example.lg.jp。まで", "info@city.example.lg.jp"),
        ("hanako_t+kosodate@mail.example.ne.jpです", "hanako_t+kosodate@mail.example.ne.jp"),
        ("info(at)city.example.lg.jp へ", "info(at)city.example.lg.jp"),
    ],
)
def test_email_addresses_are_found(text, expected):
    assert found(text) == [("email", expected)]


@pytest.mark.parametrize("text", ["@情報システム担当 さん", "city.example.lg.jp", "Django 5.2"])
def test_what_is_no_email_address_is_left_alone(text):
    assert found(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("生年月日：昭和60年4月1日", "昭和60年4月1日"),
        ("平成２年１１月３日生まれ", "平成２年１１月３日"),
        ("生年月日 1988/07/15", "1988/07/15"),
        ("S48.2.10生", "S48.2.10"),
        ("平成元年8月20日生まれ", "平成元年8月20日"),
        ("昭和五十年三月三日生", "昭和五十年三月三日"),
        ("誕生日: 1975年12月24日", "1975年12月24日"),
        ("生年月日 H2/3/4", "H2/3/4"),
        ("R2.4.1生の児童", "R2.4.1"),
        ("生年月日:S.60.4.1", "S.60.4.1"),
        ("生年月日 昭和60年（1985年）4月1日", "昭和60年（1985年）4月1日"),
        ("生年月日：昭60.4.1", "昭60.4.1"),
        ("平2.3.4生まれ", "平2.3.4"),
        ("生年月日\n昭和60年4月1日", "昭和60年4月1日"),
        ("生年月日（西暦）1990年10月10日", "1990年10月10日"),
        ("1985年（昭和60年）4月1日生まれ", "1985年（昭和60年）4月1日"),
        # a label that goes on before its value
        ("生年月日欄に「平成4年6月30日」", "平成4年6月30日"),
        ("生年月日の記入は昭和52年1月9日", "昭和52年1月9日"),
        ("生年月日として H11.2.3 を登録", "H11.2.3"),
        ("生年月日は、申請書によれば1969年8月8日", "1969年8月8日"),
    ],
)
def test_dates_of_birth_are_found(text, expected):
    assert found(text) == [("birth_date", expected)]


@pytest.mark.parametrize(
    "text",
    [
        "この規程は、令和8年4月1日から施行する。",
        "第3回委員会（2026年11月26日開催）",
        "開館日：令和8年4月1日　生涯学習センター",
        "平成31年4月30日 生活福祉課",
        "生年月日と2026年4月1日時点の年齢を記入",
        "生年月日欄の訂正は令和8年12月1日から受け付けます。",
        "生年月日\n記入日 令和8年11月27日",
        "生年月日は西暦で記入。受付は2026年12月1日",
        "事故の発生年月日：令和8年5月11日",
        "発生年月日欄に「令和7年6月2日」",
        "生年月日は本人確認書類で確かめ、2026年4月1日に登録した。",
    ],
)
def test_ordinary_dates_are_no_date_of_birth(text):
    assert found(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("大阪府河内長野市原町一丁目1番1号", ["大阪府河内長野市原町一丁目1番1号"]),
        ("〒586-8501 河内長野市", ["〒586-8501"]),
        ("〒５８６－００２５", ["〒５８６－００２５"]),
        ("住所：河内長野市本町12-3", ["河内長野市本町12-3"]),
        ("東京都千代田区霞が関2-1-2", ["東京都千代田区霞が関2-1-2"]),
        ("南河内郡千早赤阪村大字水分180番地", ["南河内郡千早赤阪村大字水分180番地"]),
        ("大阪府堺市北区新金岡町4丁1番8号", ["大阪府堺市北区新金岡町4丁1番8号"]),
        ("埼玉県さいたま市浦和区高砂3-15-1", ["埼玉県さいたま市浦和区高砂3-15-1"]),
        (
            "京都市中京区寺町通御池上る上本能寺前町488番地",
            ["京都市中京区寺町通御池上る上本能寺前町488番地"],
        ),
        ("札幌市中央区北1条西2丁目1番地", ["札幌市中央区北1条西2丁目1番地"]),
        ("郵便番号は 586-0094 です", ["586-0094"]),
        ("〒586-0001 河内長野市木戸町 2-3-4", ["〒586-0001", "河内長野市木戸町 2-3-4"]),
        ("住所 大阪府 河内長野市 原町1-1-1", ["大阪府 河内長野市 原町1-1-1"]),
    ],
)
def test_addresses_are_found(text, expected):
    assert found(text) == [("address", address) for address in expected]


@pytest.mark.parametrize(
    "text",
    [
        "本市は大阪府の南東部に位置する。",
        "河内長野市役所 3階 会議室",
        "河内長野市の人口は約10万人",
        "地区ごとに2-3名",
        "選挙区1-2名の定数",
        "楠町内会1-3班の回覧板",
        "市道1-2号線の舗装",
        "市町村民税1-2月分の納付書",
        "本庁舎 3-4階の会議室",
        "大阪府の南東部に位置する本市の地区は1-2か所",
    ],
)
def test_place_names_alone_are_no_address(text):
    assert found(text) == []
