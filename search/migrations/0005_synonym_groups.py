from django.db import migrations, models

# The starter dictionary: words staff of a city office use for the same thing
# when they ask the IT desk. (name, words) — the IT desk edits them in the admin.
STARTER_GROUPS = [
    ("パソコン", "パソコン・PC・端末"),
    ("ノートパソコン", "ノートパソコン・ノートPC・ラップトップ"),
    ("ディスプレイ", "ディスプレイ・モニター"),
    ("プリンター", "プリンター・複合機・コピー機"),
    ("印刷", "印刷・プリント"),
    ("スキャナー", "スキャナー・スキャン"),
    ("USB メモリ", "USB メモリ・USBフラッシュメモリ・外部記憶媒体・外部媒体"),
    ("再起動", "再起動・リブート・リスタート"),
    ("フリーズ", "フリーズ・固まる・ハングアップ"),
    ("アプリ", "アプリ・アプリケーション・ソフト・ソフトウェア"),
    ("表計算", "エクセル・Excel・表計算ソフト"),
    ("共有フォルダ", "共有フォルダ・ファイルサーバー・共有ドライブ"),
    ("ウイルス", "ウイルス・マルウェア・コンピューターウイルス"),
    ("パスワード", "パスワード・PW・暗証番号"),
    ("ワンタイムパスワード", "ワンタイムパスワード・OTP・ワンタイム"),
    ("ログイン", "ログイン・サインイン・ログオン"),
    ("アカウント", "アカウント・ユーザーID・ユーザー名"),
    ("メール", "メール・電子メール・Eメール"),
    ("迷惑メール", "迷惑メール・スパム・スパムメール"),
    ("不審なメール", "不審メール・標的型メール・フィッシングメール・怪しいメール"),
    ("添付ファイル", "添付ファイル・添付資料・添付書類"),
    ("庁内 LAN", "庁内 LAN・庁内ネットワーク"),
    ("無線 LAN", "無線 LAN・Wi-Fi・無線ネットワーク"),
    ("インターネット", "インターネット・ホームページ・ウェブサイト"),
    ("ブラウザー", "ブラウザー・Web ブラウザー・Edge・Chrome"),
    ("在宅勤務", "在宅勤務・テレワーク・リモートワーク"),
    ("Web 会議", "Web 会議・オンライン会議・テレビ会議・Teams"),
    ("文書管理システム", "文書管理システム・電子決裁・電子起案"),
    ("財務会計システム", "財務会計システム・財務システム・会計システム"),
    ("年休", "年休・年次休暇・有給休暇・有休"),
]


def add_starter_groups(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    SynonymGroup.objects.bulk_create(
        SynonymGroup(name=name, members=members) for name, members in STARTER_GROUPS
    )


def remove_starter_groups(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    SynonymGroup.objects.filter(name__in=[name for name, _members in STARTER_GROUPS]).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0004_index_layout")]

    operations = [
        migrations.CreateModel(
            name="SynonymGroup",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "name",
                    models.CharField(
                        blank=True,
                        help_text="Shown in the list; the first words when left empty.",
                        max_length=100,
                        verbose_name="name",
                    ),
                ),
                (
                    "members",
                    models.TextField(
                        help_text=(
                            "Two or more words that mean the same thing, one per line or "
                            "separated by 「・」 or commas, e.g. 「パソコン・PC・端末」."
                        ),
                        max_length=2000,
                        verbose_name="words",
                    ),
                ),
                (
                    "updated_at",
                    models.DateTimeField(auto_now=True, db_index=True, verbose_name="updated at"),
                ),
            ],
            options={
                "verbose_name": "synonym group",
                "verbose_name_plural": "synonym dictionary",
                "ordering": ["name", "pk"],
            },
        ),
        migrations.RunPython(add_starter_groups, remove_starter_groups),
    ]
