"""Scan texts for personal data: one text a line, one finding a line (or JSON)."""

import io
import json
import sys

from django.core.management.base import BaseCommand, CommandError

from intranet.privacy import scan


class Command(BaseCommand):
    help = (
        "ファイル（または標準入力）の各行を1件の文書として個人情報"
        "（マイナンバー・法人番号・電話番号・メールアドレス・生年月日・住所・氏名）を探し、"
        "見つかったものを行番号・種類・開始位置・終了位置・文字列で表示します。"
        "見つかっても見つからなくても終了ステータスは0です。"
    )
    # Tests hand the command a text stream instead of the process's standard input.
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument(
            "file",
            metavar="FILE",
            help="1行に1件の文書を書いた UTF-8 のテキストファイル。- なら標準入力を読みます。",
        )
        parser.add_argument(
            "--json",
            action="store_true",
            help="結果を JSON の配列（キーは line, kind, start, end, text）で出力します。",
        )

    def handle(self, *args, **options):
        name = options["file"]
        try:
            with self.open(options) as lines:
                findings = list(findings_by_line(lines))
        except FileNotFoundError:
            raise CommandError(f"ファイル「{name}」が見つかりません。") from None
        except IsADirectoryError:
            raise CommandError(f"「{name}」はフォルダです。ファイルを指定してください。") from None
        except PermissionError:
            raise CommandError(f"ファイル「{name}」を読む権限がありません。") from None
        except UnicodeDecodeError as error:
            raise CommandError(
                f"「{name}」は UTF-8 として読めません（{error.start}バイト目付近）。"
                "UTF-8 で保存し直してください。"
            ) from None
        if options["json"]:
            self.stdout.write(json.dumps(findings, ensure_ascii=False))
        else:
            for f in findings:
                self.stdout.write(
                    f"{f['line']}\t{f['kind']}\t{f['start']}\t{f['end']}\t{f['text']}"
                )

    def open(self, options):
        """The lines of FILE, or of standard input for ``-``; split at ``\\n`` only, BOM dropped."""
        if options["file"] != "-":
            return open(options["file"], encoding="utf-8-sig", newline="\n")
        if options.get("stdin") is not None:
            return options["stdin"]
        return io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8-sig", newline="\n")


def findings_by_line(lines):
    """One dict per finding: the 1-based line number, kind, offsets into the line, text."""
    for number, line in enumerate(lines, start=1):
        for f in scan(line.removesuffix("\n").removesuffix("\r")):
            yield {"line": number, "kind": f.kind, "start": f.start, "end": f.end, "text": f.text}
