"""Generated FAQ data for the FAQ benchmarks: rows from the real corpus, spread over categories."""

import csv
import io

from _setup import faq_rows

TOP_CATEGORIES = [
    "PC・周辺機器",
    "ネットワーク",
    "メール",
    "庁内システム",
    "セキュリティ",
    "グループウェア",
    "電話・FAX",
    "印刷・複合機",
    "Python 開発",
    "その他",
]


def category_path(number, categories):
    """「親 > 子」: ``categories`` leaf categories spread evenly under the ten top ones."""
    top = TOP_CATEGORIES[number * len(TOP_CATEGORIES) // categories]
    return f"{top} > 分類{number + 1:03d}"


def faq_csv(count, categories, start=0):
    """A UTF-8 (BOM) CSV of ``count`` distinct FAQs made from python_faq_ja.csv."""
    corpus = faq_rows()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["質問", "回答", "分類", "タグ"])
    for number in range(start, start + count):
        row = corpus[number % len(corpus)]
        writer.writerow(
            [
                f"{row['question']}（事例{number + 1}）",
                row["answer"],
                category_path(number % categories, categories),
                row["section"].split("/")[0][:30],
            ]
        )
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")


def faq_home():
    from faq.models import FaqIndexPage
    from intranet.site import ensure_home_page

    existing = FaqIndexPage.objects.filter(slug="faq").first()
    if existing:
        return existing
    from faq.bulk import add_live_page

    return add_live_page(ensure_home_page(), FaqIndexPage(title="よくある質問", slug="faq"))
