"""Delete files held for forms that were never sent again (see intranet/held_uploads.py)."""

from django.core.management.base import BaseCommand

from intranet.held_uploads import clean_stale


class Command(BaseCommand):
    help = (
        "差し戻されたフォームのために保管している添付ファイルのうち、"
        "1日以上たったものを削除します（毎日 cron などで実行してください）。"
    )

    def handle(self, *args, **options):
        count = clean_stale()
        self.stdout.write(f"{count}件の保管ファイルを削除しました。")
