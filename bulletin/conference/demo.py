# ruff: noqa: E501  (the demo posts are Japanese sentences, kept whole for reading)
"""Demo boards of the e-conference room, with threads by the demo organisation's staff.

``load_conference_demo`` adds what is missing and leaves what is there, so it
is safe to run again. It needs the demo organisation (``intranet.demo``).

Authors are named by login (``"demo"``) or by section code and position among
the section's generated staff (``("220", 1)``). Each post is dated
``days_ago`` before loading; one thread of 業務改善アイデア is old enough to
be in the archive, and the DX board is for 総務部 and 財務部 only, so the
``demo`` login (市民課) does not see it while ``itdesk`` does.
"""

import io
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from intranet.demo.organisation import DEMO_ACCOUNTS
from intranet.models import Department, StaffProfile

from ..models import Board, Post, Reaction, Thread

BOARDS = [
    {
        "slug": "kaizen",
        "name": "業務改善アイデア",
        "purpose": "日々の仕事を少し楽に、少し速くするアイデアを出し合う会議室です。所属を越えて、気づいたことを気軽に書いてください。",
        "anonymity": Board.Anonymity.NAMED,
        "departments": [],
        "moderators": ["jimukyoku"],
        "edit_window_minutes": 30,
        "retention_months": 6,
        "sort_order": 10,
    },
    {
        "slug": "dx",
        "name": "庁内DX推進",
        "purpose": "総務部・財務部で進めるDX（電子申請、ペーパーレス、RPA）の進み具合と課題を共有する会議室です。",
        "anonymity": Board.Anonymity.NAMED,
        "departments": ["100", "200"],
        "moderators": ["itlead"],
        "edit_window_minutes": 60,
        "retention_months": 12,
        "sort_order": 20,
    },
    {
        "slug": "voice",
        "name": "職場の声",
        "purpose": "職場環境や働き方について、率直な声を寄せる会議室です。匿名で投稿できます。匿名の投稿も、モデレーター（事務局）には投稿者が分かります。",
        "anonymity": Board.Anonymity.TRACEABLE,
        "departments": [],
        "moderators": ["jimukyoku"],
        "edit_window_minutes": 15,
        "retention_months": 12,
        "sort_order": 30,
    },
]

# board slug → [(title, [(author, anonymous, days_ago, body, quotes index or None)], helpful)]
# ``helpful`` maps a post's index to how many colleagues marked it 「参考になった」.
THREADS = {
    "kaizen": [
        (
            "窓口の番号札をやめて、呼び出しをモニター表示にしませんか",
            [
                (
                    ("310", 1),
                    False,
                    12,
                    "市民課の窓口では今も紙の番号札を配っています。繁忙期は札が足りなくなり、呼び出しの声も届きにくいです。待合のモニターに番号を表示できれば、聞き逃しも減ると思います。",
                    None,
                ),
                (
                    "kacho",
                    False,
                    11,
                    "課としても検討したいテーマです。保険年金課さんとフロアが同じなので、共同で導入できるとよいですね。",
                    None,
                ),
                (
                    ("320", 1),
                    False,
                    10,
                    "保険年金課です。ぜひ一緒に。うちは月末に待ち時間が長くなるので、スマートフォンで呼び出し状況を見られると、庁舎の外で待っていただけます。",
                    0,
                ),
                (
                    "itdesk",
                    False,
                    9,
                    "情報政策課です。既存の庁内ネットワークとは分けて設置する必要があります。機器の要件を整理するので、必要な窓口の数を教えてください。",
                    None,
                ),
            ],
            {0: 5, 2: 3, 3: 4},
        ),
        (
            "会議資料は前日までにフォルダーへ、当日の印刷をやめる",
            [
                (
                    ("110", 2),
                    False,
                    6,
                    "部内会議の資料を毎回人数分印刷しています。前日までに共有フォルダーに置き、各自の端末で見るようにすれば、印刷と綴じる手間がなくなります。",
                    None,
                ),
                (
                    ("210", 2),
                    False,
                    5,
                    "財政課では昨年度から実施しています。最初は戸惑いもありましたが、今は紙に戻りたいという声はありません。会議室にモニターが1台あると説明がしやすいです。",
                    None,
                ),
                (
                    "demo",
                    False,
                    4,
                    "資料に書き込みたい人向けに、PDFに注釈を付ける方法をFAQにまとめてもらえると助かります。",
                    1,
                ),
            ],
            {1: 6, 2: 2},
        ),
        (
            "よく使う様式の置き場所をまとめたい",
            [
                (
                    ("420", 1),
                    False,
                    240,
                    "様式が課ごとのフォルダーに散らばっていて、最新版がどれか分かりません。置き場所を一つにまとめられないでしょうか。",
                    None,
                ),
                (
                    ("140", 1),
                    False,
                    235,
                    "人事課の様式は来月から様式集に移します。ほかの課もそろえると探しやすくなりますね。",
                    0,
                ),
            ],
            {0: 2},
        ),
    ],
    "dx": [
        (
            "電子申請の受付状況（今月分）",
            [
                (
                    "itlead",
                    False,
                    8,
                    "今月の電子申請は、住民票の写し・税証明を中心に前月比で約2割増えました。財務部の証明書系も順調です。課題は、添付書類の不足による差し戻しが多いことです。",
                    None,
                ),
                (
                    ("220", 1),
                    False,
                    7,
                    "税務課です。差し戻しの多くは本人確認書類の画像が不鮮明なものです。申請画面の説明に撮影のコツを載せられませんか。",
                    None,
                ),
                (
                    "itdesk",
                    False,
                    6,
                    "次回の画面改修で、撮影例の画像を追加します。文案を税務課さんに確認していただけると助かります。",
                    1,
                ),
            ],
            {0: 3, 1: 2},
        ),
        (
            "RPAで定型の集計を自動化した例",
            [
                (
                    ("210", 1),
                    False,
                    3,
                    "財政課では、各課から届く執行状況の表を一つにまとめる作業をRPAにしました。毎月半日かかっていた作業が数分で終わります。",
                    None,
                ),
                (
                    "sysadmin",
                    False,
                    2,
                    "ロボットが使うアカウントの管理方法だけ、事前に情報政策課へ相談してください。パスワードの扱いを決めておきたいので。",
                    None,
                ),
            ],
            {0: 4},
        ),
    ],
    "voice": [
        (
            "昼休みの窓口当番の負担について",
            [
                (
                    ("310", 2),
                    True,
                    5,
                    "昼休みの窓口当番が同じ人に偏っているように感じます。当番表を課内で見えるようにしてもらえると、頼みやすくなると思います。",
                    None,
                ),
                (
                    ("330", 2),
                    True,
                    4,
                    "うちの課でも同じです。交代で休めるよう、繁忙期だけでも応援の仕組みがあるとうれしいです。",
                    0,
                ),
                (
                    "jimukyoku",
                    False,
                    3,
                    "事務局です。ご意見ありがとうございます。来月の所属長会議で、窓口当番の運用を話題にします。",
                    None,
                ),
            ],
            {0: 7, 1: 3, 2: 2},
        ),
        (
            "休憩室の電子レンジが混み合っています",
            [
                (
                    ("520", 2),
                    True,
                    2,
                    "お昼どきに電子レンジ待ちの列ができます。もう1台置けないでしょうか。",
                    None,
                ),
                (
                    "demo",
                    False,
                    1,
                    "時間をずらして休憩する課が増えると少し緩和されるかもしれません。",
                    None,
                ),
            ],
            {0: 4},
        ),
    ],
}


def load_conference_demo(stdout=None):
    """Create the demo boards and their threads; boards already there keep their threads."""
    stdout = stdout or io.StringIO()
    now = timezone.now()
    helpers = _Staff()
    for spec in BOARDS:
        board = _board(spec, helpers)
        for title, posts, helpful in THREADS[spec["slug"]]:
            if not Thread.objects.filter(board=board, title=title).exists():
                _thread(board, title, posts, helpful, helpers, now)
    stdout.write(f"電子会議室：{Board.objects.count()}件（スレッド{Thread.objects.count()}件）")


def _board(spec, staff):
    fields = {key: value for key, value in spec.items() if key not in ("departments", "moderators")}
    board, _ = Board.objects.update_or_create(
        slug=spec["slug"], defaults={**fields, "all_staff": not spec["departments"]}
    )
    board.departments.set(Department.objects.filter(code__in=spec["departments"]))
    board.moderators.set([staff.user(name) for name in spec["moderators"]])
    return board


def _thread(board, title, posts, helpful, staff, now):
    thread = Thread.objects.create(
        board=board, title=title, created_at=_office_hours(now, posts[0][2], 0)
    )
    created = []
    for author, anonymous, days_ago, body, quotes in posts:
        created.append(
            Post.objects.create(
                thread=thread,
                author=staff.user(author),
                anonymous=anonymous,
                body=body,
                quotes=created[quotes] if quotes is not None else None,
                created_at=_office_hours(now, days_ago, len(created)),
            )
        )
    thread.last_posted_at = created[-1].created_at
    thread.save(update_fields=["last_posted_at"])
    readers = list(StaffProfile.objects.select_related("user").order_by("staff_number")[:12])
    for index, count in helpful.items():
        post = created[index]
        Reaction.objects.bulk_create(
            [
                Reaction(post=post, user=profile.user)
                for profile in readers
                if profile.user_id != post.author_id
            ][:count]
        )


def _office_hours(now, days_ago, index):
    """A moment during the working day ``days_ago`` days before ``now`` (Asia/Tokyo)."""
    morning = timezone.localtime(now).replace(hour=9, minute=12, second=0, microsecond=0)
    return morning - timedelta(days=days_ago) + timedelta(minutes=53 * index + 17 * (days_ago % 5))


class _Staff:
    """Finds demo authors by login, or by section code and position among generated staff."""

    def __init__(self):
        self.cache = {}

    def user(self, key):
        if key not in self.cache:
            if isinstance(key, str):
                self.cache[key] = get_user_model().objects.get(username=key)
            else:
                code, position = key
                profiles = (
                    StaffProfile.objects.filter(department__code=code)
                    .exclude(user__username__in=DEMO_ACCOUNTS)
                    .order_by("staff_number")
                )
                self.cache[key] = profiles.select_related("user")[position].user
        return self.cache[key]
