"""The demo's mistakes and near misses, as staff write them (used by ``incidents.demo``).

Each ``Scenario`` is one kind of mistake; its ``Variant``s are the times it
happened in a section of the demo directory (``intranet/demo/organisation.py``).
Texts are plain text with ``{placeholders}`` filled from the variant's
``values``; a title is unique within its department, which is how the loader
knows a report is already there. ``public_*`` texts are the office's redacted
version for a published case (general wording, nothing that points to a
resident); where one is missing the report's own text is published.
"""

from dataclasses import dataclass, field

from .models import Place, RuleAxis

MISSEND = "誤送付・誤交付"
LOST = "紛失"
INPUT = "入力・計算誤り"
EXPLAIN = "説明誤り"
DEADLINE = "期限徒過"
LEAK = "情報漏えいのおそれ"
SYSTEM = "システム操作"
OTHER = "その他"


@dataclass(frozen=True)
class Variant:
    department: str  # section code in the demo directory
    level: int
    values: dict = field(default_factory=dict)
    residents: int = 0  # residents affected (0: none)
    publish: bool = False  # one of the dozen published cases
    anonymous: bool | None = None  # None: drawn by the loader (about one in five)
    reporter: str = ""  # the login who writes it (a demo login); empty: drawn by the loader
    # The one report of a kind the demo needs: "overdue", "returned", "question",
    # "resent" (sent back once, corrected, then through), "question" (the office asked and
    # the reporter answered), "asked" (a question not yet answered), "attachment",
    # "public_attachment" (a file published with the case).
    role: str = ""


@dataclass(frozen=True)
class Scenario:
    title: str
    category: str
    place: str
    rule_axis: str
    what: str
    why: tuple
    action: str
    prevention: str
    lessons: str
    variants: tuple
    public_title: str = ""
    public_what: str = ""


SCENARIOS = (
    Scenario(
        title="{doc}の誤送付",
        category=MISSEND,
        place=Place.POST,
        rule_axis=RuleAxis.NOT_FOLLOWED,
        what=(
            "{doc}を封入する際、別の世帯あての{doc}を同じ封筒に入れて発送した。"
            "受け取った方から「ほかの人の{paper}が入っている」と電話があり判明した。"
        ),
        why=(
            "封入後の宛名と通知書の照合を一人で行った。",
            "発送件数が多く、二人で確認する手順を省いた。",
            "繁忙期の作業量に合わせた人員配置になっていなかった。",
        ),
        action=(
            "受け取った方を訪問して誤って届いた{doc}を回収し、おわびした。"
            "本来の宛先の方にも事情を説明し、正しい{doc}をお届けした。"
        ),
        prevention=(
            "封入は二人一組とし、宛名と中身の番号を声に出して照合する。"
            "窓あき封筒を使い、封入後に宛名が見えることを確かめる。"
        ),
        lessons="封入作業は件数が多い時期ほど誤りが起きやすい。忙しいときこそ二人確認を省かない。",
        public_what=(
            "{doc}を封入する際、別の世帯あての{paper}を同じ封筒に入れて発送した。"
            "受け取った方からの連絡で判明した。"
        ),
        variants=(
            Variant(
                "220",
                3,
                {"doc": "固定資産税の納税通知書", "paper": "通知"},
                residents=2,
                publish=True,
                role="public_attachment",
            ),
            Variant("320", 3, {"doc": "国民健康保険税の納税通知書", "paper": "通知"}, residents=2),
            Variant(
                "310",
                3,
                {"doc": "郵送請求の住民票の写し", "paper": "住民票"},
                residents=2,
                role="overdue",
            ),
        ),
    ),
    Scenario(
        title="発送前の照合で見つかった{doc}の封入誤り",
        category=MISSEND,
        place=Place.POST,
        rule_axis=RuleAxis.FOLLOWED,
        what=(
            "{doc}の発送準備で、封入後の抜き取り確認をしたところ、"
            "宛名と中身の通知書が一致しない封筒が{n}通見つかった。発送前だったため住民への影響はない。"
        ),
        why=(
            "印刷した通知書の順番と封筒の順番が途中から一つずれていた。",
            "印刷の途中で紙詰まりが起き、再印刷した分を手で差し込んだ。",
            "再印刷した後に並び順を確かめる手順が決まっていなかった。",
        ),
        action="同じ日に封入した分をすべて開封し、宛名と通知書を一通ずつ照合し直してから発送した。",
        prevention=(
            "再印刷をしたときは、その前後の束を必ず照合し直すことを手順書に加えた。"
            "封入後の抜き取り確認は引き続き全束で行う。"
        ),
        lessons="抜き取り確認が誤送付を防いだ。紙詰まりなど作業が途切れたときが誤りの入口になる。",
        variants=(
            Variant("220", 0, {"doc": "住民税の税額決定通知書", "n": "3"}, publish=True),
            Variant("320", 0, {"doc": "国民健康保険の資格確認書", "n": "2"}),
            Variant("420", 0, {"doc": "介護保険の負担割合証", "n": "1"}),
            Variant("430", 0, {"doc": "児童手当の支給決定通知書", "n": "2"}),
            Variant("410", 0, {"doc": "障害福祉サービスの受給者証", "n": "1"}),
            Variant("620", 0, {"doc": "就学援助の認定通知書", "n": "1"}),
        ),
    ),
    Scenario(
        title="窓口での本人確認漏れ（{doc}）",
        category=MISSEND,
        place=Place.COUNTER,
        rule_axis=RuleAxis.NOT_FOLLOWED,
        what=(
            "窓口で{doc}を交付する際、本人確認書類を確認しないまま交付した。"
            "閉庁後の交付記録の点検で、確認欄が空白であることに気づいた。"
            "翌日、申請した本人に交付されたことを電話で確かめた。"
        ),
        why=(
            "窓口が混み合い、待っている方を早く案内しようと急いだ。",
            "申請書を受け取った職員と交付した職員が別で、確認済みだと思い込んだ。",
            "確認したかどうかが申請書の上で一目でわかる印がなかった。",
        ),
        action="交付先が本人であったことを確かめ、課内で状況を共有した。",
        prevention=(
            "本人確認をしたら申請書の確認欄に必ず印を付け、印のない申請書は交付しない。"
            "受付と交付の職員が別のときは、交付する職員がもう一度確認する。"
        ),
        lessons="「誰かが確認したはず」という思い込みが一番危ない。確認は記録に残して引き継ぐ。",
        variants=(
            Variant("310", 1, {"doc": "住民票の写し"}, publish=True),
            Variant("220", 1, {"doc": "課税証明書"}),
            Variant("320", 1, {"doc": "国民健康保険の資格確認書"}),
            Variant("430", 1, {"doc": "児童扶養手当の証書"}),
        ),
    ),
    Scenario(
        title="住民票の写しの誤交付",
        category=MISSEND,
        place=Place.COUNTER,
        rule_axis=RuleAxis.NOT_FOLLOWED,
        what=(
            "住民票の写しの請求を受け、同じ姓で生年の近い別の方の住民票の写しを交付した。"
            "帰宅後に内容を確かめた請求者から連絡があり判明した。"
        ),
        why=(
            "検索結果の一覧から、氏名だけを見て対象者を選んだ。",
            "生年月日と住所を請求書と照合する手順を省いた。",
            "同じ姓の方が多い地区で、検索結果が複数出ることへの注意が共有されていなかった。",
        ),
        action=(
            "請求者を訪問して誤って交付した写しを回収し、正しい写しをお渡しした。"
            "写しを誤って交付された方にも事情を説明し、おわびした。"
        ),
        prevention=(
            "検索結果が複数出たときは、生年月日と住所を請求書と指で差して照合する。"
            "交付前に別の職員が請求書と写しを見比べる二重確認を行う。"
        ),
        lessons="氏名だけで人を選ばない。検索結果が複数あるときは必ず三つの項目で照合する。",
        public_what=(
            "住民票の写しの請求を受け、同じ姓の別の方の写しを交付した。請求者からの連絡で判明した。"
        ),
        variants=(Variant("310", 3, residents=2, publish=True),),
    ),
    Scenario(
        title="同じ姓の方の{doc}を交付しかけた",
        category=MISSEND,
        place=Place.COUNTER,
        rule_axis=RuleAxis.FOLLOWED,
        what=(
            "{doc}を交付する直前、別の職員が請求書と見比べたところ、"
            "同じ姓の別の方の{doc}を出力していたことに気づいた。交付前に正しいものを出力し直した。"
        ),
        why=(
            "検索画面で一覧の一番上に出た方を選んだ。",
            "同じ姓の方が複数いることを画面で見落とした。",
        ),
        action="正しい方の{doc}を出力し直して交付した。誤って出力した分はその場で細断した。",
        prevention="検索結果が複数件のときは画面に注意表示が出るよう、システムの設定を依頼した。",
        lessons="交付前の二重確認が働いた例。一覧の一番上が目的の人とは限らない。",
        variants=(
            Variant("310", 0, {"doc": "戸籍の全部事項証明書"}),
            Variant("220", 0, {"doc": "所得証明書"}),
            Variant("320", 0, {"doc": "国民年金の加入記録"}),
            Variant("310", 0, {"doc": "印鑑登録証明書"}),
        ),
    ),
    Scenario(
        title="入力誤りによる{kind}の過大{pay}",
        category=INPUT,
        place=Place.SYSTEM,
        rule_axis=RuleAxis.NOT_FOLLOWED,
        what=(
            "{kind}の{pay}額を計算する際、申告書の金額を一桁多く入力し、"
            "本来より多い額を{pay}した。翌月の点検で金額の差に気づいた。"
        ),
        why=(
            "申告書の数字が手書きで読みにくく、桁を読み違えた。",
            "入力後の読み合わせを、入力した本人が一人で行った。",
            "金額が大きく変わったときに警告する仕組みがなかった。",
        ),
        action="対象の方に事情を説明しておわびし、差額の返納をお願いした。返納の方法と期限を書面でお知らせした。",
        prevention=(
            "金額の入力は別の職員が申告書と読み合わせる。"
            "前年と比べて大きく変わった額を一覧にして、支出前に確かめる。"
        ),
        lessons="入力した本人の見直しでは桁の誤りに気づきにくい。必ず別の目で確かめる。",
        public_what=(
            "{kind}の{pay}額の計算で、申告書の金額を一桁多く入力し、本来より多い額を{pay}した。"
            "翌月の点検で判明した。"
        ),
        variants=(
            Variant("220", 3, {"kind": "市民税", "pay": "還付"}, residents=1, publish=True),
            Variant("430", 2, {"kind": "児童手当", "pay": "支給"}, residents=1),
            Variant("420", 2, {"kind": "介護保険の高額介護サービス費", "pay": "支給"}, residents=1),
        ),
    ),
    Scenario(
        title="期限徒過による延滞金の誤算定（{kind}）",
        category=INPUT,
        place=Place.SYSTEM,
        rule_axis=RuleAxis.NO_RULE,
        what=(
            "{kind}の延滞金を計算する際、納期限が休日だったため翌開庁日に延びていたことを考えず、"
            "元の納期限から計算した。本来より多い延滞金を記載した納付書を送付した。"
        ),
        why=(
            "納期限が休日に当たるときの扱いを、延滞金の計算表に反映していなかった。",
            "計算表は前任者が作ったもので、計算の前提が文書になっていなかった。",
            "延滞金の計算を点検する手順が決まっていなかった。",
        ),
        action="対象の方に連絡しておわびし、正しい金額の納付書を送り直した。",
        prevention="計算表に休日の扱いを組み込み、計算の前提を手順書に書いた。延滞金のある納付書は発送前に別の職員が検算する。",
        lessons="自作の計算表は前提が見えなくなる。作った人が異動しても使えるよう、前提を書き残す。",
        variants=(
            Variant("220", 2, {"kind": "固定資産税"}, residents=1, publish=True),
            Variant("320", 2, {"kind": "国民健康保険税"}, residents=1),
        ),
    ),
    Scenario(
        title="マイナンバーカード交付時の取り違え",
        category=MISSEND,
        place=Place.COUNTER,
        rule_axis=RuleAxis.NOT_FOLLOWED,
        what=(
            "マイナンバーカードの交付窓口で、続けて来庁した別の方のカードを取り違えて交付した。"
            "次の方のカードが見当たらず確認したところ判明した。"
            "交付を受けた方にすぐ連絡し、その日のうちにカードを回収した。"
        ),
        why=(
            "交付の準備で、二人分のカードを同時にトレーに出していた。",
            "交付の際、カードの顔写真と来庁者を照合する手順を省いた。",
            "交付予約が集中する時間帯に、準備と交付を一人で行っていた。",
        ),
        action=(
            "カードを回収し、両方の方におわびした。カードが使われていないことを確かめ、"
            "国の窓口に報告した。"
        ),
        prevention=(
            "カードは一人分ずつ準備し、トレーには一枚しか置かない。"
            "交付の際は顔写真と本人を照合し、氏名を読み上げてもらう。予約の多い時間帯は二人で対応する。"
        ),
        lessons="一度に一人分しか手元に置かない、が取り違えを防ぐ一番の方法。",
        public_what=(
            "マイナンバーカードの交付窓口で、別の方のカードを取り違えて交付した。"
            "同じ日のうちに判明し、カードを回収した。"
        ),
        variants=(Variant("310", 4, residents=2, publish=True),),
    ),
    Scenario(
        title="交付前に見つかったマイナンバーカードの暗証番号設定票の取り違え",
        category=MISSEND,
        place=Place.COUNTER,
        rule_axis=RuleAxis.FOLLOWED,
        what=(
            "マイナンバーカードの交付準備で、カードと暗証番号設定票の組み合わせが"
            "入れ替わっていることに、交付前の照合で気づいた。"
        ),
        why=(
            "前日に準備した分を、並べ替えた後にまとめてクリップで留めた。",
            "準備した人と交付する人が別で、並べ替えたことが伝わっていなかった。",
        ),
        action="その日の交付分をすべて照合し直した。",
        prevention="準備した分は一人分ずつ封筒に入れ、並べ替えをしない。",
        lessons="交付前の照合が取り違えを止めた。準備の段階でも一人分ずつ分けておく。",
        variants=(Variant("310", 0),),
    ),
    Scenario(
        title="メール誤送信（宛先のBCC漏れ）{note}",
        category=LEAK,
        place=Place.MAIL,
        rule_axis=RuleAxis.NOT_FOLLOWED,
        what=(
            "{who}あてに{subject}をメールで送る際、BCCに入れるべき宛先をTOに入れて送信し、"
            "{n}人分のメールアドレスが受信した全員に見える状態になった。"
        ),
        why=(
            "前回送ったメールを転送して使い、宛先欄をそのまま使った。",
            "送信前に宛先欄を確かめる手順はあったが、急いでいて省いた。",
            "複数の外部の方に送るときにBCCを使う決まりが、メールソフトの設定で守られるようになっていなかった。",
        ),
        action="受信した全員に、おわびとメールの削除のお願いを送った。課長と情報政策課に報告した。",
        prevention=(
            "外部の複数の方に送るメールは一斉送信の仕組みを使い、個人のメールソフトからは送らない。"
            "送信前に宛先欄を別の職員と確かめる。"
        ),
        lessons="BCCの漏れは一度の送信で全員に広がる。外部の方への一斉送信は、人の注意ではなく仕組みで防ぐ。",
        public_what=(
            "{who}あてのメールで、BCCに入れるべき宛先をTOに入れて送信し、"
            "受信した全員にほかの方のメールアドレスが見える状態になった。"
        ),
        variants=(
            Variant(
                "330",
                3,
                {"note": "", "who": "環境講座の参加者", "subject": "次回の講座の案内", "n": "28"},
                residents=28,
                publish=True,
            ),
            Variant(
                "620",
                1,
                {
                    "note": "（学校あて）",
                    "who": "市内の小中学校の担当者",
                    "subject": "研修会の案内",
                    "n": "15",
                },
            ),
            Variant(
                "140",
                3,
                {
                    "note": "（受験者あて）",
                    "who": "採用試験の受験者",
                    "subject": "二次試験の日程",
                    "n": "12",
                },
                residents=12,
            ),
        ),
    ),
    Scenario(
        title="送信前に気づいたメールの宛先誤り（{subject}）",
        category=LEAK,
        place=Place.MAIL,
        rule_axis=RuleAxis.FOLLOWED,
        what=(
            "{subject}を送る際、宛先の自動補完で名前の似た別のアドレスが入っていた。"
            "送信前の宛先確認で気づき、送信しなかった。"
        ),
        why=(
            "宛先を数文字入力して、自動補完の候補をそのまま選んだ。",
            "似たアドレスが候補に並ぶことを知らなかった。",
        ),
        action="正しい宛先に直して送信した。",
        prevention="外部に送るメールは、送信前に宛先を声に出して読み上げる。自動補完の履歴を定期的に消す。",
        lessons="送信前の一呼吸が効いた。自動補完は便利だが、似た名前が並ぶ。",
        variants=(
            Variant("110", 0, {"subject": "委託業者への仕様書の送付"}),
            Variant("130", 0, {"subject": "システム保守業者への障害報告"}),
            Variant("510", 0, {"subject": "設計事務所への図面の送付"}),
            Variant("210", 0, {"subject": "県への予算資料の提出"}),
        ),
    ),
    Scenario(
        title="庁外での書類紛失（{doc}）",
        category=LOST,
        place=Place.OUTSIDE,
        rule_axis=RuleAxis.NOT_FOLLOWED,
        what=("{visit}の後、持ち出した{doc}が{n}枚足りないことに帰庁後に気づいた。{found}"),
        why=(
            "書類を紙ばさみに挟んだだけで、鍵のかかるかばんに入れていなかった。",
            "持ち出す書類の枚数を出発前と帰庁後に数える決まりがあったが、行っていなかった。",
            "持ち出す書類を必要な分だけに絞っていなかった。",
        ),
        action="{action}",
        prevention=(
            "持ち出す書類は必要な分だけにし、持ち出し簿に枚数を書く。"
            "庁外では鍵のかかるかばんに入れ、帰庁後すぐに枚数を確かめる。"
        ),
        lessons="庁外に出た書類は戻るまで数える。持ち出さないで済むなら持ち出さない。",
        variants=(
            Variant(
                "420",
                3,
                {
                    "visit": "要介護認定の訪問調査",
                    "doc": "調査票",
                    "n": "1",
                    "found": "訪問先と公用車を探したが見つかっていない。",
                    "action": "訪問先と経路、公用車を探し、警察に遺失物の届けを出した。"
                    "対象の方に事情を説明しておわびした。",
                },
                residents=1,
                role="question",
            ),
            Variant(
                "520",
                1,
                {
                    "visit": "道路の現地立会い",
                    "doc": "境界の確認図面",
                    "n": "2",
                    "found": "翌日、立会いの現場近くで通行中の方が拾い、届けてくださった。",
                    "action": "図面を受け取り、届けてくださった方にお礼を伝えた。",
                },
            ),
        ),
    ),
    Scenario(
        title="電話での説明誤り（{topic}）",
        category=EXPLAIN,
        place=Place.PHONE,
        rule_axis=RuleAxis.NO_RULE,
        what="{topic}について電話で問い合わせを受け、{wrong}と説明した。{found}",
        why=(
            "制度の改正を知っていたが、古い説明メモを見ながら答えた。",
            "説明メモが改正後に直されていなかった。",
            "よくある問い合わせの説明を誰が直すか決まっていなかった。",
        ),
        action="問い合わせた方に電話で訂正しておわびし、正しい内容を説明した。",
        prevention="よくある問い合わせの説明メモを課の共有フォルダにまとめ、制度が変わったときに直す担当を決めた。",
        lessons="古いメモは誤りの元。説明の元になる資料は一か所にまとめ、直す人を決めておく。",
        variants=(
            Variant(
                "320",
                1,
                {
                    "topic": "国民健康保険の加入手続きの期限",
                    "wrong": "会社を辞めてから一か月以内でよい",
                    "found": "後日、課内の打合せで本来は十四日以内であることに気づいた。",
                },
                residents=1,
                publish=True,
            ),
            Variant(
                "220",
                1,
                {
                    "topic": "口座振替の開始時期",
                    "wrong": "申込みの翌月から振替になる",
                    "found": (
                        "申込みの時期によっては翌々月からになることを、申込書の処理中に気づいた。"
                    ),
                },
                residents=1,
            ),
            Variant(
                "430",
                2,
                {
                    "topic": "保育所の入所申込みの締切",
                    "wrong": "月末まで受け付ける",
                    "found": "締切は月の十日で、月末に申込みに来た方の話から判明した。",
                },
                residents=1,
            ),
            Variant(
                "510",
                1,
                {
                    "topic": "建築確認の申請窓口",
                    "wrong": "市の窓口で受け付ける",
                    "found": "申請は県の窓口であることを、来庁した方の話から気づいた。",
                },
                residents=1,
            ),
            Variant(
                "620",
                1,
                {
                    "topic": "就学援助の申請に必要な書類",
                    "wrong": "所得証明書がいる",
                    "found": "市で確認できるため不要であることを、翌日の課内の確認で気づいた。",
                },
                residents=1,
                role="attachment",
            ),
        ),
    ),
    Scenario(
        title="窓口での説明誤り（{topic}）",
        category=EXPLAIN,
        place=Place.COUNTER,
        rule_axis=RuleAxis.FOLLOWED,
        what="{topic}について窓口で説明した際、{wrong}と案内した。{found}",
        why=(
            "似た制度と混同した。",
            "窓口で手元の案内文を確かめずに答えた。",
        ),
        action="来庁した方に連絡して訂正し、おわびした。",
        prevention="案内文を窓口に置き、説明の前に確かめる。迷ったときは「確認してお答えします」と伝える。",
        lessons="即答よりも正確さ。確認してから答えても、住民の方は待ってくださる。",
        variants=(
            Variant(
                "310",
                1,
                {
                    "topic": "転出届に必要なもの",
                    "wrong": "マイナンバーカードがあれば印鑑が必要",
                    "found": "実際には不要で、後で先輩職員に指摘された。",
                },
                residents=1,
                reporter="demo",
                anonymous=False,
                role="returned",
            ),
            Variant(
                "410",
                1,
                {
                    "topic": "障害者手帳の再交付",
                    "wrong": "写真は不要",
                    "found": "写真が必要で、申請書の点検で気づいた。",
                },
                residents=1,
                role="asked",
            ),
            Variant(
                "330",
                0,
                {
                    "topic": "粗大ごみの出し方",
                    "wrong": "申込みは不要",
                    "found": "説明の途中で隣の職員が気づき、その場で訂正した。",
                },
            ),
        ),
    ),
    Scenario(
        title="システムの操作誤りによる二重登録（{what}）",
        category=SYSTEM,
        place=Place.SYSTEM,
        rule_axis=RuleAxis.NO_RULE,
        what=(
            "{what}をシステムに登録する際、画面の反応が遅かったため登録ボタンを二度押し、"
            "同じ内容が二件登録された。{found}"
        ),
        why=(
            "画面が固まったように見え、押されていないと思った。",
            "二重登録を防ぐ確認がシステムになかった。",
            "登録後に一覧で件数を確かめる習慣がなかった。",
        ),
        action="重複した一件を取り消し、取消の記録を残した。",
        prevention="登録ボタンは一度だけ押し、画面が変わるまで待つことを課内で共有した。二重登録を防ぐ確認の追加を情報政策課に依頼した。",
        lessons="画面が遅いときほど待つ。システムで防げることはシステムで防ぐよう依頼する。",
        variants=(
            Variant(
                "310",
                1,
                {"what": "転入届", "found": "翌日の日次点検で重複に気づいた。"},
                publish=True,
            ),
            Variant(
                "320", 1, {"what": "国民健康保険の資格取得", "found": "月末の点検で気づいた。"}
            ),
            Variant("420", 0, {"what": "要介護認定の申請", "found": "登録直後に一覧で気づいた。"}),
            Variant("140", 0, {"what": "時間外勤務の実績", "found": "本人からの指摘で気づいた。"}),
            Variant("210", 1, {"what": "支出負担行為", "found": "支払前の審査で気づいた。"}),
        ),
    ),
    Scenario(
        title="{doc}の処理の遅れ",
        category=DEADLINE,
        place=Place.OTHER,
        rule_axis=RuleAxis.NOT_FOLLOWED,
        what="{doc}を受け付けた後、処理が止まったまま{days}日が過ぎ、{effect}",
        why=(
            "受け付けた書類を個人の机に置いたままにし、処理の進み具合を管理する表に載せていなかった。",
            "担当者が休みの間、代わりに処理する人が決まっていなかった。",
            "処理の期限が近い書類を知らせる仕組みがなかった。",
        ),
        action="すぐに処理を行い、関係する方に事情を説明しておわびした。",
        prevention="受け付けた書類はその日のうちに管理表に載せ、週に一度、係長が期限の近いものを確かめる。",
        lessons="机の上の書類は誰にも見えない。受け付けたら必ず共有の管理表に載せる。",
        variants=(
            Variant(
                "430",
                2,
                {
                    "doc": "児童手当の認定請求",
                    "days": "二十",
                    "effect": "支給の開始が一か月遅れた。",
                },
                residents=1,
                role="resent",
            ),
            Variant(
                "210",
                2,
                {
                    "doc": "委託料の請求書",
                    "days": "四十",
                    "effect": "支払期限を過ぎ、遅延利息を支払うことになった。",
                },
                publish=True,
            ),
            Variant(
                "510",
                1,
                {
                    "doc": "開発行為の事前相談の回答",
                    "days": "三十",
                    "effect": "約束した回答の期限を過ぎた。",
                },
            ),
        ),
    ),
    Scenario(
        title="FAXの誤送信（{to}）",
        category=LEAK,
        place=Place.MAIL,
        rule_axis=RuleAxis.NOT_FOLLOWED,
        what="{to}に{doc}をFAXで送る際、短縮番号を押し間違え、別の事業所に送信した。{found}",
        why=(
            "短縮番号の一覧が古く、番号が一つずれていた。",
            "送信前に送信先の表示を確かめなかった。",
            "個人の情報を含む書類をFAXで送ることが続いていた。",
        ),
        action="送信先の事業所に連絡し、受け取った書類を廃棄していただいたことを確かめた。",
        prevention="短縮番号の一覧を直した。個人の情報を含む書類はFAXで送らず、郵送か手渡しにする。",
        lessons="FAXは送った先で誰が見るかわからない。個人の情報はFAXで送らないのが一番の対策。",
        variants=(
            Variant(
                "420",
                1,
                {
                    "to": "介護事業所",
                    "doc": "サービス利用の連絡票",
                    "found": "受け取った事業所からの電話で判明した。",
                },
                residents=1,
            ),
            Variant(
                "410",
                0,
                {
                    "to": "相談支援事業所",
                    "doc": "会議の日程表",
                    "found": "送信直後に表示を見て気づいた。個人の情報は含まれていなかった。",
                },
            ),
        ),
    ),
    Scenario(
        title="共有フォルダへの個人情報ファイルの誤保存",
        category=LEAK,
        place=Place.SYSTEM,
        rule_axis=RuleAxis.NOT_FOLLOWED,
        what=("{file}を、課内だけが見られるフォルダではなく全庁の共有フォルダに保存した。{found}"),
        why=(
            "二つのフォルダの名前が似ていて、保存先を取り違えた。",
            "個人の情報を含むファイルの保存先を確かめる手順がなかった。",
        ),
        action="ファイルを課内のフォルダに移し、共有されていた間の閲覧記録を情報政策課に確かめてもらった。",
        prevention="全庁の共有フォルダの名前を見分けやすく変えた。個人の情報を含むファイルにはパスワードを付ける。",
        lessons="保存の一操作で全庁に公開される。保存先の名前を読んでから保存する。",
        variants=(
            Variant(
                "140",
                1,
                {
                    "file": "職員の健康診断の日程表",
                    "found": "二日後、別の課の職員から連絡があり判明した。閲覧の記録はなかった。",
                },
                anonymous=True,
                role="question",
            ),
        ),
    ),
    Scenario(
        title="公印の押し忘れ（{doc}）",
        category=OTHER,
        place=Place.POST,
        rule_axis=RuleAxis.FOLLOWED,
        what="{doc}に公印を押さないまま発送した。{found}",
        why=(
            "公印の押印を決裁後にまとめて行うことにしていた。",
            "押印済みかどうかを発送前に確かめる一覧がなかった。",
        ),
        action="押印した文書を送り直し、先方におわびした。",
        prevention="発送前の確認表に押印の欄を設けた。",
        lessons="後でまとめて、は抜けが出る。確認表で一件ずつ消し込む。",
        variants=(
            Variant(
                "110",
                1,
                {"doc": "審議会委員への委嘱状", "found": "受け取った委員からの連絡で判明した。"},
            ),
            Variant("610", 0, {"doc": "学校への通知文", "found": "発送前の確認で気づいた。"}),
        ),
    ),
    Scenario(
        title="記録媒体の持ち出し手続き漏れ",
        category=LOST,
        place=Place.OUTSIDE,
        rule_axis=RuleAxis.NOT_FOLLOWED,
        what=(
            "研修の資料を入れたUSBメモリを、持ち出しの申請をしないまま庁外の会場に持ち出した。"
            "帰庁後の点検で申請がないことがわかった。USBメモリは手元にあり、個人の情報は入っていなかった。"
        ),
        why=(
            "個人の情報が入っていないので申請は要らないと思い込んだ。",
            "持ち出しの決まりがすべての記録媒体に当てはまることが伝わっていなかった。",
        ),
        action="事後に持ち出しの申請をし、中身を確かめた。",
        prevention="持ち出しの決まりを課内で読み合わせた。研修の資料は共有のクラウドに置き、記録媒体を使わない。",
        lessons="決まりの例外を自分で決めない。記録媒体は中身にかかわらず申請する。",
        variants=(Variant("130", 0), Variant("610", 0)),
    ),
    Scenario(
        title="{thing}の誤掲載",
        category=LEAK,
        place=Place.SYSTEM,
        rule_axis=RuleAxis.NO_RULE,
        what="{thing}を市のホームページに掲載した際、{wrong}。{found}",
        why=(
            "元の表計算ファイルの非表示の列に、個人の情報が残っていた。",
            "掲載前にファイルの中身をすべて確かめる手順がなかった。",
        ),
        action="すぐにファイルを削除し、個人の情報を除いたファイルを掲載し直した。",
        prevention="掲載するファイルはPDFに変換してから中身を確かめる。掲載前に別の職員が確認する。",
        lessons="表計算ファイルには見えない列やシートがある。掲載はPDFにしてから。",
        variants=(
            Variant(
                "330",
                1,
                {
                    "thing": "地域清掃活動の参加団体の一覧",
                    "wrong": "非表示の列に代表者の連絡先が残ったまま掲載した",
                    "found": "掲載から半日後、課内の点検で気づいた。",
                },
            ),
            Variant(
                "520",
                0,
                {
                    "thing": "道路工事のお知らせ",
                    "wrong": "掲載前の確認で、非表示の列に地権者の連絡先が残っているのが見つかった",
                    "found": "掲載前だったため外部への影響はない。",
                },
            ),
        ),
    ),
    Scenario(
        title="{item}の入力誤り",
        category=INPUT,
        place=Place.SYSTEM,
        rule_axis=RuleAxis.FOLLOWED,
        what="{item}を入力した際、{wrong}。{found}",
        why=(
            "似た項目が並ぶ画面で、入力する欄を一つずれて入力した。",
            "画面の項目名と申請書の項目名が違っていた。",
        ),
        action="入力を直し、{after}",
        prevention="画面の項目と申請書の対応表を作り、入力席に置いた。",
        lessons="読み合わせが誤りを止めた。項目名の違う画面は対応表で補う。",
        variants=(
            Variant(
                "310",
                0,
                {
                    "item": "転居届の異動日",
                    "wrong": "届出日を異動日の欄に入力した",
                    "found": "入力後の読み合わせで気づいた。",
                    "after": "証明書の発行前であることを確かめた。",
                },
            ),
            Variant(
                "420",
                1,
                {
                    "item": "介護保険料の減免申請",
                    "wrong": "減免の割合を一段階違えて入力した",
                    "found": "決定通知書を送る前の点検で気づいた。",
                    "after": "正しい内容で決定通知書を作り直した。",
                },
                publish=True,
            ),
            Variant(
                "140",
                0,
                {
                    "item": "通勤手当の認定",
                    "wrong": "片道の距離を往復の欄に入力した",
                    "found": "給与の支給前の点検で気づいた。",
                    "after": "支給額に影響がないことを確かめた。",
                },
            ),
            Variant(
                "620",
                0,
                {
                    "item": "学校の備品台帳",
                    "wrong": "数量の欄に金額を入力した",
                    "found": "年度末の照合で気づいた。",
                    "after": "台帳を照合し直した。",
                },
            ),
            Variant(
                "330",
                0,
                {
                    "item": "補助金の交付申請",
                    "wrong": "申請額を補助率をかける前の額で入力した",
                    "found": "決裁の際に係長が気づいた。",
                    "after": "正しい額で決裁を取り直した。",
                },
            ),
        ),
    ),
    Scenario(
        title="書類の一時所在不明（{doc}）",
        category=LOST,
        place=Place.OTHER,
        rule_axis=RuleAxis.NO_RULE,
        what="{doc}が所定の棚になく、課内を探したところ{where}から見つかった。",
        why=(
            "使った書類を戻す場所が決まっていなかった。",
            "誰が持ち出したかを書く貸出簿がなかった。",
        ),
        action="見つかった書類の中身と枚数を確かめ、所定の棚に戻した。",
        prevention="書類の棚に貸出簿を置き、持ち出すときは名前と日時を書く。",
        lessons="見つかったからよい、ではない。どこにあるか誰でもわかるようにしておく。",
        variants=(
            Variant("410", 0, {"doc": "生活保護の相談記録", "where": "別の係の書類の束の中"}),
            Variant("510", 0, {"doc": "都市計画審議会の議事録の原本", "where": "会議室の書庫"}),
            Variant("110", 0, {"doc": "文書の収受簿", "where": "コピー機の横"}),
            Variant("610", 0, {"doc": "奨学金の申請書類", "where": "前任者の机の引き出し"}),
        ),
    ),
)
