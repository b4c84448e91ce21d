"""Personal names, found with a Japanese morphological analyser.

Engine: SudachiPy with SudachiDict-core, the analyser the search pipeline
already loads (search/text.py), so the guard adds no dependency and no second
dictionary in memory. GiNZA (spaCy + ja_ginza, whose named-entity recogniser
labels people ``Person``) was measured against it on the same corpus with
benchmarks/person_names.py (figures in that script's docstring). On the
held-out corpus, Sudachi with the context rules below reached precision and
recall 0.97 / 0.97; GiNZA's recogniser 0.63 / 0.83, and 0.75 / 0.83 with the
same context rules, since it often cuts a name in the wrong place (村上様,
グエン・ヴァン). Sudachi also ran about 150 times faster (0.8 MB/s against
0.005 MB/s on the assembly minutes) in a third of the memory (205 MB against
about 690 MB), and GiNZA would add spaCy, thinc, the model and a second
Sudachi dictionary (a 670 MB virtualenv) to a project that already has
Sudachi. So Sudachi is the engine here.

How a name is recognised. Sudachi tags surnames and given names as
``名詞,固有名詞,人名,姓|名`` (and foreign names ``人名,一般``); a surname,
an optional space and a given name make one finding. A part of speech alone
is weak evidence for one word (長野, 福島 and 松本 are places as well as
surnames), so:

- a full name (surname and given name) is reported on its own;
- a single surname or given name is reported only with context: an
  honorific after it (様, さん, 氏, 君, くん, ちゃん, 殿) or a label before it
  that introduces a resident (氏名, 申請者, 患者, 利用者, 被保険者 …);
- an honorific also turns a word Sudachi did not tag as a name into one
  (菅原さま, where 菅原 is tagged as a place; 山崎 蒼くん, where 蒼 is an
  ordinary noun), and names written in katakana with ・ are kept whole.

- a surname marked as a staff member's is reported too: directly before or
  after a staff post (岡田係長, 吉村課長補佐, 課長の菅野, 担当者の菊地) or a
  section's name (藤田（保険年金課）, 石原 子育て支援課, 市民課の佐藤). A near-miss report
  that says which 係長 made the mistake names a person, and the case
  collection publishes reports without staff names. A word Sudachi tagged
  otherwise (松本 and 桜井 as places, 小川 as a noun) counts as a surname here
  when the dictionary also lists it as one, which 近畿 or 関西 (近畿係長研修,
  関西ブロック課長会) are not.

What is not reported, by rule:

- The office's own contact and author lines: a notice that names its own
  contact (担当：市民課 佐藤), a signature (情報システム担当 山口 TEL …) or a
  record of who wrote it (作成者：, 記：) is the normal business of a city
  office, and such a line says so itself.
- Holders of public offices (市長, 副市長, 議長, 議員, 委員長, 局長 …) named
  by their office (副市長の上田, 議長（市川 修君）): their names are public.
- Companies, shops and clinics named after a family (田中工務店,
  鈴木建設株式会社, 山田歯科医院), and places (河内長野市, 中村区): Sudachi
  tags most places as 地名, and a surname followed by a business word is
  dropped.
"""

import functools
import re

from .findings import Finding

KIND = "person_name"

HONORIFICS = {"様", "さま", "さん", "氏", "君", "くん", "ちゃん", "殿", "どの"}
# Posts after (田中課長) or before (課長の田中) a name, which a name does not run into.
JOB_TITLES = {
    "市長", "副市長", "教育長", "議長", "副議長", "委員長", "副委員長", "委員", "議員",
    "会長", "副会長", "部長", "次長", "課長", "課長補佐", "課長代理", "参事", "副参事",
    "室長", "所長", "館長", "園長", "局長", "係長", "主幹", "主査", "主任", "主事",
    "技師", "技監", "補佐", "事務局長", "理事", "監事", "署長", "校長", "教頭",
    "知事", "副知事", "本部長", "総監",
}  # fmt: skip
# Posts the office's staff hold: a surname beside one is a staff member's, and reported.
STAFF_POSTS = {
    "部長", "次長", "課長", "課長補佐", "課長代理", "参事", "副参事", "室長", "所長",
    "館長", "園長", "係長", "主幹", "主査", "主任", "主事", "技師", "補佐", "担当",
    "担当者",
}  # fmt: skip
# Public offices, whose holders' names are public (副市長の上田, 議長（市川 修君）).
PUBLIC_OFFICES = JOB_TITLES - STAFF_POSTS


def _alternatives(words):
    return "|".join(sorted((re.escape(word) for word in words), key=len, reverse=True))


# Before a name an office may also touch it (〔福祉保健局長内藤淳君登壇〕). 委員 and 会長
# are left out there: 民生委員の田中さん and 自治会長の山本さん are residents.
_OFFICE_BEFORE = re.compile(
    r"(?:" + _alternatives(PUBLIC_OFFICES - {"委員", "会長"}) + r")"
    r"(?:の|[ \t\u3000]|[（(〔])?[ \t\u3000]*$"
)
_OFFICE_AFTER = re.compile(r"^(?:" + _alternatives(PUBLIC_OFFICES) + r")")
# A staff post or a section (課, 係; not 室: 隣室の方, 会議室の東側), then の, just
# before a surname (課長の菅野, 担当者の菊地, 市民課の佐藤). A section and a space
# before a name (情報政策課 山田 内線2345) is a signature, the office's own
# contact, like a 担当： line.
_STAFF_BEFORE = re.compile(r"(?:" + _alternatives(STAFF_POSTS) + r"|[\u4e00-\u9fff][課係])の$")
# A staff post or a section's name just after a surname: 岡田係長, 藤田（保険年金課）,
# 石原 子育て支援課 から. A post that names a rank or a meeting (課長会議, 係長級) is none.
# A section's name in kana (こども家庭課) must be set apart by a bracket or a space,
# so that 田中がいる課で is not one.
_SECTION = r"[\u3041-\u309f\u30a0-\u30ff\u4e00-\u9fff]{0,9}?[課係](?![\u4e00-\u9fff])"
# Unbracketed, it holds no particle (山本先生に関係が is no section).
_PLAIN_SECTION = (
    r"[\u4e00-\u9fff][^\u0000-\u3040のがはをにでともへやか]{0,9}?[課係](?![\u4e00-\u9fff])"
)
_STAFF_AFTER = re.compile(
    r"^(?:(?:" + _alternatives(STAFF_POSTS) + r")(?!会|級|職|研修|相当|クラス|以上|試験|昇任)"
    r"|" + _PLAIN_SECTION + r"|[（(]" + _SECTION + r"[）)])"
)
_SPACED_SECTION = re.compile(r"^[\u3041-\u309f\u30a0-\u30ff]" + _SECTION)
# Labels whose line names the office's own staff (担当：市民課 佐藤).
_STAFF_LABEL = re.compile(
    r"(?:担当者?|問い?合わ?せ先|作成者?|記録者|起案者|発信者|記)[ \t\u3000]*[：:】][^\n。]*$"
)
# Labels that introduce a resident: a single surname after one is reported.
_RESIDENT_LABEL = re.compile(
    r"(?:氏名|名前|宛名|申請者|届出人|請求者|代理人|患者|利用者|相談者|対象者|受給者|"
    r"被保険者|納税義務者|世帯主|保護者|児童|生徒|来庁者|通報者|傍聴人|本人|契約者)"
    r"(?:[ \t\u3000]*[：:（(]|の|は|[ \t\u3000])[^\n。：:]{0,12}$"
)
# Words after a family name that make it a business, a building or an event.
_BUSINESS_WORDS = re.compile(
    r"^(?:株式会社|有限会社|合同会社|建設|工業|工務店|商店|商事|商会|産業|興業|電機|"
    r"製作所|組|事務所|法律事務所|病院|医院|歯科|クリニック|薬局|眼科|内科|外科|"
    r"記念館|美術館|文庫|賞|財団|ホールディングス|グループ|PC|ＰＣ)"
)
_ADMIN_SUFFIX = re.compile(r"[都道府県市区町村郡駅川山線]$")
_GLUED_HONORIFICS = {"君", "様", "殿"}
_NAME_ENDS = {"\n", "）", ")", "、", "，", ",", "。", "】", "」"}
_SPACE = {" ", "\u3000", "\t"}
_NAME_CHARS = re.compile(r"^[\u3041-\u309f\u30a0-\u30ff\uff66-\uff9f\u3005\u4e00-\u9fff]+$")
_KATAKANA = re.compile(r"^[\u30a0-\u30ff\uff66-\uff9f]+$")
_SURROGATES = re.compile(r"[\ud800-\udfff]")
_CHUNK_END = re.compile(r"(?<=[。！？!?\n])")
_MAX_EXTRA_CHARS = 4


def detect(text):
    """Every personal name in ``text``, as ``person_name`` findings."""
    if not text:
        return []
    # Sudachi reads UTF-8; a lone surrogate cannot be encoded. U+FFFD keeps offsets.
    safe = _SURROGATES.sub("\ufffd", text)
    findings = []
    for offset, chunk in _chunks(safe):
        for start, end, full, honorific, tagged in _candidates(_tokens(chunk)):
            if end - start > 2 and chunk[end - 1] in _GLUED_HONORIFICS:
                end, honorific = end - 1, True  # Sudachi reads 淳君 as one given name
            start, end = offset + start, offset + end
            if _keep(safe, start, end, full, honorific, tagged):
                findings.append(Finding(start, end, KIND, text[start:end]))
    return findings


def _chunks(text):
    """(offset, piece) with pieces short enough for Sudachi, cut at sentence ends."""
    from search.text import MAX_CHUNK_CHARS

    offset, piece = 0, ""
    for sentence in _CHUNK_END.split(text):
        while len(sentence) > MAX_CHUNK_CHARS:
            if piece:
                yield offset, piece
                offset, piece = offset + len(piece), ""
            yield offset, sentence[:MAX_CHUNK_CHARS]
            offset, sentence = offset + MAX_CHUNK_CHARS, sentence[MAX_CHUNK_CHARS:]
        if len(piece) + len(sentence) > MAX_CHUNK_CHARS:
            yield offset, piece
            offset, piece = offset + len(piece), ""
        piece += sentence
    if piece:
        yield offset, piece


class _Token:
    __slots__ = ("surface", "start", "end", "pos")

    def __init__(self, morpheme):
        self.surface = morpheme.surface()
        self.start, self.end = morpheme.begin(), morpheme.end()
        self.pos = morpheme.part_of_speech()

    @property
    def name_part(self):
        """姓, 名 or 一般 (foreign names) when Sudachi tags a person's name, else None."""
        if self.pos[:3] == ("名詞", "固有名詞", "人名"):
            return self.pos[3]
        return None

    @property
    def space(self):
        """One or two spaces on one line: what may stand between a surname and a given name."""
        return 0 < len(self.surface) <= 2 and all(char in _SPACE for char in self.surface)

    @property
    def honorific(self):
        return self.surface in HONORIFICS

    @property
    def nameish(self):
        """A noun in kana or kanji that is not a post or an honorific: a possible part of a name."""
        return (
            self.pos[0] in ("名詞", "接尾辞")
            and _NAME_CHARS.match(self.surface) is not None
            and self.surface not in JOB_TITLES
            and not self.honorific
            and not _BUSINESS_WORDS.match(self.surface)
        )


def _tokens(chunk):
    from sudachipy import SplitMode

    from search.text import tokenizer

    return [_Token(m) for m in tokenizer().tokenize(chunk, SplitMode.C)]


def _at(tokens, i):
    return tokens[i] if 0 <= i < len(tokens) else None


def _skip_space(tokens, i):
    """The index after at most two characters of space from token i (Sudachi may split them)."""
    chars = 0
    while (token := _at(tokens, i)) is not None and token.space:
        chars += len(token.surface)
        if chars > 2:
            break
        i += 1
    return i


def _candidates(tokens):
    """(start, end, full, honorific, tagged) for each run of tokens that may be a name.

    ``tagged`` is False for a lone word that is a name only by the dictionary's
    other readings of it (松本 read as a place): such a word needs a staff post
    or a section beside it to be reported.
    """
    i = 0
    while i < len(tokens):
        first, last, parts = _name_run(tokens, i)
        if first is None:
            if _may_be_surname(tokens[i]):
                yield tokens[i].start, tokens[i].end, False, False, False
            i += 1
            continue
        start, end = tokens[first].start, tokens[last].end
        honorific = _honorific_at(tokens, _skip_space(tokens, last + 1))
        yield start, end, parts >= 2, honorific, True
        i = last + 1


def _may_be_surname(token):
    """A noun Sudachi read otherwise that its dictionary also lists as a surname (松本, 小川)."""
    return (
        token.pos[0] == "名詞"
        and token.name_part is None
        and _NAME_CHARS.match(token.surface) is not None
        and not _ADMIN_SUFFIX.search(token.surface)
        and _listed_as_surname(token.surface)
    )


@functools.lru_cache(maxsize=4096)
def _listed_as_surname(surface):
    from search.text import dictionary

    return any(
        m.part_of_speech()[:4] == ("名詞", "固有名詞", "人名", "姓")
        for m in dictionary().lookup(surface)
    )


def _name_run(tokens, i):
    """(first, last, parts) of the name that starts at token i, or (None, None, 0)."""
    token = tokens[i]
    part = token.name_part
    if part is None and _place_then_given_name(tokens, i):
        return i, _skip_space(tokens, i + 1), 2  # 千葉 雅人: a surname Sudachi reads as a place
    if part is None:
        return _honorific_only(tokens, i)
    # Foreign names: マリア・サントス, グエン・ヴァン・ナム (katakana joined by ・).
    # Without an honorific, at least two parts must be tagged as names, so that
    # オリ・パラ (Olympics and Paralympics) is not one.
    last, tagged = i, 1
    while (
        _at(tokens, last + 1) is not None
        and tokens[last + 1].surface in ("・", "･", "＝", "=")
        and _at(tokens, last + 2) is not None
        and _KATAKANA.match(tokens[last + 2].surface)
    ):
        last += 2
        tagged += tokens[last].name_part is not None
    if last > i:
        return i, last, tagged
    # Surname, optional space, given name (or a second 人名 part: 原田　美和, ｲﾄｳ ﾐﾎ).
    j = _skip_space(tokens, i + 1)
    nxt = _at(tokens, j)
    spaced = j > i + 1
    if nxt is not None and (nxt.name_part in ("名", "一般") or spaced and nxt.name_part == "姓"):
        return i, _extend_given(tokens, j), 2
    if part == "姓" or token.pos[1] == "固有名詞":
        extended = _extend_unknown_given(tokens, i)
        if extended is not None:
            return i, extended, 2
    return i, i, 1


def _place_then_given_name(tokens, i):
    token, nxt = tokens[i], _at(tokens, _skip_space(tokens, i + 1))
    return (
        token.pos[:3] == ("名詞", "固有名詞", "地名")
        and not _ADMIN_SUFFIX.search(token.surface)
        and nxt is not None
        and nxt.name_part == "名"
    )


def _extend_given(tokens, j):
    """The last token of a given name that Sudachi cut in two (陽 + 向 in 陽向)."""
    nxt = _at(tokens, j + 1)
    if (
        nxt is not None
        and nxt.nameish
        and len(nxt.surface) == 1
        and nxt.pos[0] == "接尾辞"
        and (_ends_name(tokens, j + 2) or _honorific_at(tokens, j + 2))
    ):
        return j + 1
    return j


def _extend_unknown_given(tokens, i):
    """A given name Sudachi does not know: 山崎 蒼くん, ナカムラ　ケンタ (end of line)."""
    j = _skip_space(tokens, i + 1)
    spaced = j > i + 1
    last, chars = None, 0
    while (token := _at(tokens, j)) is not None and token.nameish:
        chars += len(token.surface)
        if chars > _MAX_EXTRA_CHARS:
            return None
        last, j = j, j + 1
    if last is None or tokens[last].surface.endswith(("課", "係")):
        return None  # 前川 税務課: a section's name, not a given name
    if _honorific_at(tokens, _skip_space(tokens, j)):
        return last
    if spaced and _ends_name(tokens, j):
        return last
    return None


def _ends_name(tokens, j):
    """True when token j ends a name: the end, a space, a line break, a bracket or a comma."""
    token = _at(tokens, j)
    return token is None or token.space or token.surface in _NAME_ENDS


def _honorific_at(tokens, j):
    token = _at(tokens, j)
    return token is not None and token.honorific


def _honorific_only(tokens, i):
    """A word Sudachi did not tag as a name but an honorific follows: 菅原さま, 東 様."""
    token = tokens[i]
    j = _skip_space(tokens, i + 1)
    after = _at(tokens, j)
    if after is None or not after.honorific or not token.nameish:
        return None, None, 0
    if token.pos[1] == "固有名詞" and not _ADMIN_SUFFIX.search(token.surface):
        return i, i, 1
    if token.pos[1] == "普通名詞" and j > i + 1 and len(token.surface) <= 3:
        before = _at(tokens, i - 1)
        if before is None or not before.nameish:
            return i, i, 1
    return None, None, 0


def _keep(text, start, end, full, honorific, tagged=True):
    """Whether a candidate name is personal data to report (see the module docstring)."""
    after = text[end : end + 14].lstrip(" \u3000\t")
    before = text[max(0, start - 40) : start]
    line_before = before.rsplit("\n", 1)[-1]
    if _BUSINESS_WORDS.match(after) and not full:
        return False
    if after[:1] in ("様", "殿") or after.startswith(("さま", "どの")):
        return True  # 様 and 殿 address a resident, whatever label or post is near
    if _OFFICE_AFTER.match(after) and not honorific:
        return False
    if _OFFICE_BEFORE.search(line_before) or _STAFF_LABEL.search(line_before):
        return False
    spaced = text[end : end + 1] in _SPACE
    if _STAFF_AFTER.match(after) or _STAFF_BEFORE.search(line_before):
        return True
    if spaced and _SPACED_SECTION.match(after):
        return True
    if not tagged:
        return False
    return full or honorific or _RESIDENT_LABEL.search(line_before) is not None
