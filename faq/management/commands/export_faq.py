import io
from pathlib import Path

from django.core.management.base import BaseCommand

from faq.export import public_faq_rows, to_json, write_csv


class Command(BaseCommand):
    help = (
        "「公開可」の FAQ をオープンデータとして CSV（BOM 付き UTF-8）または JSON で書き出します。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["csv", "json"], default="csv")
        parser.add_argument("--output", help="書き出し先のファイル（省略時は標準出力）")

    def handle(self, *args, format="csv", output=None, **options):
        rows = public_faq_rows()
        if format == "json":
            text = to_json(rows) + "\n"
        else:
            buffer = io.StringIO()
            write_csv(rows, buffer)
            text = buffer.getvalue()
        if output:
            Path(output).write_text(text, encoding="utf-8", newline="")
            self.stderr.write(f"{len(rows)}件を{output}に書き出しました。")
        else:
            self.stdout.write(text, ending="")
