"""Person names: SudachiPy (the project's detector) against GiNZA's named-entity recogniser.

    .venv/bin/python benchmarks/person_names.py                       # Sudachi, in the project
    /tmp/ginza-venv/bin/python benchmarks/person_names.py --engine ginza
    /tmp/ginza-venv/bin/python benchmarks/person_names.py --engine ginza-rules

GiNZA is not a project dependency; run it from a throwaway virtualenv
(``python3.11 -m venv /tmp/ginza-venv && /tmp/ginza-venv/bin/pip install
ginza ja-ginza django``). Engines:

- ``sudachi``: intranet/privacy/names.py, Sudachi's 人名 tags plus the context
  rules (honorifics, resident labels, staff posts, business words).
- ``ginza``: every entity ja_ginza labels ``Person``, as it comes.
- ``ginza-rules``: GiNZA's ``Person`` entities passed through the same
  context rules as the Sudachi detector, to separate the recogniser from
  the rules.

Precision and recall are for ``person_name`` on tests/privacy/corpus/
names-tune.jsonl (the rules were tuned on it) and names-heldout.jsonl
(written first, never tuned on). Throughput is over ../shared/corpus/minutes/
(UTF-8 megabytes per second, names only); peak memory is the process's
maximum resident size, dictionary or model included.

Measured on the development machine (2 cores shared with other work),
2026-11, SudachiPy 0.6 with SudachiDict-core in both venvs, GiNZA 5.3
(ja_ginza 5.3, spaCy 3.8). Held-out: 29 names in 64 texts; tune: 35 names in
70 texts. GiNZA's throughput is over the first 0.55 MB of the minutes (it
needs minutes for the whole); Sudachi's over all 1.38 MB.

| engine | held-out P | held-out R | tune P | tune R | MB/s | peak memory |
|---|---|---|---|---|---|---|
| sudachi | 0.966 | 0.966 | 1.000 | 0.971 | 0.79 | 205 MB |
| ginza | 0.632 | 0.828 | 0.596 | 0.800 | 0.005 | 691 MB |
| ginza-rules | 0.750 | 0.828 | 0.730 | 0.771 | 0.003 | 695 MB |

These figures predate the rule that a surname beside a staff post is a
name (田中課長, 課長の田中): the corpus then held such staff as clean. Since,
Sudachi with the rules scores 0.972 / 0.972 held-out and 1.000 / 0.977 tune;
GiNZA was not measured again.

GiNZA's mistakes are mostly of two sorts: staff named by their post
(田中課長, 山本係長, 市長の島田), which its recogniser rightly calls a Person
but the guard's rule leaves alone, and spans cut in the wrong place (村上様
with the honorific, 高木係 without 長, グエン・ヴァン without ナム, 鈴木建設).
The shared rules remove the first sort but cannot mend the second.
"""

import argparse
import resource
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from tests.privacy.scoring import load, score  # noqa: E402

CORPORA = ("names-heldout", "names-tune")
MINUTES = BASE_DIR.parent / "shared" / "corpus" / "minutes"


def sudachi_engine():
    from intranet.privacy import names

    return lambda text: [(f.kind, f.text) for f in names.detect(text)]


def ginza_engine(rules):
    import spacy

    from intranet.privacy import names

    nlp = spacy.load("ja_ginza")

    def detect(text):
        found = []
        for chunk_offset, chunk in names._chunks(text):
            doc = nlp(chunk)
            for entity in doc.ents:
                if entity.label_ != "Person":
                    continue
                start, end = chunk_offset + entity.start_char, chunk_offset + entity.end_char
                if rules:
                    after = doc[entity.end] if entity.end < len(doc) else None
                    honorific = after is not None and after.text in names.HONORIFICS
                    full = len(entity) >= 2 and any(t.text.strip() for t in entity[1:])
                    if not names._keep(text, start, end, full, honorific):
                        continue
                found.append(("person_name", text[start:end]))
        return found

    return detect


def minutes_texts(limit_bytes):
    texts, total = [], 0
    for path in sorted(MINUTES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        texts.append(text)
        total += len(text.encode("utf-8"))
        if limit_bytes and total >= limit_bytes:
            break
    return texts


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--engine", choices=("sudachi", "ginza", "ginza-rules"), default="sudachi")
    parser.add_argument("--minutes-mb", type=float, default=0, help="this much text (0: all)")
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args()

    # names.py needs no configured Django (its labels are lazy), so the GiNZA
    # virtualenv needs only Django itself, not the project's dependencies.
    started = time.perf_counter()
    if args.engine == "sudachi":
        detect = sudachi_engine()
    else:
        detect = ginza_engine(rules=args.engine == "ginza-rules")
    detect("山田太郎様")  # load the dictionary or the model before timing
    load_seconds = time.perf_counter() - started

    row = [args.engine]
    for name in CORPORA:
        result = score(load(name), detect, ["person_name"])["person_name"]
        row += [f"{result.precision:.3f}", f"{result.recall:.3f}"]
        print(
            f"{name}: {result.expected} names, {result.true_positives} found, "
            f"{result.false_positives} wrong, {len(result.missed)} missed"
        )
        if args.show_errors:
            for text, line in result.wrong:
                print(f"  wrong  {text!r}  in  {line[:60]!r}")
            for text, line in result.missed:
                print(f"  missed {text!r}  in  {line[:60]!r}")

    texts = minutes_texts(int(args.minutes_mb * 1_000_000))
    size = sum(len(text.encode("utf-8")) for text in texts)
    started = time.perf_counter()
    found = sum(len(detect(text)) for text in texts)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    row += [f"{size / 1_000_000 / seconds:.3f}", f"{peak_mb:.0f} MB"]
    print(
        f"minutes: {size / 1_000_000:.2f} MB in {seconds:.1f} s, {found} names; "
        f"load {load_seconds:.1f} s"
    )
    print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
