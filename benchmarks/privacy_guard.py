"""The personal-data guard: precision and recall per kind, throughput, memory, worst cases.

    .venv/bin/python benchmarks/privacy_guard.py

Precision and recall are scored on tests/privacy/corpus/*.jsonl, the tuning
files and the held-out files separately (see tests/privacy/scoring.py for the
rules), then file by file, so that a new set of sentences (harder-*.jsonl,
phones after full-width punctuation, staff named by post, dates of birth
after a label that goes on) shows apart from the rest. ``--corpus-only``
stops there, before the speed measurements.

Throughput is UTF-8 megabytes per second over the Tokyo Metropolitan
Assembly minutes in shared/corpus/minutes, with and without name detection;
peak memory is what tracemalloc saw Python allocate during one scan of the
largest file. The worst cases are a million characters each of what a careless regex
would backtrack on: digits, random characters from the alphabets the patterns
look at, letters without an @, kanji place names without a block number.
"""

import argparse
import os
import random
import sys
import time
import tracemalloc
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import BASE_DIR, CORPUS, markdown_table  # noqa: E402


def django_without_a_database():
    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intranet.settings.test")
    import django

    django.setup()


SPLITS = ("tune", "heldout")


def percent(score, measure="precision"):
    """A percentage, or – where there is nothing to measure (no finding, nothing expected)."""
    if measure == "precision" and not (score.true_positives + score.false_positives):
        return "–"
    if measure == "recall" and not score.expected:
        return "–"
    return f"{getattr(score, measure):.0%}"


def quality_rows():
    """Rows of precision and recall per kind, and the mistakes, on every corpus file by split."""
    from intranet.privacy import KINDS, scan
    from tests.privacy.scoring import CORPUS, load, score

    def detect(text):
        return [(finding.kind, finding.text) for finding in scan(text)]

    scores = {}
    for split in SPLITS:
        paths = sorted(CORPUS.glob(f"*-{split}.jsonl"))
        scores[split] = score([line for p in paths for line in load(p.stem)], detect, KINDS)
    rows = []
    for kind in KINDS:
        row = [kind]
        for split in SPLITS:
            s = scores[split][kind]
            row += [s.expected, percent(s), percent(s, "recall")]
        rows.append(row)
    return rows, scores


def file_rows():
    """Rows of precision and recall per kind for each corpus file, kinds it has only."""
    from intranet.privacy import KINDS, scan
    from tests.privacy.scoring import CORPUS, load, score

    def detect(text):
        return [(finding.kind, finding.text) for finding in scan(text)]

    rows = []
    for path in sorted(CORPUS.glob("*.jsonl")):
        for kind, s in score(load(path.stem), detect, KINDS).items():
            if s.expected or s.false_positives:
                rows.append([path.stem, kind, s.expected, percent(s), percent(s, "recall")])
    return rows


def throughput(texts, **options):
    from intranet.privacy import scan

    size = sum(len(text.encode("utf-8")) for text in texts) / 1e6
    counts = Counter()
    started = time.perf_counter()
    for text in texts:
        counts.update(f.kind for f in scan(text, **options))
    return size / (time.perf_counter() - started), counts


def peak_memory_mb(text, **options):
    from intranet.privacy import scan

    tracemalloc.start()
    scan(text, **options)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1e6


def seconds(text, **options):
    from intranet.privacy import scan

    started = time.perf_counter()
    found = len(scan(text, **options))
    return time.perf_counter() - started, found


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mistakes", action="store_true", help="list every corpus mistake")
    parser.add_argument("--corpus-only", action="store_true", help="skip the speed measurements")
    args = parser.parse_args()
    django_without_a_database()
    from intranet.privacy import KINDS

    rows, scores = quality_rows()
    print("precision and recall per kind (n = expected entries)\n")
    headers = ["kind", "tune n", "tune precision", "tune recall"]
    headers += ["held-out n", "held-out precision", "held-out recall"]
    print(markdown_table(headers, rows))
    if args.mistakes:
        for split, by_kind in scores.items():
            for kind, s in by_kind.items():
                for text, line in s.wrong:
                    print(split, kind, "false positive", text, line, sep="\t")
                for text, line in s.missed:
                    print(split, kind, "missed", text, line, sep="\t")
    print("\nprecision and recall per kind, file by file\n")
    print(markdown_table(["file", "kind", "n", "precision", "recall"], file_rows()))
    if args.corpus_only:
        return

    paths = sorted((CORPUS / "minutes").glob("*.txt"))
    if not paths:
        sys.exit(f"No minutes to measure speed on: {CORPUS / 'minutes'} holds no *.txt files.")
    texts = [path.read_text(encoding="utf-8") for path in paths]
    size = sum(len(text.encode("utf-8")) for text in texts) / 1e6
    largest = max(texts, key=len)
    print(f"\nthroughput over {len(texts)} files of minutes, {size:.1f} MB (UTF-8)\n")
    speed_rows, counts = [], {}
    for name, options in (("with names", {}), ("without names", {"find_names": False})):
        speed, counts[name] = throughput(texts, **options)
        memory = peak_memory_mb(largest, **options)
        speed_rows.append((name, f"{speed:.2f}", f"{memory:.1f}"))
    print(markdown_table(["scan", "MB/s", "peak memory MB (largest file)"], speed_rows))

    print("\nfindings per kind over the minutes\n")
    print(
        markdown_table(
            ["kind", "with names", "without names"],
            [(kind, counts["with names"][kind], counts["without names"][kind]) for kind in KINDS],
        )
    )

    rng = random.Random(1)
    alphabet = "0123456789０１２３ -－()@.:/年月日生市区町村番地丁目号〒あいうアイウ漢字様\n"
    worst = {
        "1 M characters of digits": "7" * 1_000_000,
        "1 M characters of random text": "".join(rng.choice(alphabet) for _ in range(1_000_000)),
        "1 M characters of letters, no @": "a." * 500_000,
        "1 M characters of place names, no block number": "大阪府河内長野市原町" * 100_000,
        "1 M characters of random place-name kanji": "".join(
            rng.choice("市区町村郡河内長野原本田") for _ in range(10**6)
        ),
        "1 M characters of dates": "昭和六十年四月一日、1985/4/1、" * 50_000,
    }
    print("\nworst-case inputs (one scan each)\n")
    worst_rows = []
    for name, text in worst.items():
        for label, options in (("with names", {}), ("without names", {"find_names": False})):
            elapsed, found = seconds(text, **options)
            worst_rows.append((name, label, f"{elapsed:.2f}", found))
    print(markdown_table(["input", "scan", "seconds", "findings"], worst_rows))


if __name__ == "__main__":
    main()
