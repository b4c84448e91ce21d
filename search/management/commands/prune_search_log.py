from django.conf import settings
from django.core.management.base import BaseCommand

from search import log


class Command(BaseCommand):
    help = (
        "保存期間（SEARCH_LOG_RETENTION_DAYS）を過ぎた検索ログを削除します。"
        "毎日の実行を想定しています。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=settings.SEARCH_LOG_RETENTION_DAYS)

    def handle(self, *args, days, **options):
        deleted = log.prune(days)
        self.stdout.write(f"{days}日より古い検索ログを{deleted}件削除しました。")
