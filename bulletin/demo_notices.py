# ruff: noqa: E501  (the demo notices are Japanese sentences, kept whole for reading)
"""The demo notices: a month of a city office's bulletin board, as data.

Dates are relative to the moment the demo is loaded (``ago`` days before
it; negative: scheduled), so the board always looks current; titles carry
no dates, since a notice is known by its title when the demo loads again. In a body,
``{d5}`` is the date five days after the notice was sent and ``{w5}`` the
first weekday on or after it (「12月2日（水）」), ``{s5}`` the first
Saturday on or after it; ``{ext}`` is the first
extension of the sending section and ``{ext1}`` the one after it, so the
numbers quoted are ones the demo directory has.

A body is a list of blocks: a string is a paragraph, a list a bulleted list.
"""

from typing import NamedTuple

# (name, ASCII slug, description, codes of the sections that may post: empty = anyone)
CATEGORIES = [
    ("全庁通知", "all-staff", "全職員に向けた通知・依頼・注意喚起。", ()),
    ("人事", "personnel", "人事異動、給与・手当、勤務時間、人事評価。", ("140",)),
    ("研修", "training", "職員研修の開催と受講者募集。", ()),
    (
        "システム停止・メンテナンス",
        "maintenance",
        "庁内システムとネットワークの停止、障害、保守作業。",
        ("130",),
    ),
    ("庁内行事", "events", "訓練、清掃、献血など庁内の行事。", ()),
    ("福利厚生", "welfare", "健康診断、互助会、職員の健康管理。", ("140",)),
]


class DemoNotice(NamedTuple):
    title: str
    category: str  # slug
    sender: str  # section code in intranet/demo/organisation.py
    ago: float  # days before now that it was sent; negative: scheduled
    body: list
    shown_days: int | None = None  # display period from the start; None: until withdrawn
    importance: str = "normal"  # urgent / important / normal
    pinned: bool = False
    confirm: bool = False  # 要確認
    audience: tuple = ()  # department codes; empty: all staff
    include_sections: bool = True  # the audience's sections too
    read: int = 0  # percent of the audience who have opened it
    confirmed: int = 0  # percent of those readers who have confirmed it
    demo: str = ""  # the demo login's own record: "unread", "read" or "" (like anyone else)
    revised: bool = False  # edited after sending (「更新」)


NOTICES = [
    # システム停止・メンテナンス (情報政策課)
    DemoNotice(
        "財務会計システムに接続できない障害について",
        "maintenance",
        "130",
        0.1,
        [
            "本日午前から、財務会計システムの起票画面が表示されない障害が発生しています。現在、保守業者と原因を調査しています。",
            "復旧までの間は、次のとおり対応してください。",
            [
                "支払期限が迫っている起票は、紙の支出命令書で財政課へ提出する",
                "システムへの再ログインを繰り返さない（アカウントがロックされます）",
                "復旧の連絡はこのお知らせを更新してお伝えします",
            ],
            "問い合わせ先：情報政策課 システム担当（内線 {ext}）",
        ],
        shown_days=3,
        importance="urgent",
        pinned=True,
        read=35,
        demo="unread",
    ),
    DemoNotice(
        "庁内ネットワーク機器更新に伴う全システムの停止について",
        "maintenance",
        "130",
        2,
        [
            "庁内ネットワークの基幹機器を更新するため、{w9}17時30分から翌朝8時まで、すべての庁内システムとインターネット接続を停止します。",
            [
                "停止中はメール、グループウェア、財務会計、文書管理、庶務事務の各システムが使えません",
                "作業中のファイルは 17時までに保存し、パソコンの電源を切って退庁してください",
                "時間外に業務を予定している所属は、{w5}までに情報政策課へ連絡してください",
            ],
            "内容を確認したら「確認しました」を押してください。",
            "問い合わせ先：情報政策課（内線 {ext1}）",
        ],
        shown_days=10,
        importance="important",
        confirm=True,
        read=70,
        confirmed=65,
        demo="unread",
        revised=True,
    ),
    DemoNotice(
        "グループウェアのバージョンアップについて（夜間作業）",
        "maintenance",
        "130",
        6,
        [
            "{d4}20時から22時まで、グループウェアのバージョンアップ作業を行います。作業中はスケジュールと設備予約が使えません。",
            "作業後、初回のログインに時間がかかることがあります。画面のデザインが一部変わりますが、操作方法は変わりません。",
        ],
        shown_days=8,
        read=55,
    ),
    DemoNotice(
        "文書管理システムの定期メンテナンスについて",
        "maintenance",
        "130",
        20,
        [
            "{w3}18時から21時まで、文書管理システムの定期メンテナンスを行います。",
            "メンテナンス中は起案、決裁、文書の検索ができません。決裁期限の近い文書は早めに処理してください。",
        ],
        shown_days=12,
        read=80,
    ),
    DemoNotice(
        "Windows 更新プログラムの適用と再起動のお願い",
        "maintenance",
        "130",
        9,
        [
            "今月の Windows 更新プログラムを配信しました。配信から 7 日以内にパソコンを再起動し、適用を完了してください。",
            [
                "作業中のファイルを保存してから再起動してください",
                "再起動後、画面右下の通知に「更新が完了しました」と表示されれば完了です",
                "再起動を何度求められても完了しないときは情報政策課へ連絡してください",
            ],
            "適用を終えたら「確認しました」を押してください。",
            "問い合わせ先：情報政策課（内線 {ext}）",
        ],
        shown_days=21,
        importance="important",
        confirm=True,
        read=85,
        confirmed=80,
    ),
    DemoNotice(
        "本庁舎 3階・4階の無線 LAN アクセスポイント交換工事について",
        "maintenance",
        "130",
        -3,
        [
            "本庁舎 3階と 4階の無線 LAN アクセスポイントを交換します。工事中は、該当フロアの会議室で無線 LAN がつながりにくくなります。",
            "会議でパソコンを使う所属は、有線 LAN のある会議室を予約してください。",
        ],
        shown_days=10,
    ),
    DemoNotice(
        "税務システム端末の入替作業について",
        "maintenance",
        "130",
        3,
        [
            "税務課の税務システム端末を新しい機種に入れ替えます。作業は{w4}と{w5}の 2 日間、閉庁後に行います。",
            [
                "入替の対象は窓口と執務室の端末です",
                "端末に保存したファイルは、作業の前日までに課の共有フォルダへ移してください",
            ],
            "問い合わせ先：情報政策課（内線 {ext1}）",
        ],
        shown_days=10,
        audience=("220",),
        include_sections=False,
        read=60,
    ),
    DemoNotice(
        "住民記録システム窓口端末の臨時停止について",
        "maintenance",
        "130",
        1,
        [
            "法改正に対応するプログラムを適用するため、{w3}17時15分以降、市民課の住民記録システム窓口端末を停止します。",
            "当日の時間外窓口では、証明書の発行ができません。市民からの問い合わせには翌開庁日の対応をご案内ください。",
            "窓口担当の職員は、内容を確認したら「確認しました」を押してください。",
        ],
        shown_days=5,
        importance="important",
        confirm=True,
        audience=("310",),
        include_sections=False,
        read=60,
        confirmed=50,
        demo="read",
    ),
    # 全庁通知
    DemoNotice(
        "本庁舎 2階 東側通路の立入制限について",
        "all-staff",
        "110",
        0.3,
        [
            "本庁舎 2階 東側通路の天井から漏水があり、安全が確認できるまで通路への立入りを制限しています。",
            "2階の各課へは西側の階段とエレベーターをご利用ください。来庁者の案内にもご協力をお願いします。",
            "問い合わせ先：総務課 庁舎管理担当（内線 {ext1}）",
        ],
        shown_days=2,
        importance="urgent",
        pinned=True,
        read=50,
    ),
    DemoNotice(
        "庁舎の電気設備点検に伴う休日の全館停電について",
        "all-staff",
        "110",
        4,
        [
            "法定の電気設備点検のため、{s10}8時から17時まで、本庁舎を全館停電します。",
            [
                "当日はエレベーター、空調、庁内システムが使えません",
                "休日に出勤を予定している所属は、{w7}までに総務課へ届け出てください",
                "冷蔵庫の中身など、停電で困るものは前日までに片付けてください",
            ],
            "内容を確認したら「確認しました」を押してください。",
            "問い合わせ先：総務課（内線 {ext}）",
        ],
        shown_days=14,
        importance="important",
        pinned=True,
        confirm=True,
        read=60,
        confirmed=55,
        demo="read",
    ),
    DemoNotice(
        "公用車の使用ルールの改正について",
        "all-staff",
        "110",
        15,
        [
            "公用車の使用ルールを改正しました。主な変更点は次のとおりです。",
            [
                "予約はイントラネットの「施設・備品予約」から行います",
                "使用後は走行距離と給油の有無を記録簿に記入してください",
                "車内での飲食は禁止です",
            ],
            "所属の職員へ周知のうえ、「確認しました」を押してください。",
        ],
        shown_days=30,
        confirm=True,
        read=75,
        confirmed=70,
    ),
    DemoNotice(
        "文書の保存年限の見直しについて",
        "all-staff",
        "120",
        25,
        [
            "文書管理規程の改正により、一部の文書の保存年限を見直しました。新しい文書分類表を共有フォルダに掲載しています。",
            "各所属の文書主任は、所属のファイル基準表を確認してください。",
        ],
        shown_days=20,
        confirm=True,
        read=90,
        confirmed=85,
    ),
    DemoNotice(
        "会議室の予約方法の変更について",
        "all-staff",
        "110",
        1,
        [
            "{w7}から、本庁舎の会議室の予約は紙の予約簿からイントラネットの「施設・備品予約」に変わります。",
            "すでに予約簿に記入している予約は、総務課がシステムへ移します。改めて予約する必要はありません。",
        ],
        shown_days=30,
        read=30,
    ),
    DemoNotice(
        "節電・省エネルギーの取組について",
        "all-staff",
        "330",
        8,
        [
            "市役所の温室効果ガス削減計画に基づき、引き続き節電にご協力をお願いします。",
            [
                "昼休みと退庁時は照明とパソコンのモニターを消す",
                "空調の設定温度を守る",
                "近くの階への移動には階段を使う",
            ],
        ],
        shown_days=60,
        read=45,
    ),
    DemoNotice(
        "個人情報の取扱いに関する自己点検の実施について",
        "all-staff",
        "120",
        10,
        [
            "個人情報の適正な取扱いを確認するため、全所属で自己点検を行います。",
            [
                "点検票は共有フォルダの「自己点検」にあります",
                "所属長が取りまとめ、{w14}までに行政管理課へ提出してください",
            ],
            "内容を確認したら「確認しました」を押してください。",
            "問い合わせ先：行政管理課（内線 {ext}）",
        ],
        shown_days=21,
        importance="important",
        confirm=True,
        read=65,
        confirmed=50,
    ),
    DemoNotice(
        "転入・転出の繁忙期における窓口応援について",
        "all-staff",
        "310",
        12,
        [
            "市民課の窓口は繁忙期に入り、待ち時間が長くなっています。各部の応援職員は、事前に決めた日程どおり窓口へお越しください。",
            "応援当日は、8時45分までに市民課の執務室へお集まりください。",
        ],
        shown_days=21,
        read=50,
    ),
    # 人事 (人事課)
    DemoNotice(
        "通勤手当の認定に係る現況確認について",
        "personnel",
        "140",
        7,
        [
            "通勤手当を受けている職員は、通勤経路と通勤方法の現況を確認し、庶務事務システムで届け出てください。",
            ["提出期限：{w10}", "経路や方法に変更がない職員も届出が必要です"],
            "内容を確認したら「確認しました」を押してください。",
            "問い合わせ先：人事課 給与担当（内線 {ext1}）",
        ],
        shown_days=21,
        importance="important",
        confirm=True,
        read=80,
        confirmed=60,
    ),
    DemoNotice(
        "人事評価（自己申告）の提出について",
        "personnel",
        "140",
        14,
        [
            "人事評価の自己申告を庶務事務システムで受け付けています。期末の振り返りを入力し、所属長へ提出してください。",
            "所属長は、提出された自己申告をもとに面談の日程を調整してください。",
        ],
        shown_days=21,
        confirm=True,
        read=70,
        confirmed=55,
    ),
    DemoNotice(
        "会計年度任用職員の募集について（庁内周知）",
        "personnel",
        "140",
        18,
        [
            "来年度の会計年度任用職員を募集します。募集要項は市のホームページに掲載しています。",
            "知人などから問い合わせがあったときは、人事課（内線 {ext}）をご案内ください。",
        ],
        shown_days=30,
        read=40,
    ),
    DemoNotice(
        "時間外勤務の事前命令の徹底について",
        "personnel",
        "140",
        22,
        [
            "時間外勤務は、所属長の事前の命令に基づいて行うものです。庶務事務システムで事前に申請し、命令を受けてから勤務してください。",
            "所属長は、職員の勤務時間の状況を毎週確認してください。",
        ],
        shown_days=30,
        importance="important",
        confirm=True,
        read=85,
        confirmed=75,
    ),
    DemoNotice(
        "人事異動の内示の日程について",
        "personnel",
        "140",
        -5,
        [
            "定期人事異動の内示を{w3}10時に行います。所属長は、内示書を人事課で受け取ってください。",
            "内示の内容は、発令まで所属外に漏らさないでください。",
        ],
        shown_days=10,
        importance="important",
    ),
    # 研修
    DemoNotice(
        "情報セキュリティ研修（eラーニング）の受講について",
        "training",
        "130",
        11,
        [
            "全職員を対象に、情報セキュリティ研修を eラーニングで実施します。所要時間は約 30 分です。",
            [
                "受講期限：{w21}",
                "イントラネットの「研修」メニューから受講できます",
                "最後の確認テストで 8 割以上正解すると修了です",
            ],
            "受講を終えたら「確認しました」を押してください。",
            "問い合わせ先：情報政策課（内線 {ext}）",
        ],
        shown_days=30,
        importance="important",
        confirm=True,
        read=60,
        confirmed=40,
        demo="read",
    ),
    DemoNotice(
        "新任係長研修の開催について",
        "training",
        "140",
        16,
        [
            "今年度に係長へ昇任した職員を対象に、新任係長研修を開催します。",
            [
                "日時：{w10}13時30分から17時",
                "会場：本庁舎 5階 大会議室",
                "内容：係の運営、部下の育成、業務の進め方",
            ],
            "対象者には所属長を通じて通知しています。",
        ],
        shown_days=20,
        read=45,
    ),
    DemoNotice(
        "文書事務研修（起案・決裁の基礎）の受講者募集",
        "training",
        "120",
        21,
        [
            "文書事務の基礎を学ぶ研修の受講者を募集します。採用 3 年目までの職員の受講をお勧めします。",
            "申込みは、庶務事務システムの研修申込みから行ってください。",
        ],
        shown_days=14,
        read=55,
    ),
    DemoNotice(
        "接遇研修（窓口対応）の開催について",
        "training",
        "140",
        5,
        [
            "窓口で市民と接する職員を対象に、接遇研修を開催します。",
            [
                "日時：{w12}9時30分から12時",
                "会場：本庁舎 5階 大会議室",
                "申込み：所属ごとに取りまとめ、{w7}までに人事課へ",
            ],
        ],
        shown_days=20,
        audience=("300", "400"),
        read=50,
    ),
    DemoNotice(
        "課税事務研修（新任者向け）の開催について",
        "training",
        "220",
        13,
        [
            "今年度に財務部へ配属された職員を対象に、課税事務の基礎研修を行います。",
            "会場は本庁舎 3階 税務課会議室です。資料は当日配付します。",
        ],
        shown_days=21,
        audience=("200",),
        read=70,
    ),
    DemoNotice(
        "コンプライアンス研修の開催について",
        "training",
        "120",
        -2,
        [
            "全職員を対象に、コンプライアンス研修を開催します。同じ内容を 3 回行いますので、都合のよい回に参加してください。",
            [
                "各回 60 分、会場は本庁舎 5階 大会議室",
                "参加できない職員は、後日公開する録画を視聴してください",
            ],
        ],
        shown_days=21,
    ),
    DemoNotice(
        "普通救命講習の受講者募集について",
        "training",
        "140",
        27,
        [
            "消防本部の協力により、普通救命講習を開催します。心肺蘇生と AED の使い方を学びます。",
            "定員は 30 名です。申込み多数の場合は、窓口職場の職員を優先します。",
        ],
        shown_days=20,
        read=60,
    ),
    # 庁内行事
    DemoNotice(
        "庁舎避難訓練の実施について",
        "events",
        "110",
        6,
        [
            "{w8}10時から、本庁舎で火災を想定した避難訓練を行います。",
            [
                "非常ベルが鳴ったら、放送の指示に従い屋外の避難場所へ移動してください",
                "窓口の職員は、来庁者の避難誘導を担当します",
                "訓練中も市民の来庁がありますので、窓口は最小限の人数で対応してください",
            ],
            "内容を確認したら「確認しました」を押してください。",
        ],
        shown_days=14,
        importance="important",
        confirm=True,
        read=55,
        confirmed=40,
    ),
    DemoNotice(
        "庁内一斉清掃の実施について",
        "events",
        "110",
        13,
        [
            "{w5}16時から、庁内一斉清掃を行います。各所属の執務室と、割り当てた共用部分の清掃をお願いします。",
            "清掃用具は各階の倉庫にあります。",
        ],
        shown_days=20,
        read=50,
    ),
    DemoNotice(
        "献血の実施について（本庁舎前）",
        "events",
        "410",
        9,
        [
            "{w4}10時から16時まで、本庁舎前に献血バスが来ます。職員の皆さんのご協力をお願いします。",
            "受付は本庁舎 1階 市民ホールで行います。",
        ],
        shown_days=8,
        read=65,
    ),
    # 福利厚生 (人事課)
    DemoNotice(
        "職員定期健康診断の日程について",
        "welfare",
        "140",
        17,
        [
            "職員定期健康診断を、本庁舎 5階 大会議室で行います。所属ごとの受診日時は共有フォルダの日程表で確認してください。",
            [
                "受診日の前夜 9時以降は飲食をしないでください",
                "問診票は事前に記入して持参してください",
                "指定日に受診できない職員は、人事課 厚生担当（内線 {ext1}）へ連絡してください",
            ],
        ],
        shown_days=30,
        confirm=True,
        read=70,
        confirmed=60,
    ),
    DemoNotice(
        "ストレスチェックの実施について",
        "welfare",
        "140",
        2,
        [
            "労働安全衛生法に基づき、ストレスチェックを実施します。庶務事務システムから回答してください（所要時間 約 10 分）。",
            "回答の内容は、本人の同意なく所属長や人事課に伝わることはありません。",
        ],
        shown_days=21,
        read=25,
    ),
    DemoNotice(
        "職員互助会 保養施設利用補助の申請について",
        "welfare",
        "140",
        24,
        [
            "職員互助会の会員が指定の保養施設に宿泊したときの利用補助を受け付けています。",
            "申請書は共有フォルダの「互助会」にあります。宿泊の翌月末までに提出してください。",
        ],
        shown_days=60,
        read=30,
    ),
]
