from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from search import registry
from search.backends import BACKENDS, get_backend


class Command(BaseCommand):
    help = "検索インデックスを作り直します（登録されたすべての種類の文書を読み込み直します）。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--backend", choices=sorted(BACKENDS), help="対象の検索エンジン（省略時は設定値）"
        )
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, backend=None, batch_size=500, **options):
        engine = get_backend(backend)
        show_progress = options["verbosity"] > 0
        with tqdm(
            total=registry.document_count(),
            unit="件",
            disable=not show_progress,
            file=self.stderr,
            desc=f"{engine.name} を再構築中",
        ) as bar:
            try:
                count = engine.rebuild(registry.all_documents(), batch_size, progress=bar.update)
            except ConnectionError as error:
                raise CommandError(f"検索エンジンに接続できません: {error}") from error
        if show_progress:
            self.stdout.write(self.style.SUCCESS(f"{count} 件を {engine.name} に登録しました。"))
