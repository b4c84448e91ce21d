import json

from django.core.management.base import BaseCommand

from search.backends import BACKENDS, get_backend
from search.backends.base import SearchRequest


class Command(BaseCommand):
    help = "すべてを閲覧できる利用者として検索し、結果を表示します（--json で JSON 出力）。"

    def add_arguments(self, parser):
        parser.add_argument("query", help="検索語")
        parser.add_argument("--backend", choices=sorted(BACKENDS))
        parser.add_argument("--limit", type=int, default=10)
        parser.add_argument("--json", action="store_true", help="結果を JSON で出力します")

    def handle(self, *args, query, backend=None, limit=10, **options):
        request = SearchRequest(text=query, access=None, limit=max(0, limit))
        results = get_backend(backend).search(request)
        hits = [
            {
                "title": hit.title,
                "url": hit.url,
                "type": hit.doc_type,
                "score": round(hit.score, 6),
                "key": hit.key,
                "date": hit.date.isoformat() if hit.date else None,
            }
            for hit in results.hits
        ]
        if options["json"]:
            self.stdout.write(json.dumps(hits, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{results.total} 件（上位 {len(hits)} 件を表示）")
        for rank, hit in enumerate(hits, start=1):
            self.stdout.write(f"{rank:>3}. [{hit['type']}] {hit['title']}  {hit['url']}")
