"""Precision and recall per kind on the corpus files in tests/privacy/corpus/.

Each line of a ``*.jsonl`` file is ``{"text", "expect", "source"}``; ``expect``
lists every piece of personal data in the text as ``[kind, exact substring]``.
A finding is a true positive when its (kind, text) matches an expected entry
of its line not matched before, otherwise a false positive. Files named
``*-heldout.jsonl`` are never tuned on; the others (``*-tune.jsonl``) are.
"""

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus"
SPLITS = ("tune", "heldout")


def corpus_lines(split):
    """Every line of every corpus file of ``split`` ("tune" or "heldout")."""
    for path in sorted(CORPUS.glob(f"*-{split}.jsonl")):
        with open(path, encoding="utf-8") as f:
            for number, line in enumerate(f, start=1):
                if line.strip():
                    yield f"{path.name}:{number}", json.loads(line)


@dataclass
class Score:
    true_positives: Counter = field(default_factory=Counter)
    false_positives: Counter = field(default_factory=Counter)
    false_negatives: Counter = field(default_factory=Counter)
    mistakes: list = field(default_factory=list)

    def kinds(self):
        counted = self.true_positives + self.false_positives + self.false_negatives
        return sorted(counted)

    def expected(self, kind):
        return self.true_positives[kind] + self.false_negatives[kind]

    def precision(self, kind):
        found = self.true_positives[kind] + self.false_positives[kind]
        return self.true_positives[kind] / found if found else None

    def recall(self, kind):
        expected = self.expected(kind)
        return self.true_positives[kind] / expected if expected else None


def score(split, scan):
    """Score ``scan(text) -> [Finding]`` on every line of ``split``."""
    result = Score()
    for where, item in corpus_lines(split):
        remaining = [tuple(entry) for entry in item["expect"]]
        for finding in scan(item["text"]):
            if (finding.kind, finding.text) in remaining:
                remaining.remove((finding.kind, finding.text))
                result.true_positives[finding.kind] += 1
            else:
                result.false_positives[finding.kind] += 1
                result.mistakes.append((where, "false positive", finding.kind, finding.text))
        for kind, text in remaining:
            result.false_negatives[kind] += 1
            result.mistakes.append((where, "missed", kind, text))
    return result
