from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from faq.csv_import import ImportRefused, check_size, import_rows, read_rows
from faq.models import FaqIndexPage


class Command(BaseCommand):
    help = (
        "CSV（UTF-8・BOM 付き UTF-8・CP932）から FAQ を公開状態で取り込みます。"
        "不正な行が1行でもあれば何も取り込みません"
        "（--skip-bad-rows で不正な行だけを飛ばします）。"
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="CSV ファイル")
        parser.add_argument("--question-column", required=True, help="質問の列名")
        parser.add_argument("--answer-column", required=True, help="回答の列名")
        parser.add_argument("--category-column", help="カテゴリの列名（「親 > 子」で入れ子）")
        parser.add_argument("--tags-column", help="タグの列名（カンマ・読点区切り）")
        parser.add_argument(
            "--parent", help="取り込み先の FAQ カテゴリのスラッグ（省略時は FAQ ホーム）"
        )
        parser.add_argument(
            "--skip-bad-rows", action="store_true", help="不正な行を飛ばして取り込みます"
        )
        parser.add_argument(
            "--audience",
            choices=["staff", "public"],
            default="staff",
            help="公開範囲：staff（職員のみ、既定）または public（公開可）",
        )

    def handle(self, *args, **options):
        parent = self._parent(options["parent"])
        path = Path(options["path"])
        try:
            check_size(path.stat().st_size)  # before reading a huge file into memory
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"ファイルを読めません：{error}") from error
        except ImportRefused as error:
            raise CommandError(str(error)) from error
        try:
            report = read_rows(
                data,
                options["question_column"],
                options["answer_column"],
                options["category_column"],
                options["tags_column"],
            )
        except ImportRefused as error:
            raise CommandError(str(error)) from error
        for problem in report.errors:
            self.stderr.write(f"{problem.line}行目：{problem.message}")
        if report.errors and not options["skip_bad_rows"]:
            raise CommandError(
                f"不正な行が{len(report.errors)}行あるため、何も取り込みませんでした。"
                "修正して再実行するか、--skip-bad-rows を指定してください。"
            )
        import_rows(
            report, parent, skip_bad_rows=options["skip_bad_rows"], audience=options["audience"]
        )
        for problem in report.warnings:
            self.stderr.write(f"{problem.line}行目（警告）：{problem.message}")
        self.stdout.write(
            self.style.SUCCESS(
                f"{report.created}件の FAQ を「{parent.title}」に取り込みました"
                f"（文字コード：{report.encoding}、不正な行：{len(report.errors)}、"
                f"重複で飛ばした行：{len(report.warnings)}）。"
            )
        )

    def _parent(self, slug):
        pages = FaqIndexPage.objects.all()
        parent = (
            pages.filter(slug=slug).first() if slug else pages.order_by("depth", "path").first()
        )
        if parent is None:
            raise CommandError(
                f"FAQ カテゴリ「{slug}」が見つかりません。" if slug else "FAQ ホームがありません。"
            )
        return parent
