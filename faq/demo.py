# ruff: noqa: E501  (the demo answers are Japanese sentences, kept whole for reading)
"""Demo FAQs: an IT-desk FAQ tree of a city office, plus the Python FAQ corpus for volume.

``load`` is called by ``manage.py load_demo``; it adds what is missing and
leaves what is there, so it is safe to run again.

Dates and activity follow what a city would have: the IT desk wrote each of
its answers a while before it last reviewed it, and the Python FAQ is
reference material imported once, earlier than the IT desk's latest answers
(``PYTHON_FAQ_AGE_DAYS``), that nobody has read yet. So 新着・更新FAQ and
よく読まれているFAQ, which rank by date and by views, show the IT desk's own
questions rather than 170 imported ones, and search results date each FAQ
by its review, not by the day the demo was loaded.
"""

from datetime import timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.rich_text import RichText

from intranet.demo.organisation import extension_of
from intranet.site import ensure_home_page
from search.pages import reindex_pages_under

from . import files
from .bulk import add_live_page
from .csv_import import import_rows, read_rows, slug_for
from .models import FaqDailyViews, FaqFeedback, FaqIndexPage, FaqPage, OpenQuestion, RelatedFaq
from .rst import rst_to_plain_text
from .text import plain_text_to_html

FAQ_HOME = ("よくある質問（システムFAQ）", "faq")
PYTHON_CATEGORY = ("Python 開発", "python")
PYTHON_CSV = Path(__file__).resolve().parent / "demo_data" / "python_faq_ja.csv"
# The Python FAQ was imported this many days ago; each IT desk answer was
# written WRITTEN_BEFORE_REVIEW_DAYS before its last review.
PYTHON_FAQ_AGE_DAYS = 90
WRITTEN_BEFORE_REVIEW_DAYS = 14

# The IT desk is the 情報政策課: its extensions come from the demo directory.
IT_DESK_EXTENSION = extension_of("情報政策課")

CATEGORIES = [
    ("PC・周辺機器", "pc", "パソコン、プリンター、複合機、USB 機器のトラブルと使い方。"),
    ("ネットワーク", "network", "庁内 LAN、インターネット接続、VPN、Wi-Fi。"),
    ("メール", "mail", "メールの送受信、添付ファイル、迷惑メール、メーリングリスト。"),
    ("庁内システム", "systems", "財務会計、文書管理、庶務事務、グループウェアなど庁内システム。"),
    ("セキュリティ", "security", "パスワード、ウイルス対策、情報の持ち出し、標的型メール。"),
]

# (category slug, question, answer paragraphs, steps, keywords, tags, audience, reviewed days ago)
FAQS = [
    ("pc", "パソコンの動作が遅いときはどうすればよいですか？",
     ["多くの場合、再起動と不要なアプリケーションの終了で改善します。",
      f"改善しないときは、資産番号を添えて情報システム担当（内線 {IT_DESK_EXTENSION}）へ"
      "連絡してください。"],
     ["作業中のファイルを保存する", "スタートメニューから「再起動」を選ぶ",
      "起動後、使わないアプリケーションを開かない"],
     "重い 遅い フリーズ 固まる", "パソコン, 再起動", "staff", 30),
    ("pc", "プリンターで印刷できません。",
     ["プリンターの電源、用紙切れ、紙詰まりを確認してください。",
      "印刷待ちの文書が残っているときは、いったん削除してから印刷し直します。"],
     ["プリンターのパネルにエラー表示がないか確認する",
      "「設定」→「プリンターとスキャナー」で対象のプリンターを選ぶ",
      "「キューを開く」で残っている文書を取り消す", "もう一度印刷する"],
     "プリンタ 印刷 できない 紙詰まり 複合機", "プリンター, 印刷", "staff", 400),
    ("pc", "複合機でスキャンした PDF はどこに保存されますか？",
     ["スキャンした PDF は、所属ごとの共有フォルダ「スキャン」に保存されます。",
      "保存から 7 日たったファイルは自動で削除されるため、必要なものは所属のフォルダへ移してください。"],
     None, "スキャナー スキャン PDF 保存先", "複合機, スキャン", "staff", 120),
    ("pc", "USB メモリを使ってもよいですか？",
     ["庁内のパソコンでは、情報システム担当が登録した暗号化 USB メモリだけが使えます。",
      "私物の USB メモリは接続しても認識されません。貸出は情報システム担当の窓口で受け付けています。"],
     None, "ユーエスビー 外部媒体 持ち出し", "USB, 情報セキュリティ", "staff", 200),
    ("pc", "画面が真っ暗になって何も表示されません。",
     ["モニターの電源ランプとケーブルの接続を確認してください。",
      "ノートパソコンでは、Fn キーを押しながら画面切替キーを押すと表示が戻ることがあります。"],
     None, "ディスプレイ モニター 映らない 真っ黒", "パソコン", "staff", 60),
    ("network", "VPN に接続できないときの対処方法を教えてください。",
     ["在宅勤務用の VPN は、庁外のネットワークから接続します。庁内 LAN からは接続できません。",
      "エラー 809 が表示されるときは、自宅のルーターが VPN を通さない設定になっていることがあります。"],
     ["インターネットに接続できているか確認する", "VPN クライアントを終了して起動し直す",
      "ワンタイムパスワードを入力し直す", "改善しないときはエラー番号を控えて連絡する"],
     "ブイピーエヌ 在宅勤務 テレワーク リモート", "VPN, 在宅勤務", "staff", 90),
    ("network", "インターネットのページが表示されません。",
     ["庁内からのインターネット閲覧は、インターネット接続系の仮想ブラウザーから行います。",
      "業務に必要なサイトが閲覧制限で表示されないときは、所属長の承認を得て解除を申請してください。"],
     None, "ホームページ 見られない ブラウザ 閲覧制限", "インターネット, ブラウザー", "staff", 150),
    ("network", "会議室で無線 LAN（Wi-Fi）は使えますか？",
     ["本庁舎の会議室では、庁内用の無線 LAN「city-office」が使えます。",
      "来庁者向けの公衆無線 LAN は 1 階ロビーと市民交流スペースで利用できます。"],
     None, "ワイファイ 無線 WiFi 会議室", "無線LAN", "public", 45),
    ("mail", "添付ファイルが大きくてメールを送れません。",
     ["庁外へのメールに添付できるのは 10 MB までです。",
      "それより大きいファイルは、ファイル転送システムを使って送ってください。"],
     ["ファイル転送システムにログインする", "ファイルをアップロードし、受取人のメールアドレスを入力する",
      "パスワードは別の手段で相手に伝える"],
     "添付 容量 大きい 送れない ファイル転送", "メール, 添付ファイル", "staff", 20),
    ("mail", "迷惑メールや不審なメールが届いたらどうすればよいですか？",
     ["本文のリンクを開かず、添付ファイルも開かないでください。",
      "メールを削除せず、情報システム担当へ転送して相談してください。"],
     None, "スパム 不審 フィッシング 標的型", "メール, 情報セキュリティ", "staff", 380),
    ("mail", "メールの署名を変更したい。",
     ["メールソフトの「設定」→「署名」から変更できます。",
      "署名には所属、氏名、内線番号、代表電話番号を入れてください。"],
     None, "シグネチャ 署名 変更", "メール", "staff", 100),
    ("systems", "財務会計システムにログインできません。",
     ["パスワードを 5 回続けて間違えるとアカウントがロックされます。",
      "ロックの解除は財政課ではなく情報システム担当が行います。"],
     None, "財務 会計 ロック 起票", "財務会計システム, パスワード", "staff", 75),
    ("systems", "文書管理システムで起案を取り下げるには？",
     ["決裁が完了する前であれば、起案者が取り下げることができます。"],
     ["文書管理システムの「起案一覧」を開く", "取り下げる起案を選ぶ",
      "「引戻し」を押し、理由を入力する"],
     "起案 決裁 取下げ 引き戻し 電子決裁", "文書管理システム", "staff", 500),
    ("systems", "庶務事務システムで休暇を申請する方法は？",
     ["休暇の申請は庶務事務システムの「休暇申請」から行い、所属長が承認します。"],
     ["「休暇申請」を開き、休暇の種類を選ぶ", "日付と時間を入力する", "「申請」を押す"],
     "年休 有給 休暇 申請 庶務", "庶務事務システム", "staff", 10),
    ("systems", "会議室を予約するには？",
     ["会議室と備品はイントラネットの「施設・備品予約」から予約できます。",
      "他の所属と重なった予約はできません。空き状況はカレンダーで確認できます。"],
     None, "会議室 予約 施設 備品", "施設予約", "staff", 5),
    ("security", "パスワードを忘れました。",
     ["本人確認のうえ、情報システム担当が仮パスワードを発行します。職員証を持って窓口へお越しください。",
      "仮パスワードでログインした後、すぐに新しいパスワードへ変更してください。"],
     None, "パスワード 忘れた 初期化 リセット", "パスワード", "staff", 40),
    ("security", "パスワードはどのように決めればよいですか？",
     ["12 文字以上で、英大文字・英小文字・数字・記号を組み合わせてください。",
      "ほかのサービスと同じパスワードや、名前・生年月日を使ったパスワードは避けてください。"],
     None, "パスワード 強度 決め方 ルール", "パスワード, 情報セキュリティ", "public", 300),
    ("security", "ウイルスに感染したかもしれません。",
     ["すぐに LAN ケーブルを抜くか無線 LAN を切り、パソコンの電源は入れたままにしてください。",
      f"情報システム担当（内線 {IT_DESK_EXTENSION}）へ連絡し、指示を待ってください。"],
     ["LAN ケーブルを抜く", "画面の表示を写真に撮るかメモする", "情報システム担当へ電話する"],
     "ウィルス マルウェア 感染 ランサムウェア", "情報セキュリティ", "staff", 420),
    ("security", "個人情報を含むファイルを庁外へ送るときの注意は？",
     ["個人情報を含むファイルは、暗号化したうえでファイル転送システムで送ってください。",
      "パスワードは別のメールではなく、電話など別の手段で伝えます。"],
     None, "個人情報 暗号化 持ち出し 送付", "情報セキュリティ, 個人情報", "staff", 250),
]

RELATED = [
    ("パスワードを忘れました。", "パスワードはどのように決めればよいですか？"),
    ("パスワードを忘れました。", "財務会計システムにログインできません。"),
    ("添付ファイルが大きくてメールを送れません。", "個人情報を含むファイルを庁外へ送るときの注意は？"),
    ("迷惑メールや不審なメールが届いたらどうすればよいですか？", "ウイルスに感染したかもしれません。"),
    ("プリンターで印刷できません。", "複合機でスキャンした PDF はどこに保存されますか？"),
]

QUESTIONS = [
    ("demo", "Teams の会議で画面共有ができません。", "共有ボタンが灰色で押せません。", ""),
    ("kacho", "異動した職員のメールアドレスはいつまで使えますか？", "",
     "異動後もアドレスは変わりません。退職の場合は退職日の翌日に停止します。"),
]


def load(stdout=None):
    """Create the FAQ tree, import the Python FAQ and add votes, views and questions."""
    home = ensure_home_page()
    faq_home = FaqIndexPage.objects.filter(slug=FAQ_HOME[1]).first()
    if faq_home is None:
        faq_home = add_live_page(
            home,
            FaqIndexPage(
                title=FAQ_HOME[0],
                slug=FAQ_HOME[1],
                intro=plain_text_to_html(
                    "パソコンや庁内システムで困ったときは、まずここを探してください。"
                    "解決しないときは「情報システム担当に質問」から質問できます。"
                ),
            ),
        )
    created = _load_municipal_faqs(faq_home)
    imported = _import_python_faq(faq_home)
    _add_activity()
    _add_documents()
    if stdout is not None:
        stdout.write(
            f"FAQ：庁内向け{created}件、Python FAQ {imported}件を追加しました"
            f"（FAQは合計{FaqPage.objects.live().count()}件）。"
        )


# A document the IT desk keeps in the FAQ's collection: (title, file name, text).
DOCUMENTS = [
    (
        "VPN 接続手順書",
        "vpn-manual.txt",
        "1. VPN クライアントを起動する\n2. 職員番号とパスワードを入力する\n"
        "3. 「接続」を押し、緑の表示になったことを確かめる\n",
    ),
]


def _add_documents():
    """The FAQ's demo documents, in its own collection (known by title there)."""
    collection = files.collection()
    documents = get_document_model().objects.filter(collection=collection)
    for title, file_name, text in DOCUMENTS:
        if not documents.filter(title=title).exists():
            get_document_model().objects.create(
                title=title,
                collection=collection,
                file=ContentFile(text.encode("utf-8"), name=file_name),
            )


def _load_municipal_faqs(faq_home):
    categories = {}
    for title, slug, intro in CATEGORIES:
        category = FaqIndexPage.objects.child_of(faq_home).filter(slug=slug).first()
        categories[slug] = category or add_live_page(
            faq_home, FaqIndexPage(title=title, slug=slug, intro=plain_text_to_html(intro))
        )
    reviewer = get_user_model().objects.filter(username="itdesk").first()
    today = timezone.localdate()
    created = 0
    for slug, question, paragraphs, steps, keywords, tags, audience, reviewed in FAQS:
        category = categories[slug]
        if FaqPage.objects.child_of(category).filter(title=question).exists():
            continue
        answer = [("paragraph", RichText(plain_text_to_html(paragraphs[0])))]
        if steps:
            answer.append(("steps", steps))
        answer += [("paragraph", RichText(plain_text_to_html(text))) for text in paragraphs[1:]]
        page = FaqPage(
            title=question,
            slug=slug_for(question),
            answer=answer,
            keywords=keywords,
            audience=audience,
            review_interval_days=365,
            last_reviewed_on=today - timedelta(days=reviewed),
            reviewer=reviewer,
        )
        page.tags.set([tag.strip() for tag in tags.split(",")])
        written = timezone.now() - timedelta(days=reviewed + WRITTEN_BEFORE_REVIEW_DAYS)
        add_live_page(category, page, reviewer, published_at=written)
        created += 1
    by_title = {page.title: page for page in FaqPage.objects.descendant_of(faq_home)}
    for question, related in RELATED:
        page, other = by_title.get(question), by_title.get(related)
        if page and other and not RelatedFaq.objects.filter(page=page, related=other).exists():
            RelatedFaq.objects.create(page=page, related=other)
            RelatedFaq.objects.create(page=other, related=page)
    return created


def _import_python_faq(faq_home):
    title, slug = PYTHON_CATEGORY
    category = FaqIndexPage.objects.child_of(faq_home).filter(title=title).first()
    category = category or add_live_page(faq_home, FaqIndexPage(title=title, slug=slug))
    report = read_rows(PYTHON_CSV.read_bytes(), "question", "answer", "section")
    for row in report.rows:  # the translation keeps Sphinx's markup; staff read the text
        row.question = rst_to_plain_text(row.question)
        row.answer = rst_to_plain_text(row.answer)
    started = timezone.now()
    created = import_rows(report, category, skip_bad_rows=True).created
    imported = timezone.now() - timedelta(days=PYTHON_FAQ_AGE_DAYS)
    new_pages = Page.objects.descendant_of(category).filter(first_published_at__gte=started)
    if new_pages.update(first_published_at=imported, last_published_at=imported):
        reindex_pages_under([category.pk])
    return created


def _add_activity():
    """Votes, view counts and questions, so the curation panel has something to show."""
    users = list(get_user_model().objects.filter(username__startswith="s").order_by("pk")[:12])
    python = FaqIndexPage.objects.filter(title=PYTHON_CATEGORY[0], slug=PYTHON_CATEGORY[1]).first()
    pages = FaqPage.objects.live().order_by("path")
    if python is not None:  # read and rated: the IT desk's own answers
        pages = pages.exclude(pk__in=FaqPage.objects.descendant_of(python))
    pages = list(pages[:40])
    today = timezone.localdate()
    for number, page in enumerate(pages):
        for days_ago in range(0, 30, 3):
            FaqDailyViews.objects.get_or_create(
                page=page,
                day=today - timedelta(days=days_ago),
                defaults={"views": (number * 7 + days_ago) % 23 + 1},
            )
        for voter_number, user in enumerate(users[: number % 5]):
            FaqFeedback.objects.get_or_create(
                page=page,
                user=user,
                defaults={
                    "helpful": (number + voter_number) % 3 != 0,
                    "comment": "手順の画面が今と違いました。" if number % 6 == 0 else "",
                },
            )
    for username, question, details, reply in QUESTIONS:
        asker = get_user_model().objects.filter(username=username).first()
        if asker is None or OpenQuestion.objects.filter(question=question).exists():
            continue
        OpenQuestion.objects.create(
            asker=asker,
            question=question,
            details=details,
            reply=reply,
            status=OpenQuestion.Status.ANSWERED if reply else OpenQuestion.Status.OPEN,
            answered_at=timezone.now() if reply else None,
        )
