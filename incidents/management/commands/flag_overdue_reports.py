"""Tell section heads of the reports whose review is overdue (see incidents/deadlines.py)."""

from django.core.management.base import BaseCommand

from incidents import services


class Command(BaseCommand):
    help = (
        "確認期限を過ぎたミス・ヒヤリハット報告を所属長に通知します（1件につき1回）。"
        "cron などで1時間ごとに実行してください。"
    )

    def handle(self, *args, **options):
        flagged = services.flag_overdue()
        self.stdout.write(f"{len(flagged)}件の期限超過の報告を所属長に通知しました。")
