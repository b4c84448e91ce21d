from django.core.management.base import BaseCommand, CommandError

from search import rebuild
from search.backends import BACKENDS, get_backend


class Command(BaseCommand):
    help = (
        "検索インデックスを作り直します（登録されたすべての種類の文書を読み込み直します）。"
        "Elasticsearch では中断しても --resume で続きから再開でき、"
        "--background でタスクのワーカーに任せられます。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--backend", choices=sorted(BACKENDS), help="対象の検索エンジン（省略時は設定値）"
        )
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument(
            "--resume",
            action="store_true",
            help="中断した再構築を続きから再開する（Elasticsearch のみ）",
        )
        parser.add_argument(
            "--background",
            action="store_true",
            help="バックグラウンドのタスクとして実行する（進み具合はワーカーのログと --status）",
        )
        parser.add_argument(
            "--status", action="store_true", help="未完了の再構築の進み具合を表示する"
        )

    def handle(self, *args, backend=None, batch_size=500, **options):
        engine = get_backend(backend)
        resumable = hasattr(engine, "rebuild_status")
        if (options["resume"] or options["status"]) and not resumable:
            raise CommandError(
                f"{engine.name}の検索エンジンは再構築を再開できません。"
                "--resume を付けずに実行してください。"
            )
        if options["status"]:
            self._status(engine)
        elif options["background"]:
            result = rebuild.rebuild_in_background.enqueue(
                engine.name, batch_size, options["resume"]
            )
            self.stdout.write(
                f"再構築をバックグラウンドのタスクに登録しました（ID: {result.id}）。"
                "進み具合はワーカーのログと rebuild_search_index --status で確認できます。"
            )
        else:
            self._run(engine, batch_size, options["resume"], options["verbosity"] > 0)

    def _run(self, engine, batch_size, resume, verbose):
        write = self.stdout.write if verbose else (lambda line: None)
        try:
            count = rebuild.run(engine.name, batch_size, resume, write=write)
        except ConnectionError as error:
            raise CommandError(f"検索エンジンに接続できません：{error}") from error
        except KeyboardInterrupt:
            resumable = hasattr(engine, "rebuild_status")
            hint = "--resume を付けて実行すると続きから再開します。" if resumable else ""
            raise CommandError(f"中断しました。{hint}") from None
        if verbose:
            self.stdout.write(self.style.SUCCESS(f"{count}件を{engine.name}に登録しました。"))

    def _status(self, engine):
        status = engine.rebuild_status()
        if status is None:
            self.stdout.write("未完了の再構築はありません。")
            return
        line = f"未完了の再構築：{status['index']}、{status['done']:,}件登録済み"
        if "doc_type" in status:
            line += f"（最後：{status['doc_type']}:{status['object_id']}）"
        if "updated" in status:
            line += f"、最終更新：{status['updated']}"
        self.stdout.write(line + "。rebuild_search_index --resume で再開できます。")
