"""Demo organisation: a city office's departments and about 60 staff with Japanese names."""

DEMO_PASSWORD = "intranet-demo-2026"


def extension_of(section_name):
    """The first extension of a demo section, so demo texts quote numbers the directory has."""
    for _code, _name, sections in DEPARTMENTS:
        for _section_code, name, extension in sections:
            if name == section_name:
                return extension
    raise KeyError(section_name)


# (code, name, [(code, name, first extension)])
DEPARTMENTS = [
    (
        "100",
        "総務部",
        [
            ("110", "総務課", 2000),
            ("120", "行政管理課", 2050),
            ("130", "情報政策課", 2100),
            ("140", "人事課", 2150),
        ],
    ),
    (
        "200",
        "財務部",
        [
            ("210", "財政課", 2200),
            ("220", "税務課", 2250),
        ],
    ),
    (
        "300",
        "市民生活部",
        [
            ("310", "市民課", 3000),
            ("320", "保険年金課", 3050),
            ("330", "環境政策課", 3100),
        ],
    ),
    (
        "400",
        "保健福祉部",
        [
            ("410", "福祉総務課", 4000),
            ("420", "高齢福祉課", 4050),
            ("430", "子ども子育て課", 4100),
        ],
    ),
    (
        "500",
        "都市づくり部",
        [
            ("510", "都市計画課", 5000),
            ("520", "道路課", 5050),
        ],
    ),
    (
        "600",
        "教育委員会事務局",
        [
            ("610", "教育総務課", 6000),
            ("620", "学校教育課", 6050),
        ],
    ),
]

SURNAMES = [
    ("佐藤", "さとう"),
    ("鈴木", "すずき"),
    ("高橋", "たかはし"),
    ("田中", "たなか"),
    ("伊藤", "いとう"),
    ("渡辺", "わたなべ"),
    ("山本", "やまもと"),
    ("中村", "なかむら"),
    ("小林", "こばやし"),
    ("加藤", "かとう"),
    ("吉田", "よしだ"),
    ("山田", "やまだ"),
    ("佐々木", "ささき"),
    ("山口", "やまぐち"),
    ("松本", "まつもと"),
    ("井上", "いのうえ"),
    ("木村", "きむら"),
    ("林", "はやし"),
    ("斎藤", "さいとう"),
    ("清水", "しみず"),
    ("山崎", "やまざき"),
    ("森", "もり"),
    ("池田", "いけだ"),
    ("橋本", "はしもと"),
    ("阿部", "あべ"),
    ("石川", "いしかわ"),
    ("山下", "やました"),
    ("中島", "なかじま"),
    ("石井", "いしい"),
    ("小川", "おがわ"),
]

GIVEN_NAMES = [
    ("太郎", "たろう"),
    ("花子", "はなこ"),
    ("健一", "けんいち"),
    ("美咲", "みさき"),
    ("翔太", "しょうた"),
    ("陽子", "ようこ"),
    ("大輔", "だいすけ"),
    ("恵", "めぐみ"),
    ("直樹", "なおき"),
    ("由美", "ゆみ"),
    ("誠", "まこと"),
    ("さくら", "さくら"),
    ("拓也", "たくや"),
    ("裕子", "ゆうこ"),
    ("和也", "かずや"),
    ("真由美", "まゆみ"),
    ("亮", "りょう"),
    ("智子", "ともこ"),
    ("浩二", "こうじ"),
    ("彩", "あや"),
]

STAFF_PER_SECTION = 3

# Named demo accounts: username → (section code, role names, job title, description)
DEMO_ACCOUNTS = {
    "demo": ("310", ["一般職員"], "主事", "一般職員（市民生活部市民課）"),
    "kacho": ("310", ["一般職員", "所属長"], "課長", "所属長（市民生活部市民課）"),
    "itdesk": (
        "130",
        ["一般職員", "情報システム担当"],
        "主査",
        "情報システム担当（総務部情報政策課）",
    ),
    "itlead": (
        "130",
        ["一般職員", "情報システム担当リーダー"],
        "係長",
        "情報システム担当リーダー（総務部情報政策課）",
    ),
    "jimukyoku": ("120", ["一般職員", "事務局"], "主査", "事務局（総務部行政管理課）"),
    "sysadmin": (
        "130",
        ["一般職員", "システム管理者"],
        "係長",
        "システム管理者（総務部情報政策課）",
    ),
}

# Sections whose 課長 is a named demo account: their generated staff have no
# 課長 of their own (a section has one head).
SECTIONS_HEADED_BY_A_DEMO_ACCOUNT = {
    code for code, _roles, title, _description in DEMO_ACCOUNTS.values() if title == "課長"
}
