"""What the demo city office can book, and the kinds of bookings its staff make.

Section codes are the demo directory's (intranet/demo/organisation.py):
総務課 (110) keeps the buildings and the official vehicles, 情報政策課 (130)
the projectors, PCs and cameras, 人事課 (140) the training room, and 市民課
(310) the consultation room beside its counter.
"""

import datetime

SOUMU, GYOUSEI, JOHO, JINJI = "110", "120", "130", "140"
ZAISEI, ZEIMU = "210", "220"
SHIMIN, HOKEN, KANKYO = "310", "320", "330"
FUKUSHI, KOUREI, KODOMO = "410", "420", "430"
TOSHI, DOURO = "510", "520"
KYOUIKU, GAKKOU = "610", "620"

FEATURES = ["プロジェクター", "TV会議", "ホワイトボード", "マイク"]

# building → [(floor, [room spec])]; a room: (name, capacity, features, owner, needs approval)
BUILDINGS = [
    (
        "本庁舎",
        [
            (
                "2階",
                [
                    ("第1会議室", 12, ["ホワイトボード"], SOUMU, False),
                    ("第2会議室", 12, ["プロジェクター", "ホワイトボード"], SOUMU, False),
                ],
            ),
            (
                "3階",
                [
                    ("第3会議室", 8, ["ホワイトボード"], SOUMU, False),
                    ("第4会議室", 16, ["プロジェクター", "ホワイトボード"], SOUMU, False),
                    (
                        "第5会議室",
                        20,
                        ["プロジェクター", "TV会議", "ホワイトボード"],
                        SOUMU,
                        False,
                    ),
                ],
            ),
            (
                "4階",
                [
                    ("大会議室", 80, ["プロジェクター", "TV会議", "マイク"], SOUMU, True),
                    ("庁議室", 24, ["プロジェクター", "TV会議", "マイク"], SOUMU, True),
                    ("応接室", 6, [], SOUMU, False),
                ],
            ),
        ],
    ),
    (
        "別館",
        [
            (
                "1階",
                [
                    ("市民相談室", 4, [], SHIMIN, True),
                    ("別館会議室A", 10, ["ホワイトボード"], SOUMU, False),
                    ("市民交流ホール", 120, ["プロジェクター", "マイク"], SOUMU, False),
                ],
            ),
            (
                "2階",
                [
                    ("研修室", 40, ["プロジェクター", "マイク", "ホワイトボード"], JINJI, False),
                    ("別館会議室B", 12, ["TV会議", "ホワイトボード"], SOUMU, False),
                ],
            ),
        ],
    ),
]

EQUIPMENT_LOCATION = "本庁舎3階 情報政策課"
EQUIPMENT = [
    "プロジェクター1号",
    "プロジェクター2号",
    "ノートPC 1号",
    "ノートPC 2号",
    "ノートPC 3号",
    "Webカメラ1号",
    "書画カメラ1号",
]

VEHICLE_LOCATION = "本庁舎 北側公用車駐車場"
VEHICLES = [
    ("公用車1号（なにわ 500 あ 12-34）", 5),
    ("公用車2号（なにわ 500 あ 56-78）", 8),
]
# 公用車 are shared: each person may book one for at most 8 hours a week.
VEHICLE_WEEKLY_QUOTA = datetime.timedelta(hours=8)

BLACKOUT_ROOM = "大会議室"
BLACKOUT_REASON = "空調設備点検"

# 庁内調整会議: every Monday at 10:00 in 第5会議室 (TV会議 for the branch offices).
WEEKLY_MEETING = {
    "title": "庁内調整会議",
    "purpose": "各部の主要事業の進捗と翌週の行事・議会日程を共有します。",
    "room": "第5会議室",
    "section": SOUMU,
    "start": datetime.time(10, 0),
    "minutes": 60,
    "attendees": 18,
}

# What staff book on ordinary days: (title, purpose, sections, rooms, minutes, attendees, extras)
# ``extras`` are equipment booked with the room, all or nothing.
MEETINGS = [
    ("課内会議", "今週の業務予定と懸案事項の確認。", None, ["第1会議室", "第3会議室"], 60, 6, []),
    (
        "係内打合せ",
        "申請書の処理状況と窓口対応の振り返り。",
        None,
        ["第3会議室", "別館会議室A"],
        30,
        4,
        [],
    ),
    (
        "事業者打合せ",
        "委託事業の進捗確認（受託事業者 2 名来庁）。",
        [TOSHI, DOURO, KANKYO, JOHO],
        ["第2会議室", "第4会議室"],
        90,
        6,
        [],
    ),
    ("面接", "会計年度任用職員の採用面接。", [JINJI], ["応接室", "第3会議室"], 30, 3, []),
    (
        "予算ヒアリング",
        "来年度予算要求の内容を財政課が聞き取ります。",
        [ZAISEI],
        ["第4会議室", "第2会議室"],
        60,
        8,
        [],
    ),
    (
        "オンライン説明会",
        "府主催の制度改正説明会にオンラインで参加します。",
        [HOKEN, FUKUSHI, KOUREI, ZEIMU],
        ["別館会議室B", "第5会議室"],
        90,
        6,
        ["Webカメラ1号"],
    ),
    (
        "ケース会議",
        "支援が必要な世帯について関係課で協議します。",
        [FUKUSHI, KOUREI, KODOMO],
        ["第3会議室", "別館会議室A"],
        60,
        5,
        [],
    ),
    (
        "学校訪問の打合せ",
        "2学期の学校訪問の日程と分担を決めます。",
        [KYOUIKU, GAKKOU],
        ["第1会議室", "第4会議室"],
        60,
        7,
        ["プロジェクター1号"],
    ),
]

TRAININGS = [
    ("情報セキュリティ研修", "標的型メールへの対応と情報資産の取り扱い。", JOHO, 120, 35),
    ("接遇研修", "窓口・電話応対の基本と事例演習。", JINJI, 120, 30),
    ("新任職員フォローアップ研修", "配属後半年の振り返りとグループ討議。", JINJI, 180, 24),
    ("文書事務研修", "公文書の起案・決裁と文書管理の実務。", SOUMU, 90, 28),
]

# Halls whose bookings are events open to residents: they go into the open-data
# event list (reservations/export.py), and nothing else does.
PUBLIC_EVENT_ROOMS = {"市民交流ホール"}

# Events for residents in those halls: (title, purpose, section, day index, start, minutes, count)
PUBLIC_EVENTS = [
    (
        "防災講演会「わが家の備え」",
        "地震と風水害に備える家庭の備蓄と避難の話。どなたでも参加できます。",
        SOUMU,
        4,
        datetime.time(14, 0),
        90,
        100,
    ),
    (
        "マイナンバーカード出張申請相談会",
        "カードの申請と電子証明書の更新を、その場で受け付けます。",
        SHIMIN,
        9,
        datetime.time(10, 0),
        180,
        40,
    ),
    (
        "子育て支援制度説明会",
        "児童手当、保育施設の利用申込みと一時預かりの案内。",
        KODOMO,
        14,
        datetime.time(10, 30),
        90,
        60,
    ),
]

TRIPS = [
    ("大阪府庁での協議", "府の担当課と補助金について協議。", "大阪府庁", [ZAISEI, TOSHI]),
    ("市内現地調査", "道路損傷の通報箇所を確認します。", "市内 西部地区", [DOURO, TOSHI]),
    ("高齢者施設訪問", "介護保険事業所の実地指導。", "市内 高齢者施設", [KOUREI]),
    ("不法投棄の現地確認", "通報のあった山林沿いの現地確認。", "市内 東部地区", [KANKYO]),
]

# Bookings that wait for a section head: (title, purpose, room, section, start, minutes, count)
REQUESTS = [
    (
        "窓口相談（予約制）",
        "住所異動に伴う手続の事前相談。",
        "市民相談室",
        SHIMIN,
        datetime.time(14, 0),
        60,
        2,
    ),
    (
        "議会前説明会",
        "定例会提出議案について各部長へ説明します。",
        "大会議室",
        GYOUSEI,
        datetime.time(13, 30),
        120,
        60,
    ),
    (
        "部長会議",
        "来年度の組織体制について協議します。",
        "庁議室",
        SOUMU,
        datetime.time(15, 0),
        90,
        14,
    ),
]
