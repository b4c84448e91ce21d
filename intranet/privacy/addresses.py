"""Addresses: postal codes, and street addresses that end in a block number.

A street address is found from its end: first the block number (一丁目1番1号,
2-8-1, 180番地, 北1条西2丁目), then, in the few name characters just before
it, where the place begins: a prefecture, or else a municipality (a name
ending in 市・区・郡・町・村). A place name without a block number
(大阪府の南東部) is no address. Working backwards from the block number
keeps the cost linear: a regex that looked for the municipality first would
try every split of a long kanji run between city and town.
"""

import re

PREFECTURES = (
    "北海道 青森県 岩手県 宮城県 秋田県 山形県 福島県 茨城県 栃木県 群馬県 埼玉県 千葉県 東京都 "
    "神奈川県 新潟県 富山県 石川県 福井県 山梨県 長野県 岐阜県 静岡県 愛知県 三重県 滋賀県 京都府 "
    "大阪府 兵庫県 奈良県 和歌山県 鳥取県 島根県 岡山県 広島県 山口県 徳島県 香川県 愛媛県 高知県 "
    "福岡県 佐賀県 長崎県 熊本県 大分県 宮崎県 鹿児島県 沖縄県"
).split()
_KANJI = "\u4e00-\u9fff々〆ヶケ"
_KANA = "\u3041-\u3096\u30a1-\u30faー"
_NUMERALS = "〇一二三四五六七八九十百千"
_N = f"(?:[0-9]{{1,4}}|[{_NUMERALS}]{{1,4}})"
MUNICIPALITY_ENDS = "市区郡町村"

_BLOCK = re.compile(
    rf"(?<![0-9\-{_NUMERALS}])(?:"
    # 北1条西2丁目1番地 (Sapporo and other Hokkaido towns)
    rf"{_N} ?条 ?[東西南北]? ?{_N} ?丁目(?: ?{_N} ?(?:番地?|-)(?: ?{_N}(?: ?号)?)?)?"
    rf"|{_N} ?丁目? ?{_N} ?(?:番地?|-) ?{_N}(?: ?号)?"  # 一丁目1番1号, 4丁1番8号, 1丁目3-20
    rf"|{_N} ?丁目 ?{_N} ?番地?"  # 一丁目1番
    rf"|{_N} ?番地(?: ?の ?{_N})?"  # 180番地, 123番地の4
    rf"|{_N} ?番 ?{_N} ?号"  # 5番6号
    r"|[0-9]{1,4}(?:-[0-9]{1,4}){1,3}"  # 2-8-1, 12-3
    r")"
    # Not a count, a period, a floor or a route: 2-3名, 1-3班, 1-2月分, 3-4階, 1-2号線.
    r"(?![0-9]|-[0-9]|[名位回件人班組か月年日時歳枚台冊階割%]|号線)"
)
_NAME_CHAR = re.compile(f"[{_KANJI}{_KANA}]")
_LONGEST_PLACE = 32  # characters of place name looked at before a block number
_PREFECTURE = re.compile("|".join(PREFECTURES))
# After a prefecture the municipality may be written in kana (さいたま市).
_MUNICIPALITIES_AFTER_PREFECTURE = re.compile(
    rf"(?: ?[{_KANJI}{_KANA}]{{1,6}}?[{MUNICIPALITY_ENDS}]){{1,3}}"
)
# Without one, a municipality is 1-6 kanji and its ending (河内長野市, 北区, 南河内郡).
_MUNICIPALITY = re.compile(rf"[{_KANJI}]{{1,6}}?[{MUNICIPALITY_ENDS}]")
# Words ending in 市区町村 that name no municipality (地区1-2班, 各区, 本市).
_NOT_A_MUNICIPALITY = re.compile(
    r"(?:地区|学区|校区|各[市区町村]|全[市区町村]|本市|当市|同市|市区|市町村|選挙区)"
)
# Labels that run into the municipality without a break (住所河内長野市 ...).
_ADDRESS_LABEL = re.compile(r"(?:現住所|住所|所在地|居所|送付先|宛先|本籍|在住)")
# A town name is a name, not a clause: more particles than this mean it ran into a sentence.
_SENTENCE_KANA = re.compile(r"[ぁ-ゖ]")
_NAME_KANA = set("のがケヶ")
_POSTAL_CODE = re.compile(r"(?:〒 ?|郵便番号[ :は]{0,3})(?P<code>[0-9]{3}-?[0-9]{4})(?![0-9])")


def _looks_like_a_town(name):
    return sum(1 for c in _SENTENCE_KANA.findall(name) if c not in _NAME_KANA) <= 2


def _start_after_prefecture(place):
    """Where the address starts in ``place`` if a prefecture and municipality begin it."""
    for prefecture in _PREFECTURE.finditer(place):
        municipality = _MUNICIPALITIES_AFTER_PREFECTURE.match(place, prefecture.end())
        if municipality and _looks_like_a_town(place[municipality.end() :]):
            return prefecture.start()
    return None


def _start_of_municipality(place):
    """Where the first municipality written in kanji starts in ``place``, if one does."""
    position = 0
    while found := _MUNICIPALITY.search(place, position):
        label = _ADDRESS_LABEL.match(place, found.start(), found.end())
        named = label.end() if label else found.start()
        not_one = _NOT_A_MUNICIPALITY.match(place, named)
        if not_one:
            position = not_one.end()  # 市町村民税: neither 市町 nor 町村
            continue
        if named < found.end() - 1 and _looks_like_a_town(place[found.end() :]):
            return named
        position = found.start() + 1
    return None


def _start_of_place(folded, end):
    """Where the run of name characters before ``end`` starts (single spaces allowed in it)."""
    begin, earliest = end, max(0, end - _LONGEST_PLACE)
    while begin > earliest:
        if _NAME_CHAR.match(folded, begin - 1):
            begin -= 1
        elif (
            folded[begin - 1] == " "
            and begin - 1 > earliest
            and _NAME_CHAR.match(folded, begin - 2)
        ):
            begin -= 2  # 大阪府 河内長野市 原町 1-1-1
        else:
            break
    return begin


def addresses(folded):
    """(kind, start, end) of every postal code and street address in the folded text."""
    for match in _POSTAL_CODE.finditer(folded):
        start = match.start() if match.group().startswith("〒") else match.start("code")
        yield "address", start, match.end()
    for block in _BLOCK.finditer(folded):
        begin = _start_of_place(folded, block.start())
        place = folded[begin : block.start()]
        start = _start_after_prefecture(place)
        if start is None:
            start = _start_of_municipality(place)
        if start is not None:
            yield "address", begin + start, block.end()
