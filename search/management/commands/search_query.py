import json

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from search.backends import BACKENDS
from search.forms import SearchForm
from search.results import results_page


class Command(BaseCommand):
    help = (
        "検索ページと同じ検索をし、同じ順で結果を表示します（--json で JSON 出力）。"
        "--user を省くと、すべてを閲覧できる利用者として検索します。"
    )

    def add_arguments(self, parser):
        parser.add_argument("query", help="検索語")
        parser.add_argument("--user", metavar="USERNAME", help="この職員として検索します")
        parser.add_argument("--page", type=int, default=1, help="ページ番号（1から）")
        parser.add_argument("--backend", choices=sorted(BACKENDS))
        parser.add_argument("--json", action="store_true", help="結果を JSON で出力します")

    def handle(self, *args, query, user=None, page=1, backend=None, **options):
        form = SearchForm({"q": query})  # the words as the page's box takes them
        form.is_valid()
        words = form.cleaned_data.get("q", "")
        shown = results_page(self._searcher(user), words, page=page, backend=backend)
        if shown is None:
            raise CommandError("検索サーバーに接続できません。")
        data = shown.as_data()
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        more = " 以上" if data["total_capped"] else ""
        self.stdout.write(f"{data['total']}件{more}（{data['page']}/{data['pages']}ページ）")
        for notice in data["notices"]:
            self.stdout.write(notice)
        for hit in data["hits"]:
            partial = "" if hit["matched_all"] else "  （一部の語のみ）"
            title = f"{hit['title']} {hit['part']}".strip()
            self.stdout.write(f"{hit['rank']:>3}. [{hit['type']}] {title}  {hit['url']}{partial}")

    def _searcher(self, username):
        User = get_user_model()
        if username is None:
            # Not saved, never logged: only says "may see everything" to the search.
            return User(username="search_query", is_superuser=True)
        try:
            return User.objects.get(username=username)
        except User.DoesNotExist:
            raise CommandError(f"利用者「{username}」は見つかりません。") from None
