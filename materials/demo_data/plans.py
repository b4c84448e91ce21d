"""What the demo holds: meeting series, what each of their meetings discussed, the libraries.

Departments are named by their codes in ``intranet.demo.organisation``
(110 総務課, 120 行政管理課, 130 情報政策課, 140 人事課, 210 財政課, 220 税務課,
310 市民課 …). A material is a ``Paper``: its title, the kind of file, what
it is made from (``source``, read by ``materials.demo``), who may read it,
and, for a 全庁公開 paper quoting the assembly's minutes, the reason the
names in it are not personal data to withhold.
"""

from dataclasses import dataclass, field

PUBLIC, DEPARTMENTS, PRIVATE = "public", "departments", "private"


@dataclass(frozen=True)
class Paper:
    title: str
    kind: str  # pdf, docx, xlsx, pptx, csv
    source: tuple  # ("section", "2-1") | ("policy",) | ("speeches", …) | ("text", …) …
    confidentiality: str = PUBLIC
    departments: tuple = ()
    description: str = ""
    override_reason: str = ""


@dataclass(frozen=True)
class Agenda:
    title: str
    presenter: str | None = None
    papers: tuple = ()


@dataclass(frozen=True)
class SeriesPlan:
    name: str
    secretary: str
    description: str
    attending: tuple
    members: str  # "bu_heads", "ka_heads" or "it": who sits on it (see materials.demo)
    place: str
    months: tuple  # the months it sits in
    week: int  # the nth …
    weekday: int  # … weekday (0 = Monday) of the month
    hour: tuple  # (hour, minute)
    meetings: tuple = field(default_factory=tuple)  # one tuple of Agenda per sitting, oldest first


ALL_BU = ("100", "200", "300", "400", "500", "600")
QUOTED_MINUTES = (
    "公開の本会議における議員及び説明員の発言を会議録から引用したもので、"
    "個人の私的な情報ではないため"
)

# Which section answers for each chapter-4 section of the ICT policy.
SECTION_OWNERS = {
    "1-1": "110",
    "1-2": "310",
    "1-3": "130",
    "2-1": "120",
    "2-2": "210",
    "2-3": "120",
    "2-4": "140",
    "3-1": "130",
    "3-2": "130",
    "3-3": "120",
}
SECTION_KINDS = ("pdf", "docx", "pptx", "xlsx")
POLICY_PAPER = Paper(
    "河内長野市情報化推進方針（平成30年5月改訂）全文",
    "pdf",
    ("policy",),
    description="改訂に向けた現状整理の基礎資料として、現行の方針の全文を配付します。",
)

TELEWORK = (
    ("tokyo_assembly_2020-2-27_03.txt", 70, "テレワーク"),
    ("tokyo_assembly_2020-2-27_03.txt", 71, "テレワーク"),
)
DIGITAL = (
    ("tokyo_assembly_2020-2-26_02.txt", 6, "デジタル"),
    ("tokyo_assembly_2020-2-28_04.txt", 103, "デジタル"),
    ("tokyo_assembly_2020-2-28_04.txt", 107, "デジタル"),
)

REORGANISATION = (
    "組織・人員体制の見直しについて（案）",
    "1 趣旨",
    "行政需要の変化に対応し、限られた職員数で市民サービスの水準を保つため、"
    "令和9年度に向けた組織・人員体制の見直しの方向性を整理する。",
    "2 見直しの方向性",
    "(1) 窓口業務の集約：市民課・保険年金課・税務課の証明書交付窓口を本庁舎1階に集約する。",
    "(2) デジタル化推進体制の強化：情報政策課にデジタル化推進係を新設する。",
    "(3) 子ども施策の一体化：子ども子育て課と学校教育課の連携体制を見直す。",
    "3 今後の予定",
    "各部の意見を踏まえて案を修正し、次回の部長会議で最終案を示す。",
    "本資料は検討中の案であり、取扱いに注意すること。",
)
COUNCIL_SCHEDULE = (
    "市議会定例会の日程と提出予定議案について",
    "1 会期",
    "定例会の会期は、開会日から閉会日までの25日間を予定している。",
    "2 提出予定議案",
    "(1) 補正予算（一般会計・特別会計）",
    "(2) 条例の一部改正（手数料条例、情報公開条例）",
    "(3) 指定管理者の指定",
    "3 各部へのお願い",
    "答弁資料の作成に当たっては、担当課で内容を確認の上、会期の10日前までに総務課へ提出すること。",
)
YEAR_END = (
    "年末年始の庁舎管理と業務体制について",
    "1 閉庁期間",
    "12月29日から1月3日までは閉庁とし、本庁舎の通用口のみ開錠する。",
    "2 各課の対応",
    "(1) 閉庁期間中の緊急連絡体制表を12月20日までに総務課へ提出すること。",
    "(2) 退庁時にはパソコンの電源を切り、窓の施錠と暖房機器の停止を確認すること。",
    "(3) 住民記録システムの停止期間は、別途情報政策課から通知する。",
    "3 その他",
    "年始の業務開始は1月4日8時45分とする。",
)
PERSONNEL_EVALUATION = (
    "人事評価の実施について",
    "1 目的",
    "職員の能力と実績を把握し、人材育成と適切な処遇に活かす。",
    "2 日程",
    "自己評価の提出：10月末まで。一次評価・二次評価：11月末まで。",
    "3 評価者の留意事項",
    "評価面談では、期首に設定した目標の達成状況を具体的に確認し、次期の目標設定につなげること。",
    "評価結果は本人以外に開示しないこと。",
)
SECURITY_TRAINING = (
    ("情報セキュリティ研修", "令和8年度 全職員向け研修\n情報政策課"),
    (
        "標的型メールへの備え",
        "差出人と本文の不自然さに気付く\n添付ファイルやリンクを安易に開かない\n"
        "不審なメールは情報政策課へ連絡する",
    ),
    (
        "パスワードと端末の管理",
        "使い回しをしない\n離席時は画面をロックする\nUSBメモリは許可されたものだけを使う",
    ),
    (
        "情報の持ち出し",
        "個人情報を含むファイルは庁外へ持ち出さない\n持ち出しが必要なときは所属長の許可を得る",
    ),
    ("事故が起きたら", "ひとりで抱え込まず、すぐに所属長と情報政策課へ報告する"),
)
OVERTIME = {
    "時間外勤務の状況": [
        ["部", "4月", "5月", "6月", "7月", "8月", "9月"],
        ["総務部", 1260, 980, 1110, 1030, 870, 1190],
        ["財務部", 1540, 1320, 890, 760, 690, 820],
        ["市民生活部", 1420, 1100, 950, 990, 940, 1010],
        ["保健福祉部", 1380, 1250, 1190, 1230, 1080, 1160],
        ["都市づくり部", 820, 760, 840, 910, 1020, 880],
        ["教育委員会事務局", 960, 880, 910, 1180, 650, 840],
    ]
}
SYSTEM_RENEWAL = {
    "更新計画": [
        ["システム", "担当課", "現行の契約満了", "更新予定", "概算経費（千円）"],
        ["住民記録システム", "市民課", "令和9年3月", "令和9年度", 48000],
        ["税務システム", "税務課", "令和9年3月", "令和9年度", 52000],
        ["財務会計システム", "財政課", "令和10年3月", "令和10年度", 31000],
        ["グループウェア", "情報政策課", "令和9年9月", "令和9年度", 12000],
        ["地理情報システム", "都市計画課", "令和11年3月", "令和11年度", 18000],
    ],
    "標準化対象": [
        ["業務", "標準準拠システムへの移行", "備考"],
        ["住民基本台帳", "令和9年度", "ガバメントクラウドを利用"],
        ["個人住民税", "令和9年度", "ガバメントクラウドを利用"],
        ["国民健康保険", "令和10年度", "保険年金課と調整中"],
    ],
}


def _policy_meeting(index):
    """A 庁内調整会議 on one section of the policy's chapter 4, in the file kind of its turn."""
    keys = list(SECTION_OWNERS)
    key = keys[index % len(keys)]
    kind = SECTION_KINDS[index % len(SECTION_KINDS)]
    # One in five is for the departments concerned only: the owner's department and 総務部.
    limited = index % 5 == 3
    paper = Paper(
        "",  # named after the section by the loader
        kind,
        ("section", key),
        DEPARTMENTS if limited else PUBLIC,
        departments=(SECTION_OWNERS[key], "100") if limited else (),
    )
    return (
        Agenda("", SECTION_OWNERS[key], (paper,)),  # titled after the section by the loader
        Agenda("各部からの連絡事項"),
    )


COORDINATION = tuple(_policy_meeting(index) for index in range(11)) + (
    (
        Agenda("情報化推進方針の改訂に向けた現状整理について", "130", (POLICY_PAPER,)),
        Agenda("各部からの連絡事項"),
    ),
)

HEADS = (
    (
        Agenda(
            "市議会定例会の日程と提出予定議案について",
            "110",
            (Paper("定例会日程と提出予定議案", "docx", ("text", COUNCIL_SCHEDULE)),),
        ),
    ),
    (
        Agenda(
            "他団体の議会におけるテレワークの議論について",
            "130",
            (
                Paper(
                    "東京都議会におけるテレワークに関する質疑（会議録抜粋）",
                    "pdf",
                    ("speeches", TELEWORK),
                    description="本市の在宅勤務の検討に当たり、他団体の議会での議論を紹介します。",
                    override_reason=QUOTED_MINUTES,
                ),
            ),
        ),
    ),
    (
        Agenda(
            "組織・人員体制の見直しについて",
            "140",
            (
                Paper(
                    "組織・人員体制の見直しについて（案）",
                    "docx",
                    ("text", REORGANISATION),
                    PRIVATE,
                ),
            ),
        ),
        Agenda(
            "市議会定例会の日程と提出予定議案について",
            "110",
            (Paper("定例会日程と提出予定議案", "docx", ("text", COUNCIL_SCHEDULE)),),
        ),
    ),
    (
        Agenda(
            "重点施策の進捗について",
            "120",
            (Paper("重点施策の進捗（情報化推進方針 第3章）", "pptx", ("chapter", 2)),),
        ),
    ),
    (
        Agenda(
            "他団体の議会におけるデジタル化の議論について",
            "130",
            (
                Paper(
                    "東京都議会におけるデジタル化に関する質疑（会議録抜粋）",
                    "docx",
                    ("speeches", DIGITAL),
                    DEPARTMENTS,
                    departments=("100", "200"),
                ),
            ),
        ),
    ),
    (
        Agenda(
            "組織・人員体制の見直しについて",
            "140",
            (
                Paper(
                    "組織・人員体制の見直し 各部意見の集約",
                    "xlsx",
                    (
                        "sheets",
                        {
                            "各部意見": [
                                ["部", "意見の要旨", "対応"],
                                ["市民生活部", "窓口集約に伴う案内表示の見直しが必要", "案に反映"],
                                ["保健福祉部", "相談窓口は現行の配置を維持したい", "継続協議"],
                                [
                                    "教育委員会事務局",
                                    "子ども施策の連携は段階的に進めたい",
                                    "案に反映",
                                ],
                            ]
                        },
                    ),
                    PRIVATE,
                ),
            ),
        ),
    ),
)

SECTION_CHIEFS = (
    (
        Agenda(
            "人事評価の実施について",
            "140",
            (Paper("人事評価の実施について", "docx", ("text", PERSONNEL_EVALUATION)),),
        ),
    ),
    (
        Agenda(
            "時間外勤務の状況について",
            "140",
            (
                Paper(
                    "時間外勤務の状況（上半期）",
                    "xlsx",
                    ("sheets", OVERTIME),
                    DEPARTMENTS,
                    departments=ALL_BU,
                ),
            ),
        ),
    ),
    (
        Agenda(
            "年末年始の庁舎管理と業務体制について",
            "110",
            (Paper("年末年始の庁舎管理と業務体制", "pdf", ("text", YEAR_END)),),
        ),
    ),
    (
        Agenda(
            "情報セキュリティ研修の受講について",
            "130",
            (Paper("情報セキュリティ研修 資料", "pptx", ("slides", SECURITY_TRAINING)),),
        ),
    ),
)

IT_COMMITTEE = (
    (
        Agenda(
            "情報セキュリティ監査の実施状況について",
            "120",
            (Paper("情報セキュリティ監査の実施状況", "pdf", ("section", "3-3")),),
        ),
    ),
    (
        Agenda(
            "基幹系システムの更新計画について",
            "130",
            (
                Paper(
                    "基幹系システム更新計画",
                    "xlsx",
                    ("sheets", SYSTEM_RENEWAL),
                    DEPARTMENTS,
                    departments=("130", "210", "310", "220"),
                ),
            ),
        ),
    ),
    (
        Agenda(
            "情報化推進の基本的観点の見直しについて",
            "130",
            (Paper("情報化推進の基本的観点（第2章）", "docx", ("chapter", 1)),),
        ),
        Agenda(
            "情報セキュリティ研修の実施について",
            "130",
            (Paper("情報セキュリティ研修 資料", "pptx", ("slides", SECURITY_TRAINING)),),
        ),
    ),
    (
        Agenda(
            "ナレッジマネジメントの推進について",
            "120",
            (
                Paper("ナレッジマネジメントの推進（取組状況）", "pptx", ("section", "2-1")),
                Paper(
                    "委員会限り 検討メモ",
                    "docx",
                    (
                        "text",
                        (
                            "委員会限り 検討メモ",
                            "会議資料の共有化は、全庁公開を原則とし、関係課のみ・非公開の区分を"
                            "事務局が確認する運用とする。",
                            "統計・資料と様式集の掲載は、各課の担当者が直接行う。",
                        ),
                    ),
                    PRIVATE,
                ),
            ),
        ),
    ),
)

SERIES = (
    SeriesPlan(
        "庁内調整会議",
        "120",
        "各部にまたがる施策や事業の調整を行う会議です。事務局は行政管理課です。",
        ALL_BU,
        "bu_heads",
        "本庁舎3階 第5会議室",
        months=(4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3),
        week=2,
        weekday=1,
        hour=(10, 0),
        meetings=COORDINATION,
    ),
    SeriesPlan(
        "部長会議",
        "110",
        "市長、副市長と各部長が市政の重要事項を協議する会議です。事務局は総務課です。",
        ALL_BU,
        "bu_heads",
        "本庁舎4階 庁議室",
        months=(4, 6, 8, 10, 12, 2),
        week=1,
        weekday=0,
        hour=(9, 30),
        meetings=HEADS,
    ),
    SeriesPlan(
        "課長会議",
        "110",
        "全庁への周知事項と各課の連絡調整を行う会議です。事務局は総務課です。",
        ALL_BU,
        "ka_heads",
        "本庁舎4階 大会議室",
        months=(4, 7, 10, 1),
        week=3,
        weekday=3,
        hour=(14, 0),
        meetings=SECTION_CHIEFS,
    ),
    SeriesPlan(
        "情報化推進委員会",
        "130",
        "情報化推進方針の進捗管理と情報セキュリティ対策を審議する委員会です。"
        "事務局は情報政策課です。",
        ("100", "200", "300"),
        "it",
        "本庁舎3階 第4会議室",
        months=(5, 8, 11, 2),
        week=4,
        weekday=2,
        hour=(15, 0),
        meetings=IT_COMMITTEE,
    ),
)


@dataclass(frozen=True)
class LibraryPaper:
    category: str  # a name of FORM_CATEGORIES or REFERENCE_CATEGORIES
    department: str
    title: str
    kind: str
    source: tuple
    description: str = ""
    form_name: str = ""
    procedure: str = ""
    # (note, source) of later uploads: the history of a table updated every month
    revisions: tuple = ()


FORM_CATEGORIES = (
    ("住民票・戸籍", "住民票の写し、戸籍証明書などの請求に使う様式です。"),
    ("税", "市税の証明、申告、納付に関する様式です。"),
    ("職員の手続", "休暇、出張、手当など職員が庁内で使う様式です。"),
)
REFERENCE_CATEGORIES = (
    ("人口統計", "住民基本台帳に基づく人口と世帯数の統計です。"),
    ("予算・財政", "予算の概要と財政状況の資料です。"),
    ("情報化", "情報化推進方針とその進捗の資料です。"),
)


def _form(title, *lines):
    return ("text", (title, *lines))


FORMS = (
    LibraryPaper(
        "住民票・戸籍",
        "310",
        "住民票の写し等交付申請書",
        "docx",
        _form(
            "住民票の写し等交付申請書",
            "河内長野市長 あて",
            "請求日 令和 年 月 日",
            "窓口に来た方の住所、氏名、生年月日、電話番号を記入してください。",
            "必要な方の住所と世帯主、必要な通数、本籍・続柄の記載の要否を記入してください。",
            "使いみち：□ 年金 □ 就職 □ 自動車登録 □ その他",
            "本人確認書類（運転免許証、マイナンバーカードなど）を提示してください。",
        ),
        description="住民票の写しと住民票記載事項証明書の請求に使います。",
        form_name="住民票の写し等交付申請書",
        procedure="住民票の写しの交付",
    ),
    LibraryPaper(
        "住民票・戸籍",
        "310",
        "戸籍証明書等請求書",
        "docx",
        _form(
            "戸籍証明書等請求書",
            "河内長野市長 あて",
            "請求する証明：□ 戸籍全部事項証明書 □ 戸籍個人事項証明書 □ 除籍謄本 □ 戸籍の附票",
            "本籍と筆頭者、必要な通数、使いみちを記入してください。",
            "代理人が請求するときは委任状が必要です。",
        ),
        description="戸籍の証明書と戸籍の附票の写しの請求に使います。",
        form_name="戸籍証明書等請求書",
        procedure="戸籍証明書の交付",
    ),
    LibraryPaper(
        "税",
        "220",
        "市税証明書交付申請書",
        "docx",
        _form(
            "市税証明書交付申請書",
            "証明の種類：□ 所得証明書 □ 課税証明書 □ 納税証明書 □ 評価証明書",
            "年度と通数、使いみちを記入してください。",
            "本人以外が申請するときは委任状を添付してください。",
        ),
        description="所得・課税・納税・評価の各証明書の申請に使います。",
        form_name="市税証明書交付申請書",
        procedure="市税の証明書の交付",
    ),
    LibraryPaper(
        "職員の手続",
        "140",
        "年次休暇届",
        "xlsx",
        (
            "sheets",
            {
                "年次休暇届": [
                    ["年次休暇届"],
                    ["所属", "", "職員番号", ""],
                    ["休暇の期間", "令和 年 月 日 時 分から", "令和 年 月 日 時 分まで"],
                    ["日数・時間", "", "", ""],
                    ["所属長の承認", "", "", ""],
                ]
            },
        ),
        description="年次休暇を取るときに所属長へ提出します。",
        form_name="年次休暇届",
        procedure="年次休暇の取得",
    ),
    LibraryPaper(
        "職員の手続",
        "140",
        "旅行命令（出張）申請書",
        "xlsx",
        (
            "sheets",
            {
                "出張申請": [
                    ["旅行命令（出張）申請書"],
                    ["用務", "", "用務先", ""],
                    ["期間", "令和 年 月 日から", "令和 年 月 日まで"],
                    ["経路", "", "概算旅費（円）", ""],
                    ["所属長の承認", "", "", ""],
                ]
            },
        ),
        description="出張の前に所属長の命令を受けるための様式です。",
        form_name="旅行命令（出張）申請書",
        procedure="出張（旅行命令）",
    ),
    LibraryPaper(
        "職員の手続",
        "140",
        "通勤手当認定申請書",
        "docx",
        _form(
            "通勤手当認定申請書",
            "通勤の方法：□ 交通機関 □ 自動車等 □ 併用",
            "経路と距離、定期券の額を記入してください。",
            "住所や通勤経路が変わったときは、変わった日から15日以内に提出してください。",
        ),
        description="通勤手当の認定と、住所・経路の変更の届出に使います。",
        form_name="通勤手当認定申請書",
        procedure="通勤手当の認定",
    ),
)


def _population(months):
    """Month-end population rows (demo figures): one row per month of 令和8年度 up to ``months``."""
    rows = [["年月", "世帯数", "男", "女", "総人口"]]
    households, men, women = 47410, 48120, 52930
    for index, month in enumerate((4, 5, 6, 7, 8, 9, 10, 11)[:months]):
        rows.append(
            [
                f"令和8年{month}月末",
                households + index * 12,
                men - index * 41,
                women - index * 37,
                men + women - index * 78,
            ]
        )
    return {"月末人口": rows}


AGE_GROUPS_CSV = (
    "年齢区分,男,女,計,構成比（％）\r\n"
    "0～14歳,4902,4671,9573,9.5\r\n"
    "15～64歳,25811,26694,52505,52.3\r\n"
    "65歳以上,17091,21318,38409,38.2\r\n"
    "合計,47804,52683,100487,100.0\r\n"
)

TABLES = (
    LibraryPaper(
        "人口統計",
        "310",
        "住民基本台帳人口・世帯数（月末）",
        "xlsx",
        ("sheets", _population(7)),
        description="住民基本台帳による月末の人口と世帯数です（数値はデモ用です）。",
        revisions=(("令和8年11月末の数値を追加しました。", ("sheets", _population(8))),),
    ),
    LibraryPaper(
        "人口統計",
        "310",
        "年齢3区分別人口（令和8年10月1日現在）",
        "csv",
        ("cp932", AGE_GROUPS_CSV),
        description="年齢3区分別の人口です。CSV（Shift_JIS）です（数値はデモ用です）。",
    ),
    LibraryPaper(
        "予算・財政",
        "210",
        "令和8年度 一般会計予算の概要",
        "xlsx",
        (
            "sheets",
            {
                "歳入": [
                    ["款", "予算額（千円）", "構成比（％）"],
                    ["市税", 13250000, 36.2],
                    ["地方交付税", 7480000, 20.4],
                    ["国庫支出金", 6120000, 16.7],
                    ["府支出金", 2840000, 7.8],
                    ["市債", 2310000, 6.3],
                    ["その他", 4600000, 12.6],
                ],
                "歳出": [
                    ["款", "予算額（千円）", "構成比（％）"],
                    ["民生費", 17300000, 47.3],
                    ["総務費", 4120000, 11.3],
                    ["衛生費", 3380000, 9.2],
                    ["教育費", 3950000, 10.8],
                    ["土木費", 2890000, 7.9],
                    ["公債費", 3210000, 8.8],
                    ["その他", 1750000, 4.7],
                ],
            },
        ),
        description="令和8年度当初予算の歳入・歳出の内訳です（数値はデモ用です）。",
    ),
    LibraryPaper(
        "情報化",
        "130",
        "情報化推進方針 目標一覧",
        "xlsx",
        ("goals",),
        description="情報化推進方針 第4章の目標を取組み項目ごとに一覧にしたものです。",
    ),
)
